/* report.c: the report module's front -- the named reports and their
 * dispatch.  What each report computes lives in the report-*.c files (see
 * report-private.h). */
#include "report-private.h"

int farley_report_named(struct farley_snapshot *s, const char *name,
			const struct farley_report_opts *o,
			struct farley_node **out, struct farley_error *err)
{
	*out = NULL;
	if (!strcmp(name, "stages"))
		return farley_report_stages(s, o, out, err);
	if (!strcmp(name, "slips"))
		return farley_report_slips(s, o, out, err);
	if (!strcmp(name, "winrate"))
		return farley_report_winrate(s, o, out, err);
	if (!strcmp(name, "velocity"))
		return farley_report_velocity(s, o, out, err);
	if (!strcmp(name, "stalled"))
		return farley_report_stalled(s, o, out, err);
	if (!strcmp(name, "activity"))
		return farley_report_activity(s, o, out, err);
	if (!strcmp(name, "rfm"))
		return farley_report_rfm(s, o, out, err);
	if (!strcmp(name, "dormant"))
		return farley_report_dormant(s, o, out, err);
	if (!strcmp(name, "accuracy"))
		return farley_report_accuracy(s, o, out, err);
	return farley_error_set(err, FARLEY_EUSAGE,
				"unknown report '%s' (winrate, velocity, stages, slips, "
				"accuracy, stalled, activity, rfm, dormant, html)",
				name);
}
