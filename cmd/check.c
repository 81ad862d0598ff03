/* check.c: farley check -- validate every record and every reference. */
#include "cmds.h"
#include "farley/ids.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = { "farley check", NULL };

struct entry {
	char *id;
	char *path;
	enum farley_kind kind;
};

struct state {
	struct farley_ctx *ctx;
	struct entry *e;
	size_t n, alloc;
	int errors, warnings;
	struct farley_record *recs;
	size_t nrecs, ralloc;
};

static int collect(enum farley_kind kind, const char *id, const char *relpath,
		   void *data)
{
	struct state *st = data;
	ALLOC_GROW(st->e, st->n + 1, st->alloc);
	st->e[st->n].id = xstrdup(id);
	st->e[st->n].path = xstrdup(relpath);
	st->e[st->n].kind = kind;
	st->n++;
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : strcmp(x->path, y->path);
}

static const struct entry *lookup(struct state *st, const char *id)
{
	struct entry key = { (char *)id, (char *)"", 0 };
	size_t lo = 0, hi = st->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(st->e[mid].id, key.id);
		if (!c)
			return &st->e[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void problem(struct state *st, const char *path, int line, const char *fmt,
		    const char *a, const char *b)
{
	fprintf(stderr, "farley: error: %s", path);
	if (line)
		fprintf(stderr, ":%d", line);
	fputs(": ", stderr);
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	st->errors++;
}

static int check_ref(const struct farley_record *r, const char *field,
		     const char *target, enum farley_kind kind, void *data)
{
	struct state *st = data;
	const struct entry *e = farley_id_valid(target) ? lookup(st, target) : NULL;
	struct farley_field *f = farley_record_get(r, field);
	int line = f ? f->line : 0;
	if (!e) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s: no record '%%s'%%s", field);
		problem(st, r->path, line, sb.buf, target, "");
		strbuf_release(&sb);
	} else if (kind != FARLEY_NOKIND && e->kind != kind) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s: '%%s' is a %s, not a %%s", field,
			    farley_kind_name(e->kind));
		problem(st, r->path, line, sb.buf, target, farley_kind_name(kind));
		strbuf_release(&sb);
	}
	return 0;
}

int cmd_check(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct state st = { 0 };
	int n = parse_options(argc, argv, opts, usage, ctx);

	if (n < 0)
		return PARSE_EXIT(n);
	if (n)
		return usage_error(usage, "check takes no arguments");
	st.ctx = ctx;
	if (farley_repo_foreach(ctx->repo, FARLEY_NOKIND, collect, &st, &err))
		return report(&err);
	if (st.n)
		qsort(st.e, st.n, sizeof(*st.e), by_id);

	for (size_t i = 0; i < st.n; i++) {
		struct entry *e = &st.e[i];
		struct farley_record r = FARLEY_RECORD_INIT;
		char *want;
		if (!farley_id_valid(e->id)) {
			problem(&st, e->path, 0,
				"'%s' is not a valid id (lower-case letters, digits "
				"and '-', at most 64)%s",
				e->id, "");
			continue;
		}
		if (i + 1 < st.n && !strcmp(e->id, st.e[i + 1].id))
			problem(&st, e->path, 0, "id '%s' is also used by '%s'", e->id,
				st.e[i + 1].path);
		if (farley_repo_load(ctx->repo, e->kind, e->id, e->path, &r, &err) ||
		    farley_record_validate(&r, farley_repo_config(ctx->repo), &err)) {
			if (!err.path)
				err.path = xstrdup(e->path);
			report(&err);
			st.errors++;
			farley_record_release(&r);
			continue;
		}
		farley_record_refs(&r, check_ref, &st);
		want = farley_record_path(e->kind, e->id,
					  e->kind == FARLEY_INTERACTION
						  ? farley_record_str(&r, "date")
						  : NULL);
		if (strcmp(want, e->path)) {
			warning("%s: not where farley would put it ('%s')", e->path,
				want);
			st.warnings++;
		}
		free(want);
		farley_record_release(&r);
	}
	if (!ctx->quiet)
		fprintf(stderr, "farley: checked %zu record%s: %d error%s, %d warning%s\n",
			st.n, st.n == 1 ? "" : "s", st.errors,
			st.errors == 1 ? "" : "s", st.warnings,
			st.warnings == 1 ? "" : "s");
	many_files_hint(ctx);
	for (size_t i = 0; i < st.n; i++)
		free(st.e[i].id), free(st.e[i].path);
	free(st.e);
	return st.errors ? 1 : 0;
}
