/* yamlrec: record files in and out.
 *
 * Reading is liberal in style (block or flow, comments, any quoting) and
 * strict in substance: on top of the guards of yamltext.h, duplicate keys
 * and values of the wrong shape are rejected with path:line:column.  The
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
#include "farley/yamltext.h"

/* Parse text into r's fields (r->path is used in messages; r->text is set
 * to a copy of text). */
int farley_yaml_parse(struct farley_record *r, const char *text, size_t len,
		      struct farley_error *err);
/* Read and parse the file at fullpath. */
int farley_yaml_load(struct farley_record *r, const char *fullpath,
		     struct farley_error *err);

/* The canonical text of r (fields sorted as the schema orders them). */
void farley_yaml_write(struct strbuf *out, const struct farley_record *r);

/* Rewrite orig's text so that it holds want's fields, touching only the
 * lines of the fields that differ.  The result is parsed again and compared
 * with want; any other difference is refused (FARLEY_EFAIL), never written. */
int farley_yaml_edit(const struct farley_record *orig,
		     const struct farley_record *want, struct strbuf *out,
		     struct farley_error *err);

#endif
