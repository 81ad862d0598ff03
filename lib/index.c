/* index.c: the index as the rest of farley sees it: open (building it
 * when the file is missing, damaged or of another schema version, else
 * bringing it up to date with HEAD), close, and the counts.
 *
 * The parts, bottom up: index-db.c (the SQLite file), index-search.c,
 * index-write.c (a record's rows), index-sync.c (tree diff, overlay),
 * index-rebuild.c (a new file from scratch); index-read.c and
 * index-history.c answer from the file.  lib/index-private.h lists what
 * they share. */
#include "index-private.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static size_t count_records(struct farley_index *idx)
{
	sqlite3_stmt *st = NULL;
	size_t n = 0;
	if (sqlite3_prepare_v2(idx->db, "SELECT count(*) FROM records", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int farley_index_open(struct farley_index **out, struct farley_repo *repo,
		      farley_progress_fn progress, void *pdata,
		      struct farley_error *err)
{
	struct farley_index *idx = xcalloc(1, sizeof(*idx));
	struct strbuf dir = STRBUF_INIT;
	int ret;
	idx->repo = repo;
	idx->progress = progress;
	idx->pdata = pdata;
	strbuf_addf(&dir, "%sfarley", repo->gitdir);
	if (mkdir(dir.buf, 0700) && errno != EEXIST) {
		ret = farley_error_errno(err, FARLEY_EIO, "cannot create '%s'", dir.buf);
		goto fail;
	}
	idx->path = xstrfmt("%s/index.db", dir.buf);
	if (!farley_idx_healthy(idx)) {
		/* missing, truncated, corrupt or from another version */
		farley_idx_close_db(idx);
		if ((ret = farley_idx_full_rebuild(idx, err)))
			goto fail;
	} else if ((ret = farley_index_sync(idx, err))) {
		/* a damaged file can look whole: rebuild once, then give up */
		farley_error_clear(err);
		farley_idx_close_db(idx);
		if ((ret = farley_idx_full_rebuild(idx, err)))
			goto fail;
	}
	strbuf_release(&dir);
	*out = idx;
	return 0;
fail:
	strbuf_release(&dir);
	farley_index_close(idx);
	return ret;
}

void farley_index_close(struct farley_index *idx)
{
	if (!idx)
		return;
	farley_idx_close_db(idx);
	free(idx->path);
	free(idx);
}

const struct farley_index_stats *farley_index_stats(struct farley_index *idx)
{
	idx->stats.records = count_records(idx); /* a full scan: only on request */
	return &idx->stats;
}

int farley_index_sync(struct farley_index *idx, struct farley_error *err)
{
	int ret = farley_idx_sync(idx, err);
	if (ret == FARLEY_IDX_REWRITTEN)
		ret = farley_idx_full_rebuild(idx, err); /* history was rewritten */
	return ret;
}
