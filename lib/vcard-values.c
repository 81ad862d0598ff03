/* vcard-values.c: vCard values taken apart (escapes, structured values,
 * names, birthdays) and put together (UIDs, escaping, folded lines). */
#include "farley/vcard.h"
#include "farley/date.h"
#include "farley/ids.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void farley_vcard_unescape(struct strbuf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\\' && i + 1 < len) {
			char n = s[i + 1];
			if (n == 'n' || n == 'N') {
				strbuf_addch(out, '\n');
				i++;
				continue;
			}
			if (n == '\\' || n == ',' || n == ';' || n == ':') {
				strbuf_addch(out, n);
				i++;
				continue;
			}
			strbuf_addch(out, c);
			continue;
		}
		if (c == '\r') {
			strbuf_addch(out, '\n');
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
			continue;
		}
		strbuf_addch(out, c);
	}
}

char **farley_vcard_split(const char *value, int sep, int raw, size_t *n)
{
	char **parts = NULL;
	size_t alloc = 0, start = 0, len = strlen(value);
	*n = 0;
	for (size_t i = 0; i <= len; i++) {
		struct strbuf sb = STRBUF_INIT;
		if (i < len && value[i] == '\\') {
			i++;
			continue;
		}
		if (i < len && value[i] != sep)
			continue;
		if (raw)
			strbuf_add(&sb, value + start, i - start);
		else
			farley_vcard_unescape(&sb, value + start, i - start);
		ALLOC_GROW(parts, *n + 1, alloc);
		parts[(*n)++] = strbuf_detach(&sb, NULL);
		start = i + 1;
	}
	return parts;
}

void farley_vcard_parts_free(char **parts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(parts[i]);
	free(parts);
}

/* Append words (a raw N component: a comma-separated list) with spaces. */
static void add_words(struct strbuf *out, const char *component)
{
	size_t n;
	char **w = farley_vcard_split(component, ',', 0, &n);
	for (size_t i = 0; i < n; i++) {
		struct strbuf t = STRBUF_INIT;
		strbuf_addstr(&t, w[i]);
		for (size_t j = 0; j < t.len; j++)
			if (t.buf[j] == '\n' || t.buf[j] == '\t')
				t.buf[j] = ' ';
		strbuf_trim(&t);
		if (t.len) {
			if (out->len)
				strbuf_addch(out, ' ');
			strbuf_add(out, t.buf, t.len);
		}
		strbuf_release(&t);
	}
	farley_vcard_parts_free(w, n);
}

char *farley_vcard_name_from_n(const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n;
	char **c = farley_vcard_split(value, ';', 1, &n);
	if (n > 1)
		add_words(&sb, c[1]); /* given */
	if (n > 2)
		add_words(&sb, c[2]); /* additional */
	if (n > 0)
		add_words(&sb, c[0]); /* family */
	farley_vcard_parts_free(c, n);
	return strbuf_detach(&sb, NULL);
}

/* Taking a name apart --------------------------------------------------- */

static int word_in(const char *w, size_t len, const char *const *list)
{
	while (len && w[len - 1] == '.')
		len--;
	for (; *list; list++)
		if (strlen(*list) == len && !strncasecmp(w, *list, len))
			return 1;
	return 0;
}

static const char *const prefixes[] = {
	"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev",
	"herr", "frau", "mme", "mlle", "m", NULL
};
static const char *const suffixes[] = {
	"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba", "dds", NULL
};
/* Lower-case words that start a family name: van Doe, de la Cruz. */
static const char *const particles[] = {
	"van", "von", "der", "den", "de", "da", "di", "del", "della", "du", "des",
	"la", "le", "dos", "das", "ten", "ter", "zu", "bin", "al", "el", "st", NULL
};

struct word {
	const char *s;
	size_t len;
};

