/* history: what git remembers about records.
 *
 * A record's history is every commit that changed its file, field by field,
 * following renames.  (What the reports mine from HEAD's history is private
 * to the library: lib/history-private.h.) */
#ifndef FARLEY_HISTORY_H
#define FARLEY_HISTORY_H

#include "farley/emit.h"
#include "farley/error.h"
#include "farley/record.h"

struct farley_repo;

/* [{"commit", "date", "author", "changes": [{"field", "old", "new"}]}],
 * oldest first. */
int farley_history_record(struct farley_repo *repo, enum farley_kind kind,
			  const char *id, const char *path, struct farley_node **out,
			  struct farley_error *err);

/* A record that is gone from the work tree but was once committed (id in
 * full): its kind and the path it last had (the caller's), for
 * farley_history_record().  FARLEY_ENOTFOUND when git never had it. */
int farley_history_deleted(struct farley_repo *repo, const char *id,
			   enum farley_kind *kind, char **path,
			   struct farley_error *err);

#endif
