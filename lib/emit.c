/* emit.c: one tree, seven formats. */
#include "emit-private.h"
#include "farley/ids.h"
#include "farley/money.h"
#include "farley/yamltext.h"

#include <stdlib.h>
#include <string.h>

int farley_format_parse(const char *s)
{
	static const char *names[] = { "auto", "table", "tsv", "csv", "json",
				       "ndjson", "yaml", "ids" };
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(s, names[i]))
			return (int)i;
	return -1;
}

/* A plain YAML scalar of a custom field, typed as YAML 1.2 would type it,
 * but only where JSON can say the same number exactly. */
static struct farley_node *custom_scalar(const struct farley_scalar *sc)
{
	const char *s = sc->s;
	if (!s)
		return farley_node_new(FARLEY_N_NULL, NULL);
	if (!sc->plain)
		return farley_node_new(FARLEY_N_STR, s);
	if (!strcmp(s, "true") || !strcmp(s, "false"))
		return farley_node_new(FARLEY_N_BOOL, s);
	/* 0123 and 1e3 stay strings, as written */
	return farley_node_new(farley_yaml_plain_number(s) ? FARLEY_N_NUM : FARLEY_N_STR,
			       s);
}

static struct farley_node *typed_scalar(enum farley_ftype t,
					const struct farley_scalar *sc,
					const char *currency)
{
	struct strbuf sb = STRBUF_INIT;
	struct farley_node *n;
	int64_t cents;
	int32_t prob;
	if (!sc->s)
		return farley_node_new(FARLEY_N_NULL, NULL);
	switch (t) {
	case FT_MONEY:
		if (farley_money_parse(sc->s, &cents))
			break;
		farley_money_format(&sb, cents);
		n = farley_node_new(FARLEY_N_MONEY, sb.buf);
		n->currency = currency ? xstrdup(currency) : NULL;
		strbuf_release(&sb);
		return n;
	case FT_PROB:
		if (farley_prob_parse(sc->s, &prob))
			break;
		farley_prob_format(&sb, prob);
		n = farley_node_new(FARLEY_N_NUM, sb.buf);
		strbuf_release(&sb);
		return n;
	case FT_DATE:
	case FT_DATETIME:
		return farley_node_new(FARLEY_N_DATE, sc->s);
	case FT_CUSTOM:
		return custom_scalar(sc);
	default:
		break;
	}
	return farley_node_new(FARLEY_N_STR, sc->s);
}

struct farley_node *farley_record_node(const struct farley_record *r,
				       const struct farley_config *cfg)
{
	struct farley_node *map = farley_node_new(FARLEY_N_MAP, NULL);
	struct farley_record sorted = *r;
	const char *currency = farley_record_str(r, "currency");
	if (!currency && cfg)
		currency = cfg->currency;
	farley_node_add_str(map, "id", r->id);
	farley_node_add_str(map, "kind", farley_kind_name(r->kind));
	farley_node_add_str(map, "path", r->path);
	sorted.fields = xmalloc(r->nfields * sizeof(*r->fields) + 1);
	memcpy(sorted.fields, r->fields, r->nfields * sizeof(*r->fields));
	farley_record_sort(&sorted);
	for (size_t i = 0; i < sorted.nfields; i++) {
		const struct farley_field *f = &sorted.fields[i];
		const struct farley_fielddef *d = farley_schema_field(r->kind, f->key);
		struct farley_node *v;
		if (!strcmp(f->key, "id") || !strcmp(f->key, "kind") ||
		    !strcmp(f->key, "path"))
			continue; /* custom fields may not shadow these */
		if (f->type == FARLEY_V_SCALAR && farley_ftype_is_list(d->type) &&
		    f->v.s) {
			v = farley_node_new(FARLEY_N_LIST, NULL);
			farley_node_add_str(v, NULL, f->v.s);
		} else if (f->type == FARLEY_V_SCALAR) {
			v = typed_scalar(d->type, &f->v, currency);
		} else if (f->type == FARLEY_V_LIST) {
			v = farley_node_new(FARLEY_N_LIST, NULL);
			for (size_t j = 0; j < f->nitems; j++)
				farley_node_add(v, NULL,
						d->type == FT_CUSTOM
							? custom_scalar(&f->items[j])
							: farley_node_new(FARLEY_N_STR,
									  f->items[j].s));
		} else {
			v = farley_node_new(FARLEY_N_MAP, NULL);
			for (size_t j = 0; j < f->nsub; j++)
				farley_node_add(v, f->sub[j].key,
						d->type == FT_CUSTOM
							? custom_scalar(&f->sub[j].v)
							: farley_node_new(
								  f->sub[j].v.s ? FARLEY_N_STR
										: FARLEY_N_NULL,
								  f->sub[j].v.s));
		}
		farley_node_add(map, f->key, v);
	}
	free(sorted.fields);
	return map;
}

/* JSON ------------------------------------------------------------------ */

