/* unite.c: farley merge's library part -- two records made one, every
 * reference to the one that goes moved to the one that stays. */
#include "farley/unite.h"
#include "farley/index.h"
#include "farley/lookup.h"
#include "farley/names.h"
#include "farley/repo.h"
#include "farley/yamlrec.h"

#include <stdlib.h>
#include <string.h>

#define MERGED_FIELD "merged"

const char *farley_unite_action_name(enum farley_unite_action a)
{
	static const char *const names[] = { "take", "conflict", "note", "relink",
					     "remove" };
	return (size_t)a < sizeof(names) / sizeof(*names) ? names[a] : "?";
}

static void add_step(struct farley_unite_plan *plan,
		     enum farley_unite_action action, const char *record,
		     const char *field, const char *value, const char *other)
{
	struct farley_unite_step *s;
	ALLOC_GROW(plan->steps, plan->n + 1, plan->alloc);
	s = &plan->steps[plan->n++];
	s->action = action;
	s->record = xstrdup(record ? record : "");
	s->field = field ? xstrdup(field) : NULL;
	s->value = value ? xstrdup(value) : NULL;
	s->other = other ? xstrdup(other) : NULL;
}

void farley_unite_plan_release(struct farley_unite_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->n; i++) {
		free(plan->steps[i].record);
		free(plan->steps[i].field);
		free(plan->steps[i].value);
		free(plan->steps[i].other);
	}
	free(plan->steps);
	memset(plan, 0, sizeof(*plan));
}

/* Fields ------------------------------------------------------------------ */

static int scalar_empty(const struct farley_scalar *s)
{
	return !s->s || !*s->s;
}

static int field_empty(const struct farley_field *f)
{
	if (!f)
		return 1;
	switch (f->type) {
	case FARLEY_V_SCALAR:
		return scalar_empty(&f->v);
	case FARLEY_V_LIST:
		for (size_t i = 0; i < f->nitems; i++)
			if (!scalar_empty(&f->items[i]))
				return 0;
		return 1;
	case FARLEY_V_MAP:
		for (size_t i = 0; i < f->nsub; i++)
			if (!field_empty(&f->sub[i]))
				return 0;
		return 1;
	}
	return 1;
}

static void field_text(struct strbuf *sb, const struct farley_field *f)
{
	strbuf_reset(sb);
	switch (f->type) {
	case FARLEY_V_SCALAR:
		strbuf_addstr(sb, f->v.s ? f->v.s : "");
		break;
	case FARLEY_V_LIST:
		for (size_t i = 0; i < f->nitems; i++)
			strbuf_addf(sb, "%s%s", i ? ", " : "",
				    f->items[i].s ? f->items[i].s : "");
		break;
	case FARLEY_V_MAP:
		for (size_t i = 0; i < f->nsub; i++)
			strbuf_addf(sb, "%s%s: %s", i ? ", " : "", f->sub[i].key,
				    f->sub[i].v.s ? f->sub[i].v.s : "");
		break;
	}
}

/* How a list item is compared: e-mail addresses case aside, phone
 * numbers by their national number, anything else as written. */
static void item_key(struct strbuf *out, const char *field, const char *s)
{
	if (!strcmp(field, "emails") && !farley_email_key(out, s))
		return;
	if (!strcmp(field, "phones") && !farley_phone_key(out, s))
		return;
	strbuf_reset(out);
	strbuf_addstr(out, s);
}

static int list_has(const struct farley_field *list, const char *item)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int found = 0;
	item_key(&a, list->key, item);
	for (size_t i = 0; i < list->nitems && !found; i++) {
		if (!list->items[i].s)
			continue;
		item_key(&b, list->key, list->items[i].s);
		found = !strcmp(a.buf, b.buf);
	}
	strbuf_release(&a);
	strbuf_release(&b);
	return found;
}

static void list_append(struct farley_field *list, const struct farley_scalar *s)
{
	list->items = xrealloc(list->items, (list->nitems + 1) * sizeof(*list->items));
	list->items[list->nitems] = *s;
	list->items[list->nitems].s = xstrdup(s->s);
	list->items[list->nitems].line = list->items[list->nitems].col = 0;
	list->nitems++;
}

