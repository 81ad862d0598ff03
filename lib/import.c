/* import.c: matching imported rows with records, planning, staging.
 *
 * Every record the import touches is an entry: one that exists (its keys
 * read from the index at the start, its file loaded only when a row
 * matches it) or one the import adds.  Rows are matched through maps from
 * keys to entries ("e:jane@acme.example", "n:doe-jane|acme-gmbh", ...), so
 * a row matches what an earlier row of the same import added as well. */
#include "farley/import.h"
#include "farley/assign.h"
#include "farley/create.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/index.h"
#include "farley/lookup.h"
#include "farley/names.h"
#include "farley/repo.h"
#include "strmap.h"
#include "farley/yamlrec.h"

#include <stdlib.h>
#include <string.h>

/* Entries and the batch -------------------------------------------------- */

enum state { EXISTING, LOADED, CHANGED, ADDED };

struct entry {
	enum farley_kind kind;
	char *id, *path;
	enum state state;
	struct farley_record orig; /* as read (LOADED, CHANGED) */
	struct farley_record rec;  /* as it will be (LOADED, CHANGED, ADDED) */
};

struct farley_import {
	struct farley_repo *repo;
	struct farley_index *idx;
	struct farley_lookup lk;
	struct farley_import_opts opts;
	struct entry *e;
	size_t n, alloc;
	struct farley_strmap keys; /* matching keys -> entry */
	struct farley_strmap ids;  /* ids -> entry (existing ones only when touched) */
	struct farley_import_plan *plan;
	size_t nplan, aplan;
	char **strings; /* what plan entries point into */
	size_t nstr, astr;
	struct farley_import_summary sum;
};

static const char *keep(struct farley_import *im, char *s)
{
	ALLOC_GROW(im->strings, im->nstr + 1, im->astr);
	im->strings[im->nstr++] = s;
	return s;
}

static void add_plan(struct farley_import *im, const char *where,
		     enum farley_import_action a, enum farley_kind kind,
		     const char *id, const char *detail)
{
	struct farley_import_plan *p;
	ALLOC_GROW(im->plan, im->nplan + 1, im->aplan);
	p = &im->plan[im->nplan++];
	p->where = keep(im, xstrdup(where ? where : ""));
	p->action = a;
	p->kind = kind;
	p->id = id ? keep(im, xstrdup(id)) : NULL;
	p->detail = detail ? keep(im, xstrdup(detail)) : NULL;
}

static size_t new_entry(struct farley_import *im, enum farley_kind kind,
			const char *id, const char *path, enum state st)
{
	struct entry *e;
	ALLOC_GROW(im->e, im->n + 1, im->alloc);
	e = &im->e[im->n];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->id = xstrdup(id);
	e->path = xstrdup(path);
	e->state = st;
	e->orig = (struct farley_record)FARLEY_RECORD_INIT;
	e->rec = (struct farley_record)FARLEY_RECORD_INIT;
	farley_strmap_put(&im->ids, id, im->n);
	return im->n++;
}

/* The matching keys --------------------------------------------------------
 *   e:ADDRESS          contacts by e-mail
 *   u:UID              contacts by vCard UID
 *   n:PERSON|COMPANY   contacts by folded name within a company ("" none)
 *   d:DOMAIN           companies by domain
 *   c:NAME             companies by name without legal form
 *   t:KIND|TITLE|COMPANY  deals and tasks by folded title
 *   m:MESSAGE-ID       interactions */

static void key_put(struct farley_import *im, const char *prefix,
		    const char *a, const char *b, size_t entry)
{
	struct strbuf k = STRBUF_INIT;
	strbuf_addf(&k, "%s%s%s%s", prefix, a, b ? "|" : "", b ? b : "");
	farley_strmap_put(&im->keys, k.buf, entry);
	strbuf_release(&k);
}

static int key_get(struct farley_import *im, const char *prefix, const char *a,
		   const char *b, size_t *entry)
{
	struct strbuf k = STRBUF_INIT;
	int found;
	strbuf_addf(&k, "%s%s%s%s", prefix, a, b ? "|" : "", b ? b : "");
	found = farley_strmap_get(&im->keys, k.buf, entry);
	strbuf_release(&k);
	return found;
}

