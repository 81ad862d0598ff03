/* done.c: farley done TASK -- close a task, or move a recurring one on. */
#include "cmds.h"
#include "farley/date.h"

#include <string.h>

static const char *const usage[] = { "farley done TASK", NULL };

int cmd_done(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record orig = FARLEY_RECORD_INIT, r = FARLEY_RECORD_INIT;
	struct farley_txn *txn = NULL;
	struct farley_node *extra = NULL;
	struct strbuf msg = STRBUF_INIT, next = STRBUF_INIT;
	int32_t next_due = 0;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n != 1)
		return usage_error(usage, n ? "one task at a time" : "which task?");
	if (begin_write(ctx, &txn, &err) || find_record(ctx, argv[1], &orig, &err) ||
	    farley_task_complete(&orig, &r, farley_today(), &next_due, &err))
		goto out;
	if (next_due) {
		farley_date_format(&next, next_due);
		strbuf_addf(&msg, "task %s: done %s, next due %s", r.id,
			    farley_record_str(&r, "done"), next.buf);
	} else {
		strbuf_addf(&msg, "task %s: done (%s)", r.id, farley_record_title(&r));
	}
	if (write_record(ctx, txn, &r, &orig, msg.buf, &err))
		goto out;
	extra = farley_node_new(FARLEY_N_MAP, NULL);
	farley_node_add(extra, "next_due",
			next_due ? farley_node_new(FARLEY_N_DATE, next.buf)
				 : farley_node_new(FARLEY_N_NULL, NULL));
	if (ctx->format != FARLEY_FMT_JSON && ctx->format != FARLEY_FMT_NDJSON &&
	    ctx->format != FARLEY_FMT_YAML) {
		farley_node_free(extra);
		extra = NULL;
		if (next_due && !ctx->quiet)
			printf("%s: next due %s\n", r.id, next.buf);
		ret = 0;
		goto out;
	}
	ret = emit_written(ctx, &r, 0, extra);
	extra = NULL;
out:
	farley_txn_end(txn);
	farley_record_release(&orig);
	farley_record_release(&r);
	farley_node_free(extra);
	strbuf_release(&msg);
	strbuf_release(&next);
	return ret == 1 && err.code ? report(&err) : ret;
}
