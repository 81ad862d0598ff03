/* report-deals.c: analytics over the deals, interactions and companies of
 * a snapshot -- winrate, velocity, stalled, activity, rfm and dormant, and
 * forecast accuracy (past forecasts read from history against what was
 * won). */
#include "report-private.h"
#include "farley/history.h"
#include "history-private.h"

#include <stdlib.h>

/* Group key of a closed deal for winrate. */
static void winrate_group(struct farley_node *rows, const char *by, struct deal *d,
			  size_t n, const char *currency)
{
	struct acc {
		char *key;
		long long won, lost;
		int64_t won_value, lost_value;
	} *a = NULL;
	size_t na = 0, alloc = 0;
	for (size_t i = 0; i < n; i++) {
		char key[64];
		const char *k;
		size_t j;
		if (d[i].stage->closed == FARLEY_OPEN || strcmp(d[i].currency, currency))
			continue;
		if (!strcmp(by, "period")) {
			int y, m, dd;
			if (!d[i].has_close)
				continue;
			farley_civil_from_days(d[i].close, &y, &m, &dd);
			snprintf(key, sizeof(key), "%04d-Q%d", y, (m - 1) / 3 + 1);
			k = key;
		} else {
			k = str(d[i].r, by);
			if (!k)
				k = "(none)";
		}
		for (j = 0; j < na && strcmp(a[j].key, k); j++)
			;
		if (j == na) {
			ALLOC_GROW(a, na + 1, alloc);
			memset(&a[na], 0, sizeof(*a));
			a[na++].key = xstrdup(k);
		}
		if (d[i].stage->closed == FARLEY_WON) {
			a[j].won++;
			a[j].won_value += d[i].value;
		} else {
			a[j].lost++;
			a[j].lost_value += d[i].value;
		}
	}
	for (size_t j = 0; j < na; j++) {
		struct farley_node *r = farley_node_add(rows, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		int64_t tv = a[j].won_value + a[j].lost_value;
		farley_node_add_str(r, "by", by);
		farley_node_add_str(r, "group", a[j].key);
		int_node(r, "won", a[j].won);
		int_node(r, "lost", a[j].lost);
		real_node(r, "rate", (double)a[j].won / (double)(a[j].won + a[j].lost), 3);
		money_node(r, "won_value", a[j].won_value, currency);
		money_node(r, "lost_value", a[j].lost_value, currency);
		real_node(r, "value_rate", tv ? (double)a[j].won_value / (double)tv : 0, 3);
		free(a[j].key);
	}
	free(a);
}

int farley_report_winrate(struct farley_snapshot *s, const struct farley_report_opts *o,
			  struct farley_node **out, struct farley_error *err)
{
	struct deal *d = NULL;
	size_t n = 0;
	int ret = farley_snapshot_deals(s, o, &d, &n, err);
	if (ret)
		return ret;
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	winrate_group(*out, "period", d, n, s->cfg.currency);
	winrate_group(*out, "owner", d, n, s->cfg.currency);
	winrate_group(*out, "source", d, n, s->cfg.currency);
	free(d);
	return 0;
}

int farley_report_velocity(struct farley_snapshot *s, const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err)
{
	struct deal *d = NULL;
	size_t n = 0;
	long long open = 0, won = 0, lost = 0, cycles = 0;
	int64_t won_value = 0;
	double cycle_days = 0, rate, avg, cycle, velocity;
	const char *cur = s->cfg.currency;
	int ret = farley_snapshot_deals(s, o, &d, &n, err);
	struct farley_node *doc;
	if (ret)
		return ret;
	for (size_t i = 0; i < n; i++) {
		const char *created = str(d[i].r, "created");
		int32_t c;
		if (strcmp(d[i].currency, cur))
			continue;
		if (d[i].stage->closed == FARLEY_OPEN) {
			open++;
		} else if (d[i].stage->closed == FARLEY_WON) {
			won++;
			won_value += d[i].value;
			if (created && !farley_date_parse(created, &c) && d[i].has_close &&
			    d[i].close >= c) {
				cycle_days += d[i].close - c;
				cycles++;
			}
		} else {
			lost++;
		}
	}
	rate = won + lost ? (double)won / (double)(won + lost) : 0;
	avg = won ? (double)won_value / 100.0 / (double)won : 0;
	cycle = cycles ? cycle_days / (double)cycles : 0;
	velocity = cycle > 0 ? (double)open * avg * rate / cycle : 0;
	doc = farley_node_new(FARLEY_N_MAP, NULL);
	farley_node_add_str(doc, "currency", cur);
	int_node(doc, "open_deals", open);
	real_node(doc, "average_won_value", avg, 2);
	real_node(doc, "win_rate", rate, 3);
	real_node(doc, "average_cycle_days", cycle, 1);
	real_node(doc, "velocity_per_day", velocity, 2);
	*out = doc;
	free(d);
	return 0;
}

int farley_report_stalled(struct farley_snapshot *s, const struct farley_report_opts *o,
			  struct farley_node **out, struct farley_error *err)
{
	struct deal *d = NULL;
	struct farley_transition *t = NULL;
	size_t n = 0, nt = 0;
	int ret;
	if ((ret = farley_snapshot_deals(s, o, &d, &n, err)) ||
	    (ret = farley_snapshot_load(s, FARLEY_INTERACTION, err)) ||
	    (ret = farley_snapshot_transitions(s, &t, &nt, err))) {
		free(d);
		return ret;
	}
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < n; i++) {
		int32_t last = INT32_MIN, c, x;
		const char *created = str(d[i].r, "created");
		struct farley_node *r;
		char note[64];
		if (d[i].stage->closed != FARLEY_OPEN)
			continue;
		for (size_t k = 0; k < nt; k++)
			if (!strcmp(t[k].field, "stage") && !strcmp(t[k].deal, d[i].r->id) &&
			    (int32_t)(t[k].time / 86400) > last)
				last = (int32_t)(t[k].time / 86400);
		if ((x = farley_snapshot_last_interaction(s, "deal", d[i].r->id)) > last)
			last = x;
		if (created && !farley_date_parse(created, &c) && c > last)
			last = c;
		if (last != INT32_MIN && s->today - last < s->cfg.stale_days)
			continue;
		r = farley_node_add(*out, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(r, "id", d[i].r->id);
		farley_node_add_str(r, "title", farley_record_title(d[i].r));
		farley_node_add_str(r, "stage", d[i].stage->name);
		money_node(r, "value", d[i].value, d[i].currency);
		if (last != INT32_MIN) {
			date_node(r, "last_activity", last);
			int_node(r, "days", s->today - last);
			snprintf(note, sizeof(note), "quiet for %d days", s->today - last);
		} else {
			snprintf(note, sizeof(note), "no activity known");
		}
		farley_node_add_str(r, "note", note);
		farley_node_add_str(r, "owner", str(d[i].r, "owner"));
	}
	farley_transitions_free(t, nt);
	free(d);
	return 0;
}

int farley_report_activity(struct farley_snapshot *s, const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err)
{
	struct acc {
		char key[128];
		char week[16], owner[48], channel[24];
		long long n;
	} *a = NULL;
	size_t na = 0, alloc = 0;
	int ret = farley_snapshot_load(s, FARLEY_INTERACTION, err);
	if (ret)
		return ret;
	for (size_t i = 0; i < s->nrecs[FARLEY_INTERACTION]; i++) {
		const struct farley_record *x = &s->recs[FARLEY_INTERACTION][i];
		struct farley_datetime dt;
		char week[16], key[128];
		const char *owner = str(x, "owner"), *ch = str(x, "channel");
		int32_t monday;
		int y, m, d;
		size_t j;
		if (!owner_ok(x, o) || farley_datetime_parse(str(x, "date"), &dt) ||
		    (o->from && dt.day < o->from) || (o->to && dt.day > o->to) ||
		    dt.day > s->today)
			continue;
		/* weeks start on Monday (1970-01-01 was a Thursday) */
		monday = dt.day - ((dt.day + 3) % 7 + 7) % 7;
		farley_civil_from_days(monday, &y, &m, &d);
		snprintf(week, sizeof(week), "%04d-%02d-%02d", y, m, d);
		snprintf(key, sizeof(key), "%s|%s|%s", week, owner ? owner : "", ch ? ch : "");
		for (j = 0; j < na && strcmp(a[j].key, key); j++)
			;
		if (j == na) {
			ALLOC_GROW(a, na + 1, alloc);
			memset(&a[na], 0, sizeof(*a));
			snprintf(a[na].key, sizeof(a[na].key), "%s", key);
			snprintf(a[na].week, sizeof(a[na].week), "%s", week);
			snprintf(a[na].owner, sizeof(a[na].owner), "%s", owner ? owner : "");
			snprintf(a[na].channel, sizeof(a[na].channel), "%s", ch ? ch : "");
			na++;
		}
		a[j].n++;
	}
	if (na)
		qsort(a, na, sizeof(*a), (int (*)(const void *, const void *))strcmp);
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t j = 0; j < na; j++) {
		struct farley_node *r = farley_node_add(*out, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add(r, "week", farley_node_new(FARLEY_N_DATE, a[j].week));
		farley_node_add_str(r, "owner", a[j].owner);
		farley_node_add_str(r, "channel", a[j].channel);
		int_node(r, "count", a[j].n);
	}
	free(a);
	return 0;
}

/* Per company with won deals: recency, frequency, monetary value. */
struct rfm {
	const struct farley_record *c;
	int32_t last;
	long long freq;
	int64_t money;
	int r, f, m;
};

static int score(double v, double *sorted, size_t n)
{
	size_t below = 0;
	while (below < n && sorted[below] < v)
		below++;
	return n ? 1 + (int)(below * 5 / n) : 3;
}

/* dormant_days > 0: only the companies quiet for that long, without the
 * scores (report dormant). */
static int rfm_scores(struct farley_snapshot *s, const struct farley_report_opts *o,
		      struct farley_node **out, struct farley_error *err, int dormant_days)
{
	struct deal *d = NULL;
	size_t n = 0, nr = 0;
	struct rfm *v;
	double *rec, *fre, *mon;
	int ret;
	if ((ret = farley_snapshot_deals(s, o, &d, &n, err)) ||
	    (ret = farley_snapshot_load(s, FARLEY_COMPANY, err)) ||
	    (ret = farley_snapshot_load(s, FARLEY_INTERACTION, err))) {
		free(d);
		return ret;
	}
	v = xcalloc(s->nrecs[FARLEY_COMPANY] + 1, sizeof(*v));
	for (size_t i = 0; i < s->nrecs[FARLEY_COMPANY]; i++) {
		const struct farley_record *c = &s->recs[FARLEY_COMPANY][i];
		struct rfm x = { c, INT32_MIN, 0, 0, 0, 0, 0 };
		int32_t li;
		for (size_t k = 0; k < n; k++) {
			const char *comp = str(d[k].r, "company");
			if (d[k].stage->closed != FARLEY_WON || !comp || strcmp(comp, c->id))
				continue;
			x.freq++;
			x.money += d[k].value;
			if (d[k].has_close && d[k].close > x.last && d[k].close <= s->today)
				x.last = d[k].close;
		}
		if (!x.freq)
			continue;
		if ((li = farley_snapshot_last_interaction(s, "company", c->id)) > x.last)
			x.last = li;
		v[nr++] = x;
	}
	rec = xcalloc(nr + 1, sizeof(double));
	fre = xcalloc(nr + 1, sizeof(double));
	mon = xcalloc(nr + 1, sizeof(double));
	for (size_t i = 0; i < nr; i++) {
		rec[i] = v[i].last == INT32_MIN ? -1e9 : v[i].last;
		fre[i] = (double)v[i].freq;
		mon[i] = (double)v[i].money;
	}
	qsort(rec, nr, sizeof(double), cmp_double);
	qsort(fre, nr, sizeof(double), cmp_double);
	qsort(mon, nr, sizeof(double), cmp_double);
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < nr; i++) {
		struct rfm *x = &v[i];
		struct farley_node *r;
		const char *seg;
		int quiet = x->last == INT32_MIN ? 100000 : s->today - x->last;
		if (dormant_days && quiet < dormant_days)
			continue;
		x->r = score(x->last == INT32_MIN ? -1e9 : x->last, rec, nr);
		x->f = score((double)x->freq, fre, nr);
		x->m = score((double)x->money, mon, nr);
		seg = x->r >= 4 && x->f >= 4 ? "champions"
		      : x->r >= 3 && x->f >= 3 ? "loyal"
		      : x->r >= 4 ? "recent"
		      : x->r <= 2 && x->f >= 3 ? "at risk"
		      : x->r <= 2 ? "hibernating" : "needs attention";
		r = farley_node_add(*out, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(r, "id", x->c->id);
		farley_node_add_str(r, "name", farley_record_title(x->c));
		if (x->last != INT32_MIN)
			date_node(r, "last", x->last);
		int_node(r, "days_quiet", quiet);
		int_node(r, "won_deals", x->freq);
		money_node(r, "won_value", x->money, s->cfg.currency);
		if (!dormant_days) {
			int_node(r, "r", x->r);
			int_node(r, "f", x->f);
			int_node(r, "m", x->m);
			farley_node_add_str(r, "segment", seg);
		}
	}
	free(rec);
	free(fre);
	free(mon);
	free(v);
	free(d);
	return 0;
}

int farley_report_rfm(struct farley_snapshot *s, const struct farley_report_opts *o,
		      struct farley_node **out, struct farley_error *err)
{
	return rfm_scores(s, o, out, err, 0);
}

int farley_report_dormant(struct farley_snapshot *s, const struct farley_report_opts *o,
			  struct farley_node **out, struct farley_error *err)
{
	return rfm_scores(s, o, out, err, o->days > 0 ? o->days : 90);
}

/* Forecast accuracy: for each past month, what the forecast said at its
 * start (from history) against what was won in it (now). */
int farley_report_accuracy(struct farley_snapshot *s, const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err)
{
	int32_t to = farley_period_start(o->to ? o->to : s->today, 0);
	int32_t from = o->from ? farley_period_start(o->from, 0) : to;
	int ret = 0;
	struct farley_report_opts fo = *o;
	struct deal *now = NULL;
	size_t nnow = 0;
	if (!o->from)
		for (int i = 0; i < 6; i++) {
			struct farley_interval one = { 1, 'm' };
			from = farley_interval_add(from, &one, -1);
		}
	if ((ret = farley_snapshot_deals(s, o, &now, &nnow, err)))
		return ret;
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (int32_t p = from; p < to && !ret; p = farley_period_next(p, 0)) {
		struct farley_snapshot *past = NULL;
		struct farley_error perr = FARLEY_ERROR_INIT;
		struct strbuf day = STRBUF_INIT;
		int32_t end = farley_period_next(p, 0);
		farley_wide said = 0;
		int64_t won = 0;
		char name[32];
		struct farley_node *r;
		farley_date_format(&day, p - 1); /* the end of the day before */
		if (!farley_snapshot_open(&past, s->repo, s->idx, day.buf, &perr)) {
			struct deal *pd = NULL;
			size_t np = 0;
			if (!farley_snapshot_deals(past, &fo, &pd, &np, &perr))
				for (size_t i = 0; i < np; i++)
					if (pd[i].stage->closed == FARLEY_OPEN && pd[i].has_close &&
					    pd[i].close >= p && pd[i].close < end &&
					    !strcmp(pd[i].currency, s->cfg.currency))
						said += farley_money_weight(pd[i].value, pd[i].prob);
			free(pd);
		}
		farley_error_clear(&perr);
		farley_snapshot_free(past);
		strbuf_release(&day);
		for (size_t i = 0; i < nnow; i++)
			if (now[i].stage->closed == FARLEY_WON && now[i].has_close &&
			    now[i].close >= p && now[i].close < end &&
			    !strcmp(now[i].currency, s->cfg.currency))
				won += now[i].value;
		farley_period_name(name, sizeof(name), p, 0);
		r = farley_node_add(*out, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(r, "period", name);
		money_node(r, "forecast", farley_wide_to_cents(said), s->cfg.currency);
		money_node(r, "won", won, s->cfg.currency);
		money_node(r, "difference", won - farley_wide_to_cents(said), s->cfg.currency);
	}
	free(now);
	return ret;
}
