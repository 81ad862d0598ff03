/* search.c: farley search TEXT -- full-text search, best matches first. */
#include "cmds.h"
#include "farley/index.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"farley search TEXT [--kind K] [--limit N]",
	NULL,
};

int cmd_search(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *kind_arg = NULL;
	int limit = 20;
	const struct option opts[] = {
		{ OPT_STRING, 'k', "kind", &kind_arg, "K",
		  "only companies, contacts, deals, interactions or tasks" },
		{ OPT_INT, 'n', "limit", &limit, "N", "at most N matches (default 20; 0: all)" },
		OPT_END_(),
	};
	static const char *const columns[] = { "id", "kind?", "name", "snippet", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_hit *hits = NULL;
	struct farley_node *list = NULL;
	struct strbuf text = STRBUF_INIT;
	enum farley_kind kind = FARLEY_NOKIND;
	size_t nhits = 0;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 0;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n < 1)
		return usage_error(usage, "what to search for?");
	if (kind_arg && (kind = farley_kind_parse(kind_arg)) == FARLEY_NOKIND)
		return usage_error(usage, "unknown kind '%s'", kind_arg);
	for (int i = 1; i <= n; i++) {
		if (i > 1)
			strbuf_addch(&text, ' ');
		strbuf_addstr(&text, argv[i]);
	}
	/* the hits and their records from one view of the index */
	if (farley_index_read_begin(ctx->index, &err) ||
	    farley_index_search(ctx->index, text.buf, kind, limit, &hits, &nhits, &err)) {
		ret = report(&err);
		goto out;
	}
	warn_unreadable(ctx, kind);
	if (!nhits)
		say_empty(ctx, "nothing matches '%s'", text.buf);
	list = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < nhits; i++) {
		struct farley_record r = FARLEY_RECORD_INIT;
		struct farley_node *node, *rec, *snip;
		char score[32];
		if (farley_index_record(ctx->index, hits[i].rid, &r, &err)) {
			ret = report(&err);
			farley_record_release(&r);
			goto out;
		}
		rec = farley_record_node(&r, farley_repo_config(ctx->repo));
		node = farley_node_new(FARLEY_N_MAP, NULL);
		/* id, kind, score, snippet first, then the record's fields */
		for (size_t k = 0; k < 2; k++) {
			farley_node_add(node, NULL, rec->kids[k]);
			rec->kids[k] = NULL;
		}
		snprintf(score, sizeof(score), "%.4f", hits[i].score);
		farley_node_add(node, "score", farley_node_new(FARLEY_N_NUM, score));
		snip = farley_node_new(FARLEY_N_STR, hits[i].snippet);
		snip->highlight = 1;
		farley_node_add(node, "snippet", snip);
		farley_node_add_str(node, "name", farley_record_title(&r));
		for (size_t k = 2; k < rec->n; k++) {
			if (!strcmp(rec->kids[k]->key, "name")) {
				farley_node_free(rec->kids[k]);
			} else {
				farley_node_add(node, NULL, rec->kids[k]);
			}
			rec->kids[k] = NULL;
		}
		rec->n = 0;
		farley_node_free(rec);
		farley_node_add(list, NULL, node);
		farley_record_release(&r);
	}
	ret = emit(ctx, list, columns, 0);
out:
	farley_index_read_end(ctx->index);
	farley_node_free(list);
	farley_hits_free(hits, nhits);
	strbuf_release(&text);
	return ret;
}
