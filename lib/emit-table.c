/* emit-table.c: tables laid out for a terminal (ids, amounts and dates
 * whole; free text shrunk, then low-value columns left out), the vertical
 * listing of one record, and templates. */
#include "emit-private.h"
#include "farley/ids.h"

#include <stdlib.h>
#include <string.h>

#define MIN_TEXT 10 /* a free-text column shrinks no narrower */

void emit_columns(struct emit_columns *c, const struct farley_node *const *rows,
		  size_t nrows, const char *const *want)
{
	memset(c, 0, sizeof(*c));
	if (want) {
		for (; *want; want++) {
			size_t len = strlen(*want);
			int mark = len > 1 && ((*want)[len - 1] == '?' || (*want)[len - 1] == '!');
			ALLOC_GROW(c->name, c->n + 1, c->alloc);
			ALLOC_GROW(c->flags, c->n + 1, c->falloc);
			c->name[c->n] = xstrndup(*want, mark ? len - 1 : len);
			c->flags[c->n++] = !mark ? 0 : (*want)[len - 1] == '?' ? EMIT_COL_OPTIONAL
									 : EMIT_COL_WHOLE;
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
				ALLOC_GROW(c->flags, c->n + 1, c->falloc);
				c->name[c->n] = xstrdup(k);
				c->flags[c->n++] = 0;
			}
		}
}

void emit_columns_release(struct emit_columns *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->name[i]);
	free(c->name);
	free(c->flags);
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

static size_t width_of(const char *s)
{
	return farley_utf8_width(s, strlen(s));
}

/* Free text may be shrunk: words with spaces, lists, maps.  Ids, stage
 * names, amounts, numbers and dates may not. */
static int free_text(const struct farley_node *v, const char *cell)
{
	if (!v || !*cell)
		return 0;
	if (v->type == FARLEY_N_LIST || v->type == FARLEY_N_MAP)
		return 1;
	return v->type == FARLEY_N_STR && !farley_id_valid(cell);
}

struct layout {
	struct emit_columns c;
	char ***cells;             /* [row][col], row 0 the header */
	const struct farley_node ***nodes;
	size_t nrows;
	size_t *width, *natural, *min;
	int *right, *text, *shown;
};

static void layout_cells(struct layout *l, const struct farley_node *const *rows,
			 int32_t today)
{
	for (size_t r = 0; r <= l->nrows; r++) {
		for (size_t i = 0; i < l->c.n; i++) {
			struct strbuf raw = STRBUF_INIT, clean = STRBUF_INIT;
			const struct farley_node *v = NULL;
			if (r == 0) {
				emit_header(&raw, l->c.name[i]);
			} else {
				v = farley_node_get(rows[r - 1], l->c.name[i]);
				emit_cell_text(&raw, v, 1, today);
				l->nodes[r][i] = v;
				if (emit_numeric(v))
					l->right[i] = 1;
			}
			farley_sanitize(&clean, raw.buf);
			free(l->cells[r][i]);
			l->cells[r][i] = strbuf_detach(&clean, NULL);
			if (r && !(l->c.flags[i] & EMIT_COL_WHOLE) && strcmp(l->c.name[i], "id") &&
			    free_text(v, l->cells[r][i]))
				l->text[i] = 1;
			if (width_of(l->cells[r][i]) > l->natural[i])
				l->natural[i] = width_of(l->cells[r][i]);
			strbuf_release(&raw);
		}
	}
}

static size_t shown_total(const struct layout *l, const size_t *w)
{
	size_t total = 0, k = 0;
	for (size_t i = 0; i < l->c.n; i++)
		if (l->shown[i])
			total += w[i] + (k++ ? 2 : 0);
	return total;
}

/* Shrink free text, the widest first, down to its minimum.  Returns 1
 * when the shown columns fit into width. */
static int shrink(struct layout *l, size_t width)
{
	for (size_t i = 0; i < l->c.n; i++)
		l->width[i] = l->natural[i];
	while (shown_total(l, l->width) > width) {
		size_t wi = l->c.n;
		for (size_t i = 0; i < l->c.n; i++)
			if (l->shown[i] && l->width[i] > l->min[i] &&
			    (wi == l->c.n || l->width[i] > l->width[wi]))
				wi = i;
		if (wi == l->c.n)
			return 0;
		l->width[wi]--;
	}
	return 1;
}

