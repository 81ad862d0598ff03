/* index-rebuild.c: building the index from scratch.
 *
 * Owns the full rebuild: walk HEAD's tree for record blobs and prepare them
 * on a reader thread (with its own git_repository: libgit2 objects are not
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
#include <fcntl.h>
#include <unistd.h>

/* Walking HEAD's tree for record blobs: fn(path, blob id, data) for each
 * file of a record folder whose path names a record (a negative return
 * stops the walk).  Nothing is kept: a rebuild streams the records. */
typedef int (*record_fn)(const char *path, const git_oid *oid, void *data);

struct walk {
	record_fn fn;
	void *data;
	struct strbuf path;
};

static int walk_entry(const char *root, const git_tree_entry *e, void *data)
{
	struct walk *w = data;
	enum farley_kind k;
	struct strbuf id = STRBUF_INIT;
	int ret = 0;
	strbuf_reset(&w->path);
	strbuf_addf(&w->path, "%s%s", root, git_tree_entry_name(e));
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		/* skip whole top-level folders that hold no records */
		if (*root)
			return 0;
		strbuf_addch(&w->path, '/');
		return farley_idx_record_dir(w->path.buf) ? 0 : 1;
	}
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
	    !farley_idx_record_dir(w->path.buf))
		return 0;
	if (!farley_path_record(w->path.buf, &k, &id))
		ret = w->fn(w->path.buf, git_tree_entry_id(e), w->data);
	strbuf_release(&id);
	return ret;
}

static int walk_records(git_tree *tree, record_fn fn, void *data)
{
	struct walk w = { fn, data, STRBUF_INIT };
	int ret = git_tree_walk(tree, GIT_TREEWALK_PRE, walk_entry, &w);
	strbuf_release(&w.path);
	return ret;
}

static int count_one(const char *path, const git_oid *oid, void *data)
{
	(void)path;
	(void)oid;
	(*(size_t *)data)++;
	return 0;
}

