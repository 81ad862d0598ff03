/* cmds.h: the command layer's shared pieces.
 *
 * Each subcommand lives in cmd/<verb>.c as
 *     int cmd_<verb>(int argc, char **argv, struct farley_ctx *ctx);
 * and returns the exit status (0 ok, 1 failed, 2 usage).  Options are
 * declared in a table (struct option) from which --help and the shell
 * completions (--list-options) are generated. */
#ifndef FARLEY_CMDS_H
#define FARLEY_CMDS_H

#include <stdio.h>

#include "farley/assign.h"
#include "farley/create.h"
#include "farley/emit.h"
#include "farley/error.h"
#include "farley/lookup.h"
#include "farley/record.h"
#include "farley/repo.h"

#define FARLEY_VERSION "0.1.0"

struct farley_index;
struct farley_ctx {
	struct farley_repo *repo;
	struct farley_index *index; /* with USE_INDEX */
	const char *dir;        /* -C */
	enum farley_format format;
	const char *color_when; /* auto, always, never */
	int quiet;
	int no_commit;
	int color;              /* colour on stdout */
	int tty;                /* stdout is a terminal */
	int width;              /* terminal columns */
	int no_header;          /* --no-header */
	const char *template;   /* --template: the format is a template */
	int no_pager;           /* --no-pager */
	int no_relative;        /* tables keep dates as they are (due) */
	int fields_chosen;      /* the command's --fields was given */
	struct farley_settings settings; /* from the environment, read once */
};

/* OPT_KEYWORD is a string that must be one of the words of argh, which
 * lists them separated by '|' ("auto|always|never"): the parser refuses
 * anything else, with the same message wherever the option appears. */
enum opt_type { OPT_END, OPT_BOOL, OPT_STRING, OPT_INT, OPT_LIST, OPT_KEYWORD };

struct option {
	enum opt_type type;
	int short_name;
	const char *long_name;
	void *value;       /* int *, const char **, or struct strlist * */
	const char *argh;  /* the argument's name in help; OPT_KEYWORD: the words */
	const char *help;
};

/* Repeatable string options collect here. */
struct strlist {
	const char **items;
	size_t n, alloc;
};

#define OPT_END_() { OPT_END, 0, NULL, NULL, NULL, NULL }

/* Options several commands share, defined once. */
#define OPT_OWNER(v) { OPT_STRING, 'o', "owner", (v), "O", "only this owner's records" }
#define OPT_AS_OF(v) { OPT_STRING, 0, "as-of", (v), "DATE", \
		       "as the repository was at the end of DATE" }
#define OPT_FROM(v) { OPT_STRING, 0, "from", (v), "D", \
		       "from this day, month (2026-12) or quarter (2026-Q4)" }
#define OPT_TO(v) { OPT_STRING, 0, "to", (v), "D", \
		     "up to this day, month or quarter (its last day)" }

/* The global options (--format, --color, -q, --no-commit): parse one at
 * argv[*i] into ctx, advancing *i past its value.  Returns 1 when it was
 * one, 0 when not, -2 after a usage error (printed).  main() uses it for
 * options before the command, parse_options() for those after. */
int parse_global_option(int argc, char **argv, int *i, struct farley_ctx *ctx);
/* Settle what the global options say (format auto, colour auto). */
void finish_globals(struct farley_ctx *ctx);

/* Parse argv[1..] (argv[0] is the command) against opts and the global
 * options.  Positional arguments are left in argv[1..], their count
 * returned; returns -1 after printing help (exit 0) and -2 after a usage
 * error (exit 2).  usage is "farley add KIND NAME [FIELD=VALUE...]" etc.,
 * one string per line, NULL-terminated. */
int parse_options(int argc, char **argv, const struct option *opts,
		  const char *const *usage, struct farley_ctx *ctx);
/* Exit status for parse_options' negative results. */
#define PARSE_EXIT(n) ((n) == -1 ? 0 : 2)
void usage_with_options(FILE *out, const char *const *usage,
			const struct option *opts);

