/* lookup.c: finding a record by id or prefix, from the index or the work
 * tree, with one set of messages. */
#include "farley/index.h"
#include "farley/lookup.h"
#include "farley/ids.h"
#include "farley/repo.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_CANDIDATES 20

struct resolve_state {
	enum farley_kind want; /* FARLEY_NOKIND: any */
	const char *prefix;
	size_t plen;
	struct farley_match *m;
	size_t n, alloc;
	int exact;
};

static int collect(enum farley_kind kind, const char *id, const char *relpath,
		   void *data)
{
	struct resolve_state *st = data;
	int exact;
	if (strncmp(id, st->prefix, st->plen))
		return 0;
	if (st->want != FARLEY_NOKIND && kind != st->want)
		return 0;
	exact = !id[st->plen];
	if (st->exact && !exact)
		return 0;
	if (exact && !st->exact) {
		for (size_t i = 0; i < st->n; i++)
			free(st->m[i].id), free(st->m[i].path);
		st->n = 0;
		st->exact = 1;
	}
	ALLOC_GROW(st->m, st->n + 1, st->alloc);
	st->m[st->n].kind = kind;
	st->m[st->n].id = xstrdup(id);
	st->m[st->n].path = xstrdup(relpath);
	st->n++;
	return 0;
}

static int is_regular(struct farley_repo *repo, const char *rel)
{
	struct strbuf full = STRBUF_INIT;
	struct stat st;
	int ok;
	strbuf_addf(&full, "%s%s", farley_repo_workdir(repo), rel);
	/* a symbolic link is found, so that loading it can refuse it */
	ok = !lstat(full.buf, &st) && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode));
	strbuf_release(&full);
	return ok;
}

/* The fast path: the place farley itself would have put the record. */
static int canonical_lookup(struct farley_repo *repo, const char *id,
			    enum farley_kind *kind, char **relpath)
{
	for (int k = 0; k < FARLEY_NKINDS; k++) {
		char *p = farley_record_path((enum farley_kind)k, id, NULL);
		if (is_regular(repo, p)) {
			*kind = (enum farley_kind)k;
			*relpath = p;
			return 1;
		}
		free(p);
	}
	return 0;
}

/* Say what a list of matches means: one record, none, or too many. */
static int settle(const char *prefix, enum farley_kind want,
		  struct farley_match *m, size_t n, enum farley_kind *kind,
		  char **id, char **relpath, struct farley_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;
	if (n == 1) {
		*kind = m[0].kind;
		*id = m[0].id;
		*relpath = m[0].path;
		m[0].id = m[0].path = NULL;
		return 0;
	}
	if (!n)
		return want == FARLEY_NOKIND
			       ? farley_error_set(err, FARLEY_ENOTFOUND,
						  "no record '%s'", prefix)
			       : farley_error_set(err, FARLEY_ENOTFOUND,
						  "no %s '%s'",
						  farley_kind_name(want), prefix);
	strbuf_addf(&sb, "'%s' is ambiguous; candidates:", prefix);
	for (size_t i = 0; i < n && i < MAX_CANDIDATES; i++)
		strbuf_addf(&sb, "\n  %s (%s)", m[i].id, farley_kind_name(m[i].kind));
	if (n > MAX_CANDIDATES)
		strbuf_addstr(&sb, "\n  ...");
	ret = farley_error_set(err, FARLEY_EAMBIG, "%s", sb.buf);
	strbuf_release(&sb);
	return ret;
}

