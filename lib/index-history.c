/* index-history.c: the history cache in the index.
 *
 * Owns the tables mined(commit_id) and transitions(...): the field
 * transitions history.c mines from each commit, stored per commit so that
 * the next analytics run only mines commits newer than the last one.  The
 * cache is part of the index: a rebuild empties it, and it is mined again. */
#include "index-private.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int farley_index_history_get(struct farley_index *idx, const char *commit,
			     struct farley_transition **t, size_t *n,
			     int *found)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = *n;
	*found = 0;
	if (sqlite3_prepare_v2(idx->db, "SELECT 1 FROM mined WHERE commit_id = ?", -1,
			       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, commit, -1, SQLITE_STATIC);
	*found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!*found)
		return 0;
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT time, author, deal, field, old, new FROM transitions"
			       " WHERE commit_id = ? ORDER BY seq",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, commit, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct farley_transition *x;
		const char *v;
		ALLOC_GROW(*t, *n + 1, alloc);
		x = &(*t)[(*n)++];
		memset(x, 0, sizeof(*x));
		snprintf(x->commit, sizeof(x->commit), "%s", commit);
		x->time = sqlite3_column_int64(st, 0);
		x->author = xstrdup((const char *)sqlite3_column_text(st, 1));
		x->deal = xstrdup((const char *)sqlite3_column_text(st, 2));
		x->field = xstrdup((const char *)sqlite3_column_text(st, 3));
		v = (const char *)sqlite3_column_text(st, 4);
		x->old = v ? xstrdup(v) : NULL;
		v = (const char *)sqlite3_column_text(st, 5);
		x->new = v ? xstrdup(v) : NULL;
	}
	sqlite3_finalize(st);
	return 0;
}

int farley_index_history_put(struct farley_index *idx, const char *commit,
			     const struct farley_transition *t, size_t n)
{
	sqlite3_stmt *st = NULL;
	int ret = 0;
	if (sqlite3_prepare_v2(idx->db,
			       "INSERT OR REPLACE INTO transitions(commit_id, seq, time,"
			       " author, deal, field, old, new) VALUES(:commit, :seq,"
			       " :time, :author, :deal, :field, :old, :new)",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (size_t i = 0; i < n && !ret; i++) {
		sqlite3_reset(st);
		farley_idx_bind_text(st, ":commit", commit);
		farley_idx_bind_int(st, ":seq", (int64_t)i);
		farley_idx_bind_int(st, ":time", t[i].time);
		farley_idx_bind_text(st, ":author", t[i].author);
		farley_idx_bind_text(st, ":deal", t[i].deal);
		farley_idx_bind_text(st, ":field", t[i].field);
		farley_idx_bind_text(st, ":old", t[i].old);
		farley_idx_bind_text(st, ":new", t[i].new);
		ret = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	if (!ret && sqlite3_prepare_v2(idx->db,
				       "INSERT OR IGNORE INTO mined(commit_id) VALUES(?)",
				       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, commit, -1, SQLITE_STATIC);
		ret = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
		sqlite3_finalize(st);
	}
	return ret;
}

int farley_index_begin(struct farley_index *idx)
{
	return farley_idx_exec(idx, "BEGIN IMMEDIATE", NULL);
}

int farley_index_commit(struct farley_index *idx)
{
	return farley_idx_exec(idx, "COMMIT", NULL);
}