/* A scalar as a list of that one item (a hand-written "tags: vip"). */
static void as_list(struct farley_field *f)
{
	struct farley_scalar one = f->v;
	if (f->type != FARLEY_V_SCALAR)
		return;
	f->type = FARLEY_V_LIST;
	memset(&f->v, 0, sizeof(f->v));
	f->items = NULL;
	f->nitems = 0;
	if (!scalar_empty(&one)) {
		list_append(f, &one);
	}
	free(one.s);
}

static void take_list(struct farley_record *keep, const struct farley_field *fo,
		      struct farley_unite_plan *plan)
{
	struct farley_field nf;
	struct farley_field one = *fo;
	struct strbuf added = STRBUF_INIT;
	const struct farley_scalar *items = fo->items;
	size_t n = fo->nitems;
	farley_field_copy(&nf, farley_record_get(keep, fo->key));
	as_list(&nf);
	if (fo->type == FARLEY_V_SCALAR) {
		items = &one.v;
		n = 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (scalar_empty(&items[i]) || list_has(&nf, items[i].s))
			continue;
		list_append(&nf, &items[i]);
		strbuf_addf(&added, "%s%s", added.len ? ", " : "", items[i].s);
	}
	if (added.len) {
		add_step(plan, FARLEY_UNITE_TAKE, keep->id, fo->key, added.buf, NULL);
		farley_record_put(keep, &nf);
	} else {
		farley_field_release(&nf);
	}
	strbuf_release(&added);
}

static struct farley_field *sub_get(const struct farley_field *map, const char *key)
{
	for (size_t i = 0; i < map->nsub; i++)
		if (!strcmp(map->sub[i].key, key))
			return &map->sub[i];
	return NULL;
}

static void take_map(struct farley_record *keep, const struct farley_field *fo,
		     int prefer_other, struct farley_unite_plan *plan)
{
	struct farley_field nf;
	struct strbuf name = STRBUF_INIT;
	int changed = 0;
	farley_field_copy(&nf, farley_record_get(keep, fo->key));
	for (size_t i = 0; i < fo->nsub; i++) {
		const struct farley_field *so = &fo->sub[i];
		struct farley_field *sk = sub_get(&nf, so->key);
		if (field_empty(so))
			continue;
		strbuf_reset(&name);
		strbuf_addf(&name, "%s.%s", fo->key, so->key);
		if (field_empty(sk)) {
			if (sk) {
				farley_field_release(sk);
				farley_field_copy(sk, so);
			} else {
				nf.sub = xrealloc(nf.sub, (nf.nsub + 1) * sizeof(*nf.sub));
				farley_field_copy(&nf.sub[nf.nsub++], so);
			}
			add_step(plan, FARLEY_UNITE_TAKE, keep->id, name.buf, so->v.s, NULL);
			changed = 1;
		} else if (strcmp(sk->v.s, so->v.s)) {
			add_step(plan, FARLEY_UNITE_CONFLICT, keep->id, name.buf,
				 prefer_other ? so->v.s : sk->v.s,
				 prefer_other ? sk->v.s : so->v.s);
			if (prefer_other) {
				free(sk->v.s);
				sk->v.s = xstrdup(so->v.s);
				changed = 1;
			}
		}
	}
	if (changed)
		farley_record_put(keep, &nf);
	else
		farley_field_release(&nf);
	strbuf_release(&name);
}

static int is_date(const char *s)
{
	return s && strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}

