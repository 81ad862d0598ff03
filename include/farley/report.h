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
	const char *id;         /* campaign: only this campaign (full id) */
};

/* Periods: the months or quarters of forecast and accuracy.  quarter is
 * 0 for months, 1 for quarters. */

/* --by: "month" or "quarter" -> *quarter; -1 for anything else. */
int farley_period_by_parse(const char *s, int *quarter);
/* --from/--to: a date or date expression (2026-12-05, today+2w), a month
 * (2026-12) or a quarter (2026-Q4) -> its first day, or its last day when
 * last is set (a date is its own first and last day); -1 when s is none
 * of these. */
int farley_period_parse(const char *s, int last, int32_t *day);
/* The first day of the period day is in. */
int32_t farley_period_start(int32_t day, int quarter);
/* The first day of the period after the one starting on start. */
int32_t farley_period_next(int32_t start, int quarter);
/* The name of the period starting on start: "2026-12" or "2026-Q4". */
void farley_period_name(char *buf, size_t n, int32_t start, int quarter);

/* SPEC 3: open deals per configured stage, per currency: the object of
 * the repository's currency, {"currency", "stages", "total",
 * "other_currencies": [objects of the same shape for the other currencies
 * deals use, sorted; empty when none]} -- one shape whatever the data. */
int farley_report_pipeline(struct farley_snapshot *s,
			   const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err);
/* SPEC 3: weighted value of open deals by expected close period:
 * {"currency", "by", "periods", "overdue", "earlier" (closing after today
 * but before the first period), "later" (after the last period),
 * "undated", "total" (every open deal: each is in exactly one of the
 * periods and the rows before), "other_currencies": [the same for the
 * other currencies]}. */
int farley_report_forecast(struct farley_snapshot *s,
			   const struct farley_report_opts *o,
			   struct farley_node **out, struct farley_error *err);
/* Tasks overdue or due within o->days, and contacts whose every has passed. */
int farley_report_due(struct farley_snapshot *s, const struct farley_report_opts *o,
		      struct farley_node **out, struct farley_error *err);

/* farley cases: the open cases (of o->owner) as a queue, breached ones
 * first, then by the next deadline (first response, else resolution),
 * priority and age: [{"id", "title", "priority", "status", "owner",
 * "opened", "first_response", "due", "left" ("3h 20m", "-1d 2h"),
 * "left_minutes", "breached"}]; a breached row has FARLEY_STYLE_ALERT. */
int farley_report_cases(struct farley_snapshot *s, const struct farley_report_opts *o,
			struct farley_node **out, struct farley_error *err);
/* The open cases of owner (NULL: everyone's) past a target or with less
 * than a quarter of it left, in the queue's order and shape. */
int farley_service_attention(struct farley_snapshot *s, const char *owner,
			     struct farley_node **out, struct farley_error *err);

/* A campaign's audience as `farley campaign list` gives it: the contacts
 * of its segment (farley.yaml's, through the index) or of its contacts
 * list, less those with optout: true and those without an e-mail
 * address; sorted by id, each once.  *out is the caller's (release each
 * record, free the array). */
struct farley_config;
int farley_campaign_audience(struct farley_index *idx, const struct farley_config *cfg,
			     const struct farley_record *campaign,
			     struct farley_record **out, size_t *n,
			     struct farley_error *err);

/* farley status: the morning overview. */
struct farley_status_opts {
	const char *owner; /* only this owner's records, or NULL for everyone */
	const char *email; /* my commit e-mail: "changes" leaves mine out */
	const char *since; /* a ref or commit: "changes" are those after it
			    * (NULL or unresolvable: the last seven days) */
	int limit;         /* items kept per section (0: all) */
};
/* {"owner", "today", and one section each under "tasks" (overdue or due
 * today), "contacts" (to get back to), "closing" (open deals closing this
 * month), "stalled", "service" (cases near or past their SLA, the items
 * of farley_service_attention()) and "changes" (others' commits on HEAD since the sync
 * point, merges left out), each {"title", "count", "command", "items"}:
 * count is every item, items the first o->limit, command the farley (or
 * git) command showing them all.  "changes" also has "since" (a commit or
 * null); its items are {"commit", "date", "author", "subject"}. */
int farley_report_status(struct farley_snapshot *s, const struct farley_status_opts *o,
			 struct farley_node **out, struct farley_error *err);

/* A report as a tree for the emitter (*out is the caller's). */
typedef int farley_report_tree_fn(struct farley_snapshot *s,
				  const struct farley_report_opts *o,
				  struct farley_node **out, struct farley_error *err);
/* A report as a whole document, appended to out (the HTML page). */
typedef int farley_report_page_fn(struct farley_snapshot *s,
				  const struct farley_report_opts *o,
				  struct strbuf *out, struct farley_error *err);

/* One of the reports `farley report NAME` runs (SPEC 6). */
struct farley_report_def {
	const char *name;
	farley_report_tree_fn *tree; /* NULL for a page */
	farley_report_page_fn *page; /* NULL for a tree */
	const char *summary;         /* one line, for help */
};

/* Every named report, in the order help lists them; a NULL name ends it. */
extern const struct farley_report_def farley_reports[];

/* The named report called name, or NULL. */
const struct farley_report_def *farley_report_find(const char *name);

/* Run the named report called name as a tree; an unknown name (or the
 * page) is a FARLEY_EUSAGE error that lists the names. */
int farley_report_named(struct farley_snapshot *s, const char *name,
			const struct farley_report_opts *o,
			struct farley_node **out, struct farley_error *err);

/* A report's tree as flat rows for the tabular machine formats (csv, tsv,
 * ndjson): a new list of maps holding only scalars, so that every row fits
 * under one header and no cell packs a structure.  json and yaml keep the
 * tree; the table format may draw it as it likes.
 *
 * The rules, applied from the top (a list is its members one after the
 * other):
 *   - a map's scalars are cells repeated on each of its rows (currency);
 *   - its first list of maps holds the items, one row each (the stages of
 *     pipeline, the periods of forecast, the stages of report stages);
 *   - each map beside the items whose figures all are columns of the
 *     items (pipeline's total, forecast's overdue and undated) is one more
 *     row, its key in the items' first column (stage "total", period
 *     "overdue"); a stage or period really called so reads the same,
 *     which the tree alone cannot tell apart;
 *   - other lists of maps and maps of another shape (the backward moves
 *     of report stages, the totals of slips) are tables of their own and
 *     left out: json and yaml have them;
 *   - a map without items is one row (velocity), its inner maps as
 *     "key.field" cells;
 *   - a map's "other_currencies" (pipeline, forecast) are flattened by
 *     the same rules after its own rows.
 * The result is the caller's. */
struct farley_node *farley_report_rows(const struct farley_node *tree);

/* SPEC 6: one self-contained HTML page (inline SVG charts, no scripts,
 * nothing from elsewhere) with the pipeline, forecast, win rate and the
 * activity since o->from (default: the last twelve weeks), appended to
 * out.  Prints nothing. */
int farley_report_html(struct farley_snapshot *s, const struct farley_report_opts *o,
		       struct strbuf *out, struct farley_error *err);

#endif
