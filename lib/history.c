/* history.c: field-level history of records, and deal transitions. */
#include "history-private.h"
#include "index-private.h"
#include "repo-private.h"
#include "farley/history.h"
#include "farley/ids.h"
#include "farley/yamlrec.h"
#include "farley/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_blob(struct farley_repo *repo, const git_oid *oid, const char *path,
		      enum farley_kind kind, struct farley_record *r)
{
	git_blob *b = NULL;
	struct farley_error err = FARLEY_ERROR_INIT;
	int ret = -1;
	r->kind = kind;
	r->path = xstrdup(path);
	if (git_blob_lookup(&b, repo->git, oid) == 0 &&
	    git_blob_rawsize(b) <= FARLEY_MAX_FILE)
		ret = farley_yaml_parse(r, git_blob_rawcontent(b),
					(size_t)git_blob_rawsize(b), &err);
	farley_error_clear(&err);
	git_blob_free(b);
	return ret;
}

/* A field's value as an output node (NULL field: JSON null). */
static struct farley_node *value_node(const struct farley_field *f)
{
	struct farley_node *n;
	if (!f || (f->type == FARLEY_V_SCALAR && !f->v.s))
		return farley_node_new(FARLEY_N_NULL, NULL);
	switch (f->type) {
	case FARLEY_V_SCALAR:
		return farley_node_new(FARLEY_N_STR, f->v.s);
	case FARLEY_V_LIST:
		n = farley_node_new(FARLEY_N_LIST, NULL);
		for (size_t i = 0; i < f->nitems; i++)
			farley_node_add_str(n, NULL, f->items[i].s);
		return n;
	case FARLEY_V_MAP:
		n = farley_node_new(FARLEY_N_MAP, NULL);
		for (size_t i = 0; i < f->nsub; i++)
			farley_node_add_str(n, f->sub[i].key, f->sub[i].v.s);
		return n;
	}
	return farley_node_new(FARLEY_N_NULL, NULL);
}

/* The changes from a to b (either may be empty), in b's field order. */
static struct farley_node *field_changes(const struct farley_record *a,
					 const struct farley_record *b)
{
	struct farley_node *list = farley_node_new(FARLEY_N_LIST, NULL);
	const struct farley_record *recs[2] = { b, a };
	for (int side = 0; side < 2; side++) {
		const struct farley_record *r = recs[side];
		for (size_t i = 0; r && i < r->nfields; i++) {
			const char *key = r->fields[i].key;
			struct farley_field *fa = a ? farley_record_get(a, key) : NULL;
			struct farley_field *fb = b ? farley_record_get(b, key) : NULL;
			struct farley_node *c;
			if (side == 1 && fb)
				continue; /* seen from b's side */
			if (fa && fb && farley_field_equal(fa, fb))
				continue;
			if ((!fa || (fa->type == FARLEY_V_SCALAR && !fa->v.s)) &&
			    (!fb || (fb->type == FARLEY_V_SCALAR && !fb->v.s)))
				continue;
			c = farley_node_add(list, NULL, farley_node_new(FARLEY_N_MAP, NULL));
			farley_node_add_str(c, "field", key);
			farley_node_add(c, "old", value_node(fa));
			farley_node_add(c, "new", value_node(fb));
		}
	}
	return list;
}

/* Where a record with this id lives in tree (another shard, a hand-made
 * flat file ...), for following renames. */
struct find {
	const char *want; /* "<id>.yaml" */
	struct strbuf path;
	git_oid oid;
	int found;
};

static int find_cb(const char *root, const git_tree_entry *e, void *data)
{
	struct find *f = data;
	if (f->found)
		return -1;
	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	    !strcmp(git_tree_entry_name(e), f->want)) {
		strbuf_addf(&f->path, "%s%s", root, git_tree_entry_name(e));
		git_oid_cpy(&f->oid, git_tree_entry_id(e));
		f->found = 1;
		return -1;
	}
	return 0;
}

static int locate(struct farley_repo *repo, git_tree *tree, enum farley_kind kind,
		  const char *id, struct strbuf *path, git_oid *oid)
{
	git_tree_entry *te = NULL;
	git_tree *sub = NULL;
	struct find f = { 0 };
	struct strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "%s.yaml", id);
	f.want = want.buf;
	strbuf_init(&f.path, 0);
	if (git_tree_entry_bypath(&te, tree, farley_kind_dir(kind)) == 0 &&
	    git_tree_entry_type(te) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&sub, repo->git, git_tree_entry_id(te)) == 0)
		git_tree_walk(sub, GIT_TREEWALK_PRE, find_cb, &f);
	if (f.found) {
		strbuf_reset(path);
		strbuf_addf(path, "%s/%s", farley_kind_dir(kind), f.path.buf);
		git_oid_cpy(oid, &f.oid);
	}
	git_tree_free(sub);
	git_tree_entry_free(te);
	strbuf_release(&f.path);
	strbuf_release(&want);
	return f.found ? 0 : -1;
}

