/* mail.c: farley-mbox's lines read, and what an interaction takes from a
 * message. */
#include "farley/mail.h"
#include "farley/names.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Reading a line --------------------------------------------------------- */

static char *dup_str(const json_t *v)
{
	return v && json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

/* A field that must be a string, or absent or null when optional. */
static int get_str(json_t *o, const char *key, int required, char **out,
		   struct farley_error *err)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if ((!v || json_is_null(v)) && !required)
		return 0;
	if (!v || !json_is_string(v))
		return farley_error_set(err, FARLEY_EINVAL, "'%s' %s", key,
					v ? "is not a string" : "is missing");
	*out = dup_str(v);
	return 0;
}

static int get_addrs(json_t *o, const char *key, struct farley_mail_addr **out,
		     size_t *n, struct farley_error *err)
{
	json_t *list = json_object_get(o, key), *a;
	size_t i;
	*out = NULL;
	*n = 0;
	if (!list || json_is_null(list))
		return 0;
	if (!json_is_array(list))
		return farley_error_set(err, FARLEY_EINVAL, "'%s' is not a list", key);
	*out = xcalloc(json_array_size(list) + 1, sizeof(**out));
	json_array_foreach(list, i, a) {
		json_t *email = json_object_get(a, "email"), *name = json_object_get(a, "name");
		if (!json_is_object(a) || !json_is_string(email) ||
		    (name && !json_is_null(name) && !json_is_string(name)))
			return farley_error_set(err, FARLEY_EINVAL,
						"'%s' item %zu is not {\"name\", \"email\"}",
						key, i + 1);
		(*out)[*n].email = dup_str(email);
		(*out)[*n].name = dup_str(name);
		(*n)++;
	}
	return 0;
}

static int get_names(json_t *o, const char *key, char ***out, size_t *n,
		     struct farley_error *err)
{
	json_t *list = json_object_get(o, key), *v;
	size_t i;
	*out = NULL;
	*n = 0;
	if (!list || json_is_null(list))
		return 0;
	if (!json_is_array(list))
		return farley_error_set(err, FARLEY_EINVAL, "'%s' is not a list", key);
	*out = xcalloc(json_array_size(list) + 1, sizeof(**out));
	json_array_foreach(list, i, v) {
		if (!json_is_string(v))
			return farley_error_set(err, FARLEY_EINVAL,
						"'%s' item %zu is not a string", key, i + 1);
		(*out)[(*n)++] = dup_str(v);
	}
	return 0;
}

int farley_mail_parse(struct farley_mail *m, const char *line, size_t len,
		      struct farley_error *err)
{
	json_error_t jerr;
	json_t *o = json_loadb(line, len, 0, &jerr);
	int ret;
	memset(m, 0, sizeof(*m));
	if (!o)
		return farley_error_set(err, FARLEY_EINVAL, "not JSON: %s (column %d)",
					jerr.text, jerr.column);
	if (!json_is_object(o)) {
		json_decref(o);
		return farley_error_set(err, FARLEY_EINVAL, "not a JSON object");
	}
	if ((ret = get_str(o, "where", 0, &m->where, err)) ||
	    (ret = get_str(o, "message_id", 0, &m->message_id, err)) ||
	    (ret = get_str(o, "in_reply_to", 0, &m->in_reply_to, err)) ||
	    (ret = get_str(o, "date", 1, &m->date, err)) ||
	    (ret = get_str(o, "subject", 0, &m->subject, err)) ||
	    (ret = get_str(o, "body", 0, &m->body, err)) ||
	    (ret = get_addrs(o, "from", &m->from, &m->nfrom, err)) ||
	    (ret = get_addrs(o, "to", &m->to, &m->nto, err)) ||
	    (ret = get_addrs(o, "cc", &m->cc, &m->ncc, err)) ||
	    (ret = get_names(o, "attachments", &m->attachments, &m->nattachments,
			     err)))
		farley_mail_release(m);
	if (!ret) {
		if (!m->where)
			m->where = xstrdup("");
		if (!m->subject)
			m->subject = xstrdup("");
		if (!m->body)
			m->body = xstrdup("");
	}
	json_decref(o);
	return ret;
}

static void release_addrs(struct farley_mail_addr *a, size_t n)
{
	for (size_t i = 0; a && i < n; i++) {
		free(a[i].name);
		free(a[i].email);
	}
	free(a);
}

void farley_mail_release(struct farley_mail *m)
{
	if (!m)
		return;
	free(m->where);
	free(m->message_id);
	free(m->in_reply_to);
	free(m->date);
	free(m->subject);
	free(m->body);
	release_addrs(m->from, m->nfrom);
	release_addrs(m->to, m->nto);
	release_addrs(m->cc, m->ncc);
	for (size_t i = 0; i < m->nattachments; i++)
		free(m->attachments[i]);
	free(m->attachments);
	memset(m, 0, sizeof(*m));
}

