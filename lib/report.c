/* report.c: pipeline, forecast, follow-ups and analytics over a snapshot
 * of the repository (the index now, or a past commit's tree). */
#include "index-private.h" /* deal rows, deal transitions */
#include "repo-private.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/index.h"
#include "farley/money.h"
#include "farley/report.h"
#include "farley/yamlrec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct farley_snapshot {
	struct farley_repo *repo;
	struct farley_index *idx;
	int32_t today;
	char commit[GIT_OID_HEXSZ + 1];
	struct farley_config cfg; /* the snapshot's own farley.yaml */
	int own_cfg;
	struct farley_record *recs[FARLEY_NKINDS];
	size_t nrecs[FARLEY_NKINDS];
	int loaded[FARLEY_NKINDS];
	git_tree *tree; /* the past commit's tree, or NULL for now */
	char **strs;    /* strings the deals of deals_light() borrow */
	size_t nstrs, salloc;
};

int32_t farley_snapshot_today(const struct farley_snapshot *s)
{
	return s->today;
}

const char *farley_snapshot_commit(const struct farley_snapshot *s)
{
	return s->commit[0] ? s->commit : NULL;
}

/* The last commit on HEAD's first-parent line whose committer date is on
 * or before the end of day (UTC). */
static int commit_as_of(struct farley_repo *repo, int32_t day, git_oid *out,
			struct farley_error *err)
{
	git_oid id;
	git_commit *c = NULL;
	int64_t limit = (int64_t)day * 86400 + 86399;
	if (git_reference_name_to_id(&id, repo->git, "HEAD") < 0)
		return farley_error_set(err, FARLEY_ENOTFOUND,
					"the repository has no commits");
	for (;;) {
		git_commit *parent = NULL;
		if (git_commit_lookup(&c, repo->git, &id) < 0)
			return farley_git_error(err, "cannot read history");
		if ((int64_t)git_commit_time(c) <= limit) {
			git_oid_cpy(out, &id);
			git_commit_free(c);
			return 0;
		}
		if (git_commit_parentcount(c) == 0 || git_commit_parent(&parent, c, 0) < 0) {
			git_commit_free(c);
			return farley_error_set(err, FARLEY_ENOTFOUND,
						"no commit on or before that date");
		}
		git_oid_cpy(&id, git_commit_id(parent));
		git_commit_free(parent);
		git_commit_free(c);
	}
}

int farley_snapshot_open(struct farley_snapshot **out, struct farley_repo *repo,
			 struct farley_index *idx, const char *as_of,
			 struct farley_error *err)
{
	struct farley_snapshot *s = xcalloc(1, sizeof(*s));
	int ret = 0;
	s->repo = repo;
	s->idx = idx;
	s->today = farley_today();
	s->cfg = repo->config;
	if (as_of) {
		int32_t day;
		git_oid id;
		git_commit *c = NULL;
		git_tree_entry *te = NULL;
		if (farley_date_expr(as_of, &day)) {
			free(s);
			return farley_error_set(err, FARLEY_EUSAGE,
						"--as-of '%s' is not a date (YYYY-MM-DD)",
						as_of);
		}
		s->today = day;
		if ((ret = commit_as_of(repo, day, &id, err)))
			goto fail;
		git_oid_tostr(s->commit, sizeof(s->commit), &id);
		if (git_commit_lookup(&c, repo->git, &id) < 0 ||
		    git_commit_tree(&s->tree, c) < 0) {
			git_commit_free(c);
			ret = farley_git_error(err, "cannot read that commit");
			goto fail;
		}
		git_commit_free(c);
		/* the stages as they were then */
		if (git_tree_entry_bypath(&te, s->tree, "farley.yaml") == 0) {
			git_blob *b = NULL;
			struct farley_config cfg;
			struct farley_error cerr = FARLEY_ERROR_INIT;
			if (git_blob_lookup(&b, repo->git, git_tree_entry_id(te)) == 0 &&
			    !farley_config_parse(&cfg, git_blob_rawcontent(b),
						 (size_t)git_blob_rawsize(b), "farley.yaml",
						 &cerr)) {
				s->cfg = cfg;
				s->own_cfg = 1;
			}
			farley_error_clear(&cerr);
			git_blob_free(b);
			git_tree_entry_free(te);
		}
	}
	*out = s;
	return 0;
fail:
	farley_snapshot_free(s);
	return ret;
}

void farley_snapshot_free(struct farley_snapshot *s)
{
	if (!s)
		return;
	for (int k = 0; k < FARLEY_NKINDS; k++) {
		for (size_t i = 0; i < s->nrecs[k]; i++)
			farley_record_release(&s->recs[k][i]);
		free(s->recs[k]);
	}
	if (s->own_cfg)
		farley_config_release(&s->cfg);
	for (size_t i = 0; i < s->nstrs; i++)
		free(s->strs[i]);
	free(s->strs);
	git_tree_free(s->tree);
	free(s);
}

/* Loading records ------------------------------------------------------ */

struct tree_walk {
	struct farley_snapshot *s;
	enum farley_kind kind;
	size_t alloc;
	int ret;
	struct farley_error *err;
};

static int tree_record(const char *root, const git_tree_entry *e, void *data)
{
	struct tree_walk *w = data;
	struct strbuf path = STRBUF_INIT, id = STRBUF_INIT;
	enum farley_kind kind;
	git_blob *b = NULL;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	strbuf_addf(&path, "%s/%s%s", farley_kind_dir(w->kind), root,
		    git_tree_entry_name(e));
	if (!farley_path_record(path.buf, &kind, &id) && farley_id_valid(id.buf) &&
	    git_blob_lookup(&b, w->s->repo->git, git_tree_entry_id(e)) == 0 &&
	    git_blob_rawsize(b) <= FARLEY_MAX_FILE) {
		struct farley_record r = FARLEY_RECORD_INIT;
		struct farley_error perr = FARLEY_ERROR_INIT;
		r.kind = kind;
		r.id = xstrdup(id.buf);
		r.path = xstrdup(path.buf);
		if (!farley_yaml_parse(&r, git_blob_rawcontent(b),
				       (size_t)git_blob_rawsize(b), &perr) &&
		    !farley_record_validate(&r, &w->s->cfg, &perr)) {
			ALLOC_GROW(w->s->recs[kind], w->s->nrecs[kind] + 1, w->alloc);
			w->s->recs[kind][w->s->nrecs[kind]++] = r;
		} else {
			farley_record_release(&r); /* invalid then: skipped, as ls does */
		}
		farley_error_clear(&perr);
	}
	git_blob_free(b);
	strbuf_release(&path);
	strbuf_release(&id);
	return 0;
}

