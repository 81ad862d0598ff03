/* log.c: farley log [REF...] -m SUMMARY -- record an interaction. */
#include "cmds.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/yamlrec.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const usage[] = {
	"farley log [REF...] -m SUMMARY [--channel CH] [--date D] [--deal ID] "
	"[--body TEXT|-] [FIELD=VALUE...]",
	NULL,
};

static int add_to_list(struct farley_record *r, const char *key, const char *v)
{
	struct farley_field *f = farley_record_get(r, key);
	if (f) {
		for (size_t i = 0; i < f->nitems; i++)
			if (!strcmp(f->items[i].s, v))
				return 0;
		f->items = xrealloc(f->items, (f->nitems + 1) * sizeof(*f->items));
		memset(&f->items[f->nitems], 0, sizeof(*f->items));
		f->items[f->nitems++].s = xstrdup(v);
		return 0;
	}
	farley_record_set_list(r, key, &v, 1);
	return 0;
}

/* The company of a contact or deal, when it has one. */
static char *company_of(struct farley_ctx *ctx, const char *id)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	char *res = NULL;
	if (!farley_repo_find(ctx->repo, id, &r, &err)) {
		const char *c = farley_record_str(&r, "company");
		if (c && farley_id_valid(c))
			res = xstrdup(c);
	}
	farley_error_clear(&err);
	farley_record_release(&r);
	return res;
}

