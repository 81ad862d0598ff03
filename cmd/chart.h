/* chart.h: what the report commands (pipeline, forecast, due, report)
 * share: opening the snapshot they read, bar charts for tables on a
 * terminal, and the choice between a report's tree and its flat rows. */
#ifndef FARLEY_CHART_H
#define FARLEY_CHART_H

#include <stdint.h>

#include "cmds.h"
#include "farley/report.h"

/* Append to out a bar of width (cols * v / max) in block characters,
 * eighths included; nothing when v or max is not positive. */
void bar(struct strbuf *out, int64_t v, int64_t max, int cols);

/* The money figure under key in map, in cents (0 when absent). */
int64_t node_cents(const struct farley_node *map, const char *key);

/* Print rows (a list of maps) as a table under title (NULL: none), with a
 * "chart" column of bars drawn from the money field chart_of; a row whose
 * "stage" is "total" gets no bar and sets no scale.  Adds the chart cells
 * to rows.  Returns the exit status. */
int chart_table(struct farley_ctx *ctx, const char *title, struct farley_node *rows,
		const char *chart_of, const char *const *columns);

/* Move every child of from to the end of to (from keeps no children). */
void move_kids(struct farley_node *to, struct farley_node *from);

/* The per-currency objects of a pipeline or forecast tree: doc, then
 * the members of its "other_currencies" list (report/currencies.c); *n
 * is set, the array is the caller's to free, the nodes stay doc's. */
struct farley_node **currency_docs(struct farley_node *doc, size_t *n);

/* Open the snapshot for --as-of (NULL: now); on failure print why and
 * return the exit status. */
int report_snapshot(struct farley_ctx *ctx, const char *as_of,
		    struct farley_snapshot **s);

/* Emit a report in the context's format: in csv, tsv, ndjson and
 * templates its flat rows (farley_report_rows: one item a row under one
 * header), in json, yaml, ids and table the tree as it is.  Returns the
 * exit status. */
int emit_report(struct farley_ctx *ctx, const struct farley_node *doc);

#endif
