/* import-csv.c: the csv reader of farley import (not written yet). */
#include "import.h"

int import_csv(struct import_run *run)
{
	(void)run;
	return usage_error(NULL, "farley import csv is not available yet");
}