static int blob_at(git_tree *tree, const char *path, git_oid *oid)
{
	git_tree_entry *te = NULL;
	int ok = tree && git_tree_entry_bypath(&te, tree, path) == 0 &&
		 git_tree_entry_type(te) == GIT_OBJECT_BLOB;
	if (ok)
		git_oid_cpy(oid, git_tree_entry_id(te));
	git_tree_entry_free(te);
	return ok ? 0 : -1;
}

static void iso_time(char *buf, size_t n, git_time_t t, int offset)
{
	int64_t local = (int64_t)t + offset * 60;
	int64_t days = local / 86400, secs = local % 86400;
	int y, m, d, off = offset < 0 ? -offset : offset;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	farley_civil_from_days((int32_t)days, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d,
		 (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60),
		 offset < 0 ? '-' : '+', off / 60, off % 60);
}

int farley_history_deleted(struct farley_repo *repo, const char *id,
			   enum farley_kind *kind, char **path,
			   struct farley_error *err)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	char *cand[FARLEY_NKINDS] = { 0 };
	int ret = FARLEY_ENOTFOUND, found = -1;
	if (!farley_id_valid(id))
		return farley_error_set(err, FARLEY_ENOTFOUND, "no record '%s'", id);
	/* where each kind would have kept it: paths follow from the id */
	for (int k = 0; k < FARLEY_NKINDS; k++)
		cand[k] = farley_record_path((enum farley_kind)k, id, NULL);
	if (git_revwalk_new(&walk, repo->git) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) < 0 ||
	    git_revwalk_push_head(walk) < 0)
		goto out;
	while (found < 0 && git_revwalk_next(&oid, walk) == 0) {
		git_commit *c = NULL;
		git_tree *tree = NULL;
		git_oid blob;
		if (git_commit_lookup(&c, repo->git, &oid) == 0 &&
		    git_commit_tree(&tree, c) == 0)
			for (int k = 0; k < FARLEY_NKINDS && found < 0; k++)
				if (!blob_at(tree, cand[k], &blob))
					found = k;
		git_tree_free(tree);
		git_commit_free(c);
	}
out:
	git_revwalk_free(walk);
	if (found >= 0) {
		*kind = (enum farley_kind)found;
		*path = cand[found];
		cand[found] = NULL;
		ret = 0;
	} else {
		farley_error_set(err, FARLEY_ENOTFOUND,
				 "no record '%s', now or in the history", id);
	}
	for (int k = 0; k < FARLEY_NKINDS; k++)
		free(cand[k]);
	return ret;
}

