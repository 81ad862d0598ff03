/* u-query.c: the --where compiler and --sort.
 *
 * Two kinds of test: the SQL a filter compiles to and the values bound to
 * its named placeholders (what the compiler promises: no value ever pasted
 * into the SQL), and the answers of compiled filters run against a small
 * index built in memory by the index's own code, so a compiler that writes
 * plausible but wrong SQL fails too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "index-private.h"
#include "query.h"
#include "farley/date.h"

/* The SQL and the values ------------------------------------------------- */

/* Compile expr for kind into q (initialized here); the return code. */
static int compile(struct farley_sql *q, enum farley_kind kind, const char *expr,
		   struct farley_error *err)
{
	farley_sql_init(q);
	return farley_query_compile(q, kind, expr, "--where", NULL, err);
}

static const struct farley_sqlparam *param(const struct farley_sql *q,
					   const char *name)
{
	for (size_t i = 0; i < q->n; i++)
		if (!strcmp(q->p[i].name, name))
			return &q->p[i];
	fail_msg("no parameter %s in: %s", name, q->sql.buf);
	return NULL;
}

static void assert_text_param(const struct farley_sql *q, const char *name,
			      const char *want)
{
	const struct farley_sqlparam *p = param(q, name);
	assert_int_equal(p->type, FARLEY_SQL_TEXT);
	assert_string_equal(p->text, want);
}

static void assert_int_param(const struct farley_sql *q, const char *name,
			     int64_t want)
{
	const struct farley_sqlparam *p = param(q, name);
	assert_int_equal(p->type, FARLEY_SQL_INT);
	assert_int_equal(p->i, want);
}

static void assert_sql_has(const struct farley_sql *q, const char *part)
{
	if (!strstr(q->sql.buf, part))
		fail_msg("expected '%s' in: %s", part, q->sql.buf);
}

static int32_t day(const char *ymd)
{
	int32_t d = 0;
	assert_int_equal(farley_date_parse(ymd, &d), 0);
	return d;
}

static void money_operators(void **state)
{
	static const char *ops[] = { "=", "!=", "<", "<=", ">", ">=" };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	(void)state;
	for (size_t i = 0; i < sizeof(ops) / sizeof(*ops); i++) {
		struct strbuf expr = STRBUF_INIT, cmp = STRBUF_INIT;
		strbuf_addf(&expr, "value%s12000.50", ops[i]);
		assert_int_equal(compile(&q, FARLEY_DEAL, expr.buf, &err), 0);
		/* a deal's value is its typed column; the amount in cents is a
		 * value, not SQL */
		strbuf_addf(&cmp, "coalesce(r.value %s :p1, 0)",
			    !strcmp(ops[i], "!=") ? "=" : ops[i]);
		assert_sql_has(&q, cmp.buf);
		assert_int_param(&q, ":p1", 1200050);
		assert_int_equal(q.n, 1);
		/* != is "no value equal to": the negation of the whole term,
		 * true for a deal without a value (coalesce) */
		if (!strcmp(ops[i], "!="))
			assert_true(!strncmp(q.sql.buf, "(NOT coalesce(", 14));
		else
			assert_true(!strncmp(q.sql.buf, "(coalesce(", 10));
		assert_null(strstr(q.sql.buf, "12000"));
		farley_sql_release(&q);
		strbuf_release(&expr);
		strbuf_release(&cmp);
	}
}