/* Every valid record of a kind in the snapshot, parsed. */
static int load(struct farley_snapshot *s, enum farley_kind kind,
		struct farley_error *err)
{
	if (s->loaded[kind])
		return 0;
	s->loaded[kind] = 1;
	if (s->tree) {
		struct tree_walk w = { s, kind, 0, 0, err };
		git_tree_entry *te = NULL;
		git_tree *sub = NULL;
		if (git_tree_entry_bypath(&te, s->tree, farley_kind_dir(kind)) == 0 &&
		    git_tree_entry_type(te) == GIT_OBJECT_TREE &&
		    git_tree_lookup(&sub, s->repo->git, git_tree_entry_id(te)) == 0)
			git_tree_walk(sub, GIT_TREEWALK_PRE, tree_record, &w);
		git_tree_free(sub);
		git_tree_entry_free(te);
		return w.ret;
	} else {
		struct farley_query q = { 0 };
		int64_t *rids = NULL;
		size_t n = 0;
		int ret;
		q.kind = kind;
		q.sort = "id";
		if ((ret = farley_index_select(s->idx, &q, &rids, &n, err)))
			return ret;
		s->recs[kind] = xcalloc(n + 1, sizeof(struct farley_record));
		for (size_t i = 0; i < n && !ret; i++) {
			struct farley_record *r = &s->recs[kind][i];
			r->kind = FARLEY_NOKIND;
			strbuf_init(&r->text, 0);
			ret = farley_index_record(s->idx, rids[i], r, err);
			s->nrecs[kind] = i + 1;
		}
		free(rids);
		return ret;
	}
}

static const char *str(const struct farley_record *r, const char *key)
{
	return farley_record_str(r, key);
}

static int owner_ok(const struct farley_record *r, const struct farley_report_opts *o)
{
	const char *owner = str(r, "owner");
	return !o->owner || (owner && !strcmp(owner, o->owner));
}

/* Deals ---------------------------------------------------------------- */

struct deal {
	const struct farley_record *r;
	const struct farley_stage *stage;
	const char *currency;
	int64_t value;   /* cents; 0 when absent */
	int32_t prob;    /* millionths: the deal's own, else its stage's */
	int has_close;
	int32_t close;
};

struct light {
	struct farley_snapshot *s;
	struct deal *d;
	size_t n, alloc;
	char **strs; /* the currencies, owned */
	size_t nstrs, salloc;
};

static const char *intern(struct light *l, const char *v)
{
	for (size_t i = 0; i < l->nstrs; i++)
		if (!strcmp(l->strs[i], v))
			return l->strs[i];
	ALLOC_GROW(l->strs, l->nstrs + 1, l->salloc);
	return l->strs[l->nstrs++] = xstrdup(v);
}

static void light_deal(const struct farley_deal_row *r, void *data)
{
	struct light *l = data;
	struct deal *d;
	const struct farley_stage *stage = r->stage ? farley_config_stage(&l->s->cfg, r->stage)
						    : NULL;
	if (!stage)
		return;
	ALLOC_GROW(l->d, l->n + 1, l->alloc);
	d = &l->d[l->n++];
	memset(d, 0, sizeof(*d));
	d->stage = stage;
	d->currency = intern(l, r->currency ? r->currency : l->s->cfg.currency);
	d->value = r->value;
	d->prob = r->has_prob ? r->prob : stage->probability;
	d->has_close = r->has_close;
	d->close = r->close;
}

/* Pipeline and forecast need only the typed columns: one query, no
 * record rebuilt (the snapshot keeps the strings until it is freed). */
static int deals_light(struct farley_snapshot *s, const struct farley_report_opts *o,
		       struct deal **out, size_t *n, struct farley_error *err);

static int deals(struct farley_snapshot *s, const struct farley_report_opts *o,
		 struct deal **out, size_t *n, struct farley_error *err)
{
	int ret = load(s, FARLEY_DEAL, err);
	size_t m = 0;
	if (ret)
		return ret;
	*out = xcalloc(s->nrecs[FARLEY_DEAL] + 1, sizeof(**out));
	for (size_t i = 0; i < s->nrecs[FARLEY_DEAL]; i++) {
		const struct farley_record *r = &s->recs[FARLEY_DEAL][i];
		struct deal *d = &(*out)[m];
		const char *v = str(r, "value"), *p = str(r, "probability");
		const char *c = str(r, "close"), *cur = str(r, "currency");
		if (!owner_ok(r, o) || !str(r, "stage"))
			continue;
		d->r = r;
		d->stage = farley_config_stage(&s->cfg, str(r, "stage"));
		if (!d->stage)
			continue; /* a stage the snapshot's farley.yaml does not know */
		d->currency = cur ? cur : s->cfg.currency;
		if (v && farley_money_parse(v, &d->value))
			d->value = 0;
		if (!p || farley_prob_parse(p, &d->prob))
			d->prob = d->stage->probability;
		d->has_close = c && !farley_date_parse(c, &d->close);
		m++;
	}
	*n = m;
	return 0;
}

static void money_node(struct farley_node *map, const char *key, int64_t cents,
		       const char *currency)
{
	struct strbuf sb = STRBUF_INIT;
	struct farley_node *n;
	farley_money_format(&sb, cents);
	n = farley_node_add(map, key, farley_node_new(FARLEY_N_MONEY, sb.buf));
	n->currency = currency ? xstrdup(currency) : NULL;
	strbuf_release(&sb);
}

static void int_node(struct farley_node *map, const char *key, long long v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", v);
	farley_node_add(map, key, farley_node_new(FARLEY_N_NUM, buf));
}

struct sums {
	long long count;
	int64_t value;
	farley_wide weighted;
};

static void add_deal(struct sums *s, const struct deal *d)
{
	s->count++;
	s->value += d->value;
	s->weighted += farley_money_weight(d->value, d->prob);
}

static void sums_node(struct farley_node *map, const struct sums *s,
		      const char *currency)
{
	int_node(map, "count", s->count);
	money_node(map, "value", s->value, currency);
	money_node(map, "weighted", farley_wide_to_cents(s->weighted), currency);
}

