/* report.c: farley report NAME -- analytics, and one self-contained HTML
 * page with inline SVG charts (built by the library, written here). */
#include "chart.h"
#include "farley/date.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"farley report NAME [ID] [--owner O] [--from D] [--to D] [--as-of DATE] [--days N] [--output FILE]",
	NULL,
};

/* --help (not --list-options) among the options, before any "--". */
static int wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
		if (!strcmp(argv[i], "--list-options"))
			return 0;
	}
	return 0;
}

/* After the options, --help lists the reports from the library's table. */
static void list_reports(void)
{
	fputs("\nreports:\n", stdout);
	for (const struct farley_report_def *r = farley_reports; r->name; r++)
		printf("    %-26s%s\n", r->name, r->summary);
}

/* A page report (html), written whole once it is complete: to stdout, or
 * to the file output (nothing is written when the page fails). */
static int write_page(const struct farley_report_def *def, struct farley_snapshot *s,
		      const struct farley_report_opts *o, const char *output)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct strbuf page = STRBUF_INIT;
	FILE *out = stdout;
	int ret = 0;
	if (def->page(s, o, &page, &err)) {
		ret = report(&err);
	} else if (output && !(out = fopen(output, "w"))) {
		fprintf(stderr, "farley: error: cannot write '%s': %s\n", output,
			strerror(errno));
		ret = 1;
	} else if (fwrite(page.buf, 1, page.len, out) != page.len ||
		   (output && fclose(out))) {
		fprintf(stderr, "farley: error: cannot write '%s'\n",
			output ? output : "the output");
		ret = 1;
	}
	strbuf_release(&page);
	return ret;
}

/* A map of scalars only (velocity): one figure a line, in words, money
 * with its currency, rates in per cent, days as days. */
static int show_figures(struct farley_ctx *ctx, const struct farley_node *doc)
{
	const struct farley_node *cur = farley_node_get(doc, "currency");
	const char *c = cur && cur->text ? cur->text : "";
	struct farley_node *lines = farley_node_new(FARLEY_N_MAP, NULL);
	int ret;
	for (size_t i = 0; i < doc->n; i++) {
		const struct farley_node *k = doc->kids[i];
		const char *t = k->text ? k->text : "";
		struct strbuf label = STRBUF_INIT, value = STRBUF_INIT;
		size_t len = strlen(k->key);
		strbuf_addstr(&label, k->key);
		for (size_t j = 0; j < label.len; j++)
			if (label.buf[j] == '_')
				label.buf[j] = ' ';
		if (!strcmp(k->key, "currency")) {
			strbuf_addstr(&value, t);
		} else if (len > 5 && !strcmp(k->key + len - 5, "_rate")) {
			/* a number under a "... rate" label: the table shows it
			 * in per cent, as every rate */
			farley_node_add(lines, label.buf, farley_node_new(FARLEY_N_NUM, t));
			strbuf_release(&label);
			continue;
		} else if (len > 5 && !strcmp(k->key + len - 5, "_days")) {
			strbuf_setlen(&label, label.len - 5);
			strbuf_addf(&value, "%s days", t);
		} else if (!strcmp(k->key, "velocity_per_day")) {
			strbuf_setlen(&label, strlen("velocity"));
			strbuf_addf(&value, "%s %s a day", c, t);
		} else if (len > 6 && !strcmp(k->key + len - 6, "_value")) {
			strbuf_addf(&value, "%s %s", c, t);
		} else {
			strbuf_addstr(&value, t);
		}
		farley_node_add_str(lines, label.buf, value.buf);
		strbuf_release(&label);
		strbuf_release(&value);
	}
	ret = emit(ctx, lines, NULL, 1);
	farley_node_free(lines);
	return ret;
}

/* Table format: a list is one table; a map (stages, slips, velocity)
 * shows its first list as the main table, every other list and map under
 * its name, and its scalars as one "key  value" listing (keys in words,
 * rates in per cent) where they stand. */
