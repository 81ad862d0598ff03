/* due.c: farley due [--days N] -- what needs doing: tasks overdue or due
 * soon, contacts whose stay-in-touch interval has passed. */
#include "chart.h"

static const char *const usage[] = { "farley due [--days N] [--owner O]", NULL };

int cmd_due(int argc, char **argv, struct farley_ctx *ctx)
{
	int days = 7;
	const char *owner = NULL;
	const struct option opts[] = {
		{ OPT_INT, 'd', "days", &days, "N", "look N days ahead (default 7)" },
		OPT_OWNER(&owner),
		OPT_END_(),
	};
	static const char *const cols[] = { "due", "kind?", "id", "name", "note", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_report_opts o = { 0 };
	struct farley_snapshot *s = NULL;
	struct farley_node *doc = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n)
		return usage_error(usage, "due takes no arguments");
	if ((ret = report_snapshot(ctx, NULL, &s)))
		return ret;
	warn_unreadable(ctx, FARLEY_NOKIND);
	o.days = days;
	o.owner = owner;
	if (farley_report_due(s, &o, &doc, &err)) {
		ret = report(&err);
	} else {
		/* the note says how far off each one is already */
		ctx->no_relative = 1;
		for (size_t i = 0; i < doc->n; i++) {
			const struct farley_node *d = farley_node_get(doc->kids[i], "days");
			if (ctx->color && d && d->text && d->text[0] == '-')
				doc->kids[i]->style = FARLEY_STYLE_ALERT;
		}
		if (!doc->n)
			say_empty(ctx, "nothing due in the next %d days", days);
		ret = emit(ctx, doc, cols, 0);
	}
	farley_node_free(doc);
	farley_snapshot_free(s);
	return ret;
}
