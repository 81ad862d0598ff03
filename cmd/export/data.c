/* export/data.c: farley export csv and json.
 *
 * json is lossless: the records as `farley show --format=json` gives them,
 * in an array, which `farley import json` reads back into the same files.
 * csv is for spreadsheets: one row per record, the kind's listed fields in
 * their order (address split into address.street, address.city ...), then
 * custom fields alphabetically; list items joined with "; ". */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Emit doc in format into run->out. */
static int emit_into(struct export_run *run, const struct farley_node *doc,
		     enum farley_format format, const char *const *columns)
{
	struct farley_emit_opts o = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int ret;
	if (!f)
		return 1;
	o.format = format;
	o.columns = columns;
	ret = farley_emit(f, doc, &o);
	if (fclose(f))
		ret = -1;
	if (!ret)
		strbuf_add(run->out, buf, len);
	free(buf);
	return ret ? 1 : 0;
}

int export_json(struct export_run *run)
{
	const struct farley_config *cfg = farley_repo_config(run->ctx->repo);
	struct farley_error err = FARLEY_ERROR_INIT;
	int ret = 0;
	strbuf_addstr(run->out, "[");
	for (size_t i = 0; i < run->n && !ret; i++) {
		struct farley_record r = FARLEY_RECORD_INIT;
		struct farley_node *doc;
		size_t start;
		if (export_record(run, i, &r, &err)) {
			farley_record_release(&r);
			return report(&err);
		}
		doc = farley_record_node(&r, cfg);
		strbuf_addstr(run->out, i ? ",\n" : "\n");
		start = run->out->len;
		ret = emit_into(run, doc, FARLEY_FMT_JSON, NULL);
		/* one record a line would do; the emitter ends with a newline */
		while (run->out->len > start && run->out->buf[run->out->len - 1] == '\n')
			strbuf_setlen(run->out, run->out->len - 1);
		farley_node_free(doc);
		farley_record_release(&r);
	}
	strbuf_addstr(run->out, "\n]\n");
	return ret;
}

/* A column name once, in order of first appearance. */
static void add_column(const char ***cols, size_t *n, size_t *alloc,
		       const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*cols)[i], name))
			return;
	ALLOC_GROW(*cols, *n + 2, *alloc);
	(*cols)[(*n)++] = xstrdup(name);
	(*cols)[*n] = NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void join(struct strbuf *sb, const struct farley_field *f)
{
	for (size_t i = 0; i < f->nitems; i++)
		if (f->items[i].s)
			strbuf_addf(sb, "%s%s", sb->len ? "; " : "", f->items[i].s);
}

/* One record as a flat map of strings. */
static struct farley_node *flat(const struct farley_record *r, int with_kind,
				const char ***custom, size_t *ncustom,
				size_t *acustom, const char ***addr, size_t *naddr,
				size_t *aaddr)
{
	struct farley_node *m = farley_node_new(FARLEY_N_MAP, NULL);
	farley_node_add_str(m, "id", r->id);
	if (with_kind)
		farley_node_add_str(m, "kind", farley_kind_name(r->kind));
	for (size_t i = 0; i < r->nfields; i++) {
		const struct farley_field *f = &r->fields[i];
		const struct farley_fielddef *d = farley_schema_field(r->kind, f->key);
		struct strbuf sb = STRBUF_INIT;
		if (f->type == FARLEY_V_MAP) {
			for (size_t j = 0; j < f->nsub; j++) {
				strbuf_reset(&sb);
				strbuf_addf(&sb, "%s.%s", f->key, f->sub[j].key);
				add_column(addr, naddr, aaddr, sb.buf);
				farley_node_add(m, sb.buf, f->sub[j].v.s
							? farley_node_new(FARLEY_N_STR,
									  f->sub[j].v.s)
							: farley_node_new(FARLEY_N_NULL, NULL));
			}
			strbuf_release(&sb);
			continue;
		}
		if (f->type == FARLEY_V_LIST)
			join(&sb, f);
		else if (f->v.s)
			strbuf_addstr(&sb, f->v.s);
		if (d->type == FT_CUSTOM)
			add_column(custom, ncustom, acustom, f->key);
		farley_node_add(m, f->key, farley_node_new(FARLEY_N_STR, sb.buf));
		strbuf_release(&sb);
	}
	return m;
}

int export_csv(struct export_run *run)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_node *rows = farley_node_new(FARLEY_N_LIST, NULL);
	const char **custom = NULL, **addr = NULL, **cols = NULL;
	size_t ncustom = 0, acustom = 0, naddr = 0, aaddr = 0, ncols = 0, acols = 0;
	int with_kind = run->kind == FARLEY_NOKIND, ret = 0;
	for (size_t i = 0; i < run->n; i++) {
		struct farley_record r = FARLEY_RECORD_INIT;
		if (export_record(run, i, &r, &err)) {
			farley_record_release(&r);
			ret = report(&err);
			goto out;
		}
		farley_node_add(rows, NULL, flat(&r, with_kind, &custom, &ncustom,
						 &acustom, &addr, &naddr, &aaddr));
		farley_record_release(&r);
	}
	/* the columns: id, kind, each kind's listed fields, then custom */
	add_column(&cols, &ncols, &acols, "id");
	if (with_kind)
		add_column(&cols, &ncols, &acols, "kind");
	for (int k = 0; k < FARLEY_NKINDS; k++) {
		const struct farley_fielddef *defs;
		size_t n;
		if (run->kind != FARLEY_NOKIND && k != (int)run->kind)
			continue;
		defs = farley_schema((enum farley_kind)k, &n);
		for (size_t f = 0; f < n; f++) {
			if (defs[f].type != FT_ADDRESS) {
				add_column(&cols, &ncols, &acols, defs[f].name);
				continue;
			}
			for (size_t a = 0; a < naddr; a++)
				add_column(&cols, &ncols, &acols, addr[a]);
		}
	}
	if (ncustom)
		qsort(custom, ncustom, sizeof(*custom), cmp_str);
	for (size_t c = 0; c < ncustom; c++)
		add_column(&cols, &ncols, &acols, custom[c]);
	ret = emit_into(run, rows, FARLEY_FMT_CSV, cols);
out:
	farley_node_free(rows);
	for (size_t i = 0; i < ncols; i++)
		free((char *)cols[i]);
	for (size_t i = 0; i < ncustom; i++)
		free((char *)custom[i]);
	for (size_t i = 0; i < naddr; i++)
		free((char *)addr[i]);
	free(cols);
	free(custom);
	free(addr);
	return ret;
}
