/* merge.c: three-way merge of one record, field by field. */
#include "farley/merge.h"
#include "farley/yamlrec.h"

#include <stdlib.h>
#include <string.h>

static int parse(const char *path, enum farley_kind kind, const struct strbuf *text,
		 struct farley_record *r, struct farley_error *err)
{
	r->kind = kind;
	r->path = xstrdup(path);
	if (!text->len)
		return 0; /* absent: an empty record */
	return farley_yaml_parse(r, text->buf, text->len, err);
}

static int same(const struct farley_field *a, const struct farley_field *b)
{
	if (!a || !b)
		return a == b;
	return farley_field_equal(a, b);
}

static int has_item(const struct farley_field *f, const char *v)
{
	if (!f)
		return 0;
	if (f->type == FARLEY_V_SCALAR)
		return f->v.s && !strcmp(f->v.s, v);
	for (size_t i = 0; i < f->nitems; i++)
		if (f->items[i].s && !strcmp(f->items[i].s, v))
			return 1;
	return 0;
}

static size_t count_items(const struct farley_field *f)
{
	if (!f)
		return 0;
	return f->type == FARLEY_V_LIST ? f->nitems : f->v.s ? 1 : 0;
}

static const char *item(const struct farley_field *f, size_t i)
{
	return f->type == FARLEY_V_LIST ? f->items[i].s : f->v.s;
}

/* ours, plus what theirs added, minus what either side removed */
static void set_merge(const char *key, const struct farley_field *b,
		      const struct farley_field *a, const struct farley_field *t,
		      struct farley_field *out)
{
	size_t alloc = 0;
	memset(out, 0, sizeof(*out));
	out->key = xstrdup(key);
	out->type = FARLEY_V_LIST;
	out->flow = a ? a->flow : t ? t->flow : 0;
	for (size_t i = 0; i < count_items(a); i++) {
		const char *v = item(a, i);
		if (!v || (has_item(b, v) && !has_item(t, v)))
			continue; /* theirs removed it */
		ALLOC_GROW(out->items, out->nitems + 1, alloc);
		memset(&out->items[out->nitems], 0, sizeof(*out->items));
		out->items[out->nitems++].s = xstrdup(v);
	}
	for (size_t i = 0; i < count_items(t); i++) {
		const char *v = item(t, i);
		if (!v || has_item(b, v) || has_item(out, v))
			continue; /* not added by theirs, or already there */
		ALLOC_GROW(out->items, out->nitems + 1, alloc);
		memset(&out->items[out->nitems], 0, sizeof(*out->items));
		out->items[out->nitems++].s = xstrdup(v);
	}
}

static int is_list(enum farley_kind kind, const char *key, const struct farley_field *x,
		   const struct farley_field *y)
{
	const struct farley_fielddef *d = farley_schema_field(kind, key);
	return farley_ftype_is_list(d->type) ||
	       (x && x->type == FARLEY_V_LIST) || (y && y->type == FARLEY_V_LIST);
}

/* The field as canonical lines (or nothing when absent). */
static void field_lines(struct strbuf *out, enum farley_kind kind,
			const struct farley_field *f)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_field copy;
	if (!f)
		return;
	r.kind = kind;
	farley_field_copy(&copy, f);
	farley_record_put(&r, &copy);
	farley_yaml_write(out, &r);
	farley_record_release(&r);
}

int farley_merge_texts(const char *path, const struct strbuf *base,
		       const struct strbuf *ours, const struct strbuf *theirs,
		       int marker_size, const struct farley_merge_labels *labels,
		       struct strbuf *out, struct farley_error *err)
{
	struct farley_record b = FARLEY_RECORD_INIT, a = FARLEY_RECORD_INIT;
	struct farley_record t = FARLEY_RECORD_INIT, want = FARLEY_RECORD_INIT;
	struct strbuf id = STRBUF_INIT, text = STRBUF_INIT;
	enum farley_kind kind = FARLEY_COMPANY;
	const char **conflicts = NULL;
	size_t nconf = 0, calloc_ = 0;
	int ret;

