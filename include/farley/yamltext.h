/* yamltext: YAML as text, below any notion of a record.
 *
 * The reading guards every YAML file farley reads goes through (records and
 * farley.yaml alike): files over 1 MiB, NUL bytes, invalid UTF-8, merge
 * conflict markers, several documents, anchors and aliases, explicit tags
 * and nesting deeper than allowed are refused with path:line:column.  And
 * the rules for writing a scalar so that every YAML reader reads back the
 * same string. */
#ifndef FARLEY_YAMLTEXT_H
#define FARLEY_YAMLTEXT_H

#include <stddef.h>

#include "farley/error.h"
#include "farley/strbuf.h"

#define FARLEY_MAX_FILE (1024 * 1024)

/* Check a YAML text against the reading guards, allowing maxdepth levels of
 * collections (used for farley.yaml). */
int farley_yaml_guard(const char *text, size_t len, const char *path,
		      int maxdepth, struct farley_error *err);

/* How a scalar must be written: 0 plain, 1 double-quoted, 2 literal block. */
int farley_yaml_style(const char *s);
/* Write s as a plain or double-quoted scalar (force: always quote). */
void farley_yaml_scalar(struct strbuf *out, const char *s, int force);
/* Write s double-quoted with YAML escapes. */
void farley_yaml_quote(struct strbuf *out, const char *s);

/* 1 when a plain scalar s is a number JSON can say exactly as written
 * ("7", "-0.5"; not "0123", "1e3", "1_000" or over 30 characters). */
int farley_yaml_plain_number(const char *s);

/* The first line (1-based) holding a merge conflict marker, or 0. */
int farley_conflict_line(const char *text, size_t len);

#endif
