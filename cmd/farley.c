/* farley.c: main(), the global options and the command table. */
#include "cmds.h"
#include "farley/date.h"
#include "farley/index.h"
#include "farley/proc.h"

#include <errno.h>
#include <locale.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

const struct cmd_struct farley_commands[] = {
	{ "add", cmd_add, NEED_REPO | USE_INDEX,
	  "create a company, contact, deal or task" },
	{ "check", cmd_check, NEED_REPO, "validate every record and reference" },
	{ "done", cmd_done, NEED_REPO | USE_INDEX,
	  "mark a task done (a recurring one moves on)" },
	{ "due", cmd_due, NEED_REPO | USE_INDEX,
	  "tasks due and contacts to get back in touch with" },
	{ "dupes", cmd_dupes, NEED_REPO | USE_INDEX,
	  "likely duplicate contacts or companies, best first" },
	{ "edit", cmd_edit, NEED_REPO | USE_INDEX, "edit a record in $VISUAL or $EDITOR" },
	{ "export", cmd_export, NEED_REPO | USE_INDEX,
	  "records out as csv, json, vcard or ical" },
	{ "forecast", cmd_forecast, NEED_REPO | USE_INDEX,
	  "weighted value of open deals by close period" },
	{ "help", cmd_help, 0, "show help for farley or one command" },
	{ "history", cmd_history, NEED_REPO | USE_INDEX,
	  "a record's changes from git history, field by field" },
	{ "import", cmd_import, NEED_REPO | USE_INDEX,
	  "bring in records from csv, vcard, mbox or json" },
	{ "index", cmd_index, NEED_REPO, "bring the index up to date, or rebuild it" },
	{ "init", cmd_init, 0, "create (or adopt) a farley repository" },
	{ "log", cmd_log, NEED_REPO | USE_INDEX, "record a call, email, meeting or note" },
	{ "ls", cmd_ls, NEED_REPO | USE_INDEX, "list records, filtered and sorted" },
	{ "merge", cmd_merge, NEED_REPO | USE_INDEX,
	  "merge two records into one, relinking every reference" },
	{ "merge-driver", cmd_merge_driver, 0,
	  "git's merge driver for record files (not for people)" },
	{ "pipeline", cmd_pipeline, NEED_REPO | USE_INDEX,
	  "open deals per stage: count, value, weighted" },
	{ "report", cmd_report, NEED_REPO | USE_INDEX,
	  "analytics: winrate, stages, slips, rfm, html ..." },
	{ "rm", cmd_rm, NEED_REPO | USE_INDEX, "delete a record" },
	{ "search", cmd_search, NEED_REPO | USE_INDEX, "full-text search over every record" },
	{ "set", cmd_set, NEED_REPO | USE_INDEX, "change fields of a record" },
	{ "show", cmd_show, NEED_REPO | USE_INDEX,
	  "show one record and what is linked to it" },
	{ "status", cmd_status, NEED_REPO | USE_INDEX,
	  "the morning overview: what is due, closing, stalled, changed" },
	{ "sync", cmd_sync, NEED_REPO,
	  "git pull --rebase, git push, then update the index" },
	{ NULL, NULL, 0, NULL },
};

static const char *const main_usage[] = {
	"farley [-C DIR] [--format=FMT] [--color=WHEN] [-q] COMMAND [ARGS]",
	"farley help [COMMAND]",
	"farley --version",
	NULL,
};

static void print_commands(FILE *out)
{
	fprintf(out, "usage: %s\n\nCommands:\n", main_usage[0]);
	for (const struct cmd_struct *c = farley_commands; c->name; c++)
		fprintf(out, "   %-10s %s\n", c->name, c->summary);
	fputs("\n'farley help COMMAND' or 'farley COMMAND --help' tells more.\n", out);
}

