/* farley.c: main(), the global options and the command table. */
#include "cmds.h"
#include "farley/config.h"
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
	  "create a company, contact, deal, task, case or campaign" },
	{ "campaign", cmd_campaign, NEED_REPO | USE_INDEX,
	  "a campaign's audience as a mail-merge list (csv, json)" },
	{ "cases", cmd_cases, NEED_REPO | USE_INDEX,
	  "open support cases by time left to breach their SLA" },
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
	{ "segments", cmd_segments, NEED_REPO | USE_INDEX,
	  "the named filters of farley.yaml and their sizes" },
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
	"farley [-C DIR] [--format=FMT] [--color=WHEN] [--no-pager] [-q] COMMAND [ARGS]",
	"farley help [COMMAND]",
	"farley --version",
	NULL,
};

static void print_commands(FILE *out)
{
	fprintf(out, "usage: %s\n\nCommands:\n", main_usage[0]);
	for (const struct cmd_struct *c = farley_commands; c->name; c++)
		fprintf(out, "   %-10s %s\n", c->name, c->summary);
	fputs("\n'farley help COMMAND' or 'farley COMMAND --help' tells more;\n"
	      "'farley help records', 'query' and 'json': the file format, --where\n"
	      "and the json output.\n", out);
}

/* Show the manual page name(section): the installed one, else the one
 * in FARLEY_MANDIR, else the one in man/ next to the farley binary (a
 * build tree).  0 when man showed it. */
static int show_man(const char *name, int section)
{
	struct strbuf path = STRBUF_INIT, exe = STRBUF_INIT;
	const char *man[4] = { "man", name, NULL, NULL };
	struct farley_proc p = { 0 };
	char buf[4096];
	ssize_t n;
	int status;
	p.argv = man;
	p.quiet_stderr = 1;
	if (!(status = farley_proc_run(&p)))
		return 0;
	man[1] = "-l";
	man[2] = path.buf;
	strbuf_addf(&path, "%s/man%d/%s.%d", FARLEY_MANDIR, section, name, section);
	man[2] = path.buf;
	if (!access(path.buf, R_OK) && !(status = farley_proc_run(&p)))
		goto out;
	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n > 0) {
		char *slash;
		buf[n] = '\0';
		/* a build tree: man/ beside the program, or up to three levels up
		 * from build/asan/bin/farley (the tests' copy) */
		for (int up = 0; up < 4 && status; up++) {
			if (!(slash = strrchr(buf, '/')))
				break;
			*slash = '\0';
			strbuf_reset(&exe);
			strbuf_addf(&exe, "%s/man/%s.%d", buf, name, section);
			man[2] = exe.buf;
			if (!access(exe.buf, R_OK))
				status = farley_proc_run(&p);
		}
	}
out:
	strbuf_release(&path);
	strbuf_release(&exe);
	return status ? -1 : 0;
}

/* Help on what is not a command: the file format, the query language,
 * the json shapes. */
static const struct {
	const char *name, *page;
	int section;
} help_topics[] = {
	{ "records", "farley-records", 5 },
	{ "query", "farley-query", 7 },
	{ "json", "farley-json", 7 },
	{ NULL, NULL, 0 },
};

int cmd_help(int argc, char **argv, struct farley_ctx *ctx)
{
	static const char *const usage[] = { "farley help [COMMAND | TOPIC]", NULL };
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
			int status;
			strbuf_addf(&page, "farley-%s", c->name);
			status = show_man(page.buf, 1);
			strbuf_release(&page);
			if (!status)
				return 0;
		}
		args[0] = (char *)c->name;
		args[1] = (char *)"--help";
		args[2] = NULL;
		return c->fn(2, args, ctx);
	}
	for (int t = 0; help_topics[t].name; t++) {
		if (strcmp(help_topics[t].name, argv[1]))
			continue;
		if (show_man(help_topics[t].page, help_topics[t].section)) {
			fprintf(stderr, "farley: error: cannot show the manual page %s(%d)\n",
				help_topics[t].page, help_topics[t].section);
			return 1;
		}
		return 0;
	}
	return usage_error(NULL, "'%s' is neither a farley command nor a help topic "
				 "(records, query, json); see 'farley help'",
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

/* Out of memory: say so and end at once, exit status 1.  Ending here is
 * as safe as being killed (t6100): a write in progress is rolled back by
 * the next writer, an index being built is left for the next command. */
static void out_of_memory(void)
{
	static const char msg[] = "farley: error: out of memory\n";
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* nothing left to try */
	}
	_exit(1);
}

