/* report-history.c: analytics from git history -- days spent in each
 * stage, conversion and backward moves (stages), and postponed close dates
 * (slips) -- over the stage and close transitions that history.c mines and
 * caches; the transitions up to a snapshot's day are also what stalled
 * reads. */
#include "report-private.h"
#include "farley/history.h"
#include "history-private.h"

#include <stdlib.h>

static int stage_order(const struct farley_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nstages; i++)
		if (!strcmp(cfg->stages[i].name, name))
			return (int)i;
	return -1;
}

static double median(double *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void transition_release(struct farley_transition *x)
{
	free(x->author);
	free(x->deal);
	free(x->field);
	free(x->old);
	free(x->new);
}

/* Keep only the transitions of one field (freeing the others). */
static void keep_field(struct farley_transition *t, size_t *n, const char *field)
{
	size_t m = 0;
	for (size_t i = 0; i < *n; i++) {
		if (!strcmp(t[i].field, field))
			t[m++] = t[i];
		else
			transition_release(&t[i]);
	}
	*n = m;
}

int farley_snapshot_transitions(struct farley_snapshot *s,
				struct farley_transition **t, size_t *n,
				struct farley_error *err)
{
	int ret = farley_history_deals(s->repo, s->idx, t, n, err);
	int64_t limit = (int64_t)s->today * 86400 + 86399;
	size_t m = 0;
	if (ret)
		return ret;
	for (size_t i = 0; i < *n; i++) {
		if ((*t)[i].time <= limit) {
			(*t)[m++] = (*t)[i];
		} else {
			/* after the as-of date: not part of this snapshot */
			transition_release(&(*t)[i]);
		}
	}
	*n = m;
	return 0;
}

static int cmp_deal_time(const void *a, const void *b)
{
	const struct farley_transition *x = a, *y = b;
	int c = strcmp(x->deal, y->deal);
	if (c)
		return c;
	return x->time < y->time ? -1 : x->time > y->time;
}

/* The changes of one field, grouped by deal, each deal's in time order. */
static int field_transitions(struct farley_snapshot *s, const char *field,
			     struct farley_transition **t, size_t *n,
			     struct farley_error *err)
{
	int ret = farley_snapshot_transitions(s, t, n, err);
	if (ret)
		return ret;
	keep_field(*t, n, field);
	if (*n)
		qsort(*t, *n, sizeof(**t), cmp_deal_time);
	return 0;
}

/* report stages: days in each stage, conversion, deals that went back. */
int farley_report_stages(struct farley_snapshot *s, const struct farley_report_opts *o,
			 struct farley_node **out, struct farley_error *err)
{
	struct farley_transition *t = NULL;
	size_t n = 0, ns = s->cfg.nstages;
	double **days = xcalloc(ns + 1, sizeof(*days));
	size_t *ndays = xcalloc(ns + 1, sizeof(*ndays));
	long long *reached = xcalloc(ns + 1, sizeof(*reached));
	long long *advanced = xcalloc(ns + 1, sizeof(*advanced));
	struct farley_node *doc, *rows, *back;
	int ret = field_transitions(s, "stage", &t, &n, err);
	(void)o;
	if (ret)
		goto out;
	doc = farley_node_new(FARLEY_N_MAP, NULL);
	back = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		char *seen = xcalloc(ns + 1, 1);
		int max_order = -1;
		while (j < n && !strcmp(t[j].deal, t[i].deal))
			j++;
		for (size_t k = i; k < j; k++) {
			int from = t[k].old ? stage_order(&s->cfg, t[k].old) : -1;
			int to = t[k].new ? stage_order(&s->cfg, t[k].new) : -1;
			if (to >= 0)
				seen[to] = 1;
			/* the stay in `from` ended now */
			if (k > i && from >= 0) {
				double d = (double)(t[k].time - t[k - 1].time) / 86400.0;
				days[from] = xrealloc(days[from], (ndays[from] + 1) * sizeof(double));
				days[from][ndays[from]++] = d;
			}
			if (from >= 0 && to >= 0 && s->cfg.stages[from].closed != FARLEY_LOST &&
			    s->cfg.stages[to].closed != FARLEY_LOST && to < from) {
				struct farley_node *b = farley_node_add(back, NULL,
									farley_node_new(FARLEY_N_MAP, NULL));
				char date[16];
				int y, m, dd;
				farley_civil_from_days((int32_t)(t[k].time / 86400), &y, &m, &dd);
				snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, dd);
				farley_node_add_str(b, "deal", t[k].deal);
				farley_node_add_str(b, "from", t[k].old);
				farley_node_add_str(b, "to", t[k].new);
				farley_node_add(b, "date", farley_node_new(FARLEY_N_DATE, date));
				farley_node_add_str(b, "author", t[k].author);
			}
		}
		/* conversion: of the deals that reached a stage, those that later
		 * reached one further along (lost is not further along) */
		for (size_t st = 0; st < ns; st++)
			if (seen[st] && s->cfg.stages[st].closed != FARLEY_LOST)
				max_order = (int)st;
		for (size_t st = 0; st < ns; st++) {
			if (!seen[st] || s->cfg.stages[st].closed != FARLEY_OPEN)
				continue;
			reached[st]++;
			if (max_order > (int)st)
				advanced[st]++;
		}
		free(seen);
		i = j;
	}
	rows = farley_node_add(doc, "stages", farley_node_new(FARLEY_N_LIST, NULL));
	for (size_t st = 0; st < ns; st++) {
		struct farley_node *r;
		double sum = 0;
		if (s->cfg.stages[st].closed != FARLEY_OPEN)
			continue;
		r = farley_node_add(rows, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(r, "stage", s->cfg.stages[st].name);
		for (size_t k = 0; k < ndays[st]; k++)
			sum += days[st][k];
		int_node(r, "stays", (long long)ndays[st]);
		real_node(r, "average_days", ndays[st] ? sum / (double)ndays[st] : 0, 1);
		real_node(r, "median_days", median(days[st], ndays[st]), 1);
		int_node(r, "reached", reached[st]);
		int_node(r, "advanced", advanced[st]);
		real_node(r, "conversion", reached[st] ? (double)advanced[st] / (double)reached[st] : 0, 3);
	}
	farley_node_add(doc, "backwards", back);
	*out = doc;
out:
	for (size_t st = 0; st <= ns; st++)
		free(days[st]);
	free(days);
	free(ndays);
	free(reached);
	free(advanced);
	farley_transitions_free(t, n);
	return ret;
}

