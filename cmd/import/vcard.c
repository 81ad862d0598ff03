/* import/vcard.c: farley import vcard FILE -- contacts from address books.
 *
 * lib/vcard.c reads the file a card at a time; each card becomes one row:
 *
 *   FN (else N's given, additional and family names)  name
 *   EMAIL, TEL (preferred ones first)                  emails, phones
 *   ORG's first part                                   the row's company
 *   TITLE, NOTE (several joined), CATEGORIES           title, notes, tags
 *   ADR (the preferred, else the work, else the first) address.*
 *   BDAY                                               birthday, or
 *                                                      birthday_md (no year)
 *   UID, URL                                           uid, url (custom)
 *
 * A card of a company (KIND:org, X-ABShowAs:COMPANY) becomes a company.
 * Anything else (PHOTO, KEY, X-...) is left out. */
#include "import.h"
#include "farley/index.h"
#include "farley/names.h"
#include "farley/vcard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* The values of one row and the strings they point at. */
struct row_values {
	struct farley_import_value *v;
	size_t n, alloc;
	char **owned;
	size_t nowned, aowned;
};

static void put(struct row_values *rv, const char *field, char *value,
		const char *source)
{
	ALLOC_GROW(rv->owned, rv->nowned + 1, rv->aowned);
	rv->owned[rv->nowned++] = value;
	if (!*value)
		return;
	ALLOC_GROW(rv->v, rv->n + 1, rv->alloc);
	rv->v[rv->n].field = field;
	rv->v[rv->n].value = value;
	rv->v[rv->n].source = source;
	rv->n++;
}

static void row_values_release(struct row_values *rv)
{
	for (size_t i = 0; i < rv->nowned; i++)
		free(rv->owned[i]);
	free(rv->owned);
	free(rv->v);
	memset(rv, 0, sizeof(*rv));
}

/* Text without the spaces around it; with one_line, line breaks and tabs
 * inside become sep. */
static char *tidy(const char *s, int one_line, const char *sep)
{
	struct strbuf sb = STRBUF_INIT;
	size_t a = 0, b = strlen(s);
	while (a < b && strchr(" \t\n", s[a]))
		a++;
	while (b > a && strchr(" \t\n", s[b - 1]))
		b--;
	for (size_t i = a; i < b; i++) {
		if (one_line && (s[i] == '\n' || s[i] == '\t')) {
			while (sb.len && sb.buf[sb.len - 1] == ' ')
				strbuf_setlen(&sb, sb.len - 1);
			strbuf_addstr(&sb, s[i] == '\n' ? sep : " ");
			while (i + 1 < b && (s[i + 1] == ' ' || s[i + 1] == '\n'))
				i++;
			continue;
		}
		strbuf_addch(&sb, s[i]);
	}
	return strbuf_detach(&sb, NULL);
}

/* A property's TEXT value, unescaped and tidied. */
static char *text(const struct farley_vcard_prop *p, int one_line)
{
	struct strbuf sb = STRBUF_INIT;
	char *t;
	farley_vcard_unescape(&sb, p->value, strlen(p->value));
	t = tidy(sb.buf, one_line, " ");
	strbuf_release(&sb);
	return t;
}

/* The properties called name, preferred ones first (PREF=1, then 2, ...,
 * then those that say nothing, each group in the file's order). */
static size_t props_named(const struct farley_vcard *c, const char *name,
			  const struct farley_vcard_prop ***out)
{
	const struct farley_vcard_prop **p = NULL;
	size_t n = 0, alloc = 0;
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->props[i].name, name)) {
			ALLOC_GROW(p, n + 1, alloc);
			p[n++] = &c->props[i];
		}
	/* a stable insertion sort: cards hold a handful of each */
	for (size_t i = 1; i < n; i++) {
		const struct farley_vcard_prop *x = p[i];
		int rx = farley_vcard_pref(x) ? farley_vcard_pref(x) : 1000;
		size_t j = i;
		while (j > 0) {
			int rj = farley_vcard_pref(p[j - 1]);
			if ((rj ? rj : 1000) <= rx)
				break;
			p[j] = p[j - 1];
			j--;
		}
		p[j] = x;
	}
	*out = p;
	return n;
}

