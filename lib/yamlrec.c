/* yamlrec.c: reading records with byte spans, canonical writing and
 * format-preserving edits. */
#include "farley/yamlrec.h"
#include "farley/ids.h"
#include "farley/merge.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Positions ----------------------------------------------------------
 * libyaml's marks count characters; edits need bytes.  A table of line
 * starts (libyaml's line breaks: LF, CR LF, CR, NEL, LS, PS) and a walk of
 * `column` characters from the line start converts one to the other. */

struct lines {
	const char *text;
	size_t len;
	size_t *start;
	size_t n, alloc;
};

static void lines_build(struct lines *l, const char *text, size_t len)
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

static size_t lines_offset(const struct lines *l, yaml_mark_t m)
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

struct reader {
	yaml_parser_t parser;
	const char *path;
	struct lines lines;
	int depth, maxdepth;
	struct farley_error *err;
};

static int at(struct reader *rd, yaml_mark_t m, const char *fmt, const char *arg)
{
	return farley_error_at(rd->err, FARLEY_EINVAL, rd->path, (int)m.line + 1,
			       (int)m.column + 1, fmt, arg ? arg : "");
}

/* The next event, with the guards applied.  0 or an error. */
static int next(struct reader *rd, yaml_event_t *ev)
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
		return at(rd, ev->start_mark, "aliases are not allowed in records%s",
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
		return at(rd, m, "anchors are not allowed in records%s", NULL);
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
		return at(rd, m,
			  "nesting too deep: a field holds a value, a list of "
			  "values or (address) a mapping of values%s",
			  NULL);
	}
	return 0;
}

static int precheck(const char *text, size_t len, const char *path,
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

static void set_scalar(struct reader *rd, struct farley_scalar *sc,
		       yaml_event_t *ev)
{
	int null = 0;
	const char *v = (const char *)ev->data.scalar.value;
	sc->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (sc->plain)
		null = !*v || !strcmp(v, "~") || !strcmp(v, "null") ||
		       !strcmp(v, "Null") || !strcmp(v, "NULL");
	sc->s = null ? NULL : xstrndup(v, ev->data.scalar.length);
	sc->line = (int)ev->start_mark.line + 1;
	sc->col = (int)ev->start_mark.column + 1;
	(void)rd;
}

static int dup_key(struct farley_field *fields, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(fields[i].key, key))
			return 1;
	return 0;
}

/* Where the entry that ends at vend ends: after its line break, or at vend
 * when vend already starts a line (after a literal block). */
static size_t entry_end(const char *text, size_t len, size_t vend)
{
	if (vend > 0 && vend <= len && text[vend - 1] == '\n')
		return vend;
	while (vend < len && text[vend] != '\n')
		vend++;
	return vend < len ? vend + 1 : len;
}