int farley_lookup_resolve(const struct farley_lookup *lk, const char *prefix,
			  enum farley_kind want, enum farley_kind *kind,
			  char **id, char **relpath, struct farley_error *err)
{
	struct resolve_state st = { 0 };
	int ret = 0;
	*id = *relpath = NULL;
	/* every prefix of a valid id is a valid id itself */
	if (!farley_id_valid(prefix))
		return farley_error_set(err, FARLEY_ENOTFOUND,
					"'%s' is not a valid id (lower-case letters, "
					"digits and '-')",
					prefix);
	if (canonical_lookup(lk->repo, prefix, kind, relpath)) {
		if (want == FARLEY_NOKIND || *kind == want) {
			*id = xstrdup(prefix);
			return 0;
		}
		free(*relpath);
		*relpath = NULL;
	}
	if (lk->idx) {
		if (farley_index_matches(lk->idx, prefix, want, MAX_CANDIDATES,
					 &st.m, &st.n))
			return farley_error_set(err, FARLEY_EFAIL,
						"cannot read the index; 'farley "
						"index --rebuild' makes a new one");
	} else {
		st.want = want;
		st.prefix = prefix;
		st.plen = strlen(prefix);
		ret = farley_repo_foreach(lk->repo, FARLEY_NOKIND, collect, &st, err);
	}
	if (!ret)
		ret = settle(prefix, want, st.m, st.n, kind, id, relpath, err);
	farley_matches_free(st.m, st.n);
	return ret;
}

int farley_lookup_full(const struct farley_lookup *lk, const char *id,
		       enum farley_kind *kind, char **relpath,
		       struct farley_error *err)
{
	char *found = NULL;
	int ret = farley_lookup_resolve(lk, id, FARLEY_NOKIND, kind, &found,
					relpath, err);
	if (!ret && strcmp(found, id)) {
		ret = farley_error_set(err, FARLEY_ENOTFOUND,
				       "'%s' is not a full id; did you mean '%s'?",
				       id, found);
		free(*relpath);
		*relpath = NULL;
	}
	free(found);
	return ret;
}

int farley_lookup_find(const struct farley_lookup *lk, const char *prefix,
		       struct farley_record *out, struct farley_error *err)
{
	enum farley_kind kind;
	char *id = NULL, *path = NULL;
	int ret = farley_lookup_resolve(lk, prefix, FARLEY_NOKIND, &kind, &id,
					&path, err);
	if (!ret)
		ret = farley_repo_load(lk->repo, kind, id, path, out, err);
	free(id);
	free(path);
	return ret;
}

static int find_exact(enum farley_kind kind, const char *id, const char *relpath,
		      void *data)
{
	(void)kind;
	(void)relpath;
	return !strcmp(id, (const char *)data) ? 1 : 0;
}

int farley_lookup_exists(const struct farley_lookup *lk, const char *id)
{
	enum farley_kind kind;
	char *path = NULL;
	struct farley_error err = FARLEY_ERROR_INIT;
	int found;
	if (canonical_lookup(lk->repo, id, &kind, &path)) {
		free(path);
		return 1;
	}
	if (lk->idx) {
		struct farley_match *m = NULL;
		size_t n = 0;
		found = !farley_index_matches(lk->idx, id, FARLEY_NOKIND, 1, &m, &n) &&
			n && !strcmp(m[0].id, id);
		farley_matches_free(m, n);
		return found;
	}
	found = farley_repo_foreach(lk->repo, FARLEY_NOKIND, find_exact, (void *)id,
				    &err) == 1;
	farley_error_clear(&err);
	return found;
}

int farley_lookup_ref(void *lookup, const char *field, const char *value,
		      enum farley_kind want, char **out, struct farley_error *err)
{
	const struct farley_lookup *lk = lookup;
	enum farley_kind kind;
	char *id = NULL, *path = NULL;
	int ret;
	if (!farley_id_valid(value))
		return farley_error_set(err, FARLEY_EINVAL,
					"%s: '%s' is not a valid id (lower-case "
					"letters, digits and '-')",
					field, value);
	ret = farley_lookup_resolve(lk, value, want, &kind, &id, &path, err);
	free(path);
	path = NULL;
	if (ret == FARLEY_ENOTFOUND && want != FARLEY_NOKIND &&
	    !farley_lookup_resolve(lk, value, FARLEY_NOKIND, &kind, &id, &path,
				   err)) {
		/* there is such a record, of another kind: say so */
		free(path);
		ret = farley_error_set(err, FARLEY_EINVAL,
				       "%s: '%s' is a %s, not a %s", field, id,
				       farley_kind_name(kind), farley_kind_name(want));
		free(id);
		return ret;
	}
	if (ret) {
		farley_error_prefix(err, "%s", field);
		return ret == FARLEY_ENOTFOUND ? FARLEY_EINVAL : ret;
	}
	*out = id;
	return 0;
}