/* Read and prepare the record at path (blob oid) with repository g. */
static void prepare_one(const struct farley_config *cfg, git_repository *g,
			const char *path, const git_oid *oid,
			struct farley_idx_prep *out)
{
	git_blob *blob = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), oid);
	if (git_blob_lookup(&blob, g, oid) < 0)
		farley_idx_prep_unreadable(out, path, hex, "cannot read its blob");
	else if (git_blob_rawsize(blob) > FARLEY_MAX_FILE)
		farley_idx_prep_unreadable(out, path, hex, FARLEY_IDX_TOO_LARGE);
	else
		farley_idx_prep_record(out, cfg, path, hex,
				       git_blob_rawcontent(blob),
				       (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
}

/* The rebuild pipeline: a reader thread walks HEAD's tree and reads and
 * prepares the records (with its own git_repository: libgit2 objects are
 * not shared across threads) into a ring of slots; the calling thread
 * inserts them in order.  Records change hands in chunks, so the two
 * threads rarely wait on each other; the reader frees a slot's previous
 * record before it reuses the slot, so the inserting thread, the busier
 * one, does no freeing.  No list of paths is kept. */
#define RING 1024
#define CHUNK 64
/* libgit2 maps packs in windows it keeps up to a limit (8 GiB by default),
 * so reading every blob would keep the whole pack resident: a build maps
 * small windows, under a small limit. */
#define BUILD_WINDOW (4 << 20)
#define BUILD_MAPPED (32 << 20)

struct pipeline {
	struct farley_index *idx;
	const struct farley_config *cfg;
	git_oid tree;
	git_repository *g;    /* the reader's */
	struct farley_idx_prep ring[RING];
	size_t next;          /* records the reader has started (its own) */
	size_t room;          /* the reader's copy of consumed + RING */
	size_t total;         /* records in the tree, once counted */
	size_t produced;      /* records prepared so far */
	size_t consumed;      /* records inserted so far */
	int done, stop, failed;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void publish(struct pipeline *pl)
{
	pthread_mutex_lock(&pl->mu);
	pl->produced = pl->next;
	pthread_cond_broadcast(&pl->cv);
	pthread_mutex_unlock(&pl->mu);
}

static int reader_one(const char *path, const git_oid *oid, void *data)
{
	struct pipeline *pl = data;
	size_t i = pl->next;
	struct farley_idx_prep *slot = &pl->ring[i % RING];
	if (i >= pl->room) {
		pthread_mutex_lock(&pl->mu);
		while (!pl->stop && i >= pl->consumed + RING)
			pthread_cond_wait(&pl->cv, &pl->mu);
		pl->room = pl->consumed + RING;
		pthread_mutex_unlock(&pl->mu);
		if (pl->stop)
			return -1;
	}
	if (i >= RING)
		farley_idx_prep_release(slot); /* inserted: consumed > i - RING */
	prepare_one(pl->cfg, pl->g, path, oid, slot);
	pl->next = i + 1;
	if (pl->next % CHUNK == 0)
		publish(pl);
	return 0;
}

static void *reader_main(void *arg)
{
	struct pipeline *pl = arg;
	git_tree *tree = NULL;
	size_t total = 0;
	int failed = git_repository_open(&pl->g, pl->idx->repo->gitdir) < 0 ||
		     git_tree_lookup(&tree, pl->g, &pl->tree) < 0 ||
		     walk_records(tree, count_one, &total) < 0;
	if (!failed) {
		pthread_mutex_lock(&pl->mu);
		pl->total = total;
		pthread_mutex_unlock(&pl->mu);
		failed = walk_records(tree, reader_one, pl) < 0;
	}
	git_tree_free(tree);
	pthread_mutex_lock(&pl->mu);
	pl->produced = pl->next;
	pl->failed = failed && !pl->stop; /* a stop is the inserter's error */
	pl->done = 1;
	pthread_cond_broadcast(&pl->cv);
	pthread_mutex_unlock(&pl->mu);
	return NULL;
}

/* Insert every record of tree, prepared on the reader thread. */
static int run_pipeline(struct farley_index *idx, git_tree *tree,
			struct farley_error *err)
{
	struct pipeline *pl = xcalloc(1, sizeof(*pl));
	pthread_t th;
	size_t avail = 0, i = 0, total = 0, old_window = 0, old_mapped = 0;
	int ret = 0;
	pl->idx = idx;
	pl->cfg = farley_repo_config(idx->repo);
	git_oid_cpy(&pl->tree, git_tree_id(tree));
	git_libgit2_opts(GIT_OPT_GET_MWINDOW_SIZE, &old_window);
	git_libgit2_opts(GIT_OPT_GET_MWINDOW_MAPPED_LIMIT, &old_mapped);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)BUILD_WINDOW);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)BUILD_MAPPED);
	pthread_mutex_init(&pl->mu, NULL);
	pthread_cond_init(&pl->cv, NULL);
	if (pthread_create(&th, NULL, reader_main, pl)) {
		ret = farley_error_set(err, FARLEY_EFAIL, "index: cannot start a thread");
		goto out;
	}
	for (;; i++) {
		if (i >= avail) {
			pthread_mutex_lock(&pl->mu);
			pl->consumed = i;
			pthread_cond_broadcast(&pl->cv);
			while (pl->produced <= i && !pl->done)
				pthread_cond_wait(&pl->cv, &pl->mu);
			avail = pl->produced;
			total = pl->total;
			pthread_mutex_unlock(&pl->mu);
			if (avail <= i)
				break; /* the reader is done */
		}
		if ((ret = farley_idx_insert_prep(idx, &pl->ring[i % RING], err)))
			break;
		if (idx->progress && (i % 2000 == 0 || i + 1 == total))
			idx->progress(i + 1, total, idx->pdata);
	}
	pthread_mutex_lock(&pl->mu);
	pl->stop = 1;
	pthread_cond_broadcast(&pl->cv);
	pthread_mutex_unlock(&pl->mu);
	pthread_join(th, NULL);
	if (!ret && pl->failed)
		ret = farley_error_set(err, FARLEY_EFAIL,
				       "index: the reader thread could not read HEAD's tree");
	/* the records still in the ring, inserted or not */
	for (size_t j = pl->next > RING ? pl->next - RING : 0; j < pl->next; j++)
		farley_idx_prep_release(&pl->ring[j % RING]);
	git_repository_free(pl->g);
	pthread_mutex_destroy(&pl->mu);
	pthread_cond_destroy(&pl->cv);
out:
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, old_mapped);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, old_window);
	free(pl);
	return ret;
}

static int build_into(struct farley_index *idx, const char *path, git_tree *htree,
		      const char *hex, struct farley_error *err)
{
	int ret;
	unlink(path);
	if ((ret = farley_idx_create(idx, path, err)) ||
	    (ret = farley_idx_prepare_writes(idx, err)) ||
	    (htree && (ret = run_pipeline(idx, htree, err))) ||
	    (ret = farley_idx_finish(idx, hex, err)))
		goto out;
out:
	farley_idx_finalize_all(idx);
	farley_idx_close_db(idx);
	return ret;
}

struct parse_all {
	const struct farley_config *cfg;
	git_repository *g;
	size_t n;
};

static int parse_one(const char *path, const git_oid *oid, void *data)
{
	struct parse_all *pa = data;
	struct farley_idx_prep p;
	prepare_one(pa->cfg, pa->g, path, oid, &p);
	farley_idx_prep_release(&p);
	pa->n++;
	return 0;
}

int farley_index_parse_all(struct farley_repo *repo, size_t *n,
			   struct farley_error *err)
{
	struct farley_index idx = { 0 };
	struct parse_all pa = { farley_repo_config(repo), repo->git, 0 };
	git_oid head;
	git_tree *htree = NULL;
	int has, ret;
	idx.repo = repo;
	/* one thread, nothing else: the honest floor */
	if (!(ret = farley_idx_head_tree(&idx, &head, &has, &htree, err)) &&
	    htree && walk_records(htree, parse_one, &pa) < 0)
		ret = farley_git_error(err, "index: cannot read HEAD's tree");
	*n = pa.n;
	git_tree_free(htree);
	return ret;
}