/* Fit the table into width (0: unlimited): shrink free text; then, with
 * all_steps, leave out the low-value columns ("name?"), the rightmost
 * first; then free-text columns, the rightmost first (never the last one
 * shown).  Ids, amounts and dates are never cut: a table of nothing else
 * wider than the terminal stays wider.  Returns 1 when it fits. */
static int layout_fit(struct layout *l, size_t width, int all_steps)
{
	size_t nshown = l->c.n;
	for (size_t i = 0; i < l->c.n; i++) {
		size_t hw = width_of(l->cells[0][i]);
		l->shown[i] = 1;
		l->width[i] = l->natural[i];
		l->min[i] = l->natural[i];
		if (l->text[i]) {
			size_t m = hw > MIN_TEXT ? hw : MIN_TEXT;
			l->min[i] = m < l->natural[i] ? m : l->natural[i];
		}
	}
	if (!width || shrink(l, width))
		return 1;
	if (!all_steps)
		return 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = l->c.n; i-- > 0 && nshown > 1;) {
			if (!(pass ? l->text[i] : l->c.flags[i] & EMIT_COL_OPTIONAL) ||
			    !l->shown[i])
				continue;
			l->shown[i] = 0;
			nshown--;
			if (shrink(l, width))
				return 1;
		}
	return 0;
}

static void layout_init(struct layout *l, const struct farley_node *const *rows,
			size_t nrows, const char *const *columns)
{
	memset(l, 0, sizeof(*l));
	emit_columns(&l->c, rows, nrows, columns);
	l->nrows = nrows;
	l->cells = xcalloc(nrows + 1, sizeof(*l->cells));
	l->nodes = xcalloc(nrows + 1, sizeof(*l->nodes));
	for (size_t r = 0; r <= nrows; r++) {
		l->cells[r] = xcalloc(l->c.n + 1, sizeof(**l->cells));
		l->nodes[r] = xcalloc(l->c.n + 1, sizeof(**l->nodes));
	}
	l->width = xcalloc(l->c.n + 1, sizeof(*l->width));
	l->natural = xcalloc(l->c.n + 1, sizeof(*l->natural));
	l->min = xcalloc(l->c.n + 1, sizeof(*l->min));
	l->right = xcalloc(l->c.n + 1, sizeof(*l->right));
	l->text = xcalloc(l->c.n + 1, sizeof(*l->text));
	l->shown = xcalloc(l->c.n + 1, sizeof(*l->shown));
}

/* Lay rows out: with relative dates when shrinking text makes them fit,
 * else without them before any column is left out. */
static int layout_make(struct layout *l, const struct farley_node *const *rows,
		       const struct farley_emit_opts *o)
{
	size_t width = o->width > 0 ? (size_t)o->width : 0;
	layout_cells(l, rows, o->today);
	if (layout_fit(l, width, !o->today))
		return 1;
	memset(l->natural, 0, l->c.n * sizeof(*l->natural));
	layout_cells(l, rows, 0);
	return layout_fit(l, width, 1);
}

static void layout_release(struct layout *l)
{
	for (size_t r = 0; r <= l->nrows; r++) {
		for (size_t i = 0; i < l->c.n; i++)
			free(l->cells[r][i]);
		free(l->cells[r]);
		free(l->nodes[r]);
	}
	free(l->cells);
	free(l->nodes);
	free(l->width);
	free(l->natural);
	free(l->min);
	free(l->right);
	free(l->text);
	free(l->shown);
	emit_columns_release(&l->c);
}

static const char *style_escape(enum farley_style s)
{
	switch (s) {
	case FARLEY_STYLE_ALERT: return "\033[31m";
	case FARLEY_STYLE_GOOD: return "\033[32m";
	case FARLEY_STYLE_FADED: return "\033[2m";
	case FARLEY_STYLE_WARN: return "\033[33m";
	default: return NULL;
	}
}

