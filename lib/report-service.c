/* report-service.c: support cases against their service levels -- the
 * queue of `farley cases`, `farley report service` and the service
 * section of `farley status`.
 *
 * A case's clocks start at `opened`.  Its first response is its first
 * outgoing interaction (`case: ID`, `direction: out`) dated at or after
 * that; it is resolved when its status is a closed one and `resolved` says
 * when.  farley.yaml's `sla` gives each priority a target for both,
 * counted around the clock.  "Now" is the snapshot's: the present, or the
 * end (UTC) of the --as-of day. */
#include "report-private.h"
#include "history-private.h"

#include <stdlib.h>

enum sla_state { SLA_NONE, SLA_MET, SLA_BREACHED, SLA_PENDING };

struct clock {
	const struct farley_record *r;
	int prio, open, reopened;
	int has_opened, has_resp, has_resolved;
	int64_t opened, resp, resolved;
	int32_t opened_day;
	const char *resp_date; /* the first response's date as written */
	int64_t respond, resolve; /* targets in seconds, 0 for none */
	enum sla_state resp_state, resol_state;
	int has_due;
	int64_t due; /* the earliest pending deadline */
};

static int64_t snapshot_now(const struct farley_snapshot *s)
{
	struct farley_datetime dt;
	if (s->tree)
		return ((int64_t)s->today + 1) * 86400;
	farley_now(&dt);
	return farley_datetime_instant(&dt);
}

static int instant_of(const char *s, int64_t *t, int32_t *day)
{
	struct farley_datetime dt;
	if (!s || farley_datetime_parse(s, &dt))
		return -1;
	*t = farley_datetime_instant(&dt);
	if (day)
		*day = dt.day;
	return 0;
}

static enum sla_state judge(int64_t target, int done, int64_t took, int open,
			    int64_t waited)
{
	if (!target)
		return SLA_NONE;
	if (done)
		return took <= target ? SLA_MET : SLA_BREACHED;
	if (!open)
		return SLA_NONE; /* closed without the event: not measured */
	return waited > target ? SLA_BREACHED : SLA_PENDING;
}

