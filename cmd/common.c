/* common.c: option parsing, messages and the helpers writing commands
 * share (field assignments, ids, saving a record). */
#include "cmds.h"
#include "farley/config.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/index.h"
#include "farley/money.h"
#include "farley/yamlrec.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *format_arg;
static const char *color_arg;
static int quiet_arg = -1;
static int no_commit_arg = -1;

static const struct option global_options[] = {
	{ OPT_STRING, 0, "format", &format_arg, "FMT",
	  "table, tsv, csv, json, ndjson, yaml or ids" },
	{ OPT_STRING, 0, "color", &color_arg, "WHEN", "auto, always or never" },
	{ OPT_BOOL, 'q', "quiet", &quiet_arg, NULL, "say less" },
	{ OPT_BOOL, 0, "no-commit", &no_commit_arg, NULL,
	  "stage changes in git's index instead of committing" },
	OPT_END_(),
};

static void print_opts(FILE *out, const struct option *o)
{
	for (; o->type != OPT_END; o++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addstr(&sb, "    ");
		if (o->short_name)
			strbuf_addf(&sb, "-%c, ", o->short_name);
		else
			strbuf_addstr(&sb, "    ");
		strbuf_addf(&sb, "--%s", o->long_name);
		if (o->type != OPT_BOOL)
			strbuf_addf(&sb, " %s", o->argh ? o->argh : "VALUE");
		if (sb.len < 30)
			strbuf_addchars(&sb, ' ', 30 - sb.len);
		else
			strbuf_addch(&sb, ' ');
		fprintf(out, "%s%s\n", sb.buf, o->help);
		strbuf_release(&sb);
	}
}

void usage_with_options(FILE *out, const char *const *usage,
			const struct option *opts)
{
	for (int i = 0; usage[i]; i++)
		fprintf(out, "%s %s\n", i ? "   or:" : "usage:", usage[i]);
	if (opts && opts->type != OPT_END) {
		fputc('\n', out);
		print_opts(out, opts);
	}
	fputs("\nglobal options:\n", out);
	fputs("    -C DIR                    run as if started in DIR\n", out);
	print_opts(out, global_options);
}

static const struct option *find_long(const struct option *o, const char *name,
				      size_t len)
{
	for (; o->type != OPT_END; o++)
		if (strlen(o->long_name) == len && !strncmp(o->long_name, name, len))
			return o;
	return NULL;
}

static const struct option *find_short(const struct option *o, int c)
{
	for (; o->type != OPT_END; o++)
		if (o->short_name == c)
			return o;
	return NULL;
}

static int set_value(const struct option *o, const char *arg, int neg,
		     const char *const *usage, const char *name)
{
	switch (o->type) {
	case OPT_BOOL:
		*(int *)o->value = !neg;
		return 0;
	case OPT_STRING:
		*(const char **)o->value = arg;
		return 0;
	case OPT_INT: {
		char *end;
		long v = strtol(arg, &end, 10);
		if (!*arg || *end || v < 0 || v > 1000000000)
			return usage_error(usage, "option '%s' takes a number, not '%s'",
					   name, arg);
		*(int *)o->value = (int)v;
		return 0;
	}
	case OPT_LIST: {
		struct strlist *l = o->value;
		ALLOC_GROW(l->items, l->n + 1, l->alloc);
		l->items[l->n++] = arg;
		return 0;
	}
	default:
		return 0;
	}
}

static void list_options(const struct option *opts)
{
	const struct option *sets[] = { opts, global_options };
	for (int s = 0; s < 2; s++)
		for (const struct option *o = sets[s]; o && o->type != OPT_END; o++)
			printf("--%s%s\n", o->long_name, o->type == OPT_BOOL ? "" : "=");
}