static void join_words(char **out, const struct word *w, size_t a, size_t b)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = a; i < b; i++) {
		if (sb.len)
			strbuf_addch(&sb, ' ');
		strbuf_add(&sb, w[i].s, w[i].len);
	}
	free(*out);
	*out = strbuf_detach(&sb, NULL);
}

static size_t split_words(const char *s, struct word **out)
{
	size_t n = 0, alloc = 0;
	*out = NULL;
	while (*s) {
		const char *e;
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		e = s;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n')
			e++;
		ALLOC_GROW(*out, n + 1, alloc);
		(*out)[n].s = s;
		(*out)[n].len = (size_t)(e - s);
		n++;
		s = e;
	}
	return n;
}

void farley_vcard_name_split(const char *name, struct farley_vcard_name *nm)
{
	struct word *w = NULL;
	size_t n, a = 0, b, fam;
	const char *comma = strchr(name, ',');
	char *copy = NULL;
	nm->family = xstrdup("");
	nm->given = xstrdup("");
	nm->additional = xstrdup("");
	nm->prefix = xstrdup("");
	nm->suffix = xstrdup("");
	if (comma && !strchr(comma + 1, ',')) {
		struct word *after;
		size_t na = split_words(comma + 1, &after);
		int is_suffix = na == 1 && word_in(after[0].s, after[0].len, suffixes);
		if (!is_suffix && na) {
			/* "Doe, Jane": family name first */
			copy = xstrndup(name, (size_t)(comma - name));
			n = split_words(copy, &w);
			join_words(&nm->family, w, 0, n);
			free(w);
			n = split_words(comma + 1, &w);
			while (a < n && word_in(w[a].s, w[a].len, prefixes))
				a++;
			join_words(&nm->prefix, w, 0, a);
			if (a < n)
				join_words(&nm->given, w, a, a + 1);
			if (a + 1 < n)
				join_words(&nm->additional, w, a + 1, n);
			free(after);
			goto out;
		}
		if (is_suffix) {
			join_words(&nm->suffix, after, 0, 1);
			copy = xstrndup(name, (size_t)(comma - name));
			name = copy;
		}
		free(after);
	}
	n = split_words(name, &w);
	b = n;
	while (a + 1 < b && word_in(w[a].s, w[a].len, prefixes))
		a++;
	while (b > a + 1 && word_in(w[b - 1].s, w[b - 1].len, suffixes))
		b--;
	join_words(&nm->prefix, w, 0, a);
	if (b < n) {
		char *comma_suffix = nm->suffix;
		nm->suffix = NULL;
		join_words(&nm->suffix, w, b, n);
		if (*comma_suffix) {
			char *both = xstrfmt("%s %s", nm->suffix, comma_suffix);
			free(nm->suffix);
			nm->suffix = both;
		}
		free(comma_suffix);
	}
	if (b - a == 1) {
		join_words(&nm->given, w, a, b);
		goto out;
	}
	if (b == a)
		goto out;
	fam = b - 1;
	while (fam > a + 1 && word_in(w[fam - 1].s, w[fam - 1].len, particles) &&
	       w[fam - 1].s[0] >= 'a' && w[fam - 1].s[0] <= 'z')
		fam--;
	join_words(&nm->given, w, a, a + 1);
	join_words(&nm->additional, w, a + 1, fam);
	join_words(&nm->family, w, fam, b);
out:
	free(w);
	free(copy);
}

void farley_vcard_name_release(struct farley_vcard_name *n)
{
	free(n->family);
	free(n->given);
	free(n->additional);
	free(n->prefix);
	free(n->suffix);
	memset(n, 0, sizeof(*n));
}

