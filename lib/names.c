/* names.c: matching keys for people, companies, e-mail addresses and
 * domains. */
#include "farley/names.h"
#include "farley/ids.h"

#include <ctype.h>
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
