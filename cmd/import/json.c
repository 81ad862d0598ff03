/* import/json.c: farley import json FILE -- what farley export json (or
 * --format=ndjson) wrote, back in, record for record. */
#include "import.h"
#include "farley/jsonrec.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

struct state {
	struct import_run *run;
	FILE *in;
	size_t total, rows;
};

static int take(struct farley_record *r, const char *where, void *data)
{
	struct state *st = data;
	struct farley_error err = FARLEY_ERROR_INIT;
	int ret = farley_import_record(st->run->im, where, r, &err);
	if (++st->rows % 256 == 0) {
		long pos = ftell(st->in);
		import_progress(st->run, pos > 0 ? (size_t)pos : st->rows, st->total);
	}
	return import_settle(st->run, ret, &err);
}

int import_json(struct import_run *run)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct state st = { run, NULL, 0, 0 };
	const char *file = run->args->file;
	int std = !strcmp(file, "-"), ret;
	struct stat sb;
	st.in = std ? stdin : fopen(file, "r");
	if (!st.in) {
		farley_error_errno(&err, FARLEY_EIO, "cannot read '%s'", file);
		return report(&err);
	}
	if (!std && !fstat(fileno(st.in), &sb))
		st.total = (size_t)sb.st_size;
	ret = farley_json_records(st.in, std ? "(standard input)" : file, take, &st,
				  &err);
	if (st.total)
		import_progress(run, st.total, st.total);
	if (!std)
		fclose(st.in);
	if (ret == -1)
		return 1;
	if (ret)
		return report(&err);
	return 0;
}