static int apply_globals(struct farley_ctx *ctx, const char *const *usage)
{
	if (format_arg) {
		int f = farley_format_parse(format_arg);
		if (f < 0)
			return usage_error(usage,
					   "unknown format '%s' (table, tsv, csv, "
					   "json, ndjson, yaml, ids)",
					   format_arg);
		ctx->format = (enum farley_format)f;
	}
	if (color_arg) {
		if (strcmp(color_arg, "auto") && strcmp(color_arg, "always") &&
		    strcmp(color_arg, "never"))
			return usage_error(usage,
					   "--color takes auto, always or never, "
					   "not '%s'",
					   color_arg);
		ctx->color_when = color_arg;
	}
	if (quiet_arg >= 0)
		ctx->quiet = quiet_arg;
	if (no_commit_arg >= 0)
		ctx->no_commit = no_commit_arg;
	if (ctx->format == FARLEY_FMT_AUTO)
		ctx->format = ctx->tty ? FARLEY_FMT_TABLE : FARLEY_FMT_TSV;
	if (!strcmp(ctx->color_when, "always"))
		ctx->color = 1;
	else if (!strcmp(ctx->color_when, "never"))
		ctx->color = 0;
	else {
		const char *term = getenv("TERM");
		ctx->color = ctx->tty && !getenv("NO_COLOR") &&
			     !(term && !strcmp(term, "dumb"));
	}
	return 0;
}

int parse_options(int argc, char **argv, const struct option *opts,
		  const char *const *usage, struct farley_ctx *ctx)
{
	int out = 1, only_args = 0;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		const struct option *o;
		if (only_args || a[0] != '-' || !a[1]) {
			argv[out++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage_with_options(stdout, usage, opts);
			return -1;
		}
		if (!strcmp(a, "--list-options")) {
			list_options(opts);
			return -1;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			int neg = 0;
			o = opts ? find_long(opts, name, len) : NULL;
			if (!o)
				o = find_long(global_options, name, len);
			if (!o && len > 3 && !strncmp(name, "no-", 3)) {
				o = opts ? find_long(opts, name + 3, len - 3) : NULL;
				if (!o)
					o = find_long(global_options, name + 3, len - 3);
				if (o && o->type != OPT_BOOL)
					o = NULL;
				neg = 1;
			}
			if (!o)
				return usage_error(usage, "unknown option '%s'", a) ? -2 : -2;
			if (o->type == OPT_BOOL) {
				if (eq)
					return usage_error(usage,
							   "option '--%s' takes no value",
							   o->long_name) ? -2 : -2;
				set_value(o, NULL, neg, usage, a);
				continue;
			}
			if (!eq && i + 1 >= argc)
				return usage_error(usage, "option '--%s' needs a value",
						   o->long_name) ? -2 : -2;
			if (set_value(o, eq ? eq + 1 : argv[++i], 0, usage, a))
				return -2;
			continue;
		}
		/* short options, possibly bundled: -q, -mTEXT, -m TEXT */
		for (char *p = a + 1; *p; p++) {
			o = opts ? find_short(opts, *p) : NULL;
			if (!o)
				o = find_short(global_options, *p);
			if (!o) {
				return usage_error(usage, "unknown option '-%c'", *p) ? -2 : -2;
			}
			if (o->type == OPT_BOOL) {
				set_value(o, NULL, 0, usage, a);
				continue;
			}
			if (p[1]) {
				if (set_value(o, p + 1, 0, usage, a))
					return -2;
			} else if (i + 1 < argc) {
				if (set_value(o, argv[++i], 0, usage, a))
					return -2;
			} else {
				return usage_error(usage, "option '-%c' needs a value",
						   *p) ? -2 : -2;
			}
			break;
		}
	}
	argv[out] = NULL;
	if (apply_globals(ctx, usage))
		return -2;
	return out - 1;
}

/* Messages ------------------------------------------------------------ */

int report(struct farley_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	int status = err->code == FARLEY_EUSAGE ? 2 : 1;
	if (err->path) {
		strbuf_addstr(&sb, err->path);
		if (err->line)
			strbuf_addf(&sb, ":%d:%d", err->line, err->col ? err->col : 1);
		strbuf_addstr(&sb, ": ");
	}
	strbuf_addstr(&sb, err->msg ? err->msg : "failed");
	fprintf(stderr, "farley: error: %s\n", sb.buf);
	strbuf_release(&sb);
	farley_error_clear(err);
	return status;
}

