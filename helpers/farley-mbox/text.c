/* text.c: mail text to clean UTF-8, and HTML to readable text. */
#include "mbox.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

/* Charsets ----------------------------------------------------------------- */

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Convert with iconv, a byte the charset does not define becoming U+FFFD.
 * -1 when iconv does not know the charset. */
static int convert(GString *out, const char *buf, size_t len, const char *charset)
{
	/* iconv itself: GMime's cached g_mime_iconv_open() hands out a
	 * converter even for a charset iconv does not know */
	iconv_t cd = iconv_open("UTF-8", g_mime_charset_iconv_name(charset));
	char tmp[4096], *in = (char *)buf, *o;
	size_t inleft = len, oleft;
	if (cd == (iconv_t)-1)
		return -1;
	while (inleft) {
		size_t r;
		o = tmp;
		oleft = sizeof(tmp);
		r = iconv(cd, &in, &inleft, &o, &oleft);
		g_string_append_len(out, tmp, (gssize)(o - tmp));
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		/* EILSEQ, or EINVAL for a sequence cut short at the end */
		g_string_append(out, replacement);
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	o = tmp;
	oleft = sizeof(tmp);
	iconv(cd, NULL, NULL, &o, &oleft); /* the shift state's last bytes */
	g_string_append_len(out, tmp, (gssize)(o - tmp));
	iconv_close(cd);
	return 0;
}

static void append_valid(GString *out, const char *buf, size_t len)
{
	char *valid = g_utf8_make_valid(buf, (gssize)len);
	g_string_append(out, valid);
	g_free(valid);
}

static int is_one_of(const char *canon, const char *const *names)
{
	for (; canon && *names; names++)
		if (!g_ascii_strcasecmp(canon, *names))
			return 1;
	return 0;
}

static const char *const utf8_names[] = { "utf-8", "utf8", NULL };
static const char *const ascii_names[] = { "us-ascii", "ascii", "us",
					   "ansi_x3.4-1968", NULL };
static const char *const latin1_names[] = { "iso-8859-1", "latin1", "l1",
					    "cp819", "ibm819", NULL };

void text_to_utf8(GString *out, const char *buf, size_t len, const char *charset)
{
	const char *canon = charset && *charset ? g_mime_charset_canon_name(charset) : NULL;
	if (is_one_of(canon, utf8_names)) {
		append_valid(out, buf, len);
		return;
	}
	if (!canon || is_one_of(canon, ascii_names)) {
		/* not declared, or 7-bit declared: UTF-8 when it is that */
		if (g_utf8_validate(buf, (gssize)len, NULL)) {
			g_string_append_len(out, buf, (gssize)len);
			return;
		}
		canon = "windows-1252";
	} else if (is_one_of(canon, latin1_names)) {
		canon = "windows-1252";
	}
	if (!convert(out, buf, len, canon))
		return;
	/* a charset iconv does not know: the best guess */
	if (g_utf8_validate(buf, (gssize)len, NULL))
		g_string_append_len(out, buf, (gssize)len);
	else if (convert(out, buf, len, "windows-1252"))
		append_valid(out, buf, len);
}

/* Tidying ------------------------------------------------------------------ */

/* Characters no YAML literal block (or reader) wants. */
static int unwanted(gunichar c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ||
	       (c >= 0x80 && c <= 0x9f) || c == 0xfeff || c == 0xfffe;
}

/* s without NUL bytes and invalid UTF-8. */
static char *valid_copy(const GString *s)
{
	GString *t = g_string_sized_new(s->len);
	char *v;
	for (size_t i = 0; i < s->len; i++)
		if (s->str[i])
			g_string_append_c(t, s->str[i]);
	v = g_utf8_make_valid(t->str, (gssize)t->len);
	g_string_free(t, TRUE);
	return v;
}

/* Trailing blanks of the last line, except in "-- ", the line before a
 * signature. */
static void strip_blanks_at_end(GString *s)
{
	if (s->len >= 3 && !memcmp(s->str + s->len - 3, "-- ", 3) &&
	    (s->len == 3 || s->str[s->len - 4] == '\n'))
		return;
	while (s->len && (s->str[s->len - 1] == ' ' || s->str[s->len - 1] == '\t'))
		g_string_truncate(s, s->len - 1);
}

void text_tidy(GString *s)
{
	char *v = valid_copy(s), *p = v;
	size_t start = 0;
	g_string_truncate(s, 0);
	while (*p) {
		gunichar c = g_utf8_get_char(p);
		const char *next = g_utf8_next_char(p);
		if (c == '\r' && *next == '\n') {
			/* the \n comes next */
		} else if (c == '\r' || c == '\n' || c == 0x2028 || c == 0x2029) {
			strip_blanks_at_end(s);
			g_string_append_c(s, '\n');
		} else if (!unwanted(c)) {
			g_string_append_len(s, p, next - p);
		}
		p = (char *)next;
	}
	g_free(v);
	/* blank lines at both ends */
	while (s->len && g_ascii_isspace(s->str[s->len - 1]))
		g_string_truncate(s, s->len - 1);
	for (size_t i = 0; i < s->len; i++) {
		if (s->str[i] == '\n')
			start = i + 1;
		else if (s->str[i] != ' ' && s->str[i] != '\t')
			break;
	}
	g_string_erase(s, 0, (gssize)start);
}

void text_one_line(GString *s)
{
	char *v = valid_copy(s), *p = v;
	int space = 0;
	g_string_truncate(s, 0);
	while (*p) {
		gunichar c = g_utf8_get_char(p);
		const char *next = g_utf8_next_char(p);
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
		    c == '\v' || c == 0x2028 || c == 0x2029) {
			space = 1;
		} else if (!unwanted(c)) {
			if (space && s->len)
				g_string_append_c(s, ' ');
			space = 0;
			g_string_append_len(s, p, next - p);
		}
		p = (char *)next;
	}
	g_free(v);
}

