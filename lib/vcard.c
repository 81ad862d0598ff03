/* vcard.c: reading vCard 2.1, 3.0 and 4.0; content lines for writing. */
#include "farley/vcard.h"
#include "farley/date.h"
#include "farley/ids.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Small helpers ----------------------------------------------------------- */

static int ieq(const char *a, size_t alen, const char *b)
{
	return alen == strlen(b) && !strncasecmp(a, b, alen);
}

static void upcase(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

static int is_name_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

void farley_vcard_release(struct farley_vcard *card)
{
	if (!card)
		return;
	for (size_t i = 0; i < card->n; i++) {
		struct farley_vcard_prop *p = &card->props[i];
		free(p->group);
		free(p->name);
		free(p->value);
		for (size_t j = 0; j < p->nparams; j++) {
			free(p->params[j].name);
			free(p->params[j].value);
		}
		free(p->params);
	}
	free(card->props);
	free(card->version);
	free(card->problem);
	memset(card, 0, sizeof(*card));
}

/* The reader --------------------------------------------------------------- */

struct converter {
	char *charset;
	iconv_t cd; /* (iconv_t)-1: unknown to iconv */
};

struct farley_vcard_reader {
	FILE *f;
	char *name;
	size_t max;
	size_t offset;     /* bytes read */
	size_t used;       /* bytes of the card (or line) being read */
	int lineno;        /* the last physical line read */
	int started;       /* the byte order mark was looked for */
	struct strbuf ahead; /* a physical line read ahead */
	int ahead_line;
	int have_ahead;
	struct converter *conv;
	size_t nconv, aconv;
};

void farley_vcard_open(struct farley_vcard_reader **out, FILE *f,
		       const char *name, size_t max)
{
	struct farley_vcard_reader *rd = xcalloc(1, sizeof(*rd));
	rd->f = f;
	rd->name = xstrdup(name ? name : "(input)");
	rd->max = max ? max : FARLEY_VCARD_MAX;
	strbuf_init(&rd->ahead, 0);
	*out = rd;
}

void farley_vcard_close(struct farley_vcard_reader *rd)
{
	if (!rd)
		return;
	for (size_t i = 0; i < rd->nconv; i++) {
		if (rd->conv[i].cd != (iconv_t)-1)
			iconv_close(rd->conv[i].cd);
		free(rd->conv[i].charset);
	}
	free(rd->conv);
	strbuf_release(&rd->ahead);
	free(rd->name);
	free(rd);
}

size_t farley_vcard_offset(const struct farley_vcard_reader *rd)
{
	return rd->offset;
}

enum { LINE_EOF = 0, LINE_OK = 1, LINE_BIG = -2, LINE_ERR = -3 };

/* One physical line into sb, without its LF and the CRs before it.  Every
 * byte counts against the card's room: LINE_BIG when it is used up. */
static int read_physical(struct farley_vcard_reader *rd, struct strbuf *sb)
{
	int c, any = 0;
	strbuf_reset(sb);
	while ((c = getc_unlocked(rd->f)) != EOF) {
		any = 1;
		rd->offset++;
		if (++rd->used > rd->max)
			return LINE_BIG;
		if (c == '\n')
			break;
		if (c == '\r') {
			/* CR LF, CR CR LF (iOS) and CR alone (old Macs) end a line */
			int d;
			while ((d = getc_unlocked(rd->f)) == '\r' || d == '\n') {
				rd->offset++;
				rd->used++;
				if (d == '\n')
					break;
			}
			if (d != '\n' && d != EOF)
				ungetc(d, rd->f);
			break;
		}
		strbuf_addch(sb, c);
	}
	if (c == EOF && ferror(rd->f))
		return LINE_ERR;
	if (!any)
		return LINE_EOF;
	rd->lineno++;
	if (!rd->started) {
		rd->started = 1;
		if (sb->len >= 3 && !memcmp(sb->buf, "\xef\xbb\xbf", 3)) {
			memmove(sb->buf, sb->buf + 3, sb->len - 3);
			strbuf_setlen(sb, sb->len - 3);
		}
	}
	return LINE_OK;
}

/* Where the name and parameters of a content line end: its first colon
 * outside double quotes, or len. */
static size_t colon_of(const char *s, size_t len)
{
	int quoted = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == ':' && !quoted)
			return i;
	}
	return len;
}

