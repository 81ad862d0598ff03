/* vcard: reading vCard 2.1, 3.0 and 4.0 (RFC 6350), and writing the
 * content lines vCard and iCalendar share.
 *
 * Reading streams: farley_vcard_next() reads one card at a time, so memory
 * stays bounded by the largest card (and a card over the reader's limit is
 * an error that names its line).  What the reader does for every version:
 *
 *   - unfolds lines (CRLF or LF, then a space or tab), takes LF, CRLF and
 *     even CR CR LF line ends, skips blank lines and a UTF-8 byte order
 *     mark, ignores a line inside a card that is no property at all;
 *   - splits a property into group (item1.EMAIL), name, parameters (a bare
 *     2.1 parameter such as TEL;CELL;WORK is a TYPE, a bare
 *     QUOTED-PRINTABLE or BASE64 an ENCODING) and value;
 *   - decodes QUOTED-PRINTABLE, soft line breaks included, and converts the
 *     value to UTF-8 from its CHARSET (with iconv); a value that is not
 *     UTF-8 and names no CHARSET is taken as Windows-1252, as Outlook and
 *     old phones write it;
 *   - skips cards nested in a card (2.1's AGENT).
 *
 * Escapes (\n \, \; \\) stay in the value: a structured value (N, ADR) is
 * split first, then each part unescaped (farley_vcard_split()).
 *
 * Writing: farley_vcard_line() folds a content line at 75 octets without
 * splitting a UTF-8 character and ends it with CRLF; farley_vcard_escape()
 * escapes TEXT as both RFC 6350 and RFC 5545 want it. */
#ifndef FARLEY_VCARD_H
#define FARLEY_VCARD_H

#include <stddef.h>
#include <stdio.h>

#include "farley/error.h"
#include "farley/strbuf.h"

/* The largest card the reader takes unless told otherwise: 4 MiB. */
#define FARLEY_VCARD_MAX (4u << 20)

struct farley_vcard_param {
	char *name;  /* upper-case: "TYPE", "CHARSET", "PREF" */
	char *value; /* quotes removed; several values joined with ',' */
};

struct farley_vcard_prop {
	char *group; /* "item1" of item1.EMAIL, or NULL */
	char *name;  /* upper-case: "EMAIL" */
	struct farley_vcard_param *params;
	size_t nparams;
	char *value; /* UTF-8, escapes kept (binary values as written) */
	int line;    /* where the property starts */
};

struct farley_vcard {
	int line;      /* the line of BEGIN:VCARD */
	char *version; /* "2.1", "3.0", "4.0" or NULL when there is none */
	struct farley_vcard_prop *props;
	size_t n, alloc;
	/* Why the card cannot be taken as it is ("12: CHARSET 'x-bogus' is
	 * unknown"), or NULL: the card was read whole, the next one can be. */
	char *problem;
};

void farley_vcard_release(struct farley_vcard *card);

struct farley_vcard_reader;

/* Read cards from f (left open); name is the file's name for messages.  A
 * card of more than max bytes (0: FARLEY_VCARD_MAX) is an error. */
void farley_vcard_open(struct farley_vcard_reader **out, FILE *f,
		       const char *name, size_t max);
/* The next card: 1 and card filled (release it), 0 at the end of the input,
 * or an error that stops the reading ("contacts.vcf:12: ..."): a card too
 * large, one without END:VCARD, text outside any card, a read error. */
int farley_vcard_next(struct farley_vcard_reader *rd, struct farley_vcard *card,
		      struct farley_error *err);
/* Bytes read so far, for progress. */
size_t farley_vcard_offset(const struct farley_vcard_reader *rd);
void farley_vcard_close(struct farley_vcard_reader *rd);

/* Values -------------------------------------------------------------- */

/* The value of prop's first parameter called name (upper-case), or NULL. */
const char *farley_vcard_param(const struct farley_vcard_prop *p,
			       const char *name);
/* 1 when a TYPE of prop is type, compared without case (TYPE=work,voice,
 * TYPE="work", TYPE=work;TYPE=voice and 2.1's bare WORK all count). */
int farley_vcard_has_type(const struct farley_vcard_prop *p, const char *type);
/* How strongly prop is preferred: 1 (most) to 100 from PREF=n (4.0), 1
 * for TYPE=pref (2.1, 3.0), 0 when it says nothing. */
int farley_vcard_pref(const struct farley_vcard_prop *p);

/* Unescape a TEXT value: \n and \N are line breaks, \\ \, \; \: the
 * character; any other backslash is kept.  CR LF and CR become LF. */
void farley_vcard_unescape(struct strbuf *out, const char *s, size_t len);
/* The parts of a value between the separators sep (';' for N, ADR, ORG;
 * ',' for CATEGORIES) that are not escaped, each unescaped unless raw (a
 * part to be split again).  The array and strings are the caller's:
 * farley_vcard_parts_free(). */
char **farley_vcard_split(const char *value, int sep, int raw, size_t *n);
void farley_vcard_parts_free(char **parts, size_t n);

/* A person's name from N (family;given;additional;prefix;suffix): given,
 * additional and family names joined by spaces; "" when they are empty.
 * The caller frees. */
char *farley_vcard_name_from_n(const char *value);

/* A name taken apart for N: "Dr. Jane Q. van Doe Jr." has the prefix Dr.,
 * given name Jane, additional Q., family name van Doe and suffix Jr.;
 * "Doe, Jane" is given Jane, family Doe; one word is a given name. */
struct farley_vcard_name {
	char *family, *given, *additional, *prefix, *suffix; /* never NULL */
};
void farley_vcard_name_split(const char *name, struct farley_vcard_name *n);
void farley_vcard_name_release(struct farley_vcard_name *n);

/* A birthday as vCard writes it (1980-04-02, 19800402, 1980-04-02T10:00Z;
 * --0402, --04-02 without a year) in farley's form: 2 and "1980-04-02",
 * 1 and "04-02" (month and day: no year), or 0 when it is no date. */
int farley_vcard_date(const char *value, struct strbuf *out);

/* The stable UID of a record that has none: urn:uuid: and a version-8
 * UUID made from the id alone, so every export gives the same one. */
void farley_vcard_uid(struct strbuf *out, const char *id);
/* 1 when uid has the shape farley_vcard_uid() gives (maybe made here). */
int farley_vcard_uid_is_farleys(const char *uid);

/* Writing -------------------------------------------------------------- */

/* Append s escaped as TEXT: backslash, comma, semicolon, line break. */
void farley_vcard_escape(struct strbuf *out, const char *s);
/* Append the content line line (len bytes, unfolded, no line end) folded
 * at 75 octets, never inside a UTF-8 character, each piece ending CRLF. */
void farley_vcard_line(struct strbuf *out, const char *line, size_t len);
/* Append NAME:VALUE with value escaped as TEXT, folded. */
void farley_vcard_text(struct strbuf *out, const char *name, const char *value);

#endif
