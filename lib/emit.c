/* emit.c: one tree, seven formats. */
#include "farley/emit.h"
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

/* Nodes --------------------------------------------------------------- */

struct farley_node *farley_node_new(enum farley_ntype type, const char *text)
{
	struct farley_node *n = xcalloc(1, sizeof(*n));
	n->type = type;
	n->text = text ? xstrdup(text) : NULL;
	return n;
}

void farley_node_free(struct farley_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		farley_node_free(n->kids[i]);
	free(n->kids);
	free(n->key);
	free(n->text);
	free(n->currency);
	free(n);
}

struct farley_node *farley_node_add(struct farley_node *parent, const char *key,
				    struct farley_node *child)
{
	if (key)
		child->key = xstrdup(key);
	ALLOC_GROW(parent->kids, parent->n + 1, parent->alloc);
	parent->kids[parent->n++] = child;
	return child;
}

struct farley_node *farley_node_add_str(struct farley_node *map,
					const char *key, const char *s)
{
	return farley_node_add(map, key,
			       farley_node_new(s ? FARLEY_N_STR : FARLEY_N_NULL, s));
}

struct farley_node *farley_node_get(const struct farley_node *map,
				    const char *key)
{
	for (size_t i = 0; map && i < map->n; i++)
		if (map->kids[i]->key && !strcmp(map->kids[i]->key, key))
			return map->kids[i];
	return NULL;
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

/* Sanitizing ----------------------------------------------------------- */

void farley_sanitize(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		int len = farley_utf8_decode(p, n, &cp);
		if (!len) {
			strbuf_addstr(out, "\xEF\xBF\xBD");
			len = 1;
		} else if (cp == '\n') {
			strbuf_addstr(out, "\xE2\x86\xB5"); /* ↵ */
		} else if (cp == '\t') {
			strbuf_addch(out, ' ');
		} else if (cp < 0x20 || cp == 0x7f) {
			strbuf_addch(out, '^');
			strbuf_addch(out, cp == 0x7f ? '?' : (int)(cp + '@'));
		} else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
			   cp == 0x2029 || cp == 0x200e || cp == 0x200f ||
			   (cp >= 0x202a && cp <= 0x202e) ||
			   (cp >= 0x2066 && cp <= 0x2069)) {
			strbuf_addf(out, "<U+%04X>", (unsigned)cp);
		} else {
			strbuf_add(out, p, (size_t)len);
		}
		p += len;
		n -= (size_t)len;
	}
}

/* Text of a highlighted node without its \x01 ... \x02 match markers. */
static const char *plain_text(const struct farley_node *n, struct strbuf *tmp)
{
	if (!n->highlight || !n->text)
		return n->text;
	strbuf_reset(tmp);
	for (const char *p = n->text; *p; p++)
		if (*p != '\x01' && *p != '\x02')
			strbuf_addch(tmp, *p);
	return tmp->buf;
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
		const char *t = plain_text(n, &tmp);
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
		farley_yaml_scalar(sb, plain_text(n, &tmp), 0);
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

static void cell_text(struct strbuf *sb, const struct farley_node *n, int human)
{
	if (!n || n->type == FARLEY_N_NULL)
		return;
	if (n->type == FARLEY_N_MONEY && human) {
		int64_t cents;
		if (!farley_money_parse(n->text, &cents)) {
			if (n->currency)
				strbuf_addf(sb, "%s ", n->currency);
			farley_money_format_human(sb, cents);
			return;
		}
	}
	if (n->type == FARLEY_N_LIST) {
		for (size_t i = 0; i < n->n; i++) {
			if (i)
				strbuf_addstr(sb, human ? ", " : ",");
			cell_text(sb, n->kids[i], human);
		}
		return;
	}
	if (n->type == FARLEY_N_MAP) {
		for (size_t i = 0; i < n->n; i++) {
			if (i)
				strbuf_addstr(sb, human ? ", " : ";");
			if (!human)
				strbuf_addf(sb, "%s=", n->kids[i]->key);
			cell_text(sb, n->kids[i], human);
		}
		return;
	}
	{
		struct strbuf tmp = STRBUF_INIT;
		const char *t = plain_text(n, &tmp);
		strbuf_addstr(sb, t ? t : "");
		strbuf_release(&tmp);
	}
}

/* A highlighted cell for a terminal: sanitized, matches in bold red. */
static void highlighted(struct strbuf *sb, const char *text)
{
	struct strbuf part = STRBUF_INIT;
	for (const char *p = text;; p++) {
		if (!*p || *p == '\x01' || *p == '\x02') {
			farley_sanitize(sb, part.buf);
			strbuf_reset(&part);
			if (!*p)
				break;
			strbuf_addstr(sb, *p == '\x01' ? "\033[1;31m" : "\033[m");
			continue;
		}
		strbuf_addch(&part, *p);
	}
	strbuf_release(&part);
}

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

static void csv_cell(struct strbuf *sb, const char *s, int defuse)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL || (*s && (s[0] == ' ' ||
							     s[strlen(s) - 1] == ' '));
	int prefix = defuse && formula_like(s);
	if (prefix)
		quote = 1;
	if (!quote) {
		strbuf_addstr(sb, s);
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
}

struct columns {
	const char **name;
	size_t n, alloc;
};

static void columns_of(struct columns *c, const struct farley_node *const *rows,
		       size_t nrows, const char *const *want)
{
	memset(c, 0, sizeof(*c));
	if (want) {
		for (; *want; want++) {
			ALLOC_GROW(c->name, c->n + 1, c->alloc);
			c->name[c->n++] = *want;
		}
		return;
	}
	for (size_t r = 0; r < nrows; r++)
		for (size_t i = 0; i < rows[r]->n; i++) {
			const char *k = rows[r]->kids[i]->key;
			size_t j;
			if (!k)
				continue;
			for (j = 0; j < c->n && strcmp(c->name[j], k); j++)
				;
			if (j == c->n) {
				ALLOC_GROW(c->name, c->n + 1, c->alloc);
				c->name[c->n++] = k;
			}
		}
}

/* Cut s to at most w columns, with an ellipsis when cut. */
static void fit(struct strbuf *out, const char *s, size_t w)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), used = 0;
	if (farley_utf8_width(s, n) <= w) {
		strbuf_addstr(out, s);
		return;
	}
	while (n) {
		uint32_t cp;
		int len = farley_utf8_decode(p, n, &cp);
		int cw;
		if (!len)
			len = 1, cp = '?';
		cw = farley_cp_width(cp);
		if (used + (size_t)cw + 1 > w)
			break;
		strbuf_add(out, p, (size_t)len);
		used += (size_t)cw;
		p += len;
		n -= (size_t)len;
	}
	strbuf_addstr(out, "\xE2\x80\xA6"); /* … */
}

