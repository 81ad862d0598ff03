/* index-private.h: the index's library-private side; cmd/ never sees it.
 *
 * First what the rest of lib/ may use (the reports' deal rows, the history
 * cache), then what the files of the index share.  The index is one
 * object implemented in several files, each owning one concern (see the
 * comment at the top of each):
 *
 *   index.c          the database file: open, close, schema, meta, health
 *   index-write.c    a record's rows: prepare, insert, delete
 *   index-sync.c     sync to HEAD by tree diff; the overlay; the work tree
 *   index-rebuild.c  full rebuild on two threads; swap-in
 *   index-read.c     lookups, --where selection, referrers, deal rows
 *   index-search.c   full-text: folding for FTS5, queries, snippets
 *   index-history.c  the cache of mined history transitions
 */
#ifndef FARLEY_INDEX_PRIVATE_H
#define FARLEY_INDEX_PRIVATE_H

#include "history-private.h"
#include "repo-private.h"
#include "farley/index.h"

/* SQLite's types, without making every includer include sqlite3.h. */
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;

/* For the rest of lib/ (reports, history) ---------------------------------- */

/* A deal as pipeline and forecast need it, from the typed columns. */
struct farley_deal_row {
	const char *id, *stage, *currency, *owner; /* borrowed for the call */
	int64_t value;       /* cents, 0 when absent */
	int has_prob;
	int32_t prob;        /* millionths */
	int has_close;
	int32_t close;       /* day */
};
typedef void (*farley_deal_fn)(const struct farley_deal_row *d, void *data);
/* Every valid deal (of owner, when given), in one query. */
int farley_index_deals(struct farley_index *idx, const char *owner,
		       farley_deal_fn fn, void *data, struct farley_error *err);

/* The history cache: field transitions mined from each commit.  Append
 * commit's cached transitions to *t; *found is 0 when the commit has not
 * been mined yet. */
int farley_index_history_get(struct farley_index *idx, const char *commit,
			     struct farley_transition **t, size_t *n, int *found);
int farley_index_history_put(struct farley_index *idx, const char *commit,
			     const struct farley_transition *t, size_t n);
/* One transaction around many puts. */
int farley_index_begin(struct farley_index *idx);
int farley_index_commit(struct farley_index *idx);

/* For lib/index*.c only ---------------------------------------------------- */

/* A zero-width space separates the characters of scripts written without
 * spaces (Chinese, Japanese, Thai ...) so each is a token of its own and a
 * word of them is found as a phrase. */
#define ZWSP "\xE2\x80\x8B"

struct farley_index {
	struct farley_repo *repo;
	sqlite3 *db;
	char *path;
	farley_progress_fn progress;
	void *pdata;
	struct farley_index_stats stats;
	/* the statements of farley_idx_prepare_writes(), kept for one sync */
	sqlite3_stmt *ins_record, *ins_field, *ins_fts, *find_path;
	sqlite3_stmt *del_fields, *del_fts, *del_record;
	int read_depth; /* farley_index_read_begin() nesting */
	int read_own;   /* the outermost one began the transaction */
	sqlite3_stmt *ins_custom, *del_custom;
};

/* index.c: the database ---------------------------------------------------- */

/* Fill err with SQLite's message for what failed; returns the error code. */
int farley_idx_dberr(struct farley_index *idx, struct farley_error *err,
		     const char *what);
/* Run SQL without parameters (err may be NULL). */
int farley_idx_exec(struct farley_index *idx, const char *sql,
		    struct farley_error *err);
/* Prepare sql into *st unless it is prepared already. */
int farley_idx_prepare(struct farley_index *idx, sqlite3_stmt **st,
		       const char *sql, struct farley_error *err);
/* Finalize the statements kept in idx. */
void farley_idx_finalize_all(struct farley_index *idx);
/* Open path; fresh: a file being built, with journaling off. */
int farley_idx_open_db(struct farley_index *idx, const char *path, int fresh,
		       struct farley_error *err);
void farley_idx_close_db(struct farley_index *idx);
/* meta(key, value): 0 and the value in out, or -1 when absent. */
int farley_idx_meta_get(struct farley_index *idx, const char *key,
			struct strbuf *out);
int farley_idx_meta_set(struct farley_index *idx, const char *key,
			const char *value, struct farley_error *err);
/* Create the tables in a new database at path and begin the transaction
 * that fills them (farley_idx_prepare_writes() next, from index-write.c);
 * farley_idx_finish() adds the indexes and the meta rows and commits. */
int farley_idx_create(struct farley_index *idx, const char *path,
		      struct farley_error *err);
int farley_idx_finish(struct farley_index *idx, const char *commit_hex,
		      struct farley_error *err);
/* 1 when the file at idx->path is whole and of this schema version (it is
 * left open), else 0. */
int farley_idx_healthy(struct farley_index *idx);
/* Bind a value to the parameter called name (":id").  The names are fixed
 * in the index's own SQL, so a name the statement lacks is a bug, caught
 * by an assertion.  Text is bound without a copy: it must outlive the
 * step; NULL text binds NULL. */
