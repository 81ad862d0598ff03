/* index.c: farley index [--rebuild] -- the index, by hand. */
#include "cmds.h"
#include "farley/index.h"

static const char *const usage[] = { "farley index [--rebuild]", NULL };

int cmd_index(int argc, char **argv, struct farley_ctx *ctx)
{
	int rebuild = 0, parse_only = 0;
	const struct option opts[] = {
		{ OPT_BOOL, 0, "rebuild", &rebuild, NULL,
		  "build the index again from the files" },
		{ OPT_BOOL, 0, "parse-only", &parse_only, NULL,
		  "only read and parse every record of HEAD (for benchmarks)" },
		OPT_END_(),
	};
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_index *idx = NULL;
	const struct farley_index_stats *st;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 0;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n)
		return usage_error(usage, "index takes no arguments");
	if (parse_only) {
		size_t count = 0;
		if (farley_index_parse_all(ctx->repo, &count, &err))
			return report(&err);
		if (!ctx->quiet)
			fprintf(stderr, "farley: read and parsed %zu records\n", count);
		return 0;
	}
	/* both look at the work tree's uncommitted changes too */
	if (farley_index_open(&idx, ctx->repo, progress_bar, NULL, &err) ||
	    (rebuild && !farley_index_stats(idx)->rebuilt &&
	     farley_index_rebuild(idx, &err)) ||
	    farley_index_scan_worktree(idx, &err)) {
		ret = report(&err);
		goto out;
	}
	farley_index_close(idx);
	idx = NULL;
	/* open again for the figures, as the next command will see them */
	if (farley_index_open(&idx, ctx->repo, NULL, NULL, &err)) {
		ret = report(&err);
		goto out;
	}
	st = farley_index_stats(idx);
	if (!ctx->quiet)
		fprintf(stderr, "farley: index holds %zu records%s\n", st->records,
			rebuild ? " (rebuilt)" : "");
out:
	farley_index_close(idx);
	return ret;
}
