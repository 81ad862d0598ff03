/* index-db.c: the index's database file, at <git dir>/farley/index.db,
 * below every other part of the index.
 *
 * Owns the schema, opening and closing the SQLite handle, the meta table,
 * whether a file is healthy, and the shared SQLite helpers (errors,
 * statements, binding by name).  It calls no other index-*.c file; the
 * order is index-db <- index-search <- index-write <- index-sync <-
 * index-rebuild <- index.c (and index-read, index-history on index-db).
 *
 * Tables:
 *   meta(key, value)       schema version, indexed commit
 *   records(rid, id, kind, path, blob, title, error, valid, + typed columns
 *           that reports use: stage, value, currency, probability, close,
 *           day, due, status, owner, company); error is why the file is
 *           not a valid record (a parse or validation message, or why it
 *           could not be read), NULL for a good one; valid = error IS NULL
 *   fields(rid, seq, key, vtype, pos, sub, text, plain, num, num2, ix)
 *                          one row per scalar: a list has one row per item,
 *                          the address one per part; num/num2 hold the typed
 *                          value (cents, millionths, day, instant, number);
 *                          ix = 1 on the rows of references (company, deal,
 *                          contacts ...), the only ones in fields_key
 *   customkeys(key, n)     how many fields rows each custom field name
 *                          (of no kind's schema) has: the names --where
 *                          knows without reading every field
 *   overlay(path, blob)    work-tree versions indexed instead of HEAD's
 *   mined(commit_id), transitions(...)
 *                          the history cache (index-history.c)
 *   fts                    FTS5 over title, other fields, notes and bodies
 */
#include "index-private.h"
#include "query.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 6: records.error says why a record is invalid; valid is derived from it
 * 8: customkeys counts the custom field names in use; fields_key holds
 *    only the references (fields.ix) */
#define SCHEMA_VERSION "8"

int farley_idx_dberr(struct farley_index *idx, struct farley_error *err,
		     const char *what)
{
	return farley_error_set(err, FARLEY_EFAIL, "index: %s: %s", what,
				idx->db ? sqlite3_errmsg(idx->db) : "cannot open");
}

int farley_idx_exec(struct farley_index *idx, const char *sql,
		    struct farley_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(idx->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int ret = farley_error_set(err, FARLEY_EFAIL, "index: %s",
					   msg ? msg : sqlite3_errmsg(idx->db));
		sqlite3_free(msg);
		return ret;
	}
	return 0;
}

