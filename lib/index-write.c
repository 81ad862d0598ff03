/* index-write.c: a record's rows in the index.
 *
 * Owns turning a record file into rows (prepare: parse, validate, type the
 * values, fold the text for FTS5, with no SQLite call, so a rebuild can do
 * it on another thread), inserting those rows, deleting a path's rows, and
 * indexing one path from a git blob or from the work tree. */
#include "index-private.h"
#include "query.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/yamlrec.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void farley_idx_prep_release(struct farley_idx_prep *p)
{
	free(p->path);
	free(p->error);
	farley_record_release(&p->r);
	free(p->rows);
	for (int i = 0; i < 3; i++)
		strbuf_release(&p->fts[i]);
	memset(p, 0, sizeof(*p));
}

static void prep_row(struct farley_idx_prep *p, int seq, const char *key,
		     int vtype, int pos, const char *sub,
		     const struct farley_scalar *sc, enum farley_ftype t)
{
	struct farley_idx_row *w;
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
	w->custom = t == FT_CUSTOM;
	w->ref = farley_key_is_ref(key);
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
	farley_idx_fts_text(ft, s);
}

/* What every prep starts with: the path, its blob, and the kind and id
 * the path names.  0 when the path is no record file at all. */
static int prep_start(struct farley_idx_prep *p, const char *path,
		      const char *blob)
{
	struct strbuf id = STRBUF_INIT;
	memset(p, 0, sizeof(*p));
	p->r.kind = FARLEY_NOKIND;
	for (int i = 0; i < 3; i++)
		strbuf_init(&p->fts[i], 0);
	p->path = xstrdup(path);
	snprintf(p->blob, sizeof(p->blob), "%s", blob ? blob : "");
	if (farley_path_record(path, &p->kind, &id)) {
		strbuf_release(&id);
		return 0;
	}
	p->is_record = 1;
	p->r.kind = p->kind;
	p->r.id = strbuf_detach(&id, NULL);
	p->r.path = xstrdup(path);
	return 1;
}

void farley_idx_prep_unreadable(struct farley_idx_prep *p, const char *path,
				const char *blob, const char *reason)
{
	if (prep_start(p, path, blob))
		p->error = xstrdup(reason);
}