static int show_table(struct farley_ctx *ctx, const struct farley_node *doc)
{
	struct farley_node *scalars = NULL;
	int ret = 0, only_scalars = 1;
	if (doc->type != FARLEY_N_MAP)
		return emit(ctx, doc, NULL, 0);
	for (size_t i = 0; i < doc->n; i++)
		only_scalars &= doc->kids[i]->type != FARLEY_N_LIST &&
				doc->kids[i]->type != FARLEY_N_MAP;
	if (only_scalars && doc->n)
		return show_figures(ctx, doc); /* velocity */
	for (size_t i = 0; i <= doc->n && !ret; i++) {
		const struct farley_node *k = i < doc->n ? doc->kids[i] : NULL;
		if (k && k->type != FARLEY_N_LIST && k->type != FARLEY_N_MAP) {
			struct farley_node *v;
			char *key = xstrdup(k->key);
			if (!scalars)
				scalars = farley_node_new(FARLEY_N_MAP, NULL);
			for (char *p = key; *p; p++)
				if (*p == '_')
					*p = ' ';
			v = farley_node_add(scalars, key, farley_node_new(k->type, k->text));
			if (k->currency)
				v->currency = xstrdup(k->currency);
			free(key);
			continue;
		}
		if (scalars) {
			ret = emit(ctx, scalars, NULL, 1);
			farley_node_free(scalars);
			scalars = NULL;
		}
		if (!k || ret)
			continue;
		if (k->type == FARLEY_N_LIST) {
			if (i && k->n)
				printf("\n%s\n", k->key);
			ret = k->n ? emit(ctx, k, NULL, 0) : 0;
		} else {
			printf("\n%s\n", k->key);
			ret = emit(ctx, k, NULL, 1);
		}
	}
	farley_node_free(scalars);
	return ret;
}

int cmd_report(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *owner = NULL, *from = NULL, *to = NULL, *as_of = NULL, *output = NULL;
	char *id = NULL;
	int days = 0;
	const struct option opts[] = {
		OPT_OWNER(&owner),
		OPT_FROM(&from),
		OPT_TO(&to),
		OPT_AS_OF(&as_of),
		{ OPT_INT, 'd', "days", &days, "N", "dormant: quiet for N days (default 90)" },
		{ OPT_STRING, 0, "output", &output, "FILE",
		  "html: write the page to FILE (a terminal gets none)" },
		OPT_END_(),
	};
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_report_opts o = { 0 };
	const struct farley_report_def *def;
	struct farley_snapshot *s = NULL;
	struct farley_node *doc = NULL;
	int help = wants_help(argc, argv);
	int n = parse_options(argc, argv, opts, usage, ctx), ret;

	if (n == -1 && help)
		list_reports();
	if (n < 0)
		return PARSE_EXIT(n);
	if (n != 1 && !(n == 2 && !strcmp(argv[1], "campaign"))) {
		return usage_error(usage, n ? "one report at a time" : "which report?");
	}
	if (from && farley_period_parse(from, 0, &o.from))
		return usage_error(usage, "--from '%s' is not a date, month or quarter", from);
	if (to && farley_period_parse(to, 1, &o.to))
		return usage_error(usage, "--to '%s' is not a date, month or quarter", to);
	o.owner = owner;
	o.days = days;
	def = farley_report_find(argv[1]);
	if (def && def->page && !output && ctx->tty)
		return usage_error(usage, "'report %s' writes a web page; give --output FILE "
				   "or redirect the output", argv[1]);
	if (output && !(def && def->page))
		return usage_error(usage, "--output FILE is for 'report html'");
	if (n == 2) {
		/* report campaign ID: one campaign, by id or prefix */
		struct farley_record r = FARLEY_RECORD_INIT;
		if (!find_record(ctx, argv[2], &r, &err) && r.kind == FARLEY_CAMPAIGN)
			o.id = id = xstrdup(r.id);
		else
			o.id = id = xstrdup(argv[2]);
		farley_error_clear(&err);
		farley_record_release(&r);
	}
	if ((ret = report_snapshot(ctx, as_of, &s))) {
		free(id);
		return ret;
	}
	if (!as_of)
		warn_unreadable(ctx, FARLEY_NOKIND);
	if (def && def->page) {
		ret = write_page(def, s, &o, output);
	} else if (farley_report_named(s, argv[1], &o, &doc, &err)) {
		ret = report(&err); /* an unknown name too: the error lists them */
	} else {
		ret = ctx->format == FARLEY_FMT_TABLE ? show_table(ctx, doc)
						      : emit_report(ctx, doc);
	}
	farley_node_free(doc);
	farley_snapshot_free(s);
	free(id);
	return ret;
}