int cmd_help(int argc, char **argv, struct farley_ctx *ctx)
{
	static const char *const usage[] = { "farley help [COMMAND]", NULL };
	static const struct option opts[] = { OPT_END_() };
	char *args[4];
	int n = parse_options(argc, argv, opts, usage, ctx);
	if (n < 0)
		return PARSE_EXIT(n);
	if (n == 0) {
		print_commands(stdout);
		return 0;
	}
	(void)ctx;
	for (const struct cmd_struct *c = farley_commands; c->name; c++) {
		if (strcmp(c->name, argv[1]))
			continue;
		/* the man page when there is one, else the command's --help */
		if (isatty(STDOUT_FILENO)) {
			struct strbuf page = STRBUF_INIT;
			const char *man[3] = { "man", NULL, NULL };
			struct farley_proc p = { 0 };
			int status;
			strbuf_addf(&page, "farley-%s", c->name);
			man[1] = page.buf;
			p.argv = man;
			p.quiet_stderr = 1;
			status = farley_proc_run(&p);
			strbuf_release(&page);
			if (!status)
				return 0;
		}
		args[0] = (char *)c->name;
		args[1] = (char *)"--help";
		args[2] = NULL;
		return c->fn(2, args, ctx);
	}
	return usage_error(NULL, "'%s' is not a farley command; see 'farley help'",
			   argv[1]);
}

static int print_id(enum farley_kind kind, const char *id, const char *relpath,
		    void *data)
{
	(void)kind;
	(void)relpath;
	(void)data;
	printf("%s\n", id);
	return 0;
}

static int terminal_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");
	if (cols && atoi(cols) > 0)
		return atoi(cols);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		return ws.ws_col;
	return 80;
}

static void out_of_memory(void)
{
	static const char msg[] = "farley: fatal: out of memory\n";
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* nothing left to try */
	}
}

/* The environment, read once: the library reads none. */
static void read_settings(struct farley_settings *s)
{
	const char *today = getenv("FARLEY_TODAY");
	const char *timeout = getenv("FARLEY_LOCK_TIMEOUT");
	int32_t day;
	s->ceiling_dirs = getenv("GIT_CEILING_DIRECTORIES");
	s->author_name = getenv("GIT_AUTHOR_NAME");
	s->author_email = getenv("GIT_AUTHOR_EMAIL");
	s->author_date = getenv("GIT_AUTHOR_DATE");
	s->committer_name = getenv("GIT_COMMITTER_NAME");
	s->committer_email = getenv("GIT_COMMITTER_EMAIL");
	s->committer_date = getenv("GIT_COMMITTER_DATE");
	s->email = getenv("EMAIL");
	s->lock_timeout = timeout && atof(timeout) > 0 ? atof(timeout) : 10.0;
	if (getenv("FARLEY_TEST_CRASH_AT") || getenv("FARLEY_TEST_PAUSE_AT"))
		s->checkpoint = checkpoint;
	if (today && !farley_date_parse(today, &day))
		farley_pretend_today(day);
}

/* An unknown COMMAND runs farley-COMMAND from PATH, as git does.  Returns
 * only when there is no such program (argv is left as it was). */
static void run_external(char **argv)
{
	struct strbuf name = STRBUF_INIT;
	char *cmd = argv[0];
	strbuf_addf(&name, "farley-%s", cmd);
	argv[0] = name.buf;
	execvp(name.buf, argv);
	argv[0] = cmd;
	strbuf_release(&name);
}

