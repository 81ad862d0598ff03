/* assign: changing a record's fields the way people type it.
 *
 *   FIELD=VALUE    set (a list field takes comma-separated values)
 *   FIELD+=VALUE   add to a list (a custom field becomes a list)
 *   FIELD-=VALUE   remove from a list
 *   FIELD=         remove the field
 *   address.city=Berlin   one part of the address
 *
 * Values are normalised by the field's type before they are stored: money
 * to two decimals ("12000.5" -> 12000.50), probabilities, dates from
 * "today+3d", references completed from a prefix to the full id (through
 * the caller's resolver, so this module needs no repository). */
#ifndef FARLEY_ASSIGN_H
#define FARLEY_ASSIGN_H

#include "farley/config.h"
#include "farley/error.h"
#include "farley/record.h"
#include "farley/strbuf.h"

enum farley_assign_op { FARLEY_ASSIGN_SET, FARLEY_ASSIGN_ADD, FARLEY_ASSIGN_DEL };

struct farley_assign {
	char *field;
	enum farley_assign_op op;
	char *value;
};

/* Parse "f=v", "f+=v", "f-=v" or "f=": 0, or -1 when arg is not one. */
int farley_assign_parse(const char *arg, struct farley_assign *a);
void farley_assign_release(struct farley_assign *a);

/* Complete a reference typed as value (maybe a prefix) for field to the id
 * of a record of kind want; *id is the caller's.  0 or an error. */
typedef int (*farley_resolve_fn)(void *data, const char *field,
				 const char *value, enum farley_kind want,
				 char **id, struct farley_error *err);

struct farley_assign_env {
	const struct farley_config *cfg;
	farley_resolve_fn resolve; /* NULL: references are taken as typed */
	void *data;
};

/* Apply one assignment to r, with type and reference checks, and append a
 * description of the change to desc ("stage lead -> won").  A malformed
 * assignment (not a list, bad field name) is FARLEY_EUSAGE; a bad value
 * FARLEY_EINVAL.  On error r is unchanged. */
int farley_assign_apply(const struct farley_assign_env *env,
			struct farley_record *r, const struct farley_assign *a,
			struct strbuf *desc, struct farley_error *err);

/* A deal moved into a closed stage (won or lost, from farley.yaml) closed
 * today: unless the same change set close itself (it differs from
 * old_close), set close to today (as a date) and describe that in desc
 * (may be NULL).  old_stage and old_close are the values before the change
 * (NULL: none).  1 when close was set, else 0.  Not for imports: an
 * imported deal did not close today. */
int farley_deal_closing(const struct farley_config *cfg, struct farley_record *r,
			const char *old_stage, const char *old_close,
			int32_t today, struct strbuf *desc);

#endif
