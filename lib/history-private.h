/* history-private.h: deal transitions, for the reports (lib/ only).
 *
 * Deal analytics (stages, slips, stalled) use the transitions of `stage`
 * and `close` mined from HEAD's first-parent history, cached in the index
 * per commit (index-history.c) so a second run only reads new commits. */
#ifndef FARLEY_HISTORY_PRIVATE_H
#define FARLEY_HISTORY_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "farley/error.h"
#include "farley/history.h"

struct farley_index;

/* One field of one deal changed in one commit. */
struct farley_transition {
	char commit[41];
	int64_t time;   /* committer time */
	char *author;
	char *deal;
	char *field;
	char *old, *new; /* NULL when absent */
};

/* Every change of a deal's stage or close date along HEAD's first-parent
 * history, oldest first (a deal's creation is a change from NULL).  idx,
 * when not NULL, caches what is mined. */
int farley_history_deals(struct farley_repo *repo, struct farley_index *idx,
			 struct farley_transition **out, size_t *n,
			 struct farley_error *err);
/* The same for any kind's fields (not cached): a case's status. */
int farley_history_changes(struct farley_repo *repo, enum farley_kind kind,
			   const char *const *fields, size_t nfields,
			   struct farley_transition **out, size_t *n,
			   struct farley_error *err);
void farley_transitions_free(struct farley_transition *t, size_t n);

#endif