int usage_error(const char *const *usage, const char *fmt, ...)
{
	va_list ap;
	fputs("farley: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (usage)
		for (int i = 0; usage[i]; i++)
			fprintf(stderr, "%s %s\n", i ? "   or:" : "usage:", usage[i]);
	return 2;
}

void warning(const char *fmt, ...)
{
	va_list ap;
	fputs("farley: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void say(struct farley_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	if (ctx->quiet)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

int emit(struct farley_ctx *ctx, const struct farley_node *doc,
	 const char *const *columns, int vertical)
{
	struct farley_emit_opts o = { 0 };
	o.format = ctx->format;
	o.color = ctx->color;
	o.tty = ctx->tty;
	o.width = ctx->width;
	o.columns = columns;
	o.vertical = vertical;
	if (farley_emit(stdout, doc, &o)) {
		fprintf(stderr, "farley: error: cannot write output\n");
		return 1;
	}
	return 0;
}

int want_commit(struct farley_ctx *ctx)
{
	if (ctx->no_commit)
		return 0;
	return farley_repo_config_bool(ctx->repo, "farley.commit", 1);
}

/* Assignments ---------------------------------------------------------- */

int assign_parse(const char *arg, struct assign *a)
{
	const char *eq = strchr(arg, '=');
	size_t klen;
	memset(a, 0, sizeof(*a));
	if (!eq || eq == arg)
		return -1;
	klen = (size_t)(eq - arg);
	a->op = ASSIGN_SET;
	if (eq[-1] == '+' || eq[-1] == '-') {
		a->op = eq[-1] == '+' ? ASSIGN_ADD : ASSIGN_DEL;
		klen--;
	}
	if (!klen)
		return -1;
	a->field = xstrndup(arg, klen);
	a->value = xstrdup(eq + 1);
	return 0;
}

void assign_release(struct assign *a)
{
	free(a->field);
	free(a->value);
	memset(a, 0, sizeof(*a));
}

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Check (and complete from a prefix) a reference to another record. */
static int check_ref(struct farley_ctx *ctx, const char *field, const char *v,
		     enum farley_kind want, char **out, struct farley_error *err)
{
	enum farley_kind kind;
	char *id = NULL, *path = NULL;
	int ret;
	if (!farley_id_valid(v))
		return farley_error_set(err, FARLEY_EINVAL,
					"%s: '%s' is not a valid id (lower-case "
					"letters, digits and '-')",
					field, v);
	ret = farley_repo_resolve_kind(ctx->repo, v, want, &kind, &id, &path, err);
	free(path);
	if (ret == FARLEY_ENOTFOUND && want != FARLEY_NOKIND &&
	    !farley_repo_resolve(ctx->repo, v, &kind, &id, &path, err)) {
		/* there is such a record, of another kind: say so */
		free(path);
		ret = farley_error_set(err, FARLEY_EINVAL,
				       "%s: '%s' is a %s, not a %s", field, id,
				       farley_kind_name(kind), farley_kind_name(want));
		free(id);
		return ret;
	}
	if (ret) {
		farley_error_prefix(err, "%s", field);
		return ret == FARLEY_ENOTFOUND ? FARLEY_EINVAL : ret;
	}
	if (want != FARLEY_NOKIND && kind != want) {
		ret = farley_error_set(err, FARLEY_EINVAL,
				       "%s: '%s' is a %s, not a %s", field, id,
				       farley_kind_name(kind), farley_kind_name(want));
		free(id);
		return ret;
	}
	*out = id;
	return 0;
}

/* Turn one value as typed on the command line into the value to store. */
static int normalize(struct farley_ctx *ctx, const char *field,
		     const struct farley_fielddef *d, const char *v, char **out,
		     struct farley_error *err)
{
	const char *why = "";
	enum farley_ftype t = d->type;
	if (t == FT_REF || t == FT_REFLIST)
		return check_ref(ctx, field, v, d->ref, out, err);
	if (t == FT_PHONES)
		t = FT_STRING;
	if (t == FT_MONEY) {
		int64_t cents;
		struct strbuf sb = STRBUF_INIT;
		if (farley_money_parse(v, &cents))
			goto bad;
		farley_money_format_file(&sb, cents);
		*out = strbuf_detach(&sb, NULL);
		return 0;
	}
	if (t == FT_PROB) {
		int32_t m;
		struct strbuf sb = STRBUF_INIT;
		if (farley_prob_parse(v, &m))
			goto bad;
		farley_prob_format(&sb, m);
		*out = strbuf_detach(&sb, NULL);
		return 0;
	}
	if (t == FT_DATE) {
		int32_t day;
		struct strbuf sb = STRBUF_INIT;
		if (farley_date_expr(v, &day))
			goto bad;
		farley_date_format(&sb, day);
		*out = strbuf_detach(&sb, NULL);
		return 0;
	}
	if (t != FT_CUSTOM && t != FT_TEXT &&
	    farley_value_check(t, v, farley_repo_config(ctx->repo), &why))
		goto bad;
	if (t == FT_CUSTOM && strchr(v, '\n') && 0)
		goto bad;
	*out = xstrdup(v);
	return 0;
bad:
	farley_value_check(t, v, farley_repo_config(ctx->repo), &why);
	return farley_error_set(err, FARLEY_EINVAL, "%s: '%s' %s", field, v, why);
}

static void describe_list(struct strbuf *desc, const struct farley_field *f)
{
	for (size_t i = 0; f && i < f->nitems; i++)
		strbuf_addf(desc, "%s%s", i ? "," : "", f->items[i].s);
}

static int list_has(const struct farley_field *f, const char *v)
{
	for (size_t i = 0; i < f->nitems; i++)
		if (f->items[i].s && !strcmp(f->items[i].s, v))
			return 1;
	return 0;
}

/* A scalar hand-written where a list belongs becomes a one-item list. */
static void as_list(struct farley_field *f)
{
	if (f->type != FARLEY_V_SCALAR)
		return;
	f->type = FARLEY_V_LIST;
	if (f->v.s) {
		f->items = xcalloc(1, sizeof(*f->items));
		f->items[0] = f->v;
		f->nitems = 1;
	}
	memset(&f->v, 0, sizeof(f->v));
}

static int assign_address(struct farley_ctx *ctx, struct farley_record *r,
			  const struct assign *a, const char *sub,
			  struct strbuf *desc, struct farley_error *err)
{
	struct farley_field *f = farley_record_get(r, "address");
	(void)ctx;
	if (a->op != ASSIGN_SET)
		return farley_error_set(err, FARLEY_EUSAGE,
					"'%s' is not a list: use '='", a->field);
	if (!farley_key_valid(sub))
		return farley_error_set(err, FARLEY_EUSAGE,
					"'%s' is not a valid field name", a->field);
	if (strchr(a->value, '\n'))
		return farley_error_set(err, FARLEY_EINVAL,
					"%s must be a single line", a->field);
	if (!f) {
		struct farley_field nf = { 0 };
		if (!*a->value)
			return 0;
		nf.key = xstrdup("address");
		nf.type = FARLEY_V_MAP;
		farley_record_put(r, &nf);
		f = farley_record_get(r, "address");
	}
	if (f->type != FARLEY_V_MAP)
		return farley_error_set(err, FARLEY_EINVAL, "address is not a mapping");
	for (size_t i = 0; i < f->nsub; i++) {
		if (strcmp(f->sub[i].key, sub))
			continue;
		if (!*a->value) {
			farley_field_release(&f->sub[i]);
			memmove(&f->sub[i], &f->sub[i + 1],
				(f->nsub - i - 1) * sizeof(*f->sub));
			f->nsub--;
			if (!f->nsub)
				farley_record_remove(r, "address");
			strbuf_addf(desc, "%s removed", a->field);
			return 0;
		}
		strbuf_addf(desc, "%s %s -> %s", a->field,
			    f->sub[i].v.s ? f->sub[i].v.s : "(none)", a->value);
		free(f->sub[i].v.s);
		f->sub[i].v.s = xstrdup(a->value);
		return 0;
	}
	if (!*a->value)
		return 0;
	f->sub = xrealloc(f->sub, (f->nsub + 1) * sizeof(*f->sub));
	memset(&f->sub[f->nsub], 0, sizeof(*f->sub));
	f->sub[f->nsub].key = xstrdup(sub);
	f->sub[f->nsub].type = FARLEY_V_SCALAR;
	f->sub[f->nsub].v.s = xstrdup(a->value);
	f->nsub++;
	strbuf_addf(desc, "%s %s", a->field, a->value);
	return 0;
}

int assign_apply(struct farley_ctx *ctx, struct farley_record *r,
		 const struct assign *a, struct strbuf *desc,
		 struct farley_error *err)
{
	const struct farley_fielddef *d;
	struct farley_field *f;
	int is_list, ret = 0;
	char *dot = strchr(a->field, '.');

	if (desc->len)
		strbuf_addstr(desc, ", ");
	if (dot && !strncmp(a->field, "address.", 8))
		return assign_address(ctx, r, a, dot + 1, desc, err);
	if (!farley_key_valid(a->field) || !strcmp(a->field, "id") ||
	    !strcmp(a->field, "kind") || !strcmp(a->field, "path"))
		return farley_error_set(err, FARLEY_EUSAGE,
					"'%s' is not a valid field name (lower-case "
					"letters, digits and _; not id, kind or path)",
					a->field);
	d = farley_schema_field(r->kind, a->field);
	f = farley_record_get(r, a->field);
	is_list = farley_ftype_is_list(d->type) ||
		  (d->type == FT_CUSTOM && f && f->type == FARLEY_V_LIST) ||
		  (d->type == FT_CUSTOM && !f && a->op == ASSIGN_ADD);
	if (d->type == FT_ADDRESS)
		return farley_error_set(err, FARLEY_EUSAGE,
					"set the address field by field: "
					"address.city=Berlin, address.street=...");
	if (a->op != ASSIGN_SET && !is_list)
		return farley_error_set(err, FARLEY_EUSAGE,
					"'%s' is not a list: use '='", a->field);
	if (a->op == ASSIGN_SET && !*a->value) {
		if (d->required)
			return farley_error_set(err, FARLEY_EINVAL,
						"'%s' is required and cannot be removed",
						a->field);
		if (f) {
			farley_record_remove(r, a->field);
			strbuf_addf(desc, "%s removed", a->field);
		}
		return 0;
	}
	if (!is_list) {
		char *v = NULL;
		if (d->type != FT_TEXT && d->type != FT_CUSTOM &&
		    strchr(a->value, '\n'))
			return farley_error_set(err, FARLEY_EINVAL,
						"%s must be a single line", a->field);
		if ((ret = normalize(ctx, a->field, d, a->value, &v, err)))
			return ret;
		if (f && f->type == FARLEY_V_SCALAR && f->v.s)
			strbuf_addf(desc, "%s %s -> %s", a->field, f->v.s, v);
		else
			strbuf_addf(desc, "%s %s", a->field, v);
		farley_record_set_str(r, a->field, v);
		free(v);
		return 0;
	}

	/* lists: comma-separated values */
	{
		struct farley_field nf = { 0 };
		char *copy = xstrdup(a->value), *tok, *save = NULL;
		size_t alloc = 0;
		if (f) {
			farley_field_copy(&nf, f);
			as_list(&nf);
			alloc = nf.nitems;
		} else {
			nf.key = xstrdup(a->field);
			nf.type = FARLEY_V_LIST;
		}
		if (a->op == ASSIGN_SET) {
			for (size_t i = 0; i < nf.nitems; i++)
				free(nf.items[i].s);
			nf.nitems = 0;
		}
		for (tok = strtok_r(copy, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			char *v = NULL, *t = trim(tok);
			if (!*t)
				continue;
			if (a->op == ASSIGN_DEL) {
				/* removal takes the value as stored (no lookups) */
				for (size_t i = 0; i < nf.nitems; i++)
					if (nf.items[i].s && !strcmp(nf.items[i].s, t)) {
						free(nf.items[i].s);
						memmove(&nf.items[i], &nf.items[i + 1],
							(nf.nitems - i - 1) *
								sizeof(*nf.items));
						nf.nitems--;
						break;
					}
				continue;
			}
			if ((ret = normalize(ctx, a->field, d, t, &v, err)))
				break;
			if (list_has(&nf, v)) {
				free(v);
				continue;
			}
			ALLOC_GROW(nf.items, nf.nitems + 1, alloc);
			memset(&nf.items[nf.nitems], 0, sizeof(*nf.items));
			nf.items[nf.nitems++].s = v;
		}
		free(copy);
		if (ret) {
			farley_field_release(&nf);
			return ret;
		}
		if (a->op == ASSIGN_SET) {
			strbuf_addf(desc, "%s = ", a->field);
			describe_list(desc, &nf);
		} else {
			strbuf_addf(desc, "%s %c%s", a->field,
				    a->op == ASSIGN_ADD ? '+' : '-', a->value);
		}
		if (!nf.nitems) {
			farley_field_release(&nf);
			farley_record_remove(r, a->field);
		} else {
			nf.flow = f ? f->flow : 0;
			farley_record_put(r, &nf);
		}
	}
	return 0;
}

/* Ids ------------------------------------------------------------------ */

char *new_id(struct farley_ctx *ctx, enum farley_kind kind, const char *name,
	     const char *hash_input)
{
	struct strbuf base = STRBUF_INIT, id = STRBUF_INIT;
	farley_slugify(&base, name, FARLEY_SLUG_MAX);
	if (base.len < 2) {
		strbuf_reset(&base);
		strbuf_addf(&base, "%c-", farley_kind_letter(kind));
		farley_hash_hex(&base, hash_input ? hash_input : name,
				strlen(hash_input ? hash_input : name), 6);
	}
	strbuf_addstr(&id, base.buf);
	for (int n = 2; farley_repo_id_exists(ctx->repo, id.buf); n++) {
		strbuf_reset(&id);
		strbuf_addf(&id, "%s-%d", base.buf, n);
	}
	strbuf_release(&base);
	return strbuf_detach(&id, NULL);
}

/* Saving ----------------------------------------------------------------- */

int render_record(struct farley_ctx *ctx, struct farley_record *r,
		  const struct farley_record *orig, struct strbuf *text,
		  struct farley_error *err)
{
	int ret;
	strbuf_reset(text);
	if ((ret = farley_record_validate(r, farley_repo_config(ctx->repo), err)))
		return ret;
	if (orig && orig->text.len)
		return farley_yaml_edit(orig, r, text, err);
	farley_yaml_write(text, r);
	return 0;
}

int begin_write(struct farley_ctx *ctx, struct farley_txn **txn,
		struct farley_error *err)
{
	return farley_txn_begin(ctx->repo, txn, err);
}

int finish_write(struct farley_ctx *ctx, struct farley_txn *txn,
		 const char *message, struct farley_error *err)
{
	int staged = !want_commit(ctx);
	int ret = farley_txn_commit(txn, message, staged, err);
	struct farley_index *idx = farley_repo_get_index(ctx->repo);
	if (!ret && staged && idx) {
		/* uncommitted: the index shows it at once, through its overlay */
		struct farley_error ierr = FARLEY_ERROR_INIT;
		size_t n;
		const char **paths = farley_txn_paths(txn, &n);
		if (farley_index_note_paths(idx, paths, n, &ierr))
			warning("%s (run 'farley index')", ierr.msg);
		farley_error_clear(&ierr);
		free(paths);
	}
	farley_crash_point("before-unlock");
	return ret;
}

void progress_bar(size_t done, size_t total, void *data)
{
	static int shown;
	(void)data;
	if (!isatty(STDERR_FILENO) || total < 1000)
		return;
	fprintf(stderr, "\rfarley: indexing %3d%% (%zu/%zu)", (int)(done * 100 / total),
		done, total);
	shown = 1;
	if (done == total && shown) {
		fputc('\n', stderr);
		shown = 0;
	}
	fflush(stderr);
}
