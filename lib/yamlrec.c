/* yamlrec.c: reading records with byte spans, canonical writing and
 * format-preserving edits. */
#include "farley/yamlrec.h"
#include "farley/ids.h"
#include "yamltext-private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static void set_scalar(struct yreader *rd, struct farley_scalar *sc,
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

/* The length of the line break at text[i], or 0.  YAML's breaks, as
 * libyaml (and farley_lines_build()) count them: LF, CR LF, a lone CR,
 * NEL, LS and PS. */
static size_t line_break(const char *text, size_t len, size_t i)
{
	const unsigned char *p = (const unsigned char *)text;
	if (p[i] == '\n')
		return 1;
	if (p[i] == '\r')
		return i + 1 < len && p[i + 1] == '\n' ? 2 : 1;
	if (p[i] == 0xC2 && i + 1 < len && p[i + 1] == 0x85)
		return 2;
	if (p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
	    (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))
		return 3;
	return 0;
}

/* 1 when a line starts at offset i. */
static int line_start(const char *text, size_t len, size_t i)
{
	if (i == 0)
		return 1;
	if (text[i - 1] == '\n' || (text[i - 1] == '\r' && (i == len || text[i] != '\n')))
		return 1;
	return (i >= 2 && line_break(text, len, i - 2) == 2 && text[i - 2] != '\r') ||
	       (i >= 3 && line_break(text, len, i - 3) == 3);
}

/* Where the entry that ends at vend ends: after its line break, or at vend
 * when vend already starts a line (after a literal block). */
static size_t entry_end(const char *text, size_t len, size_t vend)
{
	size_t brk = 0;
	if (vend > 0 && vend <= len && line_start(text, len, vend))
		return vend;
	while (vend < len && !(brk = line_break(text, len, vend)))
		vend++;
	return vend + brk;
}

static int read_value(struct yreader *rd, struct farley_field *f,
		      yaml_event_t *ev, size_t *vend)
{
	size_t end = 0;
	int ret = 0;
	if (ev->type == YAML_SCALAR_EVENT) {
		f->type = FARLEY_V_SCALAR;
		set_scalar(rd, &f->v, ev);
		end = farley_lines_offset(&rd->lines, ev->end_mark);
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
			size_t key_end = 0;
			if ((ret = farley_yreader_next(rd, &e)))
				return ret;
			if (e.type == YAML_SEQUENCE_END_EVENT ||
			    e.type == YAML_MAPPING_END_EVENT) {
				if (f->flow)
					end = farley_lines_offset(&rd->lines, e.end_mark);
				yaml_event_delete(&e);
				break;
			}
			if (e.type != YAML_SCALAR_EVENT) {
				yaml_mark_t m = e.start_mark;
				yaml_event_delete(&e);
				return farley_yreader_at(rd, m, "unexpected value in '%s'", f->key);
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
				key_end = farley_lines_offset(&rd->lines, e.end_mark);
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
				if ((ret = farley_yreader_next(rd, &v))) {
					farley_field_release(&sub);
					return ret;
				}
				if (v.type != YAML_SCALAR_EVENT) {
					yaml_mark_t m = v.start_mark;
					yaml_event_delete(&v);
					farley_field_release(&sub);
					return farley_yreader_at(rd, m, "unexpected value in '%s'",
						  f->key);
				}
				sub.type = FARLEY_V_SCALAR;
				set_scalar(rd, &sub.v, &v);
				f->sub[f->nsub++] = sub;
				e = v;
			}
			{
				/* an empty value's mark may be the next token's, far
				 * on; but an empty item of a block sequence ("-" and
				 * nothing) is marked at the end of its "-", and is
				 * part of the field */
				size_t e_end = farley_lines_offset(&rd->lines, e.end_mark);
				if (e.data.scalar.length ||
				    e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
				    (seq && !f->flow)) {
					end = e_end > end ? e_end : end;
				} else if (!seq) {
					/* an empty value in a map: its key and ':'
					 * are the field's */
					const char *t = rd->lines.text;
					size_t k = key_end, n = rd->lines.len;
					while (k < n && (t[k] == ' ' || t[k] == '\t'))
						k++;
					if (k < n && t[k] == ':')
						k++;
					end = k > end ? k : end;
				}
			}
			yaml_event_delete(&e);
		}
	} else {
		yaml_mark_t m = ev->start_mark;
		yaml_event_delete(ev);
		return farley_yreader_at(rd, m, "unexpected value for '%s'", f->key);
	}
	*vend = end;
	return 0;
}

