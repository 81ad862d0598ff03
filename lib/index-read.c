/* index-read.c: answering from the index.
 *
 * Owns the lookups (an id or prefix, a rid, a whole record rebuilt from its
 * rows), the selection of records by filters, --where and --sort (compiled
 * by query.c, run here), the count of unreadable records, the records that
 * refer to one, and the typed deal rows the reports read. */
#include "index-private.h"
#include "query.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Lookups ------------------------------------------------------------------ */

int farley_index_matches(struct farley_index *idx, const char *prefix,
			 enum farley_kind want, size_t max,
			 struct farley_match **out, size_t *n)
{
	sqlite3_stmt *st = NULL;
	struct strbuf hi = STRBUF_INIT;
	size_t alloc = 0;
	int exact = 0;
	*out = NULL;
	*n = 0;
	/* exact matches first, then the prefix range [prefix, prefix + '{') */
	strbuf_addf(&hi, "%s{", prefix);
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT id, kind, path, id = :prefix AS exact FROM records"
			       " WHERE id >= :prefix AND id < :above"
			       " AND (:kind < 0 OR kind = :kind)"
			       " ORDER BY exact DESC, id LIMIT :limit",
			       -1, &st, NULL) != SQLITE_OK) {
		strbuf_release(&hi);
		return -1;
	}
	farley_idx_bind_text(st, ":prefix", prefix);
	farley_idx_bind_text(st, ":above", hi.buf);
	farley_idx_bind_int(st, ":kind", want);
	farley_idx_bind_int(st, ":limit", (int64_t)max + 1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int is_exact = sqlite3_column_int(st, 3);
		if (exact && !is_exact)
			break;
		exact |= is_exact;
		ALLOC_GROW(*out, *n + 1, alloc);
		(*out)[*n].id = xstrdup((const char *)sqlite3_column_text(st, 0));
		(*out)[*n].kind = (enum farley_kind)sqlite3_column_int(st, 1);
		(*out)[*n].path = xstrdup((const char *)sqlite3_column_text(st, 2));
		(*n)++;
	}
	sqlite3_finalize(st);
	strbuf_release(&hi);
	return 0;
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

int farley_index_read_begin(struct farley_index *idx, struct farley_error *err)
{
	if (idx->read_depth++)
		return 0;
	idx->read_own = 0;
	if (!sqlite3_get_autocommit(idx->db))
		return 0; /* inside the caller's own transaction already */
	if (farley_idx_exec(idx, "BEGIN", err)) {
		idx->read_depth--;
		return FARLEY_EFAIL;
	}
	idx->read_own = 1;
	return 0;
}

void farley_index_read_end(struct farley_index *idx)
{
	if (idx->read_depth > 0 && !--idx->read_depth && idx->read_own) {
		farley_idx_exec(idx, "COMMIT", NULL);
		idx->read_own = 0;
	}
}

static int record_fields(struct farley_index *idx, int64_t rid,
			 struct farley_record *out, struct farley_error *err);

/* The record row and its fields in one read transaction: a sync in
 * another process cannot come between them. */
int farley_index_record(struct farley_index *idx, int64_t rid,
			struct farley_record *out, struct farley_error *err)
{
	int ret;
	if ((ret = farley_index_read_begin(idx, err)))
		return ret;
	ret = record_fields(idx, rid, out, err);
	farley_index_read_end(idx);
	return ret;
}

