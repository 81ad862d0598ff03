/* edit.c: farley edit ID -- edit a record's file in $VISUAL / $EDITOR.
 *
 * The editor works on a private copy; nothing is written to the record
 * until the copy is valid, and then through the same write path as every
 * other command. */
#include "cmds.h"
#include "farley/proc.h"
#include "farley/yamlrec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const usage[] = { "farley edit ID", NULL };

static int run_editor(const char *cmd, const char *file, struct farley_error *err)
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

static char *editor_command(struct farley_ctx *ctx)
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

static int ask_again(void)
{
	char line[64];
	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
		return 0;
	fputs("Edit again? [Y/n] ", stderr);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	return line[0] != 'n' && line[0] != 'N';
}

static int write_copy(const char *path, const struct strbuf *text,
		      struct farley_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || write(fd, text->buf, text->len) != (ssize_t)text->len) {
		int ret = farley_error_errno(err, FARLEY_EIO, "cannot write '%s'", path);
		if (fd >= 0)
			close(fd);
		return ret;
	}
	close(fd);
	return 0;
}

/* Which fields differ, for the commit message. */
static void changed_fields(struct strbuf *out, const struct farley_record *a,
			   const struct farley_record *b)
{
	for (size_t i = 0; i < a->nfields; i++) {
		struct farley_field *f = farley_record_get(b, a->fields[i].key);
		if (!f || !farley_field_equal(&a->fields[i], f))
			strbuf_addf(out, "%s%s", out->len ? ", " : "", a->fields[i].key);
	}
	for (size_t i = 0; i < b->nfields; i++)
		if (!farley_record_get(a, b->fields[i].key))
			strbuf_addf(out, "%s%s", out->len ? ", " : "", b->fields[i].key);
}

int cmd_edit(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record orig = FARLEY_RECORD_INIT, now = FARLEY_RECORD_INIT;
	struct farley_record edited = FARLEY_RECORD_INIT;
	struct farley_txn *txn = NULL;
	struct strbuf copy = STRBUF_INIT, text = STRBUF_INIT, msg = STRBUF_INIT;
	struct strbuf fields = STRBUF_INIT;
	char *editor = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n != 1)
		return usage_error(usage, n ? "one id at a time" : "which record?");
	if (find_record(ctx, argv[1], &orig, &err) && !orig.text.len)
		goto out;
	farley_error_clear(&err);
	strbuf_addf(&copy, "%sfarley", farley_repo_gitdir(ctx->repo));
	mkdir(copy.buf, 0700);
	strbuf_addf(&copy, "/EDIT-%s.yaml", orig.id);
	strbuf_add(&text, orig.text.buf, orig.text.len);
	editor = editor_command(ctx);
	for (;;) {
		if (write_copy(copy.buf, &text, &err) || run_editor(editor, copy.buf, &err))
			goto out;
		strbuf_reset(&text);
		if (strbuf_read_file(&text, copy.buf, FARLEY_MAX_FILE + 1)) {
			farley_error_errno(&err, FARLEY_EIO, "cannot read '%s'", copy.buf);
			goto out;
		}
		farley_record_release(&edited);
		edited.kind = orig.kind;
		edited.id = xstrdup(orig.id);
		edited.path = xstrdup(orig.path);
		if (!farley_yaml_parse(&edited, text.buf, text.len, &err) &&
		    !farley_record_validate(&edited, farley_repo_config(ctx->repo), &err))
			break;
		report(&err);
		if (!ask_again()) {
			farley_error_set(&err, FARLEY_EINVAL,
					 "'%s' not changed; your edit is kept in '%s'",
					 orig.id, copy.buf);
			goto out;
		}
	}
	if (text.len == orig.text.len && !memcmp(text.buf, orig.text.buf, text.len)) {
		if (!ctx->quiet)
			fprintf(stderr, "farley: %s: nothing changed\n", orig.id);
		unlink(copy.buf);
		ret = 0;
		goto out;
	}
	if (begin_write(ctx, &txn, &err))
		goto out;
	/* someone else may have changed it while the editor was open */
	if (farley_repo_load(ctx->repo, orig.kind, orig.id, orig.path, &now, &err) ||
	    now.text.len != orig.text.len ||
	    memcmp(now.text.buf, orig.text.buf, now.text.len)) {
		farley_error_set(&err, FARLEY_ECONFLICT,
				 "'%s' changed while you were editing it; your "
				 "version is kept in '%s'",
				 orig.id, copy.buf);
		goto out;
	}
	changed_fields(&fields, &orig, &edited);
	strbuf_addf(&msg, "edit %s %s: %s", farley_kind_name(orig.kind), orig.id,
		    fields.len ? fields.buf : "formatting");
	if (farley_txn_put(txn, orig.path, text.buf, text.len, &err) ||
	    finish_write(ctx, txn, msg.buf, &err))
		goto out;
	unlink(copy.buf);
	ret = emit_written(ctx, &orig, 0, NULL);
out:
	farley_txn_end(txn);
	farley_record_release(&orig);
	farley_record_release(&now);
	farley_record_release(&edited);
	strbuf_release(&copy);
	strbuf_release(&text);
	strbuf_release(&msg);
	strbuf_release(&fields);
	free(editor);
	return ret == 1 && err.code ? report(&err) : ret;
}
