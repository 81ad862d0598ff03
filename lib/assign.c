/* assign.c: FIELD=VALUE and friends, typed and checked. */
#include "farley/assign.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/money.h"

#include <stdlib.h>
#include <string.h>

int farley_assign_parse(const char *arg, struct farley_assign *a)
{
	const char *eq = strchr(arg, '=');
	size_t klen;
	memset(a, 0, sizeof(*a));
	if (!eq || eq == arg)
		return -1;
	klen = (size_t)(eq - arg);
	a->op = FARLEY_ASSIGN_SET;
	if (eq[-1] == '+' || eq[-1] == '-') {
		a->op = eq[-1] == '+' ? FARLEY_ASSIGN_ADD : FARLEY_ASSIGN_DEL;
		klen--;
	}
	if (!klen)
		return -1;
	a->field = xstrndup(arg, klen);
	a->value = xstrdup(eq + 1);
	return 0;
}

void farley_assign_release(struct farley_assign *a)
{
	free(a->field);
	free(a->value);
	memset(a, 0, sizeof(*a));
}

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Turn one value as typed on the command line into the value to store. */
static int normalize(const struct farley_assign_env *env, const char *field,
		     const struct farley_fielddef *d, const char *v, char **out,
		     struct farley_error *err)
{
	const char *why = "";
	enum farley_ftype t = d->type;
	if (t == FT_REF || t == FT_REFLIST) {
		if (env->resolve)
			return env->resolve(env->data, field, v, d->ref, out, err);
		if (!farley_id_valid(v))
			return farley_error_set(err, FARLEY_EINVAL,
						"%s: '%s' is not a valid id", field, v);
		*out = xstrdup(v);
		return 0;
	}
	if (t == FT_PHONES)
		t = FT_STRING;
	if (t == FT_MONEY) {
		int64_t cents;
		struct strbuf sb = STRBUF_INIT;
		if (farley_money_parse(v, &cents))
			goto bad;
		farley_money_format_file(&sb, cents);
		*out = strbuf_detach(&sb, NULL);
		return 0;
	}
	if (t == FT_PROB) {
		int32_t m;
		struct strbuf sb = STRBUF_INIT;
		if (farley_prob_parse(v, &m))
			goto bad;
		farley_prob_format(&sb, m);
		*out = strbuf_detach(&sb, NULL);
		return 0;
	}
	if (t == FT_DATE) {
		int32_t day;
		struct strbuf sb = STRBUF_INIT;
		if (farley_date_expr(v, &day))
			goto bad;
		farley_date_format(&sb, day);
		*out = strbuf_detach(&sb, NULL);
		return 0;
	}
	if (t == FT_DATETIME) {
		struct farley_datetime dt;
		int32_t day;
		struct strbuf sb = STRBUF_INIT;
		if (!farley_datetime_parse(v, &dt)) {
			*out = xstrdup(v);
			return 0;
		}
		if (farley_date_expr(v, &day))
			goto bad;
		farley_date_format(&sb, day);
		*out = strbuf_detach(&sb, NULL);
		return 0;
	}
	if (t != FT_CUSTOM && t != FT_TEXT &&
	    farley_value_check(t, v, env->cfg, &why))
		goto bad;
	*out = xstrdup(v);
	return 0;
bad:
	farley_value_check(t, v, env->cfg, &why);
	if ((t == FT_STAGE || t == FT_CHANNEL || t == FT_CASESTATUS) && env->cfg) {
		/* say which ones there are: they come from farley.yaml */
		const struct farley_config *cfg = env->cfg;
		struct strbuf sb = STRBUF_INIT;
		size_t n = t == FT_STAGE ? cfg->nstages
			   : t == FT_CHANNEL ? cfg->nchannels : cfg->ncase_statuses;
		for (size_t i = 0; i < n; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "",
				    t == FT_STAGE ? cfg->stages[i].name
				    : t == FT_CHANNEL ? cfg->channels[i]
				    : cfg->case_statuses[i].name);
		farley_error_set(err, FARLEY_EINVAL, "%s: '%s' %s (one of: %s)",
				 field, v, why, sb.buf);
		strbuf_release(&sb);
		return FARLEY_EINVAL;
	}
	return farley_error_set(err, FARLEY_EINVAL, "%s: '%s' %s", field, v, why);
}

static void describe_list(struct strbuf *desc, const struct farley_field *f)
{
	for (size_t i = 0; f && i < f->nitems; i++)
		strbuf_addf(desc, "%s%s", i ? "," : "", f->items[i].s);
}