static void json_string(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	strbuf_addch(sb, '"');
	for (; *p; p++) {
		switch (*p) {
		case '"': strbuf_addstr(sb, "\\\""); break;
		case '\\': strbuf_addstr(sb, "\\\\"); break;
		case '\n': strbuf_addstr(sb, "\\n"); break;
		case '\t': strbuf_addstr(sb, "\\t"); break;
		case '\r': strbuf_addstr(sb, "\\r"); break;
		case '\b': strbuf_addstr(sb, "\\b"); break;
		case '\f': strbuf_addstr(sb, "\\f"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				strbuf_addf(sb, "\\u%04x", *p);
			else if (p[0] == 0xE2 && p[1] == 0x80 &&
				 (p[2] == 0xA8 || p[2] == 0xA9)) {
				strbuf_addf(sb, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
				p += 2;
			} else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9f) {
				strbuf_addf(sb, "\\u%04x", p[1]);
				p++;
			} else
				strbuf_addch(sb, *p);
		}
	}
	strbuf_addch(sb, '"');
}

static void json_node(struct strbuf *sb, const struct farley_node *n, int indent)
{
	switch (n->type) {
	case FARLEY_N_NULL:
		strbuf_addstr(sb, "null");
		return;
	case FARLEY_N_NUM:
	case FARLEY_N_MONEY:
	case FARLEY_N_BOOL:
		strbuf_addstr(sb, n->text);
		return;
	case FARLEY_N_STR:
	case FARLEY_N_DATE: {
		struct strbuf tmp = STRBUF_INIT;
		const char *t = emit_plain_text(n, &tmp);
		json_string(sb, t ? t : "");
		strbuf_release(&tmp);
		return;
	}
	case FARLEY_N_LIST:
	case FARLEY_N_MAP:
		break;
	}
	strbuf_addch(sb, n->type == FARLEY_N_MAP ? '{' : '[');
	for (size_t i = 0; i < n->n; i++) {
		if (i)
			strbuf_addch(sb, ',');
		if (indent >= 0) {
			strbuf_addch(sb, '\n');
			strbuf_addchars(sb, ' ', (size_t)(indent + 2));
		} else if (i) {
			strbuf_addch(sb, ' ');
		}
		if (n->type == FARLEY_N_MAP) {
			json_string(sb, n->kids[i]->key);
			strbuf_addstr(sb, ": ");
		}
		json_node(sb, n->kids[i], indent >= 0 ? indent + 2 : -1);
	}
	if (indent >= 0 && n->n) {
		strbuf_addch(sb, '\n');
		strbuf_addchars(sb, ' ', (size_t)indent);
	}
	strbuf_addch(sb, n->type == FARLEY_N_MAP ? '}' : ']');
}

/* YAML ------------------------------------------------------------------ */

static void yaml_scalar_node(struct strbuf *sb, const struct farley_node *n)
{
	if (n->type == FARLEY_N_NULL)
		strbuf_addstr(sb, "null");
	else if (n->type == FARLEY_N_NUM || n->type == FARLEY_N_MONEY ||
		 n->type == FARLEY_N_BOOL || n->type == FARLEY_N_DATE)
		strbuf_addstr(sb, n->text); /* validated: safe as plain */
	else {
		struct strbuf tmp = STRBUF_INIT;
		farley_yaml_scalar(sb, emit_plain_text(n, &tmp), 0);
		strbuf_release(&tmp);
	}
}

static void yaml_node(struct strbuf *sb, const struct farley_node *n, int indent,
		      int inline_first)
{
	if (n->type != FARLEY_N_LIST && n->type != FARLEY_N_MAP) {
		strbuf_addch(sb, ' ');
		yaml_scalar_node(sb, n);
		strbuf_addch(sb, '\n');
		return;
	}
	if (!n->n) {
		strbuf_addstr(sb, n->type == FARLEY_N_MAP ? " {}\n" : " []\n");
		return;
	}
	if (!inline_first)
		strbuf_addch(sb, '\n');
	for (size_t i = 0; i < n->n; i++) {
		const struct farley_node *k = n->kids[i];
		int first_inline = inline_first && i == 0;
		if (!first_inline)
			strbuf_addchars(sb, ' ', (size_t)indent);
		if (n->type == FARLEY_N_LIST) {
			strbuf_addch(sb, '-');
			if (k->type == FARLEY_N_MAP && k->n) {
				strbuf_addch(sb, ' ');
				yaml_node(sb, k, indent + 2, 1);
			} else {
				yaml_node(sb, k, indent + 2, 0);
			}
		} else {
			farley_yaml_scalar(sb, k->key, 0);
			strbuf_addch(sb, ':');
			yaml_node(sb, k, indent + 2, 0);
		}
	}
}

/* Tables ---------------------------------------------------------------- */

static void tsv_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\t': strbuf_addstr(sb, "\\t"); break;
		case '\n': strbuf_addstr(sb, "\\n"); break;
		case '\r': strbuf_addstr(sb, "\\r"); break;
		case '\\': strbuf_addstr(sb, "\\\\"); break;
		default: strbuf_addch(sb, *s);
		}
	}
}

/* Would a spreadsheet run this cell as a formula?  It starts with = + - @
 * tab or CR and holds more than a number or a phone number can: a name, a
 * reference, an operator a formula needs.  "+49 30 1234567", "-3.5" and
 * "(030) 123-4567" are left alone. */
