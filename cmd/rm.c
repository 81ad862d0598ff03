/* rm.c: farley rm [--force] ID -- delete a record. */
#include "cmds.h"
#include "farley/index.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = { "farley rm [--force] ID", NULL };

struct referrers {
	struct farley_repo *repo;
	const char *target;
	struct strbuf list;
	int n;
};

static int is_target(const struct farley_record *r, const char *field,
		     const char *target, enum farley_kind kind, void *data)
{
	(void)r;
	(void)field;
	(void)kind;
	return !strcmp(target, (const char *)data);
}

static int scan(enum farley_kind kind, const char *id, const char *relpath,
		void *data)
{
	struct referrers *st = data;
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	if (!strcmp(id, st->target))
		return 0;
	if (!farley_repo_load(st->repo, kind, id, relpath, &r, &err) &&
	    farley_record_refs(&r, is_target, (void *)st->target)) {
		if (st->n < 10)
			strbuf_addf(&st->list, "\n  %s (%s)", id, farley_kind_name(kind));
		st->n++;
	}
	farley_error_clear(&err);
	farley_record_release(&r);
	return 0;
}

int cmd_rm(int argc, char **argv, struct farley_ctx *ctx)
{
	int force = 0;
	const struct option opts[] = {
		{ OPT_BOOL, 'f', "force", &force, NULL,
		  "delete even while other records reference it" },
		OPT_END_(),
	};
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_txn *txn = NULL;
	struct referrers refs = { 0 };
	struct strbuf msg = STRBUF_INIT;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n != 1)
		return usage_error(usage, n ? "one id at a time" : "which record?");
	strbuf_init(&refs.list, 0);
	if (begin_write(ctx, &txn, &err) || find_record(ctx, argv[1], &r, &err)) {
		/* a record that cannot be parsed can still be removed */
		if (err.code != FARLEY_EINVAL || !r.path)
			goto out;
		farley_error_clear(&err);
	}
	refs.repo = ctx->repo;
	refs.target = r.id;
	if (ctx->index) {
		/* every field that holds a reference, from the index */
		const char *const *keys = farley_schema_ref_fields();
		for (size_t k = 0; keys[k]; k++) {
			int64_t *rids = NULL;
			size_t nr = 0;
			if (farley_index_referrers(ctx->index, r.id, FARLEY_NOKIND, keys[k],
						   &rids, &nr, &err))
				goto out;
			for (size_t i = 0; i < nr; i++) {
				struct farley_record ref = FARLEY_RECORD_INIT;
				if (!farley_index_record(ctx->index, rids[i], &ref, &err) &&
				    strcmp(ref.id, r.id)) {
					if (refs.n < 10)
						strbuf_addf(&refs.list, "\n  %s (%s)", ref.id,
							    farley_kind_name(ref.kind));
					refs.n++;
				}
				farley_error_clear(&err);
				farley_record_release(&ref);
			}
			free(rids);
		}
	} else if (farley_repo_foreach(ctx->repo, FARLEY_NOKIND, scan, &refs, &err)) {
		goto out;
	}
	if (refs.n && !force) {
		farley_error_set(&err, FARLEY_EFAIL,
				 "'%s' is referenced by %d record%s (use --force to "
				 "delete it anyway):%s%s",
				 r.id, refs.n, refs.n == 1 ? "" : "s", refs.list.buf,
				 refs.n > 10 ? "\n  ..." : "");
		goto out;
	}
	if (farley_txn_put(txn, r.path, NULL, 0, &err))
		goto out;
	strbuf_addf(&msg, "rm %s %s (%s)", farley_kind_name(r.kind), r.id,
		    farley_record_title(&r));
	if (finish_write(ctx, txn, msg.buf, &err))
		goto out;
	if ((ret = emit_written(ctx, &r, 0, NULL)))
		goto out;
	if (refs.n)
		warning("%d record%s still reference%s '%s'; 'farley check' lists them",
			refs.n, refs.n == 1 ? "" : "s", refs.n == 1 ? "s" : "", r.id);
out:
	farley_txn_end(txn);
	farley_record_release(&r);
	strbuf_release(&refs.list);
	strbuf_release(&msg);
	return ret == 1 && err.code ? report(&err) : ret;
}
