/* pipeline.c: farley pipeline -- open deals per stage, with a bar chart on
 * a terminal. */
#include "chart.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const usage[] = {
	"farley pipeline [--owner O] [--as-of DATE]",
	NULL,
};

static int show_pipeline(struct farley_ctx *ctx, struct farley_node *doc)
{
	static const char *const cols[] = { "stage", "count", "value", "weighted",
					    "chart!", NULL };
	size_t n;
	struct farley_node **docs = currency_docs(doc, &n);
	int ret = 0;
	for (size_t i = 0; i < n && !ret; i++) {
		struct farley_node *stages = farley_node_get(docs[i], "stages");
		struct farley_node *total = farley_node_get(docs[i], "total");
		struct farley_node *rows = farley_node_new(FARLEY_N_LIST, NULL);
		struct farley_node *t;
		char title[64];
		move_kids(rows, stages);
		snprintf(title, sizeof(title), "%sPipeline (%s), weighted by probability",
			 i ? "\n" : "", farley_node_get(docs[i], "currency")->text);
		t = farley_node_add(rows, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(t, "stage", "total");
		move_kids(t, total);
		ret = chart_table(ctx, title, rows, "weighted", cols);
		farley_node_free(rows);
	}
	free(docs);
	return ret;
}

int cmd_pipeline(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *owner = NULL, *as_of = NULL;
	const struct option opts[] = {
		OPT_OWNER(&owner),
		OPT_AS_OF(&as_of),
		OPT_END_(),
	};
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_report_opts o = { 0 };
	struct farley_snapshot *s = NULL;
	struct farley_node *doc = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n)
		return usage_error(usage, "pipeline takes no arguments");
	if ((ret = report_snapshot(ctx, as_of, &s)))
		return ret;
	if (!as_of)
		warn_unreadable(ctx, FARLEY_DEAL);
	o.owner = owner;
	if (farley_report_pipeline(s, &o, &doc, &err)) {
		ret = report(&err);
		goto out;
	}
	ret = ctx->format == FARLEY_FMT_TABLE ? show_pipeline(ctx, doc)
					      : emit_report(ctx, doc);
out:
	farley_node_free(doc);
	farley_snapshot_free(s);
	return ret;
}