static int record_fields(struct farley_index *idx, int64_t rid,
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
		return farley_idx_dberr(idx, err, "lookup");
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
		return farley_idx_dberr(idx, err, "lookup");
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

/* Selection ---------------------------------------------------------------- */

static int run_rids(struct farley_index *idx, const struct farley_sql *q,
		    int64_t **rids, size_t *n, struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int rc;
	*rids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(idx->db, q->sql.buf, -1, &st, NULL) != SQLITE_OK)
		return farley_idx_dberr(idx, err, "query");
	if ((rc = farley_sql_bind(st, q, err))) {
		sqlite3_finalize(st);
		return rc;
	}
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

/* The custom field names records have, for telling a typo from a field
 * (the schema's names are never typos): NULL-terminated, the caller's.
 * NULL when they cannot be read (then no field is called a typo). */
static char **field_names(struct farley_index *idx)
{
	sqlite3_stmt *st = NULL;
	char **names = NULL;
	size_t n = 0, alloc = 0;
	if (sqlite3_prepare_v2(idx->db, "SELECT key FROM customkeys WHERE n > 0",
			       -1, &st,
			       NULL) != SQLITE_OK)
		return NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		ALLOC_GROW(names, n + 2, alloc);
		names[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	ALLOC_GROW(names, n + 1, alloc);
	names[n] = NULL;
	return names;
}

static void free_names(char **names)
{
	for (size_t i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}

int farley_index_select(struct farley_index *idx, const struct farley_query *q,
			int64_t **rids, size_t *n, struct farley_error *err)
{
	struct farley_sql sql;
	int ret = 0;
	char **names = field_names(idx);
	const char *const *known = (const char *const *)names;
	farley_sql_init(&sql);
	strbuf_addstr(&sql.sql, "SELECT r.rid FROM records r WHERE r.valid = 1");
	if (q->kind != FARLEY_NOKIND) {
		strbuf_addstr(&sql.sql, " AND r.kind = ");
		farley_sql_int(&sql, q->kind);
	}
	for (size_t i = 0; i < q->nterms && !ret; i++) {
		strbuf_addstr(&sql.sql, " AND ");
		ret = farley_query_compile(&sql, q->kind, q->terms[i], "filter", known,
					    err);
	}
	if (!ret && q->where) {
		strbuf_addstr(&sql.sql, " AND ");
		ret = farley_query_compile(&sql, q->kind, q->where, "--where", known, err);
	}
	if (!ret)
		ret = farley_query_order(&sql, q->kind, q->sort ? q->sort : "", known,
					 err);
	if (!ret && q->limit > 0) {
		strbuf_addstr(&sql.sql, " LIMIT ");
		farley_sql_int(&sql, q->limit);
	}
	if (!ret)
		ret = run_rids(idx, &sql, rids, n, err);
	farley_sql_release(&sql);
	free_names(names);
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
			      " ON f.rid = r.rid WHERE r.valid = 1");
	if (farley_key_is_ref(field)) /* then its rows are in fields_key */
		strbuf_addstr(&q.sql, " AND f.ix = 1");
	strbuf_addstr(&q.sql, " AND f.key = ");
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

/* Deal rows --------------------------------------------------------------- */

int farley_index_deals(struct farley_index *idx, const char *owner,
		       farley_deal_fn fn, void *data, struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT id, stage, currency, owner, value, probability, close"
			       " FROM records WHERE kind = :kind AND valid = 1"
			       " AND (:owner IS NULL OR owner = :owner)",
			       -1, &st, NULL) != SQLITE_OK)
		return farley_idx_dberr(idx, err, "deals");
	farley_idx_bind_int(st, ":kind", FARLEY_DEAL);
	farley_idx_bind_text(st, ":owner", owner);
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
	return rc == SQLITE_DONE ? 0 : farley_idx_dberr(idx, err, "deals");
}

/* Keys for matching ---------------------------------------------------------- */

int farley_index_field_values(struct farley_index *idx, enum farley_kind kind,
			      const char *const *keys, farley_field_value_fn fn,
			      void *data, struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	int ret = 0;
	/* the title column holds name, title or summary; fields the rest */
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT r.id, r.path, f.key, f.text FROM records r"
			       " JOIN fields f ON f.rid = r.rid"
			       " WHERE r.kind = :kind AND r.valid AND f.key = :key"
			       " AND f.text IS NOT NULL",
			       -1, &st, NULL) != SQLITE_OK)
		return farley_idx_dberr(idx, err, "reading keys");
	for (size_t k = 0; keys[k] && !ret; k++) {
		sqlite3_reset(st);
		farley_idx_bind_int(st, ":kind", kind);
		farley_idx_bind_text(st, ":key", keys[k]);
		while (!ret && sqlite3_step(st) == SQLITE_ROW)
			ret = fn((const char *)sqlite3_column_text(st, 0),
				 (const char *)sqlite3_column_text(st, 1),
				 (const char *)sqlite3_column_text(st, 2),
				 (const char *)sqlite3_column_text(st, 3), data);
	}
	sqlite3_finalize(st);
	return ret;
}