/* A quoted-printable value that ends in '=' goes on on the next line. */
static int soft_break(const struct strbuf *line)
{
	size_t colon;
	if (!line->len || line->buf[line->len - 1] != '=')
		return 0;
	colon = colon_of(line->buf, line->len);
	if (colon == line->len)
		return 0;
	for (size_t i = 0; i + 16 <= colon; i++)
		if (!strncasecmp(line->buf + i, "QUOTED-PRINTABLE", 16))
			return 1;
	return 0;
}

/* 1 when the line is word (BEGIN:VCARD, END:VCARD) give or take case and
 * the spaces around it. */
static int line_is(const struct strbuf *sb, const char *word)
{
	size_t a = 0, b = sb->len;
	while (a < b && (sb->buf[a] == ' ' || sb->buf[a] == '\t'))
		a++;
	while (b > a && (sb->buf[b - 1] == ' ' || sb->buf[b - 1] == '\t'))
		b--;
	return ieq(sb->buf + a, b - a, word);
}

/* One logical line: a physical one and what folding or a quoted-printable
 * soft line break hangs on it.  *line_no is where it starts. */
static int read_logical(struct farley_vcard_reader *rd, struct strbuf *out,
			int *line_no)
{
	int r;
	if (!rd->have_ahead) {
		if ((r = read_physical(rd, &rd->ahead)) != LINE_OK)
			return r;
		rd->ahead_line = rd->lineno;
	}
	rd->have_ahead = 0;
	strbuf_reset(out);
	strbuf_add(out, rd->ahead.buf, rd->ahead.len);
	*line_no = rd->ahead_line;
	for (;;) {
		r = read_physical(rd, &rd->ahead);
		if (r == LINE_EOF)
			return LINE_OK;
		if (r != LINE_OK)
			return r;
		rd->ahead_line = rd->lineno;
		if (soft_break(out) && !line_is(&rd->ahead, "END:VCARD")) {
			/* kept whole: a space after a soft break is text */
			strbuf_setlen(out, out->len - 1);
			strbuf_add(out, rd->ahead.buf, rd->ahead.len);
		} else if (rd->ahead.len &&
			   (rd->ahead.buf[0] == ' ' || rd->ahead.buf[0] == '\t')) {
			strbuf_add(out, rd->ahead.buf + 1, rd->ahead.len - 1);
		} else {
			rd->have_ahead = 1;
			return LINE_OK;
		}
	}
}

static int blank(const struct strbuf *sb)
{
	for (size_t i = 0; i < sb->len; i++)
		if (sb->buf[i] != ' ' && sb->buf[i] != '\t')
			return 0;
	return 1;
}

/* Decoding values ------------------------------------------------------- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Quoted-printable (soft breaks were joined while reading): =XX is a
 * byte; an '=' that starts nothing is kept. */
static void qp_decode(struct strbuf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		int h, l;
		if (s[i] == '=' && i + 2 < len &&
		    (h = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (l = hexval((unsigned char)s[i + 2])) >= 0) {
			strbuf_addch(out, h * 16 + l);
			i += 2;
		} else {
			strbuf_addch(out, s[i]);
		}
	}
}

/* Windows-1252's 0x80..0x9f; 0 where it has no character. */
static const uint16_t cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

static void add_utf8(struct strbuf *out, uint32_t cp)
{
	if (cp < 0x80) {
		strbuf_addch(out, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(out, (int)(0xc0 | (cp >> 6)));
		strbuf_addch(out, (int)(0x80 | (cp & 0x3f)));
	} else {
		strbuf_addch(out, (int)(0xe0 | (cp >> 12)));
		strbuf_addch(out, (int)(0x80 | ((cp >> 6) & 0x3f)));
		strbuf_addch(out, (int)(0x80 | (cp & 0x3f)));
	}
}

static void from_cp1252(struct strbuf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		if (c >= 0x80 && c < 0xa0)
			cp = cp1252[c - 0x80] ? cp1252[c - 0x80] : 0xfffd;
		add_utf8(out, cp);
	}
}

