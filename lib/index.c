/* index.c: the SQLite index of the record files.
 *
 * Tables:
 *   meta(key, value)       schema version, indexed commit
 *   records(rid, id, kind, path, blob, title, valid, error, + typed columns
 *           that reports use: stage, value, currency, probability, close,
 *           day, due, status, owner, company)
 *   fields(rid, seq, key, vtype, pos, sub, text, plain, num, num2)
 *                          one row per scalar: a list has one row per item,
 *                          the address one per part; num/num2 hold the typed
 *                          value (cents, millionths, day, instant, number)
 *   overlay(path, blob)    work-tree versions indexed instead of HEAD's
 *   fts                    FTS5 over title, other fields, notes and bodies
 */
#include "repo-private.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/index.h"
#include "farley/money.h"
#include "query.h"
#include "farley/yamlrec.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <fcntl.h>
#include <pcre2.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCHEMA_VERSION "5"
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
	sqlite3_stmt *ins_record, *ins_field, *ins_fts, *del_path, *find_path;
};

static int dberr(struct farley_index *idx, struct farley_error *err,
		 const char *what)
{
	return farley_error_set(err, FARLEY_EFAIL, "index: %s: %s", what,
				idx->db ? sqlite3_errmsg(idx->db) : "cannot open");
}

static int exec(struct farley_index *idx, const char *sql,
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
	" title TEXT, valid INTEGER NOT NULL, error TEXT,"
	" stage TEXT, value INTEGER, currency TEXT, probability INTEGER,"
	" close INTEGER, day INTEGER, instant INTEGER, due INTEGER,"
	" status TEXT, owner TEXT, company TEXT);"
	"CREATE TABLE fields(rid INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" key TEXT NOT NULL, vtype INTEGER NOT NULL, pos INTEGER NOT NULL,"
	" sub TEXT, text TEXT, plain INTEGER, num, num2 INTEGER,"
	" PRIMARY KEY(rid, seq, pos)) WITHOUT ROWID;"
	"CREATE TABLE overlay(path TEXT PRIMARY KEY, blob TEXT) WITHOUT ROWID;"
	"CREATE TABLE mined(commit_id TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE transitions(commit_id TEXT NOT NULL, seq INTEGER NOT NULL,"
	" time INTEGER, author TEXT, deal TEXT, field TEXT, old TEXT, new TEXT,"
	" PRIMARY KEY(commit_id, seq)) WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE fts USING fts5(title, fields, body,"
	" tokenize = \"unicode61 remove_diacritics 2 separators '" ZWSP "'\");";

/* Built after the bulk insert of a rebuild, which is faster.  fields is
 * clustered by record (its primary key); one covering index serves every
 * comparison, textual or numeric, on a field. */
static const char schema_indexes[] =
	"CREATE INDEX records_id ON records(id);"
	"CREATE INDEX records_kind ON records(kind, valid);"
	"CREATE INDEX fields_key ON fields(key, text, num, num2);";

/* regexp(pattern, text) for --where ~, through PCRE2 with JIT and limits,
 * so that a pathological pattern fails fast instead of hanging. */
struct regex_cache {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit;
};

static void regex_free(void *p)
{
	struct regex_cache *rc = p;
	pcre2_match_data_free(rc->md);
	pcre2_match_context_free(rc->mctx);
	pcre2_jit_stack_free(rc->jit);
	pcre2_code_free(rc->code);
	free(rc);
}

static void sql_regexp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct regex_cache *rc = sqlite3_get_auxdata(ctx, 0);
	const unsigned char *text;
	int rc_match;
	(void)argc;
	if (!rc) {
		const char *pat = (const char *)sqlite3_value_text(argv[0]);
		int errcode;
		PCRE2_SIZE erroff;
		if (!pat) {
			sqlite3_result_error(ctx, "empty regular expression", -1);
			return;
		}
		rc = xcalloc(1, sizeof(*rc));
		rc->code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
					 PCRE2_UTF | PCRE2_UCP, &errcode, &erroff, NULL);
		if (!rc->code) {
			PCRE2_UCHAR msg[256];
			char buf[400];
			pcre2_get_error_message(errcode, msg, sizeof(msg));
			snprintf(buf, sizeof(buf),
				 "invalid regular expression /%s/: %s at offset %zu",
				 pat, (char *)msg, (size_t)erroff);
			sqlite3_result_error(ctx, buf, -1);
			free(rc);
			return;
		}
		pcre2_jit_compile(rc->code, PCRE2_JIT_COMPLETE);
		rc->md = pcre2_match_data_create_from_pattern(rc->code, NULL);
		rc->mctx = pcre2_match_context_create(NULL);
		pcre2_set_match_limit(rc->mctx, 1000000);
		pcre2_set_depth_limit(rc->mctx, 10000);
		pcre2_set_heap_limit(rc->mctx, 20000); /* KiB */
		rc->jit = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
		if (rc->jit)
			pcre2_jit_stack_assign(rc->mctx, NULL, rc->jit);
		sqlite3_set_auxdata(ctx, 0, rc, regex_free);
		rc = sqlite3_get_auxdata(ctx, 0);
		if (!rc) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	text = sqlite3_value_text(argv[1]);
	if (!text) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	rc_match = pcre2_match(rc->code, text, (PCRE2_SIZE)sqlite3_value_bytes(argv[1]),
			       0, 0, rc->md, rc->mctx);
	if (rc_match >= 0) {
		sqlite3_result_int(ctx, 1);
	} else if (rc_match == PCRE2_ERROR_NOMATCH) {
		sqlite3_result_int(ctx, 0);
	} else if (rc_match == PCRE2_ERROR_MATCHLIMIT ||
		   rc_match == PCRE2_ERROR_DEPTHLIMIT ||
		   rc_match == PCRE2_ERROR_HEAPLIMIT ||
		   rc_match == PCRE2_ERROR_JIT_STACKLIMIT) {
		sqlite3_result_error(ctx,
				     "regular expression too complex: it gave up "
				     "after its match limit (simplify it, e.g. "
				     "avoid nested repeats like (a+)+)",
				     -1);
	} else {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(rc_match, msg, sizeof(msg));
		sqlite3_result_error(ctx, (const char *)msg, -1);
	}
}

static int prepare(struct farley_index *idx, sqlite3_stmt **st, const char *sql,
		   struct farley_error *err)
{
	if (*st)
		return 0;
	if (sqlite3_prepare_v2(idx->db, sql, -1, st, NULL) != SQLITE_OK)
		return dberr(idx, err, "prepare");
	return 0;
}

static void finalize_all(struct farley_index *idx)
{
	sqlite3_finalize(idx->ins_record);
	sqlite3_finalize(idx->ins_field);
	sqlite3_finalize(idx->ins_fts);
	sqlite3_finalize(idx->del_path);
	sqlite3_finalize(idx->find_path);
	idx->ins_record = idx->ins_field = idx->ins_fts = NULL;
	idx->del_path = idx->find_path = NULL;
}

