/* log.c: farley log [REF...] [-m SUMMARY] -- record an interaction. */
#include "cmds.h"
#include "farley/date.h"
#include "farley/ids.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const usage[] = {
	"farley log [REF...] [-m SUMMARY] [--channel CH] [--date D] [--deal ID] [--case ID] "
	"[--body TEXT|-] [FIELD=VALUE...]",
	NULL,
};

/* --date: a datetime, a date or a date expression; else now. */
static int parse_when(const char *date, struct strbuf *when)
{
	struct farley_datetime dt;
	int32_t day;
	if (!date) {
		farley_now(&dt);
	} else if (farley_datetime_parse(date, &dt)) {
		if (farley_date_expr(date, &day))
			return -1;
		memset(&dt, 0, sizeof(dt));
		dt.day = day;
	}
	farley_datetime_format(when, &dt);
	return 0;
}

/* A positional REF: a contact joins the list, a company or deal is the
 * interaction's one company or deal.  *first keeps the first one named. */
static int link_ref(struct farley_ctx *ctx, struct farley_record *r,
		    const char *ref, char **first, struct farley_error *err)
{
	struct farley_lookup lk = ctx_lookup(ctx);
	enum farley_kind kind;
	char *id = NULL, *path = NULL;
	int ret = 0;
	if (!farley_id_valid(ref))
		return farley_error_set(err, FARLEY_EINVAL, "'%s' is not a valid id", ref);
	if ((ret = farley_lookup_resolve(&lk, ref, FARLEY_NOKIND, &kind, &id, &path,
					 err)))
		return ret;
	free(path);
	if (kind == FARLEY_CONTACT) {
		farley_record_add_item(r, "contacts", id);
	} else if (kind == FARLEY_COMPANY || kind == FARLEY_DEAL) {
		const char *key = kind == FARLEY_COMPANY ? "company" : "deal";
		const char *old = farley_record_str(r, key);
		if (old && strcmp(old, id))
			ret = farley_error_set(err, FARLEY_EINVAL,
					       "an interaction has one %s: '%s' or '%s'?",
					       key, old, id);
		else
			farley_record_set_str(r, key, id);
	} else {
		ret = farley_error_set(err, FARLEY_EINVAL,
				       "'%s' is a %s; log names contacts, companies "
				       "and deals",
				       id, farley_kind_name(kind));
	}
	if (!ret && !*first)
		*first = xstrdup(id);
	free(id);
	return ret;
}

/* The company of a contact or deal, when it has one. */
static char *company_of(struct farley_ctx *ctx, const char *id)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	char *res = NULL;
	if (!find_record(ctx, id, &r, &err)) {
		const char *c = farley_record_str(&r, "company");
		if (c && farley_id_valid(c))
			res = xstrdup(c);
	}
	farley_error_clear(&err);
	farley_record_release(&r);
	return res;
}

/* A contact's (or else the deal's) company comes along. */
static void add_company(struct farley_ctx *ctx, struct farley_record *r)
{
	struct farley_field *c = farley_record_get(r, "contacts");
	const char *deal = farley_record_str(r, "deal");
	char *company = NULL;
	if (farley_record_get(r, "company"))
		return;
	if (c && c->nitems)
		company = company_of(ctx, c->items[0].s);
	if (!company && deal)
		company = company_of(ctx, deal);
	if (company)
		farley_record_set_str(r, "company", company);
	free(company);
}

/* A case's contact and company come along when none is named. */
static void add_case_people(struct farley_ctx *ctx, struct farley_record *r)
{
	struct farley_record c = FARLEY_RECORD_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	const char *kase = farley_record_str(r, "case");
	if (kase && !find_record(ctx, kase, &c, &err)) {
		const char *contact = farley_record_str(&c, "contact");
		const char *company = farley_record_str(&c, "company");
		if (contact && farley_id_valid(contact) && !farley_record_get(r, "contacts"))
			farley_record_set_list(r, "contacts", &contact, 1);
		if (company && farley_id_valid(company) && !farley_record_get(r, "company"))
			farley_record_set_str(r, "company", company);
	}
	farley_error_clear(&err);
	farley_record_release(&c);
}

/* Whether an editor may be opened: one is set, or there is a terminal for
 * vi.  Without either, -m is needed (a script must not hang in vi). */
static int have_editor(struct farley_ctx *ctx)
{
	char *core;
	int yes = (getenv("VISUAL") && *getenv("VISUAL")) ||
		  (getenv("EDITOR") && *getenv("EDITOR"));
	if (!yes && (core = farley_repo_config_str(ctx->repo, "core.editor"))) {
		yes = 1;
		free(core);
	}
	return yes || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO));
}

