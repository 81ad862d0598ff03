/* show.c: farley show ID -- one record and what is linked to it. */
#include "cmds.h"
#include "farley/index.h"
#include "farley/report.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = { "farley show ID", NULL };

struct section {
	const char *name;           /* key in JSON, heading on a terminal */
	enum farley_kind kind;
	const char *field;          /* their field that names this record */
	int open_only;              /* tasks: only open ones */
	const char *const *columns; /* on a terminal */
};

static const char *const contact_cols[] = { "id", "name", "title?", "emails?", NULL };
static const char *const deal_cols[] = { "id", "title", "stage?", "value", "close", NULL };
static const char *const task_cols[] = { "id", "title", "due", "owner?", NULL };
static const char *const timeline_cols[] = { "date", "channel?", "summary", "id", NULL };
static const char *const company_cols[] = { "id", "name", "industry?", NULL };
static const char *const campaign_cols[] = { "id", "name", "status",
					      "start?", NULL };
static const char *const case_cols[] = { "id", "title", "status", "priority",
					  "opened?", NULL };

static const struct section company_sections[] = {
	{ "contacts", FARLEY_CONTACT, "company", 0, contact_cols },
	{ "deals", FARLEY_DEAL, "company", 0, deal_cols },
	{ "tasks", FARLEY_TASK, "company", 1, task_cols },
	{ "cases", FARLEY_CASE, "company", 1, case_cols },
	{ "timeline", FARLEY_INTERACTION, "company", 0, timeline_cols },
	{ NULL, 0, NULL, 0, NULL },
};
static const struct section contact_sections[] = {
	{ "deals", FARLEY_DEAL, "contacts", 0, deal_cols },
	{ "tasks", FARLEY_TASK, "contact", 1, task_cols },
	{ "cases", FARLEY_CASE, "contact", 1, case_cols },
	{ "timeline", FARLEY_INTERACTION, "contacts", 0, timeline_cols },
	{ NULL, 0, NULL, 0, NULL },
};
static const struct section deal_sections[] = {
	{ "tasks", FARLEY_TASK, "deal", 1, task_cols },
	{ "timeline", FARLEY_INTERACTION, "deal", 0, timeline_cols },
	{ NULL, 0, NULL, 0, NULL },
};
static const struct section case_sections[] = {
	{ "timeline", FARLEY_INTERACTION, "case", 0, timeline_cols },
	{ NULL, 0, NULL, 0, NULL },
};

/* Drop tasks that are done and cases whose status is a closed one. */
static void only_open(struct farley_ctx *ctx, struct farley_node *list,
		      enum farley_kind kind)
{
	const struct farley_config *cfg = farley_repo_config(ctx->repo);
	size_t out = 0;
	for (size_t i = 0; i < list->n; i++) {
		struct farley_node *st = farley_node_get(list->kids[i], "status");
		const char *s = st ? st->text : NULL;
		if (kind == FARLEY_CASE ? !farley_config_case_open(cfg, s)
					: s && !strcmp(s, "done"))
			farley_node_free(list->kids[i]);
		else
			list->kids[out++] = list->kids[i];
	}
	list->n = out;
}

/* The campaigns whose audience holds the contact r, or for a company one
 * of its contacts. */
static struct farley_node *campaigns_of(struct farley_ctx *ctx,
					const struct farley_record *r, int *ret)
{
	struct farley_node *list = farley_node_new(FARLEY_N_LIST, NULL);
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_query q = { 0 };
	int64_t *rids = NULL;
	size_t n = 0;
	q.kind = FARLEY_CAMPAIGN;
	q.sort = "id";
	if (farley_index_select(ctx->index, &q, &rids, &n, &err)) {
		*ret = report(&err);
		return list;
	}
	for (size_t i = 0; i < n && !*ret; i++) {
		struct farley_record c = FARLEY_RECORD_INIT;
		struct farley_record *aud = NULL;
		size_t naud = 0;
		int in = 0;
		if (farley_index_record(ctx->index, rids[i], &c, &err) ||
		    farley_campaign_audience(ctx->index, farley_repo_config(ctx->repo),
					     &c, &aud, &naud, &err)) {
			/* a campaign naming a segment that is gone: not this
			 * record's problem */
			farley_error_clear(&err);
		}
		for (size_t k = 0; k < naud; k++) {
			const char *co = farley_record_str(&aud[k], "company");
			in |= r->kind == FARLEY_CONTACT ? !strcmp(aud[k].id, r->id)
							: co && !strcmp(co, r->id);
			farley_record_release(&aud[k]);
		}
		free(aud);
		if (in)
			farley_node_add(list, NULL,
					farley_record_node(&c, farley_repo_config(ctx->repo)));
		farley_record_release(&c);
	}
	free(rids);
	return list;
}