static int read_value(struct reader *rd, struct farley_field *f,
		      yaml_event_t *ev, size_t *vend)
{
	size_t end = 0;
	int ret = 0;
	if (ev->type == YAML_SCALAR_EVENT) {
		f->type = FARLEY_V_SCALAR;
		set_scalar(rd, &f->v, ev);
		end = lines_offset(&rd->lines, ev->end_mark);
		if (!ev->data.scalar.length &&
		    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
			end = 0; /* empty: decided by the caller */
		yaml_event_delete(ev);
	} else if (ev->type == YAML_SEQUENCE_START_EVENT ||
		   ev->type == YAML_MAPPING_START_EVENT) {
		int seq = ev->type == YAML_SEQUENCE_START_EVENT;
		size_t alloc = 0;
		if (!seq && strcmp(f->key, "address")) {
			/* the schema has one mapping-valued field */
			yaml_mark_t m = ev->start_mark;
			yaml_event_delete(ev);
			return farley_error_at(rd->err, FARLEY_EINVAL, rd->path,
					       (int)m.line + 1, (int)m.column + 1,
					       "'%s' cannot hold a mapping (only "
					       "address can)",
					       f->key);
		}
		f->type = seq ? FARLEY_V_LIST : FARLEY_V_MAP;
		f->flow = seq ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
			      : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		yaml_event_delete(ev);
		for (;;) {
			yaml_event_t e;
			if ((ret = next(rd, &e)))
				return ret;
			if (e.type == YAML_SEQUENCE_END_EVENT ||
			    e.type == YAML_MAPPING_END_EVENT) {
				if (f->flow)
					end = lines_offset(&rd->lines, e.end_mark);
				yaml_event_delete(&e);
				break;
			}
			if (e.type != YAML_SCALAR_EVENT) {
				yaml_mark_t m = e.start_mark;
				yaml_event_delete(&e);
				return at(rd, m, "unexpected value in '%s'", f->key);
			}
			if (seq) {
				ALLOC_GROW(f->items, f->nitems + 1, alloc);
				memset(&f->items[f->nitems], 0, sizeof(*f->items));
				set_scalar(rd, &f->items[f->nitems++], &e);
			} else {
				struct farley_field sub = { 0 };
				yaml_event_t v;
				sub.key = xstrndup((const char *)e.data.scalar.value,
						   e.data.scalar.length);
				sub.line = (int)e.start_mark.line + 1;
				sub.col = (int)e.start_mark.column + 1;
				yaml_event_delete(&e);
				if (dup_key(f->sub, f->nsub, sub.key)) {
					ret = farley_error_at(rd->err, FARLEY_EINVAL,
							      rd->path, sub.line,
							      sub.col,
							      "duplicate key '%s'",
							      sub.key);
					farley_field_release(&sub);
					return ret;
				}
				ALLOC_GROW(f->sub, f->nsub + 1, alloc);
				if ((ret = next(rd, &v))) {
					farley_field_release(&sub);
					return ret;
				}
				if (v.type != YAML_SCALAR_EVENT) {
					yaml_mark_t m = v.start_mark;
					yaml_event_delete(&v);
					farley_field_release(&sub);
					return at(rd, m, "unexpected value in '%s'",
						  f->key);
				}
				sub.type = FARLEY_V_SCALAR;
				set_scalar(rd, &sub.v, &v);
				f->sub[f->nsub++] = sub;
				e = v;
			}
			{
				size_t e_end = lines_offset(&rd->lines, e.end_mark);
				if (e.data.scalar.length || e.data.scalar.style !=
								    YAML_PLAIN_SCALAR_STYLE)
					end = e_end > end ? e_end : end;
			}
			yaml_event_delete(&e);
		}
	} else {
		yaml_mark_t m = ev->start_mark;
		yaml_event_delete(ev);
		return at(rd, m, "unexpected value for '%s'", f->key);
	}
	*vend = end;
	return 0;
}

static int read_record(struct reader *rd, struct farley_record *r)
{
	yaml_event_t ev;
	int ret;
	const char *text = r->text.buf;
	size_t len = r->text.len;

	if ((ret = next(rd, &ev)))
		return ret;
	yaml_event_delete(&ev); /* stream start */
	if ((ret = next(rd, &ev)))
		return ret;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		return farley_error_at(rd->err, FARLEY_EINVAL, rd->path, 1, 1,
				       "empty file: a record is a mapping of "
				       "fields%s", "");
	}
	yaml_event_delete(&ev); /* document start */
	if ((ret = next(rd, &ev)))
		return ret;
	if (ev.type != YAML_MAPPING_START_EVENT) {
		yaml_mark_t m = ev.start_mark;
		yaml_event_delete(&ev);
		return at(rd, m, "a record must be a mapping of fields%s", NULL);
	}
	r->flow_doc = ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	yaml_event_delete(&ev);
	for (;;) {
		struct farley_field f = { 0 };
		size_t key_off, key_end, vend = 0, ls;
		if ((ret = next(rd, &ev)))
			return ret;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			yaml_mark_t m = ev.start_mark;
			yaml_event_delete(&ev);
			return at(rd, m, "field names must be plain words%s", NULL);
		}
		f.key = xstrndup((const char *)ev.data.scalar.value,
				 ev.data.scalar.length);
		f.line = (int)ev.start_mark.line + 1;
		f.col = (int)ev.start_mark.column + 1;
		key_off = lines_offset(&rd->lines, ev.start_mark);
		key_end = lines_offset(&rd->lines, ev.end_mark);
		yaml_event_delete(&ev);
		if (dup_key(r->fields, r->nfields, f.key)) {
			ret = farley_error_at(rd->err, FARLEY_EINVAL, rd->path, f.line,
					      f.col, "duplicate key '%s'", f.key);
			farley_field_release(&f);
			return ret;
		}
		if ((ret = next(rd, &ev)) || (ret = read_value(rd, &f, &ev, &vend))) {
			farley_field_release(&f);
			return ret;
		}
		if (!vend) {
			/* an empty value: the entry ends after its ':' */
			vend = key_end;
			while (vend < len && (text[vend] == ' ' || text[vend] == '\t' ||
					      text[vend] == '"' || text[vend] == '\''))
				vend++;
			if (vend < len && text[vend] == ':')
				vend++;
		}
		ls = key_off;
		while (ls > 0 && (text[ls - 1] == ' ' || text[ls - 1] == '\t'))
			ls--;
		f.start = (ls == 0 || text[ls - 1] == '\n') ? ls : key_off;
		f.vend = vend;
		f.end = entry_end(text, len, vend);
		ALLOC_GROW(r->fields, r->nfields + 1, r->alloc);
		r->fields[r->nfields++] = f;
	}
	if ((ret = next(rd, &ev)))
		return ret;
	yaml_event_delete(&ev); /* document end */
	if ((ret = next(rd, &ev)))
		return ret;
	if (ev.type != YAML_STREAM_END_EVENT) {
		yaml_mark_t m = ev.start_mark;
		yaml_event_delete(&ev);
		return at(rd, m, "several YAML documents in one record file%s",
			  NULL);
	}
	yaml_event_delete(&ev);
	return 0;
}

