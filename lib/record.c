/* record.c: kinds, the schema, records in memory and their validation. */
#include "farley/record.h"
#include "farley/config.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/money.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *plural, *title;
	char letter;
} kinds[FARLEY_NKINDS] = {
	{ "company", "companies", "name", 'c' },
	{ "contact", "contacts", "name", 'p' },
	{ "deal", "deals", "title", 'd' },
	{ "interaction", "interactions", "summary", 'i' },
	{ "task", "tasks", "title", 't' },
	{ "case", "cases", "title", 'k' },
	{ "campaign", "campaigns", "name", 'm' },
};

const char *farley_kind_name(enum farley_kind k)
{
	return k >= 0 && k < FARLEY_NKINDS ? kinds[k].name : "record";
}

const char *farley_kind_dir(enum farley_kind k)
{
	return k >= 0 && k < FARLEY_NKINDS ? kinds[k].plural : NULL;
}

const char *farley_kind_title_field(enum farley_kind k)
{
	return k >= 0 && k < FARLEY_NKINDS ? kinds[k].title : "name";
}

char farley_kind_letter(enum farley_kind k)
{
	return k >= 0 && k < FARLEY_NKINDS ? kinds[k].letter : 'x';
}

enum farley_kind farley_kind_parse(const char *s)
{
	for (int k = 0; k < FARLEY_NKINDS; k++)
		if (!strcmp(s, kinds[k].name) || !strcmp(s, kinds[k].plural))
			return (enum farley_kind)k;
	return FARLEY_NOKIND;
}

#define F(n, t) { n, t, 0, FARLEY_NOKIND }
#define R(n, t) { n, t, 1, FARLEY_NOKIND }
#define REF(n, t, k) { n, t, 0, k }

static const struct farley_fielddef company_fields[] = {
	R("name", FT_STRING), F("domain", FT_STRING), F("industry", FT_STRING),
	F("phones", FT_PHONES), F("emails", FT_LIST), F("address", FT_ADDRESS),
	F("tags", FT_LIST), F("owner", FT_STRING), F("created", FT_DATE),
	F("notes", FT_TEXT),
};
static const struct farley_fielddef contact_fields[] = {
	R("name", FT_STRING), REF("company", FT_REF, FARLEY_COMPANY),
	F("title", FT_STRING), F("emails", FT_LIST), F("phones", FT_PHONES),
	F("address", FT_ADDRESS), F("birthday", FT_DATE),
	F("every", FT_INTERVAL), F("tags", FT_LIST), F("owner", FT_STRING),
	F("created", FT_DATE), F("notes", FT_TEXT),
};
static const struct farley_fielddef deal_fields[] = {
	R("title", FT_STRING), R("stage", FT_STAGE),
	REF("company", FT_REF, FARLEY_COMPANY),
	REF("contacts", FT_REFLIST, FARLEY_CONTACT), F("value", FT_MONEY),
	F("currency", FT_CURRENCY), F("probability", FT_PROB),
	F("close", FT_DATE), F("source", FT_STRING),
	F("lost_reason", FT_STRING), F("tags", FT_LIST), F("owner", FT_STRING),
	F("created", FT_DATE), F("notes", FT_TEXT),
};
static const struct farley_fielddef interaction_fields[] = {
	R("date", FT_DATETIME), R("channel", FT_CHANNEL),
	R("summary", FT_STRING), REF("contacts", FT_REFLIST, FARLEY_CONTACT),
	REF("company", FT_REF, FARLEY_COMPANY), REF("deal", FT_REF, FARLEY_DEAL),
	F("direction", FT_DIRECTION), F("body", FT_TEXT),
	F("message_id", FT_STRING), REF("case", FT_REF, FARLEY_CASE),
	REF("campaign", FT_REF, FARLEY_CAMPAIGN), F("tags", FT_LIST),
	F("owner", FT_STRING),
};
static const struct farley_fielddef task_fields[] = {
	R("title", FT_STRING), F("due", FT_DATE), F("status", FT_STATUS),
	F("done", FT_DATE), REF("contact", FT_REF, FARLEY_CONTACT),
	REF("company", FT_REF, FARLEY_COMPANY), REF("deal", FT_REF, FARLEY_DEAL),
	F("every", FT_INTERVAL), F("tags", FT_LIST), F("owner", FT_STRING),
	F("notes", FT_TEXT),
};
static const struct farley_fielddef case_fields[] = {
	R("title", FT_STRING), F("status", FT_CASESTATUS),
	F("priority", FT_PRIORITY), REF("contact", FT_REF, FARLEY_CONTACT),
	REF("company", FT_REF, FARLEY_COMPANY), REF("deal", FT_REF, FARLEY_DEAL),
	F("opened", FT_DATETIME), F("resolved", FT_DATETIME),
	F("tags", FT_LIST), F("owner", FT_STRING), F("notes", FT_TEXT),
};
static const struct farley_fielddef campaign_fields[] = {
	R("name", FT_STRING), F("status", FT_CAMPSTATUS),
	F("channel", FT_STRING), F("start", FT_DATE), F("end", FT_DATE),
	F("segment", FT_STRING), REF("contacts", FT_REFLIST, FARLEY_CONTACT),
	F("budget", FT_MONEY), F("tags", FT_LIST), F("owner", FT_STRING),
	F("created", FT_DATE), F("notes", FT_TEXT),
};

