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
