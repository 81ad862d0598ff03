/* add.c: farley add KIND NAME [FIELD=VALUE...] -- create a record. */
#include "cmds.h"
#include "farley/index.h"
#include "farley/names.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage[] = {
	"farley add KIND NAME [FIELD=VALUE...]",
	NULL,
};

/* Likely duplicates of a new contact: the same e-mail address or the same
 * folded name ("Doe, Jane" is "Jane Doe"). */
struct dup_search {
	const char *self;
	struct strbuf name;     /* the new contact's person key */
	char **emails;          /* its e-mail keys */
	size_t nemails;
	struct strbuf found;    /* "jane-doe (same e-mail jane@x)", ... */
	size_t n;
};

static int listed(const struct strbuf *found, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = found->buf; (p = strstr(p, id)); p += n)
		if ((p == found->buf || p[-1] == ' ') && !strncmp(p + n, " (", 2))
			return 1;
	return 0;
}

static int dup_value(const char *id, const char *path, const char *key,
		     const char *text, void *data)
{
	struct dup_search *ds = data;
	struct strbuf k = STRBUF_INIT;
	const char *why = NULL;
	(void)path;
	if (!strcmp(id, ds->self) || ds->n >= 3)
		return 0;
	if (!strcmp(key, "name")) {
		farley_person_key(&k, text);
		if (k.len && ds->name.len && !strcmp(k.buf, ds->name.buf))
			why = "same name";
	} else if (!farley_email_key(&k, text)) {
		for (size_t i = 0; i < ds->nemails && !why; i++)
			if (!strcmp(k.buf, ds->emails[i]))
				why = "same e-mail";
	}
	if (why && !listed(&ds->found, id)) {
		strbuf_addf(&ds->found, "%s%s (%s%s%s)", ds->found.len ? ", " : "", id,
			    why, strcmp(why, "same name") ? " " : "",
			    strcmp(why, "same name") ? text : "");
		ds->n++;
	}
	strbuf_release(&k);
	return 0;
}

static void find_dupes(struct farley_ctx *ctx, const struct farley_record *r,
		       struct dup_search *ds)
{
	static const char *const keys[] = { "name", "emails", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	const struct farley_scalar *v;
	size_t n = farley_record_values(r, "emails", &v);
	const char *name = farley_record_str(r, "name");
	ds->self = r->id;
	if (name)
		farley_person_key(&ds->name, name);
	ds->emails = n ? xcalloc(n, sizeof(*ds->emails)) : NULL;
	for (size_t i = 0; i < n; i++) {
		struct strbuf k = STRBUF_INIT;
		if (v[i].s && !farley_email_key(&k, v[i].s))
			ds->emails[ds->nemails++] = strbuf_detach(&k, NULL);
		strbuf_release(&k);
	}
	if (ctx->index)
		farley_index_field_values(ctx->index, FARLEY_CONTACT, keys, dup_value,
					  ds, &err);
	farley_error_clear(&err);
}

int cmd_add(int argc, char **argv, struct farley_ctx *ctx)
{
	static const struct option opts[] = { OPT_END_() };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_txn *txn = NULL;
	struct farley_lookup lk = ctx_lookup(ctx);
	struct farley_create_env env;
	struct strbuf desc = STRBUF_INIT, msg = STRBUF_INIT;
	struct dup_search ds = { NULL, STRBUF_INIT, NULL, 0, STRBUF_INIT, 0 };
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
				   "unknown kind '%s' (company, contact, deal, task, case, campaign)",
				   argv[1]);
	if (kind == FARLEY_INTERACTION)
		return usage_error(NULL, "interactions are recorded with 'farley log'");
	if (!*argv[2])
		return usage_error(usage, "the name cannot be empty");
	for (int i = 3; i <= n; i++) {
		struct farley_assign a;
		if (farley_assign_parse(argv[i], &a))
			return usage_error(usage, "'%s' is not FIELD=VALUE", argv[i]);
		farley_assign_release(&a);
	}

	if (begin_write(ctx, &txn, &err))
		goto out;
	owner = farley_repo_default_owner(ctx->repo);
	author = farley_repo_author_email(ctx->repo);
	env = create_env(ctx, &lk, owner, author);
	farley_record_create(&r, kind, argv[2], &env);
	if (apply_assignments(ctx, &r, argv + 3, n - 2, &desc, &err) ||
	    farley_record_new_id(&r, NULL, &env, &err))
		goto out;
	strbuf_addf(&msg, "add %s %s (%s)", farley_kind_name(kind), r.id, argv[2]);
	if (kind == FARLEY_CONTACT)
		find_dupes(ctx, &r, &ds);
	if (write_record(ctx, txn, &r, NULL, msg.buf, &err))
		goto out;
	/* added all the same: a namesake may be someone else */
	if (ds.n)
		warning("'%s' may be a duplicate of %s; see 'farley dupes'", r.id,
			ds.found.buf);
	ret = emit_written(ctx, &r, 1, NULL);
out:
	farley_txn_end(txn);
	farley_record_release(&r);
	strbuf_release(&desc);
	strbuf_release(&msg);
	strbuf_release(&ds.name);
	strbuf_release(&ds.found);
	for (size_t i = 0; i < ds.nemails; i++)
		free(ds.emails[i]);
	free(ds.emails);
	free(owner);
	free(author);
	return ret == 1 && err.code ? report(&err) : ret;
}