static int read_record(struct yreader *rd, struct farley_record *r)
{
	yaml_event_t ev;
	int ret;
	const char *text = r->text.buf;
	size_t len = r->text.len;

	if ((ret = farley_yreader_next(rd, &ev)))
		return ret;
	yaml_event_delete(&ev); /* stream start */
	if ((ret = farley_yreader_next(rd, &ev)))
		return ret;
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		return farley_error_at(rd->err, FARLEY_EINVAL, rd->path, 1, 1,
				       "empty file: a record is a mapping of "
				       "fields%s", "");
	}
	yaml_event_delete(&ev); /* document start */
	if ((ret = farley_yreader_next(rd, &ev)))
		return ret;
	if (ev.type != YAML_MAPPING_START_EVENT) {
		yaml_mark_t m = ev.start_mark;
		yaml_event_delete(&ev);
		return farley_yreader_at(rd, m, "a record must be a mapping of fields%s", NULL);
	}
	r->flow_doc = ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	yaml_event_delete(&ev);
	for (;;) {
		struct farley_field f = { 0 };
		size_t key_off, key_end, vend = 0, ls;
		if ((ret = farley_yreader_next(rd, &ev)))
			return ret;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			yaml_mark_t m = ev.start_mark;
			yaml_event_delete(&ev);
			return farley_yreader_at(rd, m, "field names must be plain words%s", NULL);
		}
		f.key = xstrndup((const char *)ev.data.scalar.value,
				 ev.data.scalar.length);
		f.line = (int)ev.start_mark.line + 1;
		f.col = (int)ev.start_mark.column + 1;
		key_off = farley_lines_offset(&rd->lines, ev.start_mark);
		key_end = farley_lines_offset(&rd->lines, ev.end_mark);
		yaml_event_delete(&ev);
		if (dup_key(r->fields, r->nfields, f.key)) {
			ret = farley_error_at(rd->err, FARLEY_EINVAL, rd->path, f.line,
					      f.col, "duplicate key '%s'", f.key);
			farley_field_release(&f);
			return ret;
		}
		if ((ret = farley_yreader_next(rd, &ev)) || (ret = read_value(rd, &f, &ev, &vend))) {
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
		/* an explicit key ("? name") starts at its '?' (its column is
		 * the entry's indentation) */
		if (ls > 0 && text[ls - 1] == '?') {
			ls--;
			f.col -= (int)(key_off - ls);
			while (ls > 0 && (text[ls - 1] == ' ' || text[ls - 1] == '\t'))
				ls--;
		}
		f.start = line_start(text, len, ls) ? ls : key_off;
		f.vend = vend;
		f.end = entry_end(text, len, vend);
		ALLOC_GROW(r->fields, r->nfields + 1, r->alloc);
		r->fields[r->nfields++] = f;
	}
	if ((ret = farley_yreader_next(rd, &ev)))
		return ret;
	yaml_event_delete(&ev); /* document end */
	if ((ret = farley_yreader_next(rd, &ev)))
		return ret;
	if (ev.type != YAML_STREAM_END_EVENT) {
		yaml_mark_t m = ev.start_mark;
		yaml_event_delete(&ev);
		return farley_yreader_at(rd, m, "several YAML documents in one record file%s",
			  NULL);
	}
	yaml_event_delete(&ev);
	return 0;
}