int farley_yaml_parse(struct farley_record *r, const char *text, size_t len,
		      struct farley_error *err)
{
	struct reader rd;
	int ret;
	if ((ret = precheck(text, len, r->path, err)))
		return ret;
	for (size_t i = 0; i < r->nfields; i++)
		farley_field_release(&r->fields[i]);
	r->nfields = 0;
	if (r->text.buf != text) {
		strbuf_reset(&r->text);
		strbuf_add(&r->text, text, len);
	}
	memset(&rd, 0, sizeof(rd));
	rd.path = r->path;
	rd.err = err;
	rd.maxdepth = 2;
	lines_build(&rd.lines, r->text.buf, r->text.len);
	yaml_parser_initialize(&rd.parser);
	yaml_parser_set_input_string(&rd.parser,
				     (const unsigned char *)r->text.buf, r->text.len);
	ret = read_record(&rd, r);
	yaml_parser_delete(&rd.parser);
	free(rd.lines.start);
	return ret;
}

int farley_yaml_load(struct farley_record *r, const char *fullpath,
		     struct farley_error *err)
{
	strbuf_reset(&r->text);
	if (strbuf_read_file(&r->text, fullpath, FARLEY_MAX_FILE)) {
		if (errno == E2BIG)
			return farley_error_at(err, FARLEY_EINVAL, r->path, 0, 0,
					       "file is larger than 1 MiB%s", "");
		return farley_error_errno(err, FARLEY_EIO, "cannot read '%s'",
					  r->path ? r->path : fullpath);
	}
	return farley_yaml_parse(r, r->text.buf, r->text.len, err);
}