	if (farley_path_record(path, &kind, &id))
		kind = FARLEY_COMPANY; /* not a record path: treat fields generically */
	if ((ret = parse(path, kind, base, &b, err)) || (ret = parse(path, kind, ours, &a, err)) ||
	    (ret = parse(path, kind, theirs, &t, err)))
		goto out;
	farley_record_copy(&want, &a);
	/* every key of ours, then the ones only theirs (or base) has */
	{
		const struct farley_record *sides[3] = { &a, &t, &b };
		for (int s = 0; s < 3; s++)
			for (size_t i = 0; i < sides[s]->nfields; i++) {
				const char *key = sides[s]->fields[i].key;
				const struct farley_field *fb = farley_record_get(&b, key);
				const struct farley_field *fa = farley_record_get(&a, key);
				const struct farley_field *ft = farley_record_get(&t, key);
				struct farley_field merged;
				if ((s == 1 && fa) || (s == 2 && (fa || ft)))
					continue; /* seen */
				if (same(fa, ft) || same(fb, ft))
					continue; /* ours stands */
				if (same(fb, fa)) {
					/* only theirs changed it */
					if (ft) {
						farley_field_copy(&merged, ft);
						merged.flow = fa ? fa->flow : ft->flow;
						farley_record_put(&want, &merged);
					} else {
						farley_record_remove(&want, key);
					}
					continue;
				}
				if (is_list(kind, key, fa, ft) && (fa || ft)) {
					set_merge(key, fb, fa, ft, &merged);
					if (merged.nitems)
						farley_record_put(&want, &merged);
					else {
						farley_field_release(&merged);
						farley_record_remove(&want, key);
					}
					continue;
				}
				/* both changed it, differently: a conflict, ours for now */
				ALLOC_GROW(conflicts, nconf + 1, calloc_);
				conflicts[nconf++] = key;
			}
	}
	/* ours' text with the merged fields, formatting kept */
	if (a.text.len) {
		if ((ret = farley_yaml_edit(&a, &want, &text, err)))
			goto out;
	} else {
		farley_yaml_write(&text, &want);
	}
	/* conflicts: markers around that one field */
	for (size_t c = 0; c < nconf; c++) {
		struct farley_record cur = FARLEY_RECORD_INIT;
		struct farley_error perr = FARLEY_ERROR_INIT;
		struct farley_field *f;
		struct strbuf mark = STRBUF_INIT;
		size_t start, end;
		cur.kind = kind;
		cur.path = xstrdup(path);
		if (farley_yaml_parse(&cur, text.buf, text.len, &perr)) {
			/* the previous markers make it unparsable: locate by key */
			farley_error_clear(&perr);
			farley_record_release(&cur);
			start = end = text.len;
		} else if ((f = farley_record_get(&cur, conflicts[c]))) {
			start = f->start;
			end = f->end;
		} else {
			start = end = text.len; /* absent on ours: at the end */
		}
		if (end == text.len && text.len && text.buf[text.len - 1] != '\n') {
			strbuf_addch(&text, '\n');
			end = start = text.len;
		}
		strbuf_addchars(&mark, '<', (size_t)marker_size);
		strbuf_addf(&mark, " %s\n", labels && labels->ours ? labels->ours : "ours");
		field_lines(&mark, kind, farley_record_get(&a, conflicts[c]));
		strbuf_addchars(&mark, '=', (size_t)marker_size);
		strbuf_addch(&mark, '\n');
		field_lines(&mark, kind, farley_record_get(&t, conflicts[c]));
		strbuf_addchars(&mark, '>', (size_t)marker_size);
		strbuf_addf(&mark, " %s\n",
			    labels && labels->theirs ? labels->theirs : "theirs");
		strbuf_splice(&text, start, end - start, mark.buf, mark.len);
		strbuf_release(&mark);
		farley_record_release(&cur);
	}
	strbuf_reset(out);
	strbuf_add(out, text.buf, text.len);
	ret = nconf ? 1 : 0;
out:
	free(conflicts);
	farley_record_release(&b);
	farley_record_release(&a);
	farley_record_release(&t);
	farley_record_release(&want);
	strbuf_release(&id);
	strbuf_release(&text);
	return ret;
}