/* Register the keys one field value of a record gives. */
static void keys_of_value(struct farley_import *im, enum farley_kind kind,
			  const char *key, const char *text, const char *company,
			  size_t entry)
{
	struct strbuf sb = STRBUF_INIT;
	if (!text)
		return;
	if (kind == FARLEY_CONTACT) {
		if (!strcmp(key, "emails") && !farley_email_key(&sb, text))
			key_put(im, "e:", sb.buf, NULL, entry);
		else if (!strcmp(key, "uid"))
			key_put(im, "u:", text, NULL, entry);
		else if (!strcmp(key, "name")) {
			farley_person_key(&sb, text);
			if (sb.len)
				key_put(im, "n:", sb.buf, company ? company : "", entry);
		}
	} else if (kind == FARLEY_COMPANY) {
		if (!strcmp(key, "domain") && !farley_domain_key(&sb, text))
			key_put(im, "d:", sb.buf, NULL, entry);
		else if (!strcmp(key, "name")) {
			farley_company_key(&sb, text);
			if (sb.len)
				key_put(im, "c:", sb.buf, NULL, entry);
		}
	} else if (kind == FARLEY_DEAL || kind == FARLEY_TASK) {
		if (!strcmp(key, "title")) {
			farley_slugify(&sb, text, 256);
			key_put(im, kind == FARLEY_DEAL ? "t:deal|" : "t:task|", sb.buf,
				company ? company : "", entry);
		}
	} else if (kind == FARLEY_INTERACTION && !strcmp(key, "message_id")) {
		key_put(im, "m:", text, NULL, entry);
	}
	strbuf_release(&sb);
}

static void keys_of_record(struct farley_import *im, const struct farley_record *r,
			   size_t entry)
{
	const char *company = farley_record_str(r, "company");
	for (size_t i = 0; i < r->nfields; i++) {
		const struct farley_field *f = &r->fields[i];
		if (f->type == FARLEY_V_SCALAR)
			keys_of_value(im, r->kind, f->key, f->v.s, company, entry);
		else if (f->type == FARLEY_V_LIST)
			for (size_t j = 0; j < f->nitems; j++)
				keys_of_value(im, r->kind, f->key, f->items[j].s,
					      company, entry);
	}
}

/* Existing records: their keys from the index.  The company of a contact,
 * deal or task is needed with its name, so those rows come in two passes:
 * first every record's company, then the keys. */
struct loading {
	struct farley_import *im;
	enum farley_kind kind;
	struct farley_strmap company; /* id -> entry whose company is known */
	char **companies;      /* per entry */
};

static size_t entry_for(struct farley_import *im, enum farley_kind kind,
			const char *id, const char *path)
{
	size_t e;
	if (farley_strmap_get(&im->ids, id, &e))
		return e;
	return new_entry(im, kind, id, path, EXISTING);
}

static int note_company(const char *id, const char *path, const char *key,
			const char *text, void *data)
{
	struct loading *ld = data;
	size_t e = entry_for(ld->im, ld->kind, id, path);
	(void)key;
	farley_strmap_put(&ld->company, id, e);
	free(ld->im->e[e].orig.id); /* the company id, until the keys are in */
	ld->im->e[e].orig.id = xstrdup(text);
	return 0;
}

static int note_key(const char *id, const char *path, const char *key,
		    const char *text, void *data)
{
	struct loading *ld = data;
	size_t e = entry_for(ld->im, ld->kind, id, path);
	keys_of_value(ld->im, ld->kind, key, text, ld->im->e[e].orig.id, e);
	return 0;
}

