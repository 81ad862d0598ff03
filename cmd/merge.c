/* merge.c: farley merge KEEP OTHER -- one record out of two of one kind,
 * every reference to OTHER moved to KEEP, OTHER removed, one commit.
 * (git's merge driver is merge-driver.c.) */
#include "cmds.h"
#include "farley/unite.h"

#include <string.h>

static const char *const usage[] = {
	"farley merge [--dry-run] [--prefer=keep|other] KEEP OTHER",
	NULL,
};

/* The plan as rows: action, record, field, value, other. */
static struct farley_node *plan_rows(const struct farley_unite_plan *plan)
{
	struct farley_node *rows = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < plan->n; i++) {
		const struct farley_unite_step *s = &plan->steps[i];
		struct farley_node *row = farley_node_add(rows, NULL,
							  farley_node_new(FARLEY_N_MAP, NULL));
		farley_node_add_str(row, "action", farley_unite_action_name(s->action));
		farley_node_add_str(row, "record", s->record);
		farley_node_add_str(row, "field", s->field);
		farley_node_add_str(row, "value", s->value);
		farley_node_add_str(row, "other", s->other);
	}
	return rows;
}

static void say_conflicts(const struct farley_unite_plan *plan,
			  const char *keep, const char *other, int prefer_other)
{
	for (size_t i = 0; i < plan->n; i++) {
		const struct farley_unite_step *s = &plan->steps[i];
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		if (s->action != FARLEY_UNITE_CONFLICT)
			continue;
		/* record contents may hold anything: never raw to a terminal */
		farley_sanitize(&a, s->value);
		farley_sanitize(&b, s->other);
		fprintf(stderr,
			"farley: conflict: %s: keeping '%s' (%s), dropping '%s' (%s)\n",
			s->field, a.buf, prefer_other ? other : keep, b.buf,
			prefer_other ? keep : other);
		strbuf_release(&a);
		strbuf_release(&b);
	}
}

int cmd_merge(int argc, char **argv, struct farley_ctx *ctx)
{
	int dry_run = 0;
	const char *prefer = NULL;
	const struct option opts[] = {
		{ OPT_BOOL, 'n', "dry-run", &dry_run, NULL,
		  "show the plan; write nothing" },
		{ OPT_KEYWORD, 0, "prefer", &prefer, "keep|other",
		  "whose value wins a conflict (default keep)" },
		OPT_END_(),
	};
	static const char *const cols[] = { "action", "record", "field", "value",
					    "other", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_unite_opts uo = { 0 };
	struct farley_unite *u = NULL;
	struct farley_txn *txn = NULL;
	struct farley_node *extra, *rows;
	const struct farley_unite_plan *plan;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n != 2)
		return usage_error(usage, n < 2 ? "which two records?"
					      : "two records at a time");
	uo.prefer_other = prefer && !strcmp(prefer, "other");
	/* the plan is made under the lock, so nothing changes under it */
	if ((!dry_run && begin_write(ctx, &txn, &err)) ||
	    farley_unite_prepare(&u, ctx->repo, ctx->index, argv[1], argv[2], &uo,
				 &err))
		goto out;
	plan = farley_unite_plan(u);
	/* what is dropped is said even with -q */
	say_conflicts(plan, argv[1], argv[2], uo.prefer_other);
	if (dry_run) {
		rows = plan_rows(plan);
		ret = emit(ctx, rows, ctx->format == FARLEY_FMT_TABLE ? cols : NULL, 0);
		farley_node_free(rows);
		goto out;
	}
	if (farley_unite_stage(u, txn, &err) ||
	    finish_write(ctx, txn, farley_unite_message(u), &err))
		goto out;
	if (!ctx->quiet)
		fprintf(stderr, "farley: %s\n", farley_unite_message(u));
	extra = farley_node_new(FARLEY_N_MAP, NULL);
	farley_node_add_str(extra, "merged", argv[2]);
	{
		char refs[32];
		snprintf(refs, sizeof(refs), "%zu", plan->references);
		farley_node_add(extra, "references", farley_node_new(FARLEY_N_NUM, refs));
	}
	ret = emit_written(ctx, farley_unite_kept(u), 0, extra);
out:
	farley_txn_end(txn);
	farley_unite_free(u);
	return ret == 1 && err.code ? report(&err) : ret;
}
