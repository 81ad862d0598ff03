/* add.c: farley add KIND NAME [FIELD=VALUE...] -- create a record. */
#include "cmds.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"farley add KIND NAME [FIELD=VALUE...]",
	NULL,
};

int cmd_add(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_txn *txn = NULL;
	struct farley_lookup lk = ctx_lookup(ctx);
	struct farley_create_env env;
	struct strbuf desc = STRBUF_INIT, msg = STRBUF_INIT;
	enum farley_kind kind;
	char *owner = NULL, *author = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n < 2)
		return usage_error(usage, n ? "a name is needed" : "a kind and a name are needed");
	kind = farley_kind_parse(argv[1]);
	if (kind == FARLEY_NOKIND)
		return usage_error(usage,
				   "unknown kind '%s' (company, contact, deal, task)",
				   argv[1]);
	if (kind == FARLEY_INTERACTION)
		return usage_error(NULL, "interactions are recorded with 'farley log'");
	if (!*argv[2])
		return usage_error(usage, "the name cannot be empty");
	for (int i = 3; i <= n; i++) {
		struct farley_assign a;
		if (farley_assign_parse(argv[i], &a))
			return usage_error(usage, "'%s' is not FIELD=VALUE", argv[i]);
		farley_assign_release(&a);
	}

	if (begin_write(ctx, &txn, &err))
		goto out;
	owner = farley_repo_default_owner(ctx->repo);
	author = farley_repo_author_email(ctx->repo);
	env = create_env(ctx, &lk, owner, author);
	farley_record_create(&r, kind, argv[2], &env);
	if (apply_assignments(ctx, &r, argv + 3, n - 2, &desc, &err) ||
	    farley_record_new_id(&r, NULL, &env, &err))
		goto out;
	strbuf_addf(&msg, "add %s %s (%s)", farley_kind_name(kind), r.id, argv[2]);
	if (write_record(ctx, txn, &r, NULL, msg.buf, &err))
		goto out;
	ret = emit_written(ctx, &r, 1, NULL);
out:
	farley_txn_end(txn);
	farley_record_release(&r);
	strbuf_release(&desc);
	strbuf_release(&msg);
	free(owner);
	free(author);
	return ret == 1 && err.code ? report(&err) : ret;
}
