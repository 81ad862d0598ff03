/* ids.c: slugs with accent folding, short hashes, UTF-8. */
#include "farley/ids.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int farley_id_valid(const char *s)
{
	size_t n = 0;
	if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (; s[n]; n++) {
		char c = s[n];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return n <= FARLEY_ID_MAX;
}

/* Latin-1 Supplement U+00C0..U+00FF and Latin Extended-A U+0100..U+017F,
 * folded to lower-case ASCII.  Digits stand for digraphs (see below); a
 * space is a separator (x and division signs). */
static const char latin1[] =
	"aaaaaa3ceeeeiiiidnooooo ouuuuy45"
	"aaaaaa3ceeeeiiiidnooooo ouuuuy4y";
static const char latin_ext_a[] =
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii11jjkkk"
	"llllllllllnnnnnnnnnoooooo22rrrrrrsssssssstttttt"
	"uuuuuuuuuuuuwwyyyzzzzzzs";

static const char *fold(uint32_t cp)
{
	static const char *digraph[] = { "ij", "oe", "ae", "th", "ss" };
	static char one[2];
	char c = 0;
	if (cp >= 0xC0 && cp <= 0xFF)
		c = latin1[cp - 0xC0];
	else if (cp >= 0x100 && cp <= 0x17F)
		c = latin_ext_a[cp - 0x100];
	else if (cp == 0x218 || cp == 0x219)
		c = 's';
	else if (cp == 0x21A || cp == 0x21B)
		c = 't';
	else if (cp >= 0x300 && cp <= 0x36F)
		return ""; /* combining marks: drop */
	if (!c || c == ' ')
		return NULL;
	if (c >= '1' && c <= '5')
		return digraph[c - '1'];
	one[0] = c;
	one[1] = '\0';
	return one;
}

void farley_slugify(struct strbuf *out, const char *name, size_t max)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t n = strlen(name), start = out->len;
	int dash = 0;
	while (n) {
		uint32_t cp;
		int len = farley_utf8_decode(s, n, &cp);
		const char *f = NULL;
		char ascii[2] = { 0, 0 };
		if (!len)
			len = 1, cp = 0xFFFD;
		if (cp < 0x80) {
			char c = (char)cp;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				ascii[0] = c;
				f = ascii;
			}
		} else {
			f = fold(cp);
		}
		if (f && *f) {
			if (dash && out->len > start)
				strbuf_addch(out, '-');
			dash = 0;
			strbuf_addstr(out, f);
		} else if (!f) {
			dash = 1;
		}
		s += len;
		n -= (size_t)len;
	}
	if (out->len - start > max)
		strbuf_setlen(out, start + max);
	while (out->len > start && out->buf[out->len - 1] == '-')
		strbuf_setlen(out, out->len - 1);
}

uint64_t farley_hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;
	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	/* a final mix so that close inputs spread over every digit */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

void farley_hash_hex(struct strbuf *out, const void *data, size_t len, int nhex)
{
	uint64_t h = farley_hash64(data, len, 0);
	for (int i = 0; i < nhex && i < 16; i++)
		strbuf_addch(out, "0123456789abcdef"[(h >> (60 - 4 * i)) & 0xf]);
}

int farley_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	int len, i;
	if (!n)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		c = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		c = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

size_t farley_utf8_invalid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		int len;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		len = farley_utf8_decode(p + i, n - i, &cp);
		if (!len)
			return i;
		i += (size_t)len;
	}
	return (size_t)-1;
}

int farley_cp_width(uint32_t cp)
{
	int w;
	if (cp < 0x20 || cp == 0x7f)
		return 0;
	if (cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	/* no locale tables: a rough East Asian Wide guess */
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	if (cp >= 0x300 && cp <= 0x36F)
		return 0;
	return 1;
}

size_t farley_utf8_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;
	while (n) {
		uint32_t cp;
		int len = farley_utf8_decode(p, n, &cp);
		if (!len)
			len = 1, cp = 0xFFFD;
		w += (size_t)farley_cp_width(cp);
		p += len;
		n -= (size_t)len;
	}
	return w;
}

/* Levenshtein distance, stopping early past max. */
static size_t distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b), *row, best = 0;
	if (la > 64 || lb > 64)
		return max + 1;
	row = xcalloc(lb + 1, sizeof(*row));
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > max)
			break;
	}
	best = row[lb];
	free(row);
	return best;
}

const char *farley_closest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t best_d = strlen(word) > 4 ? 2 : 1;
	for (size_t i = 0; candidates[i]; i++) {
		size_t d = distance(word, candidates[i], best_d);
		if (d <= best_d && (!best || d < best_d)) {
			best = candidates[i];
			best_d = d;
		}
	}
	return best;
}

void farley_oneline(struct strbuf *out, const char *s, size_t n, size_t max_cols)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = out->len, cols = 0, cut = out->len;
	int space = 0;
	while (n) {
		uint32_t cp;
		int len = farley_utf8_decode(p, n, &cp);
		if (len <= 0) {
			cp = 0xfffd; /* not UTF-8: a replacement character */
			len = 1;
		}
		p += len;
		n -= (size_t)len;
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == ' ') {
			space = out->len > start; /* runs of them: one space */
			continue;
		}
		if (space) {
			strbuf_addch(out, ' ');
			cols++;
			space = 0;
		}
		if (cp == 0xfffd && len == 1)
			strbuf_addstr(out, "\xef\xbf\xbd");
		else
			strbuf_add(out, p - len, (size_t)len);
		cols += (size_t)farley_cp_width(cp);
		if (cols <= max_cols - 1)
			cut = out->len;
		if (cols > max_cols) {
			strbuf_setlen(out, cut);
			strbuf_addstr(out, "\xe2\x80\xa6"); /* ... */
			return;
		}
	}
}
