/* report-money.c: the money reports -- pipeline (open deals per stage)
 * and forecast (open deals per expected close period, next to what was
 * won), per currency, summed exactly. */
#include "report-private.h"

#include <stdlib.h>

struct sums {
	long long count;
	int64_t value;
	farley_wide weighted;
};

static void add_deal(struct sums *s, const struct deal *d)
{
	s->count++;
	s->value += d->value;
	s->weighted += farley_money_weight(d->value, d->prob);
}

static void sums_node(struct farley_node *map, const struct sums *s,
		      const char *currency)
{
	int_node(map, "count", s->count);
	money_node(map, "value", s->value, currency);
	money_node(map, "weighted", farley_wide_to_cents(s->weighted), currency);
}

/* The currencies of these deals, the repository's own first. */
static size_t currencies(const struct farley_snapshot *s, const struct deal *d,
			 size_t n, const char ***out)
{
	const char **c = xcalloc(n + 2, sizeof(*c));
	size_t k = 0;
	c[k++] = s->cfg.currency;
	for (size_t i = 0; i < n; i++) {
		size_t j;
		for (j = 0; j < k && strcmp(c[j], d[i].currency); j++)
			;
		if (j == k)
			c[k++] = d[i].currency;
	}
	if (k > 2)
		qsort(c + 1, k - 1, sizeof(*c), (int (*)(const void *, const void *))strcmp);
	*out = c;
	return k;
}

/* The repository's currency is always shown; others only with deals. */
static void keep_currency(struct farley_node *list, struct farley_node *doc, int keep)
{
	if (keep)
		farley_node_add(list, NULL, doc);
	else
		farley_node_free(doc);
}

/* One shape whatever the data holds: the repository currency's object,
 * the other currencies' objects (same shape) in its "other_currencies"
 * list, empty when there are none. */
static struct farley_node *with_others(struct farley_node *list)
{
	struct farley_node *one = list->kids[0];
	struct farley_node *others = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 1; i < list->n; i++)
		farley_node_add(others, NULL, list->kids[i]);
	list->n = 0;
	farley_node_free(list);
	farley_node_add(one, "other_currencies", others);
	return one;
}

int farley_report_pipeline(struct farley_snapshot *s,
			   const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err)
{
	struct deal *d = NULL;
	const char **cur = NULL;
	size_t n = 0, ncur;
	struct farley_node *list;
	int ret = farley_snapshot_deal_columns(s, o, &d, &n, err);
	if (ret)
		return ret;
	ncur = currencies(s, d, n, &cur);
	list = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t c = 0; c < ncur; c++) {
		struct farley_node *doc = farley_node_new(FARLEY_N_MAP, NULL);
		struct farley_node *stages;
		struct sums total = { 0 };
		int any = 0;
		farley_node_add_str(doc, "currency", cur[c]);
		stages = farley_node_add(doc, "stages", farley_node_new(FARLEY_N_LIST, NULL));
		for (size_t st = 0; st < s->cfg.nstages; st++) {
			const struct farley_stage *stage = &s->cfg.stages[st];
			struct sums sum = { 0 };
			struct farley_node *row;
			if (stage->closed != FARLEY_OPEN)
				continue;
			for (size_t i = 0; i < n; i++)
				if (d[i].stage == stage && !strcmp(d[i].currency, cur[c]))
					add_deal(&sum, &d[i]);
			row = farley_node_add(stages, NULL, farley_node_new(FARLEY_N_MAP, NULL));
			farley_node_add_str(row, "stage", stage->name);
			sums_node(row, &sum, cur[c]);
			total.count += sum.count;
			total.value += sum.value;
			total.weighted += sum.weighted;
			any |= sum.count > 0;
		}
		sums_node(farley_node_add(doc, "total", farley_node_new(FARLEY_N_MAP, NULL)),
			  &total, cur[c]);
		keep_currency(list, doc, c == 0 || any);
	}
	*out = with_others(list);
	free(cur);
	free(d);
	return 0;
}