int main(int argc, char **argv)
{
	struct farley_ctx ctx = { 0 };
	struct farley_error err = FARLEY_ERROR_INIT;
	const struct cmd_struct *cmd = NULL;
	const char *umask_env = getenv("FARLEY_UMASK");
	const char *start;
	int i = 1, ret, help_only = 0;

	/* libyaml allocates some 70 KiB of buffers per file it parses; keep
	 * freed memory instead of returning it to the kernel after every
	 * record (which turns a rebuild into a storm of page faults) */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 8 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	if (!setlocale(LC_CTYPE, "") || !strstr(setlocale(LC_CTYPE, NULL), "UTF"))
		setlocale(LC_CTYPE, "C.UTF-8");
	umask(umask_env && *umask_env ? (mode_t)strtol(umask_env, NULL, 8) : 077);
	ctx.format = FARLEY_FMT_AUTO;
	ctx.color_when = "auto";
	ctx.tty = isatty(STDOUT_FILENO);
	ctx.width = ctx.tty ? terminal_width() : 0;

	farley_set_oom_handler(out_of_memory);
	read_settings(&ctx.settings);
	start = getenv("FARLEY_DIR");
	if (start && !*start)
		start = NULL;

	/* options before the command: -C DIR, --version ..., and the global
	 * options, parsed by the same table as after the command */
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		int r = parse_global_option(argc, argv, &i, &ctx);
		if (r < 0)
			return 2;
		if (r > 0)
			continue;
		if (!strcmp(a, "-C")) {
			if (++i >= argc)
				return usage_error(main_usage, "-C needs a directory");
			if (chdir(argv[i])) {
				fprintf(stderr, "farley: error: cannot change to '%s': %s\n",
					argv[i], strerror(errno));
				return 1;
			}
		} else if (!strcmp(a, "--version")) {
			printf("farley %s\n", FARLEY_VERSION);
			return 0;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			print_commands(stdout);
			return 0;
		} else if (!strcmp(a, "--list-commands")) {
			for (const struct cmd_struct *c = farley_commands; c->name; c++)
				printf("%s\n", c->name);
			return 0;
		} else if (!strcmp(a, "--list-ids")) {
			/* for shell completion: every record id, quietly */
			if (farley_repo_open(&ctx.repo, start, &ctx.settings, &err)) {
				farley_error_clear(&err);
				return 1;
			}
			farley_repo_foreach(ctx.repo, FARLEY_NOKIND, print_id, NULL, &err);
			farley_error_clear(&err);
			farley_repo_free(ctx.repo);
			return 0;
		} else if (!strncmp(a, "--list-fields=", 14)) {
			/* for shell completion: the listed fields of a kind */
			enum farley_kind k = farley_kind_parse(a + 14);
			size_t n;
			const struct farley_fielddef *defs;
			if (k == FARLEY_NOKIND)
				return 2;
			defs = farley_schema(k, &n);
			for (size_t f = 0; f < n; f++)
				printf("%s\n", defs[f].name);
			return 0;
		} else {
			return usage_error(main_usage, "unknown option '%s'", a);
		}
	}
	finish_globals(&ctx);
	if (i >= argc) {
		print_commands(stderr);
		return 2;
	}
	argc -= i;
	argv += i;
	for (const struct cmd_struct *c = farley_commands; c->name; c++)
		if (!strcmp(c->name, argv[0]))
			cmd = c;
	if (!cmd) {
		const char *names[64], *guess;
		size_t k = 0;
		run_external(argv);
		for (const struct cmd_struct *c = farley_commands; c->name && k < 63; c++)
			names[k++] = c->name;
		names[k] = NULL;
		if ((guess = did_you_mean(argv[0], names)))
			return usage_error(NULL, "'%s' is not a farley command; did you "
						 "mean '%s'?",
					   argv[0], guess);
		return usage_error(NULL, "'%s' is not a farley command; see 'farley help'",
				   argv[0]);
	}
	for (int j = 1; j < argc; j++) {
		if (!strcmp(argv[j], "--"))
			break;
		if (!strcmp(argv[j], "--help") || !strcmp(argv[j], "-h") ||
		    !strcmp(argv[j], "--list-options"))
			help_only = 1;
	}
	if ((cmd->flags & NEED_REPO) && !help_only) {
		if (farley_repo_open(&ctx.repo, start, &ctx.settings, &err))
			return report(&err);
	}
	if ((cmd->flags & USE_INDEX) && !help_only) {
		if (farley_index_open(&ctx.index, ctx.repo, progress_bar, NULL, &err)) {
			farley_repo_free(ctx.repo);
			return report(&err);
		}
	}
	ret = cmd->fn(argc, argv, &ctx);
	farley_index_close(ctx.index);
	farley_repo_free(ctx.repo);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "farley: error: cannot write output: %s\n",
			strerror(errno));
		return 1;
	}
	return ret;
}