/* The template's "# Linked to" lines: each REF named, with its title. */
static int describe_refs(struct farley_ctx *ctx, char **argv, int n,
			 const char *deal, struct strbuf *out,
			 struct farley_error *err)
{
	struct farley_lookup lk = ctx_lookup(ctx);
	for (int i = 1; i <= n + (deal != NULL); i++) {
		const char *ref = i <= n ? argv[i] : deal;
		struct farley_record r = FARLEY_RECORD_INIT;
		if (i <= n && strchr(ref, '='))
			continue; /* FIELD=VALUE */
		if (farley_lookup_find(&lk, ref, &r, err))
			return -1;
		strbuf_addf(out, "#   %s %s (%s)\n", farley_kind_name(r.kind), r.id,
			    farley_record_title(&r));
		farley_record_release(&r);
	}
	return 0;
}

/* Without -m: the message from the editor, as git commit does.  The first
 * line is the summary, what follows a blank line the body; '#' lines are
 * dropped.  1 when it is empty (abort), 0, or an error. */
static int message_from_editor(struct farley_ctx *ctx, char **argv, int n,
			       const char *channel, const char *when,
			       const char *deal, struct strbuf *summary,
			       struct strbuf *body, struct farley_error *err)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, links = STRBUF_INIT;
	char *editor = NULL;
	int ret = -1, fd;
	const char *p;
	if (describe_refs(ctx, argv, n, deal, &links, err))
		goto out;
	strbuf_addf(&path, "%sfarley", farley_repo_gitdir(ctx->repo));
	mkdir(path.buf, 0700);
	strbuf_addstr(&path, "/LOG_EDITMSG");
	strbuf_addf(&text,
		    "\n"
		    "# What happened? The first line is the summary; after a blank\n"
		    "# line, the full text. Lines starting with '#' are left out, and\n"
		    "# an empty message records nothing.\n"
		    "#\n"
		    "# Channel %s, date %s. Linked to:\n%s",
		    channel, when, links.len ? links.buf : "#   (nothing)\n");
	fd = open(path.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || write(fd, text.buf, text.len) != (ssize_t)text.len) {
		farley_error_errno(err, FARLEY_EIO, "cannot write '%s'", path.buf);
		if (fd >= 0)
			close(fd);
		goto out;
	}
	close(fd);
	editor = editor_command(ctx);
	if (run_editor(editor, path.buf, err))
		goto out;
	strbuf_reset(&text);
	if (strbuf_read_file(&text, path.buf, 1 << 20)) {
		farley_error_errno(err, FARLEY_EIO, "cannot read '%s'", path.buf);
		goto out;
	}
	/* the lines not starting with '#', the first non-blank one the summary */
	for (p = text.buf; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (*p != '#') {
			if (!summary->len) {
				strbuf_add(summary, p, len);
				strbuf_trim(summary);
			} else {
				strbuf_add(body, p, len);
				strbuf_addch(body, '\n');
			}
		}
		p += len + (nl != NULL);
	}
	strbuf_trim(body);
	ret = summary->len ? 0 : 1;
	unlink(path.buf);
out:
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&links);
	free(editor);
	return ret;
}