static void dates_and_probabilities(void **state)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	struct farley_datetime dt;
	(void)state;
	assert_int_equal(compile(&q, FARLEY_DEAL, "close<today-30d", &err), 0);
	assert_sql_has(&q, "r.close < :p1");
	assert_int_param(&q, ":p1", day("2026-10-25"));
	farley_sql_release(&q);

	assert_int_equal(compile(&q, FARLEY_DEAL, "close>=2026-12-01", &err), 0);
	assert_int_param(&q, ":p1", day("2026-12-01"));
	farley_sql_release(&q);

	assert_int_equal(compile(&q, FARLEY_DEAL, "probability>0.5", &err), 0);
	assert_sql_has(&q, "r.probability > :p1");
	assert_int_param(&q, ":p1", 500000);
	farley_sql_release(&q);

	/* an interaction's date: a date compares the day as written, a
	 * datetime the instant */
	assert_int_equal(compile(&q, FARLEY_INTERACTION, "date>=2026-11-21", &err), 0);
	assert_sql_has(&q, "f.num >= :p2");
	assert_int_param(&q, ":p2", day("2026-11-21"));
	farley_sql_release(&q);
	assert_int_equal(compile(&q, FARLEY_INTERACTION,
				 "date>2026-11-22T00:00:00Z", &err), 0);
	assert_sql_has(&q, "f.num2 > :p2");
	assert_int_equal(farley_datetime_parse("2026-11-22T00:00:00Z", &dt), 0);
	assert_int_param(&q, ":p2", farley_datetime_instant(&dt));
	farley_sql_release(&q);
}

static void strings_lists_and_custom_fields(void **state)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	const struct farley_sqlparam *p;
	(void)state;
	assert_int_equal(compile(&q, FARLEY_DEAL, "stage=\"a b\"", &err), 0);
	assert_sql_has(&q, "r.stage = :p1");
	assert_text_param(&q, ":p1", "a b");
	farley_sql_release(&q);

	/* a list compares each item: the same row-wise test */
	assert_int_equal(compile(&q, FARLEY_COMPANY, "tags=vip", &err), 0);
	assert_text_param(&q, ":p1", "tags");
	assert_sql_has(&q, "EXISTS (SELECT 1 FROM fields f WHERE f.rid = r.rid");
	assert_sql_has(&q, "f.text = :p2");
	farley_sql_release(&q);

	/* a field alone: it is set */
	assert_int_equal(compile(&q, FARLEY_DEAL, "close", &err), 0);
	assert_sql_has(&q, "r.close IS NOT NULL");
	assert_int_equal(q.n, 0);
	farley_sql_release(&q);
	assert_int_equal(compile(&q, FARLEY_DEAL, "source", &err), 0);
	assert_sql_has(&q, "f.text IS NOT NULL");
	assert_int_equal(q.n, 1);
	farley_sql_release(&q);

	/* a custom field with a number: numeric when stored as one */
	assert_int_equal(compile(&q, FARLEY_COMPANY, "score>5", &err), 0);
	assert_sql_has(&q, "CASE WHEN f.num IS NOT NULL THEN f.num > :p2"
			   " ELSE f.text > :p3 END");
	p = param(&q, ":p2");
	assert_int_equal(p->type, FARLEY_SQL_REAL);
	assert_true(p->d == 5.0);
	assert_text_param(&q, ":p3", "5");
	farley_sql_release(&q);
}

static void precedence(void **state)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	(void)state;
	/* and binds tighter than or: SQL's own precedence, inside one group */
	assert_int_equal(compile(&q, FARLEY_DEAL, "stage=a or stage=b and value>1",
				 &err), 0);
	assert_string_equal(q.sql.buf,
			    "(coalesce(r.stage = :p1, 0)"
			    " OR coalesce(r.stage = :p2, 0)"
			    " AND coalesce(r.value > :p3, 0))");
	farley_sql_release(&q);
	/* parentheses and not become SQL groups */
	assert_int_equal(compile(&q, FARLEY_DEAL,
				 "not (stage=a or stage=b) and value>1", &err), 0);
	assert_true(!strncmp(q.sql.buf, "(NOT (((coalesce(", 17));
	assert_int_equal(q.n, 3);
	assert_text_param(&q, ":p2", "b");
	assert_int_param(&q, ":p3", 100);
	farley_sql_release(&q);
}

