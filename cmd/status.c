/* status.c: farley status [--all | --owner O] -- the morning overview:
 * tasks overdue or due today, contacts to get back to, my deals closing
 * this month, stalled deals, and what teammates changed since my last
 * farley sync; each section short, with its count and the command that
 * shows it all.  What it shows is computed by farley_report_status(). */
#include "chart.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"farley status [--all | --owner O] [--limit N]",
	NULL,
};

/* What farley sync records: HEAD as it was before its last pull. */
#define SYNC_REF "refs/farley/before-sync"

static const char *const *section_columns(const char *key, int all)
{
	static const char *const tasks[] = { "due", "id", "name", "note", NULL };
	static const char *const tasks_all[] = { "due", "id", "name", "note", "owner", NULL };
	static const char *const contacts[] = { "id", "name", "note", NULL };
	static const char *const contacts_all[] = { "id", "name", "note", "owner", NULL };
	static const char *const closing[] = { "close", "id", "title", "stage", "value", NULL };
	static const char *const closing_all[] = { "close", "id", "title", "stage",
						   "value", "owner", NULL };
	static const char *const stalled[] = { "id", "title", "stage", "value", "note", NULL };
	static const char *const stalled_all[] = { "id", "title", "stage", "value",
						   "note", "owner", NULL };
	static const char *const changes[] = { "commit", "date", "author", "subject", NULL };
	static const char *const service[] = { "left", "id", "title", "priority", NULL };
	static const char *const service_all[] = { "left", "id", "title", "priority",
						   "owner", NULL };
	if (!strcmp(key, "service"))
		return all ? service_all : service;
	if (!strcmp(key, "tasks"))
		return all ? tasks_all : tasks;
	if (!strcmp(key, "contacts"))
		return all ? contacts_all : contacts;
	if (!strcmp(key, "closing"))
		return all ? closing_all : closing;
	if (!strcmp(key, "stalled"))
		return all ? stalled_all : stalled;
	return changes;
}

/* On a terminal: each section's title and count, its first items, and
 * the command that shows them all when some are left out. */
static int show_table(struct farley_ctx *ctx, struct farley_node *doc, int all)
{
	const struct farley_node *owner = farley_node_get(doc, "owner");
	int ret = 0;
	if (owner && owner->text)
		printf("Status for %s, %s\n", owner->text, farley_node_get(doc, "today")->text);
	else
		printf("Status for everyone, %s\n", farley_node_get(doc, "today")->text);
	for (size_t i = 0; i < doc->n && !ret; i++) {
		struct farley_node *sec = doc->kids[i], *items;
		long long count;
		if (sec->type != FARLEY_N_MAP)
			continue;
		items = farley_node_get(sec, "items");
		count = atoll(farley_node_get(sec, "count")->text);
		putchar('\n');
		if (!count) {
			printf("%s: none\n", farley_node_get(sec, "title")->text);
			continue;
		}
		printf(ctx->color ? "\033[1m%s: %lld\033[m\n" : "%s: %lld\n",
		       farley_node_get(sec, "title")->text, count);
		/* a short commit id on a terminal, as git log --oneline */
		for (size_t k = 0; k < items->n; k++) {
			struct farley_node *c = farley_node_get(items->kids[k], "commit");
			if (c && c->text && strlen(c->text) > 7)
				c->text[7] = '\0';
		}
		ret = emit(ctx, items, section_columns(sec->key, all), 0);
		if (!ret && (size_t)count > items->n)
			printf("... %lld more: %s\n", count - (long long)items->n,
			       farley_node_get(sec, "command")->text);
	}
	return ret;
}

/* tsv, csv, ndjson: one row per section, its count and command. */
static int show_rows(struct farley_ctx *ctx, const struct farley_node *doc)
{
	struct farley_node *rows = farley_node_new(FARLEY_N_LIST, NULL);
	int ret;
	for (size_t i = 0; i < doc->n; i++) {
		const struct farley_node *sec = doc->kids[i];
		struct farley_node *row;
		if (sec->type != FARLEY_N_MAP)
			continue;
		row = farley_node_add(rows, NULL, farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(row, "section", sec->key);
		farley_node_add(row, "count", farley_node_new(FARLEY_N_NUM,
					farley_node_get(sec, "count")->text));
		farley_node_add_str(row, "command", farley_node_get(sec, "command")->text);
	}
	ret = emit(ctx, rows, NULL, 0);
	farley_node_free(rows);
	return ret;
}

/* ids: the records of every section (the changes are commits, not
 * records), one a line. */
static int show_ids(struct farley_ctx *ctx, const struct farley_node *doc)
{
	int ret = 0;
	for (size_t i = 0; i < doc->n && !ret; i++) {
		const struct farley_node *sec = doc->kids[i];
		if (sec->type == FARLEY_N_MAP && strcmp(sec->key, "changes"))
			ret = emit(ctx, farley_node_get(sec, "items"), NULL, 0);
	}
	return ret;
}

int cmd_status(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *owner = NULL;
	int all = 0, limit = 5;
	const struct option opts[] = {
		{ OPT_BOOL, 'a', "all", &all, NULL, "everyone's records, not only mine" },
		OPT_OWNER(&owner),
		{ OPT_INT, 'n', "limit", &limit, "N", "at most N items a section (default 5)" },
		OPT_END_(),
	};
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_status_opts o = { 0 };
	struct farley_snapshot *s = NULL;
	struct farley_node *doc = NULL;
	char *me = NULL, *email = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n)
		return usage_error(usage, "status takes no arguments");
	if (all && owner)
		return usage_error(usage, "--all and --owner do not go together");
	if (!all && !owner)
		owner = me = farley_repo_default_owner(ctx->repo);
	email = farley_repo_author_email(ctx->repo);
	if ((ret = report_snapshot(ctx, NULL, &s)))
		goto out;
	o.owner = owner;
	o.email = email;
	o.since = SYNC_REF;
	o.limit = limit;
	if (farley_report_status(s, &o, &doc, &err))
		ret = report(&err);
	else if (ctx->format == FARLEY_FMT_TABLE)
		ret = show_table(ctx, doc, !owner);
	else if (ctx->format == FARLEY_FMT_JSON || ctx->format == FARLEY_FMT_YAML)
		ret = emit(ctx, doc, NULL, 0);
	else if (ctx->format == FARLEY_FMT_IDS)
		ret = show_ids(ctx, doc);
	else
		ret = show_rows(ctx, doc);
out:
	farley_node_free(doc);
	farley_snapshot_free(s);
	free(me);
	free(email);
	return ret;
}
