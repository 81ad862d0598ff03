/* ids: record ids, slugs, short hashes and UTF-8 helpers.
 *
 * An id matches ^[a-z0-9][a-z0-9-]{0,63}$, is unique across the
 * repository and is the file name without ".yaml". */
#ifndef FARLEY_IDS_H
#define FARLEY_IDS_H

#include <stddef.h>
#include <stdint.h>

#include "farley/strbuf.h"

#define FARLEY_ID_MAX 64
#define FARLEY_SLUG_MAX 48

/* 1 when s is a valid id, else 0. */
int farley_id_valid(const char *s);

/* Lower-case, accents folded, other runs turned into '-', trimmed to max
 * bytes.  The result may be shorter than 2 characters (or empty) for names
 * with no Latin letters or digits: the caller falls back to a hash id. */
void farley_slugify(struct strbuf *out, const char *name, size_t max);

/* 64-bit FNV-1a over data; hex digits of it. */
uint64_t farley_hash64(const void *data, size_t len, uint64_t seed);
void farley_hash_hex(struct strbuf *out, const void *data, size_t len,
		     int nhex);

/* UTF-8 ------------------------------------------------------------- */

/* Decode one UTF-8 sequence at s (n bytes available).  Returns its length
 * and stores the code point, or 0 when the sequence is invalid. */
int farley_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Offset of the first invalid byte, or (size_t)-1 when s is valid. */
size_t farley_utf8_invalid(const char *s, size_t n);
/* Columns a string takes on a terminal (East Asian wide = 2). */
size_t farley_utf8_width(const char *s, size_t n);
/* Width of one code point. */
int farley_cp_width(uint32_t cp);

/* The candidate closest to word, a typo away (one edit, two for words of
 * more than four letters), for "did you mean ...?"; NULL when none is.
 * candidates is NULL-terminated; the result is one of them. */
const char *farley_closest(const char *word, const char *const *candidates);

/* Append s (n bytes) to out as one clean line of at most max_cols
 * columns (max_cols >= 2): control characters and runs of blanks become
 * one space, leading and trailing ones go, invalid UTF-8 becomes U+FFFD,
 * and a longer text is cut with an ellipsis.  For commit subjects. */
void farley_oneline(struct strbuf *out, const char *s, size_t n, size_t max_cols);

#endif
