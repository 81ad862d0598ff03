/* forecast.c: farley forecast -- weighted value of open deals by expected
 * close period, next to what was won in it. */
#include "chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"farley forecast [--by month|quarter] [--from D] [--to D] [--owner O] [--as-of DATE]",
	NULL,
};

static int show_forecast(struct farley_ctx *ctx, struct farley_node *doc)
{
	static const char *const cols[] = { "period", "count?", "value", "weighted", "won?",
					    "chart!", NULL };
	/* the rows after the periods, as the table names them; each shown
	 * when it holds deals, the total whenever another one is */
	static const char *const extra[][2] = {
		{ "overdue", "overdue" },
		{ "earlier", "before --from" },
		{ "later", "later" },
		{ "undated", "no close date" },
	};
	size_t n;
	struct farley_node **docs = currency_docs(doc, &n);
	int ret = 0;
	for (size_t i = 0; i < n && !ret; i++) {
		struct farley_node *periods = farley_node_get(docs[i], "periods");
		struct farley_node *rows = farley_node_new(FARLEY_N_LIST, NULL);
		struct farley_node *total = farley_node_get(docs[i], "total"), *row;
		char title[96];
		move_kids(rows, periods);
		for (size_t e = 0; e < sizeof(extra) / sizeof(*extra); e++) {
			struct farley_node *x = farley_node_get(docs[i], extra[e][0]);
			if (!x || !strcmp(farley_node_get(x, "count")->text, "0"))
				continue;
			row = farley_node_add(rows, NULL, farley_node_new(FARLEY_N_MAP, NULL));
			farley_node_add_str(row, "period", extra[e][1]);
			move_kids(row, x);
		}
		/* "stage: total" keeps the total out of the chart's scale
		 * (chart_table); the column is not shown */
		row = farley_node_add(rows, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(row, "period", "total");
		farley_node_add_str(row, "stage", "total");
		move_kids(row, total);
		snprintf(title, sizeof(title), "%sForecast (%s) by %s: open deals weighted, "
			 "and won",
			 i ? "\n" : "", farley_node_get(docs[i], "currency")->text,
			 farley_node_get(docs[i], "by")->text);
		ret = chart_table(ctx, title, rows, "weighted", cols);
		farley_node_free(rows);
	}
	free(docs);
	return ret;
}

int cmd_forecast(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *by = "month", *from = NULL, *to = NULL, *owner = NULL, *as_of = NULL;
	const struct option opts[] = {
		{ OPT_KEYWORD, 'b', "by", &by, "month|quarter",
		  "the periods (default month)" },
		OPT_FROM(&from),
		OPT_TO(&to),
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
		return usage_error(usage, "forecast takes no arguments");
	if (farley_period_by_parse(by, &o.by_quarter))
		return usage_error(usage, "--by takes month or quarter, not '%s'", by);
	if (from && farley_period_parse(from, 0, &o.from))
		return usage_error(usage, "--from '%s' is not a date, month or quarter", from);
	if (to && farley_period_parse(to, 1, &o.to))
		return usage_error(usage, "--to '%s' is not a date, month or quarter", to);
	o.owner = owner;
	if ((ret = report_snapshot(ctx, as_of, &s)))
		return ret;
	if (!as_of)
		warn_unreadable(ctx, FARLEY_DEAL);
	if (farley_report_forecast(s, &o, &doc, &err)) {
		ret = report(&err);
		goto out;
	}
	ret = ctx->format == FARLEY_FMT_TABLE ? show_forecast(ctx, doc)
					      : emit_report(ctx, doc);
out:
	farley_node_free(doc);
	farley_snapshot_free(s);
	return ret;
}
