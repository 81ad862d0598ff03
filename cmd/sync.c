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

int cmd_sync(int argc, char **argv, struct farley_ctx *ctx)
{
	int no_push = 0;
	const struct option opts[] = {
		{ OPT_BOOL, 0, "no-push", &no_push, NULL, "only pull" },
		OPT_END_(),
	};
	static const char *const pull[] = { "git", "pull", "--rebase", NULL };
	static const char *const push[] = { "git", "push", NULL };
	static const char *const unmerged[] = { "git", "diff", "--name-only",
						"--diff-filter=U", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_index *idx = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx);

	if (n < 0)
		return PARSE_EXIT(n);
	if (n)
		return usage_error(usage, "sync takes no arguments");
	if (run_git(ctx, pull, NULL)) {
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
				"lines ('farley check' shows where), then\n"
				"  git add FILE... && git rebase --continue && farley sync\n"
				"(or 'git rebase --abort' to go back to where you were)\n");
		} else {
			fprintf(stderr, "farley: error: git pull --rebase failed (see above)\n");
		}
		strbuf_release(&files);
		return 1;
	}
	if (!no_push && run_git(ctx, push, NULL)) {
		fprintf(stderr, "farley: error: git push failed (see above)\n");
		return 1;
	}
	if (farley_index_open(&idx, ctx->repo, progress_bar, NULL, &err))
		return report(&err);
	farley_index_close(idx);
	say(ctx, "synced\n");
	return 0;
}