static int open_db(struct farley_index *idx, const char *path, int fresh,
		   struct farley_error *err)
{
	if (sqlite3_open_v2(path, &idx->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				    SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		int ret = dberr(idx, err, "cannot open");
		sqlite3_close(idx->db);
		idx->db = NULL;
		return ret;
	}
	sqlite3_busy_timeout(idx->db, 30000);
	sqlite3_create_function(idx->db, "regexp", 2,
				SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_regexp,
				NULL, NULL);
	if (fresh)
		return exec(idx, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
				 "PRAGMA cache_size=-65536; PRAGMA temp_store=FILE;",
			    err);
	return exec(idx, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", err);
}

static void close_db(struct farley_index *idx)
{
	finalize_all(idx);
	if (idx->db)
		sqlite3_close(idx->db);
	idx->db = NULL;
}

static int meta_get(struct farley_index *idx, const char *key, struct strbuf *out)
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

static int meta_set(struct farley_index *idx, const char *key, const char *value,
		    struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	int ret = 0;
	if (sqlite3_prepare_v2(idx->db,
			       "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return dberr(idx, err, "meta");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = dberr(idx, err, "meta");
	sqlite3_finalize(st);
	return ret;
}

/* Text for the full-text index ---------------------------------------- */

static int unspaced_script(uint32_t cp)
{
	return (cp >= 0x0E00 && cp <= 0x0EFF) ||   /* Thai, Lao */
	       (cp >= 0x1000 && cp <= 0x109F) ||   /* Myanmar */
	       (cp >= 0x1780 && cp <= 0x17FF) ||   /* Khmer */
	       (cp >= 0x2E80 && cp <= 0x9FFF) ||   /* CJK, kana */
	       (cp >= 0xAC00 && cp <= 0xD7AF) ||   /* Hangul */
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

static int combining(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x0E31 ||
	       (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E) ||
	       cp == 0x0EB1 || (cp >= 0x0EB4 && cp <= 0x0EBC) ||
	       (cp >= 0x0EC8 && cp <= 0x0ECD);
}

/* Append s with a ZWSP before each character of an unspaced script. */
static void fts_text(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	int prev_unspaced = 0;
	while (n) {
		uint32_t cp;
		int len = farley_utf8_decode(p, n, &cp);
		if (!len)
			len = 1, cp = '?';
		if (unspaced_script(cp) && !combining(cp)) {
			strbuf_addstr(out, ZWSP);
			prev_unspaced = 1;
		} else if (prev_unspaced && !combining(cp)) {
			strbuf_addstr(out, ZWSP);
			prev_unspaced = 0;
		}
		strbuf_add(out, p, (size_t)len);
		p += len;
		n -= (size_t)len;
	}
}

/* Writing rows ---------------------------------------------------------- */

static int bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC)
		 : sqlite3_bind_null(st, i);
}

/* A record made ready for the index: everything computed from the file,
 * nothing touched in SQLite.  Preparing is thread-safe, so a rebuild can
 * prepare on one core while it inserts on the other. */
struct prow {
	int seq, vtype, pos, plain;
	const char *key;      /* borrowed from prep.r */
	const char *sub;      /* borrowed */
	const char *text;     /* borrowed; NULL for null */
	int numtype;          /* 0 none, 1 integer, 2 real */
	int64_t num;
	double real;
	int has_num2;
	int64_t num2;
};

struct prep {
	char *path;
	char blob[GIT_OID_HEXSZ + 16];
	enum farley_kind kind;
	int is_record; /* the path is a record file at all */
	int valid;
	char *error;
	struct farley_record r;
	struct prow *rows;
	size_t nrows, alloc;
	struct strbuf fts[3]; /* title, other fields, notes and bodies */
};

static void prep_release(struct prep *p)
{
	free(p->path);
	free(p->error);
	farley_record_release(&p->r);
	free(p->rows);
	for (int i = 0; i < 3; i++)
		strbuf_release(&p->fts[i]);
	memset(p, 0, sizeof(*p));
}

static void prep_row(struct prep *p, int seq, const char *key, int vtype, int pos,
		     const char *sub, const struct farley_scalar *sc,
		     enum farley_ftype t)
{
	struct prow *w;
	int64_t num, num2;
	double real;
	int is_int;
	ALLOC_GROW(p->rows, p->nrows + 1, p->alloc);
	w = &p->rows[p->nrows++];
	memset(w, 0, sizeof(*w));
	w->seq = seq;
	w->key = key;
	w->vtype = vtype;
	w->pos = pos;
	w->sub = sub;
	w->text = sc ? sc->s : NULL;
	w->plain = sc ? (int)sc->plain : 0;
	if (sc && !farley_field_number(t, sc, &num, &is_int, &real, &num2)) {
		w->numtype = is_int ? 1 : 2;
		w->num = num;
		w->real = real;
		w->has_num2 = t == FT_DATETIME;
		w->num2 = num2;
	}
}

static void prep_fts(struct strbuf *ft, const char *s)
{
	if (!s)
		return;
	if (ft->len)
		strbuf_addstr(ft, " | ");
	fts_text(ft, s);
}

static void prep_record(struct prep *p, const struct farley_config *cfg,
			const char *path, const char *blob, const char *text,
			size_t len)
{
	struct farley_error perr = FARLEY_ERROR_INIT;
	struct strbuf id = STRBUF_INIT;
	memset(p, 0, sizeof(*p));
	p->r.kind = FARLEY_NOKIND;
	for (int i = 0; i < 3; i++)
		strbuf_init(&p->fts[i], 0);
	p->path = xstrdup(path);
	snprintf(p->blob, sizeof(p->blob), "%s", blob ? blob : "");
	if (farley_path_record(path, &p->kind, &id)) {
		strbuf_release(&id);
		return;
	}
	p->is_record = 1;
	p->r.kind = p->kind;
	p->r.id = strbuf_detach(&id, NULL);
	p->r.path = xstrdup(path);
	p->valid = farley_id_valid(p->r.id) &&
		   !farley_yaml_parse(&p->r, text, len, &perr) &&
		   !farley_record_validate(&p->r, cfg, &perr);
	if (!p->valid) {
		struct strbuf msg = STRBUF_INIT;
		if (!farley_id_valid(p->r.id))
			strbuf_addf(&msg, "'%s' is not a valid id", p->r.id);
		else if (perr.line)
			strbuf_addf(&msg, "%d:%d: %s", perr.line, perr.col, perr.msg);
		else
			strbuf_addstr(&msg, perr.msg ? perr.msg : "invalid");
		p->error = strbuf_detach(&msg, NULL);
		farley_error_clear(&perr);
		return;
	}
	for (size_t i = 0; i < p->r.nfields; i++) {
		const struct farley_field *f = &p->r.fields[i];
		const struct farley_fielddef *d = farley_schema_field(p->kind, f->key);
		int is_title = !strcmp(f->key, farley_kind_title_field(p->kind));
		int is_body = !strcmp(f->key, "notes") || !strcmp(f->key, "body");
		struct strbuf *ft = &p->fts[is_title ? 0 : is_body ? 2 : 1];
		switch (f->type) {
		case FARLEY_V_SCALAR:
			prep_row(p, (int)i, f->key, 0, 0, NULL, &f->v, d->type);
			prep_fts(ft, f->v.s);
			break;
		case FARLEY_V_LIST:
			if (!f->nitems)
				prep_row(p, (int)i, f->key, 1, -1, NULL, NULL, d->type);
			for (size_t j = 0; j < f->nitems; j++) {
				prep_row(p, (int)i, f->key, 1, (int)j, NULL, &f->items[j],
					 d->type);
				prep_fts(ft, f->items[j].s);
			}
			break;
		case FARLEY_V_MAP:
			if (!f->nsub)
				prep_row(p, (int)i, f->key, 2, -1, NULL, NULL, d->type);
			for (size_t j = 0; j < f->nsub; j++) {
				prep_row(p, (int)i, f->key, 2, (int)j, f->sub[j].key,
					 &f->sub[j].v, FT_STRING);
				prep_fts(ft, f->sub[j].v.s);
			}
			break;
		}
	}
}

static void bind_num(sqlite3_stmt *st, int i, enum farley_ftype t, const char *s)
{
	struct farley_scalar sc = { (char *)s, 1, 0, 0 };
	int64_t num, num2;
	double real;
	int is_int;
	if (s && !farley_field_number(t, &sc, &num, &is_int, &real, &num2) && is_int)
		sqlite3_bind_int64(st, i, num);
	else
		sqlite3_bind_null(st, i);
}

static int insert_prep(struct farley_index *idx, struct prep *p,
		       struct farley_error *err)
{
	const struct farley_config *cfg = farley_repo_config(idx->repo);
	const struct farley_record *r = &p->r;
	sqlite3_stmt *st = idx->ins_record;
	int64_t rid;
	if (!p->is_record)
		return 0;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, r->id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, p->kind);
	sqlite3_bind_text(st, 3, p->path, -1, SQLITE_STATIC);
	bind_opt_text(st, 4, *p->blob ? p->blob : NULL);
	bind_opt_text(st, 5, p->valid ? farley_record_title(r) : NULL);
	sqlite3_bind_int(st, 6, p->valid);
	bind_opt_text(st, 7, p->error);
	if (p->valid) {
		const char *cur = farley_record_str(r, "currency");
		const char *status = farley_record_str(r, "status");
		bind_opt_text(st, 8, farley_record_str(r, "stage"));
		bind_num(st, 9, FT_MONEY, farley_record_str(r, "value"));
		bind_opt_text(st, 10, cur ? cur : p->kind == FARLEY_DEAL ? cfg->currency : NULL);
		bind_num(st, 11, FT_PROB, farley_record_str(r, "probability"));
		bind_num(st, 12, FT_DATE, farley_record_str(r, "close"));
		if (p->kind == FARLEY_INTERACTION) {
			struct farley_datetime dt;
			const char *d = farley_record_str(r, "date");
			if (d && !farley_datetime_parse(d, &dt)) {
				sqlite3_bind_int64(st, 13, dt.day);
				sqlite3_bind_int64(st, 14, farley_datetime_instant(&dt));
			} else {
				sqlite3_bind_null(st, 13);
				sqlite3_bind_null(st, 14);
			}
		} else {
			sqlite3_bind_null(st, 13);
			sqlite3_bind_null(st, 14);
		}
		bind_num(st, 15, FT_DATE, farley_record_str(r, "due"));
		bind_opt_text(st, 16, p->kind == FARLEY_TASK ? (status ? status : "open")
							    : NULL);
		bind_opt_text(st, 17, farley_record_str(r, "owner"));
		bind_opt_text(st, 18, farley_record_str(r, "company"));
	} else {
		for (int i = 8; i <= 18; i++)
			sqlite3_bind_null(st, i);
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		return dberr(idx, err, "insert record");
	rid = sqlite3_last_insert_rowid(idx->db);
	idx->stats.changed++;
	if (!p->valid)
		return 0;
	st = idx->ins_field;
	for (size_t i = 0; i < p->nrows; i++) {
		const struct prow *w = &p->rows[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, rid);
		sqlite3_bind_int(st, 2, w->seq);
		sqlite3_bind_text(st, 3, w->key, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, w->vtype);
		sqlite3_bind_int(st, 5, w->pos);
		bind_opt_text(st, 6, w->sub);
		bind_opt_text(st, 7, w->text);
		sqlite3_bind_int(st, 8, w->plain);
		if (w->numtype == 1)
			sqlite3_bind_int64(st, 9, w->num);
		else if (w->numtype == 2)
			sqlite3_bind_double(st, 9, w->real);
		else
			sqlite3_bind_null(st, 9);
		if (w->has_num2)
			sqlite3_bind_int64(st, 10, w->num2);
		else
			sqlite3_bind_null(st, 10);
		if (sqlite3_step(st) != SQLITE_DONE)
			return dberr(idx, err, "insert field");
	}
	st = idx->ins_fts;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, rid);
	for (int i = 0; i < 3; i++)
		sqlite3_bind_text(st, 2 + i, p->fts[i].buf, (int)p->fts[i].len,
				  SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return dberr(idx, err, "insert text");
	return 0;
}

/* Index one record (text as read from a blob or file) at path. */
static int put_record(struct farley_index *idx, const char *path,
		      const char *blob, const char *text, size_t len,
		      struct farley_error *err)
{
	struct prep p;
	int ret;
	prep_record(&p, farley_repo_config(idx->repo), path, blob, text, len);
	ret = insert_prep(idx, &p, err);
	prep_release(&p);
	return ret;
}

static int prepare_writes(struct farley_index *idx, struct farley_error *err)
{
	int ret;
	if ((ret = prepare(idx, &idx->ins_record,
			   "INSERT INTO records(id, kind, path, blob, title, valid,"
			   " error, stage, value, currency, probability, close, day,"
			   " instant, due, status, owner, company)"
			   " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			   err)) ||
	    (ret = prepare(idx, &idx->ins_field,
			   "INSERT INTO fields(rid, seq, key, vtype, pos, sub, text,"
			   " plain, num, num2) VALUES(?,?,?,?,?,?,?,?,?,?)",
			   err)) ||
	    (ret = prepare(idx, &idx->ins_fts,
			   "INSERT INTO fts(rowid, title, fields, body) VALUES(?,?,?,?)",
			   err)) ||
	    (ret = prepare(idx, &idx->find_path,
			   "SELECT rid, blob FROM records WHERE path = ?", err)))
		return ret;
	return 0;
}

/* Remove whatever is indexed at path. */
static int delete_path(struct farley_index *idx, const char *path,
		       struct farley_error *err)
{
	sqlite3_stmt *st = idx->find_path;
	int64_t rid;
	char sql[160];
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW)
		return 0;
	rid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	snprintf(sql, sizeof(sql),
		 "DELETE FROM fields WHERE rid = %lld; DELETE FROM fts WHERE rowid = %lld;"
		 "DELETE FROM records WHERE rid = %lld;",
		 (long long)rid, (long long)rid, (long long)rid);
	return exec(idx, sql, err);
}

/* The blob indexed at path, or "" when none. */
static void indexed_blob(struct farley_index *idx, const char *path,
			 struct strbuf *out)
{
	sqlite3_stmt *st = idx->find_path;
	strbuf_reset(out);
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *b = (const char *)sqlite3_column_text(st, 1);
		strbuf_addstr(out, b ? b : "-");
	}
	sqlite3_reset(st);
}

/* Index path from a git blob (or remove it when oid is NULL). */
static int apply_blob(struct farley_index *idx, const char *path,
		      const git_oid *oid, struct farley_error *err)
{
	git_blob *blob = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	int ret;
	if ((ret = delete_path(idx, path, err)) || !oid)
		return ret;
	git_oid_tostr(hex, sizeof(hex), oid);
	if (git_blob_lookup(&blob, idx->repo->git, oid) < 0)
		return farley_git_error(err, "index: cannot read a record blob");
	if (git_blob_rawsize(blob) > FARLEY_MAX_FILE)
		ret = put_record(idx, path, hex, "", FARLEY_MAX_FILE + 1, err);
	else
		ret = put_record(idx, path, hex, git_blob_rawcontent(blob),
				 (size_t)git_blob_rawsize(blob), err);
	git_blob_free(blob);
	return ret;
}

/* Index path from the work tree; returns its blob id in hex (or "" when
 * the file is gone). */
static int apply_worktree(struct farley_index *idx, const char *path,
			  struct strbuf *hexout, struct farley_error *err)
{
	struct strbuf full = STRBUF_INIT, text = STRBUF_INIT;
	struct stat st;
	git_oid oid;
	char hex[GIT_OID_HEXSZ + 1];
	int ret;
	strbuf_reset(hexout);
	if ((ret = delete_path(idx, path, err)))
		return ret;
	strbuf_addf(&full, "%s%s", idx->repo->workdir, path);
	if (lstat(full.buf, &st)) {
		strbuf_release(&full);
		return 0; /* deleted */
	}
	if (!S_ISREG(st.st_mode)) {
		strbuf_addstr(hexout, "special");
		ret = put_record(idx, path, "special", "", FARLEY_MAX_FILE + 1, err);
	} else if (strbuf_read_file(&text, full.buf, FARLEY_MAX_FILE)) {
		strbuf_addstr(hexout, "unreadable");
		ret = put_record(idx, path, "unreadable", "", FARLEY_MAX_FILE + 1, err);
	} else {
		git_odb_hash(&oid, text.buf, text.len, GIT_OBJECT_BLOB);
		git_oid_tostr(hex, sizeof(hex), &oid);
		strbuf_addstr(hexout, hex);
		ret = put_record(idx, path, hex, text.buf, text.len, err);
	}
	strbuf_release(&full);
	strbuf_release(&text);
	return ret;
}

/* Trees ------------------------------------------------------------------ */

static int head_tree(struct farley_index *idx, git_oid *commit, int *has,
		     git_tree **tree, struct farley_error *err)
{
	git_commit *c = NULL;
	int e = git_reference_name_to_id(commit, idx->repo->git, "HEAD");
	*tree = NULL;
	*has = e == 0;
	if (e == GIT_ENOTFOUND || e == GIT_EUNBORNBRANCH)
		return 0;
	if (e < 0 || git_commit_lookup(&c, idx->repo->git, commit) < 0 ||
	    git_commit_tree(tree, c) < 0) {
		git_commit_free(c);
		return farley_git_error(err, "index: cannot read HEAD");
	}
	git_commit_free(c);
	return 0;
}

static int record_dir(const char *path)
{
	for (int k = 0; k < FARLEY_NKINDS; k++) {
		const char *d = farley_kind_dir((enum farley_kind)k);
		size_t n = strlen(d);
		if (!strncmp(path, d, n) && path[n] == '/')
			return 1;
	}
	return 0;
}

static const char *record_dirs[] = { "companies/", "contacts/", "deals/",
				     "interactions/", "tasks/" };

/* Overlay ---------------------------------------------------------------- */

static int overlay_set(struct farley_index *idx, const char *path,
		       const char *blob, struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	int ret = 0;
	const char *sql = blob ? "INSERT OR REPLACE INTO overlay(path, blob) VALUES(?, ?)"
			       : "DELETE FROM overlay WHERE path = ?";
	if (sqlite3_prepare_v2(idx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return dberr(idx, err, "overlay");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	if (blob)
		sqlite3_bind_text(st, 2, blob, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = dberr(idx, err, "overlay");
	sqlite3_finalize(st);
	return ret;
}

/* Bring one path to its right state: the work tree's version while it
 * differs from HEAD's (an overlay path), else HEAD's. */
static int settle_path(struct farley_index *idx, const char *path,
		       git_tree *head, int in_overlay, struct farley_error *err)
{
	git_tree_entry *te = NULL;
	const git_oid *head_oid = NULL;
	struct strbuf have = STRBUF_INIT, wt = STRBUF_INIT;
	int ret = 0;
	if (head && git_tree_entry_bypath(&te, head, path) == 0 &&
	    git_tree_entry_type(te) == GIT_OBJECT_BLOB)
		head_oid = git_tree_entry_id(te);
	if (in_overlay) {
		struct strbuf full = STRBUF_INIT, text = STRBUF_INIT;
		struct stat st;
		char hex[GIT_OID_HEXSZ + 1] = "";
		int exists;
		strbuf_addf(&full, "%s%s", idx->repo->workdir, path);
		exists = !lstat(full.buf, &st);
		if (exists && S_ISREG(st.st_mode) &&
		    !strbuf_read_file(&text, full.buf, FARLEY_MAX_FILE)) {
			git_oid oid;
			git_odb_hash(&oid, text.buf, text.len, GIT_OBJECT_BLOB);
			git_oid_tostr(hex, sizeof(hex), &oid);
		} else if (exists) {
			strcpy(hex, "special");
		}
		strbuf_release(&full);
		strbuf_release(&text);
		if ((!exists && !head_oid) ||
		    (head_oid && *hex && !strcmp(hex, git_oid_tostr_s(head_oid)))) {
			ret = overlay_set(idx, path, NULL, err); /* committed now */
		} else {
			indexed_blob(idx, path, &have);
			if (strcmp(have.buf, *hex ? hex : "")) {
				ret = apply_worktree(idx, path, &wt, err);
				if (!ret)
					ret = overlay_set(idx, path, wt.len ? wt.buf : "-", err);
			}
			goto out;
		}
	}
	indexed_blob(idx, path, &have);
	if (head_oid) {
		if (strcmp(have.buf, git_oid_tostr_s(head_oid)))
			ret = apply_blob(idx, path, head_oid, err);
	} else if (have.len) {
		ret = delete_path(idx, path, err);
	}
out:
	git_tree_entry_free(te);
	strbuf_release(&have);
	strbuf_release(&wt);
	return ret;
}

struct pathlist {
	char **p;
	size_t n, alloc;
};

static void pathlist_add(struct pathlist *l, const char *path)
{
	ALLOC_GROW(l->p, l->n + 1, l->alloc);
	l->p[l->n++] = xstrdup(path);
}

static void pathlist_clear(struct pathlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->p[i]);
	free(l->p);
	memset(l, 0, sizeof(*l));
}

static int overlay_paths(struct farley_index *idx, struct pathlist *out,
			 struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(idx->db, "SELECT path FROM overlay", -1, &st, NULL) !=
	    SQLITE_OK)
		return dberr(idx, err, "overlay");
	while (sqlite3_step(st) == SQLITE_ROW)
		pathlist_add(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return 0;
}

/* Sync --------------------------------------------------------------------- */

static void changed_path(const char *path, const git_oid *old, const git_oid *new,
			 void *data)
{
	(void)old;
	(void)new;
	if (record_dir(path))
		pathlist_add(data, path);
}

/* The record paths that differ between two commits' trees. */
static int diff_paths(struct farley_index *idx, git_tree *old, git_tree *new,
		      struct pathlist *out, struct farley_error *err)
{
	(void)err;
	/* only record folders are worth a look */
	farley_tree_changes(idx->repo->git, old, new, "", record_dir, changed_path, out);
	return 0;
}

static int is_in(const struct pathlist *l, const char *path)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->p[i], path))
			return 1;
	return 0;
}

static int full_rebuild(struct farley_index *idx, struct farley_error *err);
static int note_paths_tx(struct farley_index *idx, const char *const *paths,
			 size_t n, struct farley_error *err);

int farley_index_sync(struct farley_index *idx, struct farley_error *err)
{
	struct strbuf indexed = STRBUF_INIT, nover = STRBUF_INIT;
	struct pathlist changed = { 0 }, over = { 0 };
	git_oid head, old;
	git_tree *htree = NULL, *otree = NULL;
	git_commit *oc = NULL;
	int has_head, ret = 0, in_tx = 0;
	char hex[GIT_OID_HEXSZ + 1] = "";

	if ((ret = head_tree(idx, &head, &has_head, &htree, err)))
		goto out;
	if (has_head)
		git_oid_tostr(hex, sizeof(hex), &head);
	/* the common case: nothing changed, one comparison */
	if (!meta_get(idx, "commit", &indexed) && !strcmp(indexed.buf, hex) &&
	    !meta_get(idx, "overlay", &nover) && !strcmp(nover.buf, "0"))
		goto out;
	if ((ret = exec(idx, "BEGIN IMMEDIATE", err)))
		goto out;
	in_tx = 1;
	/* someone may have synced while we waited */
	if (meta_get(idx, "commit", &indexed)) {
		ret = farley_error_set(err, FARLEY_EFAIL, "index: no indexed commit");
		goto out;
	}
	if ((ret = prepare_writes(idx, err)) || (ret = overlay_paths(idx, &over, err)))
		goto out;
	if (strcmp(indexed.buf, hex)) {
		if (*indexed.buf) {
			if (git_oid_fromstr(&old, indexed.buf) < 0 ||
			    git_commit_lookup(&oc, idx->repo->git, &old) < 0 ||
			    git_commit_tree(&otree, oc) < 0) {
				/* history was rewritten: start again */
				exec(idx, "ROLLBACK", err);
				in_tx = 0;
				ret = full_rebuild(idx, err);
				goto out;
			}
		}
		if ((ret = diff_paths(idx, otree, htree, &changed, err)))
			goto out;
	}
	for (size_t i = 0; i < changed.n && !ret; i++)
		if (!is_in(&over, changed.p[i]))
			ret = settle_path(idx, changed.p[i], htree, 0, err);
	for (size_t i = 0; i < over.n && !ret; i++)
		ret = settle_path(idx, over.p[i], htree, 1, err);
	if (ret)
		goto out;
	{
		sqlite3_stmt *st = NULL;
		char n[32] = "0";
		if (sqlite3_prepare_v2(idx->db, "SELECT count(*) FROM overlay", -1, &st,
				       NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			snprintf(n, sizeof(n), "%lld", sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
		if ((ret = meta_set(idx, "commit", hex, err)) ||
		    (ret = meta_set(idx, "overlay", n, err)))
			goto out;
	}
	ret = exec(idx, "COMMIT", err);
	in_tx = 0;
out:
	if (in_tx)
		exec(idx, "ROLLBACK", NULL);
	finalize_all(idx);
	git_tree_free(htree);
	git_tree_free(otree);
	git_commit_free(oc);
	pathlist_clear(&changed);
	pathlist_clear(&over);
	strbuf_release(&indexed);
	strbuf_release(&nover);
	return ret;
}

/* Work tree ---------------------------------------------------------------- */

static int note_paths_tx(struct farley_index *idx, const char *const *paths,
			 size_t n, struct farley_error *err)
{
	struct strbuf hex = STRBUF_INIT;
	git_oid head;
	git_tree *htree = NULL;
	int has, ret;
	if ((ret = head_tree(idx, &head, &has, &htree, err)) ||
	    (ret = exec(idx, "BEGIN IMMEDIATE", err)))
		goto out;
	if ((ret = prepare_writes(idx, err)))
		goto rollback;
	for (size_t i = 0; i < n && !ret; i++) {
		if (!record_dir(paths[i]))
			continue;
		ret = overlay_set(idx, paths[i], "-", err);
		if (!ret)
			ret = settle_path(idx, paths[i], htree, 1, err);
	}
	if (!ret) {
		sqlite3_stmt *st = NULL;
		char cnt[32] = "0";
		if (sqlite3_prepare_v2(idx->db, "SELECT count(*) FROM overlay", -1,
				       &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			snprintf(cnt, sizeof(cnt), "%lld", sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
		ret = meta_set(idx, "overlay", cnt, err);
	}
	if (!ret) {
		ret = exec(idx, "COMMIT", err);
		goto out;
	}
rollback:
	exec(idx, "ROLLBACK", NULL);
out:
	finalize_all(idx);
	git_tree_free(htree);
	strbuf_release(&hex);
	return ret;
}

int farley_index_note_paths(struct farley_index *idx, const char *const *paths,
			    size_t n, struct farley_error *err)
{
	return note_paths_tx(idx, paths, n, err);
}

int farley_index_scan_worktree(struct farley_index *idx, struct farley_error *err)
{
	git_status_list *sl = NULL;
	git_status_options opts;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	struct pathlist paths = { 0 };
	int ret;
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
		     GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	opts.pathspec.strings = (char **)record_dirs;
	opts.pathspec.count = sizeof(record_dirs) / sizeof(*record_dirs);
	if (git_status_list_new(&sl, idx->repo->git, &opts) < 0)
		return farley_git_error(err, "index: cannot scan the work tree");
	for (size_t i = 0; i < git_status_list_entrycount(sl); i++) {
		const git_status_entry *e = git_status_byindex(sl, i);
		const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir
							      : e->head_to_index;
		if (!d)
			continue;
		if (d->old_file.path && record_dir(d->old_file.path))
			pathlist_add(&paths, d->old_file.path);
		if (d->new_file.path && record_dir(d->new_file.path) &&
		    strcmp(d->new_file.path, d->old_file.path))
			pathlist_add(&paths, d->new_file.path);
	}
	git_status_list_free(sl);
	ret = note_paths_tx(idx, (const char *const *)paths.p, paths.n, err);
	pathlist_clear(&paths);
	return ret;
}

/* Rebuild ------------------------------------------------------------------ */

struct walk_state {
	struct farley_index *idx;
	struct pathlist paths;
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
			int keep = record_dir(p.buf);
			strbuf_release(&p);
			return keep ? 0 : 1;
		}
		return 0;
	}
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	strbuf_addf(&p, "%s%s", root, git_tree_entry_name(e));
	if (record_dir(p.buf)) {
		enum farley_kind k;
		struct strbuf id = STRBUF_INIT;
		if (!farley_path_record(p.buf, &k, &id)) {
			size_t alloc = ws->alloc;
			ALLOC_GROW(ws->oids, ws->paths.n + 1, alloc);
			ws->alloc = alloc;
			git_oid_cpy(&ws->oids[ws->paths.n], git_tree_entry_id(e));
			pathlist_add(&ws->paths, p.buf);
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
	struct prep ring[RING];
	size_t produced; /* records prepared so far */
	size_t consumed; /* records inserted so far */
	int stop;
	int failed;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* Read and prepare record i (blob at ws->oids[i]) with repository g. */
static void prepare_one(const struct walk_state *ws, const struct farley_config *cfg,
			git_repository *g, size_t i, struct prep *out)
{
	git_blob *blob = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	const char *path = ws->paths.p[i];
	git_oid_tostr(hex, sizeof(hex), &ws->oids[i]);
	if (git_blob_lookup(&blob, g, &ws->oids[i]) < 0 ||
	    git_blob_rawsize(blob) > FARLEY_MAX_FILE)
		prep_record(out, cfg, path, hex, "", FARLEY_MAX_FILE + 1);
	else
		prep_record(out, cfg, path, hex, git_blob_rawcontent(blob),
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
		ret = insert_prep(idx, &pl->ring[i % RING], err);
		prep_release(&pl->ring[i % RING]);
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
		prep_release(&pl->ring[i % RING]);
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
	if ((ret = open_db(idx, path, 1, err)) || (ret = exec(idx, schema, err)) ||
	    (ret = exec(idx, "BEGIN", err)) || (ret = prepare_writes(idx, err)) ||
	    (ret = collect_head(idx, htree, &ws, err)) ||
	    (ret = run_pipeline(idx, &ws, err)) ||
	    (ret = exec(idx, schema_indexes, err)) ||
	    (ret = meta_set(idx, "version", SCHEMA_VERSION, err)) ||
	    (ret = meta_set(idx, "commit", hex, err)) ||
	    (ret = meta_set(idx, "overlay", "0", err)) || (ret = exec(idx, "COMMIT", err)))
		goto out;
out:
	finalize_all(idx);
	pathlist_clear(&ws.paths);
	free(ws.oids);
	close_db(idx);
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
	if (!(ret = head_tree(&idx, &head, &has, &htree, err)) &&
	    !(ret = collect_head(&idx, htree, &ws, err))) {
		/* one thread, nothing else: the honest floor */
		for (size_t i = 0; i < ws.paths.n; i++) {
			struct prep p;
			prepare_one(&ws, farley_repo_config(repo), repo->git, i, &p);
			prep_release(&p);
		}
	}
	*n = ws.paths.n;
	pathlist_clear(&ws.paths);
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
		return open_db(idx, idx->path, 0, err);
	}
	if ((ret = open_db(idx, idx->path, 0, err)))
		return ret;
	if (sqlite3_open_v2(tmp, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(src);
		return farley_error_set(err, FARLEY_EFAIL, "index: cannot read the new index");
	}
	b = sqlite3_backup_init(idx->db, "main", src, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE)
		ret = dberr(idx, err, "cannot install the new index");
	sqlite3_backup_finish(b);
	sqlite3_close(src);
	unlink(tmp);
	return ret;
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
	return ok;
}

static int healthy(struct farley_index *idx)
{
	struct strbuf v = STRBUF_INIT;
	int ok = looks_whole(idx->path) && !open_db(idx, idx->path, 0, NULL) &&
		 !meta_get(idx, "version", &v) && !strcmp(v.buf, SCHEMA_VERSION);
	strbuf_release(&v);
	return ok;
}

static int full_rebuild(struct farley_index *idx, struct farley_error *err)
{
	struct strbuf tmp = STRBUF_INIT;
	struct pathlist over = { 0 };
	git_oid head;
	git_tree *htree = NULL;
	char hex[GIT_OID_HEXSZ + 1] = "";
	int has, ret, live_ok;
	live_ok = idx->db != NULL || healthy(idx);
	/* farley's own uncommitted writes survive a rebuild: the incrementally
	 * updated index shows them, so the rebuilt one must too */
	if (live_ok && idx->db) {
		struct farley_error ignore = FARLEY_ERROR_INIT;
		overlay_paths(idx, &over, &ignore);
		farley_error_clear(&ignore);
	}
	close_db(idx);
	if ((ret = head_tree(idx, &head, &has, &htree, err)))
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
		ret = note_paths_tx(idx, (const char *const *)over.p, over.n, err);
out:
	if (tmp.len)
		unlink(tmp.buf);
	git_tree_free(htree);
	strbuf_release(&tmp);
	pathlist_clear(&over);
	return ret;
}

int farley_index_rebuild(struct farley_index *idx, struct farley_error *err)
{
	return full_rebuild(idx, err);
}

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
	if (!healthy(idx)) {
		/* missing, truncated, corrupt or from another version */
		close_db(idx);
		if ((ret = full_rebuild(idx, err)))
			goto fail;
	} else if ((ret = farley_index_sync(idx, err))) {
		/* a damaged file can look whole: rebuild once, then give up */
		farley_error_clear(err);
		close_db(idx);
		if ((ret = full_rebuild(idx, err)))
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
	close_db(idx);
	free(idx->path);
	free(idx);
}

const struct farley_index_stats *farley_index_stats(struct farley_index *idx)
{
	idx->stats.records = count_records(idx); /* a full scan: only on request */
	return &idx->stats;
}

/* Lookups ------------------------------------------------------------------ */

int farley_index_resolve(struct farley_index *idx, const char *prefix,
			 enum farley_kind want, enum farley_kind *kind, char **id,
			 char **relpath, struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	struct strbuf hi = STRBUF_INIT, list = STRBUF_INIT;
	size_t n = 0, exact = 0;
	int ret = 0;
	/* exact matches first, then the prefix range [prefix, prefix + '{') */
	strbuf_addf(&hi, "%s{", prefix);
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT id, kind, path, id = ?1 AS exact FROM records"
			       " WHERE id >= ?1 AND id < ?2 AND (?3 < 0 OR kind = ?3)"
			       " ORDER BY exact DESC, id LIMIT 21",
			       -1, &st, NULL) != SQLITE_OK)
		return dberr(idx, err, "lookup");
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hi.buf, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, want);
	*id = *relpath = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int is_exact = sqlite3_column_int(st, 3);
		if (exact && !is_exact)
			break;
		if (n == 0) {
			*id = xstrdup((const char *)sqlite3_column_text(st, 0));
			*kind = (enum farley_kind)sqlite3_column_int(st, 1);
			*relpath = xstrdup((const char *)sqlite3_column_text(st, 2));
		}
		exact += is_exact;
		if (n < 20)
			strbuf_addf(&list, "\n  %s (%s)", sqlite3_column_text(st, 0),
				    farley_kind_name((enum farley_kind)sqlite3_column_int(st, 1)));
		n++;
	}
	sqlite3_finalize(st);
	if (n == 1 || exact == 1)
		goto out;
	free(*id);
	free(*relpath);
	*id = *relpath = NULL;
	if (!n)
		ret = want == FARLEY_NOKIND
			      ? farley_error_set(err, FARLEY_ENOTFOUND, "no record '%s'",
						 prefix)
			      : farley_error_set(err, FARLEY_ENOTFOUND, "no %s '%s'",
						 farley_kind_name(want), prefix);
	else
		ret = farley_error_set(err, FARLEY_EAMBIG,
				       "'%s' is ambiguous; candidates:%s%s", prefix,
				       list.buf, n > 20 ? "\n  ..." : "");
out:
	strbuf_release(&hi);
	strbuf_release(&list);
	return ret;
}

int farley_index_rid(struct farley_index *idx, const char *id,
		     enum farley_kind kind, int64_t *rid)
{
	sqlite3_stmt *st = NULL;
	int ret = -1;
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT rid FROM records WHERE id = ? AND kind = ?"
			       " AND valid = 1 LIMIT 1",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, kind);
		if (sqlite3_step(st) == SQLITE_ROW) {
			*rid = sqlite3_column_int64(st, 0);
			ret = 0;
		}
	}
	sqlite3_finalize(st);
	return ret;
}

int farley_index_has_id(struct farley_index *idx, const char *id)
{
	sqlite3_stmt *st = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(idx->db, "SELECT 1 FROM records WHERE id = ?", -1,
			       &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		found = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return found;
}

int farley_index_record(struct farley_index *idx, int64_t rid,
			struct farley_record *out, struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	struct farley_field *cur = NULL;
	int cur_seq = -1;
	size_t ialloc = 0, salloc = 0;
	farley_record_release(out);
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT id, kind, path FROM records WHERE rid = ?", -1,
			       &st, NULL) != SQLITE_OK)
		return dberr(idx, err, "lookup");
	sqlite3_bind_int64(st, 1, rid);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return farley_error_set(err, FARLEY_ENOTFOUND, "no such record");
	}
	out->id = xstrdup((const char *)sqlite3_column_text(st, 0));
	out->kind = (enum farley_kind)sqlite3_column_int(st, 1);
	out->path = xstrdup((const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT seq, key, vtype, pos, sub, text, plain FROM fields"
			       " WHERE rid = ? ORDER BY seq, pos",
			       -1, &st, NULL) != SQLITE_OK)
		return dberr(idx, err, "lookup");
	sqlite3_bind_int64(st, 1, rid);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int seq = sqlite3_column_int(st, 0);
		int vtype = sqlite3_column_int(st, 2);
		int pos = sqlite3_column_int(st, 3);
		const char *text = (const char *)sqlite3_column_text(st, 5);
		struct farley_scalar sc = { text ? xstrdup(text) : NULL,
					    (unsigned)sqlite3_column_int(st, 6), 0, 0 };
		if (seq != cur_seq) {
			struct farley_field f = { 0 };
			f.key = xstrdup((const char *)sqlite3_column_text(st, 1));
			f.type = (enum farley_vtype)vtype;
			ALLOC_GROW(out->fields, out->nfields + 1, out->alloc);
			out->fields[out->nfields++] = f;
			cur = &out->fields[out->nfields - 1];
			cur_seq = seq;
			ialloc = salloc = 0;
		}
		if (vtype == FARLEY_V_SCALAR) {
			cur->v = sc;
		} else if (pos < 0) {
			free(sc.s);
		} else if (vtype == FARLEY_V_LIST) {
			ALLOC_GROW(cur->items, cur->nitems + 1, ialloc);
			cur->items[cur->nitems++] = sc;
		} else {
			struct farley_field sub = { 0 };
			sub.key = xstrdup((const char *)sqlite3_column_text(st, 4));
			sub.type = FARLEY_V_SCALAR;
			sub.v = sc;
			ALLOC_GROW(cur->sub, cur->nsub + 1, salloc);
			cur->sub[cur->nsub++] = sub;
		}
	}
	sqlite3_finalize(st);
	return 0;
}

static void bind_params(sqlite3_stmt *st, const struct farley_sql *q)
{
	for (size_t i = 0; i < q->n; i++) {
		const struct farley_sqlparam *p = &q->p[i];
		if (p->is_int)
			sqlite3_bind_int64(st, (int)i + 1, p->i);
		else if (p->is_real)
			sqlite3_bind_double(st, (int)i + 1, p->d);
		else
			sqlite3_bind_text(st, (int)i + 1, p->text, -1, SQLITE_STATIC);
	}
}

static int run_rids(struct farley_index *idx, const struct farley_sql *q,
		    int64_t **rids, size_t *n, struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;
	*rids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(idx->db, q->sql.buf, -1, &st, NULL) != SQLITE_OK)
		return dberr(idx, err, "query");
	bind_params(st, q);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(*rids, *n + 1, alloc);
		(*rids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE) {
		int ret = farley_error_set(err, FARLEY_EFAIL, "%s", sqlite3_errmsg(idx->db));
		sqlite3_finalize(st);
		free(*rids);
		*rids = NULL;
		*n = 0;
		return ret;
	}
	sqlite3_finalize(st);
	return 0;
}