#define N(a) (sizeof(a) / sizeof((a)[0]))
static const struct {
	const struct farley_fielddef *defs;
	size_t n;
} schemas[FARLEY_NKINDS] = {
	{ company_fields, N(company_fields) },
	{ contact_fields, N(contact_fields) },
	{ deal_fields, N(deal_fields) },
	{ interaction_fields, N(interaction_fields) },
	{ task_fields, N(task_fields) },
	{ case_fields, N(case_fields) },
	{ campaign_fields, N(campaign_fields) },
};

static const struct farley_fielddef custom_def = F(NULL, FT_CUSTOM);

const struct farley_fielddef *farley_schema(enum farley_kind k, size_t *n)
{
	*n = schemas[k].n;
	return schemas[k].defs;
}

const char *const *farley_schema_ref_fields(void)
{
	static const char *names[16];
	static size_t n;
	if (n)
		return names;
	for (int k = 0; k < FARLEY_NKINDS; k++)
		for (size_t i = 0; i < schemas[k].n; i++) {
			const struct farley_fielddef *d = &schemas[k].defs[i];
			size_t j;
			if (d->type != FT_REF && d->type != FT_REFLIST)
				continue;
			for (j = 0; j < n && strcmp(names[j], d->name); j++)
				;
			if (j == n && n + 1 < sizeof(names) / sizeof(*names))
				names[n++] = d->name;
		}
	return names;
}

int farley_schema_pos(enum farley_kind k, const char *name)
{
	for (size_t i = 0; i < schemas[k].n; i++)
		if (!strcmp(schemas[k].defs[i].name, name))
			return (int)i;
	return -1;
}

const struct farley_fielddef *farley_schema_field(enum farley_kind k,
						  const char *name)
{
	int pos = k >= 0 && k < FARLEY_NKINDS ? farley_schema_pos(k, name) : -1;
	return pos < 0 ? &custom_def : &schemas[k].defs[pos];
}

int farley_ftype_is_list(enum farley_ftype t)
{
	return t == FT_LIST || t == FT_REFLIST || t == FT_PHONES;
}

int farley_key_valid(const char *s)
{
	size_t n = 0;
	if (!s || !(*s >= 'a' && *s <= 'z'))
		return 0;
	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
		      (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
			return 0;
	return n <= 64;
}

/* Records in memory ------------------------------------------------- */

static void scalar_release(struct farley_scalar *s)
{
	free(s->s);
	s->s = NULL;
}

void farley_field_release(struct farley_field *f)
{
	if (!f)
		return;
	free(f->key);
	scalar_release(&f->v);
	for (size_t i = 0; i < f->nitems; i++)
		scalar_release(&f->items[i]);
	free(f->items);
	for (size_t i = 0; i < f->nsub; i++)
		farley_field_release(&f->sub[i]);
	free(f->sub);
	memset(f, 0, sizeof(*f));
}

static void scalar_copy(struct farley_scalar *d, const struct farley_scalar *s)
{
	*d = *s;
	d->s = s->s ? xstrdup(s->s) : NULL;
}

void farley_field_copy(struct farley_field *dst, const struct farley_field *src)
{
	*dst = *src;
	dst->key = xstrdup(src->key);
	scalar_copy(&dst->v, &src->v);
	dst->items = src->nitems ? xcalloc(src->nitems, sizeof(*dst->items)) : NULL;
	for (size_t i = 0; i < src->nitems; i++)
		scalar_copy(&dst->items[i], &src->items[i]);
	dst->sub = src->nsub ? xcalloc(src->nsub, sizeof(*dst->sub)) : NULL;
	for (size_t i = 0; i < src->nsub; i++)
		farley_field_copy(&dst->sub[i], &src->sub[i]);
}

static int str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

int farley_field_equal(const struct farley_field *a, const struct farley_field *b)
{
	if (!str_eq(a->key, b->key) || a->type != b->type)
		return 0;
	switch (a->type) {
	case FARLEY_V_SCALAR:
		return str_eq(a->v.s, b->v.s);
	case FARLEY_V_LIST:
		if (a->nitems != b->nitems)
			return 0;
		for (size_t i = 0; i < a->nitems; i++)
			if (!str_eq(a->items[i].s, b->items[i].s))
				return 0;
		return 1;
	case FARLEY_V_MAP:
		if (a->nsub != b->nsub)
			return 0;
		for (size_t i = 0; i < a->nsub; i++)
			if (!farley_field_equal(&a->sub[i], &b->sub[i]))
				return 0;
		return 1;
	}
	return 0;
}

void farley_record_release(struct farley_record *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nfields; i++)
		farley_field_release(&r->fields[i]);
	free(r->fields);
	free(r->id);
	free(r->path);
	strbuf_release(&r->text);
	memset(r, 0, sizeof(*r));
	r->kind = FARLEY_NOKIND;
	strbuf_init(&r->text, 0);
}

