/* show.c: farley show ID -- one record. */
#include "cmds.h"

static const char *const usage[] = { "farley show ID", NULL };

int cmd_show(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_node *doc;
	int n = parse_options(argc, argv, opts, usage, ctx), ret;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n != 1)
		return usage_error(usage, n ? "one id at a time" : "which record?");
	if (farley_repo_find(ctx->repo, argv[1], &r, &err)) {
		farley_record_release(&r);
		return report(&err);
	}
	doc = farley_record_node(&r, farley_repo_config(ctx->repo));
	ret = emit(ctx, doc, NULL, 1);
	farley_node_free(doc);
	farley_record_release(&r);
	return ret;
}
