/* report-snapshot.c: what a report reads.  A snapshot is the repository
 * now (through the index) or as it was at the end of a past day (the tree
 * of the last first-parent commit on or before it, with that commit's own
 * farley.yaml); this file opens one and loads its rows: records of a kind,
 * deals with their stage, value and probability, the last interaction
 * with a record. */
#include "repo-private.h"
#include "report-private.h"
#include "farley/ids.h"
#include "farley/yamlrec.h"

#include <stdlib.h>

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
int farley_snapshot_load(struct farley_snapshot *s, enum farley_kind kind,
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
		/* the selection and its records from one view of the index */
		if ((ret = farley_index_read_begin(s->idx, err)))
			return ret;
		if ((ret = farley_index_select(s->idx, &q, &rids, &n, err))) {
			farley_index_read_end(s->idx);
			return ret;
		}
		s->recs[kind] = xcalloc(n + 1, sizeof(struct farley_record));
		for (size_t i = 0; i < n && !ret; i++) {
			struct farley_record *r = &s->recs[kind][i];
			r->kind = FARLEY_NOKIND;
			strbuf_init(&r->text, 0);
			ret = farley_index_record(s->idx, rids[i], r, err);
			s->nrecs[kind] = i + 1;
		}
		farley_index_read_end(s->idx);
		free(rids);
		return ret;
	}
}

/* Deals ---------------------------------------------------------------- */

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

int farley_snapshot_deals(struct farley_snapshot *s, const struct farley_report_opts *o,
			  struct deal **out, size_t *n, struct farley_error *err)
{
	int ret = farley_snapshot_load(s, FARLEY_DEAL, err);
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

/* Pipeline and forecast need only the typed columns: one query, no
 * record rebuilt (the snapshot keeps the strings until it is freed). */
int farley_snapshot_deal_columns(struct farley_snapshot *s,
				 const struct farley_report_opts *o,
				 struct deal **out, size_t *n, struct farley_error *err)
{
	struct light l = { s, NULL, 0, 0, NULL, 0, 0 };
	int ret;
	if (s->tree || !s->idx)
		return farley_snapshot_deals(s, o, out, n, err);
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

/* The last interaction day per id named in a field of interactions. */
int32_t farley_snapshot_last_interaction(struct farley_snapshot *s, const char *field,
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