/* The currencies of these deals, the repository's own first. */
static size_t currencies(const struct farley_snapshot *s, const struct deal *d,
			 size_t n, const char ***out)
{
	const char **c = xcalloc(n + 2, sizeof(*c));
	size_t k = 0;
	c[k++] = s->cfg.currency;
	for (size_t i = 0; i < n; i++) {
		size_t j;
		for (j = 0; j < k && strcmp(c[j], d[i].currency); j++)
			;
		if (j == k)
			c[k++] = d[i].currency;
	}
	if (k > 2)
		qsort(c + 1, k - 1, sizeof(*c), (int (*)(const void *, const void *))strcmp);
	*out = c;
	return k;
}

/* The repository's currency is always shown; others only with deals. */
static void keep_currency(struct farley_node *list, struct farley_node *doc, int keep)
{
	if (keep)
		farley_node_add(list, NULL, doc);
	else
		farley_node_free(doc);
}

/* One currency: the object itself, as SPEC 4 shows; several: the list. */
static struct farley_node *one_or_list(struct farley_node *list)
{
	struct farley_node *one;
	if (list->n != 1)
		return list;
	one = list->kids[0];
	list->n = 0;
	farley_node_free(list);
	return one;
}

static int deals_light(struct farley_snapshot *s, const struct farley_report_opts *o,
		       struct deal **out, size_t *n, struct farley_error *err)
{
	struct light l = { s, NULL, 0, 0, NULL, 0, 0 };
	int ret;
	if (s->tree || !s->idx)
		return deals(s, o, out, n, err);
	ret = farley_index_deals(s->idx, o->owner, light_deal, &l, err);
	/* the snapshot owns the currency strings from now on */
	for (size_t i = 0; i < l.nstrs; i++) {
		ALLOC_GROW(s->strs, s->nstrs + 1, s->salloc);
		s->strs[s->nstrs++] = l.strs[i];
	}
	free(l.strs);
	*out = l.d ? l.d : xcalloc(1, sizeof(**out));
	*n = l.n;
	return ret;
}

int farley_report_pipeline(struct farley_snapshot *s,
			   const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err)
{
	struct deal *d = NULL;
	const char **cur = NULL;
	size_t n = 0, ncur;
	struct farley_node *list;
	int ret = deals_light(s, o, &d, &n, err);
	if (ret)
		return ret;
	ncur = currencies(s, d, n, &cur);
	list = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t c = 0; c < ncur; c++) {
		struct farley_node *doc = farley_node_new(FARLEY_N_MAP, NULL);
		struct farley_node *stages;
		struct sums total = { 0 };
		int any = 0;
		farley_node_add_str(doc, "currency", cur[c]);
		stages = farley_node_add(doc, "stages", farley_node_new(FARLEY_N_LIST, NULL));
		for (size_t st = 0; st < s->cfg.nstages; st++) {
			const struct farley_stage *stage = &s->cfg.stages[st];
			struct sums sum = { 0 };
			struct farley_node *row;
			if (stage->closed != FARLEY_OPEN)
				continue;
			for (size_t i = 0; i < n; i++)
				if (d[i].stage == stage && !strcmp(d[i].currency, cur[c]))
					add_deal(&sum, &d[i]);
			row = farley_node_add(stages, NULL, farley_node_new(FARLEY_N_MAP, NULL));
			farley_node_add_str(row, "stage", stage->name);
			sums_node(row, &sum, cur[c]);
			total.count += sum.count;
			total.value += sum.value;
			total.weighted += sum.weighted;
			any |= sum.count > 0;
		}
		sums_node(farley_node_add(doc, "total", farley_node_new(FARLEY_N_MAP, NULL)),
			  &total, cur[c]);
		keep_currency(list, doc, c == 0 || any);
	}
	*out = one_or_list(list);
	free(cur);
	free(d);
	return 0;
}

/* Periods ---------------------------------------------------------------- */

static int32_t period_start(int32_t day, int quarter)
{
	int y, m, dd;
	farley_civil_from_days(day, &y, &m, &dd);
	if (quarter)
		m = (m - 1) / 3 * 3 + 1;
	return farley_days_from_civil(y, m, 1);
}

static int32_t period_next(int32_t start, int quarter)
{
	struct farley_interval iv = { quarter ? 3 : 1, 'm' };
	return farley_interval_add(start, &iv, 1);
}

static void period_name(char *buf, size_t n, int32_t start, int quarter)
{
	int y, m, d;
	farley_civil_from_days(start, &y, &m, &d);
	if (quarter)
		snprintf(buf, n, "%04d-Q%d", y, (m - 1) / 3 + 1);
	else
		snprintf(buf, n, "%04d-%02d", y, m);
}

int farley_report_forecast(struct farley_snapshot *s,
			   const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err)
{
	struct deal *d = NULL;
	const char **cur = NULL;
	size_t n = 0, ncur;
	struct farley_node *list;
	int32_t from, to, today = s->today;
	int q = o->by_quarter, ret = deals_light(s, o, &d, &n, err);
	if (ret)
		return ret;
	from = period_start(o->from ? o->from : today, q);
	if (o->to) {
		to = o->to;
	} else {
		to = from;
		for (int i = 0; i < 6; i++)
			to = period_next(to, q);
		to--;
	}
	if (to < from) {
		free(d);
		return farley_error_set(err, FARLEY_EUSAGE, "--to is before --from");
	}
	ncur = currencies(s, d, n, &cur);
	list = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t c = 0; c < ncur; c++) {
		struct farley_node *doc = farley_node_new(FARLEY_N_MAP, NULL), *periods;
		struct sums overdue = { 0 }, undated = { 0 };
		int any = 0;
		farley_node_add_str(doc, "currency", cur[c]);
		farley_node_add_str(doc, "by", q ? "quarter" : "month");
		periods = farley_node_add(doc, "periods", farley_node_new(FARLEY_N_LIST, NULL));
		for (int32_t p = from; p <= to; p = period_next(p, q)) {
			int32_t end = period_next(p, q);
			struct sums sum = { 0 };
			int64_t won = 0;
			long long nwon = 0;
			char name[32];
			struct farley_node *row;
			for (size_t i = 0; i < n; i++) {
				const struct deal *x = &d[i];
				if (strcmp(x->currency, cur[c]) || !x->has_close ||
				    x->close < p || x->close >= end)
					continue;
				if (x->stage->closed == FARLEY_WON) {
					won += x->value;
					nwon++;
				} else if (x->stage->closed == FARLEY_OPEN && x->close >= today) {
					add_deal(&sum, x);
				}
			}
			period_name(name, sizeof(name), p, q);
			row = farley_node_add(periods, NULL, farley_node_new(FARLEY_N_MAP, NULL));
			farley_node_add_str(row, "period", name);
			sums_node(row, &sum, cur[c]);
			money_node(row, "won", won, cur[c]);
			int_node(row, "won_count", nwon);
			any |= sum.count || nwon;
		}
		for (size_t i = 0; i < n; i++) {
			const struct deal *x = &d[i];
			if (strcmp(x->currency, cur[c]) || x->stage->closed != FARLEY_OPEN)
				continue;
			if (!x->has_close)
				add_deal(&undated, x);
			else if (x->close < today)
				add_deal(&overdue, x);
		}
		sums_node(farley_node_add(doc, "overdue", farley_node_new(FARLEY_N_MAP, NULL)),
			  &overdue, cur[c]);
		sums_node(farley_node_add(doc, "undated", farley_node_new(FARLEY_N_MAP, NULL)),
			  &undated, cur[c]);
		any |= overdue.count || undated.count;
		keep_currency(list, doc, c == 0 || any);
	}
	*out = one_or_list(list);
	free(cur);
	free(d);
	return 0;
}