static int load_keys(struct farley_import *im, struct farley_error *err)
{
	static const char *const company_key[] = { "company", NULL };
	static const char *const keys[FARLEY_NKINDS][4] = {
		[FARLEY_COMPANY] = { "name", "domain", NULL },
		[FARLEY_CONTACT] = { "name", "emails", "uid", NULL },
		[FARLEY_DEAL] = { "title", NULL },
		[FARLEY_INTERACTION] = { "message_id", NULL },
		[FARLEY_TASK] = { "title", NULL },
	};
	int ret = 0;
	if (!im->idx)
		return 0;
	for (int k = 0; k < FARLEY_NKINDS && !ret; k++) {
		struct loading ld = { im, (enum farley_kind)k, { 0 }, NULL };
		size_t first = im->n;
		if (k != FARLEY_COMPANY && k != FARLEY_INTERACTION)
			ret = farley_index_field_values(im->idx, ld.kind, company_key,
							note_company, &ld, err);
		if (!ret)
			ret = farley_index_field_values(im->idx, ld.kind, keys[k],
							note_key, &ld, err);
		for (size_t e = first; e < im->n; e++) {
			free(im->e[e].orig.id);
			im->e[e].orig.id = NULL;
		}
		farley_strmap_release(&ld.company);
	}
	return ret;
}

int farley_import_begin(struct farley_import **out, struct farley_repo *repo,
			struct farley_index *idx,
			const struct farley_import_opts *opts,
			struct farley_error *err)
{
	struct farley_import *im = xcalloc(1, sizeof(*im));
	int ret;
	im->repo = repo;
	im->idx = idx;
	im->lk.repo = repo;
	im->lk.idx = idx;
	if (opts)
		im->opts = *opts;
	if ((ret = load_keys(im, err))) {
		farley_import_free(im);
		return ret;
	}
	*out = im;
	return 0;
}

void farley_import_free(struct farley_import *im)
{
	if (!im)
		return;
	for (size_t i = 0; i < im->n; i++) {
		free(im->e[i].id);
		free(im->e[i].path);
		farley_record_release(&im->e[i].orig);
		farley_record_release(&im->e[i].rec);
	}
	free(im->e);
	farley_strmap_release(&im->keys);
	farley_strmap_release(&im->ids);
	for (size_t i = 0; i < im->nstr; i++)
		free(im->strings[i]);
	free(im->strings);
	free(im->plan);
	free(im);
}

const struct farley_import_plan *farley_import_plan(const struct farley_import *im,
						    size_t *n)
{
	*n = im->nplan;
	return im->plan;
}

void farley_import_summary(const struct farley_import *im,
			   struct farley_import_summary *sum)
{
	*sum = im->sum;
}

/* Rows ------------------------------------------------------------------- */

/* The record of an entry, loaded from its file the first time. */
static int entry_record(struct farley_import *im, size_t e,
			struct farley_error *err)
{
	struct entry *en = &im->e[e];
	int ret;
	if (en->state != EXISTING)
		return 0;
	if ((ret = farley_repo_load(im->repo, en->kind, en->id, en->path, &en->orig,
				    err)))
		return ret;
	farley_record_copy(&en->rec, &en->orig);
	en->state = LOADED;
	return 0;
}

/* A loaded record that the import leaves as it was: forget it, so memory
 * holds only what will be written. */
static void unload(struct farley_import *im, size_t e)
{
	struct entry *en = &im->e[e];
	if (en->state != LOADED)
		return;
	farley_record_release(&en->orig);
	farley_record_release(&en->rec);
	en->state = EXISTING;
}

/* References name records of this import first, then the repository. */
static int resolve(void *data, const char *field, const char *value,
		   enum farley_kind want, char **id, struct farley_error *err)
{
	struct farley_import *im = data;
	size_t e;
	if (farley_strmap_get(&im->ids, value, &e) && im->e[e].kind == want) {
		*id = xstrdup(value);
		return 0;
	}
	return farley_lookup_ref(&im->lk, field, value, want, id, err);
}

static int id_taken(void *data, const char *id)
{
	struct farley_import *im = data;
	size_t e;
	return farley_strmap_get(&im->ids, id, &e) || farley_lookup_exists(&im->lk, id);
}

static struct farley_create_env create_env(struct farley_import *im)
{
	struct farley_create_env env = { 0 };
	env.cfg = farley_repo_config(im->repo);
	env.owner = im->opts.owner;
	env.author = im->opts.author;
	env.today = farley_today();
	env.exists = id_taken;
	env.data = im;
	return env;
}

/* A new record: defaults (unless the row keeps its id: a lossless json
 * import), an id, a path; registered under its id and keys. */
