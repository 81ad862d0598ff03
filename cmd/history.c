/* history.c: farley history ID -- a record's changes, field by field. */
#include "cmds.h"
#include "farley/history.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = { "farley history ID", NULL };

static void value_text(struct strbuf *sb, const struct farley_node *v)
{
	if (!v || v->type == FARLEY_N_NULL) {
		strbuf_addstr(sb, "(none)");
	} else if (v->type == FARLEY_N_LIST || v->type == FARLEY_N_MAP) {
		strbuf_addch(sb, v->type == FARLEY_N_LIST ? '[' : '{');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				strbuf_addstr(sb, ", ");
			if (v->kids[i]->key)
				strbuf_addf(sb, "%s: ", v->kids[i]->key);
			strbuf_addstr(sb, v->kids[i]->text ? v->kids[i]->text : "");
		}
		strbuf_addch(sb, v->type == FARLEY_N_LIST ? ']' : '}');
	} else {
		strbuf_addstr(sb, v->text);
	}
}

int cmd_history(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_node *revs = NULL, *rows = NULL;
	enum farley_kind kind;
	char *id = NULL, *path = NULL;
	struct farley_lookup lk = ctx_lookup(ctx);
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 0;
	static const char *const cols[] = { "date", "author", "change", NULL };

	if (n < 0)
		return PARSE_EXIT(n);
	if (n != 1)
		return usage_error(usage, n ? "one record at a time" : "which record?");
	if (farley_lookup_resolve(&lk, argv[1], FARLEY_NOKIND, &kind, &id, &path,
				  &err) == FARLEY_ENOTFOUND) {
		/* removed: git still knows what it was */
		struct farley_error gone = FARLEY_ERROR_INIT;
		if (!farley_history_deleted(ctx->repo, argv[1], &kind, &path, &gone)) {
			farley_error_clear(&err);
			id = xstrdup(argv[1]);
			if (!ctx->quiet)
				fprintf(stderr, "farley: '%s' was removed; its history:\n", id);
		}
		farley_error_clear(&gone);
	}
	if (err.code ||
	    farley_history_record(ctx->repo, kind, id, path, &revs, &err)) {
		ret = report(&err);
		goto out;
	}
	if (ctx->format == FARLEY_FMT_JSON || ctx->format == FARLEY_FMT_YAML ||
	    ctx->format == FARLEY_FMT_NDJSON) {
		ret = emit(ctx, revs, NULL, 0);
		goto out;
	}
	/* one line per changed field: when, who, field: old -> new */
	rows = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < revs->n; i++) {
		const struct farley_node *rev = revs->kids[i];
		const struct farley_node *ch = farley_node_get(rev, "changes");
		for (size_t k = 0; k < ch->n; k++) {
			struct farley_node *r = farley_node_add(rows, NULL,
								farley_node_new(FARLEY_N_MAP, NULL));
			struct strbuf sb = STRBUF_INIT;
			const struct farley_node *c = ch->kids[k];
			char date[20];
			snprintf(date, sizeof(date), "%.16s", farley_node_get(rev, "date")->text);
			date[10] = ' ';
			farley_node_add_str(r, "date", date);
			farley_node_add_str(r, "author", farley_node_get(rev, "author")->text);
			farley_node_add_str(r, "commit", farley_node_get(rev, "commit")->text);
			strbuf_addf(&sb, "%s: ", farley_node_get(c, "field")->text);
			value_text(&sb, farley_node_get(c, "old"));
			strbuf_addstr(&sb, " -> ");
			value_text(&sb, farley_node_get(c, "new"));
			farley_node_add_str(r, "change", sb.buf);
			strbuf_release(&sb);
		}
	}
	ret = emit(ctx, rows, ctx->format == FARLEY_FMT_TABLE ? cols : NULL, 0);
out:
	farley_node_free(revs);
	farley_node_free(rows);
	free(id);
	free(path);
	return ret;
}
