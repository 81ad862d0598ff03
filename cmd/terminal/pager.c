/* terminal/pager.c: long output on a terminal goes through a pager, as git's does:
 * $FARLEY_PAGER, git config farley.pager, $PAGER, else "less -FRX" (which
 * quits at once when everything fits on one screen).  Never in a pipe. */
#include "cmds.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t pager_pid = -1;

/* Whether prog can be run: a path, or a name found in PATH. */
static int runnable(const char *prog)
{
	const char *path = getenv("PATH");
	int found = 0;
	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	while (path && *path && !found) {
		const char *colon = strchr(path, ':');
		size_t len = colon ? (size_t)(colon - path) : strlen(path);
		char *file = xstrfmt("%.*s/%s", (int)len, len ? path : ".", prog);
		found = access(file, X_OK) == 0;
		free(file);
		path = colon ? colon + 1 : NULL;
	}
	return found;
}

static void wait_for_pager(void)
{
	int status;
	if (pager_pid < 0)
		return;
	fflush(stdout);
	fflush(stderr);
	close(STDOUT_FILENO); /* the pager sees the end of its input */
	while (waitpid(pager_pid, &status, 0) < 0)
		;
	pager_pid = -1;
}

/* The commands that read, and may say a lot. */
static int pages(int argc, char **args)
{
	static const char *const paged[] = { "due", "dupes", "forecast", "history",
					     "ls", "pipeline", "report", "search",
					     "show", "status", NULL };
	int found = 0;
	for (size_t i = 0; paged[i]; i++)
		found |= !strcmp(args[0], paged[i]);
	/* the global --no-pager may come after the command too */
	for (int i = 1; i < argc && found && strcmp(args[i], "--"); i++)
		if (!strcmp(args[i], "--no-pager"))
			found = 0;
	return found;
}

void setup_pager(struct farley_ctx *ctx, int argc, char **args)
{
	const char *env = getenv("FARLEY_PAGER");
	char *config = NULL, **argv;
	const char *pager;
	int fd[2];
	if (!ctx->tty || ctx->no_pager || pager_pid >= 0 || !pages(argc, args))
		return;
	if (!env && ctx->repo)
		config = farley_repo_config_str(ctx->repo, "farley.pager");
	pager = env ? env : config ? config : getenv("PAGER");
	if (!pager)
		pager = "less -FRX";
	argv = split_command(pager, NULL);
	free(config);
	if (!argv[0] || !strcmp(argv[0], "cat") || !runnable(argv[0]) || pipe(fd)) {
		for (size_t i = 0; argv[i]; i++)
			free(argv[i]);
		free(argv);
		return;
	}
	fflush(stdout);
	pager_pid = fork();
	if (pager_pid == 0) {
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		setenv("LESS", "FRX", 0);
		setenv("LV", "-c", 0);
		execvp(argv[0], argv);
		fprintf(stderr, "farley: error: cannot run the pager '%s'\n", pager);
		_exit(127);
	}
	close(fd[0]);
	if (pager_pid < 0) {
		close(fd[1]);
	} else {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[1]);
		atexit(wait_for_pager);
	}
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}