/* Every valid case (of owner, when given) with its clocks as of now. */
static int case_clocks(struct farley_snapshot *s, const char *owner, int64_t now,
		       struct clock **out, size_t *nout, struct farley_error *err)
{
	struct clock *c = NULL;
	size_t n = 0;
	int ret;
	*out = NULL;
	*nout = 0;
	if ((ret = farley_snapshot_load(s, FARLEY_CASE, err)) ||
	    (ret = farley_snapshot_load(s, FARLEY_INTERACTION, err)))
		return ret;
	c = xcalloc(s->nrecs[FARLEY_CASE] + 1, sizeof(*c));
	for (size_t i = 0; i < s->nrecs[FARLEY_CASE]; i++) {
		const struct farley_record *r = &s->recs[FARLEY_CASE][i];
		const char *o = str(r, "owner");
		struct clock *k;
		if (owner && (!o || strcmp(o, owner)))
			continue;
		k = &c[n++];
		k->r = r;
		k->prio = farley_priority_parse(str(r, "priority"));
		if (k->prio < 0)
			k->prio = FARLEY_PRIO_NORMAL;
		k->open = farley_config_case_open(&s->cfg, str(r, "status"));
		k->has_opened = !instant_of(str(r, "opened"), &k->opened, &k->opened_day);
		k->has_resolved = !k->open &&
				  !instant_of(str(r, "resolved"), &k->resolved, NULL);
		k->respond = s->cfg.sla[k->prio].respond;
		k->resolve = s->cfg.sla[k->prio].resolve;
	}
	/* first responses: one pass over the interactions */
	for (size_t j = 0; j < s->nrecs[FARLEY_INTERACTION]; j++) {
		const struct farley_record *x = &s->recs[FARLEY_INTERACTION][j];
		const char *kase = str(x, "case"), *dir = str(x, "direction");
		int64_t t;
		if (!kase || !dir || strcmp(dir, "out") ||
		    instant_of(str(x, "date"), &t, NULL) || t > now)
			continue;
		for (size_t i = 0; i < n; i++) {
			struct clock *k = &c[i];
			if (strcmp(k->r->id, kase) || !k->has_opened || t < k->opened)
				continue;
			if (!k->has_resp || t < k->resp) {
				k->has_resp = 1;
				k->resp = t;
				k->resp_date = str(x, "date");
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct clock *k = &c[i];
		if (!k->has_opened)
			continue;
		k->resp_state = judge(k->respond, k->has_resp, k->resp - k->opened,
				      k->open, now - k->opened);
		k->resol_state = judge(k->resolve, k->has_resolved,
				       k->resolved - k->opened, k->open,
				       now - k->opened);
		if (k->resp_state == SLA_PENDING || (k->open && !k->has_resp &&
						     k->resp_state == SLA_BREACHED)) {
			k->has_due = 1;
			k->due = k->opened + k->respond;
		}
		if (k->open && k->resolve &&
		    (!k->has_due || k->opened + k->resolve < k->due)) {
			k->has_due = 1;
			k->due = k->opened + k->resolve;
		}
	}
	*out = c;
	*nout = n;
	return 0;
}

static void instant_text(struct strbuf *sb, int64_t t)
{
	struct farley_datetime dt = { 0 };
	int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	dt.day = (int32_t)day;
	dt.seconds = (int32_t)(t - day * 86400);
	dt.seconds -= dt.seconds % 60;
	dt.has_time = 1;
	farley_datetime_format(sb, &dt);
}

/* "2d 3h", "3h 20m", "20m"; "-" before when it is past. */
static void left_text(struct strbuf *sb, int64_t secs)
{
	int64_t m = (secs < 0 ? -secs : secs) / 60;
	if (secs < 0)
		strbuf_addch(sb, '-');
	if (m >= 1440)
		strbuf_addf(sb, "%lldd %lldh", (long long)(m / 1440),
			    (long long)(m % 1440 / 60));
	else if (m >= 60)
		strbuf_addf(sb, "%lldh %lldm", (long long)(m / 60), (long long)(m % 60));
	else
		strbuf_addf(sb, "%lldm", (long long)m);
}

static int breached(const struct clock *k)
{
	return k->resp_state == SLA_BREACHED || k->resol_state == SLA_BREACHED;
}

static int queue_cmp(const void *pa, const void *pb)
{
	const struct clock *a = pa, *b = pb;
	if (breached(a) != breached(b))
		return breached(a) ? -1 : 1;
	if (a->has_due != b->has_due)
		return a->has_due ? -1 : 1;
	if (a->has_due && a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->prio != b->prio)
		return a->prio > b->prio ? -1 : 1;
	if (a->has_opened && b->has_opened && a->opened != b->opened)
		return a->opened < b->opened ? -1 : 1;
	return strcmp(a->r->id, b->r->id);
}

static struct farley_node *queue_item(const struct clock *k, int64_t now)
{
	struct farley_node *m = farley_node_new(FARLEY_N_MAP, NULL);
	struct strbuf sb = STRBUF_INIT;
	const char *opened = str(k->r, "opened"), *owner = str(k->r, "owner");
	farley_node_add_str(m, "id", k->r->id);
	farley_node_add_str(m, "title", farley_record_title(k->r));
	farley_node_add_str(m, "priority", farley_priority_name(k->prio));
	farley_node_add_str(m, "status", str(k->r, "status"));
	farley_node_add(m, "owner", owner ? farley_node_new(FARLEY_N_STR, owner)
					  : farley_node_new(FARLEY_N_NULL, NULL));
	farley_node_add(m, "opened", opened ? farley_node_new(FARLEY_N_DATE, opened)
					    : farley_node_new(FARLEY_N_NULL, NULL));
	farley_node_add(m, "first_response",
			k->resp_date ? farley_node_new(FARLEY_N_DATE, k->resp_date)
				     : farley_node_new(FARLEY_N_NULL, NULL));
	if (k->has_due) {
		instant_text(&sb, k->due);
		farley_node_add(m, "due", farley_node_new(FARLEY_N_DATE, sb.buf));
		strbuf_reset(&sb);
		left_text(&sb, k->due - now);
		farley_node_add_str(m, "left", sb.buf);
		int_node(m, "left_minutes", (long long)((k->due - now) / 60));
	} else {
		farley_node_add(m, "due", farley_node_new(FARLEY_N_NULL, NULL));
		farley_node_add(m, "left", farley_node_new(FARLEY_N_NULL, NULL));
		farley_node_add(m, "left_minutes", farley_node_new(FARLEY_N_NULL, NULL));
	}
	farley_node_add(m, "breached",
			farley_node_new(FARLEY_N_BOOL, breached(k) ? "true" : "false"));
	if (breached(k))
		m->style = FARLEY_STYLE_ALERT;
	strbuf_release(&sb);
	return m;
}

/* The first m clocks of c, breached first, as queue rows; frees c. */
static void queue_list(struct clock *c, size_t m, int64_t now, struct farley_node **out)
{
	qsort(c, m, sizeof(*c), queue_cmp);
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < m; i++)
		farley_node_add(*out, NULL, queue_item(&c[i], now));
	free(c);
}


int farley_report_cases(struct farley_snapshot *s, const struct farley_report_opts *o,
			struct farley_node **out, struct farley_error *err)
{
	struct clock *c = NULL;
	size_t n = 0, m = 0;
	int64_t now = snapshot_now(s);
	int ret = case_clocks(s, o->owner, now, &c, &n, err);
	if (ret)
		return ret;
	for (size_t i = 0; i < n; i++)
		if (c[i].open)
			c[m++] = c[i];
	queue_list(c, m, now, out);
	return 0;
}

int farley_service_attention(struct farley_snapshot *s, const char *owner,
			     struct farley_node **out, struct farley_error *err)
{
	struct clock *c = NULL;
	size_t n = 0, m = 0;
	int64_t now = snapshot_now(s);
	int ret = case_clocks(s, owner, now, &c, &n, err);
	if (ret)
		return ret;
	for (size_t i = 0; i < n; i++) {
		const struct clock *k = &c[i];
		int64_t target = k->has_resp || !k->respond ? k->resolve : k->respond;
		/* past a target, or with less than a quarter of it left */
		if (k->open && (breached(k) ||
				(k->has_due && (k->due - now) * 4 <= target)))
			c[m++] = c[i];
	}
	queue_list(c, m, now, out);
	return 0;
}

/* report service --------------------------------------------------------- */

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The median of v (sorted here) in hours, or null. */
static void median_node(struct farley_node *map, const char *key, int64_t *v,
			size_t n)
{
	double med;
	if (!n) {
		farley_node_add(map, key, farley_node_new(FARLEY_N_NULL, NULL));
		return;
	}
	qsort(v, n, sizeof(*v), cmp_i64);
	med = n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2;
	real_node(map, key, med / 3600.0, 2);
}

static void pct_node(struct farley_node *map, const char *key, long long met,
		     long long missed)
{
	if (!met && !missed)
		farley_node_add(map, key, farley_node_new(FARLEY_N_NULL, NULL));
	else
		real_node(map, key, 100.0 * (double)met / (double)(met + missed), 1);
}

/* One row of compliance over the cases of c whose key is group. */
static void compliance_row(struct farley_node *rows, const char *by,
			   const char *group, struct clock *c, size_t n,
			   const char *const *keys)
{
	struct farley_node *r = farley_node_add(rows, NULL, farley_node_new(FARLEY_N_MAP, NULL));
	long long cases = 0, rm = 0, rb = 0, sm = 0, sb = 0;
	int64_t *resp = xcalloc(n + 1, sizeof(*resp)), *resol = xcalloc(n + 1, sizeof(*resol));
	size_t nresp = 0, nresol = 0;
	for (size_t i = 0; i < n; i++) {
		const struct clock *k = &c[i];
		if (keys && strcmp(keys[i], group))
			continue;
		cases++;
		rm += k->resp_state == SLA_MET;
		rb += k->resp_state == SLA_BREACHED;
		sm += k->resol_state == SLA_MET;
		sb += k->resol_state == SLA_BREACHED;
		if (k->has_resp)
			resp[nresp++] = k->resp - k->opened;
		if (k->has_resolved)
			resol[nresol++] = k->resolved - k->opened;
	}
	farley_node_add_str(r, "by", by);
	farley_node_add_str(r, "group", group);
	int_node(r, "cases", cases);
	int_node(r, "response_met", rm);
	int_node(r, "response_breached", rb);
	pct_node(r, "response_pct", rm, rb);
	int_node(r, "resolution_met", sm);
	int_node(r, "resolution_breached", sb);
	pct_node(r, "resolution_pct", sm, sb);
	median_node(r, "median_response_hours", resp, nresp);
	median_node(r, "median_resolution_hours", resol, nresol);
	free(resp);
	free(resol);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Rows for every distinct key, in order. */
static void compliance_by(struct farley_node *rows, const char *by, struct clock *c,
			  size_t n, const char *const *keys)
{
	const char **sorted = xcalloc(n + 1, sizeof(*sorted));
	memcpy(sorted, keys, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), cmp_str);
	for (size_t i = 0; i < n; i++)
		if (!i || strcmp(sorted[i], sorted[i - 1]))
			compliance_row(rows, by, sorted[i], c, n, keys);
	free(sorted);
}

/* Cases whose status went from a closed one back to an open one, up to
 * now: how often, into keys' order. */
static int count_reopens(struct farley_snapshot *s, struct clock *c, size_t n,
			 int64_t now, struct farley_error *err)
{
	static const char *const fields[] = { "status" };
	struct farley_transition *t = NULL;
	size_t nt = 0;
	int ret = farley_history_changes(s->repo, FARLEY_CASE, fields, 1, &t, &nt, err);
	if (ret)
		return ret;
	for (size_t j = 0; j < nt; j++) {
		if ((s->tree && t[j].time > now) || !t[j].old || !t[j].new ||
		    farley_config_case_open(&s->cfg, t[j].old) ||
		    !farley_config_case_open(&s->cfg, t[j].new))
			continue;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(c[i].r->id, t[j].deal))
				c[i].reopened++;
	}
	farley_transitions_free(t, nt);
	return 0;
}

