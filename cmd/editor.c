/* editor.c: the user's editor, as git finds and runs it, for edit and
 * log. */
#include "cmds.h"
#include "farley/proc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Split an editor command like git's core.editor ("code --wait", 'vim -c
 * "set tw=72"') into words: quotes and backslashes, no shell. */
static char **split_command(const char *cmd, const char *file)
{
	char **argv = NULL;
	size_t n = 0, alloc = 0;
	struct strbuf word = STRBUF_INIT;
	int in_word = 0;
	char quote = 0;
	for (const char *p = cmd;; p++) {
		char c = *p;
		if (!c || (!quote && (c == ' ' || c == '\t'))) {
			if (in_word) {
				ALLOC_GROW(argv, n + 1, alloc);
				argv[n++] = strbuf_detach(&word, NULL);
				in_word = 0;
			}
			if (!c)
				break;
			continue;
		}
		in_word = 1;
		if (quote) {
			if (c == quote)
				quote = 0;
			else if (c == '\\' && quote == '"' && p[1])
				strbuf_addch(&word, *++p);
			else
				strbuf_addch(&word, c);
		} else if (c == '\'' || c == '"') {
			quote = c;
		} else if (c == '\\' && p[1]) {
			strbuf_addch(&word, *++p);
		} else {
			strbuf_addch(&word, c);
		}
	}
	ALLOC_GROW(argv, n + 2, alloc);
	argv[n++] = xstrdup(file);
	argv[n] = NULL;
	strbuf_release(&word);
	return argv;
}

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