static void references_and_address(void **state)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	(void)state;
	assert_int_equal(compile(&q, FARLEY_DEAL, "company.industry=retail", &err), 0);
	assert_sql_has(&q, "JOIN records t ON t.id = f0.text");
	assert_sql_has(&q, "t.kind = :p1");
	assert_int_param(&q, ":p1", FARLEY_COMPANY);
	assert_text_param(&q, ":p2", "company");
	assert_text_param(&q, ":p3", "industry");
	assert_text_param(&q, ":p4", "retail");
	farley_sql_release(&q);

	assert_int_equal(compile(&q, FARLEY_COMPANY, "address.city=Berlin", &err), 0);
	assert_sql_has(&q, "f.sub = :p2");
	assert_text_param(&q, ":p1", "address");
	assert_text_param(&q, ":p2", "city");
	assert_text_param(&q, ":p3", "Berlin");
	farley_sql_release(&q);
}

static void regular_expressions(void **state)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	(void)state;
	assert_int_equal(compile(&q, FARLEY_COMPANY, "name~/^acme \\/ co/i", &err), 0);
	assert_sql_has(&q, "regexp(:p2, f.text)");
	assert_text_param(&q, ":p2", "(?i)^acme / co");
	farley_sql_release(&q);
	assert_int_equal(compile(&q, FARLEY_COMPANY, "name!~/x/", &err), 0);
	assert_true(!strncmp(q.sql.buf, "(NOT EXISTS", 11));
	assert_text_param(&q, ":p2", "x");
	farley_sql_release(&q);
}

static void values_are_never_sql(void **state)
{
	static const char evil[] = "name=\"x'); DROP TABLE records; --\"";
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	(void)state;
	assert_int_equal(compile(&q, FARLEY_NOKIND, evil, &err), 0);
	assert_null(strstr(q.sql.buf, "DROP"));
	assert_null(strchr(q.sql.buf, '\''));
	assert_text_param(&q, ":p2", "x'); DROP TABLE records; --");
	farley_sql_release(&q);
}

static void sorting(void **state)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	(void)state;
	farley_sql_init(&q);
	assert_int_equal(farley_query_order(&q, FARLEY_DEAL, "close,-value", NULL, &err), 0);
	assert_string_equal(
		q.sql.buf,
		" ORDER BY (SELECT f.num FROM fields f WHERE f.rid = r.rid"
		" AND f.key = :p1 ORDER BY f.pos LIMIT 1) NULLS LAST,"
		" (SELECT f.text FROM fields f WHERE f.rid = r.rid"
		" AND f.key = :p2 ORDER BY f.pos LIMIT 1) NULLS LAST,"
		" (SELECT f.num FROM fields f WHERE f.rid = r.rid"
		" AND f.key = :p3 ORDER BY f.pos LIMIT 1) DESC NULLS LAST,"
		" (SELECT f.text FROM fields f WHERE f.rid = r.rid"
		" AND f.key = :p4 ORDER BY f.pos LIMIT 1) DESC NULLS LAST, r.id");
	assert_text_param(&q, ":p1", "close");
	assert_text_param(&q, ":p3", "value");
	farley_sql_release(&q);

	farley_sql_init(&q);
	assert_int_equal(farley_query_order(&q, FARLEY_DEAL, "", NULL, &err), 0);
	assert_string_equal(q.sql.buf, " ORDER BY r.kind, r.id");
	farley_sql_release(&q);

	farley_sql_init(&q);
	assert_int_equal(farley_query_order(&q, FARLEY_DEAL, "x;y", NULL, &err),
			 FARLEY_EUSAGE);
	assert_non_null(strstr(err.msg, "'x;y' is not a field name"));
	farley_error_clear(&err);
	farley_sql_release(&q);
}

/* expr fails with FARLEY_EUSAGE, a message containing what, and col. */
static void assert_usage_error(enum farley_kind kind, const char *expr,
			       const char *what, int col)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	char at[32];
	snprintf(at, sizeof(at), " at column %d\n", col);
	if (compile(&q, kind, expr, &err) != FARLEY_EUSAGE)
		fail_msg("'%s' compiled to: %s", expr, q.sql.buf);
	assert_int_equal(err.code, FARLEY_EUSAGE);
	if (!strstr(err.msg, what) || !strstr(err.msg, at))
		fail_msg("'%s': expected '%s' and '%s' in: %s", expr, what, at,
			 err.msg);
	/* the expression, then a caret under the fault */
	assert_non_null(strstr(err.msg, expr));
	assert_int_equal(strrchr(err.msg, '^') - strrchr(err.msg, '\n'), col + 2);
	farley_error_clear(&err);
	farley_sql_release(&q);
}

