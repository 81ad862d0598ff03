/* record-input.c: the checks on what a person types or edits, over and
 * above farley_record_validate() (which also guards reading files, so it
 * must not refuse what older versions wrote). */
#include "farley/config.h"
#include "farley/ids.h"
#include "farley/money.h"
#include "farley/record.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The limits of farley-records(5), in characters. */
#define MAX_LINE 500
#define MAX_EMAIL 254
#define MAX_PHONE 40

/* The first control character in s (C0, DEL, C1), or 0.  Multi-line text
 * keeps its newlines and tabs. */
static uint32_t control_char(const char *s, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		int len = farley_utf8_decode(p, n, &cp);
		if (len <= 0) {
			cp = *p;
			len = 1;
		}
		if ((cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) &&
		    !(multiline && (cp == '\n' || cp == '\t' || cp == '\r')))
			return cp ? cp : 0xfffd;
		p += len;
		n -= (size_t)len;
	}
	return 0;
}

static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ')
			return 0;
	return 1;
}

static int email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@') || at[1] == '.' ||
	    s[strlen(s) - 1] == '.')
		return 0;
	for (const char *p = s; *p; p++)
		if (*p == ' ' || *p == ',' || *p == '<' || *p == '>')
			return 0;
	return 1;
}

/* Digits, spaces and + - ( ) . /, at least three digits, maybe an
 * extension at the end ("x12", "ext. 12"). */
static int phone_ok(const char *s)
{
	int digits = 0;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			digits++;
			continue;
		}
		if (strchr(" +-()./", *p))
			continue;
		if (digits >= 3 && (*p == 'x' || *p == 'X' || !strncasecmp(p, "ext", 3))) {
			p += *p == 'x' || *p == 'X' ? 1 : 3;
			if (*p == '.')
				p++;
			while (*p == ' ')
				p++;
			if (!*p)
				return 0;
			for (; *p; p++)
				if (!isdigit((unsigned char)*p))
					return 0;
			return 1;
		}
		return 0;
	}
	return digits >= 3;
}

static int refuse(struct farley_error *err, const struct farley_record *r,
		  const char *key, const char *v, const char *why)
{
	struct strbuf shown = STRBUF_INIT;
	int ret;
	/* the value as a person can read it: control characters escaped, cut */
	for (const char *p = v; *p && shown.len < 60; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7f)
			strbuf_addf(&shown, "\\x%02x", c);
		else
			strbuf_addch(&shown, (char)c);
	}
	if (strlen(v) > 60)
		strbuf_addstr(&shown, "...");
	ret = farley_error_set(err, FARLEY_EINVAL, "%s %s: '%s' %s",
			       farley_kind_name(r->kind), key, shown.buf, why);
	strbuf_release(&shown);
	return ret;
}

static int check_value(const struct farley_record *r, const char *key,
		       enum farley_ftype t, const char *v, struct farley_error *err)
{
	int multiline = t == FT_TEXT || t == FT_CUSTOM;
	uint32_t cc = control_char(v, multiline);
	int64_t cents;
	char why[80];
	if (cc) {
		snprintf(why, sizeof(why), "contains a control character (U+%04X)",
			 (unsigned)cc);
		return refuse(err, r, key, v, why);
	}
	if (multiline)
		return 0;
	if (blank(v))
		return refuse(err, r, key, v, "is blank");
	if (chars(v) > MAX_LINE) {
		snprintf(why, sizeof(why), "is too long (%zu characters; at most %d)",
			 chars(v), MAX_LINE);
		return refuse(err, r, key, v, why);
	}
	if (t == FT_MONEY && !farley_money_parse(v, &cents) && cents < 0)
		return refuse(err, r, key, v, "is negative; an amount is 0 or more");
	if (!strcmp(key, "emails") && (chars(v) > MAX_EMAIL || !email_ok(v)))
		return refuse(err, r, key, v,
			      "is not an e-mail address (name@example.com, at most 254 "
			      "characters)");
	if (t == FT_PHONES && (chars(v) > MAX_PHONE || !phone_ok(v)))
		return refuse(err, r, key, v,
			      "is not a phone number (digits, spaces and + - ( ) . /, "
			      "at least 3 digits, at most 40 characters)");
	return 0;
}

static int had(const struct farley_field *old, const char *v)
{
	if (!old)
		return 0;
	if (old->type == FARLEY_V_SCALAR)
		return old->v.s && !strcmp(old->v.s, v);
	for (size_t i = 0; i < old->nitems; i++)
		if (old->items[i].s && !strcmp(old->items[i].s, v))
			return 1;
	return 0;
}

static const char *sub_value(const struct farley_field *old, const char *key)
{
	for (size_t i = 0; old && old->type == FARLEY_V_MAP && i < old->nsub; i++)
		if (!strcmp(old->sub[i].key, key))
			return old->sub[i].v.s;
	return NULL;
}

int farley_record_check_input(const struct farley_record *r,
			      const struct farley_record *orig,
			      struct farley_error *err)
{
	for (size_t i = 0; i < r->nfields; i++) {
		const struct farley_field *f = &r->fields[i];
		const struct farley_fielddef *d = farley_schema_field(r->kind, f->key);
		const struct farley_field *old = orig ? farley_record_get(orig, f->key) : NULL;
		enum farley_ftype t = d->type;
		int ret = 0;
		if (f->type == FARLEY_V_SCALAR) {
			if (f->v.s && !had(old, f->v.s))
				ret = check_value(r, f->key, t, f->v.s, err);
		} else if (f->type == FARLEY_V_LIST) {
			if (t == FT_CUSTOM)
				t = FT_LIST; /* a list's items are single lines */
			for (size_t j = 0; j < f->nitems && !ret; j++)
				if (f->items[j].s && !had(old, f->items[j].s))
					ret = check_value(r, f->key, t, f->items[j].s, err);
		} else {
			for (size_t j = 0; j < f->nsub && !ret; j++) {
				const char *v = f->sub[j].v.s, *was = sub_value(old, f->sub[j].key);
				if (v && !(was && !strcmp(was, v)))
					ret = check_value(r, f->key, FT_STRING, v, err);
			}
		}
		if (ret)
			return ret;
	}
	return 0;
}
