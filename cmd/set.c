/* set.c: farley set ID FIELD=VALUE... -- change fields, keeping the rest of
 * the file byte for byte. */
#include "cmds.h"

#include <string.h>

static const char *const usage[] = { "farley set ID FIELD=VALUE...", NULL };

int cmd_set(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record orig = FARLEY_RECORD_INIT, r = FARLEY_RECORD_INIT;
	struct farley_txn *txn = NULL;
	struct strbuf text = STRBUF_INIT, desc = STRBUF_INIT, msg = STRBUF_INIT;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n < 2)
		return usage_error(usage, n ? "nothing to set" : "which record?");
	for (int i = 2; i <= n; i++) {
		struct assign a;
		if (assign_parse(argv[i], &a))
			return usage_error(usage,
					   "'%s' is not FIELD=VALUE, FIELD+=VALUE, "
					   "FIELD-=VALUE or FIELD=",
					   argv[i]);
		assign_release(&a);
	}
	if (begin_write(ctx, &txn, &err) ||
	    farley_repo_find(ctx->repo, argv[1], &orig, &err))
		goto out;
	farley_record_copy(&r, &orig);
	for (int i = 2; i <= n; i++) {
		struct assign a;
		int e;
		assign_parse(argv[i], &a);
		e = assign_apply(ctx, &r, &a, &desc, &err);
		assign_release(&a);
		if (e) {
			if (err.code == FARLEY_EUSAGE) {
				ret = 2;
				fprintf(stderr, "farley: error: %s\n", err.msg);
				farley_error_clear(&err);
				goto out;
			}
			goto out;
		}
	}
	if (render_record(ctx, &r, &orig, &text, &err))
		goto out;
	if (text.len == orig.text.len && !memcmp(text.buf, orig.text.buf, text.len)) {
		if (!ctx->quiet)
			fprintf(stderr, "farley: %s: nothing changed\n", r.id);
		ret = 0;
		goto out;
	}
	if (farley_txn_put(txn, r.path, text.buf, text.len, &err))
		goto out;
	strbuf_addf(&msg, "%s %s: %s", farley_kind_name(r.kind), r.id, desc.buf);
	if (finish_write(ctx, txn, msg.buf, &err))
		goto out;
	ret = 0;
out:
	farley_txn_end(txn);
	farley_record_release(&orig);
	farley_record_release(&r);
	strbuf_release(&text);
	strbuf_release(&desc);
	strbuf_release(&msg);
	if (ret == 1)
		return report(&err);
	return ret;
}
