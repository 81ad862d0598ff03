/* common.c: option parsing, messages and the helpers writing commands
 * share (looking records up, assignments, saving a record). */
#include "cmds.h"
#include "farley/ids.h"
#include "farley/date.h"
#include "farley/index.h"
#include "farley/yamlrec.h"

#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *format_arg;
static const char *color_arg;
static int quiet_arg = -1;
static int no_commit_arg = -1;
static int no_header_arg = -1;
static int no_pager_arg = -1;
static const char *template_arg;

#define FORMATS "table|tsv|csv|json|ndjson|yaml|ids"

static const struct option global_options[] = {
	{ OPT_KEYWORD, 0, "format", &format_arg, FORMATS, "how to print the output" },
	{ OPT_KEYWORD, 0, "color", &color_arg, "auto|always|never",
	  "colour on a terminal (auto), always or never" },
	{ OPT_BOOL, 'q', "quiet", &quiet_arg, NULL, "say less" },
	{ OPT_BOOL, 0, "no-commit", &no_commit_arg, NULL,
	  "stage changes in git's index instead of committing" },
	{ OPT_STRING, 0, "template", &template_arg, "T",
	  "print each row as T: {field}, \\t, \\n (see farley(1))" },
	{ OPT_BOOL, 0, "no-header", &no_header_arg, NULL,
	  "tables, tsv and csv without the header line" },
	{ OPT_BOOL, 0, "no-pager", &no_pager_arg, NULL,
	  "never page the output on a terminal" },
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
			strbuf_addf(&sb, "%s%s", o->type == OPT_KEYWORD ? "=" : " ",
				    o->argh ? o->argh : "VALUE");
		if (sb.len < 30) {
			strbuf_addchars(&sb, ' ', 30 - sb.len);
		} else {
			strbuf_addch(&sb, '\n');
			strbuf_addchars(&sb, ' ', 30);
		}
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
	case OPT_KEYWORD: {
		size_t len = strlen(arg);
		for (const char *w = o->argh; w && *w;) {
			const char *bar = strchr(w, '|');
			size_t wl = bar ? (size_t)(bar - w) : strlen(w);
			if (wl == len && !strncmp(w, arg, len)) {
				*(const char **)o->value = arg;
				return 0;
			}
			w = bar ? bar + 1 : w + wl;
		}
		{
			struct strbuf words = STRBUF_INIT;
			for (const char *w = o->argh; *w; w++) {
				if (*w != '|')
					strbuf_addch(&words, *w);
				else
					strbuf_addstr(&words, strchr(w + 1, '|') ? ", " : " or ");
			}
			usage_error(NULL, "option '--%s' takes %s, not '%s'",
				    o->long_name, words.buf, arg);
			strbuf_release(&words);
		}
		(void)usage;
		(void)name;
		return 2;
	}
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

/* Parse the option at argv[*i] against table: 1 parsed, 0 not in the
 * table, -2 usage error. */
static int parse_one(const struct option *table, int argc, char **argv, int *i,
		     const char *const *usage)
{
	char *a = argv[*i];
	const struct option *o;
	if (!table || a[0] != '-' || !a[1])
		return 0;
	if (a[1] == '-') {
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		int neg = 0;
		o = find_long(table, name, len);
		if (!o && len > 3 && !strncmp(name, "no-", 3)) {
			o = find_long(table, name + 3, len - 3);
			if (o && o->type != OPT_BOOL)
				o = NULL;
			neg = 1;
		}
		if (!o)
			return 0;
		if (o->type == OPT_BOOL) {
			if (eq)
				return usage_error(usage, "option '--%s' takes no value",
						   o->long_name) ? -2 : -2;
			set_value(o, NULL, neg, usage, a);
			return 1;
		}
		if (!eq && *i + 1 >= argc)
			return usage_error(usage, "option '--%s' needs a value",
					   o->long_name) ? -2 : -2;
		return set_value(o, eq ? eq + 1 : argv[++*i], 0, usage, a) ? -2 : 1;
	}
	/* short options, possibly bundled: -q, -mTEXT, -m TEXT; the first
	 * letter decides which table the word belongs to */
	if (!find_short(table, a[1]))
		return 0;
	for (char *p = a + 1; *p; p++) {
		o = find_short(table, *p);
		if (!o)
			return usage_error(usage, "unknown option '-%c'", *p) ? -2 : -2;
		if (o->type == OPT_BOOL) {
			set_value(o, NULL, 0, usage, a);
			continue;
		}
		if (p[1])
			return set_value(o, p + 1, 0, usage, a) ? -2 : 1;
		if (*i + 1 < argc)
			return set_value(o, argv[++*i], 0, usage, a) ? -2 : 1;
		return usage_error(usage, "option '-%c' needs a value", *p) ? -2 : -2;
	}
	return 1;
}

int parse_global_option(int argc, char **argv, int *i, struct farley_ctx *ctx)
{
	int r = parse_one(global_options, argc, argv, i, NULL);
	(void)ctx;
	return r;
}

void finish_globals(struct farley_ctx *ctx)
{
	if (format_arg)
		ctx->format = (enum farley_format)farley_format_parse(format_arg);
	if (color_arg)
		ctx->color_when = color_arg;
	if (quiet_arg >= 0)
		ctx->quiet = quiet_arg;
	if (no_commit_arg >= 0)
		ctx->no_commit = no_commit_arg;
	if (no_header_arg >= 0)
		ctx->no_header = no_header_arg;
	if (no_pager_arg >= 0)
		ctx->no_pager = no_pager_arg;
	if (template_arg) {
		ctx->template = template_arg;
		ctx->format = FARLEY_FMT_TEMPLATE;
	}
	if (!color_arg && ctx->repo) {
		/* git config farley.color: the default for --color */
		char *c = farley_repo_config_str(ctx->repo, "farley.color");
		if (c && (!strcmp(c, "always") || !strcmp(c, "never") ||
			  !strcmp(c, "auto")))
			ctx->color_when = !strcmp(c, "always") ? "always"
					  : !strcmp(c, "never") ? "never" : "auto";
		else if (c && (!strcmp(c, "true") || !strcmp(c, "false")))
			ctx->color_when = !strcmp(c, "true") ? "auto" : "never";
		else if (c)
			warning("git config farley.color is '%s', not auto, always or never", c);
		free(c);
	}
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
}

int parse_options(int argc, char **argv, const struct option *opts,
		  const char *const *usage, struct farley_ctx *ctx)
{
	int out = 1, only_args = 0;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		int r;
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
		r = parse_one(opts, argc, argv, &i, usage);
		if (!r)
			r = parse_one(global_options, argc, argv, &i, usage);
		if (r < 0)
			return -2;
		if (!r)
			return usage_error(usage, "unknown option '%s'", a) ? -2 : -2;
	}
	argv[out] = NULL;
	for (const struct option *o = opts; o && o->type != OPT_END; o++)
		if (o->type == OPT_STRING && !strcmp(o->long_name, "fields") &&
		    *(const char **)o->value)
			ctx->fields_chosen = 1;
	finish_globals(ctx);
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

static int emit_as_is(struct farley_ctx *ctx, const struct farley_node *doc,
		      const char *const *columns, int vertical);

/* csv and tsv write money as a plain number, so a list of records whose
 * default columns hold money (ls deals) gets a "currency" column after
 * the first of them (--fields gives exactly what it names): each row lacking the key gets
 * the money's currency under it for the time of the write (added at its
 * end, and marked in *added so emit() takes it off again).  Returns the
 * new columns (the caller frees them and *added) or NULL when nothing is
 * to be done. */
static const char **add_currency(struct farley_node *doc, const char *const *columns,
				 char **added)
{
	const char **cols;
	size_t n = 0, at = 0;
	const char *found = NULL;
	if (!columns || doc->type != FARLEY_N_LIST)
		return NULL;
	for (; columns[n]; n++)
		if (!strcmp(columns[n], "currency"))
			return NULL;
	for (size_t c = 0; c < n && !found; c++)
		for (size_t r = 0; r < doc->n && !found; r++) {
			const struct farley_node *v = farley_node_get(doc->kids[r], columns[c]);
			if (v && v->type == FARLEY_N_MONEY) {
				found = columns[c];
				at = c + 1;
			}
		}
	if (!found)
		return NULL;
	cols = xcalloc(n + 2, sizeof(*cols));
	for (size_t c = 0, k = 0; c <= n; c++) {
		if (c == at)
			cols[k++] = "currency";
		if (c < n)
			cols[k++] = columns[c];
	}
	*added = xcalloc(doc->n + 1, 1);
	for (size_t r = 0; r < doc->n; r++) {
		struct farley_node *row = doc->kids[r];
		const struct farley_node *v = farley_node_get(row, found);
		if (row->type != FARLEY_N_MAP || farley_node_get(row, "currency"))
			continue;
		farley_node_add_str(row, "currency", v ? v->currency : NULL);
		(*added)[r] = 1;
	}
	return cols;
}

int emit(struct farley_ctx *ctx, const struct farley_node *doc,
	 const char *const *columns, int vertical)
{
	struct farley_node *list = (struct farley_node *)doc; /* put back as it was */
	const char **with_currency = NULL;
	char *added = NULL;
	int ret;
	if ((ctx->format == FARLEY_FMT_CSV || ctx->format == FARLEY_FMT_TSV) && !vertical &&
	    !ctx->fields_chosen)
		with_currency = add_currency(list, columns, &added);
	ret = emit_as_is(ctx, doc, with_currency ? with_currency : columns, vertical);
	for (size_t r = 0; added && r < list->n; r++)
		if (added[r]) {
			struct farley_node *row = list->kids[r];
			farley_node_free(row->kids[--row->n]);
		}
	free(with_currency);
	free(added);
	return ret;
}

static int emit_as_is(struct farley_ctx *ctx, const struct farley_node *doc,
		      const char *const *columns, int vertical)
{
	struct farley_emit_opts o = { 0 };
	o.format = ctx->format;
	o.color = ctx->color;
	o.tty = ctx->tty;
	o.width = ctx->width;
	o.columns = columns;
	o.vertical = vertical;
	o.no_header = ctx->no_header;
	o.template = ctx->template;
	if (ctx->tty && !ctx->no_relative)
		o.today = farley_today();
	if (ctx->template) {
		struct farley_error err = FARLEY_ERROR_INIT;
		if (farley_template_check(doc, ctx->template, &err))
			return report(&err);
	}
	if (farley_emit(stdout, doc, &o)) {
		fprintf(stderr, "farley: error: cannot write output\n");
		return 1;
	}
	return 0;
}

void warn_unreadable(struct farley_ctx *ctx, enum farley_kind kind)
{
	static int warned;
	size_t invalid;
	if (warned || ctx->quiet || !ctx->index)
		return;
	invalid = farley_index_invalid(ctx->index, kind);
	if (!invalid)
		return;
	warned = 1;
	warning("%zu record file%s could not be read and %s left out; 'farley check' "
		"says why",
		invalid, invalid == 1 ? "" : "s", invalid == 1 ? "is" : "are");
}

void say_empty(struct farley_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	if (!ctx->tty || ctx->quiet || ctx->format != FARLEY_FMT_TABLE)
		return;
	fputs("farley: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int want_commit(struct farley_ctx *ctx)
{
	if (ctx->no_commit)
		return 0;
	return farley_repo_config_bool(ctx->repo, "farley.commit", 1);
}

/* Suggestions ------------------------------------------------------------ */

void many_files_hint(struct farley_ctx *ctx)
{
	unsigned long files;
	if (ctx->quiet || !farley_repo_wants_split_index(ctx->repo, &files))
		return;
	fprintf(stderr,
		"hint: git's index lists %lu files; each farley write (and git add)\n"
		"hint: rewrites all of it. git's settings for many files fix that:\n"
		"hint:   git config core.splitIndex true && git config core.untrackedCache true\n"
		"hint:   git update-index --split-index\n",
		files);
}

const char *did_you_mean(const char *word, const char *const *candidates)
{
	return farley_closest(word, candidates);
}

/* Split an editor command like git's core.editor ("code --wait", 'vim -c
 * "set tw=72"') into words: quotes and backslashes, no shell. */
char **split_command(const char *cmd, const char *file)
{
	char **argv = NULL;
	size_t n = 0, alloc = 0;
	struct strbuf word = STRBUF_INIT;
	int in_word = 0;
	char quote = 0;
	for (const char *p = cmd;; p++) {
		char c = *p;
		if (!c || (!quote && (c == ' ' || c == '\t'))) {
			if (in_word) {
				ALLOC_GROW(argv, n + 1, alloc);
				argv[n++] = strbuf_detach(&word, NULL);
				in_word = 0;
			}
			if (!c)
				break;
			continue;
		}
		in_word = 1;
		if (quote) {
			if (c == quote)
				quote = 0;
			else if (c == '\\' && quote == '"' && p[1])
				strbuf_addch(&word, *++p);
			else
				strbuf_addch(&word, c);
		} else if (c == '\'' || c == '"') {
			quote = c;
		} else if (c == '\\' && p[1]) {
			strbuf_addch(&word, *++p);
		} else {
			strbuf_addch(&word, c);
		}
	}
	ALLOC_GROW(argv, n + 2, alloc);
	if (file)
		argv[n++] = xstrdup(file);
	argv[n] = NULL;
	strbuf_release(&word);
	return argv;
}

/* Records -------------------------------------------------------------- */

struct farley_lookup ctx_lookup(struct farley_ctx *ctx)
{
	struct farley_lookup lk = { ctx->repo, ctx->index };
	return lk;
}

int find_record(struct farley_ctx *ctx, const char *prefix,
		struct farley_record *out, struct farley_error *err)
{
	struct farley_lookup lk = ctx_lookup(ctx);
	return farley_lookup_find(&lk, prefix, out, err);
}

struct farley_assign_env assign_env(struct farley_ctx *ctx,
				    struct farley_lookup *lk)
{
	struct farley_assign_env env = { farley_repo_config(ctx->repo),
					 farley_lookup_ref, lk };
	return env;
}

static int id_taken(void *data, const char *id)
{
	return farley_lookup_exists(data, id);
}

struct farley_create_env create_env(struct farley_ctx *ctx,
				    struct farley_lookup *lk, const char *owner,
				    const char *author)
{
	struct farley_create_env env = { 0 };
	env.cfg = farley_repo_config(ctx->repo);
	env.owner = owner;
	env.author = author;
	env.today = farley_today();
	env.exists = id_taken;
	env.data = lk;
	return env;
}

int apply_assignments(struct farley_ctx *ctx, struct farley_record *r,
		      char **args, int nargs, struct strbuf *desc,
		      struct farley_error *err)
{
	struct farley_lookup lk = ctx_lookup(ctx);
	struct farley_assign_env env = assign_env(ctx, &lk);
	const char *s = farley_record_str(r, "stage"), *c = farley_record_str(r, "close");
	char *stage = s ? xstrdup(s) : NULL, *close = c ? xstrdup(c) : NULL;
	int ret = 0;
	for (int i = 0; i < nargs && !ret; i++) {
		struct farley_assign a;
		if (farley_assign_parse(args[i], &a)) {
			ret = farley_error_set(err, FARLEY_EUSAGE,
					       "'%s' is not FIELD=VALUE", args[i]);
			break;
		}
		ret = farley_assign_apply(&env, r, &a, desc, err);
		farley_assign_release(&a);
	}
	if (!ret) /* won or lost today, unless close= said when */
		farley_deal_closing(env.cfg, r, stage, close, farley_today(), desc);
	free(stage);
	free(close);
	return ret;
}

int emit_written(struct farley_ctx *ctx, const struct farley_record *r,
		 int show_id, struct farley_node *extra)
{
	struct farley_node *doc;
	int ret = 0;
	if (ctx->format != FARLEY_FMT_JSON && ctx->format != FARLEY_FMT_NDJSON &&
	    ctx->format != FARLEY_FMT_YAML) {
		farley_node_free(extra);
		if (show_id && printf("%s\n", r->id) < 0)
			return 1;
		return 0;
	}
	doc = farley_node_new(FARLEY_N_MAP, NULL);
	farley_node_add_str(doc, "id", r->id);
	farley_node_add_str(doc, "kind", farley_kind_name(r->kind));
	farley_node_add_str(doc, "path", r->path);
	if (extra)
		for (size_t i = 0; i < extra->n; i++) {
			farley_node_add(doc, NULL, extra->kids[i]);
			extra->kids[i] = NULL;
		}
	farley_node_free(extra);
	ret = emit(ctx, doc, NULL, 1);
	farley_node_free(doc);
	return ret;
}

static const char *crash_at, *pause_at;

void checkpoint(const char *name)
{
	static int read_env;
	if (!read_env) {
		crash_at = getenv("FARLEY_TEST_CRASH_AT");
		pause_at = getenv("FARLEY_TEST_PAUSE_AT");
		read_env = 1;
	}
	if (crash_at && !strcmp(crash_at, name))
		raise(SIGKILL);
	if (pause_at && !strcmp(pause_at, name)) {
		/* tests send signals here; announce that we got this far */
		fprintf(stderr, "farley: paused at %s\n", name);
		for (int i = 0; i < 600; i++)
			usleep(100000);
	}
}

/* Saving ----------------------------------------------------------------- */

int render_record(struct farley_ctx *ctx, struct farley_record *r,
		  const struct farley_record *orig, struct strbuf *text,
		  struct farley_error *err)
{
	int ret;
	strbuf_reset(text);
	if ((ret = farley_record_validate(r, farley_repo_config(ctx->repo), err)) ||
	    (ret = farley_record_check_input(r, orig, err)))
		return ret;
	if (orig && orig->text.len)
		return farley_yaml_edit(orig, r, text, err);
	farley_yaml_write(text, r);
	return 0;
}

int write_record(struct farley_ctx *ctx, struct farley_txn *txn,
		 struct farley_record *r, const struct farley_record *orig,
		 const char *message, struct farley_error *err)
{
	struct strbuf text = STRBUF_INIT;
	int ret = render_record(ctx, r, orig, &text, err);
	if (!ret)
		ret = farley_txn_put(txn, r->path, text.buf, text.len, err);
	if (!ret)
		ret = finish_write(ctx, txn, message, err);
	strbuf_release(&text);
	return ret;
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
	struct farley_index *idx = ctx->index;
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
	checkpoint("before-unlock");
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