void text_truncate(GString *s, size_t max)
{
	size_t cut = max;
	if (s->len <= max)
		return;
	while (cut && (s->str[cut] & 0xC0) == 0x80)
		cut--;
	g_string_truncate(s, cut);
	while (s->len && g_ascii_isspace(s->str[s->len - 1]))
		g_string_truncate(s, s->len - 1);
	g_string_append(s, s->len ? "\n[truncated]" : "[truncated]");
}

/* HTML --------------------------------------------------------------------- */

/* The named character references mail uses: HTML 4's (Latin-1, symbols
 * and punctuation in use) and &apos;.  Others are left as written. */
static const char *const latin1_entities[96] = {
	"nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
	"uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr",
	"deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
	"cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
	"Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil",
	"Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
	"ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
	"Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
	"agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
	"egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
	"eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
	"oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
};

static const struct {
	const char *name;
	gunichar c;
} other_names[] = {
	{ "quot", 34 }, { "amp", 38 }, { "apos", 39 }, { "lt", 60 }, { "gt", 62 },
	{ "OElig", 338 }, { "oelig", 339 }, { "Scaron", 352 }, { "scaron", 353 },
	{ "Yuml", 376 }, { "fnof", 402 }, { "circ", 710 }, { "tilde", 732 },
	{ "Alpha", 913 }, { "Beta", 914 }, { "Gamma", 915 }, { "Delta", 916 },
	{ "Omega", 937 }, { "alpha", 945 }, { "beta", 946 }, { "gamma", 947 },
	{ "delta", 948 }, { "pi", 960 }, { "mu", 956 }, { "omega", 969 },
	{ "ensp", 8194 }, { "emsp", 8195 }, { "thinsp", 8201 }, { "zwnj", 8204 },
	{ "zwj", 8205 }, { "lrm", 8206 }, { "rlm", 8207 }, { "ndash", 8211 },
	{ "mdash", 8212 }, { "lsquo", 8216 }, { "rsquo", 8217 }, { "sbquo", 8218 },
	{ "ldquo", 8220 }, { "rdquo", 8221 }, { "bdquo", 8222 }, { "dagger", 8224 },
	{ "Dagger", 8225 }, { "bull", 8226 }, { "hellip", 8230 }, { "permil", 8240 },
	{ "prime", 8242 }, { "Prime", 8243 }, { "lsaquo", 8249 }, { "rsaquo", 8250 },
	{ "oline", 8254 }, { "frasl", 8260 }, { "euro", 8364 }, { "trade", 8482 },
	{ "larr", 8592 }, { "uarr", 8593 }, { "rarr", 8594 }, { "darr", 8595 },
	{ "harr", 8596 }, { "rArr", 8658 }, { "lArr", 8656 }, { "minus", 8722 },
	{ "infin", 8734 }, { "ne", 8800 }, { "le", 8804 }, { "ge", 8805 },
	{ "hearts", 9829 }, { "check", 10003 },
};

