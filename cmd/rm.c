/* rm.c: farley rm [--force] ID... -- delete records.
 *
 * A destructive command takes whole ids only: a prefix is answered with
 * "did you mean ID?" and nothing is removed.  Several ids go in one
 * commit; a record referenced by one that stays is refused unless
 * --force. */
#include "cmds.h"
#include "farley/index.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = { "farley rm [--force] ID...", NULL };

/* Is id one of the records being removed? */
static int removing(const struct farley_record *recs, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(recs[i].id, id))
			return 1;
	return 0;
}

/* The records (not being removed themselves) that refer to r, listed in
 * list; their number. */
static int referrers(struct farley_ctx *ctx, const struct farley_record *r,
		     const struct farley_record *recs, int n, struct strbuf *list,
		     struct farley_error *err)
{
	const char *const *keys = farley_schema_ref_fields();
	int count = 0;
	for (size_t k = 0; keys[k]; k++) {
		int64_t *rids = NULL;
		size_t nr = 0;
		if (farley_index_referrers(ctx->index, r->id, FARLEY_NOKIND, keys[k],
					   &rids, &nr, err))
			return -1;
		for (size_t i = 0; i < nr; i++) {
			struct farley_record ref = FARLEY_RECORD_INIT;
			struct farley_error ignore = FARLEY_ERROR_INIT;
			if (!farley_index_record(ctx->index, rids[i], &ref, &ignore) &&
			    !removing(recs, n, ref.id)) {
				if (count < 10)
					strbuf_addf(list, "\n  %s (%s)", ref.id,
						    farley_kind_name(ref.kind));
				count++;
			}
			farley_error_clear(&ignore);
			farley_record_release(&ref);
		}
		free(rids);
	}
	return count;
}

/* Load the record with exactly this id (farley_lookup_full: a prefix
 * gets "did you mean"); a record that cannot be parsed can still go. */
static int find_exact(struct farley_ctx *ctx, const char *arg,
		      struct farley_record *r, struct farley_error *err)
{
	struct farley_lookup lk = ctx_lookup(ctx);
	enum farley_kind kind;
	char *path = NULL;
	int ret = farley_lookup_full(&lk, arg, &kind, &path, err);
	if (!ret)
		ret = farley_repo_load(ctx->repo, kind, arg, path, r, err);
	free(path);
	if (ret == FARLEY_EINVAL && r->path) {
		farley_error_clear(err);
		ret = 0;
	}
	return ret;
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
	struct farley_record *recs = NULL;
	struct farley_txn *txn = NULL;
	struct strbuf msg = STRBUF_INIT, refs = STRBUF_INIT;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1, nref = 0;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n < 1)
		return usage_error(usage, "which record?");
	recs = xcalloc((size_t)n, sizeof(*recs));
	for (int i = 0; i < n; i++)
		recs[i] = (struct farley_record)FARLEY_RECORD_INIT;
	if (begin_write(ctx, &txn, &err))
		goto out;
	for (int i = 0; i < n; i++) {
		if (find_exact(ctx, argv[i + 1], &recs[i], &err))
			goto out;
		if (removing(recs, i, recs[i].id)) {
			farley_error_set(&err, FARLEY_EUSAGE, "'%s' is named twice",
					 recs[i].id);
			goto out;
		}
	}
	for (int i = 0; i < n; i++) {
		struct strbuf list = STRBUF_INIT;
		int c = referrers(ctx, &recs[i], recs, n, &list, &err);
		if (c < 0) {
			strbuf_release(&list);
			goto out;
		}
		if (c)
			strbuf_addf(&refs, "\n'%s' is referenced by %d record%s:%s%s",
				    recs[i].id, c, c == 1 ? "" : "s", list.buf,
				    c > 10 ? "\n  ..." : "");
		nref += c;
		strbuf_release(&list);
	}
	if (nref && !force) {
		farley_error_set(&err, FARLEY_EFAIL,
				 "nothing removed; use --force to delete anyway:%s",
				 refs.buf);
		goto out;
	}
	for (int i = 0; i < n; i++)
		if (farley_txn_put(txn, recs[i].path, NULL, 0, &err))
			goto out;
	if (n == 1)
		strbuf_addf(&msg, "rm %s %s (%s)", farley_kind_name(recs[0].kind),
			    recs[0].id, farley_record_title(&recs[0]));
	else
		for (int i = 0; i < n; i++)
			strbuf_addf(&msg, "%s%s", i ? ", " : "rm ", recs[i].id);
	if (finish_write(ctx, txn, msg.buf, &err))
		goto out;
	ret = 0;
	for (int i = 0; i < n && !ret; i++) {
		if (!ctx->quiet)
			fprintf(stderr, "farley: removed %s %s (%s)\n",
				farley_kind_name(recs[i].kind), recs[i].id,
				farley_record_title(&recs[i]));
		ret = emit_written(ctx, &recs[i], 0, NULL);
	}
	if (nref)
		warning("%d record%s still refer%s to what was removed; 'farley check' "
			"lists them",
			nref, nref == 1 ? "" : "s", nref == 1 ? "s" : "");
out:
	farley_txn_end(txn);
	for (int i = 0; i < n; i++)
		farley_record_release(&recs[i]);
	free(recs);
	strbuf_release(&msg);
	strbuf_release(&refs);
	return ret == 1 && err.code ? report(&err) : ret;
}