int farley_report_service(struct farley_snapshot *s, const struct farley_report_opts *o,
			  struct farley_node **out, struct farley_error *err)
{
	struct clock *c = NULL;
	size_t n = 0, m = 0;
	int64_t now = snapshot_now(s);
	struct farley_node *doc, *rows, *backlog, *reopened;
	const char **periods = NULL, **owners = NULL;
	char (*pnames)[16] = NULL;
	long long open_by[FARLEY_NPRIO];
	int ret = case_clocks(s, o->owner, now, &c, &n, err);
	if (ret)
		return ret;
	doc = farley_node_new(FARLEY_N_MAP, NULL);
	/* the backlog: every open case now, by status and priority */
	backlog = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t st = 0; st < s->cfg.ncase_statuses; st++) {
		const struct farley_case_status *cs = &s->cfg.case_statuses[st];
		struct farley_node *r;
		long long total = 0;
		if (cs->closed)
			continue;
		memset(open_by, 0, sizeof(open_by));
		for (size_t i = 0; i < n; i++) {
			const char *status = str(c[i].r, "status");
			if (!status && st == 0)
				status = cs->name;
			if (status && !strcmp(status, cs->name)) {
				open_by[c[i].prio]++;
				total++;
			}
		}
		r = farley_node_add(backlog, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(r, "status", cs->name);
		for (int p = FARLEY_NPRIO; p-- > 0;)
			int_node(r, farley_priority_name(p), open_by[p]);
		int_node(r, "total", total);
	}
	/* compliance over the cases opened from o->from to o->to */
	for (size_t i = 0; i < n; i++)
		if (c[i].has_opened && (!o->from || c[i].opened_day >= o->from) &&
		    (!o->to || c[i].opened_day <= o->to))
			c[m++] = c[i];
	if ((ret = count_reopens(s, c, m, now, err))) {
		farley_node_free(doc);
		free(c);
		return ret;
	}
	periods = xcalloc(m + 1, sizeof(*periods));
	owners = xcalloc(m + 1, sizeof(*owners));
	pnames = xcalloc(m + 1, sizeof(*pnames));
	for (size_t i = 0; i < m; i++) {
		const char *ow = str(c[i].r, "owner");
		farley_period_name(pnames[i], sizeof(pnames[i]),
				   farley_period_start(c[i].opened_day, 0), 0);
		periods[i] = pnames[i];
		owners[i] = ow ? ow : "(none)";
	}
	rows = farley_node_add(doc, "compliance", farley_node_new(FARLEY_N_LIST, NULL));
	compliance_row(rows, "all", "all", c, m, NULL);
	compliance_by(rows, "period", c, m, periods);
	compliance_by(rows, "owner", c, m, owners);
	farley_node_add(doc, "backlog", backlog);
	reopened = farley_node_add(doc, "reopened", farley_node_new(FARLEY_N_LIST, NULL));
	for (size_t i = 0; i < m; i++) {
		struct farley_node *r;
		if (!c[i].reopened)
			continue;
		r = farley_node_add(reopened, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(r, "id", c[i].r->id);
		farley_node_add_str(r, "title", farley_record_title(c[i].r));
		farley_node_add_str(r, "status", str(c[i].r, "status"));
		int_node(r, "times", c[i].reopened);
	}
	free(periods);
	free(owners);
	free(pnames);
	free(c);
	*out = doc;
	return 0;
}