/* Print err as "farley: error: ..." and return the exit status for it. */
int report(struct farley_error *err);
/* Print a usage error and return 2. */
int usage_error(const char *const *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print to stdout unless -q. */
void say(struct farley_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Emit doc with the context's format; vertical for single records. */
int emit(struct farley_ctx *ctx, const struct farley_node *doc,
	 const char *const *columns, int vertical);

/* Once per command, on stderr: the answer leaves out the records of kind
 * (FARLEY_NOKIND: any) that could not be read; 'farley check' says why. */
void warn_unreadable(struct farley_ctx *ctx, enum farley_kind kind);
/* An empty answer on a terminal says so ("no deals match") on stderr;
 * in a pipe it stays empty. */
void say_empty(struct farley_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Start the pager for the reading command args[0] when stdout is a
 * terminal (cmd/terminal/pager.c): $FARLEY_PAGER, git config farley.pager, $PAGER,
 * else "less -FRX"; not with --no-pager (anywhere in args) or when the
 * pager is "cat" or empty.  It is waited for at exit. */
void setup_pager(struct farley_ctx *ctx, int argc, char **args);

/* Split a command like git's core.editor ("code --wait", 'vim -c "set
 * tw=72"') into words: quotes and backslashes, no shell; file (if not
 * NULL) is the last word.  NULL-terminated; the caller frees each word. */
char **split_command(const char *cmd, const char *file);

/* Whether writing commands commit (--no-commit, farley.commit=false). */
int want_commit(struct farley_ctx *ctx);

/* On stderr, unless -q: how to turn git's settings for many files on,
 * when the repository is past the size where they pay off. */
void many_files_hint(struct farley_ctx *ctx);

/* The candidate closest to word (a typo away: one edit, two for longer
 * words), or NULL. */
const char *did_you_mean(const char *word, const char *const *candidates);

/* Looking records up with the index when the command has one open. */
struct farley_lookup ctx_lookup(struct farley_ctx *ctx);
struct farley_query;
/* farley_index_select() after every @SEGMENT of q's filters and --where
 * is expanded from farley.yaml (cmd/segments.c). */
int select_records(struct farley_ctx *ctx, const struct farley_query *q,
		   int64_t **rids, size_t *n, struct farley_error *err);
int find_record(struct farley_ctx *ctx, const char *prefix,
		struct farley_record *out, struct farley_error *err);
/* What assign.h and create.h need, from the context; lk lives as long. */
struct farley_assign_env assign_env(struct farley_ctx *ctx,
				    struct farley_lookup *lk);
/* owner and author are the caller's to free (farley_repo_default_owner,
 * farley_repo_author_email). */
struct farley_create_env create_env(struct farley_ctx *ctx,
				    struct farley_lookup *lk, const char *owner,
				    const char *author);
/* Apply argv's FIELD=VALUE arguments to r, describing them in desc. */
int apply_assignments(struct farley_ctx *ctx, struct farley_record *r,
		      char **args, int nargs, struct strbuf *desc,
		      struct farley_error *err);

/* A writer's result: {"id", "kind", "path"} (plus extra's members) in
 * json, ndjson and yaml; the id alone in the other formats when show_id,
 * nothing otherwise.  extra may be NULL; it is freed. */
int emit_written(struct farley_ctx *ctx, const struct farley_record *r,
		 int show_id, struct farley_node *extra);

/* Test hooks, read once from FARLEY_TEST_CRASH_AT / FARLEY_TEST_PAUSE_AT:
 * die, or wait a minute, at the named point of the write path. */
void checkpoint(const char *name);

/* Validate r and render its file text: a format-preserving edit of orig
 * when there is one, the canonical form otherwise. */
int render_record(struct farley_ctx *ctx, struct farley_record *r,
		  const struct farley_record *orig, struct strbuf *text,
		  struct farley_error *err);
/* The write path for commands: take the lock (and check the identity)
 * first, stage files with farley_txn_put(), then finish_write() commits
 * (or only stages, with --no-commit); farley_txn_end() always. */
/* Validate and render r (an edit of orig, or NULL for a new record), stage
 * it and finish the write with message. */
int write_record(struct farley_ctx *ctx, struct farley_txn *txn,
		 struct farley_record *r, const struct farley_record *orig,
		 const char *message, struct farley_error *err);
int begin_write(struct farley_ctx *ctx, struct farley_txn **txn,
		struct farley_error *err);
int finish_write(struct farley_ctx *ctx, struct farley_txn *txn,
		 const char *message, struct farley_error *err);
/* The records of rids as a list of maps (ls.c); only: keep just these
 * fields (NULL: all).  *ret is set to the exit status on failure. */
struct farley_node *records_node(struct farley_ctx *ctx, const int64_t *rids,
				 size_t n, enum farley_kind kind,
				 const char *const *only, int *ret);

/* The editor (cmd/terminal/editor.c): $VISUAL (unless TERM=dumb), $EDITOR, git's
 * core.editor, else vi; the caller frees it.  run_editor() runs it on file
 * (words split as git does, no shell).  ask_yes() asks a yes/no question
 * on the terminal (yes by default), otherwise when there is none. */
char *editor_command(struct farley_ctx *ctx);
int run_editor(const char *cmd, const char *file, struct farley_error *err);
int ask_yes(const char *question, int otherwise);
/* Colour rows of records that mean something (cmd/terminal/style.c): overdue deals
 * and tasks red, won deals green, lost deals and done tasks dim, stalled
 * deals yellow.  Only for tables in colour. */
void style_records(struct farley_ctx *ctx, struct farley_node *list);

/* A progress bar on stderr when it is a terminal (farley_progress_fn). */
void progress_bar(size_t done, size_t total, void *data);

int cmd_add(int argc, char **argv, struct farley_ctx *ctx);
int cmd_campaign(int argc, char **argv, struct farley_ctx *ctx);
int cmd_cases(int argc, char **argv, struct farley_ctx *ctx);
int cmd_check(int argc, char **argv, struct farley_ctx *ctx);
int cmd_done(int argc, char **argv, struct farley_ctx *ctx);
int cmd_due(int argc, char **argv, struct farley_ctx *ctx);
int cmd_dupes(int argc, char **argv, struct farley_ctx *ctx);
int cmd_edit(int argc, char **argv, struct farley_ctx *ctx);
int cmd_export(int argc, char **argv, struct farley_ctx *ctx);
int cmd_forecast(int argc, char **argv, struct farley_ctx *ctx);
int cmd_help(int argc, char **argv, struct farley_ctx *ctx);
int cmd_history(int argc, char **argv, struct farley_ctx *ctx);
int cmd_import(int argc, char **argv, struct farley_ctx *ctx);
int cmd_index(int argc, char **argv, struct farley_ctx *ctx);
int cmd_init(int argc, char **argv, struct farley_ctx *ctx);
int cmd_log(int argc, char **argv, struct farley_ctx *ctx);
int cmd_ls(int argc, char **argv, struct farley_ctx *ctx);
int cmd_merge(int argc, char **argv, struct farley_ctx *ctx);
int cmd_merge_driver(int argc, char **argv, struct farley_ctx *ctx);
int cmd_pipeline(int argc, char **argv, struct farley_ctx *ctx);
int cmd_report(int argc, char **argv, struct farley_ctx *ctx);
int cmd_rm(int argc, char **argv, struct farley_ctx *ctx);
int cmd_segments(int argc, char **argv, struct farley_ctx *ctx);
int cmd_search(int argc, char **argv, struct farley_ctx *ctx);
int cmd_set(int argc, char **argv, struct farley_ctx *ctx);
int cmd_show(int argc, char **argv, struct farley_ctx *ctx);
int cmd_status(int argc, char **argv, struct farley_ctx *ctx);
int cmd_sync(int argc, char **argv, struct farley_ctx *ctx);

/* The command table, for help and completion. */
struct cmd_struct {
	const char *name;
	int (*fn)(int, char **, struct farley_ctx *);
	unsigned flags;
	const char *summary;
};
#define NEED_REPO 1
#define USE_INDEX 2 /* open the index (and bring it up to date) first */
extern const struct cmd_struct farley_commands[];

#endif
