/* export-data.c: farley export csv and json (below). */
#include "export.h"

int export_csv(struct export_run *run)
{
	(void)run;
	return usage_error(NULL, "farley export csv is not available yet");
}

int export_json(struct export_run *run)
{
	(void)run;
	return usage_error(NULL, "farley export json is not available yet");
}