static int add_entry(struct farley_import *im, struct farley_record *r,
		     const char *keep_id, const char *where, size_t *out,
		     struct farley_error *err)
{
	struct farley_create_env env = create_env(im);
	size_t e;
	int ret;
	if (keep_id) {
		if (!farley_id_valid(keep_id))
			return farley_error_set(err, FARLEY_EINVAL,
						"%s: '%s' is not a valid id", where, keep_id);
		if (id_taken(im, keep_id))
			return farley_error_set(err, FARLEY_EINVAL,
						"%s: the id '%s' is taken", where, keep_id);
		free(r->id);
		r->id = xstrdup(keep_id);
		free(r->path);
		r->path = farley_record_path(r->kind, keep_id,
					     farley_record_str(r, "date"));
	} else if ((ret = farley_record_new_id(r, NULL, &env, err))) {
		farley_error_prefix(err, "%s", where);
		return ret;
	}
	if ((ret = farley_record_validate(r, env.cfg, err))) {
		farley_error_prefix(err, "%s", where);
		return ret == FARLEY_EINVAL ? ret : FARLEY_EINVAL;
	}
	e = new_entry(im, r->kind, r->id, r->path, ADDED);
	farley_record_copy(&im->e[e].rec, r);
	keys_of_record(im, r, e);
	*out = e;
	return 0;
}

/* Start a new record of kind with the defaults `farley add` gives. */
static void defaults(struct farley_import *im, struct farley_record *r,
		     enum farley_kind kind, const char *title)
{
	struct farley_create_env env = create_env(im);
	farley_record_create(r, kind, title, &env);
}

/* The company a row names: found by domain or name, or created. */
static int company_for(struct farley_import *im, const char *name,
		       const char *domain, const char *where, char **id,
		       struct farley_error *err)
{
	struct strbuf key = STRBUF_INIT, dom = STRBUF_INIT;
	struct farley_record r = FARLEY_RECORD_INIT;
	size_t e;
	int ret = 0, have_dom = domain && !farley_domain_key(&dom, domain);
	if (have_dom && key_get(im, "d:", dom.buf, NULL, &e))
		goto found;
	farley_company_key(&key, name ? name : "");
	if (key.len && key_get(im, "c:", key.buf, NULL, &e))
		goto found;
	if (!name || !*name) {
		*id = NULL;
		goto out;
	}
	defaults(im, &r, FARLEY_COMPANY, name);
	if (have_dom)
		farley_record_set_str(&r, "domain", dom.buf);
	if ((ret = add_entry(im, &r, NULL, where, &e, err)))
		goto out;
	add_plan(im, where, FARLEY_IMPORT_ADD, FARLEY_COMPANY, im->e[e].id, NULL);
	im->sum.companies_added++;
found:
	*id = xstrdup(im->e[e].id);
out:
	strbuf_release(&key);
	strbuf_release(&dom);
	farley_record_release(&r);
	return ret;
}

/* The row's values applied to a fresh record. */
static int build(struct farley_import *im, const struct farley_import_row *row,
		 struct farley_record *r, struct farley_error *err)
{
	struct farley_assign_env env = { farley_repo_config(im->repo), resolve, im };
	struct strbuf desc = STRBUF_INIT;
	int ret = 0;
	for (size_t i = 0; i < row->n && !ret; i++) {
		struct farley_assign a = { (char *)row->v[i].field, FARLEY_ASSIGN_ADD,
					   (char *)row->v[i].value };
		const struct farley_fielddef *d;
		struct farley_field *f;
		if (!row->v[i].value || !*row->v[i].value)
			continue;
		d = farley_schema_field(row->kind, row->v[i].field);
		f = farley_record_get(r, row->v[i].field);
		/* lists gather their values; a scalar's first value wins */
		if (!farley_ftype_is_list(d->type) &&
		    !(d->type == FT_CUSTOM && f && f->type == FARLEY_V_LIST)) {
			if (f && strncmp(row->v[i].field, "address.", 8))
				continue;
			a.op = FARLEY_ASSIGN_SET;
		}
		ret = farley_assign_apply(&env, r, &a, &desc, err);
		if (ret) {
			const char *src = row->v[i].source ? row->v[i].source
							   : row->v[i].field;
			farley_error_prefix(err, "%s: column '%s'", row->where, src);
			ret = FARLEY_EINVAL;
		}
	}
	strbuf_release(&desc);
	return ret;
}