int farley_yaml_guard(const char *text, size_t len, const char *path,
		      int maxdepth, struct farley_error *err)
{
	struct reader rd;
	int ret;
	if ((ret = precheck(text, len, path, err)))
		return ret;
	memset(&rd, 0, sizeof(rd));
	rd.path = path;
	rd.err = err;
	rd.maxdepth = maxdepth;
	lines_build(&rd.lines, text, len);
	yaml_parser_initialize(&rd.parser);
	yaml_parser_set_input_string(&rd.parser, (const unsigned char *)text, len);
	for (;;) {
		yaml_event_t ev;
		int docs = 0;
		if ((ret = next(&rd, &ev)))
			break;
		if (ev.type == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
			ret = at(&rd, ev.start_mark, "several YAML documents%s", NULL);
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

/* Writing ------------------------------------------------------------ */

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

static void literal(struct strbuf *out, const char *s, int indent)
{
	size_t len = strlen(s), trail = 0;
	const char *p = s, *end;
	while (trail < len && s[len - 1 - trail] == '\n')
		trail++;
	strbuf_addch(out, '|');
	if (s[0] == ' ')
		strbuf_addch(out, '2');
	if (trail == 0)
		strbuf_addch(out, '-');
	else if (trail > 1)
		strbuf_addch(out, '+');
	strbuf_addch(out, '\n');
	end = s + len - trail;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n)
			strbuf_addchars(out, ' ', (size_t)indent);
		strbuf_add(out, p, n);
		strbuf_addch(out, '\n');
		p += n + (nl ? 1 : 0);
	}
	for (size_t i = 1; i < trail; i++)
		strbuf_addch(out, '\n');
}

/* One value after "key:".  Block values end with a newline, others not. */
static void write_value(struct strbuf *out, const struct farley_field *f,
			enum farley_kind kind, int indent, int flow)
{
	const struct farley_fielddef *d = farley_schema_field(kind, f->key);
	int force = d->type == FT_PHONES;
	switch (f->type) {
	case FARLEY_V_SCALAR:
		if (!f->v.s) {
			strbuf_addstr(out, " null");
		} else if (d->type == FT_MONEY || d->type == FT_DATE ||
			   d->type == FT_PROB || d->type == FT_DATETIME) {
			strbuf_addch(out, ' ');
			strbuf_addstr(out, f->v.s);
		} else if (farley_yaml_style(f->v.s) == 2) {
			strbuf_addch(out, ' ');
			literal(out, f->v.s, indent + 2);
		} else {
			strbuf_addch(out, ' ');
			farley_yaml_scalar(out, f->v.s, force);
		}
		break;
	case FARLEY_V_LIST:
		if (!f->nitems || flow) {
			strbuf_addstr(out, " [");
			for (size_t i = 0; i < f->nitems; i++) {
				const char *it = f->items[i].s;
				if (i)
					strbuf_addstr(out, ", ");
				farley_yaml_scalar(out, it,
						   force || (it && strpbrk(it, ",[]{}")));
			}
			strbuf_addch(out, ']');
			break;
		}
		for (size_t i = 0; i < f->nitems; i++) {
			strbuf_addch(out, '\n');
			strbuf_addchars(out, ' ', (size_t)indent + 2);
			strbuf_addstr(out, "- ");
			farley_yaml_scalar(out, f->items[i].s, force);
		}
		break;
	case FARLEY_V_MAP:
		if (!f->nsub || flow) {
			strbuf_addstr(out, " {");
			for (size_t i = 0; i < f->nsub; i++) {
				const char *v = f->sub[i].v.s;
				if (i)
					strbuf_addstr(out, ", ");
				farley_yaml_scalar(out, f->sub[i].key, 0);
				strbuf_addstr(out, ": ");
				farley_yaml_scalar(out, v, v && strpbrk(v, ",[]{}"));
			}
			strbuf_addch(out, '}');
			break;
		}
		for (size_t i = 0; i < f->nsub; i++) {
			strbuf_addch(out, '\n');
			strbuf_addchars(out, ' ', (size_t)indent + 2);
			farley_yaml_scalar(out, f->sub[i].key, 0);
			strbuf_addch(out, ':');
			write_value(out, &f->sub[i], FARLEY_NOKIND, indent + 2, 0);
		}
		break;
	}
}

/* "key: value" for one field, without the final newline unless the value
 * is a literal block (which always ends with one). */
static void write_field(struct strbuf *out, const struct farley_field *f,
			enum farley_kind kind, int indent, int flow)
{
	strbuf_addchars(out, ' ', (size_t)indent);
	farley_yaml_scalar(out, f->key, 0);
	strbuf_addch(out, ':');
	write_value(out, f, kind, indent, flow);
}

static int ends_block(const struct strbuf *sb)
{
	return sb->len && sb->buf[sb->len - 1] == '\n';
}

void farley_yaml_write(struct strbuf *out, const struct farley_record *r)
{
	struct farley_record sorted = *r;
	sorted.fields = xmalloc(r->nfields * sizeof(*r->fields) + 1);
	memcpy(sorted.fields, r->fields, r->nfields * sizeof(*r->fields));
	farley_record_sort(&sorted);
	for (size_t i = 0; i < sorted.nfields; i++) {
		write_field(out, &sorted.fields[i], r->kind, 0, 0);
		if (!ends_block(out))
			strbuf_addch(out, '\n');
	}
	free(sorted.fields);
}

/* Edits -------------------------------------------------------------- */

struct edit {
	size_t start, end;
	struct strbuf text;
	int order;
};

static int edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? 1 : -1;
	return y->order - x->order;
}

