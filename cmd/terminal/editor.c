/* terminal/editor.c: the user's editor, as git finds and runs it, for edit and
 * log. */
#include "cmds.h"
#include "farley/proc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The words of the command come from split_command() (common.c). */
int run_editor(const char *cmd, const char *file, struct farley_error *err)
{
	char **argv = split_command(cmd, file);
	struct farley_proc p = { 0 };
	int status, ret = 0;
	if (!argv[1]) {
		ret = farley_error_set(err, FARLEY_EFAIL, "the editor command is empty");
		goto out;
	}
	p.argv = (const char *const *)argv;
	status = farley_proc_run(&p);
	if (status == 126)
		ret = farley_error_errno(err, FARLEY_EFAIL, "cannot run the editor '%s'",
					 argv[0]);
	else if (status)
		ret = farley_error_set(err, FARLEY_EFAIL,
				       "the editor '%s' failed; nothing changed", cmd);
out:
	for (char **a = argv; *a; a++)
		free(*a);
	free(argv);
	return ret;
}

char *editor_command(struct farley_ctx *ctx)
{
	const char *v = getenv("VISUAL"), *e = getenv("EDITOR");
	const char *term = getenv("TERM");
	char *core;
	if (v && *v && !(term && !strcmp(term, "dumb")))
		return xstrdup(v);
	if (e && *e)
		return xstrdup(e);
	if ((core = farley_repo_config_str(ctx->repo, "core.editor")))
		return core;
	return xstrdup("vi");
}

int ask_yes(const char *question, int otherwise)
{
	char line[64];
	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
		return otherwise;
	fprintf(stderr, "%s [Y/n] ", question);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	return line[0] != 'n' && line[0] != 'N';
}