static int numeric(const struct farley_node *n)
{
	return n && (n->type == FARLEY_N_NUM || n->type == FARLEY_N_MONEY);
}

static void table(struct strbuf *sb, const struct farley_node *const *rows,
		  size_t nrows, const struct farley_emit_opts *o)
{
	struct columns c;
	char ***cells;
	const struct farley_node ***nodes;
	size_t *width, total = 0;
	int *right;
	columns_of(&c, rows, nrows, o->columns);
	if (!c.n) {
		free(c.name);
		return;
	}
	cells = xcalloc(nrows + 1, sizeof(*cells));
	nodes = xcalloc(nrows + 1, sizeof(*nodes));
	width = xcalloc(c.n, sizeof(*width));
	right = xcalloc(c.n, sizeof(*right));
	for (size_t r = 0; r <= nrows; r++) {
		cells[r] = xcalloc(c.n, sizeof(**cells));
		nodes[r] = xcalloc(c.n, sizeof(**nodes));
		for (size_t i = 0; i < c.n; i++) {
			struct strbuf raw = STRBUF_INIT, clean = STRBUF_INIT;
			if (r == 0) {
				strbuf_addstr(&raw, c.name[i]);
			} else {
				const struct farley_node *v = farley_node_get(rows[r - 1],
									      c.name[i]);
				cell_text(&raw, v, 1);
				nodes[r][i] = v;
				if (numeric(v))
					right[i] = 1;
			}
			farley_sanitize(&clean, raw.buf);
			cells[r][i] = strbuf_detach(&clean, NULL);
			{
				size_t w = farley_utf8_width(cells[r][i],
							     strlen(cells[r][i]));
				if (w > width[i])
					width[i] = w;
			}
			strbuf_release(&raw);
		}
	}
	for (size_t i = 0; i < c.n; i++)
		total += width[i] + (i ? 2 : 0);
	/* too wide for the terminal: shrink the widest columns first */
	while (o->width > 0 && total > (size_t)o->width) {
		size_t wi = 0;
		for (size_t i = 1; i < c.n; i++)
			if (width[i] > width[wi])
				wi = i;
		if (width[wi] <= 6)
			break;
		width[wi]--;
		total--;
	}
	for (size_t r = 0; r <= nrows; r++) {
		for (size_t i = 0; i < c.n; i++) {
			struct strbuf cell = STRBUF_INIT;
			size_t w;
			fit(&cell, cells[r][i], width[i]);
			w = farley_utf8_width(cell.buf, cell.len);
			if (i)
				strbuf_addstr(sb, "  ");
			if (right[i] && r)
				strbuf_addchars(sb, ' ', width[i] - w);
			if (o->color && r == 0)
				strbuf_addstr(sb, "\033[1m");
			else if (o->color && !strcmp(c.name[i], "id"))
				strbuf_addstr(sb, "\033[33m");
			if (o->color && r && nodes[r][i] && nodes[r][i]->highlight &&
			    farley_utf8_width(cells[r][i], strlen(cells[r][i])) <= width[i])
				highlighted(sb, nodes[r][i]->text);
			else
				strbuf_addstr(sb, cell.buf);
			if (o->color && (r == 0 || !strcmp(c.name[i], "id")))
				strbuf_addstr(sb, "\033[m");
			if (i + 1 < c.n && !(right[i] && r))
				strbuf_addchars(sb, ' ', width[i] - w);
			strbuf_release(&cell);
		}
		while (sb->len && sb->buf[sb->len - 1] == ' ')
			strbuf_setlen(sb, sb->len - 1);
		strbuf_addch(sb, '\n');
	}
	for (size_t r = 0; r <= nrows; r++) {
		for (size_t i = 0; i < c.n; i++)
			free(cells[r][i]);
		free(cells[r]);
		free(nodes[r]);
	}
	free(cells);
	free(nodes);
	free(width);
	free(right);
	free(c.name);
}

