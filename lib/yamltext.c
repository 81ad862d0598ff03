/* yamltext.c: YAML as text, below any notion of a record: the reading
 * guards (size, NUL, UTF-8, merge-conflict markers, anchors, tags, depth),
 * byte positions of libyaml's marks, and how a scalar must be written. */
#include "yamltext-private.h"
#include "farley/ids.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Positions ----------------------------------------------------------
 * libyaml's marks count characters; edits need bytes.  A table of line
 * starts (libyaml's line breaks: LF, CR LF, CR, NEL, LS, PS) and a walk of
 * `column` characters from the line start converts one to the other. */

void farley_lines_build(struct lines *l, const char *text, size_t len)
{
	size_t i = 0;
	const unsigned char *p = (const unsigned char *)text;
	l->text = text;
	l->len = len;
	l->start = NULL;
	l->n = l->alloc = 0;
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	ALLOC_GROW(l->start, l->n + 1, l->alloc);
	l->start[l->n++] = i;
	while (i < len) {
		size_t brk = 0;
		if (p[i] == '\r')
			brk = (i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
		else if (p[i] == '\n')
			brk = 1;
		else if (p[i] == 0xC2 && i + 1 < len && p[i + 1] == 0x85)
			brk = 2;
		else if (p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
			 (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))
			brk = 3;
		if (brk) {
			i += brk;
			ALLOC_GROW(l->start, l->n + 1, l->alloc);
			l->start[l->n++] = i;
		} else {
			i++;
		}
	}
}

size_t farley_lines_offset(const struct lines *l, yaml_mark_t m)
{
	size_t off, col = m.column;
	if (m.line >= l->n)
		return l->len;
	off = l->start[m.line];
	while (col-- && off < l->len) {
		unsigned char c = (unsigned char)l->text[off];
		off += c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
	}
	return off < l->len ? off : l->len;
}

/* Reading ---------------------------------------------------------- */

int farley_yreader_at(struct yreader *rd, yaml_mark_t m, const char *fmt,
		      const char *arg)
{
	return farley_error_at(rd->err, FARLEY_EINVAL, rd->path, (int)m.line + 1,
			       (int)m.column + 1, fmt, arg ? arg : "");
}

/* The next event, with the guards applied.  0 or an error. */
int farley_yreader_next(struct yreader *rd, yaml_event_t *ev)
{
	const char *anchor = NULL, *tag = NULL;
	if (!yaml_parser_parse(&rd->parser, ev)) {
		struct strbuf sb = STRBUF_INIT;
		yaml_mark_t m = rd->parser.problem_mark;
		strbuf_addf(&sb, "invalid YAML: %s",
			    rd->parser.problem ? rd->parser.problem : "syntax error");
		if (rd->parser.context)
			strbuf_addf(&sb, " (%s)", rd->parser.context);
		farley_error_at(rd->err, FARLEY_EINVAL, rd->path, (int)m.line + 1,
				(int)m.column + 1, "%s", sb.buf);
		strbuf_release(&sb);
		return FARLEY_EINVAL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		yaml_event_delete(ev);
		return farley_yreader_at(rd, ev->start_mark, "aliases are not allowed in records%s",
			  NULL);
	case YAML_SCALAR_EVENT:
		anchor = (const char *)ev->data.scalar.anchor;
		tag = (const char *)ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = (const char *)ev->data.sequence_start.anchor;
		tag = (const char *)ev->data.sequence_start.tag;
		rd->depth++;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = (const char *)ev->data.mapping_start.anchor;
		tag = (const char *)ev->data.mapping_start.tag;
		rd->depth++;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		rd->depth--;
		break;
	default:
		break;
	}
	if (anchor) {
		yaml_mark_t m = ev->start_mark;
		yaml_event_delete(ev);
		return farley_yreader_at(rd, m, "anchors are not allowed in records%s", NULL);
	}
	if (tag) {
		yaml_mark_t m = ev->start_mark;
		int ret = farley_error_at(rd->err, FARLEY_EINVAL, rd->path,
					  (int)m.line + 1, (int)m.column + 1,
					  "explicit tags are not allowed ('%s')",
					  tag);
		yaml_event_delete(ev);
		return ret;
	}
	if (rd->depth > rd->maxdepth) {
		yaml_mark_t m = ev->start_mark;
		yaml_event_delete(ev);
		return farley_yreader_at(rd, m,
			  "nesting too deep: a field holds a value, a list of "
			  "values or (address) a mapping of values%s",
			  NULL);
	}
	return 0;
}

int farley_yaml_precheck(const char *text, size_t len, const char *path,
		    struct farley_error *err)
{
	const char *nul;
	size_t bad;
	if (len > FARLEY_MAX_FILE)
		return farley_error_at(err, FARLEY_EINVAL, path, 0, 0,
				       "file is larger than 1 MiB%s", "");
	if ((nul = memchr(text, '\0', len))) {
		int line = 1, col = 1;
		for (const char *p = text; p < nul; p++, col++)
			if (*p == '\n')
				line++, col = 0;
		return farley_error_at(err, FARLEY_EINVAL, path, line, col,
				       "NUL byte in file%s", "");
	}
	{
		/* an unresolved merge: say so, rather than "invalid YAML" */
		int line = farley_conflict_line(text, len);
		if (line)
			return farley_error_at(err, FARLEY_EINVAL, path, line, 1,
					       "unresolved merge conflict: keep one side "
					       "and remove the <<<<<<< ======= >>>>>>> "
					       "lines%s", "");
	}
	if ((bad = farley_utf8_invalid(text, len)) != (size_t)-1) {
		int line = 1, col = 1;
		for (size_t i = 0; i < bad; i++, col++)
			if (text[i] == '\n')
				line++, col = 0;
		return farley_error_at(err, FARLEY_EINVAL, path, line, col,
				       "invalid UTF-8%s", "");
	}
	return 0;
}

int farley_yaml_guard(const char *text, size_t len, const char *path,
		      int maxdepth, struct farley_error *err)
{
	struct yreader rd;
	int ret;
	if ((ret = farley_yaml_precheck(text, len, path, err)))
		return ret;
	memset(&rd, 0, sizeof(rd));
	rd.path = path;
	rd.err = err;
	rd.maxdepth = maxdepth;
	farley_lines_build(&rd.lines, text, len);
	yaml_parser_initialize(&rd.parser);
	yaml_parser_set_input_string(&rd.parser, (const unsigned char *)text, len);
	for (;;) {
		yaml_event_t ev;
		int docs = 0;
		if ((ret = farley_yreader_next(&rd, &ev)))
			break;
		if (ev.type == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
			ret = farley_yreader_at(&rd, ev.start_mark,
						"several YAML documents%s", NULL);
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&rd.parser);
	free(rd.lines.start);
	return ret;
}

static int ieq(const char *a, const char *b)
{
	return !strcasecmp(a, b);
}

/* Would a YAML 1.1 or 1.2 reader (PyYAML, Psych, libyaml) resolve this
 * plain scalar to something other than a string? */
static int resolves_to_non_string(const char *s)
{
	static const char *words[] = {
		"~", "null", "y", "yes", "n", "no", "true", "false", "on", "off",
		".inf", "-.inf", "+.inf", ".nan", "=", "<<",
	};
	const char *p = s;
	int numberish = 1;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (ieq(s, words[i]))
			return 1;
	if (*p == '-' || *p == '+')
		p++;
	if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')))
		return 0;
	/* ints, floats, octal/hex/binary, 1_000, 1e3 and sexagesimal 12:30 */
	for (const char *q = p; *q; q++)
		if (!strchr("0123456789abcdefABCDEFxXoO_.:+-", *q))
			numberish = 0;
	if (numberish)
		return 1;
	/* timestamps: 2001-12-14 21:59:43.10 -5 and friends */
	if (strlen(s) >= 8 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' &&
	    s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' &&
	    s[3] <= '9' && s[4] == '-')
		return 1;
	return 0;
}

int farley_yaml_style(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	int literal_ok = 1, multiline = 0;
	if (!len)
		return 1;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '\n') {
			multiline = 1;
		} else if (p[i] == '\t') {
			/* fine in a literal block, quoted otherwise */
		} else if (p[i] < 0x20 || p[i] == 0x7f) {
			literal_ok = 0;
		} else if (p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
			literal_ok = 0; /* C1 controls, NEL */
		} else if (p[i] == 0xE2 && p[i + 1] == 0x80 &&
			   (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
			literal_ok = 0; /* LS, PS */
		} else if (p[i] == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF) {
			literal_ok = 0; /* BOM */
		}
	}
	if (multiline)
		return literal_ok && s[0] != '\n' ? 2 : 1;
	if (!literal_ok || strchr(s, '\t'))
		return 1;
	if (s[0] == ' ' || s[len - 1] == ' ')
		return 1;
	if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
		return 1;
	/* a key starts its line: one like a merge conflict's marker would
	 * make the file read as an unresolved merge */
	if (!strncmp(s, "<<<<<<<", 7) || !strncmp(s, "=======", 7))
		return 1;
	if (strstr(s, ": ") || strstr(s, " #") || s[len - 1] == ':')
		return 1;
	if (resolves_to_non_string(s))
		return 1;
	return 0;
}

void farley_yaml_quote(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	strbuf_addch(out, '"');
	for (; *p; p++) {
		switch (*p) {
		case '"':
			strbuf_addstr(out, "\\\"");
			continue;
		case '\\':
			strbuf_addstr(out, "\\\\");
			continue;
		case '\n':
			strbuf_addstr(out, "\\n");
			continue;
		case '\t':
			strbuf_addstr(out, "\\t");
			continue;
		case '\r':
			strbuf_addstr(out, "\\r");
			continue;
		}
		if (*p < 0x20 || *p == 0x7f) {
			strbuf_addf(out, "\\x%02x", *p);
		} else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			strbuf_addf(out, "\\x%02x", p[1]);
			p++;
		} else if (p[0] == 0xE2 && p[1] == 0x80 &&
			   (p[2] == 0xA8 || p[2] == 0xA9)) {
			strbuf_addstr(out, p[2] == 0xA8 ? "\\L" : "\\P");
			p += 2;
		} else if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
			strbuf_addstr(out, "\\uFEFF");
			p += 2;
		} else {
			strbuf_addch(out, *p);
		}
	}
	strbuf_addch(out, '"');
}

void farley_yaml_scalar(struct strbuf *out, const char *s, int force)
{
	if (!s) {
		strbuf_addstr(out, "null");
		return;
	}
	if (force || farley_yaml_style(s))
		farley_yaml_quote(out, s);
	else
		strbuf_addstr(out, s);
}

int farley_yaml_plain_number(const char *s)
{
	const char *p = s + (*s == '-');
	int digits = 0, dot = 0;
	if (*p == '0' && p[1] && p[1] != '.')
		return 0;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && !dot && digits)
			dot = 1;
		else
			return 0;
	}
	return digits && p[-1] != '.' && strlen(s) <= 30;
}

int farley_conflict_line(const char *text, size_t len)
{
	int line = 1;
	for (size_t i = 0; i < len; i++) {
		if ((i == 0 || text[i - 1] == '\n') && len - i >= 8 &&
		    (!strncmp(text + i, "<<<<<<< ", 8) || !strncmp(text + i, "<<<<<<<\n", 8) ||
		     !strncmp(text + i, "=======\n", 8) || !strncmp(text + i, ">>>>>>> ", 8)))
			return line;
		if (text[i] == '\n')
			line++;
	}
	return 0;
}