/* Which existing (or earlier) entry the built record is. */
static int match(struct farley_import *im, const struct farley_record *r,
		 size_t *e)
{
	const struct farley_field *f;
	const char *company = farley_record_str(r, "company");
	struct strbuf sb = STRBUF_INIT;
	int found = 0;
	switch (r->kind) {
	case FARLEY_CONTACT:
		f = farley_record_get(r, "emails");
		for (size_t i = 0; f && i < f->nitems && !found; i++)
			found = !farley_email_key(&sb, f->items[i].s) &&
				key_get(im, "e:", sb.buf, NULL, e);
		if (!found && farley_record_str(r, "uid"))
			found = key_get(im, "u:", farley_record_str(r, "uid"), NULL, e);
		if (!found) {
			farley_person_key(&sb, farley_record_str(r, "name"));
			found = sb.len && key_get(im, "n:", sb.buf, company ? company : "", e);
		}
		break;
	case FARLEY_COMPANY:
		if (farley_record_str(r, "domain") &&
		    !farley_domain_key(&sb, farley_record_str(r, "domain")))
			found = key_get(im, "d:", sb.buf, NULL, e);
		if (!found) {
			farley_company_key(&sb, farley_record_str(r, "name"));
			found = sb.len && key_get(im, "c:", sb.buf, NULL, e);
		}
		break;
	case FARLEY_DEAL:
	case FARLEY_TASK:
		farley_slugify(&sb, farley_record_str(r, "title"), 256);
		found = key_get(im, r->kind == FARLEY_DEAL ? "t:deal|" : "t:task|",
				sb.buf, company ? company : "", e);
		break;
	case FARLEY_INTERACTION:
		if (farley_record_str(r, "message_id"))
			found = key_get(im, "m:", farley_record_str(r, "message_id"),
					NULL, e);
		break;
	default:
		break;
	}
	strbuf_release(&sb);
	return found;
}

/* Bring what the row says into the matched record: a field it lacks is
 * added, a list gains the items it lacks; a different scalar is changed
 * only with --update.  The names of the fields changed go to changed. */
static void fill(struct farley_import *im, struct farley_record *to,
		 const struct farley_record *from, struct strbuf *changed)
{
	for (size_t i = 0; i < from->nfields; i++) {
		const struct farley_field *nf = &from->fields[i];
		struct farley_field *of = farley_record_get(to, nf->key);
		struct farley_field copy = { 0 };
		int differs = 0;
		if (!of) {
			differs = 1;
		} else if (of->type == FARLEY_V_LIST && nf->type == FARLEY_V_LIST) {
			for (size_t j = 0; j < nf->nitems; j++) {
				int has = 0;
				for (size_t k = 0; k < of->nitems && !has; k++)
					has = of->items[k].s && nf->items[j].s &&
					      !strcmp(of->items[k].s, nf->items[j].s);
				if (!has) {
					of->items = xrealloc(of->items, (of->nitems + 1) *
										sizeof(*of->items));
					memset(&of->items[of->nitems], 0,
					       sizeof(*of->items));
					of->items[of->nitems++].s = xstrdup(nf->items[j].s);
					differs = 2;
				}
			}
			if (differs)
				strbuf_addf(changed, "%s%s", changed->len ? ", " : "",
					    nf->key);
			continue;
		} else if (!farley_field_equal(of, nf) && im->opts.update) {
			differs = 1;
		}
		if (!differs)
			continue;
		farley_field_copy(&copy, nf);
		copy.flow = of ? of->flow : 0;
		farley_record_put(to, &copy);
		strbuf_addf(changed, "%s%s", changed->len ? ", " : "", nf->key);
	}
}