void emit_table(struct strbuf *sb, const struct farley_node *const *rows,
		size_t nrows, const struct farley_emit_opts *o)
{
	struct layout l;
	layout_init(&l, rows, nrows, o->columns);
	if (!l.c.n) {
		layout_release(&l);
		return;
	}
	if (!layout_make(&l, rows, o) && nrows && !o->no_header) {
		/* wider than the terminal even with free text shrunk and the
		 * low-value columns left out (a report of many figures): each
		 * row as "key  value" lines, so nothing wraps or is cut */
		for (size_t r = 0; r < nrows; r++) {
			/* the table's columns of the row, in its order */
			struct farley_node view = *rows[r];
			view.kids = xcalloc(l.c.n + 1, sizeof(*view.kids));
			view.n = 0;
			for (size_t i = 0; i < l.c.n; i++) {
				const struct farley_node *k = farley_node_get(rows[r], l.c.name[i]);
				if (k)
					view.kids[view.n++] = (struct farley_node *)k;
			}
			if (r)
				strbuf_addch(sb, '\n');
			emit_vertical(sb, &view, o);
			free(view.kids);
		}
		layout_release(&l);
		return;
	}
	for (size_t r = o->no_header ? 1 : 0; r <= nrows; r++) {
		const char *style = r && o->color ? style_escape(rows[r - 1]->style) : NULL;
		size_t last = 0, k = 0;
		for (size_t i = 0; i < l.c.n; i++)
			if (l.shown[i])
				last = i;
		if (style)
			strbuf_addstr(sb, style);
		for (size_t i = 0; i < l.c.n; i++) {
			struct strbuf cell = STRBUF_INIT;
			const struct farley_node *node = l.nodes[r][i];
			size_t w;
			int id = !style && !strcmp(l.c.name[i], "id");
			if (!l.shown[i])
				continue;
			fit(&cell, l.cells[r][i], l.width[i]);
			w = width_of(cell.buf);
			if (k++)
				strbuf_addstr(sb, "  ");
			if (l.right[i] && r)
				strbuf_addchars(sb, ' ', l.width[i] - w);
			if (o->color && r == 0)
				strbuf_addstr(sb, "\033[1m");
			else if (o->color && id)
				strbuf_addstr(sb, "\033[33m");
			if (o->color && r && node && node->highlight &&
			    width_of(l.cells[r][i]) <= l.width[i])
				emit_highlighted(sb, node->text);
			else
				strbuf_addstr(sb, cell.buf);
			if (o->color && (r == 0 || id || (node && node->highlight))) {
				strbuf_addstr(sb, "\033[m");
				if (style)
					strbuf_addstr(sb, style);
			}
			if (i != last && !(l.right[i] && r))
				strbuf_addchars(sb, ' ', l.width[i] - w);
			strbuf_release(&cell);
		}
		while (sb->len && sb->buf[sb->len - 1] == ' ')
			strbuf_setlen(sb, sb->len - 1);
		if (style)
			strbuf_addstr(sb, "\033[m");
		strbuf_addch(sb, '\n');
	}
	layout_release(&l);
}

int farley_table_room(const struct farley_node *doc,
		      const struct farley_emit_opts *o, const char *column)
{
	const struct farley_node *const *rows;
	const struct farley_node *one[1];
	struct layout l;
	size_t nrows, used;
	const char **others;
	size_t n = 0;
	int room;
	if (o->width <= 0)
		return -1;
	rows = emit_rows(doc, one, &nrows);
	{
		struct emit_columns all;
		emit_columns(&all, rows, nrows, o->columns);
		others = xcalloc(all.n + 1, sizeof(*others));
		for (size_t i = 0; i < all.n; i++)
			if (strcmp(all.name[i], column))
				others[n++] = xstrfmt("%s%s", all.name[i],
						      all.flags[i] & EMIT_COL_OPTIONAL ? "?"
						      : all.flags[i] & EMIT_COL_WHOLE ? "!" : "");
		emit_columns_release(&all);
	}
	layout_init(&l, rows, nrows, others);
	{
		struct farley_emit_opts narrower = *o;
		/* the others give way to a chart of at least 8 columns */
		narrower.width = o->width > 10 ? o->width - 10 : 1;
		layout_make(&l, rows, &narrower);
	}
	used = shown_total(&l, l.width);
	room = o->width - (int)used - (n ? 2 : 0);
	layout_release(&l);
	for (size_t i = 0; i < n; i++)
		free((char *)others[i]);
	free(others);
	return room > 0 ? room : 0;
}

/* s in lines of at most w columns, broken at spaces where it can be (a
 * longer word is broken where it must), continued after indent spaces. */