/* Follow-ups --------------------------------------------------------------- */

struct due_row {
	int32_t due;
	struct farley_node *node;
};

static int cmp_due(const void *a, const void *b)
{
	const struct due_row *x = a, *y = b;
	const char *ix = farley_node_get(x->node, "id")->text;
	const char *iy = farley_node_get(y->node, "id")->text;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return strcmp(ix, iy);
}

static void date_node(struct farley_node *map, const char *key, int32_t day)
{
	struct strbuf sb = STRBUF_INIT;
	farley_date_format(&sb, day);
	farley_node_add(map, key, farley_node_new(FARLEY_N_DATE, sb.buf));
	strbuf_release(&sb);
}

static void add_due(struct due_row **rows, size_t *n, size_t *alloc, int32_t due,
		    int32_t today, const char *kind, const struct farley_record *r,
		    const char *note)
{
	struct farley_node *m = farley_node_new(FARLEY_N_MAP, NULL);
	char buf[96];
	int32_t late = today - due;
	date_node(m, "due", due);
	farley_node_add_str(m, "kind", kind);
	farley_node_add_str(m, "id", r->id);
	farley_node_add_str(m, "name", farley_record_title(r));
	int_node(m, "days", (long long)(due - today));
	if (note)
		snprintf(buf, sizeof(buf), "%s", note);
	else if (late > 0)
		snprintf(buf, sizeof(buf), "%d day%s overdue", late, late == 1 ? "" : "s");
	else if (late == 0)
		snprintf(buf, sizeof(buf), "due today");
	else if (late == -1)
		snprintf(buf, sizeof(buf), "due tomorrow");
	else
		snprintf(buf, sizeof(buf), "due in %d days", -late);
	farley_node_add_str(m, "note", buf);
	farley_node_add_str(m, "owner", str(r, "owner"));
	ALLOC_GROW(*rows, *n + 1, *alloc);
	(*rows)[*n].due = due;
	(*rows)[(*n)++].node = m;
}

/* The last interaction day per id named in a field of interactions. */
static int32_t last_interaction(struct farley_snapshot *s, const char *field,
				const char *id)
{
	int32_t last = INT32_MIN;
	for (size_t j = 0; j < s->nrecs[FARLEY_INTERACTION]; j++) {
		const struct farley_record *x = &s->recs[FARLEY_INTERACTION][j];
		struct farley_field *f = farley_record_get(x, field);
		struct farley_datetime dt;
		int hit = 0;
		if (!f)
			continue;
		if (f->type == FARLEY_V_LIST) {
			for (size_t k = 0; k < f->nitems && !hit; k++)
				hit = f->items[k].s && !strcmp(f->items[k].s, id);
		} else {
			hit = f->v.s && !strcmp(f->v.s, id);
		}
		if (hit && !farley_datetime_parse(str(x, "date"), &dt) && dt.day > last &&
		    dt.day <= s->today)
			last = dt.day;
	}
	return last;
}

int farley_report_due(struct farley_snapshot *s, const struct farley_report_opts *o,
		      struct farley_node **out, struct farley_error *err)
{
	struct due_row *rows = NULL;
	size_t n = 0, alloc = 0;
	int32_t today = s->today, horizon = today + o->days;
	int ret;
	if ((ret = load(s, FARLEY_TASK, err)) || (ret = load(s, FARLEY_CONTACT, err)) ||
	    (ret = load(s, FARLEY_INTERACTION, err)))
		return ret;
	for (size_t i = 0; i < s->nrecs[FARLEY_TASK]; i++) {
		const struct farley_record *r = &s->recs[FARLEY_TASK][i];
		const char *st = str(r, "status"), *due = str(r, "due");
		int32_t day;
		if ((st && !strcmp(st, "done")) || !due || farley_date_parse(due, &day) ||
		    day > horizon || !owner_ok(r, o))
			continue;
		add_due(&rows, &n, &alloc, day, today, "task", r, NULL);
	}
	/* contacts: their last interaction, then their interval */
	for (size_t i = 0; i < s->nrecs[FARLEY_CONTACT]; i++) {
		const struct farley_record *r = &s->recs[FARLEY_CONTACT][i];
		const char *every = str(r, "every"), *created = str(r, "created");
		struct farley_interval iv;
		int32_t last, next, c;
		char note[96];
		if (!every || farley_interval_parse(every, &iv) || !owner_ok(r, o))
			continue;
		last = last_interaction(s, "contacts", r->id);
		if (last == INT32_MIN) {
			if (created && !farley_date_parse(created, &c))
				last = c;
			else
				last = today - 100000;
		}
		next = farley_interval_add(last, &iv, 1);
		if (next > today)
			continue; /* in touch */
		if (last > today - 50000)
			snprintf(note, sizeof(note), "last contact %d days ago (every %s)",
				 today - last, every);
		else
			snprintf(note, sizeof(note), "never contacted (every %s)", every);
		add_due(&rows, &n, &alloc, next, today, "contact", r, note);
	}
	if (n)
		qsort(rows, n, sizeof(*rows), cmp_due);
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < n; i++)
		farley_node_add(*out, NULL, rows[i].node);
	free(rows);
	return 0;
}

