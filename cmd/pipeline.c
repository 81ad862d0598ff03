/* pipeline.c: farley pipeline -- open deals per stage, with a bar chart on
 * a terminal; also forecast.c's table rendering helpers. */
#include "cmds.h"
#include "farley/money.h"
#include "farley/report.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"farley pipeline [--owner O] [--as-of DATE]",
	NULL,
};

/* A bar of width (cols * v / max) in block characters, eighths included. */
void bar(struct strbuf *out, int64_t v, int64_t max, int cols)
{
	static const char *part[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	long long eighths;
	if (max <= 0 || v <= 0)
		return;
	eighths = (long long)((__int128)v * cols * 8 / max);
	for (long long i = 0; i < eighths / 8; i++)
		strbuf_addstr(out, "█");
	strbuf_addstr(out, part[eighths % 8]);
	if (!eighths)
		strbuf_addstr(out, "▏");
}

int64_t node_cents(const struct farley_node *map, const char *key)
{
	const struct farley_node *n = farley_node_get(map, key);
	int64_t c = 0;
	if (n && n->text)
		farley_money_parse(n->text, &c);
	return c;
}

/* Print one currency's rows (a list of maps) with a chart column drawn from
 * the field chart_of, then any extra rows. */
int chart_table(struct farley_ctx *ctx, const char *title, struct farley_node *rows,
		const char *chart_of, const char *const *columns)
{
	int64_t max = 0;
	int ret;
	for (size_t i = 0; i < rows->n; i++) {
		const struct farley_node *label = farley_node_get(rows->kids[i], "stage");
		int64_t v = node_cents(rows->kids[i], chart_of);
		if (label && !strcmp(label->text, "total"))
			continue; /* the total sets no scale */
		if (v > max)
			max = v;
	}
	for (size_t i = 0; i < rows->n; i++) {
		struct strbuf sb = STRBUF_INIT;
		const struct farley_node *label = farley_node_get(rows->kids[i], "stage");
		if (!(label && !strcmp(label->text, "total")))
			bar(&sb, node_cents(rows->kids[i], chart_of), max, 30);
		farley_node_add_str(rows->kids[i], "chart", sb.buf);
		strbuf_release(&sb);
	}
	if (title)
		printf(ctx->color ? "\033[1m%s\033[m\n" : "%s\n", title);
	ret = emit(ctx, rows, columns, 0);
	return ret;
}

/* Move every child of from to the end of to (from keeps no children). */
void move_kids(struct farley_node *to, struct farley_node *from)
{
	for (size_t k = 0; k < from->n; k++) {
		farley_node_add(to, NULL, from->kids[k]);
		from->kids[k] = NULL;
	}
	from->n = 0;
}

/* Options shared by pipeline, forecast and report. */
int report_snapshot(struct farley_ctx *ctx, const char *as_of,
		    struct farley_snapshot **s)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	if (farley_snapshot_open(s, ctx->repo, ctx->index, as_of, &err))
		return report(&err);
	return 0;
}

static int show_pipeline(struct farley_ctx *ctx, struct farley_node *doc)
{
	static const char *const cols[] = { "stage", "count", "value", "weighted",
					    "chart", NULL };
	struct farley_node *one[1] = { doc };
	struct farley_node **docs = doc->type == FARLEY_N_LIST ? doc->kids : one;
	size_t n = doc->type == FARLEY_N_LIST ? doc->n : 1;
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
	return ret;
}

int cmd_pipeline(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *owner = NULL, *as_of = NULL;
	const struct option opts[] = {
		{ OPT_STRING, 'o', "owner", &owner, "O", "only this owner's deals" },
		{ OPT_STRING, 0, "as-of", &as_of, "DATE",
		  "as the repository was at the end of DATE" },
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
	o.owner = owner;
	if (farley_report_pipeline(s, &o, &doc, &err)) {
		ret = report(&err);
		goto out;
	}
	ret = ctx->format == FARLEY_FMT_TABLE ? show_pipeline(ctx, doc)
					      : emit(ctx, doc, NULL, 0);
out:
	farley_node_free(doc);
	farley_snapshot_free(s);
	return ret;
}
