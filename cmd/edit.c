/* edit.c: farley edit ID -- edit a record's file in $VISUAL / $EDITOR.
 *
 * The editor works on a private copy; nothing is written to the record
 * until the copy is valid, and then through the same write path as every
 * other command. */
#include "cmds.h"
#include "farley/date.h"
#include "farley/yamlrec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const usage[] = { "farley edit ID", NULL };

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

/* The references the edit added must name records that exist, in full,
 * as set and add require. */
struct ref_check {
	struct farley_lookup lk;
	const struct farley_record *orig;
	struct farley_error *err;
};

static int had_ref(const struct farley_record *orig, const char *field,
		   const char *id)
{
	const struct farley_scalar *v;
	size_t n = farley_record_values(orig, field, &v);
	for (size_t i = 0; i < n; i++)
		if (v[i].s && !strcmp(v[i].s, id))
			return 1;
	return 0;
}

static int check_ref(const struct farley_record *r, const char *field,
		     const char *target, enum farley_kind want, void *data)
{
	struct ref_check *rc = data;
	char *id = NULL;
	int ret;
	if (had_ref(rc->orig, field, target))
		return 0;
	ret = farley_lookup_ref(&rc->lk, field, target, want, &id, rc->err);
	if (!ret && strcmp(id, target))
		ret = farley_error_set(rc->err, FARLEY_EINVAL,
				       "%s: '%s' is not a full id; did you mean '%s'?",
				       field, target, id);
	if (ret)
		farley_error_prefix(rc->err, "%s", r->path);
	free(id);
	return ret;
}

/* The checks of set and add, on the edited record. */
static int check_edit(struct farley_ctx *ctx, const struct farley_record *orig,
		      const struct farley_record *edited, struct farley_error *err)
{
	struct ref_check rc = { ctx_lookup(ctx), orig, err };
	if (farley_record_validate(edited, farley_repo_config(ctx->repo), err) ||
	    farley_record_check_input(edited, orig, err))
		return -1;
	return farley_record_refs(edited, check_ref, &rc) ? -1 : 0;
}

/* A deal the edit moved into won or lost closes today, unless the edit
 * set close itself: text is rewritten to say so. */
static int close_deal(struct farley_ctx *ctx, const struct farley_record *orig,
		      const struct farley_record *edited, struct strbuf *text,
		      struct farley_error *err)
{
	struct farley_record want = FARLEY_RECORD_INIT;
	int ret = 0;
	farley_record_copy(&want, edited);
	if (farley_deal_closing(farley_repo_config(ctx->repo), &want,
				farley_record_str(orig, "stage"),
				farley_record_str(orig, "close"), farley_today(), NULL)) {
		struct strbuf out = STRBUF_INIT;
		if (!(ret = farley_yaml_edit(edited, &want, &out, err))) {
			strbuf_reset(text);
			strbuf_add(text, out.buf, out.len);
		}
		strbuf_release(&out);
	}
	farley_record_release(&want);
	return ret;
}

/* An edit refused before is kept with the text it started from (.base);
 * offer to take it up again.  1: text holds it. */
static int resume(const char *copy, const char *base, const struct farley_record *orig,
		  struct strbuf *text)
{
	struct strbuf was = STRBUF_INIT, kept = STRBUF_INIT, q = STRBUF_INIT;
	int same_base, yes = 0;
	if (strbuf_read_file(&kept, copy, FARLEY_MAX_FILE + 1))
		goto out;
	same_base = !strbuf_read_file(&was, base, FARLEY_MAX_FILE + 1) &&
		    was.len == orig->text.len &&
		    !memcmp(was.buf, orig->text.buf, was.len);
	strbuf_addf(&q, "farley: your unfinished edit of '%s' is kept in '%s'%s.\n"
		    "Resume it?", orig->id, copy,
		    same_base ? "" : " (the record has changed since)");
	/* without a terminal: resume when nothing has changed since */
	yes = ask_yes(q.buf, same_base);
	if (yes) {
		if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
			fprintf(stderr, "farley: resuming your unfinished edit of '%s' "
				"(delete '%s' to start afresh)\n", orig->id, copy);
		strbuf_reset(text);
		strbuf_add(text, kept.buf, kept.len);
	} else {
		/* not resumed, still not lost */
		struct strbuf old = STRBUF_INIT;
		strbuf_addf(&old, "%s~", copy);
		if (!rename(copy, old.buf))
			fprintf(stderr, "farley: starting from '%s' as it is; your "
				"earlier edit is now in '%s'\n", orig->id, old.buf);
		strbuf_release(&old);
	}
out:
	strbuf_release(&was);
	strbuf_release(&kept);
	strbuf_release(&q);
	return yes;
}

