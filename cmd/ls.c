/* ls.c: farley ls [KIND] [FILTER...] -- list records from the index. */
#include "cmds.h"
#include "farley/index.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"farley ls [KIND] [FILTER...] [--where EXPR] [--sort F[,F]] [--limit N] [--fields F,F]",
	NULL,
};

/* Columns that make sense on a terminal, per kind; those marked '?' give
 * way first when the terminal is narrow (emit.h). */
static const char *const *default_columns(enum farley_kind kind)
{
	static const char *const company[] = { "id", "name", "industry?", "owner?",
					       "tags?", NULL };
	static const char *const contact[] = { "id", "name", "company?", "title?",
					       "emails?", NULL };
	static const char *const deal[] = { "id", "title", "stage?", "value", "close",
					    "company?", "owner?", NULL };
	static const char *const interaction[] = { "id", "date", "channel?", "summary",
						   "company?", NULL };
	static const char *const task[] = { "id", "title", "due", "status?", "deal?",
					    "owner?", NULL };
	static const char *const kase[] = { "id", "title", "status", "priority",
					    "opened?", "company?", "owner?", NULL };
	static const char *const campaign[] = { "id", "name", "status",
						"start?", "segment?", "budget?", NULL };
	static const char *const any[] = { "id", "kind?", "name", NULL };
	switch (kind) {
	case FARLEY_COMPANY: return company;
	case FARLEY_CONTACT: return contact;
	case FARLEY_DEAL: return deal;
	case FARLEY_INTERACTION: return interaction;
	case FARLEY_TASK: return task;
	case FARLEY_CASE: return kase;
	case FARLEY_CAMPAIGN: return campaign;
	default: return any;
	}
}

/* A list of records as the output layer wants it.  Exported for show. */
struct farley_node *records_node(struct farley_ctx *ctx, const int64_t *rids,
				 size_t n, enum farley_kind kind,
				 const char *const *only, int *ret)
{
	struct farley_node *list = farley_node_new(FARLEY_N_LIST, NULL);
	struct farley_error err = FARLEY_ERROR_INIT;
	*ret = 0;
	for (size_t i = 0; i < n; i++) {
		struct farley_record r = FARLEY_RECORD_INIT;
		struct farley_node *node;
		if (farley_index_record(ctx->index, rids[i], &r, &err)) {
			*ret = report(&err);
			farley_record_release(&r);
			break;
		}
		node = farley_record_node(&r, farley_repo_config(ctx->repo));
		if (kind == FARLEY_NOKIND && !farley_node_get(node, "name"))
			farley_node_add_str(node, "name", farley_record_title(&r));
		if (only) {
			/* --fields: id, kind and the fields asked for, in that order */
			struct farley_node *slim = farley_node_new(FARLEY_N_MAP, NULL);
			for (const char *const *f = only; *f; f++) {
				struct farley_node *v = farley_node_get(node, *f);
				for (size_t k = 0; v && k < node->n; k++)
					if (node->kids[k] == v)
						node->kids[k] = farley_node_new(FARLEY_N_NULL, NULL);
				if (v) {
					free(v->key);
					v->key = NULL;
					farley_node_add(slim, *f, v);
				} else {
					farley_node_add(slim, *f, farley_node_new(FARLEY_N_NULL, NULL));
				}
			}
			farley_node_free(node);
			node = slim;
		}
		farley_node_add(list, NULL, node);
		farley_record_release(&r);
	}
	return list;
}

