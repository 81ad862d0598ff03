/* names.c: matching keys for people, companies, e-mail addresses and
 * domains. */
#include "farley/names.h"
#include "farley/ids.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Split a slug at '-' into words (pointers into slug, which is cut). */
static size_t words(char *slug, char **w, size_t max)
{
	size_t n = 0;
	for (char *tok = strtok(slug, "-"); tok && n < max; tok = strtok(NULL, "-"))
		w[n++] = tok;
	return n;
}

void farley_person_key(struct strbuf *out, const char *name)
{
	struct strbuf slug = STRBUF_INIT;
	char *w[32];
	size_t n;
	strbuf_reset(out);
	farley_slugify(&slug, name, 256);
	n = words(slug.buf, w, 32);
	qsort(w, n, sizeof(*w), cmp_str);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(out, "%s%s", i ? "-" : "", w[i]);
	strbuf_release(&slug);
}

/* Legal forms, as folded words (a form of several words is matched at the
 * end of the name, word by word). */
static const char *const legal_forms[] = {
	"gmbh-co-kg", "gmbh-co-kgaa", "ag-co-kg", "co-kg", "gmbh", "mbh", "ag",
	"kg", "kgaa", "ohg", "ug", "e-v", "ev", "eg", "se", "ltd", "limited",
	"llc", "llp", "lp", "plc", "inc", "incorporated", "corp", "corporation",
	"co", "company", "s-a", "sa", "s-a-s", "sas", "sarl", "s-a-r-l", "s-l",
	"sl", "s-r-l", "srl", "s-p-a", "spa", "b-v", "bv", "n-v", "nv", "aps",
	"a-s", "as", "asa", "ab", "oy", "oyj", "kk", "pty", "pty-ltd", "pte",
	"pte-ltd", "sp-z-o-o", "s-r-o", "sro", "a-g", "k-k",
	NULL,
};

static int ends_with_form(const struct strbuf *slug, size_t *cut)
{
	for (const char *const *f = legal_forms; *f; f++) {
		size_t fl = strlen(*f);
		if (slug->len > fl + 1 && slug->buf[slug->len - fl - 1] == '-' &&
		    !strcmp(slug->buf + slug->len - fl, *f)) {
			*cut = slug->len - fl - 1;
			return 1;
		}
	}
	return 0;
}

void farley_company_key(struct strbuf *out, const char *name)
{
	size_t cut;
	strbuf_reset(out);
	farley_slugify(out, name, 256);
	/* "Müller GmbH & Co. KG": take forms off the end while any is left */
	while (ends_with_form(out, &cut))
		strbuf_setlen(out, cut);
	/* "& Co" leaves a dangling "co" only when it was a form: done above */
}

int farley_email_key(struct strbuf *out, const char *s)
{
	const char *at;
	size_t len;
	strbuf_reset(out);
	while (*s == ' ' || *s == '\t' || *s == '<')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '>'))
		len--;
	if (!len)
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == ';')
			goto bad;
		strbuf_addch(out, c < 0x80 ? tolower(c) : c);
	}
	at = strchr(out->buf, '@');
	if (!at || at == out->buf || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    at[1] == '.' || out->buf[out->len - 1] == '.')
		goto bad;
	return 0;
bad:
	strbuf_reset(out);
	return -1;
}

int farley_domain_key(struct strbuf *out, const char *s)
{
	const char *at = strchr(s, '@'), *p, *end;
	strbuf_reset(out);
	if (at) {
		p = at + 1;
	} else {
		p = strstr(s, "://");
		p = p ? p + 3 : s;
	}
	while (*p == ' ')
		p++;
	if (!strncasecmp(p, "www.", 4))
		p += 4;
	end = p + strcspn(p, "/:?# >");
	for (; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		if (!(isalnum(c) || c == '-' || c == '.' || c >= 0x80)) {
			strbuf_reset(out);
			return -1;
		}
		strbuf_addch(out, c < 0x80 ? tolower(c) : c);
	}
	while (out->len && out->buf[out->len - 1] == '.')
		strbuf_setlen(out, out->len - 1);
	if (!out->len || !strchr(out->buf, '.')) {
		strbuf_reset(out);
		return -1;
	}
	return 0;
}

/* Phone numbers --------------------------------------------------------- */

/* ITU E.164 country codes are prefix-free: these are the codes of one and
 * two digits, every other starts a code of three. */
