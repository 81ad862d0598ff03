/* yamlrec: record files in and out.
 *
 * Reading is liberal in style (block or flow, comments, any quoting) and
 * strict in substance: files over 1 MiB, NUL bytes, invalid UTF-8, several
 * documents, duplicate keys, anchors and aliases, explicit tags and nesting
 * deeper than the schema allows are rejected with path:line:column.  The
 * depth limit is enforced while libyaml's events arrive, before any tree is
 * built, so a 100,000-deep "[[[[..." costs nothing.
 *
 * Each field remembers where it stands in the text (farley_field.start,
 * .vend, .end) so that an edit can rewrite that field's lines and keep
 * every other byte of a hand-written file. */
#ifndef FARLEY_YAMLREC_H
#define FARLEY_YAMLREC_H

#include "farley/error.h"
#include "farley/record.h"
#include "farley/strbuf.h"

#define FARLEY_MAX_FILE (1024 * 1024)

/* Parse text into r's fields (r->path is used in messages; r->text is set
 * to a copy of text). */
int farley_yaml_parse(struct farley_record *r, const char *text, size_t len,
		      struct farley_error *err);
/* Read and parse the file at fullpath. */
int farley_yaml_load(struct farley_record *r, const char *fullpath,
		     struct farley_error *err);

/* Check a YAML text against the reading guards, allowing maxdepth levels of
 * collections (used for farley.yaml). */
int farley_yaml_guard(const char *text, size_t len, const char *path,
		      int maxdepth, struct farley_error *err);

/* The canonical text of r (fields sorted as the schema orders them). */
void farley_yaml_write(struct strbuf *out, const struct farley_record *r);

/* How a scalar must be written: 0 plain, 1 double-quoted, 2 literal block. */
int farley_yaml_style(const char *s);
/* Write s as a plain or double-quoted scalar (force: always quote). */
void farley_yaml_scalar(struct strbuf *out, const char *s, int force);
/* Write s double-quoted with YAML escapes. */
void farley_yaml_quote(struct strbuf *out, const char *s);

/* Rewrite orig's text so that it holds want's fields, touching only the
 * lines of the fields that differ.  The result is parsed again and compared
 * with want; any other difference is refused (FARLEY_EFAIL), never written. */
int farley_yaml_edit(const struct farley_record *orig,
		     const struct farley_record *want, struct strbuf *out,
		     struct farley_error *err);

#endif
