/* import.c: farley import FORMAT FILE -- bring records in from other
 * tools' files, in one commit. */
#include "import.h"
#include "farley/index.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const usage[] = {
	"farley import csv FILE [--kind K] [--map COLUMN=FIELD...] [--encoding E] "
	"[--dry-run] [--update] [--skip-bad]",
	"farley import vcard FILE [--dry-run] [--update] [--skip-bad]",
	"farley import mbox FILE|MAILDIR [--me ADDRESS...] [--create-contacts] "
	"[--dry-run]",
	"farley import json FILE [--dry-run] [--update] [--skip-bad]",
	NULL,
};

static const struct {
	const char *name;
	int (*read)(struct import_run *run);
} formats[] = {
	{ "csv", import_csv },
	{ "vcard", import_vcard },
	{ "mbox", import_mbox },
	{ "json", import_json },
};

int import_settle(struct import_run *run, int ret, struct farley_error *err)
{
	if (!ret)
		return 0;
	if (ret != FARLEY_EINVAL) {
		report(err);
		return -1;
	}
	run->bad++;
	fprintf(stderr, "farley: %s: %s\n", run->skip_bad ? "skipped" : "error",
		err->msg);
	farley_error_clear(err);
	return 0;
}

int import_take(struct import_run *run, const struct farley_import_row *row)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	return import_settle(run, farley_import_row(run->im, row, &err), &err);
}

void import_progress(struct import_run *run, size_t done, size_t total)
{
	static int shown;
	(void)run;
	if (!isatty(STDERR_FILENO))
		return;
	if (total)
		fprintf(stderr, "\rfarley: importing %3d%%", (int)(done * 100 / total));
	else
		fprintf(stderr, "\rfarley: importing %zu", done);
	shown = 1;
	if (total && done >= total && shown) {
		fputc('\n', stderr);
		shown = 0;
	}
	fflush(stderr);
}

static const char *action_name(enum farley_import_action a)
{
	switch (a) {
	case FARLEY_IMPORT_ADD: return "add";
	case FARLEY_IMPORT_UPDATE: return "update";
	case FARLEY_IMPORT_SAME: return "same";
	default: return "skip";
	}
}