static void vertical(struct strbuf *sb, const struct farley_node *map,
		     const struct farley_emit_opts *o)
{
	size_t kw = 0;
	for (size_t i = 0; i < map->n; i++) {
		size_t w = farley_utf8_width(map->kids[i]->key, strlen(map->kids[i]->key));
		if (w > kw)
			kw = w;
	}
	for (size_t i = 0; i < map->n; i++) {
		const struct farley_node *v = map->kids[i];
		struct strbuf raw = STRBUF_INIT, key = STRBUF_INIT;
		farley_sanitize(&key, v->key);
		if (o->color)
			strbuf_addstr(sb, "\033[1m");
		strbuf_addstr(sb, key.buf);
		if (o->color)
			strbuf_addstr(sb, "\033[m");
		strbuf_addchars(sb, ' ', kw - farley_utf8_width(key.buf, key.len) + 2);
		if (v->type == FARLEY_N_STR && v->text && strchr(v->text, '\n')) {
			/* multi-line text: one terminal line each */
			const char *p = v->text;
			int first = 1;
			while (*p) {
				const char *nl = strchr(p, '\n');
				size_t n = nl ? (size_t)(nl - p) : strlen(p);
				char *line = xstrndup(p, n);
				struct strbuf clean = STRBUF_INIT;
				if (!first)
					strbuf_addchars(sb, ' ', kw + 2);
				farley_sanitize(&clean, line);
				strbuf_addstr(sb, clean.buf);
				strbuf_addch(sb, '\n');
				strbuf_release(&clean);
				free(line);
				first = 0;
				p += n + (nl ? 1 : 0);
			}
		} else {
			struct strbuf clean = STRBUF_INIT;
			cell_text(&raw, v, 1);
			farley_sanitize(&clean, raw.buf);
			strbuf_addstr(sb, clean.buf);
			strbuf_addch(sb, '\n');
			strbuf_release(&clean);
		}
		strbuf_release(&raw);
		strbuf_release(&key);
	}
}

static void delimited(struct strbuf *sb, const struct farley_node *const *rows,
		      size_t nrows, const struct farley_emit_opts *o, int csv)
{
	struct columns c;
	columns_of(&c, rows, nrows, o->columns);
	for (size_t r = 0; r <= nrows; r++) {
		for (size_t i = 0; i < c.n; i++) {
			struct strbuf raw = STRBUF_INIT;
			const struct farley_node *v = NULL;
			if (i)
				strbuf_addch(sb, csv ? ',' : '\t');
			if (r == 0) {
				strbuf_addstr(&raw, c.name[i]);
			} else {
				v = farley_node_get(rows[r - 1], c.name[i]);
				cell_text(&raw, v, 0);
			}
			if (o->tty) {
				struct strbuf clean = STRBUF_INIT;
				farley_sanitize(&clean, raw.buf);
				strbuf_release(&raw);
				raw = clean;
			}
			if (csv)
				csv_cell(sb, raw.buf, !numeric(v));
			else
				tsv_escape(sb, raw.buf);
			strbuf_release(&raw);
		}
		if (csv)
			strbuf_addch(sb, '\r');
		strbuf_addch(sb, '\n');
	}
	free(c.name);
}

int farley_emit(FILE *out, const struct farley_node *doc,
		const struct farley_emit_opts *o)
{
	struct strbuf sb = STRBUF_INIT;
	const struct farley_node *const *rows;
	const struct farley_node *one[1];
	size_t nrows;
	int ret = 0;

	if (doc->type == FARLEY_N_LIST) {
		rows = (const struct farley_node *const *)doc->kids;
		nrows = doc->n;
	} else {
		one[0] = doc;
		rows = one;
		nrows = 1;
	}
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
			vertical(&sb, doc, o);
		else if (nrows)
			table(&sb, rows, nrows, o);
		break;
	}
	if (sb.len && fwrite(sb.buf, 1, sb.len, out) != sb.len)
		ret = -1;
	strbuf_release(&sb);
	return ret;
}