/* &#128; to &#159; mean what windows-1252 puts there (HTML5). */
static const gunichar cp1252_c1[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static gunichar named_entity(const char *name, size_t len)
{
	for (size_t i = 0; i < G_N_ELEMENTS(latin1_entities); i++)
		if (strlen(latin1_entities[i]) == len && !memcmp(latin1_entities[i], name, len))
			return (gunichar)(160 + i);
	for (size_t i = 0; i < G_N_ELEMENTS(other_names); i++)
		if (strlen(other_names[i].name) == len &&
		    !memcmp(other_names[i].name, name, len))
			return other_names[i].c;
	return 0;
}

/* The character reference at p ('&'): its character and length, or 0. */
static size_t entity(const char *p, const char *end, gunichar *c)
{
	const char *q = p + 1;
	if (q < end && *q == '#') {
		unsigned long v = 0;
		int hex = 0, digits = 0;
		q++;
		if (q < end && (*q == 'x' || *q == 'X')) {
			hex = 1;
			q++;
		}
		for (; q < end && (hex ? g_ascii_isxdigit(*q) : g_ascii_isdigit(*q)); q++) {
			if (v < 0x110000)
				v = v * (hex ? 16 : 10) +
				    (unsigned long)(hex ? g_ascii_xdigit_value(*q)
							: g_ascii_digit_value(*q));
			digits++;
		}
		if (!digits)
			return 0;
		if (q < end && *q == ';')
			q++;
		if (v >= 0x80 && v <= 0x9f)
			v = cp1252_c1[v - 0x80];
		else if (!v || v >= 0x110000 || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		*c = (gunichar)v;
		return (size_t)(q - p);
	}
	while (q < end && q - p <= 32 && g_ascii_isalnum(*q))
		q++;
	if (q == p + 1 || !(*c = named_entity(p + 1, (size_t)(q - p - 1))))
		return 0;
	if (q < end && *q == ';')
		return (size_t)(q + 1 - p);
	/* without the semicolon only the oldest ones, as browsers do */
	if (*c == '&' || *c == '<' || *c == '>' || *c == '"' || *c == 160)
		return (size_t)(q - p);
	return 0;
}

struct html {
	GString *out;
	int space;  /* white space seen since the last text */
	int breaks; /* 1: a new line is due; 2: a blank line */
	int pre;    /* inside <pre> */
};

static void put(struct html *h, const char *s, size_t n)
{
	if (h->out->len && h->breaks) {
		size_t have = 0;
		while (have < h->out->len && have < 2 &&
		       h->out->str[h->out->len - 1 - have] == '\n')
			have++;
		for (; have < (size_t)h->breaks; have++)
			g_string_append_c(h->out, '\n');
	} else if (h->out->len && h->space && h->out->str[h->out->len - 1] != '\n') {
		g_string_append_c(h->out, ' ');
	}
	h->breaks = 0;
	h->space = 0;
	g_string_append_len(h->out, s, (gssize)n);
}

static void want_break(struct html *h, int n)
{
	if (h->breaks < n)
		h->breaks = n;
}

static int tag_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(name, *list))
			return 1;
	return 0;
}