/* What an interaction takes --------------------------------------------- */

#define SUMMARY_MAX 200 /* characters */

void farley_mail_summary(struct strbuf *out, const struct farley_mail *m)
{
	const unsigned char *p = (const unsigned char *)(m->subject ? m->subject : "");
	size_t chars = 0, start = out->len;
	int space = 0;
	for (; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
		    *p == '\v') {
			space = 1;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			continue;
		if ((*p & 0xC0) != 0x80) { /* a character starts */
			int sep = space && out->len > start;
			if (chars + (size_t)sep + 1 > SUMMARY_MAX) {
				strbuf_addstr(out, "...");
				return;
			}
			if (sep)
				strbuf_addch(out, ' ');
			chars += (size_t)sep + 1;
			space = 0;
		}
		strbuf_addch(out, *p);
	}
	if (out->len == start)
		strbuf_addstr(out, "(no subject)");
}

void farley_mail_body(struct strbuf *out, const struct farley_mail *m)
{
	strbuf_addstr(out, m->body ? m->body : "");
	if (!m->nattachments)
		return;
	if (out->len)
		strbuf_addstr(out, "\n\n");
	strbuf_addstr(out, "Attachments: ");
	for (size_t i = 0; i < m->nattachments; i++)
		strbuf_addf(out, "%s%s", i ? ", " : "", m->attachments[i]);
}

/* My addresses ------------------------------------------------------------ */

int farley_mail_me_add(struct farley_mail_me *me, const char *list)
{
	struct strbuf word = STRBUF_INIT, key = STRBUF_INIT;
	const char *p = list ? list : "";
	int added = 0;
	while (*p) {
		size_t n;
		while (*p == ',' || *p == ' ' || *p == '\t' || *p == '\n')
			p++;
		n = strcspn(p, ", \t\n");
		strbuf_reset(&word);
		strbuf_add(&word, p, n);
		p += n;
		/* "Jane Doe <jane@x>": the words without '@' are a name */
		if (!farley_email_key(&key, word.buf)) {
			added++;
			if (!farley_mail_me_has(me, key.buf)) {
				ALLOC_GROW(me->keys, me->n + 1, me->alloc);
				me->keys[me->n++] = strbuf_detach(&key, NULL);
			}
		}
		strbuf_reset(&key);
	}
	strbuf_release(&word);
	strbuf_release(&key);
	return added;
}

int farley_mail_me_has(const struct farley_mail_me *me, const char *email)
{
	struct strbuf key = STRBUF_INIT;
	int found = 0;
	if (!farley_email_key(&key, email))
		for (size_t i = 0; i < me->n && !found; i++)
			found = !strcmp(me->keys[i], key.buf);
	strbuf_release(&key);
	return found;
}

void farley_mail_me_release(struct farley_mail_me *me)
{
	for (size_t i = 0; i < me->n; i++)
		free(me->keys[i]);
	free(me->keys);
	me->keys = NULL;
	me->n = me->alloc = 0;
}

const char *farley_mail_direction(const struct farley_mail *m,
				  const struct farley_mail_me *me)
{
	for (size_t i = 0; i < m->nfrom; i++)
		if (farley_mail_me_has(me, m->from[i].email))
			return "out";
	return "in";
}

size_t farley_mail_people(const struct farley_mail *m,
			  const struct farley_mail_me *me,
			  const struct farley_mail_addr ***out)
{
	const struct farley_mail_addr *lists[3] = { m->from, m->to, m->cc };
	size_t sizes[3] = { m->nfrom, m->nto, m->ncc }, n = 0;
	struct farley_mail_me seen = FARLEY_MAIL_ME_INIT;
	*out = xcalloc(m->nfrom + m->nto + m->ncc + 1, sizeof(**out));
	for (int l = 0; l < 3; l++)
		for (size_t i = 0; i < sizes[l]; i++) {
			const struct farley_mail_addr *a = &lists[l][i];
			struct strbuf key = STRBUF_INIT;
			if (!farley_email_key(&key, a->email) && !farley_mail_me_has(me, key.buf) &&
			    !farley_mail_me_has(&seen, key.buf)) {
				ALLOC_GROW(seen.keys, seen.n + 1, seen.alloc);
				seen.keys[seen.n++] = strbuf_detach(&key, NULL);
				(*out)[n++] = a;
			}
			strbuf_release(&key);
		}
	farley_mail_me_release(&seen);
	return n;
}