/* --dry-run: the plan, one row per input row, through the emitter. */
static int show_plan(struct farley_ctx *ctx, struct farley_import *im)
{
	static const char *const cols[] = { "where", "action", "kind", "id",
					    "detail", NULL };
	struct farley_node *list = farley_node_new(FARLEY_N_LIST, NULL);
	size_t n;
	const struct farley_import_plan *p = farley_import_plan(im, &n);
	int ret;
	for (size_t i = 0; i < n; i++) {
		struct farley_node *m = farley_node_add(list, NULL,
							farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(m, "where", p[i].where);
		farley_node_add_str(m, "action", action_name(p[i].action));
		farley_node_add_str(m, "kind", farley_kind_name(p[i].kind));
		farley_node_add(m, "id", p[i].id ? farley_node_new(FARLEY_N_STR, p[i].id)
					     : farley_node_new(FARLEY_N_NULL, NULL));
		farley_node_add(m, "detail",
				p[i].detail ? farley_node_new(FARLEY_N_STR, p[i].detail)
					    : farley_node_new(FARLEY_N_NULL, NULL));
	}
	ret = emit(ctx, list, cols, 0);
	farley_node_free(list);
	return ret;
}

static void summary_line(struct strbuf *sb, const char *what,
			 const struct farley_import_summary *s)
{
	strbuf_addf(sb, "%s: %zu added, %zu updated, %zu skipped", what, s->added,
		    s->updated, s->skipped);
	if (s->unchanged)
		strbuf_addf(sb, ", %zu unchanged", s->unchanged);
	if (s->companies_added)
		strbuf_addf(sb, ", %zu compan%s created", s->companies_added,
			    s->companies_added == 1 ? "y" : "ies");
	if (s->bad)
		strbuf_addf(sb, ", %zu bad", s->bad);
}

int cmd_import(int argc, char **argv, struct farley_ctx *ctx)
{
	struct import_args a = { 0 };
	int dry_run = 0, update = 0, skip_bad = 0;
	const struct option opts[] = {
		{ OPT_BOOL, 'n', "dry-run", &dry_run, NULL,
		  "show what would be done, change nothing" },
		{ OPT_BOOL, 'u', "update", &update, NULL,
		  "also change fields of matched records (default: only fill gaps)" },
		{ OPT_BOOL, 0, "skip-bad", &skip_bad, NULL,
		  "import the good rows when some are bad (default: nothing)" },
		{ OPT_STRING, 'k', "kind", &a.kind, "K",
		  "csv: what each row is (default contact)" },
		{ OPT_LIST, 'm', "map", &a.map, "COLUMN=FIELD",
		  "csv: read COLUMN into FIELD (repeatable)" },
		{ OPT_STRING, 0, "encoding", &a.encoding, "E",
		  "csv: the file's character set (default: detected)" },
		{ OPT_LIST, 0, "me", &a.me, "ADDRESS",
		  "mbox: one of my addresses, besides user.email (repeatable)" },
		{ OPT_BOOL, 0, "create-contacts", &a.create_contacts, NULL,
		  "mbox: create contacts for unknown correspondents" },
		OPT_END_(),
	};
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_import_opts io = { 0 };
	struct farley_import_summary sum;
	struct import_run run = { 0 };
	struct farley_txn *txn = NULL;
	struct strbuf what = STRBUF_INIT, line = STRBUF_INIT;
	char *owner = NULL, *author = NULL;
	size_t nfiles = 0;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1;
	int (*read)(struct import_run *) = NULL;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n != 2)
		return usage_error(usage, n ? "which file?" : "which format and file?");
	for (size_t i = 0; i < sizeof(formats) / sizeof(*formats); i++)
		if (!strcmp(formats[i].name, argv[1]))
			read = formats[i].read;
	if (!read)
		return usage_error(usage, "unknown format '%s' (csv, vcard, mbox, json)",
				   argv[1]);
	a.format = argv[1];
	a.file = argv[2];
	a.body_max = 64 * 1024;
	run.ctx = ctx;
	run.args = &a;
	run.skip_bad = skip_bad;

	if (begin_write(ctx, &txn, &err))
		goto out;
	owner = farley_repo_default_owner(ctx->repo);
	author = farley_repo_author_email(ctx->repo);
	io.update = update;
	io.create_contacts = a.create_contacts;
	io.owner = owner;
	io.author = author;
	if (farley_import_begin(&run.im, ctx->repo, ctx->index, &io, &err))
		goto out;
	if ((ret = read(&run)))
		goto out;
	ret = 1;
	farley_import_summary(run.im, &sum);
	/* bad rows the reader could not even hand over count too */
	sum.bad = run.bad;
	strbuf_addf(&what, "import %s %s", a.format,
		    !strcmp(a.file, "-") ? "(standard input)" : a.file);
	summary_line(&line, what.buf, &sum);
	if (run.bad && !skip_bad && !dry_run) {
		farley_error_set(&err, FARLEY_EINVAL,
				 "%zu bad row%s: nothing imported (--skip-bad imports "
				 "the rest)",
				 run.bad, run.bad == 1 ? "" : "s");
		goto out;
	}
	if (dry_run) {
		if (show_plan(ctx, run.im))
			goto out;
		fprintf(stderr, "%s (dry run: nothing written)\n", line.buf);
		ret = run.bad && !skip_bad ? 1 : 0;
		goto out;
	}
	if (farley_import_stage(run.im, txn, &nfiles, &err) ||
	    (nfiles && finish_write(ctx, txn, line.buf, &err)))
		goto out;
	if (!ctx->quiet)
		fprintf(stderr, "%s\n", line.buf);
	ret = 0;
out:
	farley_txn_end(txn);
	farley_import_free(run.im);
	free((void *)a.map.items);
	free((void *)a.me.items);
	strbuf_release(&what);
	strbuf_release(&line);
	free(owner);
	free(author);
	return ret == 1 && err.code ? report(&err) : ret;
}
