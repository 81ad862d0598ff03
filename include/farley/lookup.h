/* lookup: a record by its id or an unambiguous prefix of it.
 *
 * Ids may be shortened wherever a person types one ("farley show acme").
 * The place farley would have put a record is tried first (one stat); then
 * the index, when the caller has one open, or else a walk of the work tree.
 * Every "no record" and "ambiguous" message comes from here, so they read
 * the same whichever way the record was looked for. */
#ifndef FARLEY_LOOKUP_H
#define FARLEY_LOOKUP_H

#include "farley/error.h"
#include "farley/record.h"

struct farley_repo;
struct farley_index;

struct farley_lookup {
	struct farley_repo *repo;
	struct farley_index *idx; /* may be NULL: walk the work tree */
};

/* Resolve prefix to a record of kind want (FARLEY_NOKIND: any kind); *id
 * and *relpath are the caller's.  FARLEY_ENOTFOUND, or FARLEY_EAMBIG with
 * the candidates listed in the message. */
int farley_lookup_resolve(const struct farley_lookup *lk, const char *prefix,
			  enum farley_kind want, enum farley_kind *kind,
			  char **id, char **relpath, struct farley_error *err);
/* Resolve id for a command that destroys (merge): it must be a record's
 * full id.  A prefix of one record's id is refused (FARLEY_ENOTFOUND,
 * "'jane' is not a full id; did you mean 'jane-doe'?"), of several with
 * them listed (FARLEY_EAMBIG). */
int farley_lookup_full(const struct farley_lookup *lk, const char *id,
		       enum farley_kind *kind, char **relpath,
		       struct farley_error *err);
/* Resolve, then load and parse the record. */
int farley_lookup_find(const struct farley_lookup *lk, const char *prefix,
		       struct farley_record *out, struct farley_error *err);
/* 1 when a record with exactly this id exists (any kind), else 0. */
int farley_lookup_exists(const struct farley_lookup *lk, const char *id);

/* The reference check of a field (company=acme): complete a prefix to the
 * id of a record of kind want, or say why not ("'acme-x' is a deal, not a
 * company").  lookup is a struct farley_lookup *; the signature is
 * assign.h's farley_ref_fn. */
int farley_lookup_ref(void *lookup, const char *field, const char *value,
		      enum farley_kind want, char **id, struct farley_error *err);

#endif