static const struct farley_vcard_prop *first(const struct farley_vcard *c,
					     const char *name)
{
	const struct farley_vcard_prop **p, *f;
	size_t n = props_named(c, name, &p);
	f = n ? p[0] : NULL;
	free(p);
	return f;
}

/* UIDs that farley made for contacts of this repository (sorted), built
 * the first time a card carries one of farley's shape. */
struct made_uids {
	char **uid;
	size_t n, alloc;
	int built;
};

static int note_uid(const char *id, const char *path, const char *key,
		    const char *value, void *data)
{
	struct made_uids *m = data;
	struct strbuf sb = STRBUF_INIT;
	(void)path;
	(void)key;
	(void)value;
	farley_vcard_uid(&sb, id);
	ALLOC_GROW(m->uid, m->n + 1, m->alloc);
	m->uid[m->n++] = strbuf_detach(&sb, NULL);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when uid is one farley made for a contact this repository holds: it
 * stands for that contact, which its e-mails and name find again, and is
 * not kept as a `uid` field (so exporting and importing changes nothing). */
static int made_here(struct import_run *run, struct made_uids *m, const char *uid)
{
	static const char *const keys[] = { "name", NULL };
	char *key;
	int found;
	if (!farley_vcard_uid_is_farleys(uid) || !run->ctx->index)
		return 0;
	if (!m->built) {
		struct farley_error err = FARLEY_ERROR_INIT;
		m->built = 1;
		if (farley_index_field_values(run->ctx->index, FARLEY_CONTACT, keys,
					      note_uid, m, &err))
			farley_error_clear(&err); /* then nothing matches */
		if (m->n)
			qsort(m->uid, m->n, sizeof(*m->uid), cmp_str);
	}
	if (!m->n)
		return 0;
	key = xstrdup(uid);
	for (char *k = key; *k; k++)
		if (*k >= 'A' && *k <= 'Z')
			*k = (char)(*k - 'A' + 'a');
	found = bsearch(&key, m->uid, m->n, sizeof(*m->uid), cmp_str) != NULL;
	free(key);
	return found;
}

static void made_uids_release(struct made_uids *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->uid[i]);
	free(m->uid);
}

/* "tel:+1-418-656-9254;ext=102" -> "+1-418-656-9254 ext. 102" */
static char *phone(const struct farley_vcard_prop *p)
{
	char *t = text(p, 1), *ext;
	struct strbuf sb = STRBUF_INIT;
	const char *s = t;
	if (!strncasecmp(s, "tel:", 4))
		s += 4;
	strbuf_addstr(&sb, s);
	if ((ext = strstr(sb.buf, ";ext=")) != NULL) {
		size_t at = (size_t)(ext - sb.buf);
		strbuf_splice(&sb, at, 5, " ext. ", 6);
	}
	free(t);
	return strbuf_detach(&sb, NULL);
}

static char *email(const struct farley_vcard_prop *p)
{
	char *t = text(p, 1);
	if (!strncasecmp(t, "mailto:", 7))
		memmove(t, t + 7, strlen(t + 7) + 1);
	return t;
}

