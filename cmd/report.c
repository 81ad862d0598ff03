/* report.c: farley report NAME -- analytics, and one self-contained HTML
 * page with inline SVG charts (built by the library, written here). */
#include "chart.h"
#include "farley/date.h"

#include <stdio.h>
#include <string.h>

static const char *const usage[] = {
	"farley report NAME [--owner O] [--from D] [--to D] [--as-of DATE] [--days N]",
	NULL,
};

/* The HTML page, written whole once it is complete. */
static int write_page(struct farley_snapshot *s, const struct farley_report_opts *o)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct strbuf page = STRBUF_INIT;
	int ret = 0;
	if (farley_report_html(s, o, &page, &err))
		ret = report(&err);
	else if (fwrite(page.buf, 1, page.len, stdout) != page.len)
		ret = 1;
	strbuf_release(&page);
	return ret;
}

int cmd_report(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *owner = NULL, *from = NULL, *to = NULL, *as_of = NULL;
	int days = 0;
	const struct option opts[] = {
		{ OPT_STRING, 'o', "owner", &owner, "O", "only this owner's records" },
		{ OPT_STRING, 0, "from", &from, "D", "from this date (where a period applies)" },
		{ OPT_STRING, 0, "to", &to, "D", "to this date" },
		{ OPT_STRING, 0, "as-of", &as_of, "DATE",
		  "as the repository was at the end of DATE" },
		{ OPT_INT, 'd', "days", &days, "N", "dormant: quiet for N days (default 90)" },
		OPT_END_(),
	};
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_report_opts o = { 0 };
	struct farley_snapshot *s = NULL;
	struct farley_node *doc = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n != 1)
		return usage_error(usage, n ? "one report at a time" : "which report?");
	if ((from && farley_date_expr(from, &o.from)) || (to && farley_date_expr(to, &o.to)))
		return usage_error(usage, "--from and --to take dates (YYYY-MM-DD)");
	o.owner = owner;
	o.days = days;
	if ((ret = report_snapshot(ctx, as_of, &s)))
		return ret;
	if (!strcmp(argv[1], "html")) {
		ret = write_page(s, &o);
		goto out;
	}
	if (farley_report_named(s, argv[1], &o, &doc, &err)) {
		ret = report(&err);
		goto out;
	}
	if (ctx->format == FARLEY_FMT_TABLE && doc->type == FARLEY_N_MAP) {
		/* stages and slips: the main table, then what goes with it */
		for (size_t i = 0; i < doc->n && !ret; i++) {
			struct farley_node *k = doc->kids[i];
			if (k->type == FARLEY_N_LIST) {
				if (i)
					printf("\n%s\n", k->key);
				ret = k->n ? emit(ctx, k, NULL, 0) : 0;
			} else if (k->type == FARLEY_N_MAP) {
				printf("\n%s\n", k->key);
				ret = emit(ctx, k, NULL, 1);
			} else {
				printf("%s: %s\n", k->key, k->text ? k->text : "");
			}
		}
	} else {
		ret = emit(ctx, doc, NULL, ctx->format == FARLEY_FMT_TABLE &&
					       doc->type == FARLEY_N_MAP);
	}
out:
	farley_node_free(doc);
	farley_snapshot_free(s);
	return ret;
}