/* The environment, read once: the library reads none. */
static void read_settings(struct farley_settings *s)
{
	const char *today = getenv("FARLEY_TODAY");
	const char *timeout = getenv("FARLEY_LOCK_TIMEOUT");
	struct farley_datetime now;
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
	if (today && !farley_date_parse(today, &day)) {
		farley_pretend_today(day);
	} else if (today && !farley_datetime_parse(today, &now) && now.has_time) {
		/* a time too: now is pretended as well (case clocks) */
		farley_pretend_today(now.day);
		farley_pretend_now(&now);
	}
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

/* farley.alias.NAME, like git's aliases: the value's words (quoted as in
 * a shell: '...', "...", backslash) replace NAME; a value starting with
 * '!' is a shell command, run with the rest of the arguments as "$@".
 * Read with git itself so every config file counts, the global one
 * outside a repository too. */
static char *alias_value(const char *name, const char *dir)
{
	struct strbuf key = STRBUF_INIT, out = STRBUF_INIT;
	const char *args[] = { "git", "config", "--get", NULL, NULL };
	struct farley_proc p = { 0 };
	int status;
	strbuf_addf(&key, "farley.alias.%s", name);
	args[3] = key.buf;
	p.argv = args;
	p.dir = dir;
	p.out = &out;
	p.quiet_stderr = 1;
	status = farley_proc_run(&p);
	strbuf_release(&key);
	if (status || !out.len) {
		strbuf_release(&out);
		return NULL;
	}
	if (out.buf[out.len - 1] == '\n')
		strbuf_setlen(&out, out.len - 1);
	return strbuf_detach(&out, NULL);
}

/* Split s into words as a shell would quote them (no expansion).  -1 on
 * an unclosed quote. */
static int split_words(char *s, char ***words, size_t *n)
{
	size_t alloc = 0;
	char *out = s;
	*words = NULL;
	*n = 0;
	while (*s) {
		char quote = 0, *start;
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		start = out;
		for (; *s && (quote || (*s != ' ' && *s != '\t' && *s != '\n')); s++) {
			if (quote && *s == quote)
				quote = 0;
			else if (!quote && (*s == '\'' || *s == '"'))
				quote = *s;
			else if (*s == '\\' && quote != '\'' && s[1])
				*out++ = *++s;
			else
				*out++ = *s;
		}
		if (quote)
			return -1;
		if (*s)
			s++;
		*out++ = '\0';
		ALLOC_GROW(*words, *n + 2, alloc);
		(*words)[(*n)++] = start;
	}
	return 0;
}

/* An expanded alias's words live until exit. */
static char *alias_text;
static char **alias_argv;

static void free_alias(void)
{
	free(alias_text);
	free(alias_argv);
}

/* Expand the alias in argv[0] into *argvp (argc in *argcp): 0 when it was
 * one (a shell alias does not return), 1 when there is no such alias, 2
 * after a usage error (printed). */
static int expand_alias(int *argcp, char ***argvp, const char *dir)
{
	char **argv = *argvp, **words, **nargv;
	char *value = alias_value(argv[0], dir);
	size_t n;
	if (!value)
		return 1;
	if (value[0] == '!') {
		/* sh -c 'CMD "$@"' NAME ARGS..., as git runs "!" aliases */
		struct strbuf cmd = STRBUF_INIT;
		char **sh = xcalloc((size_t)*argcp + 4, sizeof(*sh));
		strbuf_addf(&cmd, "%s \"$@\"", value + 1);
		sh[0] = (char *)"sh";
		sh[1] = (char *)"-c";
		sh[2] = cmd.buf;
		for (int i = 0; i < *argcp; i++)
			sh[3 + i] = argv[i];
		fflush(stdout);
		execvp("sh", sh);
		fprintf(stderr, "farley: error: cannot run the alias '%s': %s\n", argv[0],
			strerror(errno));
		exit(1);
	}
	if (split_words(value, &words, &n) || !n) {
		int ret = usage_error(NULL, "the alias farley.alias.%s is %s", argv[0],
				      n ? "badly quoted" : "empty");
		free(words);
		free(value);
		return ret;
	}
	nargv = xcalloc(n + (size_t)*argcp + 1, sizeof(*nargv));
	for (size_t i = 0; i < n; i++)
		nargv[i] = words[i];
	for (int i = 1; i < *argcp; i++)
		nargv[n + (size_t)i - 1] = argv[i];
	free(words);
	*argcp = (int)n + *argcp - 1;
	*argvp = nargv;
	alias_text = value;
	alias_argv = nargv;
	atexit(free_alias);
	return 0;
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
		} else if (!strncmp(a, "--list-values=", 14)) {
			/* for shell completion: the values of stage= and
			 * channel= (this repository's farley.yaml, else the
			 * defaults), of kind and of --by */
			struct farley_config defaults = { 0 };
			const struct farley_config *cfg = &defaults;
			const char *what = a + 14;
			if (!strcmp(what, "by")) {
				puts("month\nquarter");
				return 0;
			}
			if (!strcmp(what, "kind")) {
				puts("company\ncontact\ndeal\ninteraction\ntask");
				return 0;
			}
			if (strcmp(what, "stage") && strcmp(what, "channel"))
				return 2;
			if (!farley_repo_open(&ctx.repo, start, &ctx.settings, &err))
				cfg = farley_repo_config(ctx.repo);
			else
				farley_config_defaults(&defaults);
			farley_error_clear(&err);
			if (!strcmp(what, "stage"))
				for (size_t k = 0; k < cfg->nstages; k++)
					printf("%s\n", cfg->stages[k].name);
			else
				for (size_t k = 0; k < cfg->nchannels; k++)
					printf("%s\n", cfg->channels[k]);
			farley_config_release(&defaults);
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
	/* an alias never shadows a command, and expands to one (not to
	 * another alias) */
	if (!cmd && (ret = expand_alias(&argc, &argv, start)) != 1) {
		if (ret)
			return ret;
		for (const struct cmd_struct *c = farley_commands; c->name; c++)
			if (!strcmp(c->name, argv[0]))
				cmd = c;
	}
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
	if (!help_only)
		setup_pager(&ctx, argc, argv);
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