static int records_match(const struct farley_record *a,
			 const struct farley_record *b)
{
	if (a->nfields != b->nfields)
		return 0;
	for (size_t i = 0; i < a->nfields; i++) {
		struct farley_field *f = farley_record_get(b, a->fields[i].key);
		if (!f)
			return 0;
		if (!farley_field_equal(&a->fields[i], f)) {
			/* a one-item list and a scalar are read alike */
			return 0;
		}
	}
	return 1;
}

int farley_yaml_edit(const struct farley_record *orig,
		     const struct farley_record *want, struct strbuf *out,
		     struct farley_error *err)
{
	const char *text = orig->text.buf;
	size_t len = orig->text.len;
	struct edit *edits = NULL;
	size_t nedits = 0, alloc = 0;
	struct farley_record check = FARLEY_RECORD_INIT;
	struct farley_error perr = FARLEY_ERROR_INIT;
	int ret = FARLEY_EFAIL, indent = 0;

	strbuf_reset(out);
	if (orig->flow_doc || !orig->nfields) {
		farley_yaml_write(out, want);
		return 0;
	}
	indent = orig->fields[0].col - 1;
	if (orig->fields[0].start != 0 && text[orig->fields[0].start - 1] != '\n')
		indent = 0;

	/* changed and removed fields */
	for (size_t i = 0; i < orig->nfields; i++) {
		const struct farley_field *of = &orig->fields[i];
		const struct farley_field *nf = farley_record_get(want, of->key);
		struct edit e;
		if (nf && farley_field_equal(of, nf))
			continue;
		strbuf_init(&e.text, 0);
		e.order = 0;
		if (!nf) {
			e.start = of->start;
			e.end = of->end;
		} else {
			write_field(&e.text, nf, want->kind, 0,
				    of->flow && nf->type == of->type);
			/* keep a trailing comment when old and new are one line */
			if (!memchr(e.text.buf, '\n', e.text.len) &&
			    !memchr(text + of->start, '\n', of->vend - of->start) &&
			    of->vend < of->end && text[of->vend - 1] != '\n') {
				e.start = of->start;
				e.end = of->vend;
			} else {
				e.start = of->start;
				e.end = of->end;
				if (!ends_block(&e.text))
					strbuf_addch(&e.text, '\n');
				if (of->end == len && len && text[len - 1] != '\n' &&
				    e.text.len)
					strbuf_setlen(&e.text, e.text.len - 1);
			}
			if (indent) {
				struct strbuf ind = STRBUF_INIT;
				strbuf_addchars(&ind, ' ', (size_t)indent);
				for (size_t k = 0; k < e.text.len; k++)
					if (k == 0 || (e.text.buf[k - 1] == '\n' &&
						       k < e.text.len)) {
						strbuf_insert(&e.text, k, ind.buf, ind.len);
						k += ind.len;
					}
				strbuf_release(&ind);
			}
			/* keep the key's own indentation on its first line */
			if (of->start < len && text[of->start] == ' ' && !indent) {
				size_t k = of->start;
				while (k < len && text[k] == ' ')
					k++;
				strbuf_insert(&e.text, 0, text + of->start, k - of->start);
			}
		}
		ALLOC_GROW(edits, nedits + 1, alloc);
		edits[nedits++] = e;
	}