static void errors_name_the_column(void **state)
{
	(void)state;
	assert_usage_error(FARLEY_DEAL, "value => 5", "unknown operator '=>'", 7);
	assert_usage_error(FARLEY_DEAL, "(stage=lead", "missing ')'", 12);
	assert_usage_error(FARLEY_DEAL, "stage=lead)", "unbalanced ')'", 11);
	assert_usage_error(FARLEY_DEAL, "close<someday",
			   "'someday' is not a date", 7);
	assert_usage_error(FARLEY_DEAL, "value>12,50", "'12,50' is not an amount", 7);
	assert_usage_error(FARLEY_DEAL, "probability=2", "is not a probability", 13);
	assert_usage_error(FARLEY_DEAL, "stage=", "expected a value", 7);
	assert_usage_error(FARLEY_DEAL, "stage=lead and", "expected a field", 15);
	assert_usage_error(FARLEY_DEAL, "Stage=lead", "lower-case", 1);
	assert_usage_error(FARLEY_DEAL, "stage.x=1", "does not refer", 1);
	assert_usage_error(FARLEY_DEAL, "name<\"x", "unterminated string", 6);
	assert_usage_error(FARLEY_DEAL, "name</x/", "a /regex/ goes with", 6);
}

static void unknown_fields_are_typos(void **state)
{
	static const char *const known[] = { "tags", "budget_code", NULL };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	(void)state;
	farley_sql_init(&q);
	assert_int_equal(farley_query_compile(&q, FARLEY_DEAL, "valu>1", "--where",
					      known, &err),
			 FARLEY_EUSAGE);
	assert_non_null(strstr(err.msg, "no deal has a field 'valu' (did you mean value?)"));
	farley_error_clear(&err);
	/* a custom field some record has, and a field of another kind, pass */
	assert_int_equal(farley_query_compile(&q, FARLEY_DEAL, "budget_code=x and name=y",
					      "--where", known, &err),
			 0);
	assert_int_equal(farley_query_compile(&q, FARLEY_DEAL, "budget_cod=x",
					      "--where", known, &err),
			 FARLEY_EUSAGE);
	assert_non_null(strstr(err.msg, "did you mean budget_code?"));
	farley_error_clear(&err);
	assert_int_equal(farley_query_order(&q, FARLEY_DEAL, "-vaule", known, &err),
			 FARLEY_EUSAGE);
	assert_non_null(strstr(err.msg, "did you mean value?"));
	farley_error_clear(&err);
	farley_sql_release(&q);
}

static void binding_checks_every_name(void **state)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_sql q;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	farley_sql_init(&q);
	strbuf_addstr(&q.sql, "SELECT ");
	farley_sql_int(&q, 7);
	strbuf_addstr(&q.sql, " + ");
	farley_sql_int(&q, 35);
	strbuf_addstr(&q.sql, ", ");
	farley_sql_text(&q, "it's");
	assert_string_equal(q.sql.buf, "SELECT :p1 + :p2, :p3");
	assert_int_equal(sqlite3_prepare_v2(db, q.sql.buf, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(farley_sql_bind(st, &q, &err), 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 42);
	assert_string_equal((const char *)sqlite3_column_text(st, 1), "it's");
	sqlite3_finalize(st);
	/* a placeholder the values do not know is refused, not left NULL */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT :p1 + :p2 + :p9", -1, &st,
					    NULL),
			 SQLITE_OK);
	assert_int_equal(farley_sql_bind(st, &q, &err), FARLEY_EFAIL);
	farley_error_clear(&err);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT ?", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(farley_sql_bind(st, &q, &err), FARLEY_EFAIL);
	farley_error_clear(&err);
	sqlite3_finalize(st);
	farley_sql_release(&q);
	sqlite3_close(db);
}