static void take_scalar(struct farley_record *keep, const struct farley_field *fo,
			int prefer_other, struct farley_unite_plan *plan)
{
	struct farley_field *fk = farley_record_get(keep, fo->key);
	struct strbuf kt = STRBUF_INIT, ot = STRBUF_INIT;
	struct farley_field nf;
	field_text(&kt, fk);
	field_text(&ot, fo);
	if (fk->type == fo->type && farley_field_equal(fk, fo))
		goto out;
	if (!strcmp(fo->key, "created") && is_date(fk->v.s) && is_date(fo->v.s)) {
		/* we knew them since the earlier of the two */
		if (strcmp(fo->v.s, fk->v.s) < 0) {
			add_step(plan, FARLEY_UNITE_TAKE, keep->id, fo->key, ot.buf, NULL);
			farley_field_copy(&nf, fo);
			farley_record_put(keep, &nf);
		}
		goto out;
	}
	add_step(plan, FARLEY_UNITE_CONFLICT, keep->id, fo->key,
		 prefer_other ? ot.buf : kt.buf, prefer_other ? kt.buf : ot.buf);
	if (prefer_other) {
		farley_field_copy(&nf, fo);
		farley_record_put(keep, &nf);
	}
out:
	strbuf_release(&kt);
	strbuf_release(&ot);
}

/* KEEP's `merged` gains OTHER's own and OTHER's id. */
static void note_merged(struct farley_record *keep,
			const struct farley_record *other,
			struct farley_unite_plan *plan)
{
	struct farley_field nf = { 0 };
	const struct farley_field *fk = farley_record_get(keep, MERGED_FIELD);
	const struct farley_field *fo = farley_record_get(other, MERGED_FIELD);
	struct farley_scalar id = { other->id, 0, 0, 0 };
	if (fk) {
		farley_field_copy(&nf, fk);
		as_list(&nf);
	} else {
		nf.key = xstrdup(MERGED_FIELD);
		nf.type = FARLEY_V_LIST;
	}
	if (fo) {
		struct farley_field ol;
		farley_field_copy(&ol, fo);
		as_list(&ol);
		for (size_t i = 0; i < ol.nitems; i++)
			if (!scalar_empty(&ol.items[i]) && !list_has(&nf, ol.items[i].s))
				list_append(&nf, &ol.items[i]);
		farley_field_release(&ol);
	}
	if (!list_has(&nf, other->id))
		list_append(&nf, &id);
	farley_record_put(keep, &nf);
	add_step(plan, FARLEY_UNITE_NOTE, keep->id, MERGED_FIELD, other->id, NULL);
}

void farley_unite_fields(struct farley_record *keep,
			 const struct farley_record *other, int prefer_other,
			 struct farley_unite_plan *plan)
{
	struct strbuf text = STRBUF_INIT;
	for (size_t i = 0; i < other->nfields; i++) {
		const struct farley_field *fo = &other->fields[i];
		struct farley_field *fk = farley_record_get(keep, fo->key);
		if (!strcmp(fo->key, MERGED_FIELD) || field_empty(fo))
			continue;
		if (field_empty(fk)) {
			struct farley_field nf;
			farley_field_copy(&nf, fo);
			field_text(&text, fo);
			add_step(plan, FARLEY_UNITE_TAKE, keep->id, fo->key, text.buf, NULL);
			farley_record_put(keep, &nf);
		} else if (fk->type == FARLEY_V_MAP && fo->type == FARLEY_V_MAP) {
			take_map(keep, fo, prefer_other, plan);
		} else if ((fk->type == FARLEY_V_LIST && fo->type != FARLEY_V_MAP) ||
			   (fo->type == FARLEY_V_LIST && fk->type != FARLEY_V_MAP)) {
			take_list(keep, fo, plan);
		} else {
			take_scalar(keep, fo, prefer_other, plan);
		}
	}
	note_merged(keep, other, plan);
	strbuf_release(&text);
}

/* References ---------------------------------------------------------------- */

size_t farley_unite_relink(struct farley_record *r, const char *from,
			   const char *to, struct farley_unite_plan *plan)
{
	size_t total = 0;
	for (size_t i = 0; i < r->nfields; i++) {
		struct farley_field *f = &r->fields[i];
		const struct farley_fielddef *d = farley_schema_field(r->kind, f->key);
		size_t moved = 0;
		if (d->type != FT_REF && d->type != FT_REFLIST)
			continue;
		if (f->type == FARLEY_V_SCALAR && f->v.s && !strcmp(f->v.s, from)) {
			free(f->v.s);
			f->v.s = xstrdup(to);
			moved++;
		} else if (f->type == FARLEY_V_LIST) {
			size_t out = 0;
			int seen = 0;
			for (size_t j = 0; j < f->nitems; j++)
				if (f->items[j].s && !strcmp(f->items[j].s, from)) {
					free(f->items[j].s);
					f->items[j].s = xstrdup(to);
					moved++;
				}
			/* KEEP twice now: the first stays */
			for (size_t j = 0; moved && j < f->nitems; j++) {
				int is_to = f->items[j].s && !strcmp(f->items[j].s, to);
				if (is_to && seen) {
					free(f->items[j].s);
					continue;
				}
				seen |= is_to;
				f->items[out++] = f->items[j];
			}
			if (moved)
				f->nitems = out;
		}
		if (moved && plan)
			add_step(plan, FARLEY_UNITE_RELINK, r->id, f->key, to, from);
		total += moved;
	}
	return total;
}