int farley_yaml_parse(struct farley_record *r, const char *text, size_t len,
		      struct farley_error *err)
{
	struct yreader rd;
	int ret;
	if ((ret = farley_yaml_precheck(text, len, r->path, err)))
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
	farley_lines_build(&rd.lines, r->text.buf, r->text.len);
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

/* Writing ------------------------------------------------------------ */

static void literal(struct strbuf *out, const char *s, int indent)
{
	size_t len = strlen(s), trail = 0;
	const char *p = s, *end;
	while (trail < len && s[len - 1 - trail] == '\n')
		trail++;
	strbuf_addch(out, '|');
	/* a first line that starts with white space cannot show the
	 * indentation: say it (libyaml refuses a tab where it looks for it) */
	if (s[0] == ' ' || s[0] == '\t')
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
/* A custom value that was written plain and is a number or a boolean
 * (score: 7, paid: true) stays plain: quoting it would turn it into a
 * string for every YAML reader. */
static int keep_plain(const struct farley_fielddef *d, const struct farley_scalar *sc)
{
	if (d->type != FT_CUSTOM || !sc->plain || !sc->s)
		return 0;
	return !strcmp(sc->s, "true") || !strcmp(sc->s, "false") ||
	       farley_yaml_plain_number(sc->s);
}

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
			   d->type == FT_PROB || d->type == FT_DATETIME ||
			   keep_plain(d, &f->v)) {
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

/* write_field() for a field that goes in front of text[at...]: a value
 * that ends in blank lines is a literal block that keeps them ("|+"),
 * and would take a blank or white line after it into its value (or lose
 * its last line break at the end of the file), so there it is written
 * quoted. */
static void write_field_before(struct strbuf *out, const struct farley_field *f,
			       enum farley_kind kind, int indent, int flow,
			       const char *text, size_t len, size_t at)
{
	size_t n = f->type == FARLEY_V_SCALAR && f->v.s ? strlen(f->v.s) : 0;
	size_t i = at;
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	/* at the end of a file without a final line break, the edit drops
	 * the block's last one: the same change of value */
	if (n >= 2 && f->v.s[n - 1] == '\n' && f->v.s[n - 2] == '\n' &&
	    farley_yaml_style(f->v.s) == 2 &&
	    (at < len ? i == len || line_break(text, len, i)
		      : len && text[len - 1] != '\n')) {
		strbuf_addchars(out, ' ', (size_t)indent);
		farley_yaml_scalar(out, f->key, 0);
		strbuf_addstr(out, ": ");
		farley_yaml_scalar(out, f->v.s, 1);
		return;
	}
	write_field(out, f, kind, indent, flow);
}

static int ends_block(const struct strbuf *sb)
{
	return sb->len && sb->buf[sb->len - 1] == '\n';
}

void farley_yaml_write(struct strbuf *out, const struct farley_record *r)
{
	struct farley_record sorted = *r;
	sorted.fields = xmalloc(r->nfields * sizeof(*r->fields) + 1);
	if (r->nfields)
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
	/* at one place, a field's rewrite before the insertions there (an
	 * insertion spliced first would be what the rewrite's range covers) */
	if (x->end != y->end)
		return x->end < y->end ? 1 : -1;
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
			write_field_before(&e.text, nf, want->kind, 0,
					   of->flow && nf->type == of->type,
					   text, len, of->end);
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
		if (after && after->end == len && len && text[len - 1] != '\n' &&
		    (after->start == 0 || text[after->start - 1] == '\n') &&
		    memchr(text + after->start, '\n', len - after->start)) {
			/* the entry before runs over several lines to the end
			 * of a file without a final line break (a block scalar):
			 * a line break after it would change its value, so the
			 * new field goes before it */
			e.start = e.end = after->start;
		} else if (after) {
			e.start = e.end = after->end;
			if (after->end == len && len && text[len - 1] != '\n')
				strbuf_addch(&e.text, '\n');
		} else {
			e.start = e.end = orig->fields[0].start;
		}
		strbuf_addchars(&e.text, ' ', (size_t)indent);
		{
			struct strbuf f = STRBUF_INIT;
			write_field_before(&f, nf, want->kind, indent, 0, text, len,
					   e.start);
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