/* Answers from a real index ---------------------------------------------- */

struct fixture {
	struct farley_repo repo;
	struct farley_index idx;
};

static const struct {
	enum farley_kind kind;
	const char *id, *date, *text;
} records[] = {
	{ FARLEY_COMPANY, "acme", NULL,
	  "name: Acme GmbH\nindustry: retail\ntags: [vip, eu]\n"
	  "address:\n  city: Berlin\n  country: DE\n" },
	{ FARLEY_COMPANY, "globex", NULL,
	  "name: Globex\nindustry: tech\naddress:\n  city: Paris\n" },
	{ FARLEY_COMPANY, "initech", NULL,
	  "name: Initech\nindustry: retail\nscore: 7\n" },
	{ FARLEY_COMPANY, "umbrella", NULL, "name: Umbrella\nscore: \"12\"\n" },
	{ FARLEY_DEAL, "big", NULL,
	  "title: Big\nstage: proposal\ncompany: acme\nvalue: 100000\n"
	  "probability: 0.5\nclose: 2026-12-01\ntags: [vip]\n" },
	{ FARLEY_DEAL, "small", NULL,
	  "title: Small\nstage: lead\ncompany: globex\nvalue: 99.95\n"
	  "close: 2026-10-01\n" },
	{ FARLEY_DEAL, "mid", NULL,
	  "title: Mid\nstage: negotiation\ncompany: initech\nvalue: 5000\n"
	  "probability: 0.9\nclose: 2026-11-20\n" },
	{ FARLEY_DEAL, "twin", NULL,
	  "title: Twin\nstage: qualified\ncompany: globex\nvalue: 9000\n"
	  "close: 2026-11-20\n" },
	{ FARLEY_DEAL, "nocl", NULL, "title: No close\nstage: lead\ncompany: acme\n" },
	{ FARLEY_INTERACTION, "call-one", "2026-11-20T09:00:00+01:00",
	  "date: 2026-11-20T09:00:00+01:00\nchannel: call\nsummary: One\n" },
	{ FARLEY_INTERACTION, "call-two", "2026-11-21T23:30:00-05:00",
	  "date: 2026-11-21T23:30:00-05:00\nchannel: call\nsummary: Two\n" },
	/* not a valid record: never an answer */
	{ FARLEY_DEAL, "broken", NULL, "title: [Broken\n" },
};

static int build_index(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct farley_error err = FARLEY_ERROR_INIT;
	farley_config_defaults(&fx->repo.config);
	fx->idx.repo = &fx->repo;
	if (farley_idx_create(&fx->idx, ":memory:", &err) ||
	    farley_idx_prepare_writes(&fx->idx, &err))
		fail_msg("create: %s", err.msg);
	for (size_t i = 0; i < sizeof(records) / sizeof(*records); i++) {
		struct farley_idx_prep p;
		char *path = farley_record_path(records[i].kind, records[i].id,
						records[i].date);
		farley_idx_prep_record(&p, &fx->repo.config, path, "0",
				       records[i].text, strlen(records[i].text));
		if (farley_idx_insert_prep(&fx->idx, &p, &err))
			fail_msg("insert %s: %s", path, err.msg);
		farley_idx_prep_release(&p);
		free(path);
	}
	if (farley_idx_finish(&fx->idx, "", &err))
		fail_msg("finish: %s", err.msg);
	*state = fx;
	return 0;
}

static int drop_index(void **state)
{
	struct fixture *fx = *state;
	farley_idx_close_db(&fx->idx);
	farley_config_release(&fx->repo.config);
	free(fx);
	return 0;
}