static int list_has(const struct farley_field *f, const char *v)
{
	for (size_t i = 0; i < f->nitems; i++)
		if (f->items[i].s && !strcmp(f->items[i].s, v))
			return 1;
	return 0;
}

static int assign_address(struct farley_record *r,
			  const struct farley_assign *a, const char *sub,
			  struct strbuf *desc, struct farley_error *err)
{
	struct farley_field *f = farley_record_get(r, "address");
	if (a->op != FARLEY_ASSIGN_SET)
		return farley_error_set(err, FARLEY_EUSAGE,
					"'%s' is not a list: use '='", a->field);
	if (!farley_key_valid(sub))
		return farley_error_set(err, FARLEY_EUSAGE,
					"'%s' is not a valid field name", a->field);
	if (strchr(a->value, '\n'))
		return farley_error_set(err, FARLEY_EINVAL,
					"%s must be a single line", a->field);
	if (!f) {
		struct farley_field nf = { 0 };
		if (!*a->value)
			return 0;
		nf.key = xstrdup("address");
		nf.type = FARLEY_V_MAP;
		farley_record_put(r, &nf);
		f = farley_record_get(r, "address");
	}
	if (f->type != FARLEY_V_MAP)
		return farley_error_set(err, FARLEY_EINVAL, "address is not a mapping");
	for (size_t i = 0; i < f->nsub; i++) {
		if (strcmp(f->sub[i].key, sub))
			continue;
		if (!*a->value) {
			farley_field_release(&f->sub[i]);
			memmove(&f->sub[i], &f->sub[i + 1],
				(f->nsub - i - 1) * sizeof(*f->sub));
			f->nsub--;
			if (!f->nsub)
				farley_record_remove(r, "address");
			strbuf_addf(desc, "%s removed", a->field);
			return 0;
		}
		strbuf_addf(desc, "%s %s -> %s", a->field,
			    f->sub[i].v.s ? f->sub[i].v.s : "(none)", a->value);
		free(f->sub[i].v.s);
		f->sub[i].v.s = xstrdup(a->value);
		return 0;
	}
	if (!*a->value)
		return 0;
	f->sub = xrealloc(f->sub, (f->nsub + 1) * sizeof(*f->sub));
	memset(&f->sub[f->nsub], 0, sizeof(*f->sub));
	f->sub[f->nsub].key = xstrdup(sub);
	f->sub[f->nsub].type = FARLEY_V_SCALAR;
	f->sub[f->nsub].v.s = xstrdup(a->value);
	f->nsub++;
	strbuf_addf(desc, "%s %s", a->field, a->value);
	return 0;
}

int farley_assign_apply(const struct farley_assign_env *env,
			struct farley_record *r, const struct farley_assign *a,
			struct strbuf *desc, struct farley_error *err)
{
	const struct farley_fielddef *d;
	struct farley_field *f;
	int is_list, ret = 0;
	char *dot = strchr(a->field, '.');

	if (desc->len)
		strbuf_addstr(desc, ", ");
	if (dot && !strncmp(a->field, "address.", 8))
		return assign_address(r, a, dot + 1, desc, err);
	if (!farley_key_valid(a->field) || !strcmp(a->field, "id") ||
	    !strcmp(a->field, "kind") || !strcmp(a->field, "path"))
		return farley_error_set(err, FARLEY_EUSAGE,
					"'%s' is not a valid field name (lower-case "
					"letters, digits and _; not id, kind or path)",
					a->field);
	d = farley_schema_field(r->kind, a->field);
	f = farley_record_get(r, a->field);
	is_list = farley_ftype_is_list(d->type) ||
		  (d->type == FT_CUSTOM && f && f->type == FARLEY_V_LIST) ||
		  (d->type == FT_CUSTOM && !f && a->op == FARLEY_ASSIGN_ADD);
	if (d->type == FT_ADDRESS)
		return farley_error_set(err, FARLEY_EUSAGE,
					"set the address field by field: "
					"address.city=Berlin, address.street=...");
	if (a->op != FARLEY_ASSIGN_SET && !is_list)
		return farley_error_set(err, FARLEY_EUSAGE,
					"'%s' is not a list: use '='", a->field);
	if (a->op == FARLEY_ASSIGN_SET && !*a->value) {
		if (d->required)
			return farley_error_set(err, FARLEY_EINVAL,
						"'%s' is required and cannot be removed",
						a->field);
		if (f) {
			farley_record_remove(r, a->field);
			strbuf_addf(desc, "%s removed", a->field);
		}
		return 0;
	}
	if (!is_list) {
		char *v = NULL;
		if (d->type != FT_TEXT && d->type != FT_CUSTOM &&
		    strchr(a->value, '\n'))
			return farley_error_set(err, FARLEY_EINVAL,
						"%s must be a single line", a->field);
		if ((ret = normalize(env, a->field, d, a->value, &v, err)))
			return ret;
		if (f && f->type == FARLEY_V_SCALAR && f->v.s)
			strbuf_addf(desc, "%s %s -> %s", a->field, f->v.s, v);
		else
			strbuf_addf(desc, "%s %s", a->field, v);
		farley_record_set_str(r, a->field, v);
		free(v);
		return 0;
	}