static iconv_t converter_for(struct farley_vcard_reader *rd, const char *charset)
{
	struct converter *c;
	for (size_t i = 0; i < rd->nconv; i++)
		if (!strcasecmp(rd->conv[i].charset, charset))
			return rd->conv[i].cd;
	ALLOC_GROW(rd->conv, rd->nconv + 1, rd->aconv);
	c = &rd->conv[rd->nconv++];
	c->charset = xstrdup(charset);
	c->cd = iconv_open("UTF-8", charset);
	return c->cd;
}

/* Convert s from charset to UTF-8: 0, or -1 with why. */
static int convert(struct farley_vcard_reader *rd, const char *charset,
		   const char *s, size_t len, struct strbuf *out, const char **why)
{
	iconv_t cd = converter_for(rd, charset);
	char *in = (char *)s;
	size_t inleft = len;
	if (cd == (iconv_t)-1) {
		*why = "is unknown";
		return -1;
	}
	iconv(cd, NULL, NULL, NULL, NULL);
	while (inleft) {
		char *o;
		size_t oleft, before;
		strbuf_grow(out, inleft * 2 + 16);
		o = out->buf + out->len;
		oleft = out->alloc - out->len - 1;
		before = oleft;
		if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1 && errno != E2BIG) {
			strbuf_setlen(out, out->len + (before - oleft));
			*why = "does not match the bytes";
			return -1;
		}
		strbuf_setlen(out, out->len + (before - oleft));
	}
	return 0;
}

/* Parsing a content line ---------------------------------------------- */

static void add_param(struct farley_vcard_prop *p, size_t *alloc, char *name,
		      char *value)
{
	ALLOC_GROW(p->params, p->nparams + 1, *alloc);
	p->params[p->nparams].name = name;
	p->params[p->nparams].value = value;
	p->nparams++;
}

/* Take [group.]NAME[;PARAM...]:VALUE apart; the value is left raw in
 * value and vlen.  0 when the line is no property. */
static int parse_line(const char *s, size_t len, struct farley_vcard_prop *p,
		      const char **value, size_t *vlen)
{
	size_t i = 0, start, palloc = 0;
	while (i < len && is_name_char((unsigned char)s[i]))
		i++;
	if (!i)
		return 0;
	if (i < len && s[i] == '.') {
		p->group = xstrndup(s, i);
		start = ++i;
		while (i < len && is_name_char((unsigned char)s[i]))
			i++;
		if (i == start)
			goto no;
		p->name = xstrndup(s + start, i - start);
	} else {
		p->name = xstrndup(s, i);
	}
	upcase(p->name);
	while (i < len && s[i] == ';') {
		struct strbuf name = STRBUF_INIT, val = STRBUF_INIT;
		int has_eq = 0, quoted = 0;
		i++;
		while (i < len && s[i] != '=' && s[i] != ';' && s[i] != ':')
			strbuf_addch(&name, s[i++]);
		if (i < len && s[i] == '=') {
			has_eq = 1;
			i++;
			for (; i < len; i++) {
				if (s[i] == '"') {
					quoted = !quoted;
					continue;
				}
				if (!quoted && (s[i] == ';' || s[i] == ':'))
					break;
				strbuf_addch(&val, s[i]);
			}
		}
		strbuf_trim(&name);
		strbuf_trim(&val);
		if (!name.len) {
			strbuf_release(&name);
			strbuf_release(&val);
			continue;
		}
		upcase(name.buf);
		if (has_eq) {
			add_param(p, &palloc, strbuf_detach(&name, NULL),
				  strbuf_detach(&val, NULL));
		} else {
			/* 2.1: a bare parameter is an encoding or a type */
			static const char *const encodings[] = {
				"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B", NULL
			};
			int enc = 0;
			for (int k = 0; encodings[k]; k++)
				enc |= !strcmp(name.buf, encodings[k]);
			add_param(p, &palloc, xstrdup(enc ? "ENCODING" : "TYPE"),
				  strbuf_detach(&name, NULL));
			strbuf_release(&val);
		}
	}
	if (i >= len || s[i] != ':')
		goto no;
	*value = s + i + 1;
	*vlen = len - i - 1;
	return 1;
no:
	free(p->group);
	free(p->name);
	for (size_t j = 0; j < p->nparams; j++) {
		free(p->params[j].name);
		free(p->params[j].value);
	}
	free(p->params);
	memset(p, 0, sizeof(*p));
	return 0;
}