/* The whole merge -------------------------------------------------------- */

struct unite_file {
	char *path;
	struct strbuf text; /* NULL data: removed */
	int remove;
};

struct farley_unite {
	struct farley_record kept;
	struct farley_unite_plan plan;
	struct unite_file *files;
	size_t nfiles, alloc;
	struct strbuf message;
};

static void add_file(struct farley_unite *u, const char *path,
		     const struct strbuf *text)
{
	struct unite_file *f;
	ALLOC_GROW(u->files, u->nfiles + 1, u->alloc);
	f = &u->files[u->nfiles++];
	f->path = xstrdup(path);
	strbuf_init(&f->text, 0);
	f->remove = !text;
	if (text)
		strbuf_add(&f->text, text->buf, text->len);
}

/* The rendered text of want, an edit of orig. */
static int render(struct farley_repo *repo, const struct farley_record *orig,
		  const struct farley_record *want, struct strbuf *out,
		  struct farley_error *err)
{
	int ret = farley_record_validate(want, farley_repo_config(repo), err);
	return ret ? ret : farley_yaml_edit(orig, want, out, err);
}

static int cmp_rid(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* One referrer (by its rid): loaded from the work tree, relinked,
 * rendered, added to the files.  KEEP and OTHER themselves are done
 * apart. */
static int relink_one(struct farley_unite *u, struct farley_repo *repo,
		      struct farley_index *idx, int64_t rid, const char *keep,
		      const char *other, struct farley_error *err)
{
	struct farley_record where = FARLEY_RECORD_INIT;
	struct farley_record orig = FARLEY_RECORD_INIT, want = FARLEY_RECORD_INIT;
	struct strbuf text = STRBUF_INIT;
	size_t moved;
	int ret = farley_index_record(idx, rid, &where, err);
	if (ret || !strcmp(where.id, keep) || !strcmp(where.id, other))
		goto out;
	ret = farley_repo_load(repo, where.kind, where.id, where.path, &orig, err);
	if (ret)
		goto out;
	farley_record_copy(&want, &orig);
	moved = farley_unite_relink(&want, other, keep, &u->plan);
	u->plan.references += moved;
	if (moved && !(ret = render(repo, &orig, &want, &text, err)))
		add_file(u, orig.path, &text);
out:
	farley_record_release(&where);
	farley_record_release(&orig);
	farley_record_release(&want);
	strbuf_release(&text);
	return ret;
}

/* Every record referring to other, through any reference field, once. */
static int relink_referrers(struct farley_unite *u, struct farley_repo *repo,
			    struct farley_index *idx, const char *keep,
			    const char *other, struct farley_error *err)
{
	const char *const *fields = farley_schema_ref_fields();
	int64_t *all = NULL;
	size_t n = 0, alloc = 0;
	int ret = 0;
	for (size_t k = 0; fields[k] && !ret; k++) {
		int64_t *rids = NULL;
		size_t nr = 0;
		ret = farley_index_referrers(idx, other, FARLEY_NOKIND, fields[k],
					     &rids, &nr, err);
		for (size_t i = 0; !ret && i < nr; i++) {
			ALLOC_GROW(all, n + 1, alloc);
			all[n++] = rids[i];
		}
		free(rids);
	}
	if (n)
		qsort(all, n, sizeof(*all), cmp_rid);
	for (size_t i = 0; !ret && i < n; i++)
		if (!i || all[i] != all[i - 1])
			ret = relink_one(u, repo, idx, all[i], keep, other, err);
	free(all);
	return ret;
}

int farley_unite_prepare(struct farley_unite **out, struct farley_repo *repo,
			 struct farley_index *idx, const char *keep,
			 const char *other, const struct farley_unite_opts *opts,
			 struct farley_error *err)
{
	struct farley_lookup lk = { repo, idx };
	struct farley_unite *u = xcalloc(1, sizeof(*u));
	struct farley_record korig = FARLEY_RECORD_INIT, orec = FARLEY_RECORD_INIT;
	enum farley_kind kk, ok;
	char *kpath = NULL, *opath = NULL;
	struct strbuf text = STRBUF_INIT;
	int ret;

	*out = NULL;
	u->kept.kind = FARLEY_NOKIND;
	strbuf_init(&u->kept.text, 0);
	strbuf_init(&u->message, 0);
	if ((ret = farley_lookup_full(&lk, keep, &kk, &kpath, err)) ||
	    (ret = farley_lookup_full(&lk, other, &ok, &opath, err)))
		goto out;
	if (!strcmp(keep, other)) {
		ret = farley_error_set(err, FARLEY_EINVAL,
				       "cannot merge '%s' into itself", keep);
		goto out;
	}
	if (kk != ok) {
		ret = farley_error_set(err, FARLEY_EINVAL,
				       "'%s' is a %s and '%s' a %s: merge joins two "
				       "records of one kind",
				       keep, farley_kind_name(kk), other,
				       farley_kind_name(ok));
		goto out;
	}
	if (!idx) {
		ret = farley_error_set(err, FARLEY_EFAIL,
				       "merge finds references through the index");
		goto out;
	}
	if ((ret = farley_repo_load(repo, kk, keep, kpath, &korig, err)) ||
	    (ret = farley_repo_load(repo, ok, other, opath, &orec, err)))
		goto out;
	farley_record_copy(&u->kept, &korig);
	farley_unite_fields(&u->kept, &orec, opts && opts->prefer_other, &u->plan);
	/* KEEP's own references to OTHER (a deal's contacts, say) move too */
	u->plan.references += farley_unite_relink(&u->kept, other, keep, &u->plan);
	if ((ret = render(repo, &korig, &u->kept, &text, err)))
		goto out;
	add_file(u, korig.path, &text);
	if ((ret = relink_referrers(u, repo, idx, keep, other, err)))
		goto out;
	add_file(u, orec.path, NULL);
	add_step(&u->plan, FARLEY_UNITE_REMOVE, other, NULL, NULL, NULL);
	strbuf_addf(&u->message, "merge %s %s into %s: %zu reference%s moved",
		    farley_kind_name(kk), other, keep, u->plan.references,
		    u->plan.references == 1 ? "" : "s");
	*out = u;
	u = NULL;
out:
	farley_unite_free(u);
	farley_record_release(&korig);
	farley_record_release(&orec);
	free(kpath);
	free(opath);
	strbuf_release(&text);
	return ret;
}

const struct farley_unite_plan *farley_unite_plan(const struct farley_unite *u)
{
	return &u->plan;
}

const struct farley_record *farley_unite_kept(const struct farley_unite *u)
{
	return &u->kept;
}

const char *farley_unite_message(const struct farley_unite *u)
{
	return u->message.buf;
}

int farley_unite_stage(struct farley_unite *u, struct farley_txn *txn,
		       struct farley_error *err)
{
	for (size_t i = 0; i < u->nfiles; i++) {
		const struct unite_file *f = &u->files[i];
		int ret = farley_txn_put(txn, f->path, f->remove ? NULL : f->text.buf,
					 f->text.len, err);
		if (ret)
			return ret;
	}
	return 0;
}

void farley_unite_free(struct farley_unite *u)
{
	if (!u)
		return;
	farley_record_release(&u->kept);
	farley_unite_plan_release(&u->plan);
	for (size_t i = 0; i < u->nfiles; i++) {
		free(u->files[i].path);
		strbuf_release(&u->files[i].text);
	}
	free(u->files);
	strbuf_release(&u->message);
	free(u);
}
