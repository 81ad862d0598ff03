/* add.c: farley add KIND NAME [FIELD=VALUE...] -- create a record. */
#include "cmds.h"
#include "farley/date.h"
#include "farley/ids.h"
#include "farley/yamlrec.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"farley add KIND NAME [FIELD=VALUE...]",
	NULL,
};

/* Author of the change, for hash ids: who adds the same task on two clones
 * gets two different ids. */
static char *author_key(struct farley_ctx *ctx)
{
	const char *e = getenv("GIT_AUTHOR_EMAIL");
	return e && *e ? xstrdup(e) : farley_repo_config_str(ctx->repo, "user.email");
}

int cmd_add(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_txn *txn = NULL;
	struct strbuf text = STRBUF_INIT, desc = STRBUF_INIT, msg = STRBUF_INIT;
	enum farley_kind kind;
	char *owner = NULL, *author = NULL;
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n < 2)
		return usage_error(usage, n ? "a name is needed" : "a kind and a name are needed");
	kind = farley_kind_parse(argv[1]);
	if (kind == FARLEY_NOKIND)
		return usage_error(usage,
				   "unknown kind '%s' (company, contact, deal, task)",
				   argv[1]);
	if (kind == FARLEY_INTERACTION)
		return usage_error(NULL, "interactions are recorded with 'farley log'");
	if (!*argv[2])
		return usage_error(usage, "the name cannot be empty");
	for (int i = 3; i <= n; i++) {
		struct assign a;
		if (assign_parse(argv[i], &a))
			return usage_error(usage, "'%s' is not FIELD=VALUE", argv[i]);
		assign_release(&a);
	}

	if (begin_write(ctx, &txn, &err))
		goto out;
	r.kind = kind;
	farley_record_set_str(&r, farley_kind_title_field(kind), argv[2]);
	if (kind == FARLEY_DEAL) {
		const struct farley_config *cfg = farley_repo_config(ctx->repo);
		if (cfg->nstages)
			farley_record_set_str(&r, "stage", cfg->stages[0].name);
	}
	if ((owner = farley_repo_default_owner(ctx->repo)))
		farley_record_set_str(&r, "owner", owner);
	if (farley_schema_pos(kind, "created") >= 0) {
		struct strbuf d = STRBUF_INIT;
		farley_date_format(&d, farley_today());
		farley_record_set_str(&r, "created", d.buf);
		strbuf_release(&d);
	}
	for (int i = 3; i <= n; i++) {
		struct assign a;
		assign_parse(argv[i], &a);
		ret = assign_apply(ctx, &r, &a, &desc, &err);
		assign_release(&a);
		if (ret) {
			ret = 1;
			goto out;
		}
	}
	ret = 1;

	if (kind == FARLEY_TASK) {
		/* tasks: slug of the title and four hex digits of content+author */
		struct strbuf base = STRBUF_INIT, h = STRBUF_INIT, content = STRBUF_INIT;
		author = author_key(ctx);
		farley_slugify(&base, argv[2], FARLEY_SLUG_MAX);
		if (base.len < 2) {
			strbuf_reset(&base);
			strbuf_addch(&base, farley_kind_letter(kind));
		}
		farley_yaml_write(&content, &r);
		strbuf_addstr(&content, author ? author : "");
		farley_hash_hex(&h, content.buf, content.len, 4);
		strbuf_addf(&base, "-%s", h.buf);
		r.id = new_id(ctx, kind, base.buf, NULL);
		strbuf_release(&base);
		strbuf_release(&h);
		strbuf_release(&content);
	} else {
		r.id = new_id(ctx, kind, argv[2], NULL);
	}
	r.path = farley_record_path(kind, r.id, NULL);
	if (render_record(ctx, &r, NULL, &text, &err) ||
	    farley_txn_put(txn, r.path, text.buf, text.len, &err))
		goto out;
	strbuf_addf(&msg, "add %s %s (%s)", farley_kind_name(kind), r.id, argv[2]);
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
	free(owner);
	free(author);
	return ret ? report(&err) : 0;
}
