/* jsonrec.c: reading exported records back.  JSON is read with libyaml
 * (JSON's syntax is YAML's flow style), whose events give every scalar's
 * text exactly as written and whether it was quoted. */
#include "farley/jsonrec.h"
#include "farley/money.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct reader {
	yaml_parser_t p;
	const char *name;
	int line_base; /* ndjson: the line the parser's text starts on */
	struct farley_error *err;
};

static int syntax(struct reader *rd, yaml_mark_t m, const char *what)
{
	return farley_error_at(rd->err, FARLEY_EINVAL, rd->name,
			       rd->line_base + (int)m.line + 1, (int)m.column + 1,
			       "%s", what);
}

static int next(struct reader *rd, yaml_event_t *ev)
{
	if (yaml_parser_parse(&rd->p, ev))
		return 0;
	return farley_error_at(rd->err, FARLEY_EINVAL, rd->name,
			       rd->line_base + (int)rd->p.problem_mark.line + 1,
			       (int)rd->p.problem_mark.column + 1,
			       "not JSON farley can read: %s",
			       rd->p.problem ? rd->p.problem : "syntax error");
}

/* A JSON scalar as a record value: quoted strings as they are, numbers
 * and true/false as plain scalars, null as a YAML null. */
static void scalar(struct farley_scalar *sc, const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;
	int plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	memset(sc, 0, sizeof(*sc));
	sc->plain = plain;
	sc->s = plain && !strcmp(v, "null") ? NULL
					   : xstrndup(v, ev->data.scalar.length);
}

/* Money and probabilities are stored as farley writes them. */
static void normalise(enum farley_kind kind, const char *key,
		      struct farley_scalar *sc)
{
	const struct farley_fielddef *d = farley_schema_field(kind, key);
	struct strbuf sb = STRBUF_INIT;
	int64_t cents;
	int32_t m;
	if (!sc->s)
		return;
	if (d->type == FT_MONEY && !farley_money_parse(sc->s, &cents))
		farley_money_format_file(&sb, cents);
	else if (d->type == FT_PROB && !farley_prob_parse(sc->s, &m))
		farley_prob_format(&sb, m);
	if (sb.len) {
		free(sc->s);
		sc->s = strbuf_detach(&sb, NULL);
	}
	if (d->type != FT_CUSTOM)
		sc->plain = 0;
	strbuf_release(&sb);
}

/* The value after a field's key. */
static int value(struct reader *rd, struct farley_field *f, enum farley_kind kind)
{
	yaml_event_t ev;
	int ret;
	size_t alloc = 0;
	if ((ret = next(rd, &ev)))
		return ret;
	if (ev.type == YAML_SCALAR_EVENT) {
		f->type = FARLEY_V_SCALAR;
		scalar(&f->v, &ev);
		normalise(kind, f->key, &f->v);
		yaml_event_delete(&ev);
		return 0;
	}
	if (ev.type != YAML_SEQUENCE_START_EVENT && ev.type != YAML_MAPPING_START_EVENT) {
		ret = syntax(rd, ev.start_mark, "unexpected value");
		yaml_event_delete(&ev);
		return ret;
	}
	f->type = ev.type == YAML_SEQUENCE_START_EVENT ? FARLEY_V_LIST : FARLEY_V_MAP;
	yaml_event_delete(&ev);
	for (;;) {
		if ((ret = next(rd, &ev)))
			return ret;
		if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (ev.type != YAML_SCALAR_EVENT) {
			ret = syntax(rd, ev.start_mark, "a field holds a value, a list "
							"of values or a map of values");
			yaml_event_delete(&ev);
			return ret;
		}
		if (f->type == FARLEY_V_LIST) {
			ALLOC_GROW(f->items, f->nitems + 1, alloc);
			scalar(&f->items[f->nitems], &ev);
			normalise(kind, f->key, &f->items[f->nitems]);
			f->nitems++;
		} else {
			struct farley_field sub = { 0 };
			yaml_event_t v;
			sub.key = xstrndup((const char *)ev.data.scalar.value,
					   ev.data.scalar.length);
			sub.type = FARLEY_V_SCALAR;
			if ((ret = next(rd, &v))) {
				free(sub.key);
				yaml_event_delete(&ev);
				return ret;
			}
			if (v.type != YAML_SCALAR_EVENT) {
				ret = syntax(rd, v.start_mark, "unexpected value");
				free(sub.key);
				yaml_event_delete(&v);
				yaml_event_delete(&ev);
				return ret;
			}
			scalar(&sub.v, &v);
			yaml_event_delete(&v);
			ALLOC_GROW(f->sub, f->nsub + 1, alloc);
			f->sub[f->nsub++] = sub;
		}
		yaml_event_delete(&ev);
	}
	yaml_event_delete(&ev);
	return 0;
}

