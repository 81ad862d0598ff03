/* dupes.c: farley dupes [KIND] -- likely duplicate contacts or companies,
 * best first, with the reasons and a score. */
#include "cmds.h"
#include "farley/dupes.h"

#include <stdio.h>

static const char *const usage[] = { "farley dupes [KIND] [--limit N]", NULL };

int cmd_dupes(int argc, char **argv, struct farley_ctx *ctx)
{
	int limit = 0;
	const struct option opts[] = {
		{ OPT_INT, 'n', "limit", &limit, "N", "at most N pairs (the best)" },
		OPT_END_(),
	};
	static const char *const cols[] = { "score", "a", "b", "reason", "a_name",
					    "b_name", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_dupes *d = NULL;
	struct farley_node *rows = NULL;
	const struct farley_dupe *list;
	enum farley_kind kind = FARLEY_CONTACT;
	size_t n;
	int nargs = parse_options(argc, argv, opts, usage, ctx), ret;

	if (nargs < 0)
		return PARSE_EXIT(nargs);
	if (nargs > 1)
		return usage_error(usage, "one kind at a time");
	if (nargs == 1) {
		kind = farley_kind_parse(argv[1]);
		if (kind != FARLEY_CONTACT && kind != FARLEY_COMPANY)
			return usage_error(usage,
					   "dupes finds contacts or companies, not '%s'",
					   argv[1]);
	}
	if (farley_dupes_find(&d, ctx->index, kind, &err))
		return report(&err);
	list = farley_dupes_list(d, &n);
	if (limit > 0 && (size_t)limit < n)
		n = (size_t)limit;
	rows = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < n; i++) {
		struct farley_node *row = farley_node_new(FARLEY_N_MAP, NULL);
		struct strbuf sb = STRBUF_INIT;
		char score[16];
		if (ctx->format == FARLEY_FMT_IDS) {
			/* "KEEP OTHER" lines, ready for a loop over farley merge */
			strbuf_addf(&sb, "%s %s", list[i].a, list[i].b);
			farley_node_add_str(row, "id", sb.buf);
		} else {
			snprintf(score, sizeof(score), "%.2f", list[i].score);
			farley_node_add(row, "score", farley_node_new(FARLEY_N_NUM, score));
			farley_node_add_str(row, "a", list[i].a);
			farley_node_add_str(row, "b", list[i].b);
			farley_dupes_reasons(&sb, list[i].reasons);
			farley_node_add_str(row, "reason", sb.buf);
			farley_node_add_str(row, "a_name", list[i].a_name);
			farley_node_add_str(row, "b_name", list[i].b_name);
		}
		farley_node_add(rows, NULL, row);
		strbuf_release(&sb);
	}
	ret = emit(ctx, rows, ctx->format == FARLEY_FMT_TABLE ? cols : NULL, 0);
	farley_node_free(rows);
	farley_dupes_free(d);
	return ret;
}
