/* import-vcard.c: the vcard reader of farley import (not written yet). */
#include "import.h"

int import_vcard(struct import_run *run)
{
	(void)run;
	return usage_error(NULL, "farley import vcard is not available yet");
}