/* The address: the preferred one, else the work one, else the first. */
static void address(struct row_values *rv, const struct farley_vcard *c)
{
	static const char *const fields[] = { NULL, NULL, "address.street",
					      "address.city", "address.region",
					      "address.postcode", "address.country" };
	const struct farley_vcard_prop **p, *adr = NULL;
	size_t n = props_named(c, "ADR", &p), np;
	char **part;
	struct strbuf street = STRBUF_INIT;
	for (size_t i = 0; i < n && !adr; i++)
		if (farley_vcard_pref(p[i]))
			adr = p[i];
	for (size_t i = 0; i < n && !adr; i++)
		if (farley_vcard_has_type(p[i], "work"))
			adr = p[i];
	if (!adr && n)
		adr = p[0];
	free(p);
	if (!adr)
		return;
	part = farley_vcard_split(adr->value, ';', 0, &np);
	/* the street, then the extended address and post office box (which
	 * RFC 6350 wants empty, but 2.1 and 3.0 writers fill) */
	for (size_t k = 0; k < 3; k++) {
		static const size_t order[] = { 2, 1, 0 };
		char *t;
		if (order[k] >= np)
			continue;
		t = tidy(part[order[k]], 1, ", ");
		if (*t)
			strbuf_addf(&street, "%s%s", street.len ? ", " : "", t);
		free(t);
	}
	put(rv, fields[2], strbuf_detach(&street, NULL), "ADR");
	for (size_t i = 3; i < 7 && i < np; i++)
		put(rv, fields[i], tidy(part[i], 1, ", "), "ADR");
	farley_vcard_parts_free(part, np);
}

/* BDAY: a whole date, or month and day without a year (the Apple way of
 * saying so is 1604-04-02 with X-APPLE-OMIT-YEAR=1604). */
static void birthday(struct row_values *rv, const struct farley_vcard *c,
		     const char *where)
{
	const struct farley_vcard_prop **p;
	size_t n = props_named(c, "BDAY", &p);
	for (size_t i = 0; i < n; i++) {
		struct strbuf d = STRBUF_INIT;
		char *t = text(p[i], 1);
		const char *omit = farley_vcard_param(p[i], "X-APPLE-OMIT-YEAR");
		int kind = farley_vcard_date(t, &d);
		if (kind == 2 && omit && !strncmp(d.buf, omit, 4) && strlen(omit) == 4) {
			strbuf_splice(&d, 0, 5, "", 0);
			kind = 1;
		}
		if (kind) {
			put(rv, kind == 2 ? "birthday" : "birthday_md",
			    strbuf_detach(&d, NULL), "BDAY");
			free(t);
			break;
		}
		if (*t)
			warning("%s: BDAY '%s' is not a whole date: left out", where, t);
		free(t);
		strbuf_release(&d);
	}
	free(p);
}

/* What a card says is a company, not a person. */
static int is_company(const struct farley_vcard *c)
{
	const struct farley_vcard_prop *k = first(c, "KIND"),
				       *show = first(c, "X-ABSHOWAS");
	return (k && (!strcasecmp(k->value, "org") ||
		      !strcasecmp(k->value, "organization"))) ||
	       (show && !strcasecmp(show->value, "COMPANY"));
}