/* The text a statement's first row holds in its first column. */
static int exec_text(sqlite3 *db, const char *sql, struct strbuf *out)
{
	sqlite3_stmt *st = NULL;
	int ok = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
		 sqlite3_step(st) == SQLITE_ROW;
	strbuf_reset(out);
	if (ok && sqlite3_column_text(st, 0))
		strbuf_addstr(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

/* When no one else has the live index open, take it for this process
 * alone (an exclusive lock held until it is closed, no journal), so that
 * copying the new file in writes each page once; newcomers wait on the
 * lock.  0 when it is taken; else the file is left as it was, in WAL. */
static int take_alone(struct farley_index *idx)
{
	struct strbuf mode = STRBUF_INIT;
	int ok;
	sqlite3_busy_timeout(idx->db, 0);
	/* leaving WAL needs every other connection closed */
	ok = !exec_text(idx->db, "PRAGMA journal_mode=DELETE", &mode) &&
	     !strcmp(mode.buf, "delete") &&
	     !farley_idx_exec(idx, "PRAGMA locking_mode=EXCLUSIVE", NULL) &&
	     !exec_text(idx->db, "PRAGMA journal_mode=OFF", &mode) &&
	     !strcmp(mode.buf, "off") &&
	     !farley_idx_exec(idx, "PRAGMA synchronous=OFF;"
			      " BEGIN EXCLUSIVE; COMMIT;", NULL);
	if (!ok) {
		farley_idx_exec(idx, "PRAGMA locking_mode=NORMAL", NULL);
		exec_text(idx->db, "PRAGMA journal_mode=WAL", &mode);
	}
	sqlite3_busy_timeout(idx->db, 30000);
	strbuf_release(&mode);
	return ok ? 0 : -1;
}

/* Put a freshly built index file in place of the live one.  When a healthy
 * live index exists, its contents are replaced (SQLite's backup API), so
 * readers holding it open see the old index or the new one, never a mix:
 * in one transaction through the WAL while others have it open, else
 * under an exclusive lock with no journal, which writes each page once
 * (a marker file, index.db-copying, makes a copy cut short an unhealthy
 * index).  Without a healthy live index the new file is simply renamed
 * into place. */
static int swap_in(struct farley_index *idx, const char *tmp, int live_ok,
		   struct farley_error *err)
{
	sqlite3 *src = NULL;
	sqlite3_backup *b;
	struct strbuf mark = STRBUF_INIT;
	int ret = 0, alone, fd, rc = SQLITE_ERROR;
	if (!live_ok) {
		struct strbuf side = STRBUF_INIT;
		strbuf_addf(&side, "%s-wal", idx->path);
		unlink(side.buf);
		strbuf_reset(&side);
		strbuf_addf(&side, "%s-shm", idx->path);
		unlink(side.buf);
		strbuf_reset(&side);
		strbuf_addf(&side, "%s-copying", idx->path);
		unlink(side.buf);
		strbuf_release(&side);
		if (rename(tmp, idx->path))
			return farley_error_errno(err, FARLEY_EIO,
						  "index: cannot replace '%s'", idx->path);
		return farley_idx_open_db(idx, idx->path, 0, err);
	}
	if ((ret = farley_idx_open_db(idx, idx->path, 0, err)))
		return ret;
	strbuf_addf(&mark, "%s-copying", idx->path);
	alone = !take_alone(idx);
	if (alone && ((fd = open(mark.buf, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) < 0 ||
		      fsync(fd) || close(fd))) {
		ret = farley_error_errno(err, FARLEY_EIO, "index: cannot create '%s'",
					 mark.buf);
		goto out;
	}
	if (sqlite3_open_v2(tmp, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		ret = farley_error_set(err, FARLEY_EFAIL, "index: cannot read the new index");
		goto out;
	}
	b = sqlite3_backup_init(idx->db, "main", src, "main");
	/* alone, in steps, which keeps few pages in memory; else in one step,
	 * one transaction */
	while (b && (rc = sqlite3_backup_step(b, alone ? 4096 : -1)) == SQLITE_OK)
		;
	if (!b || rc != SQLITE_DONE)
		ret = farley_idx_dberr(idx, err,
				       "cannot install the new index");
	sqlite3_backup_finish(b);
	if (!ret && alone) {
		/* back to WAL for everyone, and on disk before the marker goes */
		struct strbuf mode = STRBUF_INIT;
		exec_text(idx->db, "PRAGMA journal_mode=WAL", &mode);
		strbuf_release(&mode);
		farley_idx_close_db(idx);
		if ((fd = open(idx->path, O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd) ||
		    close(fd) || unlink(mark.buf))
			ret = farley_error_errno(err, FARLEY_EIO,
						 "index: cannot finish '%s'", idx->path);
		if (!ret)
			ret = farley_idx_open_db(idx, idx->path, 0, err);
	}
out:
	sqlite3_close(src);
	unlink(tmp);
	strbuf_release(&mark);
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
