/* emit-cell.c: the nodes of the output tree, and what one cell says --
 * sanitized for a terminal, amounts with their currency, rates in per
 * cent, dates with how far they are. */
#include "emit-private.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Cells --------------------------------------------------------------- */

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

const char *emit_plain_text(const struct farley_node *n, struct strbuf *tmp)
{
	if (!n->highlight || !n->text)
		return n->text;
	strbuf_reset(tmp);
	for (const char *p = n->text; *p; p++)
		if (*p != '\x01' && *p != '\x02')
			strbuf_addch(tmp, *p);
	return tmp->buf;
}

/* A fraction shown as a percentage: rates and probabilities. */
static int is_rate(const struct farley_node *n)
{
	size_t len;
	if (n->type != FARLEY_N_NUM || !n->key || !n->text)
		return 0;
	len = strlen(n->key);
	return !strcmp(n->key, "rate") || !strcmp(n->key, "probability") ||
	       !strcmp(n->key, "conversion") ||
	       (len > 5 && (!strcmp(n->key + len - 5, "_rate") ||
			    !strcmp(n->key + len - 5, " rate")));
}

static void percent(struct strbuf *sb, const char *text)
{
	char buf[64];
	size_t len;
	snprintf(buf, sizeof(buf), "%.1f", strtod(text, NULL) * 100);
	len = strlen(buf);
	if (len > 2 && !strcmp(buf + len - 2, ".0"))
		buf[len - 2] = '\0';
	strbuf_addf(sb, "%s %%", buf);
}

/* " (in 3 days)", " (2 weeks ago)": within a year of today. */
static void relative(struct strbuf *sb, const char *text, int32_t today)
{
	char day[11];
	int32_t d;
	long diff, a;
	const char *unit;
	if (strlen(text) < 10)
		return;
	memcpy(day, text, 10);
	day[10] = '\0';
	if (farley_date_parse(day, &d))
		return;
	diff = (long)d - today;
	a = labs(diff);
	if (a == 0) {
		strbuf_addstr(sb, " (today)");
		return;
	}
	if (a == 1) {
		strbuf_addstr(sb, diff > 0 ? " (tomorrow)" : " (yesterday)");
		return;
	}
	if (a < 14)
		unit = "day";
	else if (a < 60)
		unit = "week", a /= 7;
	else if (a < 365)
		unit = "month", a /= 30;
	else
		return;
	if (diff > 0)
		strbuf_addf(sb, " (in %ld %ss)", a, unit);
	else
		strbuf_addf(sb, " (%ld %ss ago)", a, unit);
}

void emit_cell_text(struct strbuf *sb, const struct farley_node *n, int human,
		    int32_t today)
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
	if (human && is_rate(n)) {
		percent(sb, n->text);
		return;
	}
	if (n->type == FARLEY_N_LIST) {
		for (size_t i = 0; i < n->n; i++) {
			if (i)
				strbuf_addstr(sb, human ? ", " : ",");
			emit_cell_text(sb, n->kids[i], human, today);
		}
		return;
	}
	if (n->type == FARLEY_N_MAP) {
		for (size_t i = 0; i < n->n; i++) {
			if (i)
				strbuf_addstr(sb, human ? ", " : ";");
			if (!human)
				strbuf_addf(sb, "%s=", n->kids[i]->key);
			emit_cell_text(sb, n->kids[i], human, today);
		}
		return;
	}
	{
		struct strbuf tmp = STRBUF_INIT;
		const char *t = emit_plain_text(n, &tmp);
		strbuf_addstr(sb, t ? t : "");
		if (human && today && t && n->type == FARLEY_N_DATE)
			relative(sb, t, today);
		strbuf_release(&tmp);
	}
}

void emit_highlighted(struct strbuf *sb, const char *text)
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

int emit_numeric(const struct farley_node *n)
{
	return n && (n->type == FARLEY_N_NUM || n->type == FARLEY_N_MONEY);
}

void emit_header(struct strbuf *sb, const char *key)
{
	for (; *key; key++)
		strbuf_addch(sb, *key == '_' ? ' ' : *key);
}

const struct farley_node *const *emit_rows(const struct farley_node *doc,
					   const struct farley_node *one[1], size_t *nrows)
{
	if (doc->type == FARLEY_N_LIST) {
		*nrows = doc->n;
		return (const struct farley_node *const *)doc->kids;
	}
	one[0] = doc;
	*nrows = 1;
	return one;
}
