/* Library-private parts of the report module, shared by its files:
 *
 *   report.c           the named reports' table, dispatch, flat rows
 *   report-snapshot.c  the snapshot (now or as of a past commit), its rows
 *   report-period.c    months and quarters: names, bounds, parsing
 *   report-money.c     pipeline and forecast
 *   report-due.c       follow-ups
 *   report-deals.c     deal analytics: winrate, velocity, stalled,
 *                      activity, rfm, dormant, accuracy
 *   report-history.c   history analytics: stages, slips
 *   report-service.c   cases against their SLAs: the queue, report service
 *   report-campaign.c  campaigns: the audience, report campaign
 *   report-html.c      the HTML page
 */
#ifndef FARLEY_REPORT_PRIVATE_H
#define FARLEY_REPORT_PRIVATE_H

#include <git2.h>
#include <stdio.h>
#include <string.h>

#include "farley/config.h"
#include "farley/date.h"
#include "farley/index.h"
#include "farley/money.h"
#include "farley/report.h"
#include "index-private.h"

struct farley_snapshot {
	struct farley_repo *repo;
	struct farley_index *idx;
	int32_t today;
	char commit[GIT_OID_HEXSZ + 1];
	struct farley_config cfg; /* the snapshot's own farley.yaml */
	int own_cfg;
	struct farley_record *recs[FARLEY_NKINDS];
	size_t nrecs[FARLEY_NKINDS];
	int loaded[FARLEY_NKINDS];
	git_tree *tree; /* the past commit's tree, or NULL for now */
	char **strs;    /* strings the deals of deal_columns() borrow */
	size_t nstrs, salloc;
};

/* Load every valid record of a kind into s->recs[kind] (once). */
int farley_snapshot_load(struct farley_snapshot *s, enum farley_kind kind,
			 struct farley_error *err);

/* A deal as the reports see it. */
struct deal {
	const struct farley_record *r; /* NULL from farley_snapshot_deal_columns() */
	const struct farley_stage *stage;
	const char *currency;
	int64_t value;   /* cents; 0 when absent */
	int32_t prob;    /* millionths: the deal's own, else its stage's */
	int has_close;
	int32_t close;
};

/* The deals (of o->owner) with a stage the snapshot knows; *out is the
 * caller's, the records it points into are the snapshot's. */
int farley_snapshot_deals(struct farley_snapshot *s, const struct farley_report_opts *o,
			  struct deal **out, size_t *n, struct farley_error *err);
/* The same deals from the index's typed columns only: one query, no record
 * rebuilt, d->r NULL (pipeline and forecast need no more).  A past
 * snapshot has no index and reads the records. */
int farley_snapshot_deal_columns(struct farley_snapshot *s,
				 const struct farley_report_opts *o,
				 struct deal **out, size_t *n, struct farley_error *err);

/* The last day on or before the snapshot's today of an interaction that
 * names id in field ("contacts", "company", "deal"), or INT32_MIN.
 * The interactions must be loaded. */
int32_t farley_snapshot_last_interaction(struct farley_snapshot *s, const char *field,
					 const char *id);

/* Every mined transition of a deal's stage or close up to the snapshot's
 * today (see farley_history_deals). */
int farley_snapshot_transitions(struct farley_snapshot *s,
				struct farley_transition **t, size_t *n,
				struct farley_error *err);

/* The named reports of farley_reports[] (report-deals.c, report-history.c). */
farley_report_tree_fn farley_report_winrate, farley_report_velocity,
	farley_report_stalled, farley_report_activity, farley_report_rfm,
	farley_report_dormant, farley_report_accuracy, farley_report_stages,
	farley_report_slips, farley_report_service, farley_report_campaign;

/* Small helpers every report file uses. */

static inline const char *str(const struct farley_record *r, const char *key)
{
	return farley_record_str(r, key);
}

static inline int owner_ok(const struct farley_record *r,
			   const struct farley_report_opts *o)
{
	const char *owner = str(r, "owner");
	return !o->owner || (owner && !strcmp(owner, o->owner));
}

static inline void money_node(struct farley_node *map, const char *key,
			      int64_t cents, const char *currency)
{
	struct strbuf sb = STRBUF_INIT;
	struct farley_node *n;
	farley_money_format(&sb, cents);
	n = farley_node_add(map, key, farley_node_new(FARLEY_N_MONEY, sb.buf));
	n->currency = currency ? xstrdup(currency) : NULL;
	strbuf_release(&sb);
}

static inline void int_node(struct farley_node *map, const char *key, long long v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", v);
	farley_node_add(map, key, farley_node_new(FARLEY_N_NUM, buf));
}

static inline void real_node(struct farley_node *map, const char *key, double v,
			     int places)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%.*f", places, v);
	farley_node_add(map, key, farley_node_new(FARLEY_N_NUM, buf));
}

static inline void date_node(struct farley_node *map, const char *key, int32_t day)
{
	struct strbuf sb = STRBUF_INIT;
	farley_date_format(&sb, day);
	farley_node_add(map, key, farley_node_new(FARLEY_N_DATE, sb.buf));
	strbuf_release(&sb);
}

static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

#endif