/* Analytics ------------------------------------------------------------------ */

#include "farley/history.h"

static void real_node(struct farley_node *map, const char *key, double v, int places)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%.*f", places, v);
	farley_node_add(map, key, farley_node_new(FARLEY_N_NUM, buf));
}

static int stage_order(const struct farley_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nstages; i++)
		if (!strcmp(cfg->stages[i].name, name))
			return (int)i;
	return -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void transition_release(struct farley_transition *x)
{
	free(x->author);
	free(x->deal);
	free(x->field);
	free(x->old);
	free(x->new);
}

/* Keep only the transitions of one field (freeing the others). */
static void keep_field(struct farley_transition *t, size_t *n, const char *field)
{
	size_t m = 0;
	for (size_t i = 0; i < *n; i++) {
		if (!strcmp(t[i].field, field))
			t[m++] = t[i];
		else
			transition_release(&t[i]);
	}
	*n = m;
}

/* The transitions of one field, in time order, up to the snapshot. */
static int transitions(struct farley_snapshot *s, struct farley_transition **t,
		       size_t *n, struct farley_error *err)
{
	int ret = farley_history_deals(s->repo, s->idx, t, n, err);
	int64_t limit = (int64_t)s->today * 86400 + 86399;
	size_t m = 0;
	if (ret)
		return ret;
	for (size_t i = 0; i < *n; i++) {
		if ((*t)[i].time <= limit) {
			(*t)[m++] = (*t)[i];
		} else {
			/* after the as-of date: not part of this snapshot */
			transition_release(&(*t)[i]);
		}
	}
	*n = m;
	return 0;
}

static int cmp_deal_time(const void *a, const void *b)
{
	const struct farley_transition *x = a, *y = b;
	int c = strcmp(x->deal, y->deal);
	if (c)
		return c;
	return x->time < y->time ? -1 : x->time > y->time;
}

/* The changes of one field, grouped by deal, each deal's in time order. */
static int field_transitions(struct farley_snapshot *s, const char *field,
			     struct farley_transition **t, size_t *n,
			     struct farley_error *err)
{
	int ret = transitions(s, t, n, err);
	if (ret)
		return ret;
	keep_field(*t, n, field);
	if (*n)
		qsort(*t, *n, sizeof(**t), cmp_deal_time);
	return 0;
}

/* report stages: days in each stage, conversion, deals that went back. */
static int report_stages(struct farley_snapshot *s, const struct farley_report_opts *o,
			 struct farley_node **out, struct farley_error *err)
{
	struct farley_transition *t = NULL;
	size_t n = 0, ns = s->cfg.nstages;
	double **days = xcalloc(ns + 1, sizeof(*days));
	size_t *ndays = xcalloc(ns + 1, sizeof(*ndays));
	long long *reached = xcalloc(ns + 1, sizeof(*reached));
	long long *advanced = xcalloc(ns + 1, sizeof(*advanced));
	struct farley_node *doc, *rows, *back;
	int ret = field_transitions(s, "stage", &t, &n, err);
	(void)o;
	if (ret)
		goto out;
	doc = farley_node_new(FARLEY_N_MAP, NULL);
	back = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		char *seen = xcalloc(ns + 1, 1);
		int max_order = -1;
		while (j < n && !strcmp(t[j].deal, t[i].deal))
			j++;
		for (size_t k = i; k < j; k++) {
			int from = t[k].old ? stage_order(&s->cfg, t[k].old) : -1;
			int to = t[k].new ? stage_order(&s->cfg, t[k].new) : -1;
			if (to >= 0)
				seen[to] = 1;
			/* the stay in `from` ended now */
			if (k > i && from >= 0) {
				double d = (double)(t[k].time - t[k - 1].time) / 86400.0;
				days[from] = xrealloc(days[from], (ndays[from] + 1) * sizeof(double));
				days[from][ndays[from]++] = d;
			}
			if (from >= 0 && to >= 0 && s->cfg.stages[from].closed != FARLEY_LOST &&
			    s->cfg.stages[to].closed != FARLEY_LOST && to < from) {
				struct farley_node *b = farley_node_add(back, NULL,
									farley_node_new(FARLEY_N_MAP, NULL));
				char date[16];
				int y, m, dd;
				farley_civil_from_days((int32_t)(t[k].time / 86400), &y, &m, &dd);
				snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, dd);
				farley_node_add_str(b, "deal", t[k].deal);
				farley_node_add_str(b, "from", t[k].old);
				farley_node_add_str(b, "to", t[k].new);
				farley_node_add(b, "date", farley_node_new(FARLEY_N_DATE, date));
				farley_node_add_str(b, "author", t[k].author);
			}
		}
		/* conversion: of the deals that reached a stage, those that later
		 * reached one further along (lost is not further along) */
		for (size_t st = 0; st < ns; st++)
			if (seen[st] && s->cfg.stages[st].closed != FARLEY_LOST)
				max_order = (int)st;
		for (size_t st = 0; st < ns; st++) {
			if (!seen[st] || s->cfg.stages[st].closed != FARLEY_OPEN)
				continue;
			reached[st]++;
			if (max_order > (int)st)
				advanced[st]++;
		}
		free(seen);
		i = j;
	}
	rows = farley_node_add(doc, "stages", farley_node_new(FARLEY_N_LIST, NULL));
	for (size_t st = 0; st < ns; st++) {
		struct farley_node *r;
		double sum = 0;
		if (s->cfg.stages[st].closed != FARLEY_OPEN)
			continue;
		r = farley_node_add(rows, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(r, "stage", s->cfg.stages[st].name);
		for (size_t k = 0; k < ndays[st]; k++)
			sum += days[st][k];
		int_node(r, "stays", (long long)ndays[st]);
		real_node(r, "average_days", ndays[st] ? sum / (double)ndays[st] : 0, 1);
		real_node(r, "median_days", median(days[st], ndays[st]), 1);
		int_node(r, "reached", reached[st]);
		int_node(r, "advanced", advanced[st]);
		real_node(r, "conversion", reached[st] ? (double)advanced[st] / (double)reached[st] : 0, 3);
	}
	farley_node_add(doc, "backwards", back);
	*out = doc;
out:
	for (size_t st = 0; st <= ns; st++)
		free(days[st]);
	free(days);
	free(ndays);
	free(reached);
	free(advanced);
	farley_transitions_free(t, n);
	return ret;
}

