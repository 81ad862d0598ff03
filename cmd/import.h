/* import.h: what `farley import FORMAT FILE` shares between its formats.
 *
 * cmd/import.c parses the options (one table for every format), opens the
 * batch (lib/import.c) under the writer lock, calls the format's reader,
 * then prints the plan (--dry-run) or commits, and prints the summary.
 * A reader (cmd/import/<format>.c) reads its file, streaming, and hands each
 * row to import_take(). */
#ifndef FARLEY_CMD_IMPORT_H
#define FARLEY_CMD_IMPORT_H

#include "cmds.h"
#include "farley/import.h"

struct import_args {
	const char *format;       /* csv, vcard, mbox, json */
	const char *file;         /* as given; "-" is standard input */
	const char *kind;         /* csv: --kind (default contact) */
	struct strlist map;       /* csv: --map 'Column=field' */
	const char *encoding;     /* csv: --encoding (default: detected) */
	struct strlist me;        /* mbox: --me ADDRESS, besides user.email */
	int create_contacts;      /* mbox: --create-contacts */
	int body_max;             /* mbox: keep at most this many bytes of a body */
};

struct import_run {
	struct farley_ctx *ctx;
	const struct import_args *args;
	struct farley_import *im;
	int skip_bad;
	size_t bad;
};

/* Hand one row to the batch.  A bad row is reported on stderr
 * ("farley: error: FILE:LINE: column 'X': why") and counted.  0: go on;
 * -1: stop reading (an error that is not about one row). */
int import_take(struct import_run *run, const struct farley_import_row *row);
/* What import_take does with the batch's answer ret (err its message),
 * for readers that hand the batch whole records (json). */
int import_settle(struct import_run *run, int ret, struct farley_error *err);
/* Progress on a terminal: done of total (bytes or rows; total 0: unknown). */
void import_progress(struct import_run *run, size_t done, size_t total);

/* The readers: 0, or an exit status after printing why. */
int import_csv(struct import_run *run);
int import_vcard(struct import_run *run);
int import_mbox(struct import_run *run);
int import_json(struct import_run *run);

#endif