int cmd_log(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *summary = NULL, *channel = "note", *date = NULL, *deal = NULL;
	const char *body = NULL, *direction = NULL, *kase = NULL;
	const struct option opts[] = {
		{ OPT_STRING, 'm', "message", &summary, "SUMMARY",
		  "what happened, in one line (else the editor opens)" },
		{ OPT_STRING, 'c', "channel", &channel, "CH",
		  "email, call, meeting, chat, social, letter or note (default note)" },
		{ OPT_STRING, 'd', "date", &date, "D",
		  "when: YYYY-MM-DD or YYYY-MM-DDTHH:MM+01:00 (default now)" },
		{ OPT_STRING, 0, "deal", &deal, "ID", "the deal it is about" },
		{ OPT_STRING, 0, "case", &kase, "ID",
		  "the support case it belongs to (its contact and company come along)" },
		{ OPT_STRING, 'b', "body", &body, "TEXT|-",
		  "the full text; - reads it from standard input" },
		{ OPT_STRING, 0, "direction", &direction, "in|out",
		  "inbound or outbound" },
		OPT_END_(),
	};
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_txn *txn = NULL;
	struct farley_lookup lk = ctx_lookup(ctx);
	struct farley_assign_env aenv;
	struct farley_create_env cenv;
	struct strbuf desc = STRBUF_INIT, msg = STRBUF_INIT;
	struct strbuf stdin_body = STRBUF_INIT, when = STRBUF_INIT;
	struct strbuf ed_summary = STRBUF_INIT, ed_body = STRBUF_INIT;
	char *first_ref = NULL, *owner = NULL, *author = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1;

	if (n < 0)
		return PARSE_EXIT(n);
	if ((!summary && !have_editor(ctx)) || (summary && !*summary))
		return usage_error(usage, "a summary is needed (-m SUMMARY)");
	if (summary && strchr(summary, '\n'))
		return usage_error(usage, "the summary is one line; put the rest in --body");
	if (parse_when(date, &when)) {
		/* a bad value is invalid data (1), as date= is in add and set */
		farley_error_set(&err, FARLEY_EINVAL,
				 "--date: '%s' is not a date (YYYY-MM-DD, today, "
				 "yesterday, friday, -3d) or YYYY-MM-DDTHH:MM[:SS]+HH:MM",
				 date);
		goto out;
	}
	if (!summary) {
		int e = message_from_editor(ctx, argv, n, channel, when.buf, deal,
					    &ed_summary, &ed_body, &err);
		if (e < 0)
			goto out;
		if (e > 0) {
			fprintf(stderr, "farley: empty message; nothing recorded\n");
			goto out;
		}
		summary = ed_summary.buf;
		if (!body && ed_body.len)
			body = ed_body.buf;
	}
	if (body && !strcmp(body, "-")) {
		if (strbuf_read_fd(&stdin_body, STDIN_FILENO, 1 << 20)) {
			farley_error_set(&err, FARLEY_EFAIL,
					 "cannot read the body from standard input "
					 "(at most 1 MiB)");
			goto out;
		}
		body = stdin_body.buf;
	}

	if (begin_write(ctx, &txn, &err))
		goto out;
	aenv = assign_env(ctx, &lk);
	r.kind = FARLEY_INTERACTION;
	farley_record_set_str(&r, "date", when.buf);
	farley_record_set_str(&r, "summary", summary);
	for (int i = 1; i <= n; i++) {
		struct farley_assign a;
		int e;
		if (farley_assign_parse(argv[i], &a)) {
			if (link_ref(ctx, &r, argv[i], &first_ref, &err))
				goto out;
			continue;
		}
		e = farley_assign_apply(&aenv, &r, &a, &desc, &err);
		farley_assign_release(&a);
		if (e)
			goto out;
	}
	{
		/* through assign, so that a wrong one lists the right ones */
		struct farley_assign a = { (char *)"channel", FARLEY_ASSIGN_SET,
					   (char *)channel };
		if (farley_assign_apply(&aenv, &r, &a, &desc, &err))
			goto out;
	}
	if (deal) {
		struct farley_assign a = { (char *)"deal", FARLEY_ASSIGN_SET, (char *)deal };
		if (farley_assign_apply(&aenv, &r, &a, &desc, &err))
			goto out;
	}
	if (kase) {
		struct farley_assign a = { (char *)"case", FARLEY_ASSIGN_SET, (char *)kase };
		if (farley_assign_apply(&aenv, &r, &a, &desc, &err))
			goto out;
		add_case_people(ctx, &r);
	}
	if (direction) {
		struct farley_assign a = { (char *)"direction", FARLEY_ASSIGN_SET,
					   (char *)direction };
		if (farley_assign_apply(&aenv, &r, &a, &desc, &err))
			goto out;
	}
	if (body && *body)
		farley_record_set_str(&r, "body", body);
	add_company(ctx, &r);
	if ((owner = farley_repo_default_owner(ctx->repo)))
		farley_record_set_str(&r, "owner", owner);
	author = farley_repo_author_email(ctx->repo);
	cenv = create_env(ctx, &lk, owner, author);
	if (farley_record_new_id(&r, first_ref, &cenv, &err))
		goto out;
	strbuf_addf(&msg, "log %s%s%s: %s", channel, first_ref ? " with " : "",
		    first_ref ? first_ref : "", summary);
	if (write_record(ctx, txn, &r, NULL, msg.buf, &err))
		goto out;
	ret = emit_written(ctx, &r, 1, NULL);
out:
	farley_txn_end(txn);
	farley_record_release(&r);
	strbuf_release(&desc);
	strbuf_release(&msg);
	strbuf_release(&stdin_body);
	strbuf_release(&when);
	strbuf_release(&ed_summary);
	strbuf_release(&ed_body);
	free(owner);
	free(author);
	free(first_ref);
	return ret == 1 && err.code ? report(&err) : ret;
}