/* One record: the mapping whose start event was just read. */
static int record(struct reader *rd, yaml_mark_t start, farley_json_record_fn fn,
		  void *data)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_field *fields = NULL;
	size_t n = 0, alloc = 0;
	char where[64];
	char *kind = NULL;
	int ret = 0;
	for (;;) {
		yaml_event_t ev;
		struct farley_field f = { 0 };
		if ((ret = next(rd, &ev)))
			goto out;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			ret = syntax(rd, ev.start_mark, "a record's keys are field names");
			yaml_event_delete(&ev);
			goto out;
		}
		f.key = xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
		yaml_event_delete(&ev);
		if ((ret = value(rd, &f, r.kind))) {
			farley_field_release(&f);
			goto out;
		}
		if (!strcmp(f.key, "kind") || !strcmp(f.key, "id") || !strcmp(f.key, "path")) {
			char **to = !strcmp(f.key, "kind") ? &kind
				    : !strcmp(f.key, "id") ? &r.id : &r.path;
			if (f.type == FARLEY_V_SCALAR && f.v.s && !*to) {
				*to = f.v.s;
				f.v.s = NULL;
			}
			if (to == &kind && kind)
				r.kind = farley_kind_parse(kind);
			farley_field_release(&f);
			continue;
		}
		ALLOC_GROW(fields, n + 1, alloc);
		fields[n++] = f;
	}
	if (r.kind == FARLEY_NOKIND || !r.id) {
		ret = syntax(rd, start, "a record needs its kind and id");
		goto out;
	}
	/* the values were typed before the kind was known when it came late */
	for (size_t i = 0; i < n; i++) {
		if (fields[i].type == FARLEY_V_SCALAR)
			normalise(r.kind, fields[i].key, &fields[i].v);
		for (size_t j = 0; j < fields[i].nitems; j++)
			normalise(r.kind, fields[i].key, &fields[i].items[j]);
		farley_record_put(&r, &fields[i]);
	}
	n = 0;
	snprintf(where, sizeof(where), "%s:%d", rd->name,
		 rd->line_base + (int)start.line + 1);
	ret = fn(&r, where, data);
out:
	for (size_t i = 0; i < n; i++)
		farley_field_release(&fields[i]);
	free(fields);
	free(kind);
	farley_record_release(&r);
	return ret;
}

/* Every record of the parser's input: an array of records, or one. */
static int records(struct reader *rd, farley_json_record_fn fn, void *data)
{
	int ret = 0, depth = 0;
	for (;;) {
		yaml_event_t ev;
		if ((ret = next(rd, &ev)))
			break;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_SEQUENCE_START_EVENT) {
			if (depth++) {
				ret = syntax(rd, ev.start_mark, "expected a record");
				yaml_event_delete(&ev);
				break;
			}
		} else if (ev.type == YAML_SEQUENCE_END_EVENT) {
			depth--;
		} else if (ev.type == YAML_MAPPING_START_EVENT) {
			yaml_mark_t m = ev.start_mark;
			yaml_event_delete(&ev);
			if ((ret = record(rd, m, fn, data)))
				break;
			continue;
		} else if (ev.type == YAML_SCALAR_EVENT || ev.type == YAML_ALIAS_EVENT) {
			ret = syntax(rd, ev.start_mark, "expected a record");
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
	}
	return ret;
}

int farley_json_records(FILE *in, const char *name, farley_json_record_fn fn,
			void *data, struct farley_error *err)
{
	struct reader rd;
	int ret = 0, c;
	memset(&rd, 0, sizeof(rd));
	rd.name = name;
	rd.err = err;
	while ((c = getc(in)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		if (c == '\n')
			rd.line_base++;
	if (c == EOF)
		return 0;
	ungetc(c, in);
	if (c == '[') {
		/* an array, streamed: libyaml reads it event by event */
		yaml_parser_initialize(&rd.p);
		yaml_parser_set_input_file(&rd.p, in);
		ret = records(&rd, fn, data);
		yaml_parser_delete(&rd.p);
		return ret;
	}
	/* ndjson: a record a line (several documents are not YAML) */
	{
		char *line = NULL;
		size_t cap = 0;
		ssize_t len;
		while (!ret && (len = getline(&line, &cap, in)) >= 0) {
			yaml_parser_initialize(&rd.p);
			yaml_parser_set_input_string(&rd.p, (const unsigned char *)line,
						     (size_t)len);
			ret = records(&rd, fn, data);
			yaml_parser_delete(&rd.p);
			rd.line_base++;
		}
		free(line);
	}
	return ret;
}