/* The value decoded to UTF-8 into out: 0, or -1 with why. */
static int decode_value(struct farley_vcard_reader *rd,
			const struct farley_vcard_prop *p, const char *v,
			size_t vlen, struct strbuf *out, const char **why)
{
	const char *enc = farley_vcard_param(p, "ENCODING");
	const char *charset = farley_vcard_param(p, "CHARSET");
	struct strbuf bytes = STRBUF_INIT;
	int ret = 0;
	if (enc && (!strcasecmp(enc, "b") || !strcasecmp(enc, "BASE64"))) {
		strbuf_add(out, v, vlen); /* binary: as written */
		return 0;
	}
	if (enc && !strcasecmp(enc, "QUOTED-PRINTABLE"))
		qp_decode(&bytes, v, vlen);
	else
		strbuf_add(&bytes, v, vlen);
	if (memchr(bytes.buf, '\0', bytes.len)) {
		*why = "holds a NUL byte";
		ret = -1;
	} else if (charset && strcasecmp(charset, "UTF-8") &&
		   strcasecmp(charset, "UTF8") && strcasecmp(charset, "US-ASCII") &&
		   strcasecmp(charset, "ASCII")) {
		ret = convert(rd, charset, bytes.buf, bytes.len, out, why);
		if (!ret && memchr(out->buf, '\0', out->len)) {
			*why = "holds a NUL character";
			ret = -1;
		}
	} else if (farley_utf8_invalid(bytes.buf, bytes.len) != (size_t)-1) {
		from_cp1252(out, bytes.buf, bytes.len);
	} else {
		strbuf_add(out, bytes.buf, bytes.len);
	}
	strbuf_release(&bytes);
	return ret;
}

static void add_prop(struct farley_vcard_reader *rd, struct farley_vcard *card,
		     const struct strbuf *line, int line_no)
{
	struct farley_vcard_prop p = { 0 };
	struct strbuf val = STRBUF_INIT;
	const char *v, *why = "";
	size_t vlen;
	if (!parse_line(line->buf, line->len, &p, &v, &vlen))
		return; /* no property: left out, as other readers do */
	p.line = line_no;
	if (decode_value(rd, &p, v, vlen, &val, &why)) {
		const char *cs = farley_vcard_param(&p, "CHARSET");
		if (!card->problem)
			card->problem = cs ? xstrfmt("%d: %s: CHARSET '%s' %s", line_no,
						     p.name, cs, why)
					   : xstrfmt("%d: %s %s", line_no, p.name, why);
		strbuf_release(&val);
		p.value = xstrdup("");
	} else {
		p.value = strbuf_detach(&val, NULL);
	}
	if (!strcmp(p.name, "VERSION") && !card->version) {
		struct strbuf t = STRBUF_INIT;
		strbuf_addstr(&t, p.value);
		strbuf_trim(&t);
		card->version = strbuf_detach(&t, NULL);
	}
	ALLOC_GROW(card->props, card->n + 1, card->alloc);
	card->props[card->n++] = p;
}

int farley_vcard_next(struct farley_vcard_reader *rd, struct farley_vcard *card,
		      struct farley_error *err)
{
	struct strbuf line = STRBUF_INIT;
	int r, line_no = 0, depth = 0, ret = 0;
	memset(card, 0, sizeof(*card));

