/* report.c: the report module's front -- the table of named reports and
 * their dispatch.  What each report computes lives in the report-*.c
 * files (see report-private.h). */
#include "report-private.h"

/* In the order `farley report --help` lists them. */
const struct farley_report_def farley_reports[] = {
	{ "winrate", farley_report_winrate, NULL,
	  "won / (won + lost) by quarter, owner and source" },
	{ "velocity", farley_report_velocity, NULL,
	  "open deals x average won value x win rate / cycle days" },
	{ "stages", farley_report_stages, NULL,
	  "days in each stage, conversion, backward moves (history)" },
	{ "slips", farley_report_slips, NULL,
	  "deals whose close date was pushed back (history)" },
	{ "accuracy", farley_report_accuracy, NULL,
	  "what past forecasts said against what was won" },
	{ "stalled", farley_report_stalled, NULL,
	  "open deals without a stage change or interaction" },
	{ "activity", farley_report_activity, NULL,
	  "interactions per week, owner and channel" },
	{ "rfm", farley_report_rfm, NULL,
	  "companies by recency, frequency and value of won deals" },
	{ "dormant", farley_report_dormant, NULL,
	  "companies with won deals but no interaction for --days" },
	{ "service", farley_report_service, NULL,
	  "support cases: backlog, SLA compliance, response and resolution times" },
	{ "campaign", farley_report_campaign, NULL,
	  "campaigns: audience, responses, deals sourced, return on budget" },
	{ "html", NULL, farley_report_html,
	  "one self-contained HTML page with charts" },
	{ NULL, NULL, NULL, NULL },
};

const struct farley_report_def *farley_report_find(const char *name)
{
	for (const struct farley_report_def *r = farley_reports; r->name; r++)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

int farley_report_named(struct farley_snapshot *s, const char *name,
			const struct farley_report_opts *o,
			struct farley_node **out, struct farley_error *err)
{
	const struct farley_report_def *r = farley_report_find(name);
	struct strbuf names = STRBUF_INIT;
	int ret;
	*out = NULL;
	if (r && r->tree)
		return r->tree(s, o, out, err);
	if (r)
		return farley_error_set(err, FARLEY_EUSAGE,
					"report '%s' is a page, not a tree", name);
	for (r = farley_reports; r->name; r++)
		strbuf_addf(&names, "%s%s", r == farley_reports ? "" : ", ", r->name);
	ret = farley_error_set(err, FARLEY_EUSAGE, "unknown report '%s' (%s)", name,
			       names.buf);
	strbuf_release(&names);
	return ret;
}

/* Flat rows ---------------------------------------------------------------- */

static struct farley_node *node_copy(const struct farley_node *n)
{
	struct farley_node *c = farley_node_new(n->type, n->text);
	c->currency = n->currency ? xstrdup(n->currency) : NULL;
	c->highlight = n->highlight;
	for (size_t i = 0; i < n->n; i++)
		farley_node_add(c, n->kids[i]->key, node_copy(n->kids[i]));
	return c;
}

/* A list of maps: a table of items (an empty list counts as one). */
static int is_table(const struct farley_node *n)
{
	if (n->type != FARLEY_N_LIST)
		return 0;
	for (size_t i = 0; i < n->n; i++)
		if (n->kids[i]->type != FARLEY_N_MAP)
			return 0;
	return 1;
}

/* Set key in row to v (taking it), replacing a value already there. */
static void row_set(struct farley_node *row, const char *key, struct farley_node *v)
{
	for (size_t i = 0; i < row->n; i++)
		if (!strcmp(row->kids[i]->key, key)) {
			v->key = row->kids[i]->key;
			row->kids[i]->key = NULL;
			farley_node_free(row->kids[i]);
			row->kids[i] = v;
			return;
		}
	farley_node_add(row, key, v);
}

/* Add map's fields to row as cells: a scalar or a list of scalars as it
 * is, a map as "key.field" cells; a table inside is another shape and
 * left out. */
static void add_cells(struct farley_node *row, const struct farley_node *map,
		      const char *prefix)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct farley_node *k = map->kids[i];
		struct strbuf key = STRBUF_INIT;
		if (prefix)
			strbuf_addf(&key, "%s.", prefix);
		strbuf_addstr(&key, k->key ? k->key : "value");
		if (k->type == FARLEY_N_MAP)
			add_cells(row, k, key.buf);
		else if (!is_table(k) || !k->n)
			row_set(row, key.buf, node_copy(k));
		strbuf_release(&key);
	}
}

/* Every key of sum is a column of the items: sum fits under their header. */
static int fits(const struct farley_node *sum, const struct farley_node *items)
{
	for (size_t i = 0; i < sum->n; i++) {
		int found = 0;
		if (sum->kids[i]->type == FARLEY_N_LIST || sum->kids[i]->type == FARLEY_N_MAP)
			return 0;
		for (size_t j = 0; j < items->n && !found; j++)
			found = farley_node_get(items->kids[j], sum->kids[i]->key) != NULL;
		if (!found)
			return 0;
	}
	return 1;
}

/* Append n's rows to rows, each starting with the cells of context. */
static void flatten(struct farley_node *rows, const struct farley_node *n,
		    const struct farley_node *context)
{
	const struct farley_node *items = NULL;
	struct farley_node *ctx, *row;
	const char *label;
	if (n->type == FARLEY_N_LIST) {
		for (size_t i = 0; i < n->n; i++)
			flatten(rows, n->kids[i], context);
		return;
	}
	if (n->type != FARLEY_N_MAP) {
		row = farley_node_add(rows, NULL, node_copy(context));
		row_set(row, "value", node_copy(n));
		return;
	}
	ctx = node_copy(context);
	for (size_t i = 0; i < n->n; i++) {
		const struct farley_node *k = n->kids[i];
		if (is_table(k)) {
			if (!items)
				items = k;
		} else if (k->type != FARLEY_N_MAP) {
			row_set(ctx, k->key, node_copy(k));
		}
	}
	if (!items) {
		add_cells(ctx, n, NULL);
		farley_node_add(rows, NULL, ctx);
		return;
	}
	for (size_t i = 0; i < items->n; i++) {
		row = farley_node_add(rows, NULL, node_copy(ctx));
		add_cells(row, items->kids[i], NULL);
	}
	label = items->n && items->kids[0]->n ? items->kids[0]->kids[0]->key : NULL;
	for (size_t i = 0; i < n->n && label; i++) {
		const struct farley_node *k = n->kids[i];
		if (k->type != FARLEY_N_MAP || !fits(k, items) || farley_node_get(k, label))
			continue;
		row = farley_node_add(rows, NULL, node_copy(ctx));
		row_set(row, label, farley_node_new(FARLEY_N_STR, k->key));
		add_cells(row, k, NULL);
	}
	/* the other currencies of pipeline and forecast: rows of the same
	 * shape, after this one's */
	if ((items = farley_node_get(n, "other_currencies")) && items->type == FARLEY_N_LIST)
		flatten(rows, items, context);
	farley_node_free(ctx);
}

struct farley_node *farley_report_rows(const struct farley_node *tree)
{
	struct farley_node *rows = farley_node_new(FARLEY_N_LIST, NULL);
	struct farley_node *none = farley_node_new(FARLEY_N_MAP, NULL);
	flatten(rows, tree, none);
	farley_node_free(none);
	return rows;
}
