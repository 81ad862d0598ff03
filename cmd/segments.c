/* segments.c: farley segments -- the named --where expressions of
 * farley.yaml and how many records each selects; and the expansion of
 * @NAME that every command taking filters goes through. */
#include "cmds.h"
#include "farley/index.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const usage[] = { "farley segments [KIND]", NULL };

int select_records(struct farley_ctx *ctx, const struct farley_query *q,
		   int64_t **rids, size_t *n, struct farley_error *err)
{
	const struct farley_config *cfg = farley_repo_config(ctx->repo);
	struct farley_query x = *q;
	struct strbuf where = STRBUF_INIT;
	char **terms = xcalloc(q->nterms + 1, sizeof(*terms));
	int ret = 0;
	for (size_t i = 0; i < q->nterms && !ret; i++) {
		struct strbuf t = STRBUF_INIT;
		ret = farley_segment_expand(cfg, q->terms[i], &t, err);
		terms[i] = strbuf_detach(&t, NULL);
	}
	if (!ret && q->where)
		ret = farley_segment_expand(cfg, q->where, &where, err);
	x.terms = (const char *const *)terms;
	x.where = q->where ? where.buf : NULL;
	if (!ret)
		ret = farley_index_select(ctx->index, &x, rids, n, err);
	for (size_t i = 0; i < q->nterms; i++)
		free(terms[i]);
	free(terms);
	strbuf_release(&where);
	return ret;
}

int cmd_segments(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	static const char *const cols[] = { "name", "size", "where", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	const struct farley_config *cfg;
	struct farley_node *list;
	struct farley_query q = { 0 };
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 0;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n > 1)
		return usage_error(usage, "at most one kind");
	q.kind = FARLEY_NOKIND;
	if (n == 1 && (q.kind = farley_kind_parse(argv[1])) == FARLEY_NOKIND)
		return usage_error(usage, "unknown kind '%s'", argv[1]);
	cfg = farley_repo_config(ctx->repo); /* not before: --help has no repository */
	list = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < cfg->nsegments && !ret; i++) {
		struct farley_node *m = farley_node_add(list, NULL,
							farley_node_new(FARLEY_N_MAP, NULL));
		struct strbuf expr = STRBUF_INIT;
		int64_t *rids = NULL;
		size_t nr = 0;
		char num[32];
		strbuf_addf(&expr, "@%s", cfg->segments[i].name);
		q.where = expr.buf;
		farley_node_add_str(m, "name", cfg->segments[i].name);
		if (select_records(ctx, &q, &rids, &nr, &err)) {
			/* one that does not apply to the kind asked for (a field
			 * of another kind) has no size; the others still do */
			warning("segment '%s': %s", cfg->segments[i].name, err.msg ? err.msg : "");
			farley_error_clear(&err);
			farley_node_add(m, "size", farley_node_new(FARLEY_N_NULL, NULL));
		} else {
			snprintf(num, sizeof(num), "%zu", nr);
			farley_node_add(m, "size", farley_node_new(FARLEY_N_NUM, num));
		}
		farley_node_add_str(m, "where", cfg->segments[i].where);
		free(rids);
		strbuf_release(&expr);
	}
	if (!ret) {
		if (!list->n)
			say_empty(ctx, "no segments: name --where expressions under "
				  "'segments:' in farley.yaml");
		ret = emit(ctx, list, cols, 0);
	}
	farley_node_free(list);
	return ret;
}
