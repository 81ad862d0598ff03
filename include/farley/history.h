/* history: what git remembers about records.
 *
 * A record's history is every commit that changed its file, field by field,
 * following renames.  Deal analytics (stages, slips, stalled) use the
 * transitions of `stage` and `close` mined from HEAD's first-parent
 * history, cached in the index per commit so a second run only reads new
 * commits. */
#ifndef FARLEY_HISTORY_H
#define FARLEY_HISTORY_H

#include "farley/emit.h"
#include "farley/error.h"
#include "farley/index.h"
#include "farley/record.h"

struct farley_repo;

/* [{"commit", "date", "author", "changes": [{"field", "old", "new"}]}],
 * oldest first. */
int farley_history_record(struct farley_repo *repo, enum farley_kind kind,
			  const char *id, const char *path, struct farley_node **out,
			  struct farley_error *err);

/* Every change of a deal's stage or close date along HEAD's first-parent
 * history, oldest first (a deal's creation is a change from NULL). */
int farley_history_deals(struct farley_repo *repo, struct farley_index *idx,
			 struct farley_transition **out, size_t *n,
			 struct farley_error *err);
void farley_transitions_free(struct farley_transition *t, size_t n);

#endif