static int formula_like(const char *s)
{
	if (!*s || !strchr("=+-@\t\r", s[0]))
		return 0;
	if (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
		return 1;
	return s[strspn(s, "0123456789 ()+-./")] != '\0';
}

/* A control character from the data -- an escape sequence, a bell, a
 * carriage return that hides what came before it, a C1 control -- never
 * reaches a CSV cell raw: each becomes U+FFFD, so the cell shows that
 * something was there.  Tabs and newlines are data (a quoted cell keeps
 * them). */
static void csv_clean(struct strbuf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
			strbuf_addstr(out, "\xef\xbf\xbd");
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			strbuf_addstr(out, "\xef\xbf\xbd"), p++;
		else
			strbuf_addch(out, (char)*p);
	}
}

static void csv_cell(struct strbuf *sb, const char *raw, int defuse)
{
	struct strbuf clean = STRBUF_INIT;
	const char *s;
	int quote;
	csv_clean(&clean, raw);
	s = clean.buf ? clean.buf : "";
	quote = strpbrk(s, ",\"\r\n") != NULL || (*s && (s[0] == ' ' ||
							     s[strlen(s) - 1] == ' '));
	int prefix = defuse && formula_like(raw);
	if (prefix)
		quote = 1;
	if (!quote) {
		strbuf_addstr(sb, s);
		strbuf_release(&clean);
		return;
	}
	strbuf_addch(sb, '"');
	if (prefix)
		strbuf_addch(sb, '\'');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
	strbuf_release(&clean);
}

static void delimited(struct strbuf *sb, const struct farley_node *const *rows,
		      size_t nrows, const struct farley_emit_opts *o, int csv)
{
	struct emit_columns c;
	emit_columns(&c, rows, nrows, o->columns);
	for (size_t r = o->no_header ? 1 : 0; r <= nrows; r++) {
		for (size_t i = 0; i < c.n; i++) {
			struct strbuf raw = STRBUF_INIT;
			const struct farley_node *v = NULL;
			if (i)
				strbuf_addch(sb, csv ? ',' : '\t');
			if (r == 0) {
				strbuf_addstr(&raw, c.name[i]);
			} else {
				v = farley_node_get(rows[r - 1], c.name[i]);
				emit_cell_text(&raw, v, 0, 0);
			}
			if (o->tty) {
				struct strbuf clean = STRBUF_INIT;
				farley_sanitize(&clean, raw.buf);
				strbuf_release(&raw);
				raw = clean;
			}
			if (csv)
				csv_cell(sb, raw.buf, !emit_numeric(v));
			else
				tsv_escape(sb, raw.buf);
			strbuf_release(&raw);
		}
		if (csv)
			strbuf_addch(sb, '\r');
		strbuf_addch(sb, '\n');
	}
	emit_columns_release(&c);
}

int farley_emit(FILE *out, const struct farley_node *doc,
		const struct farley_emit_opts *o)
{
	struct strbuf sb = STRBUF_INIT;
	const struct farley_node *const *rows;
	const struct farley_node *one[1];
	size_t nrows;
	int ret = 0;

	rows = emit_rows(doc, one, &nrows);
	switch (o->format) {
	case FARLEY_FMT_JSON:
		json_node(&sb, doc, 0);
		strbuf_addch(&sb, '\n');
		break;
	case FARLEY_FMT_NDJSON:
		for (size_t i = 0; i < nrows; i++) {
			json_node(&sb, rows[i], -1);
			strbuf_addch(&sb, '\n');
		}
		break;
	case FARLEY_FMT_YAML:
		if (doc->type == FARLEY_N_MAP || doc->type == FARLEY_N_LIST) {
			struct strbuf y = STRBUF_INIT;
			yaml_node(&y, doc, 0, 1);
			strbuf_addstr(&sb, y.buf[0] == ' ' ? y.buf + 1 : y.buf);
			strbuf_release(&y);
		} else {
			yaml_scalar_node(&sb, doc);
			strbuf_addch(&sb, '\n');
		}
		break;
	case FARLEY_FMT_IDS:
		for (size_t i = 0; i < nrows; i++) {
			const struct farley_node *id = farley_node_get(rows[i], "id");
			if (id && id->text) {
				strbuf_addstr(&sb, id->text);
				strbuf_addch(&sb, '\n');
			}
		}
		break;
	case FARLEY_FMT_CSV:
		delimited(&sb, rows, nrows, o, 1);
		break;
	case FARLEY_FMT_TSV:
	case FARLEY_FMT_AUTO:
		delimited(&sb, rows, nrows, o, 0);
		break;
	case FARLEY_FMT_TABLE:
		if (o->vertical && doc->type == FARLEY_N_MAP)
			emit_vertical(&sb, doc, o);
		else if (nrows)
			emit_table(&sb, rows, nrows, o);
		break;
	case FARLEY_FMT_TEMPLATE:
		emit_template(&sb, rows, nrows, o->template ? o->template : "");
		break;
	}
	if (sb.len && fwrite(sb.buf, 1, sb.len, out) != sb.len)
		ret = -1;
	strbuf_release(&sb);
	return ret;
}