/* "a,b,c" -> NULL-terminated array (the caller frees array and copy). */
static const char **split_fields(const char *s, char **copy)
{
	const char **out = NULL;
	size_t n = 0, alloc = 0;
	char *save = NULL;
	*copy = xstrdup(s);
	for (char *t = strtok_r(*copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		ALLOC_GROW(out, n + 2, alloc);
		out[n++] = t;
	}
	ALLOC_GROW(out, n + 1, alloc);
	out[n] = NULL;
	return out;
}

int cmd_ls(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *where = NULL, *sort = NULL, *fields = NULL;
	int limit = 0;
	const struct option opts[] = {
		{ OPT_STRING, 'w', "where", &where, "EXPR",
		  "only records matching EXPR (see farley-query(7))" },
		{ OPT_STRING, 's', "sort", &sort, "F[,F]",
		  "sort by fields; -F sorts descending" },
		{ OPT_INT, 'n', "limit", &limit, "N", "at most N records" },
		{ OPT_STRING, 'f', "fields", &fields, "F,F", "the columns to show" },
		OPT_END_(),
	};
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_query q = { 0 };
	struct farley_node *doc = NULL;
	int64_t *rids = NULL;
	size_t nrids = 0;
	char *fields_copy = NULL, *config_fields = NULL;
	const char **only = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 0, first = 1;

	if (n < 0)
		return PARSE_EXIT(n);
	q.kind = FARLEY_NOKIND;
	if (n >= 1 && farley_kind_parse(argv[1]) != FARLEY_NOKIND) {
		q.kind = farley_kind_parse(argv[1]);
		first = 2;
	} else if (n >= 1 && argv[1][strspn(argv[1], "abcdefghijklmnopqrstuvwxyz_")] == '\0') {
		/* a bare word is a field that must be present, unless it is a
		 * kind misspelt: "ls dealz" says so instead of printing nothing */
		static const char *const kinds[] = { "companies", "contacts", "deals",
						     "interactions", "tasks", "company",
						     "contact", "deal", "interaction",
						     "task", "cases", "case", "campaigns",
						     "campaign", NULL };
		const char *guess = did_you_mean(argv[1], kinds);
		int field = 0;
		for (int k = 0; k < FARLEY_NKINDS && !field; k++)
			field = farley_schema_pos((enum farley_kind)k, argv[1]) >= 0;
		if (guess && !field)
			return usage_error(usage, "unknown kind '%s'; did you mean '%s'?",
					   argv[1], guess);
	}
	q.terms = (const char *const *)argv + first;
	q.nterms = (size_t)(n - first + 1);
	q.where = where;
	q.sort = sort;
	q.limit = limit;
	if (!fields && q.kind != FARLEY_NOKIND) {
		/* git config farley.columns.KIND: this user's default columns */
		struct strbuf key = STRBUF_INIT;
		strbuf_addf(&key, "farley.columns.%s", farley_kind_name(q.kind));
		config_fields = farley_repo_config_str(ctx->repo, key.buf);
		strbuf_release(&key);
		if (config_fields && *config_fields) {
			fields = config_fields;
			ctx->fields_chosen = 1; /* the user's columns, exactly */
		}
	}
	if (fields)
		only = split_fields(fields, &fields_copy);
	/* the selection and the records it names from one view of the index,
	 * while other processes write */
	if (farley_index_read_begin(ctx->index, &err) ||
	    select_records(ctx, &q, &rids, &nrids, &err)) {
		farley_index_read_end(ctx->index);
		ret = report(&err);
		goto out;
	}
	warn_unreadable(ctx, q.kind);
	{
		int machine = ctx->format == FARLEY_FMT_JSON ||
			      ctx->format == FARLEY_FMT_NDJSON ||
			      ctx->format == FARLEY_FMT_YAML;
		doc = records_node(ctx, rids, nrids, q.kind, machine ? only : NULL, &ret);
		farley_index_read_end(ctx->index);
		if (ret)
			goto out;
		if (!nrids)
			say_empty(ctx, "no %s match", q.kind == FARLEY_NOKIND
							   ? "records"
							   : farley_kind_dir(q.kind));
		style_records(ctx, doc);
		ret = emit(ctx, doc, only ? only : default_columns(q.kind), 0);
	}
out:
	farley_node_free(doc);
	free(rids);
	free(only);
	free(fields_copy);
	free(config_fields);
	return ret;
}