static const char schema[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TABLE records(rid INTEGER PRIMARY KEY, id TEXT NOT NULL,"
	" kind INTEGER NOT NULL, path TEXT NOT NULL UNIQUE, blob TEXT,"
	" title TEXT, error TEXT,"
	" valid INTEGER GENERATED ALWAYS AS (error IS NULL) VIRTUAL,"
	" stage TEXT, value INTEGER, currency TEXT, probability INTEGER,"
	" close INTEGER, day INTEGER, instant INTEGER, due INTEGER,"
	" status TEXT, owner TEXT, company TEXT);"
	"CREATE TABLE fields(rid INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" key TEXT NOT NULL, vtype INTEGER NOT NULL, pos INTEGER NOT NULL,"
	" sub TEXT, text TEXT, plain INTEGER, num, num2 INTEGER, ix INTEGER,"
	" PRIMARY KEY(rid, seq, pos)) WITHOUT ROWID;"
	"CREATE TABLE customkeys(key TEXT PRIMARY KEY, n INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE overlay(path TEXT PRIMARY KEY, blob TEXT) WITHOUT ROWID;"
	"CREATE TABLE mined(commit_id TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE transitions(commit_id TEXT NOT NULL, seq INTEGER NOT NULL,"
	" time INTEGER, author TEXT, deal TEXT, field TEXT, old TEXT, new TEXT,"
	" PRIMARY KEY(commit_id, seq)) WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE fts USING fts5(title, fields, body,"
	" tokenize = \"unicode61 remove_diacritics 2 separators '" ZWSP "'\");";

/* Built after the bulk insert of a rebuild, which is faster.  fields is
 * clustered by record (its primary key), which answers a comparison on one
 * record's field; fields_key covers only the references (ix = 1), which
 * joins and referrers look up by value: indexing every row cost more than
 * half of a build's SQLite time. */
static const char schema_indexes[] =
	"CREATE INDEX records_id ON records(id);"
	"CREATE INDEX records_kind ON records(kind, valid);"
	"CREATE INDEX fields_key ON fields(key, text, num, num2) WHERE ix = 1;";

int farley_idx_prepare(struct farley_index *idx, sqlite3_stmt **st,
		       const char *sql, struct farley_error *err)
{
	if (*st)
		return 0;
	if (sqlite3_prepare_v2(idx->db, sql, -1, st, NULL) != SQLITE_OK)
		return farley_idx_dberr(idx, err, "prepare");
	return 0;
}

void farley_idx_finalize_all(struct farley_index *idx)
{
	sqlite3_finalize(idx->ins_record);
	sqlite3_finalize(idx->ins_field);
	sqlite3_finalize(idx->ins_fts);
	sqlite3_finalize(idx->find_path);
	sqlite3_finalize(idx->del_fields);
	sqlite3_finalize(idx->del_fts);
	sqlite3_finalize(idx->del_record);
	sqlite3_finalize(idx->ins_custom);
	sqlite3_finalize(idx->del_custom);
	idx->ins_custom = idx->del_custom = NULL;
	idx->ins_record = idx->ins_field = idx->ins_fts = idx->find_path = NULL;
	idx->del_fields = idx->del_fts = idx->del_record = NULL;
}

int farley_idx_open_db(struct farley_index *idx, const char *path, int fresh,
		       struct farley_error *err)
{
	/* no memory statistics: they take a mutex on every allocation, and a
	 * build makes tens of millions (refused, harmlessly, once SQLite is
	 * initialized) */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_open_v2(path, &idx->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				    SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		int ret = farley_idx_dberr(idx, err, "cannot open");
		sqlite3_close(idx->db);
		idx->db = NULL;
		return ret;
	}
	sqlite3_busy_timeout(idx->db, 30000);
	farley_query_register(idx->db);
	if (fresh)
		return farley_idx_exec(idx,
				       "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
				       "PRAGMA cache_size=-32768; PRAGMA temp_store=FILE;",
				       err);
	return farley_idx_exec(idx, "PRAGMA journal_mode=WAL;"
				    " PRAGMA synchronous=NORMAL;", err);
}

void farley_idx_close_db(struct farley_index *idx)
{
	farley_idx_finalize_all(idx);
	if (idx->db)
		sqlite3_close(idx->db);
	idx->db = NULL;
}

int farley_idx_meta_get(struct farley_index *idx, const char *key,
			struct strbuf *out)
{
	sqlite3_stmt *st = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(idx->db, "SELECT value FROM meta WHERE key = ?", -1,
			       &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		strbuf_reset(out);
		strbuf_addstr(out, v ? v : "");
		found = 1;
	}
	sqlite3_finalize(st);
	return found ? 0 : -1;
}

int farley_idx_meta_set(struct farley_index *idx, const char *key,
			const char *value, struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	int ret = 0;
	if (sqlite3_prepare_v2(idx->db,
			       "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return farley_idx_dberr(idx, err, "meta");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = farley_idx_dberr(idx, err, "meta");
	sqlite3_finalize(st);
	return ret;
}

int farley_idx_create(struct farley_index *idx, const char *path,
		      struct farley_error *err)
{
	int ret;
	if ((ret = farley_idx_open_db(idx, path, 1, err)) ||
	    (ret = farley_idx_exec(idx, schema, err)) ||
	    (ret = farley_idx_exec(idx, "BEGIN", err)))
		return ret;
	return 0;
}

int farley_idx_finish(struct farley_index *idx, const char *commit_hex,
		      struct farley_error *err)
{
	int ret;
	if ((ret = farley_idx_exec(idx, schema_indexes, err)) ||
	    (ret = farley_idx_meta_set(idx, "version", SCHEMA_VERSION, err)) ||
	    (ret = farley_idx_meta_set(idx, "commit", commit_hex, err)) ||
	    (ret = farley_idx_meta_set(idx, "overlay", "0", err)) ||
	    (ret = farley_idx_exec(idx, "COMMIT", err)))
		return ret;
	return 0;
}

/* A file whose header promises more pages than it holds was truncated. */
static int looks_whole(const char *path)
{
	unsigned char h[100];
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC), ok = 0;
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && read(fd, h, sizeof(h)) == (ssize_t)sizeof(h) &&
	    !memcmp(h, "SQLite format 3", 16)) {
		unsigned psize = (unsigned)(h[16] << 8 | h[17]);
		uint32_t pages = (uint32_t)h[28] << 24 | (uint32_t)h[29] << 16 |
				 (uint32_t)h[30] << 8 | h[31];
		if (psize == 1)
			psize = 65536;
		ok = (uint64_t)st.st_size >= (uint64_t)psize * pages;
	}
	close(fd);
	if (!ok) {
		/* a checkpoint in another process writes page 1 (and its page
		 * count) before the pages that extend the file: with a write-ahead
		 * log beside it, a short file is one being checkpointed, and a
		 * really damaged one fails on reading, which rebuilds it too */
		struct strbuf wal = STRBUF_INIT;
		strbuf_addf(&wal, "%s-wal", path);
		ok = stat(wal.buf, &st) == 0 && st.st_size > 0;
		strbuf_release(&wal);
	}
	return ok;
}

int farley_idx_healthy(struct farley_index *idx)
{
	struct strbuf v = STRBUF_INIT, mark = STRBUF_INIT;
	int ok;
	/* a copy into the file was cut short (index-rebuild.c) */
	strbuf_addf(&mark, "%s-copying", idx->path);
	ok = access(mark.buf, F_OK) != 0 && looks_whole(idx->path) &&
		 !farley_idx_open_db(idx, idx->path, 0, NULL) &&
		 !farley_idx_meta_get(idx, "version", &v) &&
		 !strcmp(v.buf, SCHEMA_VERSION);
	strbuf_release(&v);
	strbuf_release(&mark);
	return ok;
}

/* Binding by name ------------------------------------------------------ */

static int param_index(sqlite3_stmt *st, const char *name)
{
	int i = sqlite3_bind_parameter_index(st, name);
	assert(i > 0 && "a parameter name the statement does not have");
	return i;
}

void farley_idx_bind_text(sqlite3_stmt *st, const char *name, const char *s)
{
	if (s)
		sqlite3_bind_text(st, param_index(st, name), s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, param_index(st, name));
}

void farley_idx_bind_textn(sqlite3_stmt *st, const char *name, const char *s,
			   size_t len)
{
	sqlite3_bind_text(st, param_index(st, name), s, (int)len, SQLITE_STATIC);
}

void farley_idx_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
	sqlite3_bind_int64(st, param_index(st, name), v);
}

void farley_idx_bind_real(sqlite3_stmt *st, const char *name, double v)
{
	sqlite3_bind_double(st, param_index(st, name), v);
}

void farley_idx_bind_null(sqlite3_stmt *st, const char *name)
{
	sqlite3_bind_null(st, param_index(st, name));
}