int farley_index_select(struct farley_index *idx, const struct farley_query *q,
			int64_t **rids, size_t *n, struct farley_error *err)
{
	struct farley_sql sql;
	int ret = 0;
	farley_sql_init(&sql);
	strbuf_addstr(&sql.sql, "SELECT r.rid FROM records r WHERE r.valid = 1");
	if (q->kind != FARLEY_NOKIND) {
		strbuf_addstr(&sql.sql, " AND r.kind = ");
		farley_sql_int(&sql, q->kind);
	}
	for (size_t i = 0; i < q->nterms && !ret; i++) {
		strbuf_addstr(&sql.sql, " AND ");
		ret = farley_query_compile(&sql, q->kind, q->terms[i], "filter", err);
	}
	if (!ret && q->where) {
		strbuf_addstr(&sql.sql, " AND ");
		ret = farley_query_compile(&sql, q->kind, q->where, "--where", err);
	}
	if (!ret)
		ret = farley_query_order(&sql, q->kind, q->sort ? q->sort : "", err);
	if (!ret && q->limit > 0) {
		strbuf_addstr(&sql.sql, " LIMIT ");
		farley_sql_int(&sql, q->limit);
	}
	if (!ret)
		ret = run_rids(idx, &sql, rids, n, err);
	farley_sql_release(&sql);
	return ret;
}

