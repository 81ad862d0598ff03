/* campaign.c: farley campaign list ID -- a campaign's audience as a
 * mail-merge list (name, email, company, salutation), leaving out
 * contacts with optout: true or without an e-mail address; the list's
 * size is recorded on the campaign (`audience: N`) in a commit. */
#include "cmds.h"
#include "farley/index.h"
#include "farley/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage[] = { "farley campaign list ID", NULL };

/* "Dear Jane": the contact's own salutation field, else the first word
 * of the name. */
static void salutation(struct strbuf *out, const struct farley_record *r)
{
	const char *own = farley_record_str(r, "salutation");
	const char *name = farley_record_str(r, "name");
	if (own) {
		strbuf_addstr(out, own);
		return;
	}
	strbuf_addstr(out, "Dear ");
	if (name)
		strbuf_add(out, name, strcspn(name, " "));
}

static struct farley_node *list_row(struct farley_ctx *ctx,
				    const struct farley_record *r)
{
	struct farley_node *m = farley_node_new(FARLEY_N_MAP, NULL);
	struct farley_record co = FARLEY_RECORD_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	struct strbuf sb = STRBUF_INIT;
	const struct farley_scalar *v;
	const char *email = NULL, *company = farley_record_str(r, "company");
	size_t n = farley_record_values(r, "emails", &v);
	for (size_t i = 0; i < n && !email; i++)
		if (v[i].s && strchr(v[i].s, '@'))
			email = v[i].s;
	farley_node_add_str(m, "id", r->id);
	farley_node_add_str(m, "name", farley_record_title(r));
	farley_node_add_str(m, "email", email);
	if (company && !find_record(ctx, company, &co, &err) &&
	    co.kind == FARLEY_COMPANY)
		farley_node_add_str(m, "company", farley_record_title(&co));
	else
		farley_node_add_str(m, "company", "");
	salutation(&sb, r);
	farley_node_add_str(m, "salutation", sb.buf);
	farley_error_clear(&err);
	farley_record_release(&co);
	strbuf_release(&sb);
	return m;
}

int cmd_campaign(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	static const char *const cols[] = { "id", "name", "email", "company",
					    "salutation", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record c = FARLEY_RECORD_INIT, r = FARLEY_RECORD_INIT;
	struct farley_record *aud = NULL;
	struct farley_txn *txn = NULL;
	struct farley_node *list = NULL;
	struct strbuf msg = STRBUF_INIT;
	size_t naud = 0;
	char num[32];
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n < 1 || strcmp(argv[1], "list"))
		return usage_error(usage, n ? "unknown subcommand '%s' (list)"
					    : "which subcommand? (list)", n ? argv[1] : "");
	if (n != 2)
		return usage_error(usage, n < 2 ? "which campaign?" : "one campaign at a time");
	if (begin_write(ctx, &txn, &err) || find_record(ctx, argv[2], &c, &err))
		goto out;
	if (c.kind != FARLEY_CAMPAIGN) {
		farley_error_set(&err, FARLEY_EINVAL, "'%s' is a %s, not a campaign", c.id,
				 farley_kind_name(c.kind));
		goto out;
	}
	if (farley_campaign_audience(ctx->index, farley_repo_config(ctx->repo), &c,
				     &aud, &naud, &err))
		goto out;
	/* the size goes on the campaign, in a commit, before the list is out */
	snprintf(num, sizeof(num), "%zu", naud);
	if (!farley_record_str(&c, "audience") ||
	    strcmp(farley_record_str(&c, "audience"), num)) {
		farley_record_copy(&r, &c);
		farley_record_set_str(&r, "audience", num);
		farley_record_get(&r, "audience")->v.plain = 1; /* a number */
		strbuf_addf(&msg, "campaign %s: list of %zu contact%s", c.id, naud,
			    naud == 1 ? "" : "s");
		if (write_record(ctx, txn, &r, &c, msg.buf, &err))
			goto out;
	}
	list = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < naud; i++)
		farley_node_add(list, NULL, list_row(ctx, &aud[i]));
	if (!naud)
		say_empty(ctx, "nobody to write to in campaign '%s'", c.id);
	ret = emit(ctx, list, cols, 0);
out:
	farley_txn_end(txn);
	for (size_t i = 0; i < naud; i++)
		farley_record_release(&aud[i]);
	free(aud);
	farley_node_free(list);
	farley_record_release(&c);
	farley_record_release(&r);
	strbuf_release(&msg);
	return ret == 1 && err.code ? report(&err) : ret;
}
