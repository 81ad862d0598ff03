/* import-json.c: the json reader of farley import (below). */
#include "import.h"

int import_json(struct import_run *run)
{
	(void)run;
	return usage_error(NULL, "farley import json is not available yet");
}