	/* BEGIN:VCARD, after blank lines */
	for (;;) {
		rd->used = 0;
		if (rd->have_ahead) {
			rd->have_ahead = 0;
			strbuf_reset(&line);
			strbuf_add(&line, rd->ahead.buf, rd->ahead.len);
			line_no = rd->ahead_line;
			rd->used = line.len;
			r = LINE_OK;
		} else {
			r = read_physical(rd, &line);
			line_no = rd->lineno + (r != LINE_OK);
		}
		if (r == LINE_EOF)
			goto out;
		if (r == LINE_BIG) {
			ret = farley_error_set(err, FARLEY_EINVAL,
					       "%s:%d: a line longer than %zu bytes, "
					       "outside any card",
					       rd->name, line_no, rd->max);
			goto out;
		}
		if (r == LINE_ERR)
			goto io;
		strbuf_trim(&line);
		if (!line.len)
			continue;
		if (ieq(line.buf, line.len, "BEGIN:VCARD"))
			break;
		if (line.len > 40) {
			/* shortened, at the start of a UTF-8 character */
			size_t cut = 40;
			while (cut && ((unsigned char)line.buf[cut] & 0xc0) == 0x80)
				cut--;
			strbuf_setlen(&line, cut);
			strbuf_addstr(&line, "...");
		}
		ret = farley_error_set(err, FARLEY_EINVAL,
				       "%s:%d: not a vCard: expected BEGIN:VCARD, "
				       "found '%s'",
				       rd->name, line_no, line.buf);
		goto out;
	}
	card->line = line_no;

	for (;;) {
		int at = 0;
		r = read_logical(rd, &line, &at);
		if (r == LINE_EOF) {
			ret = farley_error_set(err, FARLEY_EINVAL,
					       "%s:%d: the card has no END:VCARD",
					       rd->name, card->line);
			goto out;
		}
		if (r == LINE_BIG) {
			ret = farley_error_set(err, FARLEY_EINVAL,
					       "%s:%d: the card is larger than %zu "
					       "bytes (the limit)",
					       rd->name, card->line, rd->max);
			goto out;
		}
		if (r == LINE_ERR)
			goto io;
		if (blank(&line))
			continue;
		if (line_is(&line, "END:VCARD")) {
			if (!depth--) {
				ret = 1;
				goto out;
			}
			continue;
		}
		if (line_is(&line, "BEGIN:VCARD"))
			depth++;
		if (!depth)
			add_prop(rd, card, &line, at);
	}
io:
	ret = farley_error_errno(err, FARLEY_EIO, "cannot read '%s'", rd->name);
out:
	strbuf_release(&line);
	if (ret != 1)
		farley_vcard_release(card);
	return ret;
}

/* Values ------------------------------------------------------------------- */

const char *farley_vcard_param(const struct farley_vcard_prop *p,
			       const char *name)
{
	for (size_t i = 0; i < p->nparams; i++)
		if (!strcmp(p->params[i].name, name))
			return p->params[i].value;
	return NULL;
}

static int list_has(const char *list, const char *word)
{
	size_t wl = strlen(word);
	while (*list) {
		const char *e = strchr(list, ',');
		size_t n = e ? (size_t)(e - list) : strlen(list);
		const char *a = list;
		while (n && (*a == ' ' || *a == '\t')) {
			a++;
			n--;
		}
		while (n && (a[n - 1] == ' ' || a[n - 1] == '\t'))
			n--;
		if (n == wl && !strncasecmp(a, word, wl))
			return 1;
		if (!e)
			break;
		list = e + 1;
	}
	return 0;
}

int farley_vcard_has_type(const struct farley_vcard_prop *p, const char *type)
{
	for (size_t i = 0; i < p->nparams; i++)
		if (!strcmp(p->params[i].name, "TYPE") &&
		    list_has(p->params[i].value, type))
			return 1;
	return 0;
}

int farley_vcard_pref(const struct farley_vcard_prop *p)
{
	const char *v = farley_vcard_param(p, "PREF");
	if (v) {
		long n = strtol(v, NULL, 10);
		return n < 1 ? 1 : n > 100 ? 100 : (int)n;
	}
	return farley_vcard_has_type(p, "pref") ? 1 : 0;
}
