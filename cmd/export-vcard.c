/* export-vcard.c: the vcard writer of farley export (not written yet). */
#include "export.h"

int export_vcard(struct export_run *run)
{
	(void)run;
	return usage_error(NULL, "farley export vcard is not available yet");
}
