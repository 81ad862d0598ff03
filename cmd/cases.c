/* cases.c: farley cases [--all | --owner O] -- the support queue: open
 * cases, breached ones first (red on a terminal), then by the time left to
 * their next deadline.  What it shows is computed by farley_report_cases(). */
#include "chart.h"

#include <stdlib.h>

static const char *const usage[] = {
	"farley cases [--all | --owner O] [--as-of DATE]",
	NULL,
};

int cmd_cases(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *owner = NULL, *as_of = NULL;
	int all = 0;
	const struct option opts[] = {
		{ OPT_BOOL, 'a', "all", &all, NULL, "everyone's cases, not only mine" },
		OPT_OWNER(&owner),
		OPT_AS_OF(&as_of),
		OPT_END_(),
	};
	static const char *const cols[] = { "left", "id", "title", "priority",
					    "status?", "owner?", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_report_opts o = { 0 };
	struct farley_snapshot *s = NULL;
	struct farley_node *doc = NULL;
	char *me = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n)
		return usage_error(usage, "cases takes no arguments");
	if (all && owner)
		return usage_error(usage, "--all and --owner do not go together");
	if (!all && !owner)
		owner = me = farley_repo_default_owner(ctx->repo);
	if ((ret = report_snapshot(ctx, as_of, &s))) {
		free(me);
		return ret;
	}
	if (!as_of)
		warn_unreadable(ctx, FARLEY_CASE);
	o.owner = owner;
	if (farley_report_cases(s, &o, &doc, &err)) {
		ret = report(&err);
	} else {
		if (!ctx->color)
			for (size_t i = 0; i < doc->n; i++)
				doc->kids[i]->style = FARLEY_STYLE_NONE;
		if (!doc->n)
			say_empty(ctx, "no open cases%s%s", owner ? " of " : "",
				  owner ? owner : "");
		ret = emit(ctx, doc, cols, 0);
	}
	free(me);
	farley_node_free(doc);
	farley_snapshot_free(s);
	return ret;
}