/* report slips: close dates pushed back. */
static int report_slips(struct farley_snapshot *s, const struct farley_report_opts *o,
			struct farley_node **out, struct farley_error *err)
{
	struct farley_transition *t = NULL;
	size_t n = 0;
	struct farley_node *doc, *rows;
	long long total = 0, total_days = 0;
	int ret = field_transitions(s, "close", &t, &n, err);
	(void)o;
	if (ret)
		return ret;
	doc = farley_node_new(FARLEY_N_MAP, NULL);
	rows = farley_node_add(doc, "deals", farley_node_new(FARLEY_N_LIST, NULL));
	for (size_t i = 0; i < n;) {
		size_t j = i;
		long long slips = 0, pushed = 0;
		const char *first = NULL, *last = NULL;
		while (j < n && !strcmp(t[j].deal, t[i].deal))
			j++;
		for (size_t k = i; k < j; k++) {
			int32_t a, b;
			if (!first && t[k].old)
				first = t[k].old;
			if (t[k].new)
				last = t[k].new;
			if (t[k].old && t[k].new && !farley_date_parse(t[k].old, &a) &&
			    !farley_date_parse(t[k].new, &b) && b > a) {
				slips++;
				pushed += b - a;
			}
		}
		if (slips) {
			struct farley_node *r = farley_node_add(rows, NULL,
								farley_node_new(FARLEY_N_MAP, NULL));
			farley_node_add_str(r, "deal", t[i].deal);
			int_node(r, "slips", slips);
			int_node(r, "days", pushed);
			farley_node_add(r, "first_close", farley_node_new(FARLEY_N_DATE, first));
			farley_node_add(r, "close", farley_node_new(FARLEY_N_DATE, last));
			total += slips;
			total_days += pushed;
		}
		i = j;
	}
	{
		struct farley_node *tot = farley_node_add(doc, "total",
							  farley_node_new(FARLEY_N_MAP, NULL));
		int_node(tot, "deals", (long long)rows->n);
		int_node(tot, "slips", total);
		int_node(tot, "days", total_days);
	}
	farley_transitions_free(t, n);
	*out = doc;
	return 0;
}