/* An interaction's people: the contacts it links, by address. */
static int link_people(struct farley_import *im, const struct farley_import_row *row,
		       struct farley_record *r, int *linked,
		       struct farley_error *err)
{
	struct strbuf key = STRBUF_INIT;
	int ret = 0;
	*linked = 0;
	for (size_t i = 0; i < row->npeople && !ret; i++) {
		const struct farley_import_person *p = &row->people[i];
		const char *id;
		size_t e;
		if (farley_email_key(&key, p->email))
			continue;
		if (!key_get(im, "e:", key.buf, NULL, &e)) {
			struct farley_record c = FARLEY_RECORD_INIT;
			const char *name = p->name && *p->name ? p->name : p->email;
			const char *v = key.buf;
			if (!im->opts.create_contacts)
				continue;
			defaults(im, &c, FARLEY_CONTACT, name);
			farley_record_set_list(&c, "emails", &v, 1);
			ret = add_entry(im, &c, NULL, row->where, &e, err);
			farley_record_release(&c);
			if (ret)
				break;
			add_plan(im, row->where, FARLEY_IMPORT_ADD, FARLEY_CONTACT,
				 im->e[e].id, NULL);
			im->sum.added++;
		}
		id = im->e[e].id;
		farley_record_add_item(r, "contacts", id);
		(*linked)++;
		/* the first contact's company comes along */
		if (!farley_record_get(r, "company") && !entry_record(im, e, err)) {
			const char *c = farley_record_str(&im->e[e].rec, "company");
			if (c)
				farley_record_set_str(r, "company", c);
		}
		farley_error_clear(err);
	}
	strbuf_release(&key);
	return ret;
}

/* What a row (or record) says, brought into the entry it matched: filled
 * in, checked, planned as update or same.  A result farley would refuse
 * leaves the entry as it was. */
static int take_match(struct farley_import *im, size_t e,
		      const struct farley_record *r, const char *where,
		      struct farley_error *err)
{
	struct farley_record before = FARLEY_RECORD_INIT;
	struct strbuf changed = STRBUF_INIT;
	struct entry *en;
	int ret;
	if ((ret = entry_record(im, e, err)))
		return ret;
	en = &im->e[e];
	farley_record_copy(&before, &en->rec);
	fill(im, &en->rec, r, &changed);
	if (changed.len &&
	    (ret = farley_record_validate(&en->rec, farley_repo_config(im->repo), err))) {
		farley_error_prefix(err, "%s", where);
		farley_record_copy(&en->rec, &before);
		ret = FARLEY_EINVAL;
		goto out;
	}
	if (changed.len) {
		if (en->state == LOADED)
			en->state = CHANGED;
		keys_of_record(im, &en->rec, e);
		add_plan(im, where, FARLEY_IMPORT_UPDATE, r->kind, en->id, changed.buf);
		im->sum.updated++;
	} else {
		add_plan(im, where, FARLEY_IMPORT_SAME, r->kind, en->id, NULL);
		im->sum.unchanged++;
		unload(im, e);
	}
out:
	farley_record_release(&before);
	strbuf_release(&changed);
	return ret;
}

int farley_import_row(struct farley_import *im, const struct farley_import_row *row,
		      struct farley_error *err)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	const char *title_field = farley_kind_title_field(row->kind);
	char *company = NULL;
	size_t e;
	int ret = 0, linked = 0;

	r.kind = row->kind;
	if ((ret = build(im, row, &r, err)))
		goto bad;
	if (!farley_record_str(&r, title_field) && row->kind != FARLEY_INTERACTION) {
		/* a contact known only by address is named after it */
		const struct farley_field *em = farley_record_get(&r, "emails");
		if (row->kind == FARLEY_CONTACT && em && em->nitems) {
			farley_record_set_str(&r, "name", em->items[0].s);
		} else {
			add_plan(im, row->where, FARLEY_IMPORT_SKIP, row->kind, NULL,
				 "no name");
			im->sum.skipped++;
			goto out;
		}
	}
	if ((row->company && *row->company) || row->company_domain) {
		if ((ret = company_for(im, row->company, row->company_domain,
				       row->where, &company, err)))
			goto bad;
		if (company && !farley_record_get(&r, "company"))
			farley_record_set_str(&r, "company", company);
	}
	if (row->kind == FARLEY_INTERACTION && (row->npeople || row->people)) {
		if ((ret = link_people(im, row, &r, &linked, err)))
			goto bad;
		if (!linked && !farley_record_get(&r, "contacts")) {
			add_plan(im, row->where, FARLEY_IMPORT_SKIP, row->kind, NULL,
				 "no known correspondent");
			im->sum.skipped++;
			goto out;
		}
	}

	if (match(im, &r, &e)) {
		if ((ret = take_match(im, e, &r, row->where, err)))
			goto bad;
		goto out;
	}

	/* new: the defaults first, then what the row says over them */
	if (!row->id) {
		struct farley_record d = FARLEY_RECORD_INIT;
		defaults(im, &d, row->kind, farley_record_str(&r, title_field)
						    ? farley_record_str(&r, title_field)
						    : "");
		if (row->kind == FARLEY_INTERACTION)
			farley_record_remove(&d, "summary");
		for (size_t i = 0; i < d.nfields; i++)
			if (!farley_record_get(&r, d.fields[i].key)) {
				struct farley_field copy = { 0 };
				farley_field_copy(&copy, &d.fields[i]);
				farley_record_put(&r, &copy);
			}
		farley_record_release(&d);
		farley_record_sort(&r);
	}
	if ((ret = add_entry(im, &r, row->id, row->where, &e, err)))
		goto bad;
	add_plan(im, row->where, FARLEY_IMPORT_ADD, row->kind, im->e[e].id, NULL);
	im->sum.added++;
	goto out;