static const char *const paragraph_tags[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
	"blockquote", "pre", "hr", "address", "figure", "fieldset", "form", NULL,
};
static const char *const line_tags[] = {
	"div", "li", "tr", "dt", "dd", "section", "article", "header", "footer",
	"nav", "aside", "main", "caption", "center", "tbody", "thead", "tfoot",
	"body", NULL,
};
/* Elements whose content is not text to read. */
static const char *const hidden_tags[] = {
	"script", "style", "head", "title", "template", "noscript", NULL,
};

/* Where "</name" (any case) starts at or after p, or NULL. */
static const char *find_close(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	for (; p + 2 + n <= end; p++)
		if (p[0] == '<' && p[1] == '/' && !g_ascii_strncasecmp(p + 2, name, n) &&
		    (p + 2 + n == end || !g_ascii_isalnum(p[2 + n])))
			return p;
	return NULL;
}

static void tag(struct html *h, const char *name, int closing)
{
	if (!strcmp(name, "br")) {
		if (h->out->len)
			put(h, "\n", 1);
	} else if (!strcmp(name, "pre")) {
		h->pre = !closing;
		want_break(h, 2);
	} else if (tag_in(name, paragraph_tags)) {
		want_break(h, 2);
	} else if (!strcmp(name, "li") && !closing) {
		want_break(h, 1);
		put(h, "- ", 2);
	} else if (tag_in(name, line_tags)) {
		want_break(h, 1);
	} else if (!strcmp(name, "td") || !strcmp(name, "th")) {
		h->space = 1;
	}
}

void html_to_text(GString *out, const char *html, size_t len)
{
	struct html h = { out, 0, 0, 0 };
	const char *p = html, *end = html + len;
	while (p < end) {
		if (*p == '<') {
			const char *q = p + 1;
			char lower[17];
			size_t n = 0;
			int closing = 0;
			if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
				const char *c = g_strstr_len(p + 4, end - p - 4, "-->");
				p = c ? c + 3 : end;
				continue;
			}
			if (q < end && (*q == '!' || *q == '?')) {
				const char *c = memchr(q, '>', (size_t)(end - q));
				p = c ? c + 1 : end;
				continue;
			}
			if (q < end && *q == '/') {
				closing = 1;
				q++;
			}
			if (q >= end || !g_ascii_isalpha(*q)) {
				put(&h, "<", 1); /* a lone "<" is text */
				p++;
				continue;
			}
			for (; q < end && (g_ascii_isalnum(*q) || *q == '-' || *q == ':');
			     q++)
				if (n < sizeof(lower) - 1)
					lower[n++] = g_ascii_tolower(*q);
			lower[n] = '\0';
			/* attributes, whose quoted values may hold '>' */
			while (q < end && *q != '>') {
				if (*q == '"' || *q == '\'') {
					const char *c = memchr(q + 1, *q, (size_t)(end - q - 1));
					q = c ? c : end - 1;
				}
				q++;
			}
			p = q < end ? q + 1 : end;
			if (!closing && tag_in(lower, hidden_tags)) {
				const char *c = find_close(p, end, lower);
				if (c) {
					const char *gt = memchr(c, '>', (size_t)(end - c));
					p = gt ? gt + 1 : end;
				} else if (strcmp(lower, "head") && strcmp(lower, "title")) {
					p = end; /* an unclosed script or style runs to the end */
				}
				continue;
			}
			tag(&h, lower, closing);
		} else if (*p == '&') {
			gunichar c;
			size_t n = entity(p, end, &c);
			char buf[6];
			if (!n) {
				put(&h, "&", 1);
				p++;
				continue;
			}
			p += n;
			if (c == 0xAD)
				continue; /* a soft hyphen is only a hint */
			if (c == 0xA0)
				c = ' ';
			put(&h, buf, (size_t)g_unichar_to_utf8(c, buf));
		} else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') {
			if (!h.pre)
				h.space = 1;
			else if (*p != '\r')
				put(&h, p, 1);
			p++;
		} else {
			const char *q = p;
			while (q < end && *q != '<' && *q != '&' && *q != ' ' && *q != '\t' &&
			       *q != '\n' && *q != '\r' && *q != '\f')
				q++;
			put(&h, p, (size_t)(q - p));
			p = q;
		}
	}
}