/* Group key of a closed deal for winrate. */
static void winrate_group(struct farley_node *rows, const char *by, struct deal *d,
			  size_t n, const char *currency)
{
	struct acc {
		char *key;
		long long won, lost;
		int64_t won_value, lost_value;
	} *a = NULL;
	size_t na = 0, alloc = 0;
	for (size_t i = 0; i < n; i++) {
		char key[64];
		const char *k;
		size_t j;
		if (d[i].stage->closed == FARLEY_OPEN || strcmp(d[i].currency, currency))
			continue;
		if (!strcmp(by, "period")) {
			int y, m, dd;
			if (!d[i].has_close)
				continue;
			farley_civil_from_days(d[i].close, &y, &m, &dd);
			snprintf(key, sizeof(key), "%04d-Q%d", y, (m - 1) / 3 + 1);
			k = key;
		} else {
			k = str(d[i].r, by);
			if (!k)
				k = "(none)";
		}
		for (j = 0; j < na && strcmp(a[j].key, k); j++)
			;
		if (j == na) {
			ALLOC_GROW(a, na + 1, alloc);
			memset(&a[na], 0, sizeof(*a));
			a[na++].key = xstrdup(k);
		}
		if (d[i].stage->closed == FARLEY_WON) {
			a[j].won++;
			a[j].won_value += d[i].value;
		} else {
			a[j].lost++;
			a[j].lost_value += d[i].value;
		}
	}
	for (size_t j = 0; j < na; j++) {
		struct farley_node *r = farley_node_add(rows, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		int64_t tv = a[j].won_value + a[j].lost_value;
		farley_node_add_str(r, "by", by);
		farley_node_add_str(r, "group", a[j].key);
		int_node(r, "won", a[j].won);
		int_node(r, "lost", a[j].lost);
		real_node(r, "rate", (double)a[j].won / (double)(a[j].won + a[j].lost), 3);
		money_node(r, "won_value", a[j].won_value, currency);
		money_node(r, "lost_value", a[j].lost_value, currency);
		real_node(r, "value_rate", tv ? (double)a[j].won_value / (double)tv : 0, 3);
		free(a[j].key);
	}
	free(a);
}

static int report_winrate(struct farley_snapshot *s, const struct farley_report_opts *o,
			  struct farley_node **out, struct farley_error *err)
{
	struct deal *d = NULL;
	size_t n = 0;
	int ret = deals(s, o, &d, &n, err);
	if (ret)
		return ret;
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	winrate_group(*out, "period", d, n, s->cfg.currency);
	winrate_group(*out, "owner", d, n, s->cfg.currency);
	winrate_group(*out, "source", d, n, s->cfg.currency);
	free(d);
	return 0;
}

static int report_velocity(struct farley_snapshot *s, const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err)
{
	struct deal *d = NULL;
	size_t n = 0;
	long long open = 0, won = 0, lost = 0, cycles = 0;
	int64_t won_value = 0;
	double cycle_days = 0, rate, avg, cycle, velocity;
	const char *cur = s->cfg.currency;
	int ret = deals(s, o, &d, &n, err);
	struct farley_node *doc;
	if (ret)
		return ret;
	for (size_t i = 0; i < n; i++) {
		const char *created = str(d[i].r, "created");
		int32_t c;
		if (strcmp(d[i].currency, cur))
			continue;
		if (d[i].stage->closed == FARLEY_OPEN) {
			open++;
		} else if (d[i].stage->closed == FARLEY_WON) {
			won++;
			won_value += d[i].value;
			if (created && !farley_date_parse(created, &c) && d[i].has_close &&
			    d[i].close >= c) {
				cycle_days += d[i].close - c;
				cycles++;
			}
		} else {
			lost++;
		}
	}
	rate = won + lost ? (double)won / (double)(won + lost) : 0;
	avg = won ? (double)won_value / 100.0 / (double)won : 0;
	cycle = cycles ? cycle_days / (double)cycles : 0;
	velocity = cycle > 0 ? (double)open * avg * rate / cycle : 0;
	doc = farley_node_new(FARLEY_N_MAP, NULL);
	farley_node_add_str(doc, "currency", cur);
	int_node(doc, "open_deals", open);
	real_node(doc, "average_won_value", avg, 2);
	real_node(doc, "win_rate", rate, 3);
	real_node(doc, "average_cycle_days", cycle, 1);
	real_node(doc, "velocity_per_day", velocity, 2);
	*out = doc;
	free(d);
	return 0;
}

static int report_stalled(struct farley_snapshot *s, const struct farley_report_opts *o,
			  struct farley_node **out, struct farley_error *err)
{
	struct deal *d = NULL;
	struct farley_transition *t = NULL;
	size_t n = 0, nt = 0;
	int ret;
	if ((ret = deals(s, o, &d, &n, err)) || (ret = load(s, FARLEY_INTERACTION, err)) ||
	    (ret = transitions(s, &t, &nt, err))) {
		free(d);
		return ret;
	}
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < n; i++) {
		int32_t last = INT32_MIN, c, x;
		const char *created = str(d[i].r, "created");
		struct farley_node *r;
		char note[64];
		if (d[i].stage->closed != FARLEY_OPEN)
			continue;
		for (size_t k = 0; k < nt; k++)
			if (!strcmp(t[k].field, "stage") && !strcmp(t[k].deal, d[i].r->id) &&
			    (int32_t)(t[k].time / 86400) > last)
				last = (int32_t)(t[k].time / 86400);
		if ((x = last_interaction(s, "deal", d[i].r->id)) > last)
			last = x;
		if (created && !farley_date_parse(created, &c) && c > last)
			last = c;
		if (last != INT32_MIN && s->today - last < s->cfg.stale_days)
			continue;
		r = farley_node_add(*out, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(r, "id", d[i].r->id);
		farley_node_add_str(r, "title", farley_record_title(d[i].r));
		farley_node_add_str(r, "stage", d[i].stage->name);
		money_node(r, "value", d[i].value, d[i].currency);
		if (last != INT32_MIN) {
			date_node(r, "last_activity", last);
			int_node(r, "days", s->today - last);
			snprintf(note, sizeof(note), "quiet for %d days", s->today - last);
		} else {
			snprintf(note, sizeof(note), "no activity known");
		}
		farley_node_add_str(r, "note", note);
		farley_node_add_str(r, "owner", str(d[i].r, "owner"));
	}
	farley_transitions_free(t, nt);
	free(d);
	return 0;
}

static int report_activity(struct farley_snapshot *s, const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err)
{
	struct acc {
		char key[128];
		char week[16], owner[48], channel[24];
		long long n;
	} *a = NULL;
	size_t na = 0, alloc = 0;
	int ret = load(s, FARLEY_INTERACTION, err);
	if (ret)
		return ret;
	for (size_t i = 0; i < s->nrecs[FARLEY_INTERACTION]; i++) {
		const struct farley_record *x = &s->recs[FARLEY_INTERACTION][i];
		struct farley_datetime dt;
		char week[16], key[128];
		const char *owner = str(x, "owner"), *ch = str(x, "channel");
		int32_t monday;
		int y, m, d;
		size_t j;
		if (!owner_ok(x, o) || farley_datetime_parse(str(x, "date"), &dt) ||
		    (o->from && dt.day < o->from) || (o->to && dt.day > o->to) ||
		    dt.day > s->today)
			continue;
		/* weeks start on Monday (1970-01-01 was a Thursday) */
		monday = dt.day - ((dt.day + 3) % 7 + 7) % 7;
		farley_civil_from_days(monday, &y, &m, &d);
		snprintf(week, sizeof(week), "%04d-%02d-%02d", y, m, d);
		snprintf(key, sizeof(key), "%s|%s|%s", week, owner ? owner : "", ch ? ch : "");
		for (j = 0; j < na && strcmp(a[j].key, key); j++)
			;
		if (j == na) {
			ALLOC_GROW(a, na + 1, alloc);
			memset(&a[na], 0, sizeof(*a));
			snprintf(a[na].key, sizeof(a[na].key), "%s", key);
			snprintf(a[na].week, sizeof(a[na].week), "%s", week);
			snprintf(a[na].owner, sizeof(a[na].owner), "%s", owner ? owner : "");
			snprintf(a[na].channel, sizeof(a[na].channel), "%s", ch ? ch : "");
			na++;
		}
		a[j].n++;
	}
	if (na)
		qsort(a, na, sizeof(*a), (int (*)(const void *, const void *))strcmp);
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t j = 0; j < na; j++) {
		struct farley_node *r = farley_node_add(*out, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add(r, "week", farley_node_new(FARLEY_N_DATE, a[j].week));
		farley_node_add_str(r, "owner", a[j].owner);
		farley_node_add_str(r, "channel", a[j].channel);
		int_node(r, "count", a[j].n);
	}
	free(a);
	return 0;
}

/* Per company with won deals: recency, frequency, monetary value. */
struct rfm {
	const struct farley_record *c;
	int32_t last;
	long long freq;
	int64_t money;
	int r, f, m;
};

static int score(double v, double *sorted, size_t n)
{
	size_t below = 0;
	while (below < n && sorted[below] < v)
		below++;
	return n ? 1 + (int)(below * 5 / n) : 3;
}

static int report_rfm(struct farley_snapshot *s, const struct farley_report_opts *o,
		      struct farley_node **out, struct farley_error *err, int dormant_days)
{
	struct deal *d = NULL;
	size_t n = 0, nr = 0;
	struct rfm *v;
	double *rec, *fre, *mon;
	int ret;
	if ((ret = deals(s, o, &d, &n, err)) || (ret = load(s, FARLEY_COMPANY, err)) ||
	    (ret = load(s, FARLEY_INTERACTION, err))) {
		free(d);
		return ret;
	}
	v = xcalloc(s->nrecs[FARLEY_COMPANY] + 1, sizeof(*v));
	for (size_t i = 0; i < s->nrecs[FARLEY_COMPANY]; i++) {
		const struct farley_record *c = &s->recs[FARLEY_COMPANY][i];
		struct rfm x = { c, INT32_MIN, 0, 0, 0, 0, 0 };
		int32_t li;
		for (size_t k = 0; k < n; k++) {
			const char *comp = str(d[k].r, "company");
			if (d[k].stage->closed != FARLEY_WON || !comp || strcmp(comp, c->id))
				continue;
			x.freq++;
			x.money += d[k].value;
			if (d[k].has_close && d[k].close > x.last && d[k].close <= s->today)
				x.last = d[k].close;
		}
		if (!x.freq)
			continue;
		if ((li = last_interaction(s, "company", c->id)) > x.last)
			x.last = li;
		v[nr++] = x;
	}
	rec = xcalloc(nr + 1, sizeof(double));
	fre = xcalloc(nr + 1, sizeof(double));
	mon = xcalloc(nr + 1, sizeof(double));
	for (size_t i = 0; i < nr; i++) {
		rec[i] = v[i].last == INT32_MIN ? -1e9 : v[i].last;
		fre[i] = (double)v[i].freq;
		mon[i] = (double)v[i].money;
	}
	qsort(rec, nr, sizeof(double), cmp_double);
	qsort(fre, nr, sizeof(double), cmp_double);
	qsort(mon, nr, sizeof(double), cmp_double);
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < nr; i++) {
		struct rfm *x = &v[i];
		struct farley_node *r;
		const char *seg;
		int quiet = x->last == INT32_MIN ? 100000 : s->today - x->last;
		if (dormant_days && quiet < dormant_days)
			continue;
		x->r = score(x->last == INT32_MIN ? -1e9 : x->last, rec, nr);
		x->f = score((double)x->freq, fre, nr);
		x->m = score((double)x->money, mon, nr);
		seg = x->r >= 4 && x->f >= 4 ? "champions"
		      : x->r >= 3 && x->f >= 3 ? "loyal"
		      : x->r >= 4 ? "recent"
		      : x->r <= 2 && x->f >= 3 ? "at risk"
		      : x->r <= 2 ? "hibernating" : "needs attention";
		r = farley_node_add(*out, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(r, "id", x->c->id);
		farley_node_add_str(r, "name", farley_record_title(x->c));
		if (x->last != INT32_MIN)
			date_node(r, "last", x->last);
		int_node(r, "days_quiet", quiet);
		int_node(r, "won_deals", x->freq);
		money_node(r, "won_value", x->money, s->cfg.currency);
		if (!dormant_days) {
			int_node(r, "r", x->r);
			int_node(r, "f", x->f);
			int_node(r, "m", x->m);
			farley_node_add_str(r, "segment", seg);
		}
	}
	free(rec);
	free(fre);
	free(mon);
	free(v);
	free(d);
	return 0;
}

/* Forecast accuracy: for each past month, what the forecast said at its
 * start (from history) against what was won in it (now). */
static int report_accuracy(struct farley_snapshot *s, const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err)
{
	int32_t to = period_start(o->to ? o->to : s->today, 0);
	int32_t from = o->from ? period_start(o->from, 0) : to;
	int ret = 0;
	struct farley_report_opts fo = *o;
	struct deal *now = NULL;
	size_t nnow = 0;
	if (!o->from)
		for (int i = 0; i < 6; i++) {
			struct farley_interval one = { 1, 'm' };
			from = farley_interval_add(from, &one, -1);
		}
	if ((ret = deals(s, o, &now, &nnow, err)))
		return ret;
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (int32_t p = from; p < to && !ret; p = period_next(p, 0)) {
		struct farley_snapshot *past = NULL;
		struct farley_error perr = FARLEY_ERROR_INIT;
		struct strbuf day = STRBUF_INIT;
		int32_t end = period_next(p, 0);
		farley_wide said = 0;
		int64_t won = 0;
		char name[32];
		struct farley_node *r;
		farley_date_format(&day, p - 1); /* the end of the day before */
		if (!farley_snapshot_open(&past, s->repo, s->idx, day.buf, &perr)) {
			struct deal *pd = NULL;
			size_t np = 0;
			if (!deals(past, &fo, &pd, &np, &perr))
				for (size_t i = 0; i < np; i++)
					if (pd[i].stage->closed == FARLEY_OPEN && pd[i].has_close &&
					    pd[i].close >= p && pd[i].close < end &&
					    !strcmp(pd[i].currency, s->cfg.currency))
						said += farley_money_weight(pd[i].value, pd[i].prob);
			free(pd);
		}
		farley_error_clear(&perr);
		farley_snapshot_free(past);
		strbuf_release(&day);
		for (size_t i = 0; i < nnow; i++)
			if (now[i].stage->closed == FARLEY_WON && now[i].has_close &&
			    now[i].close >= p && now[i].close < end &&
			    !strcmp(now[i].currency, s->cfg.currency))
				won += now[i].value;
		period_name(name, sizeof(name), p, 0);
		r = farley_node_add(*out, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(r, "period", name);
		money_node(r, "forecast", farley_wide_to_cents(said), s->cfg.currency);
		money_node(r, "won", won, s->cfg.currency);
		money_node(r, "difference", won - farley_wide_to_cents(said), s->cfg.currency);
	}
	free(now);
	return ret;
}

int farley_report_named(struct farley_snapshot *s, const char *name,
			const struct farley_report_opts *o,
			struct farley_node **out, struct farley_error *err)
{
	*out = NULL;
	if (!strcmp(name, "stages"))
		return report_stages(s, o, out, err);
	if (!strcmp(name, "slips"))
		return report_slips(s, o, out, err);
	if (!strcmp(name, "winrate"))
		return report_winrate(s, o, out, err);
	if (!strcmp(name, "velocity"))
		return report_velocity(s, o, out, err);
	if (!strcmp(name, "stalled"))
		return report_stalled(s, o, out, err);
	if (!strcmp(name, "activity"))
		return report_activity(s, o, out, err);
	if (!strcmp(name, "rfm"))
		return report_rfm(s, o, out, err, 0);
	if (!strcmp(name, "dormant"))
		return report_rfm(s, o, out, err, o->days > 0 ? o->days : 90);
	if (!strcmp(name, "accuracy"))
		return report_accuracy(s, o, out, err);
	return farley_error_set(err, FARLEY_EUSAGE,
				"unknown report '%s' (winrate, velocity, stages, slips, "
				"accuracy, stalled, activity, rfm, dormant, html)",
				name);
}
