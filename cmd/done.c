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
	struct strbuf text = STRBUF_INIT, msg = STRBUF_INIT, today = STRBUF_INIT;
	struct strbuf next = STRBUF_INIT;
	struct farley_interval iv;
	const char *every, *status;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n != 1)
		return usage_error(usage, n ? "one task at a time" : "which task?");
	if (begin_write(ctx, &txn, &err) ||
	    farley_repo_find(ctx->repo, argv[1], &orig, &err))
		goto out;
	if (orig.kind != FARLEY_TASK) {
		farley_error_set(&err, FARLEY_EINVAL, "'%s' is a %s, not a task", orig.id,
				 farley_kind_name(orig.kind));
		goto out;
	}
	status = farley_record_str(&orig, "status");
	every = farley_record_str(&orig, "every");
	if (status && !strcmp(status, "done") && !every) {
		farley_error_set(&err, FARLEY_EINVAL, "task '%s' is already done", orig.id);
		goto out;
	}
	farley_record_copy(&r, &orig);
	farley_date_format(&today, farley_today());
	/* the completion is recorded either way */
	farley_record_set_str(&r, "done", today.buf);
	if (every && !farley_interval_parse(every, &iv)) {
		/* recurring: it comes back `every` after it was due (or today) */
		const char *due = farley_record_str(&orig, "due");
		int32_t from, d;
		from = due && !farley_date_parse(due, &d) ? d : farley_today();
		d = farley_interval_add(from, &iv, 1);
		while (d <= farley_today())
			d = farley_interval_add(d, &iv, 1);
		farley_date_format(&next, d);
		farley_record_set_str(&r, "due", next.buf);
		if (status)
			farley_record_set_str(&r, "status", "open");
		strbuf_addf(&msg, "task %s: done %s, next due %s", r.id, today.buf, next.buf);
	} else {
		farley_record_set_str(&r, "status", "done");
		strbuf_addf(&msg, "task %s: done (%s)", r.id, farley_record_title(&r));
	}
	if (render_record(ctx, &r, &orig, &text, &err) ||
	    farley_txn_put(txn, r.path, text.buf, text.len, &err) ||
	    finish_write(ctx, txn, msg.buf, &err))
		goto out;
	if (next.len && !ctx->quiet)
		printf("%s: next due %s\n", r.id, next.buf);
	ret = 0;
out:
	farley_txn_end(txn);
	farley_record_release(&orig);
	farley_record_release(&r);
	strbuf_release(&text);
	strbuf_release(&msg);
	strbuf_release(&today);
	strbuf_release(&next);
	return ret ? report(&err) : 0;
}