struct farley_field *farley_record_get(const struct farley_record *r,
				       const char *key)
{
	for (size_t i = 0; i < r->nfields; i++)
		if (!strcmp(r->fields[i].key, key))
			return &r->fields[i];
	return NULL;
}

size_t farley_record_values(const struct farley_record *r, const char *key,
			    const struct farley_scalar **v)
{
	const struct farley_field *f = farley_record_get(r, key);
	*v = NULL;
	if (f && f->type == FARLEY_V_LIST) {
		*v = f->items;
		return f->nitems;
	}
	if (f && f->type == FARLEY_V_SCALAR && f->v.s) {
		*v = &f->v;
		return 1;
	}
	return 0;
}

void farley_field_as_list(struct farley_field *f)
{
	if (f->type != FARLEY_V_SCALAR)
		return;
	f->type = FARLEY_V_LIST;
	if (f->v.s) {
		f->items = xcalloc(1, sizeof(*f->items));
		f->items[0] = f->v;
		f->nitems = 1;
	}
	memset(&f->v, 0, sizeof(f->v));
}

int farley_record_add_item(struct farley_record *r, const char *key,
			   const char *value)
{
	struct farley_field *f = farley_record_get(r, key);
	if (!f) {
		farley_record_set_list(r, key, &value, 1);
		return 1;
	}
	farley_field_as_list(f);
	for (size_t i = 0; i < f->nitems; i++)
		if (f->items[i].s && !strcmp(f->items[i].s, value))
			return 0;
	f->items = xrealloc(f->items, (f->nitems + 1) * sizeof(*f->items));
	memset(&f->items[f->nitems], 0, sizeof(*f->items));
	f->items[f->nitems++].s = xstrdup(value);
	return 1;
}

const char *farley_record_str(const struct farley_record *r, const char *key)
{
	struct farley_field *f = farley_record_get(r, key);
	return f && f->type == FARLEY_V_SCALAR ? f->v.s : NULL;
}

void farley_record_put(struct farley_record *r, struct farley_field *f)
{
	struct farley_field *old = farley_record_get(r, f->key);
	if (old) {
		farley_field_release(old);
		*old = *f;
	} else {
		ALLOC_GROW(r->fields, r->nfields + 1, r->alloc);
		r->fields[r->nfields++] = *f;
	}
	memset(f, 0, sizeof(*f));
}

int farley_record_remove(struct farley_record *r, const char *key)
{
	struct farley_field *f = farley_record_get(r, key);
	size_t i;
	if (!f)
		return -1;
	i = (size_t)(f - r->fields);
	farley_field_release(f);
	memmove(&r->fields[i], &r->fields[i + 1],
		(r->nfields - i - 1) * sizeof(*f));
	r->nfields--;
	return 0;
}

void farley_record_set_str(struct farley_record *r, const char *key,
			   const char *value)
{
	struct farley_field f = { 0 };
	f.key = xstrdup(key);
	f.type = FARLEY_V_SCALAR;
	f.v.s = xstrdup(value);
	farley_record_put(r, &f);
}

void farley_record_set_list(struct farley_record *r, const char *key,
			    const char *const *items, size_t n)
{
	struct farley_field f = { 0 };
	f.key = xstrdup(key);
	f.type = FARLEY_V_LIST;
	f.items = n ? xcalloc(n, sizeof(*f.items)) : NULL;
	for (size_t i = 0; i < n; i++)
		f.items[i].s = xstrdup(items[i]);
	f.nitems = n;
	farley_record_put(r, &f);
}

