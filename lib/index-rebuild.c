/* index-rebuild.c: building the index from scratch.
 *
 * Owns the full rebuild: walk HEAD's tree for record blobs, prepare them on
 * a reader thread (with its own git_repository: libgit2 objects are not
 * shared across threads) while this thread inserts, write it all into a new
 * file, then swap that file in; and farley_index_parse_all(), the same
 * reading without SQLite, which a rebuild's speed is measured against. */
#include "index-private.h"
#include "farley/ids.h"
#include "farley/yamlrec.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct walk_state {
	struct farley_index *idx;
	struct farley_idx_paths paths;
	git_oid *oids;
	size_t alloc;
};

static int collect_blob(const char *root, const git_tree_entry *e, void *data)
{
	struct walk_state *ws = data;
	struct strbuf p = STRBUF_INIT;
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		/* skip whole top-level folders that hold no records */
		if (!*root) {
			strbuf_addf(&p, "%s/", git_tree_entry_name(e));
			int keep = farley_idx_record_dir(p.buf);
			strbuf_release(&p);
			return keep ? 0 : 1;
		}
		return 0;
	}
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	strbuf_addf(&p, "%s%s", root, git_tree_entry_name(e));
	if (farley_idx_record_dir(p.buf)) {
		enum farley_kind k;
		struct strbuf id = STRBUF_INIT;
		if (!farley_path_record(p.buf, &k, &id)) {
			size_t alloc = ws->alloc;
			ALLOC_GROW(ws->oids, ws->paths.n + 1, alloc);
			ws->alloc = alloc;
			git_oid_cpy(&ws->oids[ws->paths.n], git_tree_entry_id(e));
			farley_idx_paths_add(&ws->paths, p.buf);
		}
		strbuf_release(&id);
	}
	strbuf_release(&p);
	return 0;
}

/* The rebuild pipeline: a reader thread reads blobs and prepares records
 * (with its own git_repository: libgit2 objects are not shared across
 * threads) into a ring of slots; the calling thread inserts them in order.
 * Records change hands in chunks, so the two threads rarely wait on each
 * other. */
#define RING 1024
#define CHUNK 64

