/* report-campaign.c: marketing campaigns -- the audience a campaign
 * reaches (its segment or its contacts, less those who opted out or have
 * no e-mail address) and `farley report campaign`: responses, deals
 * sourced, pipeline and won value, cost per response, return on budget. */
#include "report-private.h"

#include <stdlib.h>

static int opted_out(const struct farley_record *r)
{
	const char *o = farley_record_str(r, "optout");
	return o && (!strcmp(o, "true") || !strcmp(o, "yes"));
}

static int has_email(const struct farley_record *r)
{
	const struct farley_scalar *v;
	size_t n = farley_record_values(r, "emails", &v);
	for (size_t i = 0; i < n; i++)
		if (v[i].s && strchr(v[i].s, '@'))
			return 1;
	return 0;
}

static int cmp_rec(const void *a, const void *b)
{
	return strcmp(((const struct farley_record *)a)->id,
		      ((const struct farley_record *)b)->id);
}

int farley_campaign_audience(struct farley_index *idx, const struct farley_config *cfg,
			     const struct farley_record *campaign,
			     struct farley_record **out, size_t *nout,
			     struct farley_error *err)
{
	const char *segment = farley_record_str(campaign, "segment");
	struct farley_record *recs = NULL;
	size_t n = 0, alloc = 0;
	int64_t *rids = NULL;
	size_t nrids = 0;
	int ret = 0;
	*out = NULL;
	*nout = 0;
	if (segment) {
		struct strbuf at = STRBUF_INIT, expr = STRBUF_INIT;
		struct farley_query q = { 0 };
		strbuf_addf(&at, "@%s", segment);
		if (!farley_config_segment(cfg, segment))
			ret = farley_error_set(err, FARLEY_EINVAL,
					       "campaign '%s': segment '%s' is not in farley.yaml",
					       campaign->id, segment);
		if (!ret)
			ret = farley_segment_expand(cfg, at.buf, &expr, err);
		q.kind = FARLEY_CONTACT;
		q.where = expr.buf;
		q.sort = "id";
		if (!ret)
			ret = farley_index_select(idx, &q, &rids, &nrids, err);
		strbuf_release(&at);
		strbuf_release(&expr);
	} else {
		const struct farley_scalar *v;
		size_t nv = farley_record_values(campaign, "contacts", &v);
		rids = xcalloc(nv + 1, sizeof(*rids));
		for (size_t i = 0; i < nv; i++)
			if (v[i].s && !farley_index_rid(idx, v[i].s, FARLEY_CONTACT,
							&rids[nrids]))
				nrids++;
	}
	for (size_t i = 0; i < nrids && !ret; i++) {
		struct farley_record r = FARLEY_RECORD_INIT;
		if ((ret = farley_index_record(idx, rids[i], &r, err))) {
			farley_record_release(&r);
			break;
		}
		if (opted_out(&r) || !has_email(&r)) {
			farley_record_release(&r);
			continue;
		}
		ALLOC_GROW(recs, n + 1, alloc);
		recs[n++] = r;
	}
	free(rids);
	if (ret) {
		for (size_t i = 0; i < n; i++)
			farley_record_release(&recs[i]);
		free(recs);
		return ret;
	}
	/* an explicit list may name one contact twice */
	if (n > 1)
		qsort(recs, n, sizeof(*recs), cmp_rec);
	{
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			if (m && !strcmp(recs[i].id, recs[m - 1].id))
				farley_record_release(&recs[i]);
			else
				recs[m++] = recs[i];
		}
		n = m;
	}
	*out = recs;
	*nout = n;
	return 0;
}

/* The audience's size: what `farley campaign list` recorded, else the
 * list it would give now. */
static int audience_size(struct farley_snapshot *s, const struct farley_record *c,
			 long long *size, struct farley_error *err)
{
	const char *rec = str(c, "audience");
	struct farley_record *recs = NULL;
	size_t n = 0;
	char *end;
	int ret;
	if (rec && (*size = strtoll(rec, &end, 10)) >= 0 && !*end)
		return 0;
	if (!s->idx)
		return farley_error_set(err, FARLEY_EFAIL, "no index for the audience");
	ret = farley_campaign_audience(s->idx, &s->cfg, c, &recs, &n, err);
	for (size_t i = 0; i < n; i++)
		farley_record_release(&recs[i]);
	free(recs);
	*size = (long long)n;
	return ret;
}

/* cents * 100 / count, rounded half away from zero, as money. */
static int64_t per(int64_t cents, long long count)
{
	int64_t q = cents / count, r = cents % count;
	if (2 * (r < 0 ? -r : r) >= count)
		q += cents < 0 ? -1 : 1;
	return q;
}

