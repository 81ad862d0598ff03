/* csv: a streaming reader of the CSV files other programs write.
 *
 * Records come one at a time from a read callback, so a file of any size
 * (or standard input, which cannot be rewound) is read in bounded memory:
 * a raw block, its text in UTF-8, and the current record.  What it reads:
 *
 *   - encodings: UTF-8 with or without a byte order mark, UTF-16 and
 *     UTF-32 (LE or BE) with a byte order mark, UTF-16 without one when
 *     every other byte is zero; without a BOM, text that is valid UTF-8
 *     stays UTF-8, anything else is Windows-1252 (decided at the first
 *     non-ASCII byte, so ASCII before it reads the same either way).  An
 *     explicit encoding is any name iconv knows.
 *   - separators: ',', ';' or tab, the one that occurs most often outside
 *     quotes in the first line that has any (a preamble such as LinkedIn's
 *     "Notes:" line has none);
 *   - RFC 4180 quoting: quoted fields with separators, doubled quotes and
 *     line breaks; CRLF, LF or CR line ends (CRLF inside a quoted field
 *     becomes LF); text after a closing quote is kept, as spreadsheets do;
 *     blank lines are skipped.
 *
 * Every record knows the physical line it starts on (1-based), which is
 * what a message about it should name. */
#ifndef FARLEY_CSV_H
#define FARLEY_CSV_H

#include <stddef.h>
#include <sys/types.h>

#include "farley/error.h"

struct farley_csv;

/* Read up to len bytes into buf: the count, 0 at the end, -1 with errno. */
typedef ssize_t (*farley_csv_read_fn)(void *data, char *buf, size_t len);

struct farley_csv_opts {
	const char *name;     /* the file as messages name it ("contacts.csv") */
	const char *encoding; /* NULL: detect */
	int sep;              /* 0: detect */
	size_t max_record;    /* bytes of one record; 0: 1 MiB */
};

/* Start reading.  An encoding iconv does not know is FARLEY_EUSAGE; a
 * read error FARLEY_EIO.  The first block is read here (to see the BOM and
 * the separator). */
int farley_csv_open(struct farley_csv **out, farley_csv_read_fn read,
		    void *data, const struct farley_csv_opts *opts,
		    struct farley_error *err);
/* Whether name is an encoding iconv can read (for checking an option). */
int farley_csv_encoding_known(const char *name);

/* The next record: 1 (its fields through farley_csv_fields()), 0 at the end
 * of the input, or an error (FARLEY_EINVAL "NAME:LINE: why" for a record
 * over max_record bytes, an unterminated quote, text that is not valid in
 * its encoding, a NUL byte; FARLEY_EIO when reading fails). */
int farley_csv_next(struct farley_csv *c, struct farley_error *err);
/* The fields of the current record, valid until the next call. */
const char *const *farley_csv_fields(const struct farley_csv *c, size_t *n);
/* The line the current record starts on. */
size_t farley_csv_line(const struct farley_csv *c);
/* Bytes of input read so far (for progress). */
size_t farley_csv_bytes(const struct farley_csv *c);
/* The separator in use, and the encoding as decided so far ("UTF-8",
 * "UTF-16LE", "WINDOWS-1252", or the name given). */
int farley_csv_sep(const struct farley_csv *c);
const char *farley_csv_encoding(const struct farley_csv *c);
void farley_csv_free(struct farley_csv *c);

#endif
