/* export.h: what `farley export FORMAT` shares between its formats.
 *
 * cmd/export.c parses the options, picks the records (KIND, FILTER...,
 * --where, as `farley ls` does), opens the output (-o FILE, written
 * atomically, or standard output) and calls the format's writer, which
 * loads the records one at a time with export_record(). */
#ifndef FARLEY_CMD_EXPORT_H
#define FARLEY_CMD_EXPORT_H

#include <stdint.h>

#include "cmds.h"
#include "farley/strbuf.h"

struct export_run {
	struct farley_ctx *ctx;
	enum farley_kind kind;     /* FARLEY_NOKIND: every kind */
	const int64_t *rids;       /* the records, in id order */
	size_t n;
	const char *vcard_version; /* "4.0" (default) or "3.0" */
	struct strbuf *out;        /* the writer appends here */
};

/* Record i of the run, read from the index. */
int export_record(struct export_run *run, size_t i, struct farley_record *r,
		  struct farley_error *err);

/* The writers: 0, or an exit status after printing why. */
int export_csv(struct export_run *run);
int export_json(struct export_run *run);
int export_vcard(struct export_run *run);
int export_ical(struct export_run *run);

#endif