size_t farley_index_invalid(struct farley_index *idx, enum farley_kind kind)
{
	sqlite3_stmt *st = NULL;
	size_t n = 0;
	/* one kind at a time, so that records_kind(kind, valid) answers it
	 * without reading the whole table */
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT count(*) FROM records WHERE kind = ? AND valid = 0",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	for (int k = 0; k < FARLEY_NKINDS; k++) {
		if (kind != FARLEY_NOKIND && k != (int)kind)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, k);
		if (sqlite3_step(st) == SQLITE_ROW)
			n += (size_t)sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

int farley_index_referrers(struct farley_index *idx, const char *id,
			   enum farley_kind kind, const char *field,
			   int64_t **rids, size_t *n, struct farley_error *err)
{
	struct farley_sql q;
	int ret;
	farley_sql_init(&q);
	strbuf_addstr(&q.sql, "SELECT DISTINCT r.rid FROM records r JOIN fields f"
			      " ON f.rid = r.rid WHERE r.valid = 1 AND f.key = ");
	farley_sql_text(&q, field);
	strbuf_addstr(&q.sql, " AND f.text = ");
	farley_sql_text(&q, id);
	if (kind != FARLEY_NOKIND) {
		strbuf_addstr(&q.sql, " AND r.kind = ");
		farley_sql_int(&q, kind);
	}
	strbuf_addstr(&q.sql, " ORDER BY r.day DESC, r.instant DESC, r.id");
	ret = run_rids(idx, &q, rids, n, err);
	farley_sql_release(&q);
	return ret;
}

