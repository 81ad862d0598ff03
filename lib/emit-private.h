/* Library-private parts of the emit module, shared by its files, which
 * call one another bottom up:
 *
 *   emit-cell.c   nodes; a cell's text: sanitizing, money, rates, dates,
 *                 headers
 *   emit-table.c  tables laid out for a terminal, the vertical listing,
 *                 templates
 *   emit.c        nodes, records as nodes, json, yaml, tsv, csv, dispatch
 */
#ifndef FARLEY_EMIT_PRIVATE_H
#define FARLEY_EMIT_PRIVATE_H

#include "farley/emit.h"
#include "farley/strbuf.h"

/* Text of a highlighted node without its \x01 ... \x02 match markers. */
const char *emit_plain_text(const struct farley_node *n, struct strbuf *tmp);
/* A cell's text: human (tables) with currency, grouped digits, rates in
 * per cent and, when today is not 0, how far a date is from today. */
void emit_cell_text(struct strbuf *sb, const struct farley_node *n, int human,
		    int32_t today);
/* A highlighted cell for a terminal: sanitized, matches in bold red. */
void emit_highlighted(struct strbuf *sb, const char *text);
/* A number or an amount: right-aligned, never cut. */
int emit_numeric(const struct farley_node *n);
/* A column name as a table header: "win_rate" -> "win rate". */
void emit_header(struct strbuf *sb, const char *key);
/* The columns to show: want's names without their marks, or every key
 * of the rows in order of appearance. */
#define EMIT_COL_OPTIONAL 1 /* "name?" */
#define EMIT_COL_WHOLE 2    /* "name!" */
struct emit_columns {
	char **name;
	int *flags;
	size_t n, alloc, falloc;
};
void emit_columns(struct emit_columns *c, const struct farley_node *const *rows,
		  size_t nrows, const char *const *want);
void emit_columns_release(struct emit_columns *c);
/* A list's rows, or the one map doc is (through one[0]). */
const struct farley_node *const *emit_rows(const struct farley_node *doc,
					   const struct farley_node *one[1], size_t *nrows);
/* The table writer (emit-table.c). */
void emit_table(struct strbuf *sb, const struct farley_node *const *rows,
		size_t nrows, const struct farley_emit_opts *o);
void emit_vertical(struct strbuf *sb, const struct farley_node *map,
		   const struct farley_emit_opts *o);
void emit_template(struct strbuf *sb, const struct farley_node *const *rows,
		   size_t nrows, const char *tmpl);

#endif
