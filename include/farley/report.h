/* report: pipeline, forecast, follow-ups and analytics.
 *
 * Reports are computed over plain rows (deals, tasks, interactions) loaded
 * either from the index (now) or straight from the git objects of a past
 * commit (--as-of), and are returned as output trees for the emitter.
 * Money is summed exactly: cents in 64 bits, weighted sums (cents x
 * millionths) in 128 bits, rounded half away from zero only for display. */
#ifndef FARLEY_REPORT_H
#define FARLEY_REPORT_H

#include <stdint.h>

#include "farley/emit.h"
#include "farley/error.h"
#include "farley/record.h"
#include "farley/strbuf.h"

struct farley_repo;
struct farley_index;

/* The snapshot a report looks at: the work of the index (now), or the tree
 * of the last first-parent commit on or before a date. */
struct farley_snapshot;

/* as_of: NULL for now, else "YYYY-MM-DD". */
int farley_snapshot_open(struct farley_snapshot **out, struct farley_repo *repo,
			 struct farley_index *idx, const char *as_of,
			 struct farley_error *err);
void farley_snapshot_free(struct farley_snapshot *s);
/* The day reports treat as today: the as-of date, or today. */
int32_t farley_snapshot_today(const struct farley_snapshot *s);
/* The commit a past snapshot reads (hex), or NULL for now. */
const char *farley_snapshot_commit(const struct farley_snapshot *s);

struct farley_report_opts {
	const char *owner;      /* only this owner's records, or NULL */
	int by_quarter;         /* forecast: quarters instead of months */
	int32_t from, to;       /* forecast: first and last day (0: default) */
	int days;               /* due: look this many days ahead */
};

/* SPEC 3: open deals per configured stage, per currency. */
int farley_report_pipeline(struct farley_snapshot *s,
			   const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err);
/* SPEC 3: weighted value of open deals by expected close period. */
int farley_report_forecast(struct farley_snapshot *s,
			   const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err);
/* Tasks overdue or due within o->days, and contacts whose every has passed. */
int farley_report_due(struct farley_snapshot *s, const struct farley_report_opts *o,
		      struct farley_node **out, struct farley_error *err);

/* Analytics (SPEC 6) over the snapshot: winrate, velocity, stalled,
 * activity, rfm, dormant; NULL out with FARLEY_ENOTFOUND for other names. */
int farley_report_named(struct farley_snapshot *s, const char *name,
			const struct farley_report_opts *o,
			struct farley_node **out, struct farley_error *err);

/* SPEC 6: one self-contained HTML page (inline SVG charts, no scripts,
 * nothing from elsewhere) with the pipeline, forecast, win rate and the
 * last twelve weeks of activity (o->from moves their start), appended to
 * out.  Prints nothing. */
int farley_report_html(struct farley_snapshot *s, const struct farley_report_opts *o,
		       struct strbuf *out, struct farley_error *err);

#endif