static size_t country_code_len(const char *d)
{
	static const char *const two[] = {
		"20", "27", "30", "31", "32", "33", "34", "36", "39", "40",
		"41", "43", "44", "45", "46", "47", "48", "49", "51", "52",
		"53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
		"64", "65", "66", "81", "82", "84", "86", "90", "91", "92",
		"93", "94", "95", "98", NULL,
	};
	if (d[0] == '1' || d[0] == '7')
		return 1;
	for (const char *const *c = two; *c; c++)
		if (d[0] == (*c)[0] && d[1] == (*c)[1])
			return 2;
	return 3;
}

int farley_phone_key(struct strbuf *out, const char *s)
{
	struct strbuf digits = STRBUF_INIT;
	const char *d;
	int intl = 0, seen_digit = 0;
	size_t cut;
	strbuf_reset(out);
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= '0' && c <= '9') {
			strbuf_addch(&digits, c);
			seen_digit = 1;
		} else if (c == '+' && !seen_digit) {
			intl = 1;
		} else if (seen_digit && (isalpha(c) || c == ';' || c == ',' ||
					  c == '#' || c == '*')) {
			break; /* an extension, or a second number */
		}
	}
	d = digits.buf;
	if (!intl && d[0] == '0' && d[1] == '0') {
		intl = 1;
		d += 2;
	}
	if (intl) {
		cut = country_code_len(d);
		d += strlen(d) < cut ? strlen(d) : cut;
		if (*d == '0')
			d++; /* "+49 (0)30 ..."; Italy's 0 after +39 */
	} else if (*d == '0') {
		d++; /* the trunk prefix of a national number */
	} else if (strlen(d) == 11 && *d == '1') {
		d++; /* North America's trunk prefix */
	}
	if (strlen(d) >= 7)
		strbuf_addstr(out, d);
	strbuf_release(&digits);
	return out->len ? 0 : -1;
}

/* Free mail ------------------------------------------------------------- */

int farley_domain_is_freemail(const char *domain)
{
	static const char *const free_mail[] = {
		"gmail.com", "googlemail.com", "yahoo.com", "yahoo.de",
		"yahoo.fr", "yahoo.co.uk", "yahoo.es", "yahoo.it", "ymail.com",
		"hotmail.com", "hotmail.de", "hotmail.fr", "hotmail.co.uk",
		"hotmail.it", "outlook.com", "outlook.de", "live.com", "live.de",
		"msn.com", "aol.com", "aol.de", "icloud.com", "me.com", "mac.com",
		"gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.com", "web.de",
		"t-online.de", "freenet.de", "posteo.de", "mailbox.org",
		"protonmail.com", "proton.me", "pm.me", "tutanota.com",
		"fastmail.com", "hey.com", "zoho.com", "mail.com", "email.com",
		"yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com",
		"126.com", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net",
		"sfr.fr", "libero.it", "virgilio.it", "btinternet.com",
		"comcast.net", "verizon.net", "seznam.cz", "wp.pl", "o2.pl",
		"interia.pl", "bluewin.ch", "telenet.be", "ziggo.nl", "kpnmail.nl",
		NULL,
	};
	for (const char *const *f = free_mail; *f; f++)
		if (!strcmp(domain, *f))
			return 1;
	return 0;
}

/* Similarity ------------------------------------------------------------ */

#define SIM_MAX 255

double farley_name_similarity(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), window, m = 0, t = 0, k = 0;
	size_t prefix = 0;
	unsigned char fa[SIM_MAX], fb[SIM_MAX];
	double jaro;
	if (la > SIM_MAX)
		la = SIM_MAX;
	if (lb > SIM_MAX)
		lb = SIM_MAX;
	if (!la || !lb)
		return la == lb ? 1.0 : 0.0;
	window = (la > lb ? la : lb) / 2;
	window = window ? window - 1 : 0;
	memset(fa, 0, la);
	memset(fb, 0, lb);
	for (size_t i = 0; i < la; i++) {
		size_t lo = i > window ? i - window : 0;
		size_t hi = i + window + 1 < lb ? i + window + 1 : lb;
		for (size_t j = lo; j < hi; j++)
			if (!fb[j] && a[i] == b[j]) {
				fa[i] = fb[j] = 1;
				m++;
				break;
			}
	}
	if (!m)
		return 0.0;
	for (size_t i = 0; i < la; i++) {
		if (!fa[i])
			continue;
		while (!fb[k])
			k++;
		if (a[i] != b[k])
			t++;
		k++;
	}
	jaro = ((double)m / (double)la + (double)m / (double)lb +
		((double)m - (double)t / 2.0) / (double)m) /
	       3.0;
	while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix])
		prefix++;
	return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

