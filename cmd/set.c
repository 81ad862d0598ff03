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
		struct farley_assign a;
		if (farley_assign_parse(argv[i], &a))
			return usage_error(usage,
					   "'%s' is not FIELD=VALUE, FIELD+=VALUE, "
					   "FIELD-=VALUE or FIELD=",
					   argv[i]);
		farley_assign_release(&a);
	}
	if (begin_write(ctx, &txn, &err) || find_record(ctx, argv[1], &orig, &err))
		goto out;
	farley_record_copy(&r, &orig);
	if (apply_assignments(ctx, &r, argv + 2, n - 1, &desc, &err))
		goto out;
	if (render_record(ctx, &r, &orig, &text, &err))
		goto out;
	if (text.len == orig.text.len && !memcmp(text.buf, orig.text.buf, text.len)) {
		if (!ctx->quiet)
			fprintf(stderr, "farley: %s: nothing changed\n", r.id);
		ret = emit_written(ctx, &r, 0, NULL);
		goto out;
	}
	if (farley_txn_put(txn, r.path, text.buf, text.len, &err))
		goto out;
	strbuf_addf(&msg, "%s %s: %s", farley_kind_name(r.kind), r.id, desc.buf);
	if (finish_write(ctx, txn, msg.buf, &err))
		goto out;
	ret = emit_written(ctx, &r, 0, NULL);
out:
	farley_txn_end(txn);
	farley_record_release(&orig);
	farley_record_release(&r);
	strbuf_release(&text);
	strbuf_release(&desc);
	strbuf_release(&msg);
	return ret == 1 && err.code ? report(&err) : ret;
}