int cmd_log(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *summary = NULL, *channel = "note", *date = NULL, *deal = NULL;
	const char *body = NULL, *direction = NULL;
	const struct option opts[] = {
		{ OPT_STRING, 'm', "message", &summary, "SUMMARY",
		  "what happened, in one line (required)" },
		{ OPT_STRING, 'c', "channel", &channel, "CH",
		  "email, call, meeting, chat, social, letter or note (default note)" },
		{ OPT_STRING, 'd', "date", &date, "D",
		  "when: YYYY-MM-DD or YYYY-MM-DDTHH:MM+01:00 (default now)" },
		{ OPT_STRING, 0, "deal", &deal, "ID", "the deal it is about" },
		{ OPT_STRING, 'b', "body", &body, "TEXT|-",
		  "the full text; - reads it from standard input" },
		{ OPT_STRING, 0, "direction", &direction, "in|out",
		  "inbound or outbound" },
		OPT_END_(),
	};
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_txn *txn = NULL;
	struct strbuf text = STRBUF_INIT, desc = STRBUF_INIT, msg = STRBUF_INIT;
	struct strbuf id = STRBUF_INIT, slug = STRBUF_INIT, stdin_body = STRBUF_INIT;
	struct strbuf when = STRBUF_INIT, h = STRBUF_INIT;
	struct farley_datetime dt;
	char *first_ref = NULL;
	char *owner = NULL, *company = NULL, *author = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1, nrefs = 0;

	if (n < 0)
		return PARSE_EXIT(n);
	if (!summary || !*summary)
		return usage_error(usage, "a summary is needed (-m SUMMARY)");
	if (strchr(summary, '\n'))
		return usage_error(usage, "the summary is one line; put the rest in --body");
	if (date) {
		int32_t day;
		if (!farley_datetime_parse(date, &dt)) {
			;
		} else if (!farley_date_expr(date, &day)) {
			memset(&dt, 0, sizeof(dt));
			dt.day = day;
		} else {
			return usage_error(usage,
					   "--date '%s' is not YYYY-MM-DD or "
					   "YYYY-MM-DDTHH:MM[:SS]+HH:MM",
					   date);
		}
	} else {
		farley_now(&dt);
	}
	farley_datetime_format(&when, &dt);
	if (body && !strcmp(body, "-")) {
		if (strbuf_read_fd(&stdin_body, STDIN_FILENO, 1 << 20)) {
			farley_error_set(&err, FARLEY_EFAIL,
					 "cannot read the body from standard input "
					 "(at most 1 MiB)");
			return report(&err);
		}
		body = stdin_body.buf;
	}

	if (begin_write(ctx, &txn, &err))
		goto out;
	r.kind = FARLEY_INTERACTION;
	farley_record_set_str(&r, "date", when.buf);
	farley_record_set_str(&r, "channel", channel);
	farley_record_set_str(&r, "summary", summary);
	for (int i = 1; i <= n; i++) {
		struct assign a;
		enum farley_kind kind;
		char *rid = NULL, *path = NULL;
		if (!assign_parse(argv[i], &a)) {
			int e = assign_apply(ctx, &r, &a, &desc, &err);
			assign_release(&a);
			if (e)
				goto out;
			continue;
		}
		if (!farley_id_valid(argv[i])) {
			farley_error_set(&err, FARLEY_EINVAL,
					 "'%s' is not a valid id", argv[i]);
			goto out;
		}
		if (farley_repo_resolve(ctx->repo, argv[i], &kind, &rid, &path, &err))
			goto out;
		free(path);
		if (kind == FARLEY_CONTACT) {
			add_to_list(&r, "contacts", rid);
		} else if (kind == FARLEY_COMPANY || kind == FARLEY_DEAL) {
			const char *key = kind == FARLEY_COMPANY ? "company" : "deal";
			const char *old = farley_record_str(&r, key);
			if (old && strcmp(old, rid)) {
				farley_error_set(&err, FARLEY_EINVAL,
						 "an interaction has one %s: '%s' or '%s'?",
						 key, old, rid);
				free(rid);
				goto out;
			}
			farley_record_set_str(&r, key, rid);
		} else {
			farley_error_set(&err, FARLEY_EINVAL,
					 "'%s' is a %s; log names contacts, companies "
					 "and deals",
					 rid, farley_kind_name(kind));
			free(rid);
			goto out;
		}
		if (!nrefs++)
			first_ref = xstrdup(rid);
		free(rid);
	}
	if (deal) {
		struct assign a = { (char *)"deal", ASSIGN_SET, (char *)deal };
		if (assign_apply(ctx, &r, &a, &desc, &err))
			goto out;
	}
	if (direction) {
		struct assign a = { (char *)"direction", ASSIGN_SET, (char *)direction };
		if (assign_apply(ctx, &r, &a, &desc, &err))
			goto out;
	}
	if (body && *body)
		farley_record_set_str(&r, "body", body);
	/* a contact's (or the deal's) company comes along */
	if (!farley_record_get(&r, "company")) {
		struct farley_field *c = farley_record_get(&r, "contacts");
		const char *d = farley_record_str(&r, "deal");
		if (c && c->nitems)
			company = company_of(ctx, c->items[0].s);
		if (!company && d)
			company = company_of(ctx, d);
		if (company)
			farley_record_set_str(&r, "company", company);
	}
	if ((owner = farley_repo_default_owner(ctx->repo)))
		farley_record_set_str(&r, "owner", owner);

	/* 20261124-1530-jane-doe-call-3f9a */
	{
		int y, mo, d;
		size_t room;
		const char *e = getenv("GIT_AUTHOR_EMAIL");
		author = e && *e ? xstrdup(e) : farley_repo_config_str(ctx->repo, "user.email");
		farley_civil_from_days(dt.day, &y, &mo, &d);
		strbuf_addf(&id, "%04d%02d%02d-", y, mo, d);
		if (dt.has_time)
			strbuf_addf(&id, "%02d%02d-", dt.seconds / 3600,
				    dt.seconds / 60 % 60);
		farley_slugify(&slug, first_ref ? first_ref : summary, FARLEY_SLUG_MAX);
		room = FARLEY_ID_MAX - id.len - strlen(channel) - 2 - 5 - 3;
		if (slug.len > room)
			strbuf_setlen(&slug, room);
		while (slug.len && slug.buf[slug.len - 1] == '-')
			strbuf_setlen(&slug, slug.len - 1);
		if (slug.len)
			strbuf_addf(&id, "%s-", slug.buf);
		farley_slugify(&id, channel, 16);
		farley_yaml_write(&text, &r);
		strbuf_addstr(&text, author ? author : "");
		farley_hash_hex(&h, text.buf, text.len, 4);
		strbuf_addf(&id, "-%s", h.buf);
		r.id = new_id(ctx, FARLEY_INTERACTION, id.buf, NULL);
		r.path = farley_record_path(FARLEY_INTERACTION, r.id, when.buf);
	}
	if (render_record(ctx, &r, NULL, &text, &err) ||
	    farley_txn_put(txn, r.path, text.buf, text.len, &err))
		goto out;
	strbuf_addf(&msg, "log %s%s%s: %s", channel, first_ref ? " with " : "",
		    first_ref ? first_ref : "", summary);
	if (finish_write(ctx, txn, msg.buf, &err))
		goto out;
	printf("%s\n", r.id);
	ret = 0;
out:
	farley_txn_end(txn);
	farley_record_release(&r);
	strbuf_release(&text);
	strbuf_release(&desc);
	strbuf_release(&msg);
	strbuf_release(&id);
	strbuf_release(&slug);
	strbuf_release(&stdin_body);
	strbuf_release(&when);
	strbuf_release(&h);
	free(owner);
	free(company);
	free(author);
	free(first_ref);
	return ret ? report(&err) : 0;
}
