/* export/vcard.c: farley export vcard -- contacts for address books, one
 * vCard 4.0 (or 3.0 with --vcard-version 3.0) after the other.
 *
 *   UID   the contact's `uid`, else one made from its id (stable)
 *   FN, N the name, and the name taken apart
 *   ORG   the name of the contact's company
 *   TITLE, EMAIL (the first preferred), TEL, ADR, NOTE
 *   BDAY  birthday, or birthday_md (a birthday without a year)
 *   CATEGORIES  tags;  URL  the `url` field
 *
 * Lines are folded at 75 octets and end in CRLF (lib/vcard.c).  What
 * `farley import vcard` reads back from this is what was written: an
 * export imported into the same repository changes nothing. */
#include "export.h"
#include "farley/index.h"
#include "farley/vcard.h"

#include <stdlib.h>
#include <string.h>

/* The name of the company id, or NULL; the caller frees. */
static char *company_name(struct export_run *run, const char *id)
{
	struct farley_record c = FARLEY_RECORD_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	char *name = NULL;
	int64_t rid;
	if (!id || farley_index_rid(run->ctx->index, id, FARLEY_COMPANY, &rid))
		return NULL;
	if (!farley_index_record(run->ctx->index, rid, &c, &err) &&
	    farley_record_str(&c, "name"))
		name = xstrdup(farley_record_str(&c, "name"));
	farley_error_clear(&err);
	farley_record_release(&c);
	return name;
}

/* NAME:VALUE where value is already escaped (a structured value). */
static void line(struct strbuf *out, const char *name, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s:%s", name, value);
	farley_vcard_line(out, sb.buf, sb.len);
	strbuf_release(&sb);
}

/* Components escaped and joined with ';' (N, ADR). */
static void structured(struct strbuf *sb, const char *const *parts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(sb, ';');
		farley_vcard_escape(sb, parts[i] ? parts[i] : "");
	}
}

static const char *address_part(const struct farley_record *r, const char *part)
{
	const struct farley_field *f = farley_record_get(r, "address");
	for (size_t i = 0; f && f->type == FARLEY_V_MAP && i < f->nsub; i++)
		if (!strcmp(f->sub[i].key, part) && f->sub[i].type == FARLEY_V_SCALAR)
			return f->sub[i].v.s;
	return NULL;
}

static void card(struct export_run *run, const struct farley_record *r, int v4)
{
	struct strbuf *out = run->out, sb = STRBUF_INIT;
	const char *name = farley_record_str(r, "name"), *s;
	const struct farley_scalar *v;
	struct farley_vcard_name n;
	size_t nv;
	char *org;

	strbuf_addstr(out, "BEGIN:VCARD\r\n");
	strbuf_addstr(out, v4 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n");
	line(out, "PRODID", "-//farley//farley " FARLEY_VERSION "//EN");
	if ((s = farley_record_str(r, "uid")) && *s) {
		farley_vcard_text(out, "UID", s);
	} else {
		farley_vcard_uid(&sb, r->id);
		line(out, "UID", sb.buf);
	}
	farley_vcard_text(out, "FN", name ? name : r->id);
	farley_vcard_name_split(name ? name : "", &n);
	{
		const char *parts[] = { n.family, n.given, n.additional, n.prefix,
					n.suffix };
		strbuf_reset(&sb);
		structured(&sb, parts, 5);
		line(out, "N", sb.buf);
	}
	farley_vcard_name_release(&n);
	if ((org = company_name(run, farley_record_str(r, "company")))) {
		farley_vcard_text(out, "ORG", org);
		free(org);
	}
	if ((s = farley_record_str(r, "title")))
		farley_vcard_text(out, "TITLE", s);
	nv = farley_record_values(r, "emails", &v);
	for (size_t i = 0; i < nv; i++) {
		/* the first of several is the preferred one */
		const char *pref = v4 ? "EMAIL;PREF=1" : "EMAIL;TYPE=INTERNET,pref";
		const char *plain = v4 ? "EMAIL" : "EMAIL;TYPE=INTERNET";
		if (v[i].s)
			farley_vcard_text(out, !i && nv > 1 ? pref : plain, v[i].s);
	}
	nv = farley_record_values(r, "phones", &v);
	for (size_t i = 0; i < nv; i++)
		if (v[i].s)
			farley_vcard_text(out, "TEL", v[i].s);
	if (farley_record_get(r, "address")) {
		const char *parts[] = { "", "", address_part(r, "street"),
					address_part(r, "city"),
					address_part(r, "region"),
					address_part(r, "postcode"),
					address_part(r, "country") };
		strbuf_reset(&sb);
		structured(&sb, parts, 7);
		if (strspn(sb.buf, ";") != sb.len)
			line(out, "ADR", sb.buf);
	}
	if ((s = farley_record_str(r, "birthday")) && strlen(s) == 10) {
		strbuf_reset(&sb);
		if (v4)
			strbuf_addf(&sb, "%.4s%.2s%.2s", s, s + 5, s + 8);
		else
			strbuf_addstr(&sb, s);
		line(out, "BDAY", sb.buf);
	} else if ((s = farley_record_str(r, "birthday_md")) && strlen(s) == 5 &&
		   s[2] == '-') {
		strbuf_reset(&sb);
		if (v4)
			strbuf_addf(&sb, "--%.2s%.2s", s, s + 3);
		else
			strbuf_addf(&sb, "--%s", s);
		line(out, "BDAY", sb.buf);
	}
	if ((nv = farley_record_values(r, "tags", &v))) {
		strbuf_reset(&sb);
		for (size_t i = 0; i < nv; i++) {
			if (i)
				strbuf_addch(&sb, ',');
			farley_vcard_escape(&sb, v[i].s ? v[i].s : "");
		}
		line(out, "CATEGORIES", sb.buf);
	}
	if ((s = farley_record_str(r, "notes")))
		farley_vcard_text(out, "NOTE", s);
	if ((s = farley_record_str(r, "url")) && !strchr(s, '\n'))
		line(out, "URL", s); /* a URI: not escaped as text */
	strbuf_addstr(out, "END:VCARD\r\n");
	strbuf_release(&sb);
}

int export_vcard(struct export_run *run)
{
	int v4 = strcmp(run->vcard_version, "3.0") != 0;
	for (size_t i = 0; i < run->n; i++) {
		struct farley_record r = FARLEY_RECORD_INIT;
		struct farley_error err = FARLEY_ERROR_INIT;
		if (export_record(run, i, &r, &err))
			return report(&err);
		if (r.kind == FARLEY_CONTACT)
			card(run, &r, v4);
		farley_record_release(&r);
	}
	return 0;
}
