/* emit: the one output layer.
 *
 * A command describes what it shows once, as a small tree of nodes (maps,
 * lists and typed scalars), and farley_emit() writes that tree in any of
 * the formats: table, tsv, csv, json, ndjson, yaml, ids.  No command formats
 * JSON or tables by hand.
 *
 * Tabular formats take a list of maps as rows (a single map is one row,
 * or in table format a vertical "field  value" listing). */
#ifndef FARLEY_EMIT_H
#define FARLEY_EMIT_H

#include <stdio.h>

#include "farley/config.h"
#include "farley/error.h"
#include "farley/record.h"

enum farley_format {
	FARLEY_FMT_AUTO,
	FARLEY_FMT_TABLE,
	FARLEY_FMT_TSV,
	FARLEY_FMT_CSV,
	FARLEY_FMT_JSON,
	FARLEY_FMT_NDJSON,
	FARLEY_FMT_YAML,
	FARLEY_FMT_IDS,
	FARLEY_FMT_TEMPLATE, /* farley_emit_opts.template, one line a row */
};

/* "table", "tsv", ... -> format, or -1. */
int farley_format_parse(const char *s);

enum farley_ntype {
	FARLEY_N_NULL,
	FARLEY_N_STR,
	FARLEY_N_NUM,   /* text is an exact decimal number */
	FARLEY_N_BOOL,  /* text is "true" or "false" */
	FARLEY_N_MONEY, /* text is an exact decimal; currency alongside */
	FARLEY_N_DATE,  /* a date or datetime string */
	FARLEY_N_LIST,
	FARLEY_N_MAP,
};

/* What a table row means, for colour on a terminal. */
enum farley_style {
	FARLEY_STYLE_NONE,
	FARLEY_STYLE_ALERT, /* red: overdue */
	FARLEY_STYLE_GOOD,  /* green: won */
	FARLEY_STYLE_FADED, /* dim: lost, done */
	FARLEY_STYLE_WARN,  /* yellow: stalled */
};

struct farley_node {
	enum farley_ntype type;
	char *key; /* the key when the node is a map member */
	char *text;
	char *currency;
	int highlight;  /* text marks matches with \x01 ... \x02 */
	enum farley_style style; /* a row's colour in a table */
	struct farley_node **kids;
	size_t n, alloc;
};

struct farley_node *farley_node_new(enum farley_ntype type, const char *text);
void farley_node_free(struct farley_node *n);
/* Append child to a list, or under key to a map; returns child. */
struct farley_node *farley_node_add(struct farley_node *parent, const char *key,
				    struct farley_node *child);
struct farley_node *farley_node_add_str(struct farley_node *map,
					const char *key, const char *s);
struct farley_node *farley_node_get(const struct farley_node *map,
				    const char *key);

/* A record as a map: id, kind, path, then every field, typed. */
struct farley_node *farley_record_node(const struct farley_record *r,
				       const struct farley_config *cfg);

/* Columns name the fields to show.  In a table a column is cut only when it
 * holds free text (words with spaces, lists); ids, amounts, numbers and
 * dates are always shown whole.  A name ending in '?' ("owner?") may be
 * left out when the terminal is too narrow (the rightmost first), after
 * free text has been shrunk; one ending in '!' is never cut either.
 * Every other format ignores the marks. */
struct farley_emit_opts {
	enum farley_format format;
	int color;        /* colour escapes allowed */
	int tty;          /* output is a terminal: sanitize everything */
	int width;        /* terminal columns, 0: unlimited */
	const char *const *columns; /* NULL-terminated, or NULL for all */
	int vertical;     /* table format: one record as field/value lines */
	int no_header;    /* table, tsv, csv: no header line */
	int32_t today;    /* table format: dates also say "in 3 days" (0: not) */
	const char *template; /* FARLEY_FMT_TEMPLATE: "{id}\t{value}" */
};

/* Write doc to out.  Returns 0, or -1 on a write error. */
int farley_emit(FILE *out, const struct farley_node *doc,
		const struct farley_emit_opts *opts);

/* The columns a table leaves for column (say a chart) when the others
 * are laid out first at opts->width: -1 when the width is unlimited. */
int farley_table_room(const struct farley_node *doc,
		      const struct farley_emit_opts *opts, const char *column);

/* Check a template against doc's rows: {name} must be a key of some row
 * or a field of the rows' kind; a '{' must close.  FARLEY_EUSAGE if not. */
int farley_template_check(const struct farley_node *doc, const char *tmpl,
			  struct farley_error *err);

/* Make untrusted text safe for a terminal: control characters and escape
 * sequences are replaced by visible stand-ins. */
void farley_sanitize(struct strbuf *out, const char *s);

#endif
