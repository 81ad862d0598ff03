/* unite: two records of one kind made one (farley merge KEEP OTHER).
 *
 * (Not merge.h, which is git's three-way merge of one record's texts.)
 *
 * KEEP takes what OTHER has and KEEP lacks:
 *   - a scalar from KEEP unless it is empty there (absent, null or ""),
 *     then OTHER's; two different values are a conflict, which KEEP wins
 *     (OTHER with prefer_other); `created` is the earlier of the two dates,
 *     no conflict;
 *   - a list as a set: KEEP's items in their order, then OTHER's new ones
 *     (e-mail addresses compared case aside, phone numbers by their
 *     national number);
 *   - the address part by part, as scalars; custom fields alike;
 *   - `merged`, a list of the ids merged into KEEP, gains OTHER's id (and
 *     OTHER's own `merged`), so KEEP's file always changes and `farley
 *     history KEEP` shows the merge.
 * Every reference to OTHER, in every reference field of every record
 * (farley_schema_ref_fields(), found with farley_index_referrers()), is
 * rewritten to KEEP by a format-preserving edit; a list that then holds
 * KEEP twice keeps the first.  OTHER's file is removed.  All of it is one
 * transaction, and so one commit. */
#ifndef FARLEY_UNITE_H
#define FARLEY_UNITE_H

#include <stddef.h>

#include "farley/error.h"
#include "farley/record.h"

struct farley_repo;
struct farley_index;
struct farley_txn;
struct farley_unite;

enum farley_unite_action {
	FARLEY_UNITE_TAKE,     /* KEEP takes OTHER's value (or new list items) */
	FARLEY_UNITE_CONFLICT, /* both hold a value: value kept, other dropped */
	FARLEY_UNITE_NOTE,     /* KEEP's `merged` gains OTHER's id */
	FARLEY_UNITE_RELINK,   /* record's field referred to other, now value */
	FARLEY_UNITE_REMOVE,   /* record (OTHER) is removed */
};

/* "take", "conflict", "note", "relink", "remove" */
const char *farley_unite_action_name(enum farley_unite_action a);

struct farley_unite_step {
	enum farley_unite_action action;
	char *record; /* the record changed */
	char *field;  /* "phones", "address.city"; NULL for remove */
	char *value;  /* what the field holds of it now (list items joined by ", ") */
	char *other;  /* conflict: the value dropped; relink: OTHER's id */
};

struct farley_unite_plan {
	struct farley_unite_step *steps;
	size_t n, alloc;
	size_t references; /* references moved from OTHER to KEEP */
};

void farley_unite_plan_release(struct farley_unite_plan *plan);

/* The field-level part, in memory: merge other's fields into keep (which
 * should start as a copy of KEEP), adding a step to plan for each field
 * taken and each conflict, and the note of `merged`. */
void farley_unite_fields(struct farley_record *keep,
			 const struct farley_record *other, int prefer_other,
			 struct farley_unite_plan *plan);
/* Rewrite r's references to from as to (every reference field of r's
 * kind, scalar or list); a list then holding to twice keeps the first.
 * Returns how many references were rewritten; when plan is not NULL each
 * field changed is a relink step. */
size_t farley_unite_relink(struct farley_record *r, const char *from,
			   const char *to, struct farley_unite_plan *plan);

struct farley_unite_opts {
	int prefer_other; /* conflicts go OTHER's way */
};

/* Plan the merge of other into keep: both must be full ids
 * (farley_lookup_full: a prefix gets "did you mean ID?"), of one kind and
 * different (FARLEY_EINVAL).  Reads the records, finds the referrers in
 * idx, and renders every changed file; nothing is written. */
int farley_unite_prepare(struct farley_unite **out, struct farley_repo *repo,
			 struct farley_index *idx, const char *keep,
			 const char *other, const struct farley_unite_opts *opts,
			 struct farley_error *err);
const struct farley_unite_plan *farley_unite_plan(const struct farley_unite *u);
/* KEEP as it will be written (id, kind, path and fields). */
const struct farley_record *farley_unite_kept(const struct farley_unite *u);
/* "merge contact jane-doe-2 into jane-doe: 3 references moved" */
const char *farley_unite_message(const struct farley_unite *u);
/* Stage KEEP, every relinked record and OTHER's removal in txn (taken
 * with farley_txn_begin() before farley_unite_prepare()); the caller
 * commits with farley_unite_message(). */
int farley_unite_stage(struct farley_unite *u, struct farley_txn *txn,
		       struct farley_error *err);
void farley_unite_free(struct farley_unite *u);

#endif