static void keep(const char *base, const struct farley_record *orig)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct strbuf b = STRBUF_INIT;
	strbuf_add(&b, orig->text.buf, orig->text.len);
	write_copy(base, &b, &err);
	farley_error_clear(&err);
	strbuf_release(&b);
}

int cmd_edit(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record orig = FARLEY_RECORD_INIT, now = FARLEY_RECORD_INIT;
	struct farley_record edited = FARLEY_RECORD_INIT;
	struct farley_txn *txn = NULL;
	struct strbuf copy = STRBUF_INIT, text = STRBUF_INIT, msg = STRBUF_INIT;
	struct strbuf fields = STRBUF_INIT, base = STRBUF_INIT;
	char *editor = NULL;
	struct stat st;
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
	strbuf_addf(&base, "%s.base", copy.buf);
	strbuf_add(&text, orig.text.buf, orig.text.len);
	if (!lstat(copy.buf, &st) && S_ISREG(st.st_mode))
		resume(copy.buf, base.buf, &orig, &text);
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
		    !check_edit(ctx, &orig, &edited, &err))
			break;
		report(&err);
		if (!ask_yes("Edit again?", 0)) {
			keep(base.buf, &orig);
			farley_error_set(&err, FARLEY_EINVAL,
					 "'%s' not changed; your edit is kept in '%s' "
					 "('farley edit %s' takes it up again)",
					 orig.id, copy.buf, orig.id);
			goto out;
		}
	}
	if (text.len == orig.text.len && !memcmp(text.buf, orig.text.buf, text.len)) {
		if (!ctx->quiet)
			fprintf(stderr, "farley: %s: nothing changed\n", orig.id);
		unlink(copy.buf);
		unlink(base.buf);
		ret = 0;
		goto out;
	}
	if (close_deal(ctx, &orig, &edited, &text, &err))
		goto out;
	if (begin_write(ctx, &txn, &err))
		goto out;
	/* someone else may have changed it while the editor was open */
	if (farley_repo_load(ctx->repo, orig.kind, orig.id, orig.path, &now, &err) ||
	    now.text.len != orig.text.len ||
	    memcmp(now.text.buf, orig.text.buf, now.text.len)) {
		keep(base.buf, &orig);
		farley_error_set(&err, FARLEY_ECONFLICT,
				 "'%s' changed while you were editing it; your "
				 "version is kept in '%s'",
				 orig.id, copy.buf);
		goto out;
	}
	farley_record_release(&edited);
	edited.kind = orig.kind;
	edited.id = xstrdup(orig.id);
	edited.path = xstrdup(orig.path);
	if (farley_yaml_parse(&edited, text.buf, text.len, &err))
		goto out;
	changed_fields(&fields, &orig, &edited);
	strbuf_addf(&msg, "edit %s %s: %s", farley_kind_name(orig.kind), orig.id,
		    fields.len ? fields.buf : "formatting");
	if (farley_txn_put(txn, orig.path, text.buf, text.len, &err) ||
	    finish_write(ctx, txn, msg.buf, &err))
		goto out;
	unlink(copy.buf);
	unlink(base.buf);
	ret = emit_written(ctx, &orig, 0, NULL);
out:
	farley_txn_end(txn);
	farley_record_release(&orig);
	farley_record_release(&now);
	farley_record_release(&edited);
	strbuf_release(&copy);
	strbuf_release(&base);
	strbuf_release(&text);
	strbuf_release(&msg);
	strbuf_release(&fields);
	free(editor);
	return ret == 1 && err.code ? report(&err) : ret;
}
