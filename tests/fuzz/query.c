/* query: the --where compiler and --sort.
 *
 * Input: one byte (the kind, % 6 where 5 is any kind; bit 3: pass a list
 * of known custom fields), the expression, then after a NUL byte the --sort
 * text.  Property: whatever compiles runs.  The SQL is prepared, bound and
 * stepped against a small index built in memory by the index's own code,
 * as `farley list --where` would run it; a statement SQLite refuses, or a
 * placeholder left without a value, is a broken promise. */
#include "fuzz.h"

#include <sqlite3.h>

#include "index-private.h"
#include "query.h"

static const struct {
	enum farley_kind kind;
	const char *id, *date, *text;
} records[] = {
	{ FARLEY_COMPANY, "acme", NULL,
	  "name: Acme GmbH\nindustry: retail\ntags: [vip, eu]\n"
	  "address:\n  city: Berlin\n  country: DE\n" },
	{ FARLEY_COMPANY, "initech", NULL, "name: Initech\nscore: 7\n" },
	{ FARLEY_CONTACT, "jane", NULL,
	  "name: Jane Doe\ncompany: acme\nemails: [jane@acme.example]\n" },
	{ FARLEY_DEAL, "big", NULL,
	  "title: Big\nstage: proposal\ncompany: acme\nvalue: 100000\n"
	  "probability: 0.5\nclose: 2026-12-01\ntags: [vip]\n" },
	{ FARLEY_INTERACTION, "call-one", "2026-11-20T09:00:00+01:00",
	  "date: 2026-11-20T09:00:00+01:00\nchannel: call\nsummary: One\n"
	  "contacts: [jane]\n" },
	{ FARLEY_TASK, "t1", NULL, "title: Call back\ndue: 2026-11-30\nstatus: open\n" },
};

static struct farley_repo repo;
static struct farley_index idx;

static void build_index(void)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	farley_config_defaults(&repo.config);
	idx.repo = &repo;
	if (farley_idx_create(&idx, ":memory:", &err) ||
	    farley_idx_prepare_writes(&idx, &err)) {
		fprintf(stderr, "index: %s\n", err.msg);
		abort();
	}
	for (size_t i = 0; i < sizeof(records) / sizeof(*records); i++) {
		struct farley_idx_prep p;
		char *path = farley_record_path(records[i].kind, records[i].id,
						records[i].date);
		farley_idx_prep_record(&p, &repo.config, path, "0", records[i].text,
				       strlen(records[i].text));
		if (farley_idx_insert_prep(&idx, &p, &err)) {
			fprintf(stderr, "insert %s: %s\n", path, err.msg);
			abort();
		}
		farley_idx_prep_release(&p);
		free(path);
	}
	if (farley_idx_finish(&idx, "", &err)) {
		fprintf(stderr, "finish: %s\n", err.msg);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const known[] = { "score", "budget_code", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	enum farley_kind kind;
	sqlite3_stmt *st = NULL;
	char *expr, *sort;
	int ret, rc;

	if (!idx.db)
		build_index();
	if (size < 1)
		return 0;
	kind = data[0] % 6 == 5 ? FARLEY_NOKIND : (enum farley_kind)(data[0] % 6);
	expr = fuzz_str(data + 1, size - 1);
	sort = expr + strlen(expr) + (size - 1 > strlen(expr) ? 1 : 0);

	farley_sql_init(&q);
	strbuf_addstr(&q.sql, "SELECT r.rid FROM records r WHERE r.valid = 1");
	if (kind != FARLEY_NOKIND) {
		strbuf_addstr(&q.sql, " AND r.kind = ");
		farley_sql_int(&q, kind);
	}
	strbuf_addstr(&q.sql, " AND ");
	ret = farley_query_compile(&q, kind, expr, "--where",
				   data[0] & 8 ? known : NULL, &err);
	if (ret) {
		/* refused: a usage error with a message, never anything else */
		FUZZ_ASSERT(ret == FARLEY_EUSAGE && err.msg && *err.msg);
		goto out;
	}
	ret = farley_query_order(&q, kind, sort, data[0] & 8 ? known : NULL, &err);
	if (ret) {
		FUZZ_ASSERT(ret == FARLEY_EUSAGE && err.msg && *err.msg);
		goto out;
	}
	if (sqlite3_prepare_v2(idx.db, q.sql.buf, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "compiled SQL does not prepare: %s\n%s\n",
			sqlite3_errmsg(idx.db), q.sql.buf);
		abort();
	}
	FUZZ_ASSERT(farley_sql_bind(st, &q, &err) == 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	/* a /regex/ is compiled when the statement runs: a bad one is an
	 * error naming it (exit 1), as t2100-where.sh shows */
	if (rc != SQLITE_DONE &&
	    !strstr(sqlite3_errmsg(idx.db), "regular expression")) {
		fprintf(stderr, "compiled SQL fails: %s\n%s\n",
			sqlite3_errmsg(idx.db), q.sql.buf);
		abort();
	}
out:
	sqlite3_finalize(st);
	farley_sql_release(&q);
	farley_error_clear(&err);
	free(expr);
	return 0;
}