int farley_history_record(struct farley_repo *repo, enum farley_kind kind,
			  const char *id, const char *path, struct farley_node **out,
			  struct farley_error *err)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	struct strbuf cur = STRBUF_INIT;
	struct farley_node *revs = farley_node_new(FARLEY_N_LIST, NULL);
	int ret = 0;

	strbuf_addstr(&cur, path);
	if (git_revwalk_new(&walk, repo->git) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) < 0) {
		ret = farley_git_error(err, "cannot walk the history");
		goto out;
	}
	if (git_revwalk_push_head(walk) < 0) {
		/* no commits: no history */
		*out = revs;
		revs = NULL;
		goto out;
	}
	while (git_revwalk_next(&oid, walk) == 0) {
		git_commit *c = NULL;
		git_tree *tree = NULL;
		git_oid mine, theirs;
		int have, changed = 1, np;
		if (git_commit_lookup(&c, repo->git, &oid) < 0 ||
		    git_commit_tree(&tree, c) < 0) {
			git_commit_free(c);
			ret = farley_git_error(err, "cannot read a commit");
			goto out;
		}
		have = !blob_at(tree, cur.buf, &mine);
		np = (int)git_commit_parentcount(c);
		{
			struct strbuf ppath = STRBUF_INIT;
			git_oid first;
			int first_have = 0;
			strbuf_addstr(&ppath, cur.buf);
			for (int p = 0; p < (np ? np : 1); p++) {
				git_commit *pc = NULL;
				git_tree *pt = NULL;
				int phave = 0;
				if (np && git_commit_parent(&pc, c, (unsigned)p) == 0 &&
				    git_commit_tree(&pt, pc) == 0) {
					phave = !blob_at(pt, cur.buf, &theirs);
					if (!phave && have && p == 0 &&
					    !locate(repo, pt, kind, id, &ppath, &theirs))
						phave = 1; /* renamed: it was elsewhere */
				}
				if (p == 0) {
					first_have = phave;
					if (phave)
						git_oid_cpy(&first, &theirs);
				}
				/* unchanged from some parent: that side made the change */
				if (phave == have && (!have || git_oid_equal(&mine, &theirs)))
					changed = 0;
				git_tree_free(pt);
				git_commit_free(pc);
			}
			if (changed && (have || first_have)) {
				struct farley_record a = FARLEY_RECORD_INIT, b = FARLEY_RECORD_INIT;
				struct farley_node *rev, *changes;
				const git_signature *who = git_commit_author(c);
				char date[40];
				if (first_have)
					parse_blob(repo, &first, ppath.buf, kind, &a);
				if (have)
					parse_blob(repo, &mine, cur.buf, kind, &b);
				changes = field_changes(first_have ? &a : NULL, have ? &b : NULL);
				if (changes->n) {
					rev = farley_node_new(FARLEY_N_MAP, NULL);
					farley_node_add_str(rev, "commit", git_oid_tostr_s(&oid));
					iso_time(date, sizeof(date), who->when.time, who->when.offset);
					farley_node_add(rev, "date", farley_node_new(FARLEY_N_DATE, date));
					farley_node_add_str(rev, "author", who->name);
					farley_node_add_str(rev, "email", who->email);
					farley_node_add(rev, "changes", changes);
					farley_node_add(revs, NULL, rev);
				} else {
					farley_node_free(changes);
				}
				farley_record_release(&a);
				farley_record_release(&b);
			}
			/* older commits: follow the file to where it was */
			if (first_have && strcmp(ppath.buf, cur.buf)) {
				strbuf_reset(&cur);
				strbuf_addstr(&cur, ppath.buf);
			}
			strbuf_release(&ppath);
		}
		git_tree_free(tree);
		git_commit_free(c);
	}
	/* newest first from the walk: oldest first for people */
	for (size_t i = 0; i < revs->n / 2; i++) {
		struct farley_node *t = revs->kids[i];
		revs->kids[i] = revs->kids[revs->n - 1 - i];
		revs->kids[revs->n - 1 - i] = t;
	}
	*out = revs;
	revs = NULL;
out:
	farley_node_free(revs);
	git_revwalk_free(walk);
	strbuf_release(&cur);
	return ret;
}

/* Deal transitions ------------------------------------------------------- */

struct miner {
	struct farley_repo *repo;
	git_commit *commit;
	struct farley_transition *t;
	size_t n, alloc;
	enum farley_kind kind;      /* the kind mined */
	const char *const *fields;  /* its fields followed */
	size_t nfields;
};

static void add_transition(struct miner *m, const char *deal, const char *field,
			   const char *old, const char *new)
{
	struct farley_transition *x;
	if ((!old && !new) || (old && new && !strcmp(old, new)))
		return;
	ALLOC_GROW(m->t, m->n + 1, m->alloc);
	x = &m->t[m->n++];
	memset(x, 0, sizeof(*x));
	git_oid_tostr(x->commit, sizeof(x->commit), git_commit_id(m->commit));
	x->time = (int64_t)git_commit_time(m->commit);
	x->author = xstrdup(git_commit_author(m->commit)->name);
	x->deal = xstrdup(deal);
	x->field = xstrdup(field);
	x->old = old ? xstrdup(old) : NULL;
	x->new = new ? xstrdup(new) : NULL;
}

/* One deal file changed from a (or nothing) to b (or nothing). */
static void mine_file(struct miner *m, const char *path, const git_oid *a,
		      const git_oid *b)
{
	struct farley_record ra = FARLEY_RECORD_INIT, rb = FARLEY_RECORD_INIT;
	struct strbuf id = STRBUF_INIT;
	enum farley_kind kind;
	if (farley_path_record(path, &kind, &id) || kind != m->kind)
		goto out;
	if (a)
		parse_blob(m->repo, a, path, kind, &ra);
	if (b)
		parse_blob(m->repo, b, path, kind, &rb);
	for (size_t i = 0; i < m->nfields; i++)
		add_transition(m, id.buf, m->fields[i],
			       a ? farley_record_str(&ra, m->fields[i]) : NULL,
			       b ? farley_record_str(&rb, m->fields[i]) : NULL);
out:
	farley_record_release(&ra);
	farley_record_release(&rb);
	strbuf_release(&id);
}

static void mined_file(const char *path, const git_oid *a, const git_oid *b,
		       void *data)
{
	mine_file(data, path, a, b);
}

