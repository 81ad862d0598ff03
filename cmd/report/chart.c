/* report/chart.c: the pieces pipeline, forecast, due and report share -- the
 * snapshot a report reads, bar charts in block characters for tables on a
 * terminal, moving rows between report trees, and emitting a report as
 * its tree or as flat rows. */
#include "chart.h"
#include "farley/date.h"
#include "farley/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
 * the field chart_of, then any extra rows.  The bars get the room the
 * other columns leave (30 at most) and keep their proportions; with less
 * than 4 columns left there is no chart rather than a cut one. */
int chart_table(struct farley_ctx *ctx, const char *title, struct farley_node *rows,
		const char *chart_of, const char *const *columns)
{
	struct farley_emit_opts o = { 0 };
	const char **cols;
	size_t ncols = 0;
	int64_t max = 0;
	int room, width = 30, ret;
	for (size_t i = 0; i < rows->n; i++) {
		const struct farley_node *label = farley_node_get(rows->kids[i], "stage");
		int64_t v = node_cents(rows->kids[i], chart_of);
		if (label && !strcmp(label->text, "total"))
			continue; /* the total sets no scale */
		if (v > max)
			max = v;
	}
	while (columns[ncols])
		ncols++;
	cols = xcalloc(ncols + 1, sizeof(*cols));
	o.format = ctx->format;
	o.width = ctx->width;
	o.columns = columns;
	o.today = ctx->tty && !ctx->no_relative ? farley_today() : 0;
	room = farley_table_room(rows, &o, "chart");
	if (room >= 0 && room < width)
		width = room;
	for (size_t i = 0, k = 0; i < ncols; i++)
		if (width >= 4 || strncmp(columns[i], "chart", 5))
			cols[k++] = columns[i];
	for (size_t i = 0; i < rows->n; i++) {
		struct strbuf sb = STRBUF_INIT;
		const struct farley_node *label = farley_node_get(rows->kids[i], "stage");
		if (!(label && !strcmp(label->text, "total")))
			bar(&sb, node_cents(rows->kids[i], chart_of), max, width);
		farley_node_add_str(rows->kids[i], "chart", sb.buf);
		strbuf_release(&sb);
	}
	if (title)
		printf(ctx->color ? "\033[1m%s\033[m\n" : "%s\n", title);
	ret = emit(ctx, rows, cols, 0);
	free(cols);
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

/* The snapshot pipeline, forecast, due and report read. */
int report_snapshot(struct farley_ctx *ctx, const char *as_of,
		    struct farley_snapshot **s)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	if (farley_snapshot_open(s, ctx->repo, ctx->index, as_of, &err))
		return report(&err);
	return 0;
}

/* The tree as it is, or its flat rows for csv, tsv and ndjson. */
int emit_report(struct farley_ctx *ctx, const struct farley_node *doc)
{
	struct farley_node *rows;
	int ret;
	if (ctx->format != FARLEY_FMT_CSV && ctx->format != FARLEY_FMT_TSV &&
	    ctx->format != FARLEY_FMT_NDJSON && ctx->format != FARLEY_FMT_TEMPLATE)
		return emit(ctx, doc, NULL, 0);
	rows = farley_report_rows(doc);
	ret = emit(ctx, rows, NULL, 0);
	farley_node_free(rows);
	return ret;
}