/* Dates and UIDs -------------------------------------------------------- */

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int farley_vcard_date(const char *value, struct strbuf *out)
{
	char buf[11];
	size_t len;
	int32_t day;
	while (*value == ' ' || *value == '\t')
		value++;
	len = strcspn(value, "T \t");
	if (len >= 4 && !strncmp(value, "--", 2)) {
		const char *md = value + 2;
		size_t ml = len - 2;
		int m, d;
		static const int mdays[] = { 31, 29, 31, 30, 31, 30,
					     31, 31, 30, 31, 30, 31 };
		if (ml == 5 && md[2] == '-' && digits(md, 2) && digits(md + 3, 2)) {
			m = num(md, 2);
			d = num(md + 3, 2);
		} else if (ml == 4 && digits(md, 4)) {
			m = num(md, 2);
			d = num(md + 2, 2);
		} else {
			return 0;
		}
		if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
			return 0;
		strbuf_addf(out, "%02d-%02d", m, d);
		return 1;
	}
	if (len == 8 && digits(value, 8)) {
		memcpy(buf, value, 4);
		buf[4] = '-';
		memcpy(buf + 5, value + 4, 2);
		buf[7] = '-';
		memcpy(buf + 8, value + 6, 2);
	} else if (len == 10 && value[4] == '-' && value[7] == '-') {
		memcpy(buf, value, 10);
	} else {
		return 0;
	}
	buf[10] = '\0';
	if (farley_date_parse(buf, &day))
		return 0;
	strbuf_addstr(out, buf);
	return 2;
}

void farley_vcard_uid(struct strbuf *out, const char *id)
{
	struct strbuf key = STRBUF_INIT;
	unsigned char b[16];
	uint64_t h1, h2;
	strbuf_addf(&key, "farley:%s", id);
	h1 = farley_hash64(key.buf, key.len, 0);
	h2 = farley_hash64(key.buf, key.len, 0x9e3779b97f4a7c15ULL);
	for (int i = 0; i < 8; i++) {
		b[i] = (unsigned char)(h1 >> (56 - 8 * i));
		b[8 + i] = (unsigned char)(h2 >> (56 - 8 * i));
	}
	b[6] = 0x8f; /* version 8 (RFC 9562), then farley's mark fa1 */
	b[7] = 0xa1;
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* the RFC variant */
	strbuf_addstr(out, "urn:uuid:");
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			strbuf_addch(out, '-');
		strbuf_addf(out, "%02x", b[i]);
	}
	strbuf_release(&key);
}

int farley_vcard_uid_is_farleys(const char *uid)
{
	const char *u;
	if (strncasecmp(uid, "urn:uuid:", 9))
		return 0;
	u = uid + 9;
	if (strlen(u) != 36 || u[8] != '-' || u[13] != '-' || u[18] != '-' ||
	    u[23] != '-')
		return 0;
	return !strncasecmp(u + 14, "8fa1", 4) && strchr("89abAB", u[19]);
}

/* Writing ------------------------------------------------------------------ */

void farley_vcard_escape(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\': strbuf_addstr(out, "\\\\"); break;
		case ',': strbuf_addstr(out, "\\,"); break;
		case ';': strbuf_addstr(out, "\\;"); break;
		case '\n': strbuf_addstr(out, "\\n"); break;
		case '\r':
			if (s[1] != '\n')
				strbuf_addstr(out, "\\n");
			break;
		default: strbuf_addch(out, *s);
		}
	}
}

void farley_vcard_line(struct strbuf *out, const char *line, size_t len)
{
	size_t pos = 0, room = 75;
	while (len - pos > room) {
		size_t cut = pos + room;
		/* back to the start of a UTF-8 character */
		while (cut > pos + 1 && ((unsigned char)line[cut] & 0xc0) == 0x80)
			cut--;
		strbuf_add(out, line + pos, cut - pos);
		strbuf_addstr(out, "\r\n ");
		pos = cut;
		room = 74;
	}
	strbuf_add(out, line + pos, len - pos);
	strbuf_addstr(out, "\r\n");
}

void farley_vcard_text(struct strbuf *out, const char *name, const char *value)
{
	struct strbuf line = STRBUF_INIT;
	strbuf_addf(&line, "%s:", name);
	farley_vcard_escape(&line, value);
	farley_vcard_line(out, line.buf, line.len);
	strbuf_release(&line);
}