/* Search ------------------------------------------------------------------- */

/* Turn what the user typed into an FTS5 query: each word quoted (so no
 * character of it is FTS syntax), a trailing * kept as a prefix search,
 * "several words" kept as a phrase, words in unspaced scripts split into
 * a phrase of their characters. */
static int fts_query(struct strbuf *out, const char *text)
{
	const char *p = text;
	int words = 0;
	while (*p) {
		struct strbuf w = STRBUF_INIT, t = STRBUF_INIT;
		int phrase = 0, prefix = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (*p == '"') {
			p++;
			while (*p && *p != '"')
				strbuf_addch(&w, *p++);
			if (*p)
				p++;
			phrase = 1;
		} else {
			while (*p && *p != ' ' && *p != '\t')
				strbuf_addch(&w, *p++);
		}
		if (!phrase && w.len > 1 && w.buf[w.len - 1] == '*') {
			prefix = 1;
			strbuf_setlen(&w, w.len - 1);
		}
		fts_text(&t, w.buf);
		if (t.len) {
			if (words++)
				strbuf_addstr(out, " AND ");
			strbuf_addch(out, '"');
			for (size_t i = 0; i < t.len; i++) {
				if (t.buf[i] == '"')
					strbuf_addch(out, '"');
				strbuf_addch(out, t.buf[i]);
			}
			strbuf_addch(out, '"');
			if (prefix)
				strbuf_addch(out, '*');
		}
		strbuf_release(&w);
		strbuf_release(&t);
	}
	return words;
}