void farley_idx_bind_text(sqlite3_stmt *st, const char *name, const char *s);
void farley_idx_bind_textn(sqlite3_stmt *st, const char *name, const char *s,
			   size_t len);
void farley_idx_bind_int(sqlite3_stmt *st, const char *name, int64_t v);
void farley_idx_bind_real(sqlite3_stmt *st, const char *name, double v);
void farley_idx_bind_null(sqlite3_stmt *st, const char *name);

/* index-write.c: a record's rows ------------------------------------------- */

/* One row of the fields table, computed from the file. */
struct farley_idx_row {
	int seq, vtype, pos, plain;
	int custom;           /* a field of no kind's schema */
	int ref;              /* a reference's name: in fields_key (ix = 1) */
	const char *key;      /* borrowed from the prep's record */
	const char *sub;      /* borrowed */
	const char *text;     /* borrowed; NULL for null */
	int numtype;          /* 0 none, 1 integer, 2 real */
	int64_t num;
	double real;
	int has_num2;
	int64_t num2;
};

/* A record made ready for the index: everything computed from the file,
 * nothing touched in SQLite.  Preparing is thread-safe, so a rebuild can
 * prepare on one core while it inserts on the other. */
struct farley_idx_prep {
	char *path;
	char blob[GIT_OID_HEXSZ + 16];
	enum farley_kind kind;
	int is_record; /* the path is a record file at all */
	char *error;   /* why the record is not valid; NULL when it is */
	struct farley_record r;
	struct farley_idx_row *rows;
	size_t nrows, alloc;
	struct strbuf fts[3]; /* title, other fields, notes and bodies */
};

/* Prepare the record file at path (blob: its id) from its text; a file that
 * does not parse or validate is prepared with the reason in p->error. */
void farley_idx_prep_record(struct farley_idx_prep *p,
			    const struct farley_config *cfg, const char *path,
			    const char *blob, const char *text, size_t len);
/* The same for a record file whose text could not be read at all. */
void farley_idx_prep_unreadable(struct farley_idx_prep *p, const char *path,
				const char *blob, const char *reason);
void farley_idx_prep_release(struct farley_idx_prep *p);
/* The reason stored for a file over FARLEY_MAX_FILE (as the parser says). */
#define FARLEY_IDX_TOO_LARGE "file is larger than 1 MiB"
/* Insert a prepared record (nothing when it is no record at all). */
int farley_idx_insert_prep(struct farley_index *idx, struct farley_idx_prep *p,
			   struct farley_error *err);
/* Prepare the statements the functions below use. */
int farley_idx_prepare_writes(struct farley_index *idx, struct farley_error *err);
/* Remove whatever is indexed at path. */
int farley_idx_delete_path(struct farley_index *idx, const char *path,
			   struct farley_error *err);
/* The blob indexed at path, or "" when none. */
void farley_idx_indexed_blob(struct farley_index *idx, const char *path,
			     struct strbuf *out);
/* Index path from a git blob (or remove it when oid is NULL). */
int farley_idx_apply_blob(struct farley_index *idx, const char *path,
			  const git_oid *oid, struct farley_error *err);
/* Index path from the work tree; hexout gets its blob id (or "" when the
 * file is gone). */
int farley_idx_apply_worktree(struct farley_index *idx, const char *path,
			      struct strbuf *hexout, struct farley_error *err);

/* index-sync.c: HEAD, the overlay, the work tree --------------------------- */

struct farley_idx_paths {
	char **p;
	size_t n, alloc;
};
void farley_idx_paths_add(struct farley_idx_paths *l, const char *path);
void farley_idx_paths_clear(struct farley_idx_paths *l);

/* HEAD's commit and tree; *has is 0 (and *tree NULL) on an unborn branch. */
int farley_idx_head_tree(struct farley_index *idx, git_oid *commit, int *has,
			 git_tree **tree, struct farley_error *err);
/* 1 when path lies in a record folder ("deals/..."). */
int farley_idx_record_dir(const char *path);
/* The paths in the overlay. */
int farley_idx_overlay_paths(struct farley_index *idx,
			     struct farley_idx_paths *out,
			     struct farley_error *err);
/* Index the work tree's versions of paths, in one transaction. */
int farley_idx_note_paths_tx(struct farley_index *idx, const char *const *paths,
			     size_t n, struct farley_error *err);

/* index-rebuild.c ---------------------------------------------------------- */

/* Build a new index file from HEAD (plus the overlay) and put it in place. */
int farley_idx_full_rebuild(struct farley_index *idx, struct farley_error *err);
/* Bring the index up to HEAD and the overlay: 0, an error, or
 * FARLEY_IDX_REWRITTEN when the indexed commit is gone (history was
 * rewritten) and only a rebuild will do; farley_index_sync() does it. */
#define FARLEY_IDX_REWRITTEN 1
int farley_idx_sync(struct farley_index *idx, struct farley_error *err);

/* index-search.c ----------------------------------------------------------- */

/* Append s with a ZWSP before each character of an unspaced script. */
void farley_idx_fts_text(struct strbuf *out, const char *s);

#endif