static int take_card(struct import_run *run, const struct farley_vcard *c,
		     const char *file, struct made_uids *made)
{
	struct farley_import_row row = { 0 };
	struct row_values rv = { 0 };
	struct strbuf where = STRBUF_INIT, notes = STRBUF_INIT, dom = STRBUF_INIT;
	const struct farley_vcard_prop **p, *fn, *org, *title, *uid, *url;
	const char *name_from = "FN";
	char *company = NULL, *name = NULL;
	size_t n;
	int ret, company_card = is_company(c);

	strbuf_addf(&where, "%s:%d", file, c->line);
	org = first(c, "ORG");
	if (org) {
		char **part = farley_vcard_split(org->value, ';', 0, &n);
		company = n ? tidy(part[0], 1, " ") : NULL;
		farley_vcard_parts_free(part, n);
	}
	/* the name: FN, else N */
	fn = first(c, "FN");
	name = fn ? text(fn, 1) : NULL;
	if ((!name || !*name) && (fn = first(c, "N"))) {
		char *t;
		free(name);
		t = farley_vcard_name_from_n(fn->value);
		name = tidy(t, 1, " ");
		name_from = "N";
		free(t);
	}
	if (company_card && company && *company) {
		free(name);
		name = company;
		name_from = "ORG";
		company = NULL;
	}
	row.kind = company_card ? FARLEY_COMPANY : FARLEY_CONTACT;
	if (name)
		put(&rv, "name", name, name_from);

	n = props_named(c, "EMAIL", &p);
	for (size_t i = 0; i < n; i++)
		put(&rv, "emails", email(p[i]), "EMAIL");
	free(p);
	n = props_named(c, "TEL", &p);
	for (size_t i = 0; i < n; i++)
		put(&rv, "phones", phone(p[i]), "TEL");
	free(p);
	if (!company_card && (title = first(c, "TITLE")))
		put(&rv, "title", text(title, 1), "TITLE");
	address(&rv, c);
	if (!company_card)
		birthday(&rv, c, where.buf);
	n = props_named(c, "NOTE", &p);
	for (size_t i = 0; i < n; i++) {
		char *t = text(p[i], 0);
		if (*t)
			strbuf_addf(&notes, "%s%s", notes.len ? "\n\n" : "", t);
		free(t);
	}
	free(p);
	if (notes.len)
		put(&rv, "notes", strbuf_detach(&notes, NULL), "NOTE");
	n = props_named(c, "CATEGORIES", &p);
	for (size_t i = 0; i < n; i++) {
		size_t nt;
		char **tag = farley_vcard_split(p[i]->value, ',', 0, &nt);
		for (size_t j = 0; j < nt; j++)
			put(&rv, "tags", tidy(tag[j], 1, " "), "CATEGORIES");
		farley_vcard_parts_free(tag, nt);
	}
	free(p);
	uid = first(c, "UID");
	if (uid) {
		char *t = text(uid, 1);
		if (!company_card && !made_here(run, made, t))
			put(&rv, "uid", t, "UID");
		else
			free(t);
	}
	url = first(c, "URL");
	if (url) {
		char *t = text(url, 1);
		put(&rv, "url", t, "URL");
		/* a web address is a hint at the company only when the card
		 * names none: it finds one with that domain, never makes one */
		if (!farley_domain_key(&dom, t)) {
			if (company_card)
				put(&rv, "domain", xstrdup(dom.buf), "URL");
			else if (!company || !*company)
				row.company_domain = dom.buf;
		}
	}

	row.where = where.buf;
	row.v = rv.v;
	row.n = rv.n;
	row.company = company_card ? NULL : company;
	ret = import_take(run, &row);
	row_values_release(&rv);
	strbuf_release(&where);
	strbuf_release(&notes);
	strbuf_release(&dom);
	free(company);
	return ret;
}

/* A card the reader could not take whole: a bad row, as import_take()
 * reports one. */
static void bad_card(struct import_run *run, const char *file,
		     const struct farley_vcard *c)
{
	run->bad++;
	fprintf(stderr, "farley: %s: %s:%s\n", run->skip_bad ? "skipped" : "error",
		file, c->problem);
}

int import_vcard(struct import_run *run)
{
	const char *path = run->args->file;
	int from_stdin = !strcmp(path, "-");
	const char *file = from_stdin ? "(standard input)" : path;
	FILE *f = from_stdin ? stdin : fopen(path, "rb");
	struct farley_vcard_reader *rd = NULL;
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_vcard card;
	struct made_uids made = { 0 };
	struct stat st;
	size_t total = 0;
	int r, ret = 0;

	if (!f) {
		farley_error_errno(&err, FARLEY_EIO, "cannot open '%s'", path);
		return report(&err);
	}
	if (!fstat(fileno(f), &st) && S_ISREG(st.st_mode))
		total = (size_t)st.st_size;
	farley_vcard_open(&rd, f, file, 0);
	while ((r = farley_vcard_next(rd, &card, &err)) == 1) {
		if (card.problem)
			bad_card(run, file, &card);
		else if (take_card(run, &card, file, &made))
			ret = 1;
		farley_vcard_release(&card);
		if (ret)
			break;
		import_progress(run, farley_vcard_offset(rd), total);
	}
	if (r < 0)
		ret = report(&err);
	farley_vcard_close(rd);
	made_uids_release(&made);
	if (!from_stdin)
		fclose(f);
	return ret;
}