/* The snippet without the zero-width spaces the index added. */
static char *clean_snippet(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (; *s; s++) {
		if (!strncmp(s, ZWSP, 3)) {
			s += 2;
			continue;
		}
		strbuf_addch(&sb, *s);
	}
	return strbuf_detach(&sb, NULL);
}

int farley_index_search(struct farley_index *idx, const char *text,
			enum farley_kind kind, long limit, struct farley_hit **hits,
			size_t *n, struct farley_error *err)
{
	struct strbuf q = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc, ret = 0;
	*hits = NULL;
	*n = 0;
	if (!fts_query(&q, text)) {
		strbuf_release(&q);
		return farley_error_set(err, FARLEY_EUSAGE, "nothing to search for");
	}
	/* bm25: a match in a name, title or summary counts ten times one in a
	 * body; SQLite's bm25 is lower for better matches.  Snippets are made
	 * afterwards for the hits kept, not for every match. */
	if (sqlite3_prepare_v2(
		    idx->db,
		    "SELECT r.rid, -bm25(fts, 10.0, 3.0, 1.0) AS score"
		    " FROM fts JOIN records r ON r.rid = fts.rowid"
		    " WHERE fts MATCH ?1 AND r.valid = 1 AND (?2 < 0 OR r.kind = ?2)"
		    " ORDER BY bm25(fts, 10.0, 3.0, 1.0), r.id LIMIT ?3",
		    -1, &st, NULL) != SQLITE_OK) {
		strbuf_release(&q);
		return dberr(idx, err, "search");
	}
	sqlite3_bind_text(st, 1, q.buf, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, kind);
	sqlite3_bind_int64(st, 3, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct farley_hit *h;
		ALLOC_GROW(*hits, *n + 1, alloc);
		h = &(*hits)[(*n)++];
		h->rid = sqlite3_column_int64(st, 0);
		h->score = sqlite3_column_double(st, 1);
		h->snippet = NULL;
	}
	if (rc != SQLITE_DONE)
		ret = farley_error_set(err, FARLEY_EFAIL, "search: %s",
				       sqlite3_errmsg(idx->db));
	sqlite3_finalize(st);
	st = NULL;
	if (!ret && *n &&
	    sqlite3_prepare_v2(idx->db,
			       "SELECT snippet(fts, -1, char(1), char(2), '…', 12)"
			       " FROM fts WHERE fts MATCH ?1 AND rowid = ?2",
			       -1, &st, NULL) == SQLITE_OK) {
		for (size_t i = 0; i < *n; i++) {
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, q.buf, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, (*hits)[i].rid);
			(*hits)[i].snippet = clean_snippet(
				sqlite3_step(st) == SQLITE_ROW
					? (const char *)sqlite3_column_text(st, 0)
					: "");
		}
	}
	for (size_t i = 0; i < *n; i++)
		if (!(*hits)[i].snippet)
			(*hits)[i].snippet = xstrdup("");
	sqlite3_finalize(st);
	strbuf_release(&q);
	return ret;
}