static void wrap(struct strbuf *sb, const char *s, size_t w, size_t indent)
{
	while (width_of(s) > w) {
		const unsigned char *p = (const unsigned char *)s;
		size_t n = strlen(s), used = 0, brk = 0, at = 0;
		while (n) {
			uint32_t cp;
			int len = farley_utf8_decode(p, n, &cp);
			int cw;
			if (!len)
				len = 1, cp = '?';
			cw = farley_cp_width(cp);
			if (used + (size_t)cw > w)
				break;
			if (cp == ' ')
				brk = at;
			used += (size_t)cw;
			at += (size_t)len;
			p += len;
			n -= (size_t)len;
		}
		if (!brk)
			brk = at ? at : 1;
		strbuf_add(sb, s, brk);
		strbuf_addch(sb, '\n');
		strbuf_addchars(sb, ' ', indent);
		s += brk;
		while (*s == ' ')
			s++;
	}
	strbuf_addstr(sb, s);
}

void emit_vertical(struct strbuf *sb, const struct farley_node *map,
		   const struct farley_emit_opts *o)
{
	size_t kw = 0;
	/* field names as they are: what 'farley set' takes */
	for (size_t i = 0; i < map->n; i++)
		if (width_of(map->kids[i]->key) > kw)
			kw = width_of(map->kids[i]->key);
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
			emit_cell_text(&raw, v, 1, o->today);
			farley_sanitize(&clean, raw.buf);
			if (o->width > 0 && free_text(v, clean.buf) &&
			    (size_t)o->width > kw + 2 + MIN_TEXT)
				wrap(sb, clean.buf, (size_t)o->width - kw - 2, kw + 2);
			else
				strbuf_addstr(sb, clean.buf);
			strbuf_addch(sb, '\n');
			strbuf_release(&clean);
		}
		strbuf_release(&raw);
		strbuf_release(&key);
	}
}

/* Templates ------------------------------------------------------------- */

static int known_key(const struct farley_node *const *rows, size_t nrows,
		     const char *name)
{
	for (size_t r = 0; r < nrows; r++) {
		const struct farley_node *kind = farley_node_get(rows[r], "kind");
		enum farley_kind k;
		if (farley_node_get(rows[r], name))
			return 1;
		if (kind && kind->text && (k = farley_kind_parse(kind->text)) != FARLEY_NOKIND &&
		    farley_schema_pos(k, name) >= 0)
			return 1;
	}
	return 0;
}

int farley_template_check(const struct farley_node *doc, const char *tmpl,
			  struct farley_error *err)
{
	const struct farley_node *const *rows = (const struct farley_node *const *)&doc;
	size_t nrows = 1;
	if (doc->type == FARLEY_N_LIST) {
		rows = (const struct farley_node *const *)doc->kids;
		nrows = doc->n;
	}
	for (const char *p = tmpl; *p; p++) {
		const char *end;
		char *name;
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p != '{')
			continue;
		end = strchr(p + 1, '}');
		if (!end)
			return farley_error_set(err, FARLEY_EUSAGE,
						"template: '{' without '}' in '%s'", tmpl);
		name = xstrndup(p + 1, (size_t)(end - p - 1));
		if (nrows && !known_key(rows, nrows, name)) {
			farley_error_set(err, FARLEY_EUSAGE,
					 "template: unknown field '{%s}'", name);
			free(name);
			return FARLEY_EUSAGE;
		}
		free(name);
		p = end;
	}
	return 0;
}

void emit_template(struct strbuf *sb, const struct farley_node *const *rows,
		   size_t nrows, const char *tmpl)
{
	for (size_t r = 0; r < nrows; r++) {
		for (const char *p = tmpl; *p; p++) {
			if (*p == '\\' && p[1]) {
				p++;
				strbuf_addch(sb, *p == 't' ? '\t' : *p == 'n' ? '\n' : *p);
				continue;
			}
			if (*p == '{' && strchr(p, '}')) {
				const char *end = strchr(p, '}');
				char *name = xstrndup(p + 1, (size_t)(end - p - 1));
				emit_cell_text(sb, farley_node_get(rows[r], name), 0, 0);
				free(name);
				p = end;
				continue;
			}
			strbuf_addch(sb, *p);
		}
		strbuf_addch(sb, '\n');
	}
}