/* report slips: close dates pushed back. */
int farley_report_slips(struct farley_snapshot *s, const struct farley_report_opts *o,
			struct farley_node **out, struct farley_error *err)
{
	struct farley_transition *t = NULL;
	size_t n = 0;
	struct farley_node *doc, *rows;
	long long total = 0, total_days = 0;
	int ret = field_transitions(s, "close", &t, &n, err);
	(void)o;
	if (ret)
		return ret;
	doc = farley_node_new(FARLEY_N_MAP, NULL);
	rows = farley_node_add(doc, "deals", farley_node_new(FARLEY_N_LIST, NULL));
	for (size_t i = 0; i < n;) {
		size_t j = i;
		long long slips = 0, pushed = 0;
		const char *first = NULL, *last = NULL;
		while (j < n && !strcmp(t[j].deal, t[i].deal))
			j++;
		for (size_t k = i; k < j; k++) {
			int32_t a, b;
			if (!first && t[k].old)
				first = t[k].old;
			if (t[k].new)
				last = t[k].new;
			if (t[k].old && t[k].new && !farley_date_parse(t[k].old, &a) &&
			    !farley_date_parse(t[k].new, &b) && b > a) {
				slips++;
				pushed += b - a;
			}
		}
		if (slips) {
			struct farley_node *r = farley_node_add(rows, NULL,
								farley_node_new(FARLEY_N_MAP, NULL));
			farley_node_add_str(r, "deal", t[i].deal);
			int_node(r, "slips", slips);
			int_node(r, "days", pushed);
			farley_node_add(r, "first_close", farley_node_new(FARLEY_N_DATE, first));
			farley_node_add(r, "close", farley_node_new(FARLEY_N_DATE, last));
			total += slips;
			total_days += pushed;
		}
		i = j;
	}
	{
		struct farley_node *tot = farley_node_add(doc, "total",
							  farley_node_new(FARLEY_N_MAP, NULL));
		int_node(tot, "deals", (long long)rows->n);
		int_node(tot, "slips", total);
		int_node(tot, "days", total_days);
	}
	farley_transitions_free(t, n);
	*out = doc;
	return 0;
}