int farley_report_forecast(struct farley_snapshot *s,
			   const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err)
{
	struct deal *d = NULL;
	const char **cur = NULL;
	size_t n = 0, ncur;
	struct farley_node *list;
	int32_t from, to, today = s->today;
	int q = o->by_quarter, ret = farley_snapshot_deal_columns(s, o, &d, &n, err);
	if (ret)
		return ret;
	from = farley_period_start(o->from ? o->from : today, q);
	if (o->to) {
		to = o->to;
	} else {
		to = from;
		for (int i = 0; i < 6; i++)
			to = farley_period_next(to, q);
		to--;
	}
	if (to < from) {
		free(d);
		return farley_error_set(err, FARLEY_EUSAGE, "--to is before --from");
	}
	ncur = currencies(s, d, n, &cur);
	list = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t c = 0; c < ncur; c++) {
		struct farley_node *doc = farley_node_new(FARLEY_N_MAP, NULL), *periods;
		struct sums overdue = { 0 }, undated = { 0 }, earlier = { 0 }, later = { 0 };
		struct sums total = { 0 };
		int any = 0;
		farley_node_add_str(doc, "currency", cur[c]);
		farley_node_add_str(doc, "by", q ? "quarter" : "month");
		periods = farley_node_add(doc, "periods", farley_node_new(FARLEY_N_LIST, NULL));
		for (int32_t p = from; p <= to; p = farley_period_next(p, q)) {
			int32_t end = farley_period_next(p, q);
			struct sums sum = { 0 };
			int64_t won = 0;
			long long nwon = 0;
			char name[32];
			struct farley_node *row;
			for (size_t i = 0; i < n; i++) {
				const struct deal *x = &d[i];
				if (strcmp(x->currency, cur[c]) || !x->has_close ||
				    x->close < p || x->close >= end)
					continue;
				if (x->stage->closed == FARLEY_WON) {
					won += x->value;
					nwon++;
				} else if (x->stage->closed == FARLEY_OPEN && x->close >= today) {
					add_deal(&sum, x);
				}
			}
			farley_period_name(name, sizeof(name), p, q);
			row = farley_node_add(periods, NULL, farley_node_new(FARLEY_N_MAP, NULL));
			farley_node_add_str(row, "period", name);
			sums_node(row, &sum, cur[c]);
			money_node(row, "won", won, cur[c]);
			int_node(row, "won_count", nwon);
			any |= sum.count || nwon;
		}
		for (size_t i = 0; i < n; i++) {
			const struct deal *x = &d[i];
			if (strcmp(x->currency, cur[c]) || x->stage->closed != FARLEY_OPEN)
				continue;
			/* every open deal is in one row: a period, overdue,
			 * before the first period (--from after today), after
			 * the last, or undated; total is all of them */
			add_deal(&total, x);
			if (!x->has_close)
				add_deal(&undated, x);
			else if (x->close < today)
				add_deal(&overdue, x);
			else if (x->close < from)
				add_deal(&earlier, x);
			else if (x->close > to)
				add_deal(&later, x);
		}
		sums_node(farley_node_add(doc, "overdue", farley_node_new(FARLEY_N_MAP, NULL)),
			  &overdue, cur[c]);
		sums_node(farley_node_add(doc, "earlier", farley_node_new(FARLEY_N_MAP, NULL)),
			  &earlier, cur[c]);
		sums_node(farley_node_add(doc, "later", farley_node_new(FARLEY_N_MAP, NULL)),
			  &later, cur[c]);
		sums_node(farley_node_add(doc, "undated", farley_node_new(FARLEY_N_MAP, NULL)),
			  &undated, cur[c]);
		sums_node(farley_node_add(doc, "total", farley_node_new(FARLEY_N_MAP, NULL)),
			  &total, cur[c]);
		any |= total.count > 0;
		keep_currency(list, doc, c == 0 || any);
	}
	*out = with_others(list);
	free(cur);
	free(d);
	return 0;
}
