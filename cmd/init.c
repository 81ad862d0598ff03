/* init.c: farley init [DIR] -- create or adopt a repository. */
#include "cmds.h"
#include "farley/config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const usage[] = { "farley init [DIR]", NULL };

static const char attributes[] =
	"# farley merges record files field by field (farley-merge-driver(1))\n"
	"companies/** merge=farley\n"
	"contacts/** merge=farley\n"
	"deals/** merge=farley\n"
	"interactions/** merge=farley\n"
	"tasks/** merge=farley\n";

/* The kinds that came later (cases, campaigns): a repository made before
 * them gets their lines added by the next `farley init`. */
static void add_missing_kinds(struct strbuf *text, int *changed)
{
	for (int k = 0; k < FARLEY_NKINDS; k++) {
		struct strbuf line = STRBUF_INIT;
		strbuf_addf(&line, "%s/** merge=farley\n",
			    farley_kind_dir((enum farley_kind)k));
		if (!strstr(text->buf, line.buf)) {
			if (text->len && text->buf[text->len - 1] != '\n')
				strbuf_addch(text, '\n');
			strbuf_add(text, line.buf, line.len);
			*changed = 1;
		}
		strbuf_release(&line);
	}
}

int cmd_init(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_txn *txn = NULL;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	const char *dir;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1, changed = 0;
	int created = 0;
	struct stat st;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n > 1)
		return usage_error(usage, "too many arguments");
	dir = n ? argv[1] : ".";
	/* no identity, nothing created */
	if (stat(dir, &st) && !farley_identity_known(NULL, &ctx->settings)) {
		farley_error_set(&err, FARLEY_EFAIL,
				 "no identity for the commit: tell git who you are "
				 "with\n  git config --global user.name \"Your Name\"\n"
				 "  git config --global user.email you@example.com");
		return report(&err);
	}
	if (farley_repo_init(&ctx->repo, dir, &ctx->settings, &created, &err))
		goto out;
	/* a new repository gets git's settings for many files from the start:
	 * a write then rewrites a small split index, not the whole file */
	if (created && farley_repo_enable_many_files(ctx->repo, &err))
		goto out;
	if (begin_write(ctx, &txn, &err))
		goto out;

	strbuf_addf(&path, "%sfarley.yaml", farley_repo_workdir(ctx->repo));
	if (stat(path.buf, &st) && errno == ENOENT) {
		const char *def = farley_config_default_text();
		farley_txn_put(txn, "farley.yaml", def, strlen(def), &err);
		changed = 1;
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s.gitattributes", farley_repo_workdir(ctx->repo));
	if (strbuf_read_file(&text, path.buf, 1 << 20) && errno != ENOENT) {
		farley_error_errno(&err, FARLEY_EIO, "cannot read '.gitattributes'");
		goto out;
	}
	{
		int attr_changed = 0;
		if (!strstr(text.buf, "merge=farley")) {
			if (text.len && text.buf[text.len - 1] != '\n')
				strbuf_addch(&text, '\n');
			strbuf_addstr(&text, attributes);
			attr_changed = 1;
		}
		add_missing_kinds(&text, &attr_changed);
		if (attr_changed) {
			farley_txn_put(txn, ".gitattributes", text.buf, text.len, &err);
			changed = 1;
		}
	}
	if (changed && finish_write(ctx, txn, "init farley repository", &err))
		goto out;
	if (farley_repo_load_config(ctx->repo, &err))
		goto out;
	say(ctx, "%s farley repository in %s\n",
	    changed ? "Initialized" : "Reinitialized", farley_repo_workdir(ctx->repo));
	many_files_hint(ctx);
	ret = 0;
out:
	farley_txn_end(txn);
	strbuf_release(&path);
	strbuf_release(&text);
	return ret ? report(&err) : 0;
}