static git_tree *kind_tree(struct farley_repo *repo, git_commit *c,
			   enum farley_kind kind)
{
	git_tree *root = NULL, *sub = NULL;
	git_tree_entry *te = NULL;
	if (c && git_commit_tree(&root, c) == 0 &&
	    git_tree_entry_bypath(&te, root, farley_kind_dir(kind)) == 0 &&
	    git_tree_entry_type(te) == GIT_OBJECT_TREE)
		git_tree_lookup(&sub, repo->git, git_tree_entry_id(te));
	git_tree_entry_free(te);
	git_tree_free(root);
	return sub;
}

void farley_transitions_free(struct farley_transition *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].author);
		free(t[i].deal);
		free(t[i].field);
		free(t[i].old);
		free(t[i].new);
	}
	free(t);
}

static int mine_history(struct farley_repo *repo, struct farley_index *idx,
			enum farley_kind kind, const char *const *fields,
			size_t nfields, struct farley_transition **out, size_t *n,
			struct farley_error *err)
{
	struct strbuf prefix = STRBUF_INIT;
	git_oid id;
	git_oid *line = NULL;
	size_t nline = 0, lalloc = 0, alloc = 0;
	int in_tx = 0;
	*out = NULL;
	*n = 0;
	if (git_reference_name_to_id(&id, repo->git, "HEAD") < 0)
		return 0; /* no commits, no history */
	/* HEAD's first-parent line, newest first */
	for (;;) {
		git_commit *c = NULL, *p = NULL;
		ALLOC_GROW(line, nline + 1, lalloc);
		git_oid_cpy(&line[nline++], &id);
		if (git_commit_lookup(&c, repo->git, &id) < 0) {
			free(line);
			return farley_git_error(err, "cannot read history");
		}
		if (git_commit_parentcount(c) == 0 || git_commit_parent(&p, c, 0) < 0) {
			git_commit_free(c);
			break;
		}
		git_oid_cpy(&id, git_commit_id(p));
		git_commit_free(p);
		git_commit_free(c);
	}
	/* oldest first, each commit from the cache or mined now */
	for (size_t k = nline; k-- > 0;) {
		char hex[GIT_OID_HEXSZ + 1];
		int found = 0;
		git_oid_tostr(hex, sizeof(hex), &line[k]);
		if (idx && !farley_index_history_get(idx, hex, out, n, &found) && found) {
			alloc = *n; /* the cache grew the array: its size is unknown */
			continue;
		}
		alloc = *n;
		{
			struct miner m = { repo, NULL, NULL, 0, 0, kind, fields, nfields };
			git_commit *parent = NULL;
			git_tree *ta, *tb;
			git_commit_lookup(&m.commit, repo->git, &line[k]);
			if (git_commit_parentcount(m.commit))
				git_commit_parent(&parent, m.commit, 0);
			ta = kind_tree(repo, parent, kind);
			tb = kind_tree(repo, m.commit, kind);
			strbuf_reset(&prefix);
			strbuf_addf(&prefix, "%s/", farley_kind_dir(kind));
			if (ta != tb || (ta && tb && !git_oid_equal(git_tree_id(ta),
								     git_tree_id(tb))))
				farley_tree_changes(repo->git, ta, tb, prefix.buf, NULL,
						    mined_file, &m);
			git_tree_free(ta);
			git_tree_free(tb);
			git_commit_free(parent);
			git_commit_free(m.commit);
			if (idx) {
				if (!in_tx)
					in_tx = !farley_index_begin(idx);
				farley_index_history_put(idx, hex, m.t, m.n);
			}
			for (size_t i = 0; i < m.n; i++) {
				ALLOC_GROW(*out, *n + 1, alloc);
				(*out)[(*n)++] = m.t[i];
			}
			free(m.t);
		}
	}
	if (in_tx)
		farley_index_commit(idx);
	free(line);
	strbuf_release(&prefix);
	return 0;
}

int farley_history_deals(struct farley_repo *repo, struct farley_index *idx,
			 struct farley_transition **out, size_t *n,
			 struct farley_error *err)
{
	static const char *const fields[] = { "stage", "close" };
	return mine_history(repo, idx, FARLEY_DEAL, fields, 2, out, n, err);
}

int farley_history_changes(struct farley_repo *repo, enum farley_kind kind,
			   const char *const *fields, size_t nfields,
			   struct farley_transition **out, size_t *n,
			   struct farley_error *err)
{
	/* the index's cache holds deal transitions only */
	return mine_history(repo, NULL, kind, fields, nfields, out, n, err);
}