static enum farley_kind sort_kind;
static int field_cmp(const void *a, const void *b)
{
	const struct farley_field *fa = a, *fb = b;
	int pa = farley_schema_pos(sort_kind, fa->key);
	int pb = farley_schema_pos(sort_kind, fb->key);
	if (pa >= 0 && pb >= 0)
		return pa - pb;
	if (pa >= 0)
		return -1;
	if (pb >= 0)
		return 1;
	return strcmp(fa->key, fb->key);
}

void farley_record_sort(struct farley_record *r)
{
	sort_kind = r->kind;
	if (r->nfields > 1)
		qsort(r->fields, r->nfields, sizeof(*r->fields), field_cmp);
}

const char *farley_record_title(const struct farley_record *r)
{
	const char *t = farley_record_str(r, farley_kind_title_field(r->kind));
	return t && *t ? t : r->id;
}

/* Validation -------------------------------------------------------- */

int farley_value_check(enum farley_ftype t, const char *s,
		       const struct farley_config *cfg, const char **why)
{
	int64_t cents;
	int32_t n;
	struct farley_datetime dt;
	struct farley_interval iv;
	switch (t) {
	case FT_STRING:
		if (strchr(s, '\n')) {
			*why = "must be a single line";
			return -1;
		}
		return 0;
	case FT_DATE:
		*why = "is not a date (YYYY-MM-DD, today, tomorrow, friday, +3d, next month)";
		return farley_date_parse(s, &n);
	case FT_DATETIME:
		*why = "is not a date or RFC 3339 datetime "
		       "(YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]+HH:MM)";
		return farley_datetime_parse(s, &dt);
	case FT_MONEY: {
		size_t int_digits = strspn(s + (*s == '-' || *s == '+'), "0123456789");
		*why = int_digits > 15
			       ? "is too large (at most 15 digits before the point)"
			       : "is not an amount (a number with at most 2 decimals)";
		return farley_money_parse(s, &cents);
	}
	case FT_PROB:
		*why = "is not a probability between 0 and 1";
		return farley_prob_parse(s, &n);
	case FT_REF:
	case FT_REFLIST:
		*why = "is not a valid id";
		return farley_id_valid(s) ? 0 : -1;
	case FT_INTERVAL:
		*why = "is not an interval such as 30d, 2w, 3m or 1y";
		return farley_interval_parse(s, &iv);
	case FT_DIRECTION:
		*why = "must be 'in' or 'out'";
		return strcmp(s, "in") && strcmp(s, "out") ? -1 : 0;
	case FT_STATUS:
		*why = "must be 'open' or 'done'";
		return strcmp(s, "open") && strcmp(s, "done") ? -1 : 0;
	case FT_PRIORITY:
		*why = "must be 'low', 'normal', 'high' or 'urgent'";
		return farley_priority_parse(s) < 0 ? -1 : 0;
	case FT_CAMPSTATUS:
		*why = "must be 'planned', 'running' or 'done'";
		return strcmp(s, "planned") && strcmp(s, "running") &&
			       strcmp(s, "done") ? -1 : 0;
	case FT_CASESTATUS:
		*why = "is not a case status of farley.yaml";
		return cfg && !farley_config_case_status(cfg, s) ? -1 : 0;
	case FT_STAGE:
		*why = "is not a stage of farley.yaml";
		return cfg && !farley_config_stage(cfg, s) ? -1 : 0;
	case FT_CHANNEL:
		*why = "is not a channel of farley.yaml";
		return cfg && !farley_config_has_channel(cfg, s) ? -1 : 0;
	case FT_CURRENCY:
		*why = "is not a currency code (three capital letters, like EUR)";
		return strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' &&
				       s[1] >= 'A' && s[1] <= 'Z' &&
				       s[2] >= 'A' && s[2] <= 'Z'
			       ? 0
			       : -1;
	default:
		return 0;
	}
}

static int bad(const struct farley_record *r, const struct farley_field *f,
	       const struct farley_scalar *sc, struct farley_error *err,
	       const char *fmt, const char *what)
{
	int line = sc && sc->line ? sc->line : f ? f->line : 0;
	int col = sc && sc->line ? sc->col : f ? f->col : 0;
	return farley_error_at(err, FARLEY_EINVAL, r->path, line, col, fmt,
			       f ? f->key : "", what ? what : "");
}

int farley_record_validate(const struct farley_record *r,
			   const struct farley_config *cfg,
			   struct farley_error *err)
{
	size_t ndefs;
	const struct farley_fielddef *defs = farley_schema(r->kind, &ndefs);
	const char *why = "";

