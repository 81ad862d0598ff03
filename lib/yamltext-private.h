/* Library-private parts of yamltext: the guarded event reader that the
 * record codec (yamlrec.c) and the guard share. */
#ifndef FARLEY_YAMLTEXT_PRIVATE_H
#define FARLEY_YAMLTEXT_PRIVATE_H

#include <yaml.h>

#include "farley/error.h"
#include "farley/yamltext.h"

/* libyaml's marks count characters; edits need bytes.  A table of line
 * starts converts one to the other. */
struct lines {
	const char *text;
	size_t len;
	size_t *start;
	size_t n, alloc;
};
void farley_lines_build(struct lines *l, const char *text, size_t len);
size_t farley_lines_offset(const struct lines *l, yaml_mark_t m);

/* A libyaml parser with the reading guards applied to every event. */
struct yreader {
	yaml_parser_t parser;
	const char *path;
	struct lines lines;
	int depth, maxdepth;
	struct farley_error *err;
};

/* An error at mark m: fmt has one %s, filled with arg (or ""). */
int farley_yreader_at(struct yreader *rd, yaml_mark_t m, const char *fmt,
		      const char *arg);
/* The next event, with the guards applied.  0 or an error. */
int farley_yreader_next(struct yreader *rd, yaml_event_t *ev);
/* The guards that need no parser: size, NUL bytes, conflict markers,
 * UTF-8. */
int farley_yaml_precheck(const char *text, size_t len, const char *path,
			 struct farley_error *err);

#endif
