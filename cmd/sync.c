/* sync.c: farley sync -- git pull --rebase, then git push, through the
 * user's own git (so credentials, SSH and remotes work as in git), then
 * bring the index up to date. */
#include "cmds.h"
#include "farley/index.h"
#include "farley/proc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage[] = { "farley sync [--no-push]", NULL };

/* HEAD as it was before the last sync pulled (farley status shows what
 * others committed after it), and, while a sync stopped on a conflict is
 * being finished by hand, the same commit kept so the next sync does not
 * move the first past the changes it pulled. */
#define BEFORE_REF "refs/farley/before-sync"
#define UNFINISHED_REF "refs/farley/sync-unfinished"

/* Run git with an argument array in the work tree; its output goes to
 * stderr (or into out when given).  Returns git's exit status. */
static int run_git(struct farley_ctx *ctx, const char *const *args, struct strbuf *out)
{
	struct farley_proc p = { 0 };
	int status;
	p.argv = args;
	p.dir = farley_repo_workdir(ctx->repo);
	p.out = out;
	p.stdout_to_stderr = !out;
	status = farley_proc_run(&p);
	if (status == 126)
		fprintf(stderr, "farley: error: cannot run git: %s\n", strerror(errno));
	return status;
}

/* The commit ref (or HEAD) names, into out (empty when none). */
static void resolve(struct farley_ctx *ctx, const char *ref, struct strbuf *out)
{
	const char *args[] = { "git", "rev-parse", "-q", "--verify", NULL, NULL };
	struct farley_proc p = { 0 };
	args[4] = ref;
	p.argv = args;
	p.dir = farley_repo_workdir(ctx->repo);
	p.out = out;
	p.quiet_stderr = 1;
	if (farley_proc_run(&p))
		strbuf_reset(out);
	while (out->len && (out->buf[out->len - 1] == '\n' || out->buf[out->len - 1] == '\r'))
		strbuf_setlen(out, out->len - 1);
}

/* Point ref at commit, or delete it (commit NULL), quietly. */
static void set_ref(struct farley_ctx *ctx, const char *ref, const char *commit)
{
	const char *upd[] = { "git", "update-ref", "-m", "farley sync", ref, commit, NULL };
	const char *del[] = { "git", "update-ref", "-d", ref, NULL };
	struct strbuf junk = STRBUF_INIT;
	struct farley_proc p = { 0 };
	p.argv = commit ? upd : del;
	p.dir = farley_repo_workdir(ctx->repo);
	p.out = &junk;
	p.quiet_stderr = 1;
	farley_proc_run(&p);
	strbuf_release(&junk);
}

int cmd_sync(int argc, char **argv, struct farley_ctx *ctx)
{
	int no_push = 0;
	const struct option opts[] = {
		{ OPT_BOOL, 0, "no-push", &no_push, NULL, "only pull" },
		OPT_END_(),
	};
	static const char *const pull[] = { "git", "pull", "--rebase", NULL };
	static const char *const push[] = { "git", "push", NULL };
	static const char *const pull_q[] = { "git", "pull", "-q", "--rebase", NULL };
	static const char *const push_q[] = { "git", "push", "-q", NULL };
	struct strbuf before = STRBUF_INIT, unfinished = STRBUF_INIT;
	static const char *const unmerged[] = { "git", "diff", "--name-only",
						"--diff-filter=U", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_index *idx = NULL;
	struct farley_txn *txn = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx);

	if (n < 0)
		return PARSE_EXIT(n);
	if (n)
		return usage_error(usage, "sync takes no arguments");
	/* farley's writer lock while git pulls: git merge and rebase read git's
	 * index before they lock it, so a farley write in between would be
	 * lost from the index (and from the commit that ends the merge) */
	if (begin_write(ctx, &txn, &err))
		return report(&err);
	resolve(ctx, "HEAD", &before);
	resolve(ctx, UNFINISHED_REF, &unfinished);
	if (run_git(ctx, ctx->quiet ? pull_q : pull, NULL)) {
		struct strbuf files = STRBUF_INIT;
		run_git(ctx, unmerged, &files);
		if (files.len) {
			fprintf(stderr,
				"farley: error: sync stopped: the same fields were changed "
				"here and upstream in:\n");
			for (char *p = files.buf, *nl; *p; p = nl + 1) {
				nl = strchr(p, '\n');
				if (!nl)
					nl = p + strlen(p);
				fprintf(stderr, "  %.*s\n", (int)(nl - p), p);
				if (!*nl)
					break;
			}
			fprintf(stderr,
				"in each, keep one side between the <<<<<<< and >>>>>>> "
				"lines ('farley check' shows where):\n"
				"'<<<<<<< theirs (upstream ...)' marks what others pushed, "
				"'>>>>>>> yours (...)' your own change; then\n"
				"  git add FILE... && git rebase --continue && farley sync\n"
				"(or 'git rebase --abort' to go back to where you were)\n");
		} else {
			fprintf(stderr, "farley: error: git pull --rebase failed (see above)\n");
		}
		strbuf_release(&files);
		if (before.len && !unfinished.len) {
			set_ref(ctx, BEFORE_REF, before.buf);
			set_ref(ctx, UNFINISHED_REF, before.buf);
		}
		strbuf_release(&before);
		strbuf_release(&unfinished);
		farley_txn_end(txn);
		return 1;
	}
	farley_txn_end(txn); /* pushing leaves the work tree alone */
	if (unfinished.len)
		set_ref(ctx, UNFINISHED_REF, NULL);
	else if (before.len)
		set_ref(ctx, BEFORE_REF, before.buf);
	strbuf_release(&before);
	strbuf_release(&unfinished);
	if (!no_push && run_git(ctx, ctx->quiet ? push_q : push, NULL)) {
		fprintf(stderr, "farley: error: git push failed (see above)\n");
		return 1;
	}
	if (farley_index_open(&idx, ctx->repo, progress_bar, NULL, &err))
		return report(&err);
	farley_index_close(idx);
	say(ctx, "synced\n");
	return 0;
}