static struct farley_node *campaign_row(struct farley_snapshot *s,
					const struct farley_record *c, int *ret,
					struct farley_error *err)
{
	struct farley_node *m = farley_node_new(FARLEY_N_MAP, NULL);
	const char *cur = s->cfg.currency, *b = str(c, "budget");
	long long audience = 0, responses = 0, responders = 0, sourced = 0, won = 0;
	int64_t budget = 0, pipeline = 0, won_value = 0;
	const char **seen = NULL;
	size_t nseen = 0, salloc = 0;
	if (b && farley_money_parse(b, &budget))
		budget = 0;
	if ((*ret = audience_size(s, c, &audience, err)))
		return m;
	for (size_t i = 0; i < s->nrecs[FARLEY_INTERACTION]; i++) {
		const struct farley_record *x = &s->recs[FARLEY_INTERACTION][i];
		const struct farley_scalar *v;
		size_t nv;
		const char *camp = str(x, "campaign");
		if (!camp || strcmp(camp, c->id))
			continue;
		responses++;
		nv = farley_record_values(x, "contacts", &v);
		for (size_t k = 0; k < nv; k++) {
			size_t j;
			if (!v[k].s)
				continue;
			for (j = 0; j < nseen && strcmp(seen[j], v[k].s); j++)
				;
			if (j == nseen) {
				ALLOC_GROW(seen, nseen + 1, salloc);
				seen[nseen++] = v[k].s;
			}
		}
	}
	responders = (long long)nseen;
	free(seen);
	for (size_t i = 0; i < s->nrecs[FARLEY_DEAL]; i++) {
		const struct farley_record *d = &s->recs[FARLEY_DEAL][i];
		const struct farley_stage *st = farley_config_stage(&s->cfg, str(d, "stage") ?
								    str(d, "stage") : "");
		const char *src = str(d, "source"), *dc = str(d, "currency"), *v = str(d, "value");
		int64_t cents = 0;
		if (!src || strcmp(src, c->id) || !st)
			continue;
		sourced++;
		if ((dc && strcmp(dc, cur)) || !v || farley_money_parse(v, &cents))
			cents = 0; /* another currency: counted, not summed */
		if (st->closed == FARLEY_OPEN)
			pipeline += cents;
		else if (st->closed == FARLEY_WON) {
			won++;
			won_value += cents;
		}
	}
	farley_node_add_str(m, "id", c->id);
	farley_node_add_str(m, "name", farley_record_title(c));
	farley_node_add_str(m, "status", str(c, "status"));
	farley_node_add_str(m, "currency", cur);
	int_node(m, "audience", audience);
	int_node(m, "responses", responses);
	int_node(m, "responders", responders);
	if (audience)
		real_node(m, "response_rate_pct", 100.0 * (double)responders / (double)audience, 1);
	else
		farley_node_add(m, "response_rate_pct", farley_node_new(FARLEY_N_NULL, NULL));
	int_node(m, "deals_sourced", sourced);
	int_node(m, "deals_won", won);
	money_node(m, "pipeline_value", pipeline, cur);
	money_node(m, "won_value", won_value, cur);
	money_node(m, "budget", budget, cur);
	if (responses)
		money_node(m, "cost_per_response", per(budget, responses), cur);
	else
		farley_node_add(m, "cost_per_response", farley_node_new(FARLEY_N_NULL, NULL));
	if (budget)
		real_node(m, "return_on_budget_pct",
			  100.0 * (double)(won_value - budget) / (double)budget, 1);
	else
		farley_node_add(m, "return_on_budget_pct", farley_node_new(FARLEY_N_NULL, NULL));
	return m;
}

int farley_report_campaign(struct farley_snapshot *s, const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err)
{
	int ret, found = 0;
	if ((ret = farley_snapshot_load(s, FARLEY_CAMPAIGN, err)) ||
	    (ret = farley_snapshot_load(s, FARLEY_INTERACTION, err)) ||
	    (ret = farley_snapshot_load(s, FARLEY_DEAL, err)))
		return ret;
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < s->nrecs[FARLEY_CAMPAIGN] && !ret; i++) {
		const struct farley_record *c = &s->recs[FARLEY_CAMPAIGN][i];
		if (o->id && strcmp(c->id, o->id))
			continue;
		if (!owner_ok(c, o))
			continue;
		found = 1;
		farley_node_add(*out, NULL, campaign_row(s, c, &ret, err));
	}
	if (!ret && o->id && !found)
		ret = farley_error_set(err, FARLEY_ENOTFOUND, "no campaign '%s'", o->id);
	if (ret) {
		farley_node_free(*out);
		*out = NULL;
	}
	return ret;
}
