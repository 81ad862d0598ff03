/* import-mbox.c: the mbox reader of farley import (not written yet). */
#include "import.h"

int import_mbox(struct import_run *run)
{
	(void)run;
	return usage_error(NULL, "farley import mbox is not available yet");
}
