/* merge-driver.c: farley merge-driver %O %A %B %L %P -- git's merge driver
 * for record files (registered as merge.farley.driver). */
#include "cmds.h"
#include "farley/fileio.h"
#include "farley/merge.h"
#include "farley/proc.h"
#include "farley/yamlrec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const usage[] = {
	"farley merge-driver BASE OURS THEIRS [MARKER-SIZE] [PATH]",
	NULL,
};

/* Whether git is rebasing (farley sync pulls with --rebase): then %A,
 * "ours", is the upstream commit replayed onto -- what others pushed --
 * and %B, "theirs", the user's own commit. */
static int rebasing(void)
{
	static const char *const dirs[] = { "rebase-merge", "rebase-apply" };
	for (int i = 0; i < 2; i++) {
		const char *argv[] = { "git", "rev-parse", "--git-path", dirs[i], NULL };
		struct strbuf out = STRBUF_INIT;
		struct farley_proc p = { 0 };
		struct stat st;
		int yes;
		p.argv = argv;
		p.out = &out;
		p.quiet_stderr = 1;
		if (farley_proc_run(&p)) {
			strbuf_release(&out);
			continue;
		}
		while (out.len && out.buf[out.len - 1] == '\n')
			strbuf_setlen(&out, out.len - 1);
		yes = out.len && !stat(out.buf, &st) && S_ISDIR(st.st_mode);
		strbuf_release(&out);
		if (yes)
			return 1;
	}
	return 0;
}

/* The markers say whose side is whose in words a person reads. */
static void side_labels(struct farley_merge_labels *l)
{
	if (rebasing()) {
		l->ours = "theirs (upstream, pushed by others)";
		l->theirs = "yours (your local commit)";
	} else {
		l->ours = "yours (HEAD)";
		l->theirs = "theirs (being merged in)";
	}
}

/* When a side is not a readable record, git's own line merge decides. */
static int text_merge(const char *base, const char *ours, const char *theirs,
		      const struct farley_merge_labels *l)
{
	const char *argv[] = { "git", "merge-file", "-L", l->ours, "-L", "base",
			       "-L", l->theirs, ours, base, theirs, NULL };
	struct farley_proc p = { 0 };
	p.argv = argv;
	return farley_proc_run(&p) ? 1 : 0;
}

int cmd_merge_driver(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct strbuf base = STRBUF_INIT, ours = STRBUF_INIT, theirs = STRBUF_INIT;
	struct strbuf out = STRBUF_INIT;
	struct farley_merge_labels labels = { NULL, NULL };
	const char *path;
	int n = parse_options(argc, argv, opts, usage, ctx), marker = 7, ret;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n < 3 || n > 5)
		return usage_error(usage, "git passes %%O %%A %%B %%L %%P");
	if (n >= 4 && atoi(argv[4]) > 0 && atoi(argv[4]) < 100)
		marker = atoi(argv[4]);
	path = n >= 5 ? argv[5] : argv[2];
	if (strbuf_read_file(&base, argv[1], FARLEY_MAX_FILE) ||
	    strbuf_read_file(&ours, argv[2], FARLEY_MAX_FILE) ||
	    strbuf_read_file(&theirs, argv[3], FARLEY_MAX_FILE)) {
		fprintf(stderr, "farley: error: merge of '%s': cannot read a side: %s\n",
			path, strerror(errno));
		ret = 2;
		goto out;
	}
	side_labels(&labels);
	ret = farley_merge_texts(path, &base, &ours, &theirs, marker, &labels, &out, &err);
	if (ret < 0) {
		/* not records we can read: merge the lines, as git would */
		fprintf(stderr, "farley: warning: %s: %s; merging it line by line\n", path,
			err.msg ? err.msg : "not a record");
		farley_error_clear(&err);
		ret = text_merge(argv[1], argv[2], argv[3], &labels);
		goto out;
	}
	if (farley_write_atomic(argv[2], out.buf, out.len, &err)) {
		fprintf(stderr, "farley: error: merge of '%s': %s\n", path, err.msg);
		farley_error_clear(&err);
		ret = 2;
		goto out;
	}
	if (ret)
		fprintf(stderr, "farley: conflict in %s: the same field changed on both sides\n",
			path);
out:
	strbuf_release(&base);
	strbuf_release(&ours);
	strbuf_release(&theirs);
	strbuf_release(&out);
	return ret;
}
