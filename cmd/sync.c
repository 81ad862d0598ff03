/* sync.c: farley sync -- git pull --rebase, then git push, through the
 * user's own git (so credentials, SSH and remotes work as in git), then
 * bring the index up to date. */
#include "cmds.h"
#include "farley/index.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const usage[] = { "farley sync [--no-push]", NULL };

/* Run git with an argument array in the work tree; its output goes to
 * stderr (or into out when given).  Returns git's exit status. */
static int run_git(struct farley_ctx *ctx, const char *const *args, struct strbuf *out)
{
	int fds[2] = { -1, -1 }, status = 0;
	pid_t pid;
	if (out && pipe(fds))
		return 128;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (chdir(farley_repo_workdir(ctx->repo)))
			_exit(128);
		if (out) {
			dup2(fds[1], STDOUT_FILENO);
			close(fds[0]);
			close(fds[1]);
		} else {
			dup2(STDERR_FILENO, STDOUT_FILENO);
		}
		execvp("git", (char *const *)args);
		fprintf(stderr, "farley: error: cannot run git: %s\n", strerror(errno));
		_exit(127);
	}
	if (out) {
		close(fds[1]);
		if (pid > 0)
			strbuf_read_fd(out, fds[0], 0);
		close(fds[0]);
	}
	if (pid < 0)
		return 128;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
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
