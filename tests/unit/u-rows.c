/* u-rows.c: farley_report_rows(), a report's tree as flat rows for csv,
 * tsv and ndjson -- each rule of farley/report.h on a small tree, seen
 * through the csv the emitter writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "farley/emit.h"
#include "farley/report.h"

static struct farley_node *map(struct farley_node *parent, const char *key)
{
	struct farley_node *m = farley_node_new(FARLEY_N_MAP, NULL);
	return parent ? farley_node_add(parent, key, m) : m;
}

static struct farley_node *list(struct farley_node *parent, const char *key)
{
	struct farley_node *l = farley_node_new(FARLEY_N_LIST, NULL);
	return parent ? farley_node_add(parent, key, l) : l;
}

static void num(struct farley_node *m, const char *key, const char *v)
{
	farley_node_add(m, key, farley_node_new(FARLEY_N_NUM, v));
}

/* tree's rows as csv (lines ending in \n here, not \r\n) equal want; frees
 * tree. */
static void assert_rows(struct farley_node *tree, const char *want)
{
	struct farley_emit_opts o = { 0 };
	struct farley_node *rows = farley_report_rows(tree);
	char *buf = NULL, *w;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	o.format = FARLEY_FMT_CSV;
	assert_non_null(f);
	assert_int_equal(farley_emit(f, rows, &o), 0);
	fclose(f);
	for (char *r = w = buf; *r; r++)
		if (*r != '\r')
			*w++ = *r;
	*w = 0;
	assert_string_equal(buf, want);
	free(buf);
	farley_node_free(rows);
	farley_node_free(tree);
}

/* {"currency", "stages": [{"stage", "count"}...], "total": {"count"}} */
static struct farley_node *pipeline(struct farley_node *parent, const char *cur,
				    const char *lead, const char *won)
{
	struct farley_node *doc = map(parent, NULL), *stages, *s;
	farley_node_add_str(doc, "currency", cur);
	stages = list(doc, "stages");
	s = map(stages, NULL);
	farley_node_add_str(s, "stage", "lead");
	num(s, "count", lead);
	s = map(stages, NULL);
	farley_node_add_str(s, "stage", "won");
	num(s, "count", won);
	num(map(doc, "total"), "count", "3");
	return doc;
}

static void items_and_total(void **state)
{
	(void)state;
	assert_rows(pipeline(NULL, "EUR", "1", "2"),
		    "currency,stage,count\nEUR,lead,1\nEUR,won,2\nEUR,total,3\n");
}

static void list_of_trees(void **state)
{
	struct farley_node *both = list(NULL, NULL);
	(void)state;
	pipeline(both, "EUR", "1", "2");
	pipeline(both, "USD", "0", "3");
	assert_rows(both, "currency,stage,count\nEUR,lead,1\nEUR,won,2\nEUR,total,3\n"
			  "USD,lead,0\nUSD,won,3\nUSD,total,3\n");
}

static void other_shapes_left_out(void **state)
{
	struct farley_node *doc = map(NULL, NULL), *deals, *d, *total, *back;
	(void)state;
	deals = list(doc, "deals");
	d = map(deals, NULL);
	farley_node_add_str(d, "deal", "a");
	num(d, "slips", "2");
	back = list(doc, "backwards"); /* a second table */
	farley_node_add_str(map(back, NULL), "from", "proposal");
	total = map(doc, "total"); /* "deals" is no column of the items */
	num(total, "deals", "1");
	num(total, "slips", "2");
	assert_rows(doc, "deal,slips\na,2\n");
}

static void one_row_without_items(void **state)
{
	struct farley_node *doc = map(NULL, NULL), *inner;
	(void)state;
	farley_node_add_str(doc, "currency", "EUR");
	num(doc, "rate", "0.5");
	inner = map(doc, "split");
	num(inner, "won", "1");
	num(inner, "lost", "1");
	assert_rows(doc, "currency,rate,split.won,split.lost\nEUR,0.5,1,1\n");
}

static void no_items_no_rows(void **state)
{
	struct farley_node *doc = map(NULL, NULL);
	(void)state;
	list(doc, "deals");
	num(map(doc, "total"), "slips", "0");
	assert_rows(doc, "\n");
}

static void items_win_over_context(void **state)
{
	struct farley_node *doc = map(NULL, NULL), *it;
	(void)state;
	farley_node_add_str(doc, "currency", "EUR");
	it = map(list(doc, "items"), NULL);
	farley_node_add_str(it, "currency", "USD");
	num(it, "n", "1");
	assert_rows(doc, "currency,n\nUSD,1\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(items_and_total),
		cmocka_unit_test(list_of_trees),
		cmocka_unit_test(other_shapes_left_out),
		cmocka_unit_test(one_row_without_items),
		cmocka_unit_test(no_items_no_rows),
		cmocka_unit_test(items_win_over_context),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