	/* lists: comma-separated values */
	{
		struct farley_field nf = { 0 };
		char *copy = xstrdup(a->value), *tok, *save = NULL;
		size_t alloc = 0;
		if (f) {
			farley_field_copy(&nf, f);
			farley_field_as_list(&nf);
			alloc = nf.nitems;
		} else {
			nf.key = xstrdup(a->field);
			nf.type = FARLEY_V_LIST;
		}
		if (a->op == FARLEY_ASSIGN_SET) {
			for (size_t i = 0; i < nf.nitems; i++)
				free(nf.items[i].s);
			nf.nitems = 0;
		}
		for (tok = strtok_r(copy, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			char *v = NULL, *t = trim(tok);
			if (!*t)
				continue;
			if (a->op == FARLEY_ASSIGN_DEL) {
				/* removal takes the value as stored (no lookups) */
				for (size_t i = 0; i < nf.nitems; i++)
					if (nf.items[i].s && !strcmp(nf.items[i].s, t)) {
						free(nf.items[i].s);
						memmove(&nf.items[i], &nf.items[i + 1],
							(nf.nitems - i - 1) *
								sizeof(*nf.items));
						nf.nitems--;
						break;
					}
				continue;
			}
			if ((ret = normalize(env, a->field, d, t, &v, err)))
				break;
			if (list_has(&nf, v)) {
				free(v);
				continue;
			}
			ALLOC_GROW(nf.items, nf.nitems + 1, alloc);
			memset(&nf.items[nf.nitems], 0, sizeof(*nf.items));
			nf.items[nf.nitems++].s = v;
		}
		free(copy);
		if (ret) {
			farley_field_release(&nf);
			return ret;
		}
		if (a->op == FARLEY_ASSIGN_SET) {
			strbuf_addf(desc, "%s = ", a->field);
			describe_list(desc, &nf);
		} else {
			/* "add +49 30 1234 to phones", not "phones ++49 30 1234" */
			strbuf_addf(desc, "%s %s %s %s",
				    a->op == FARLEY_ASSIGN_ADD ? "add" : "remove",
				    a->value,
				    a->op == FARLEY_ASSIGN_ADD ? "to" : "from", a->field);
		}
		if (!nf.nitems) {
			farley_field_release(&nf);
			farley_record_remove(r, a->field);
		} else {
			nf.flow = f ? f->flow : 0;
			farley_record_put(r, &nf);
		}
	}
	return 0;
}

int farley_deal_closing(const struct farley_config *cfg, struct farley_record *r,
			const char *old_stage, const char *old_close,
			int32_t today, struct strbuf *desc)
{
	const char *stage = farley_record_str(r, "stage");
	const char *close = farley_record_str(r, "close");
	const struct farley_stage *st;
	struct strbuf day = STRBUF_INIT;
	if (r->kind != FARLEY_DEAL || !cfg || !stage ||
	    (old_stage && !strcmp(old_stage, stage)))
		return 0;
	if (!(st = farley_config_stage(cfg, stage)) || st->closed == FARLEY_OPEN)
		return 0;
	/* the same change set close itself: that one stands */
	if ((close ? 1 : 0) != (old_close ? 1 : 0) ||
	    (close && strcmp(close, old_close)))
		return 0;
	farley_date_format(&day, today);
	if (close && !strcmp(close, day.buf)) {
		strbuf_release(&day);
		return 0;
	}
	if (desc) {
		if (desc->len)
			strbuf_addstr(desc, ", ");
		if (close)
			strbuf_addf(desc, "close %s -> %s", close, day.buf);
		else
			strbuf_addf(desc, "close %s", day.buf);
	}
	farley_record_set_str(r, "close", day.buf);
	strbuf_release(&day);
	return 1;
}