#define MAX_WORDS 16
#define MAX_PERMUTED 4 /* names of more words are paired in key order */

/* The words of a key, copied into buf (cut at '-'). */
static size_t key_words(const char *key, char *buf, size_t size, char **w)
{
	size_t n = 0;
	snprintf(buf, size, "%s", key);
	for (char *p = buf; *p && n < MAX_WORDS;) {
		w[n++] = p;
		p += strcspn(p, "-");
		if (*p)
			*p++ = '\0';
	}
	return n;
}

/* One edit apart (optimal string alignment distance 1). */
static int one_slip(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i = 0;
	if (la < lb) {
		const char *t = a;
		size_t tl = la;
		a = b, la = lb, b = t, lb = tl;
	}
	if (la - lb > 1)
		return 0;
	while (i < lb && a[i] == b[i])
		i++;
	if (la == lb + 1) /* a letter more in a */
		return !strcmp(a + i + 1, b + i);
	if (i == la)
		return 0; /* equal */
	if (!strcmp(a + i + 1, b + i + 1))
		return 1; /* one letter changed */
	return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
	       !strcmp(a + i + 2, b + i + 2); /* two swapped */
}

double farley_word_similarity(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	double s = farley_name_similarity(a, b);
	if (s < 0.9 && (la > lb ? la : lb) >= 5 && one_slip(a, la, b, lb))
		s = 0.9;
	if (s < 0.9 && ((la == 1 && lb > 1) || (lb == 1 && la > 1)) && *a == *b)
		s = 0.9;
	return s;
}

/* The best pairing of two lists of n words: the highest least similarity
 * over the orders of b's words (in the given order only when !permute or
 * n > MAX_PERMUTED). */
static double best_pairing(char **wa, char **wb, size_t n, int permute)
{
	size_t perm[MAX_PERMUTED], c[MAX_PERMUTED] = { 0 }, i = 0;
	double best = 0.0;
	if (!permute || n > MAX_PERMUTED) {
		double least = 1.0;
		for (size_t k = 0; k < n; k++) {
			double s = farley_word_similarity(wa[k], wb[k]);
			if (s < least)
				least = s;
		}
		return least;
	}
	for (size_t k = 0; k < n; k++)
		perm[k] = k;
	/* Heap's algorithm: every order of b's words, one swap apart */
	for (;;) {
		double least = 1.0;
		for (size_t k = 0; k < n && least > best; k++) {
			double s = farley_word_similarity(wa[k], wb[perm[k]]);
			if (s < least)
				least = s;
		}
		if (least > best)
			best = least;
		while (i < n && c[i] >= i) {
			c[i] = 0;
			i++;
		}
		if (i >= n)
			break;
		{
			size_t j = i % 2 ? c[i] : 0, t = perm[j];
			perm[j] = perm[i];
			perm[i] = t;
		}
		c[i]++;
		i = 0;
	}
	return best;
}

static double key_similarity(const char *a, const char *b, int person)
{
	char ba[SIM_MAX + 1], bb[SIM_MAX + 1];
	char *wa[MAX_WORDS], *wb[MAX_WORDS];
	size_t na, nb, i, j;
	if (!strcmp(a, b))
		return *a ? 1.0 : 0.0;
	na = key_words(a, ba, sizeof(ba), wa);
	nb = key_words(b, bb, sizeof(bb), wb);
	if (!na || !nb)
		return 0.0;
	if (na == nb)
		return best_pairing(wa, wb, na, person);
	if (person && (na + 1 == nb || nb + 1 == na)) {
		/* both are sorted: the shorter must be the longer less one word */
		char **sw = na < nb ? wa : wb, **lw = na < nb ? wb : wa;
		size_t ns = na < nb ? na : nb, skipped = 0;
		for (i = j = 0; i < ns && j < ns + 1; j++) {
			if (!strcmp(sw[i], lw[j]))
				i++;
			else if (skipped++)
				return 0.0;
		}
		return i == ns ? 0.9 : 0.0;
	}
	return 0.0;
}

double farley_person_similarity(const char *a, const char *b)
{
	return key_similarity(a, b, 1);
}

double farley_company_similarity(const char *a, const char *b)
{
	return key_similarity(a, b, 0);
}