void farley_hits_free(struct farley_hit *hits, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(hits[i].snippet);
	free(hits);
}

/* History cache ------------------------------------------------------------ */

int farley_index_history_get(struct farley_index *idx, const char *commit,
			     struct farley_transition **t, size_t *n, int *found)
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
			       " author, deal, field, old, new) VALUES(?,?,?,?,?,?,?,?)",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (size_t i = 0; i < n && !ret; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, commit, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		sqlite3_bind_int64(st, 3, t[i].time);
		bind_opt_text(st, 4, t[i].author);
		bind_opt_text(st, 5, t[i].deal);
		bind_opt_text(st, 6, t[i].field);
		bind_opt_text(st, 7, t[i].old);
		bind_opt_text(st, 8, t[i].new);
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
	return exec(idx, "BEGIN IMMEDIATE", NULL);
}

int farley_index_commit(struct farley_index *idx)
{
	return exec(idx, "COMMIT", NULL);
}

int farley_index_deals(struct farley_index *idx, const char *owner,
		       farley_deal_fn fn, void *data, struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT id, stage, currency, owner, value, probability, close"
			       " FROM records WHERE kind = ?1 AND valid = 1"
			       " AND (?2 IS NULL OR owner = ?2)",
			       -1, &st, NULL) != SQLITE_OK)
		return dberr(idx, err, "deals");
	sqlite3_bind_int(st, 1, FARLEY_DEAL);
	bind_opt_text(st, 2, owner);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct farley_deal_row d = { 0 };
		d.id = (const char *)sqlite3_column_text(st, 0);
		d.stage = (const char *)sqlite3_column_text(st, 1);
		d.currency = (const char *)sqlite3_column_text(st, 2);
		d.owner = (const char *)sqlite3_column_text(st, 3);
		d.value = sqlite3_column_int64(st, 4);
		d.has_prob = sqlite3_column_type(st, 5) != SQLITE_NULL;
		d.prob = (int32_t)sqlite3_column_int64(st, 5);
		d.has_close = sqlite3_column_type(st, 6) != SQLITE_NULL;
		d.close = (int32_t)sqlite3_column_int64(st, 6);
		fn(&d, data);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : dberr(idx, err, "deals");
}