/* The ids farley_index_select answers, space-separated, in its order. */
static char *answer(struct fixture *fx, enum farley_kind kind, const char *where,
		    const char *sort)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_query q = { kind, NULL, 0, where, sort, 0 };
	struct strbuf out = STRBUF_INIT;
	int64_t *rids = NULL;
	size_t n = 0;
	if (farley_index_select(&fx->idx, &q, &rids, &n, &err))
		fail_msg("'%s': %s", where, err.msg);
	for (size_t i = 0; i < n; i++) {
		struct farley_record r = FARLEY_RECORD_INIT;
		if (farley_index_record(&fx->idx, rids[i], &r, &err))
			fail_msg("record: %s", err.msg);
		strbuf_addf(&out, "%s%s", i ? " " : "", r.id);
		farley_record_release(&r);
	}
	free(rids);
	return strbuf_detach(&out, NULL);
}

#define assert_answer(fx, kind, where, sort, want)                             \
	do {                                                                   \
		char *got_ = answer(fx, kind, where, sort);                    \
		if (strcmp(got_, want))                                        \
			fail_msg("%s: got '%s', want '%s'", where, got_, want);\
		free(got_);                                                    \
	} while (0)

static void answers_typed_comparisons(void **state)
{
	struct fixture *fx = *state;
	assert_answer(fx, FARLEY_DEAL, "value>=5000", NULL, "big mid twin");
	assert_answer(fx, FARLEY_DEAL, "value<100", NULL, "small");
	assert_answer(fx, FARLEY_DEAL, "value=99.95", NULL, "small");
	/* != also answers the deals with no value at all */
	assert_answer(fx, FARLEY_DEAL, "value!=5000", NULL, "big nocl small twin");
	assert_answer(fx, FARLEY_DEAL, "value>9000", NULL, "big");
	assert_answer(fx, FARLEY_DEAL, "value<=9000", NULL, "mid small twin");
	/* the boundaries: mid is worth exactly 5000 and closes on 11-20 */
	assert_answer(fx, FARLEY_DEAL, "value<5000", NULL, "small");
	assert_answer(fx, FARLEY_DEAL, "value>5000", NULL, "big twin");
	assert_answer(fx, FARLEY_DEAL, "value<=5000", NULL, "mid small");
	assert_answer(fx, FARLEY_DEAL, "close<2026-11-20", NULL, "small");
	assert_answer(fx, FARLEY_DEAL, "close>2026-11-20", NULL, "big");
	assert_answer(fx, FARLEY_DEAL, "close<today-30d", NULL, "small");
	assert_answer(fx, FARLEY_DEAL, "close>=today", NULL, "big");
	assert_answer(fx, FARLEY_DEAL, "close=2026-11-20", NULL, "mid twin");
	assert_answer(fx, FARLEY_DEAL, "probability>0.5", NULL, "mid");
	assert_answer(fx, FARLEY_DEAL, "close", NULL, "big mid small twin");
	assert_answer(fx, FARLEY_INTERACTION, "date>=2026-11-21", NULL, "call-two");
	assert_answer(fx, FARLEY_INTERACTION, "date<2026-11-20T08:30:00Z", NULL,
		      "call-one");
	assert_answer(fx, FARLEY_INTERACTION, "date>2026-11-22T00:00:00Z", NULL,
		      "call-two");
	/* numbers in custom fields compare as numbers: 7 < 12, though "12" <
	 * "7" as text */
	assert_answer(fx, FARLEY_COMPANY, "score>10", NULL, "umbrella");
	assert_answer(fx, FARLEY_COMPANY, "score<10", NULL, "initech");
}

static void answers_strings_and_lists(void **state)
{
	struct fixture *fx = *state;
	assert_answer(fx, FARLEY_DEAL, "stage=lead", NULL, "nocl small");
	assert_answer(fx, FARLEY_DEAL, "stage!=lead", NULL, "big mid twin");
	assert_answer(fx, FARLEY_COMPANY, "tags=eu", NULL, "acme");
	assert_answer(fx, FARLEY_NOKIND, "tags=vip", NULL, "acme big");
	assert_answer(fx, FARLEY_COMPANY, "name>H", NULL, "initech umbrella");
	assert_answer(fx, FARLEY_COMPANY, "name~/^ACME/i", NULL, "acme");
	assert_answer(fx, FARLEY_COMPANY, "name~/^ACME/", NULL, "");
	assert_answer(fx, FARLEY_COMPANY, "name!~/e/", NULL, "");
	assert_answer(fx, FARLEY_COMPANY, "name=/^Glob/", NULL, "globex");
}