struct pipeline {
	struct farley_index *idx;
	const struct walk_state *ws;
	const struct farley_config *cfg;
	struct farley_idx_prep ring[RING];
	size_t produced; /* records prepared so far */
	size_t consumed; /* records inserted so far */
	int stop;
	int failed;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* Read and prepare record i (blob at ws->oids[i]) with repository g. */
static void prepare_one(const struct walk_state *ws,
			const struct farley_config *cfg, git_repository *g,
			size_t i, struct farley_idx_prep *out)
{
	git_blob *blob = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	const char *path = ws->paths.p[i];
	git_oid_tostr(hex, sizeof(hex), &ws->oids[i]);
	if (git_blob_lookup(&blob, g, &ws->oids[i]) < 0)
		farley_idx_prep_unreadable(out, path, hex, "cannot read its blob");
	else if (git_blob_rawsize(blob) > FARLEY_MAX_FILE)
		farley_idx_prep_unreadable(out, path, hex, FARLEY_IDX_TOO_LARGE);
	else
		farley_idx_prep_record(out, cfg, path, hex,
				       git_blob_rawcontent(blob),
				       (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
}

static void *reader_main(void *arg)
{
	struct pipeline *pl = arg;
	git_repository *g = NULL;
	size_t total = pl->ws->paths.n, room = 0;
	if (git_repository_open(&g, pl->idx->repo->gitdir) < 0) {
		pthread_mutex_lock(&pl->mu);
		pl->failed = 1;
		pthread_cond_broadcast(&pl->cv);
		pthread_mutex_unlock(&pl->mu);
		return NULL;
	}
	for (size_t i = 0; i < total; i++) {
		if (i >= room) {
			pthread_mutex_lock(&pl->mu);
			while (!pl->stop && i >= pl->consumed + RING)
				pthread_cond_wait(&pl->cv, &pl->mu);
			room = pl->consumed + RING;
			pthread_mutex_unlock(&pl->mu);
			if (pl->stop)
				break;
		}
		prepare_one(pl->ws, pl->cfg, g, i, &pl->ring[i % RING]);
		if ((i + 1) % CHUNK == 0 || i + 1 == total) {
			pthread_mutex_lock(&pl->mu);
			pl->produced = i + 1;
			pthread_cond_broadcast(&pl->cv);
			pthread_mutex_unlock(&pl->mu);
		}
	}
	git_repository_free(g);
	return NULL;
}

/* Insert every collected record, prepared on the reader thread. */
static int run_pipeline(struct farley_index *idx, const struct walk_state *ws,
			struct farley_error *err)
{
	struct pipeline *pl = xcalloc(1, sizeof(*pl));
	pthread_t th;
	size_t total = ws->paths.n, avail = 0, i = 0;
	int ret = 0;
	pl->idx = idx;
	pl->ws = ws;
	pl->cfg = farley_repo_config(idx->repo);
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->cv, NULL);
	if (pthread_create(&th, NULL, reader_main, pl)) {
		free(pl);
		return farley_error_set(err, FARLEY_EFAIL, "index: cannot start a thread");
	}
	for (; !ret && i < total; i++) {
		if (i >= avail) {
			pthread_mutex_lock(&pl->mu);
			pl->consumed = i;
			pthread_cond_broadcast(&pl->cv);
			while (pl->produced <= i && !pl->failed)
				pthread_cond_wait(&pl->cv, &pl->mu);
			avail = pl->produced;
			pthread_mutex_unlock(&pl->mu);
			if (avail <= i) {
				ret = farley_error_set(err, FARLEY_EFAIL,
						       "index: the reader thread could not "
						       "open the repository");
				break;
			}
		}
		ret = farley_idx_insert_prep(idx, &pl->ring[i % RING], err);
		farley_idx_prep_release(&pl->ring[i % RING]);
		if (idx->progress && (i % 2000 == 0 || i + 1 == total))
			idx->progress(i + 1, total, idx->pdata);
	}
	pthread_mutex_lock(&pl->mu);
	pl->stop = 1;
	pl->consumed = total;
	pthread_cond_broadcast(&pl->cv);
	pthread_mutex_unlock(&pl->mu);
	pthread_join(th, NULL);
	/* after an error, free what the reader prepared and nobody inserted */
	for (; i < pl->produced; i++)
		farley_idx_prep_release(&pl->ring[i % RING]);
	pthread_mutex_destroy(&pl->mu);
	pthread_cond_destroy(&pl->cv);
	free(pl);
	return ret;
}

static int collect_head(struct farley_index *idx, git_tree *htree,
			struct walk_state *ws, struct farley_error *err)
{
	ws->idx = idx;
	if (htree && git_tree_walk(htree, GIT_TREEWALK_PRE, collect_blob, ws) < 0)
		return farley_git_error(err, "index: cannot read HEAD's tree");
	return 0;
}

static int build_into(struct farley_index *idx, const char *path, git_tree *htree,
		      const char *hex, struct farley_error *err)
{
	struct walk_state ws = { 0 };
	int ret;
	unlink(path);
	if ((ret = farley_idx_create(idx, path, err)) ||
	    (ret = farley_idx_prepare_writes(idx, err)) ||
	    (ret = collect_head(idx, htree, &ws, err)) ||
	    (ret = run_pipeline(idx, &ws, err)) ||
	    (ret = farley_idx_finish(idx, hex, err)))
		goto out;
out:
	farley_idx_finalize_all(idx);
	farley_idx_paths_clear(&ws.paths);
	free(ws.oids);
	farley_idx_close_db(idx);
	return ret;
}

int farley_index_parse_all(struct farley_repo *repo, size_t *n,
			   struct farley_error *err)
{
	struct farley_index idx = { 0 };
	struct walk_state ws = { 0 };
	git_oid head;
	git_tree *htree = NULL;
	int has, ret;
	idx.repo = repo;
	if (!(ret = farley_idx_head_tree(&idx, &head, &has, &htree, err)) &&
	    !(ret = collect_head(&idx, htree, &ws, err))) {
		/* one thread, nothing else: the honest floor */
		for (size_t i = 0; i < ws.paths.n; i++) {
			struct farley_idx_prep p;
			prepare_one(&ws, farley_repo_config(repo), repo->git, i,
				    &p);
			farley_idx_prep_release(&p);
		}
	}
	*n = ws.paths.n;
	farley_idx_paths_clear(&ws.paths);
	free(ws.oids);
	git_tree_free(htree);
	return ret;
}

/* Put a freshly built index file in place of the live one.  When a healthy
 * live index exists, its contents are replaced in one transaction (SQLite's
 * backup API), so readers holding it open see the old index or the new one,
 * never a mix; otherwise the new file is simply renamed into place. */
static int swap_in(struct farley_index *idx, const char *tmp, int live_ok,
		   struct farley_error *err)
{
	sqlite3 *src = NULL;
	sqlite3_backup *b;
	int ret = 0;
	if (!live_ok) {
		struct strbuf side = STRBUF_INIT;
		strbuf_addf(&side, "%s-wal", idx->path);
		unlink(side.buf);
		strbuf_reset(&side);
		strbuf_addf(&side, "%s-shm", idx->path);
		unlink(side.buf);
		strbuf_release(&side);
		if (rename(tmp, idx->path))
			return farley_error_errno(err, FARLEY_EIO,
						  "index: cannot replace '%s'", idx->path);
		return farley_idx_open_db(idx, idx->path, 0, err);
	}
	if ((ret = farley_idx_open_db(idx, idx->path, 0, err)))
		return ret;
	if (sqlite3_open_v2(tmp, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(src);
		return farley_error_set(err, FARLEY_EFAIL, "index: cannot read the new index");
	}
	b = sqlite3_backup_init(idx->db, "main", src, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE)
		ret = farley_idx_dberr(idx, err,
				       "cannot install the new index");
	sqlite3_backup_finish(b);
	sqlite3_close(src);
	unlink(tmp);
	return ret;
}

int farley_idx_full_rebuild(struct farley_index *idx, struct farley_error *err)
{
	struct strbuf tmp = STRBUF_INIT;
	struct farley_idx_paths over = { 0 };
	git_oid head;
	git_tree *htree = NULL;
	char hex[GIT_OID_HEXSZ + 1] = "";
	int has, ret, live_ok;
	live_ok = idx->db != NULL || farley_idx_healthy(idx);
	/* farley's own uncommitted writes survive a rebuild: the incrementally
	 * updated index shows them, so the rebuilt one must too */
	if (live_ok && idx->db) {
		struct farley_error ignore = FARLEY_ERROR_INIT;
		farley_idx_overlay_paths(idx, &over, &ignore);
		farley_error_clear(&ignore);
	}
	farley_idx_close_db(idx);
	if ((ret = farley_idx_head_tree(idx, &head, &has, &htree, err)))
		goto out;
	if (has)
		git_oid_tostr(hex, sizeof(hex), &head);
	strbuf_addf(&tmp, "%s.tmp-%ld", idx->path, (long)getpid());
	if ((ret = build_into(idx, tmp.buf, htree, hex, err))) {
		unlink(tmp.buf);
		goto out;
	}
	if ((ret = swap_in(idx, tmp.buf, live_ok, err)))
		goto out;
	idx->stats.rebuilt = 1;
	if (over.n)
		ret = farley_idx_note_paths_tx(idx, (const char *const *)over.p,
					       over.n, err);
out:
	if (tmp.len)
		unlink(tmp.buf);
	git_tree_free(htree);
	strbuf_release(&tmp);
	farley_idx_paths_clear(&over);
	return ret;
}

int farley_index_rebuild(struct farley_index *idx, struct farley_error *err)
{
	return farley_idx_full_rebuild(idx, err);
}