void farley_idx_prep_record(struct farley_idx_prep *p,
			    const struct farley_config *cfg, const char *path,
			    const char *blob, const char *text, size_t len)
{
	struct farley_error perr = FARLEY_ERROR_INIT;
	if (!prep_start(p, path, blob))
		return;
	if (!farley_id_valid(p->r.id) ||
	    farley_yaml_parse(&p->r, text, len, &perr) ||
	    farley_record_validate(&p->r, cfg, &perr)) {
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

/* The parameters of the insert statements, by position: a rebuild binds
 * some forty million values, and binding by name would look each name up
 * in the statement's list every time. */
enum { R_ID = 1, R_KIND, R_PATH, R_BLOB, R_TITLE, R_ERROR, R_STAGE, R_VALUE,
       R_CURRENCY, R_PROB, R_CLOSE, R_DAY, R_INSTANT, R_DUE, R_STATUS,
       R_OWNER, R_COMPANY };
enum { F_RID = 1, F_SEQ, F_KEY, F_VTYPE, F_POS, F_SUB, F_TEXT, F_PLAIN,
       F_NUM, F_NUM2, F_IX };

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_num(sqlite3_stmt *st, int i, enum farley_ftype t,
		     const char *s)
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

/* Count the custom field names in use (customkeys), so that telling a
 * typo from a custom field reads a few rows, not every field. */
static int count_custom(struct farley_index *idx, const char *key,
			struct farley_error *err)
{
	sqlite3_stmt *st = idx->ins_custom;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return farley_idx_dberr(idx, err, "insert field name");
	return 0;
}

int farley_idx_insert_prep(struct farley_index *idx, struct farley_idx_prep *p,
			   struct farley_error *err)
{
	const struct farley_config *cfg = farley_repo_config(idx->repo);
	const struct farley_record *r = &p->r;
	sqlite3_stmt *st = idx->ins_record;
	int64_t rid;
	int ret;
	if (!p->is_record)
		return 0;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st); /* the typed columns stay NULL unless set */
	bind_str(st, R_ID, r->id);
	sqlite3_bind_int(st, R_KIND, p->kind);
	bind_str(st, R_PATH, p->path);
	bind_str(st, R_BLOB, *p->blob ? p->blob : NULL);
	bind_str(st, R_ERROR, p->error);
	if (!p->error) {
		const char *cur = farley_record_str(r, "currency");
		const char *status = farley_record_str(r, "status");
		const char *date = farley_record_str(r, "date");
		struct farley_datetime dt;
		if (!cur && p->kind == FARLEY_DEAL)
			cur = cfg->currency;
		if (!status && p->kind == FARLEY_TASK)
			status = "open";
		bind_str(st, R_TITLE, farley_record_title(r));
		bind_str(st, R_STAGE, farley_record_str(r, "stage"));
		bind_num(st, R_VALUE, FT_MONEY, farley_record_str(r, "value"));
		bind_str(st, R_CURRENCY, cur);
		bind_num(st, R_PROB, FT_PROB, farley_record_str(r, "probability"));
		bind_num(st, R_CLOSE, FT_DATE, farley_record_str(r, "close"));
		if (p->kind == FARLEY_INTERACTION && date &&
		    !farley_datetime_parse(date, &dt)) {
			sqlite3_bind_int64(st, R_DAY, dt.day);
			sqlite3_bind_int64(st, R_INSTANT, farley_datetime_instant(&dt));
		}
		bind_num(st, R_DUE, FT_DATE, farley_record_str(r, "due"));
		if (p->kind == FARLEY_TASK)
			bind_str(st, R_STATUS, status);
		bind_str(st, R_OWNER, farley_record_str(r, "owner"));
		bind_str(st, R_COMPANY, farley_record_str(r, "company"));
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		return farley_idx_dberr(idx, err, "insert record");
	rid = sqlite3_last_insert_rowid(idx->db);
	idx->stats.changed++;
	if (p->error)
		return 0;
	st = idx->ins_field;
	for (size_t i = 0; i < p->nrows; i++) {
		const struct farley_idx_row *w = &p->rows[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, F_RID, rid);
		sqlite3_bind_int(st, F_SEQ, w->seq);
		bind_str(st, F_KEY, w->key);
		sqlite3_bind_int(st, F_VTYPE, w->vtype);
		sqlite3_bind_int(st, F_POS, w->pos);
		bind_str(st, F_SUB, w->sub);
		bind_str(st, F_TEXT, w->text);
		sqlite3_bind_int(st, F_PLAIN, w->plain);
		if (w->numtype == 1)
			sqlite3_bind_int64(st, F_NUM, w->num);
		else if (w->numtype == 2)
			sqlite3_bind_double(st, F_NUM, w->real);
		else
			sqlite3_bind_null(st, F_NUM);
		if (w->has_num2)
			sqlite3_bind_int64(st, F_NUM2, w->num2);
		else
			sqlite3_bind_null(st, F_NUM2);
		if (w->ref)
			sqlite3_bind_int(st, F_IX, 1);
		else
			sqlite3_bind_null(st, F_IX);
		if (sqlite3_step(st) != SQLITE_DONE)
			return farley_idx_dberr(idx, err, "insert field");
		if (w->custom && (ret = count_custom(idx, w->key, err)))
			return ret;
	}
	st = idx->ins_fts;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, rid);
	for (int i = 0; i < 3; i++)
		sqlite3_bind_text(st, 2 + i, p->fts[i].buf, (int)p->fts[i].len,
				  SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return farley_idx_dberr(idx, err, "insert text");
	return 0;
}

static int insert_and_release(struct farley_index *idx,
			      struct farley_idx_prep *p, struct farley_error *err)
{
	int ret = farley_idx_insert_prep(idx, p, err);
	farley_idx_prep_release(p);
	return ret;
}

/* Index one record (text as read from a blob or file) at path. */
static int put_record(struct farley_index *idx, const char *path,
		      const char *blob, const char *text, size_t len,
		      struct farley_error *err)
{
	struct farley_idx_prep p;
	farley_idx_prep_record(&p, farley_repo_config(idx->repo), path, blob,
			       text, len);
	return insert_and_release(idx, &p, err);
}

/* Index a record at path whose text could not be read, and why. */
static int put_unreadable(struct farley_index *idx, const char *path,
			  const char *blob, const char *reason,
			  struct farley_error *err)
{
	struct farley_idx_prep p;
	farley_idx_prep_unreadable(&p, path, blob, reason);
	return insert_and_release(idx, &p, err);
}

int farley_idx_prepare_writes(struct farley_index *idx,
			      struct farley_error *err)
{
	int ret;
	if ((ret = farley_idx_prepare(idx, &idx->ins_record,
		     "INSERT INTO records(id, kind, path, blob, title,"
		     " error, stage, value, currency, probability, close, day,"
		     " instant, due, status, owner, company)"
		     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		     " ?13, ?14, ?15, ?16, ?17)",
		     err)) ||
	    (ret = farley_idx_prepare(idx, &idx->ins_field,
		     "INSERT INTO fields(rid, seq, key, vtype, pos, sub, text,"
		     " plain, num, num2, ix)"
		     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
		     err)) ||
	    (ret = farley_idx_prepare(idx, &idx->ins_fts,
		     "INSERT INTO fts(rowid, title, fields, body)"
		     " VALUES(?1, ?2, ?3, ?4)",
		     err)) ||
	    (ret = farley_idx_prepare(idx, &idx->ins_custom,
		     "INSERT INTO customkeys(key, n) VALUES(?, 1)"
		     " ON CONFLICT(key) DO UPDATE SET n = n + 1",
		     err)) ||
	    (ret = farley_idx_prepare(idx, &idx->del_custom,
		     "UPDATE customkeys SET n = n - (SELECT count(*) FROM fields f"
		     " WHERE f.rid = ?1 AND f.key = customkeys.key)"
		     " WHERE key IN (SELECT key FROM fields WHERE rid = ?1)",
		     err)) ||
	    (ret = farley_idx_prepare(idx, &idx->find_path,
		     "SELECT rid, blob FROM records WHERE path = ?", err)) ||
	    (ret = farley_idx_prepare(idx, &idx->del_fields,
		     "DELETE FROM fields WHERE rid = ?", err)) ||
	    (ret = farley_idx_prepare(idx, &idx->del_fts,
		     "DELETE FROM fts WHERE rowid = ?", err)) ||
	    (ret = farley_idx_prepare(idx, &idx->del_record,
		     "DELETE FROM records WHERE rid = ?", err)))
		return ret;
	return 0;
}

int farley_idx_delete_path(struct farley_index *idx, const char *path,
			   struct farley_error *err)
{
	sqlite3_stmt *st = idx->find_path;
	sqlite3_stmt *del[4] = { idx->del_custom, idx->del_fields, idx->del_fts,
				 idx->del_record };
	int64_t rid;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW)
		return 0;
	rid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (int i = 0; i < 4; i++) {
		sqlite3_reset(del[i]);
		sqlite3_bind_int64(del[i], 1, rid);
		if (sqlite3_step(del[i]) != SQLITE_DONE)
			return farley_idx_dberr(idx, err, "delete");
		sqlite3_reset(del[i]);
	}
	return 0;
}

void farley_idx_indexed_blob(struct farley_index *idx, const char *path,
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

int farley_idx_apply_blob(struct farley_index *idx, const char *path,
			  const git_oid *oid, struct farley_error *err)
{
	git_blob *blob = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	int ret;
	if ((ret = farley_idx_delete_path(idx, path, err)) || !oid)
		return ret;
	git_oid_tostr(hex, sizeof(hex), oid);
	if (git_blob_lookup(&blob, idx->repo->git, oid) < 0)
		return farley_git_error(err, "index: cannot read a record blob");
	if (git_blob_rawsize(blob) > FARLEY_MAX_FILE)
		ret = put_unreadable(idx, path, hex, FARLEY_IDX_TOO_LARGE, err);
	else
		ret = put_record(idx, path, hex, git_blob_rawcontent(blob),
				 (size_t)git_blob_rawsize(blob), err);
	git_blob_free(blob);
	return ret;
}

int farley_idx_apply_worktree(struct farley_index *idx, const char *path,
			      struct strbuf *hexout, struct farley_error *err)
{
	struct strbuf full = STRBUF_INIT, text = STRBUF_INIT;
	struct stat st;
	git_oid oid;
	char hex[GIT_OID_HEXSZ + 1];
	int ret;
	strbuf_reset(hexout);
	if ((ret = farley_idx_delete_path(idx, path, err)))
		return ret;
	strbuf_addf(&full, "%s%s", idx->repo->workdir, path);
	if (lstat(full.buf, &st)) {
		strbuf_release(&full);
		return 0; /* deleted */
	}
	if (!S_ISREG(st.st_mode)) {
		strbuf_addstr(hexout, "special");
		ret = put_unreadable(idx, path, "special", "not a regular file",
				     err);
	} else if (strbuf_read_file(&text, full.buf, FARLEY_MAX_FILE)) {
		struct strbuf why = STRBUF_INIT;
		if (errno == E2BIG)
			strbuf_addstr(&why, FARLEY_IDX_TOO_LARGE);
		else
			strbuf_addf(&why, "cannot read it: %s", strerror(errno));
		strbuf_addstr(hexout, "unreadable");
		ret = put_unreadable(idx, path, "unreadable", why.buf, err);
		strbuf_release(&why);
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