	/* added fields: after the field before them in canonical order */
	for (size_t i = 0; i < want->nfields; i++) {
		const struct farley_field *nf = &want->fields[i];
		int pos = farley_schema_pos(want->kind, nf->key);
		const struct farley_field *after = NULL;
		struct edit e;
		if (farley_record_get(orig, nf->key))
			continue;
		for (size_t j = 0; j < orig->nfields; j++) {
			const struct farley_field *of = &orig->fields[j];
			int opos = farley_schema_pos(want->kind, of->key);
			int before = pos >= 0 ? (opos >= 0 && opos < pos)
					      : (opos >= 0 || strcmp(of->key, nf->key) < 0);
			if (before && (!after || of->end > after->end))
				after = of;
		}
		strbuf_init(&e.text, 0);
		e.order = (int)i + 1;
		if (after) {
			e.start = e.end = after->end;
			if (after->end == len && len && text[len - 1] != '\n')
				strbuf_addch(&e.text, '\n');
		} else {
			e.start = e.end = orig->fields[0].start;
		}
		strbuf_addchars(&e.text, ' ', (size_t)indent);
		{
			struct strbuf f = STRBUF_INIT;
			write_field(&f, nf, want->kind, indent, 0);
			strbuf_add(&e.text, f.buf + indent, f.len - (size_t)indent);
			strbuf_release(&f);
		}
		if (!ends_block(&e.text))
			strbuf_addch(&e.text, '\n');
		ALLOC_GROW(edits, nedits + 1, alloc);
		edits[nedits++] = e;
	}

	strbuf_add(out, text, len);
	if (nedits)
		qsort(edits, nedits, sizeof(*edits), edit_cmp);
	for (size_t i = 0; i < nedits; i++)
		strbuf_splice(out, edits[i].start, edits[i].end - edits[i].start,
			      edits[i].text.buf, edits[i].text.len);

	/* the safety net: read it back and compare */
	check.kind = want->kind;
	check.path = orig->path ? xstrdup(orig->path) : NULL;
	if (farley_yaml_parse(&check, out->buf, out->len, &perr) ||
	    !records_match(&check, want)) {
		/* fall back to the canonical form rather than write a surprise */
		struct strbuf canon = STRBUF_INIT;
		farley_yaml_write(&canon, want);
		farley_record_release(&check);
		check.kind = want->kind;
		farley_error_clear(&perr);
		if (farley_yaml_parse(&check, canon.buf, canon.len, &perr) ||
		    !records_match(&check, want)) {
			farley_error_set(err, FARLEY_EFAIL,
					 "internal error: editing '%s' would "
					 "change more than asked; nothing written",
					 orig->path ? orig->path : "record");
			strbuf_release(&canon);
			goto out;
		}
		strbuf_reset(out);
		strbuf_add(out, canon.buf, canon.len);
		strbuf_release(&canon);
	}
	ret = 0;
out:
	for (size_t i = 0; i < nedits; i++)
		strbuf_release(&edits[i].text);
	free(edits);
	farley_record_release(&check);
	farley_error_clear(&perr);
	return ret;
}