/* The records a deal names itself: its company and contacts. */
static struct farley_node *named(struct farley_ctx *ctx, const struct farley_record *r,
				 const char *field, enum farley_kind kind, int *ret)
{
	struct farley_field *f = farley_record_get(r, field);
	size_t count = !f ? 0 : f->type == FARLEY_V_LIST ? f->nitems : 1, n = 0;
	int64_t *rids = xcalloc(count + 1, sizeof(*rids));
	struct farley_node *list;
	for (size_t i = 0; i < count; i++) {
		const char *id = f->type == FARLEY_V_LIST ? f->items[i].s : f->v.s;
		if (id && !farley_index_rid(ctx->index, id, kind, &rids[n]))
			n++;
	}
	list = records_node(ctx, rids, n, kind, NULL, ret);
	free(rids);
	return list;
}

static int print_section(struct farley_ctx *ctx, const char *title,
			 struct farley_node *list, const char *const *cols)
{
	if (!list->n)
		return 0;
	style_records(ctx, list);
	if (ctx->color)
		printf("\n\033[1m%s\033[m (%zu)\n", title, list->n);
	else
		printf("\n%s (%zu)\n", title, list->n);
	return emit(ctx, list, cols, 0);
}

int cmd_show(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_node *doc = NULL, *linked = NULL;
	const struct section *sections = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 0;
	int table = ctx->format == FARLEY_FMT_TABLE;
	int tree = ctx->format == FARLEY_FMT_JSON || ctx->format == FARLEY_FMT_YAML ||
		   ctx->format == FARLEY_FMT_NDJSON;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n != 1)
		return usage_error(usage, n ? "one id at a time" : "which record?");
	if (find_record(ctx, argv[1], &r, &err)) {
		farley_record_release(&r);
		return report(&err);
	}
	doc = farley_record_node(&r, farley_repo_config(ctx->repo));
	switch (r.kind) {
	case FARLEY_COMPANY: sections = company_sections; break;
	case FARLEY_CONTACT: sections = contact_sections; break;
	case FARLEY_DEAL: sections = deal_sections; break;
	case FARLEY_CASE: sections = case_sections; break;
	default: break;
	}
	if (!table && !tree) {
		/* tsv, csv, ids: the record itself, one row */
		ret = emit(ctx, doc, NULL, 1);
		goto out;
	}
	warn_unreadable(ctx, FARLEY_NOKIND);
	linked = farley_node_new(FARLEY_N_MAP, NULL);
	if (r.kind == FARLEY_DEAL) {
		farley_node_add(linked, "company", named(ctx, &r, "company", FARLEY_COMPANY, &ret));
		farley_node_add(linked, "contacts",
				named(ctx, &r, "contacts", FARLEY_CONTACT, &ret));
	}
	for (const struct section *s = sections; s && s->name && !ret; s++) {
		int64_t *rids = NULL;
		size_t nr = 0;
		struct farley_node *list;
		if (farley_index_referrers(ctx->index, r.id, s->kind, s->field, &rids, &nr,
					   &err)) {
			ret = report(&err);
			break;
		}
		list = records_node(ctx, rids, nr, s->kind, NULL, &ret);
		free(rids);
		if (s->open_only)
			only_open(ctx, list, s->kind);
		farley_node_add(linked, s->name, list);
	}
	if (!ret && (r.kind == FARLEY_CONTACT || r.kind == FARLEY_COMPANY))
		farley_node_add(linked, "campaigns", campaigns_of(ctx, &r, &ret));
	if (ret)
		goto out;
	if (tree) {
		if (sections || r.kind == FARLEY_DEAL) {
			farley_node_add(doc, "linked", linked);
			linked = NULL;
		}
		ret = emit(ctx, doc, NULL, 1);
		goto out;
	}
	if ((ret = emit(ctx, doc, NULL, 1)))
		goto out;
	for (size_t i = 0; i < linked->n && !ret; i++) {
		struct farley_node *list = linked->kids[i];
		const char *key = list->key;
		const char *const *cols = !strcmp(key, "company") ? company_cols
				      : !strcmp(key, "contacts") ? contact_cols
				      : !strcmp(key, "deals") ? deal_cols
				      : !strcmp(key, "tasks") ? task_cols
				      : !strcmp(key, "cases") ? case_cols
				      : !strcmp(key, "campaigns") ? campaign_cols
							      : timeline_cols;
		const char *title = !strcmp(key, "tasks") ? "open tasks"
				    : !strcmp(key, "cases") ? "open cases" : key;
		ret = print_section(ctx, title, list, cols);
	}
out:
	farley_node_free(doc);
	farley_node_free(linked);
	farley_record_release(&r);
	return ret;
}