bad:
	if (ret == FARLEY_EINVAL || ret == FARLEY_EUSAGE || ret == FARLEY_ENOTFOUND ||
	    ret == FARLEY_EAMBIG) {
		im->sum.bad++;
		ret = FARLEY_EINVAL;
	}
out:
	farley_record_release(&r);
	free(company);
	return ret;
}

int farley_import_record(struct farley_import *im, const char *where,
			 const struct farley_record *r, struct farley_error *err)
{
	struct farley_record copy = FARLEY_RECORD_INIT;
	size_t e;
	int ret, found = farley_strmap_get(&im->ids, r->id, &e);
	if (!found) {
		enum farley_kind kind;
		char *id = NULL, *path = NULL;
		struct farley_error ignore = FARLEY_ERROR_INIT;
		if (!farley_lookup_resolve(&im->lk, r->id, r->kind, &kind, &id, &path,
					   &ignore) && !strcmp(id, r->id)) {
			e = new_entry(im, kind, id, path, EXISTING);
			found = 1;
		}
		free(id);
		free(path);
		farley_error_clear(&ignore);
	}
	if (found && im->e[e].kind != r->kind) {
		ret = farley_error_set(err, FARLEY_EINVAL, "%s: '%s' is a %s here, not a %s",
				       where, r->id, farley_kind_name(im->e[e].kind),
				       farley_kind_name(r->kind));
		im->sum.bad++;
		goto out;
	}
	if (found) {
		if ((ret = take_match(im, e, r, where, err)) == FARLEY_EINVAL)
			im->sum.bad++;
		goto out;
	}
	farley_record_copy(&copy, r);
	if ((ret = add_entry(im, &copy, r->id, where, &e, err))) {
		im->sum.bad++;
		ret = FARLEY_EINVAL;
		goto out;
	}
	add_plan(im, where, FARLEY_IMPORT_ADD, r->kind, im->e[e].id, NULL);
	im->sum.added++;
out:
	farley_record_release(&copy);
	return ret;
}

int farley_import_stage(struct farley_import *im, struct farley_txn *txn,
			size_t *nfiles, struct farley_error *err)
{
	struct strbuf text = STRBUF_INIT;
	int ret = 0;
	*nfiles = 0;
	for (size_t i = 0; i < im->n && !ret; i++) {
		struct entry *en = &im->e[i];
		if (en->state != ADDED && en->state != CHANGED)
			continue;
		strbuf_reset(&text);
		if (en->state == CHANGED)
			ret = farley_yaml_edit(&en->orig, &en->rec, &text, err);
		else
			farley_yaml_write(&text, &en->rec);
		if (!ret)
			ret = farley_txn_put(txn, en->path, text.buf, text.len, err);
		if (!ret)
			(*nfiles)++;
		/* the transaction has the text now: the records can go */
		farley_record_release(&en->orig);
		farley_record_release(&en->rec);
	}
	strbuf_release(&text);
	return ret;
}