static void answers_boolean_structure(void **state)
{
	struct fixture *fx = *state;
	/* and before or: lead, or (proposal and big) */
	assert_answer(fx, FARLEY_DEAL, "stage=lead or stage=proposal and value>50000",
		      NULL, "big nocl small");
	assert_answer(fx, FARLEY_DEAL, "stage=proposal and value>50000 or stage=lead",
		      NULL, "big nocl small");
	assert_answer(fx, FARLEY_DEAL,
		      "stage=lead or stage=proposal and value>1000000", NULL,
		      "nocl small");
	assert_answer(fx, FARLEY_DEAL,
		      "(stage=lead or stage=proposal) and value>1000000", NULL, "");
	assert_answer(fx, FARLEY_DEAL, "(stage=lead or stage=proposal) and value",
		      NULL, "big small");
	assert_answer(fx, FARLEY_DEAL, "not stage=lead", NULL, "big mid twin");
	assert_answer(fx, FARLEY_DEAL, "not (stage=lead or stage=proposal)", NULL,
		      "mid twin");
	assert_answer(fx, FARLEY_DEAL, "not not stage=lead", NULL, "nocl small");
	assert_answer(fx, FARLEY_DEAL, "not stage=lead and not stage=proposal", NULL,
		      "mid twin");
}

static void answers_references(void **state)
{
	struct fixture *fx = *state;
	assert_answer(fx, FARLEY_DEAL, "company.industry=retail", NULL,
		      "big mid nocl");
	assert_answer(fx, FARLEY_COMPANY, "address.city=Berlin", NULL, "acme");
	assert_answer(fx, FARLEY_COMPANY, "address.city!=Berlin", NULL,
		      "globex initech umbrella");
	assert_answer(fx, FARLEY_DEAL, "company.name~/^g/i and value<1000", NULL,
		      "small");
}

static void answers_in_sort_order(void **state)
{
	struct fixture *fx = *state;
	/* by close, then by value descending; no close last */
	assert_answer(fx, FARLEY_DEAL, NULL, "close,-value", "small twin mid big nocl");
	assert_answer(fx, FARLEY_DEAL, NULL, "-value", "big twin mid small nocl");
	assert_answer(fx, FARLEY_DEAL, NULL, "value", "small mid twin big nocl");
	assert_answer(fx, FARLEY_DEAL, "value", "-close", "big mid twin small");
	assert_answer(fx, FARLEY_DEAL, NULL, NULL, "big mid nocl small twin");
	assert_answer(fx, FARLEY_COMPANY, NULL, "-score", "umbrella initech acme globex");
}

int main(void)
{
	/* one group (tests/run.sh counts the last summary line); the index is
	 * built once, for the tests that need answers */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_operators),
		cmocka_unit_test(dates_and_probabilities),
		cmocka_unit_test(strings_lists_and_custom_fields),
		cmocka_unit_test(precedence),
		cmocka_unit_test(references_and_address),
		cmocka_unit_test(regular_expressions),
		cmocka_unit_test(values_are_never_sql),
		cmocka_unit_test(sorting),
		cmocka_unit_test(errors_name_the_column),
		cmocka_unit_test(unknown_fields_are_typos),
		cmocka_unit_test(binding_checks_every_name),
		cmocka_unit_test(answers_typed_comparisons),
		cmocka_unit_test(answers_strings_and_lists),
		cmocka_unit_test(answers_boolean_structure),
		cmocka_unit_test(answers_references),
		cmocka_unit_test(answers_in_sort_order),
	};
	farley_pretend_today(farley_days_from_civil(2026, 11, 24));
	return cmocka_run_group_tests(tests, build_index, drop_index);
}