	for (size_t i = 0; i < ndefs; i++) {
		struct farley_field *f;
		if (!defs[i].required)
			continue;
		f = farley_record_get(r, defs[i].name);
		if (!f || (f->type == FARLEY_V_SCALAR && (!f->v.s || !*f->v.s)))
			return farley_error_at(err, FARLEY_EINVAL, r->path, 0, 0,
					       "%s '%s' is required",
					       farley_kind_name(r->kind),
					       defs[i].name);
	}
	for (size_t i = 0; i < r->nfields; i++) {
		const struct farley_field *f = &r->fields[i];
		const struct farley_fielddef *d = farley_schema_field(r->kind, f->key);
		if (!farley_key_valid(f->key))
			return bad(r, f, NULL, err,
				   "'%s' is not a valid field name "
				   "(lower-case letters, digits and _)%s", NULL);
		if (f->type == FARLEY_V_MAP) {
			if (d->type != FT_ADDRESS)
				return bad(r, f, NULL, err,
					   "'%s' cannot hold a mapping%s", NULL);
			for (size_t j = 0; j < f->nsub; j++) {
				if (!farley_key_valid(f->sub[j].key))
					return bad(r, &f->sub[j], NULL, err,
						   "'%s' is not a valid field name%s",
						   NULL);
				if (f->sub[j].v.s && strchr(f->sub[j].v.s, '\n'))
					return bad(r, &f->sub[j], &f->sub[j].v, err,
						   "'%s' must be a single line%s", NULL);
			}
			continue;
		}
		if (d->type == FT_ADDRESS)
			return bad(r, f, NULL, err,
				   "'%s' must be a mapping (street, city, "
				   "postcode, region, country)%s", NULL);
		if (f->type == FARLEY_V_LIST) {
			if (d->type != FT_CUSTOM && !farley_ftype_is_list(d->type))
				return bad(r, f, NULL, err,
					   "'%s' cannot be a list%s", NULL);
			for (size_t j = 0; j < f->nitems; j++) {
				const struct farley_scalar *it = &f->items[j];
				if (!it->s)
					return bad(r, f, it, err,
						   "'%s' has an empty item%s", NULL);
				if (d->type != FT_CUSTOM &&
				    farley_value_check(d->type == FT_PHONES ? FT_STRING
									    : d->type,
						       it->s, cfg, &why))
					return bad(r, f, it, err, "'%s': %s",
						   why);
			}
			continue;
		}
		if (!f->v.s)
			continue; /* null: as good as absent */
		if (d->type == FT_CUSTOM || d->type == FT_TEXT)
			continue;
		if (farley_value_check(farley_ftype_is_list(d->type) &&
						       d->type != FT_REFLIST
					       ? FT_STRING
					       : d->type,
				       f->v.s, cfg, &why)) {
			/* the value is data: an argument, never part of the
			 * format (a '%n' in a file must not reach printf) */
			int line = f->v.line ? f->v.line : f->line;
			int col = f->v.line ? f->v.col : f->col;
			return farley_error_at(err, FARLEY_EINVAL, r->path, line, col,
					       "'%s': '%s' %s", f->key, f->v.s, why);
		}
	}
	return 0;
}

int farley_record_refs(const struct farley_record *r, farley_ref_fn fn,
		       void *data)
{
	for (size_t i = 0; i < r->nfields; i++) {
		const struct farley_field *f = &r->fields[i];
		const struct farley_fielddef *d = farley_schema_field(r->kind, f->key);
		int ret;
		if (d->type != FT_REF && d->type != FT_REFLIST)
			continue;
		if (f->type == FARLEY_V_SCALAR && f->v.s && *f->v.s) {
			if ((ret = fn(r, f->key, f->v.s, d->ref, data)))
				return ret;
		} else if (f->type == FARLEY_V_LIST) {
			for (size_t j = 0; j < f->nitems; j++)
				if (f->items[j].s &&
				    (ret = fn(r, f->key, f->items[j].s, d->ref, data)))
					return ret;
		}
	}
	return 0;
}

void farley_record_copy(struct farley_record *dst, const struct farley_record *src)
{
	farley_record_release(dst);
	dst->kind = src->kind;
	dst->id = src->id ? xstrdup(src->id) : NULL;
	dst->path = src->path ? xstrdup(src->path) : NULL;
	dst->flow_doc = src->flow_doc;
	dst->fields = src->nfields ? xcalloc(src->nfields, sizeof(*dst->fields)) : NULL;
	dst->alloc = src->nfields;
	for (size_t i = 0; i < src->nfields; i++)
		farley_field_copy(&dst->fields[i], &src->fields[i]);
	dst->nfields = src->nfields;
	strbuf_add(&dst->text, src->text.buf, src->text.len);
}
