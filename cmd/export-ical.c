/* export-ical.c: the ical writer of farley export (not written yet). */
#include "export.h"

int export_ical(struct export_run *run)
{
	(void)run;
	return usage_error(NULL, "farley export ical is not available yet");
}
