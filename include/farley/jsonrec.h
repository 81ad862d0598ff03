/* jsonrec: records read back from what `farley export json` (an array of
 * records) or `--format=ndjson` (one record a line) writes.
 *
 * Read as a stream, one record at a time, so a large export needs little
 * memory.  Numbers keep their text exactly (money is never a binary
 * floating point number on the way in); each field's value is typed by the
 * schema as `farley add` would store it (12000.5 -> 12000.50). */
#ifndef FARLEY_JSONREC_H
#define FARLEY_JSONREC_H

#include <stdio.h>

#include "farley/error.h"
#include "farley/record.h"

/* fn gets each record (id, kind and fields set; path as the export said)
 * and where it started ("FILE:LINE"); a non-zero return stops the reading
 * and is returned.  A syntax error or a record without a known kind or
 * without an id is FARLEY_EINVAL with FILE:LINE:COL.  Whether the id is a
 * valid one is fn's to check (import names the row, and --skip-bad skips
 * it alone). */
typedef int (*farley_json_record_fn)(struct farley_record *r, const char *where,
				     void *data);
int farley_json_records(FILE *in, const char *name, farley_json_record_fn fn,
			void *data, struct farley_error *err);

#endif
