/* u-create.c: defaults of new records, ids of every kind, recurrence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "farley/create.h"
#include "farley/date.h"

static struct farley_config cfg;

/* Taken ids, for the clash rule. */
static const char *taken[8];

static int exists(void *data, const char *id)
{
	(void)data;
	for (size_t i = 0; i < sizeof(taken) / sizeof(*taken) && taken[i]; i++)
		if (!strcmp(taken[i], id))
			return 1;
	return 0;
}

static struct farley_create_env env(void)
{
	struct farley_create_env e = { &cfg, "alice", "alice@example.com",
				       0, exists, NULL };
	e.today = farley_days_from_civil(2026, 11, 27);
	return e;
}

static void defaults(void **state)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_create_env e = env();
	(void)state;
	farley_record_create(&r, FARLEY_DEAL, "Acme renewal", &e);
	assert_string_equal(farley_record_str(&r, "title"), "Acme renewal");
	assert_string_equal(farley_record_str(&r, "stage"), cfg.stages[0].name);
	assert_string_equal(farley_record_str(&r, "owner"), "alice");
	assert_string_equal(farley_record_str(&r, "created"), "2026-11-27");
	farley_record_create(&r, FARLEY_COMPANY, "Acme GmbH", &e);
	assert_string_equal(farley_record_str(&r, "name"), "Acme GmbH");
	assert_null(farley_record_get(&r, "stage"));
	farley_record_release(&r);
}

static void slug_ids_and_clashes(void **state)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_create_env e = env();
	struct farley_error err = FARLEY_ERROR_INIT;
	(void)state;
	memset(taken, 0, sizeof(taken));
	farley_record_create(&r, FARLEY_COMPANY, "Müller Bäckerei GmbH", &e);
	assert_int_equal(farley_record_new_id(&r, NULL, &e, &err), 0);
	assert_string_equal(r.id, "muller-backerei-gmbh");
	assert_string_equal(r.path, "companies/mu/muller-backerei-gmbh.yaml");
	taken[0] = "muller-backerei-gmbh";
	taken[1] = "muller-backerei-gmbh-2";
	assert_int_equal(farley_record_new_id(&r, NULL, &e, &err), 0);
	assert_string_equal(r.id, "muller-backerei-gmbh-3");
	/* no Latin letters: the kind's letter and a hash */
	farley_record_create(&r, FARLEY_COMPANY, "株式会社", &e);
	assert_int_equal(farley_record_new_id(&r, NULL, &e, &err), 0);
	assert_int_equal(strlen(r.id), 8);
	assert_memory_equal(r.id, "c-", 2);
	farley_record_create(&r, FARLEY_CONTACT, "ไทย", &e);
	assert_int_equal(farley_record_new_id(&r, NULL, &e, &err), 0);
	assert_memory_equal(r.id, "p-", 2);
	farley_record_release(&r);
}

static void task_ids_depend_on_content_and_author(void **state)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_create_env e = env();
	struct farley_error err = FARLEY_ERROR_INIT;
	char *first;
	(void)state;
	memset(taken, 0, sizeof(taken));
	farley_record_create(&r, FARLEY_TASK, "Send quote", &e);
	assert_int_equal(farley_record_new_id(&r, NULL, &e, &err), 0);
	assert_int_equal(strlen(r.id), strlen("send-quote-") + 4);
	assert_memory_equal(r.id, "send-quote-", 11);
	first = strdup(r.id);
	/* the same again: the same id (deterministic) */
	assert_int_equal(farley_record_new_id(&r, NULL, &e, &err), 0);
	assert_string_equal(r.id, first);
	/* another author: another id */
	e.author = "bob@example.com";
	assert_int_equal(farley_record_new_id(&r, NULL, &e, &err), 0);
	assert_string_not_equal(r.id, first);
	free(first);
	farley_record_release(&r);
}

static void interaction_ids(void **state)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct farley_create_env e = env();
	struct farley_error err = FARLEY_ERROR_INIT;
	(void)state;
	r.kind = FARLEY_INTERACTION;
	farley_record_set_str(&r, "date", "2026-11-24T15:30+01:00");
	farley_record_set_str(&r, "channel", "call");
	farley_record_set_str(&r, "summary", "Discussed renewal");
	assert_int_equal(farley_record_new_id(&r, "jane-doe", &e, &err), 0);
	assert_memory_equal(r.id, "20261124-1530-jane-doe-call-", 28);
	assert_int_equal(strlen(r.id), 28 + 4);
	assert_memory_equal(r.path, "interactions/2026/11/20261124-1530-", 35);
	/* a date alone: no time in the id; the summary when nobody is named */
	farley_record_set_str(&r, "date", "2026-04-01");
	assert_int_equal(farley_record_new_id(&r, NULL, &e, &err), 0);
	assert_memory_equal(r.id, "20260401-discussed-renewal-call-", 32);
	/* a long summary is cut, never the channel or the hash */
	farley_record_set_str(&r, "summary",
			      "A very long subject line about the preliminary support "
			      "of everything under the sun");
	farley_record_set_str(&r, "channel", "email");
	assert_int_equal(farley_record_new_id(&r, NULL, &e, &err), 0);
	assert_true(strlen(r.id) <= 64);
	assert_non_null(strstr(r.id, "-email-"));
	assert_int_equal(strlen(strstr(r.id, "-email-")), strlen("-email-") + 4);
	/* no date: refused */
	farley_record_remove(&r, "date");
	assert_int_equal(farley_record_new_id(&r, NULL, &e, &err), FARLEY_EINVAL);
	farley_error_clear(&err);
	farley_record_release(&r);
}

static void recurrence(void **state)
{
	struct farley_record t = FARLEY_RECORD_INIT, r = FARLEY_RECORD_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	int32_t today = farley_days_from_civil(2026, 11, 27), next;
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	t.kind = FARLEY_TASK;
	t.id = strdup("weekly-report-1a2b");
	farley_record_set_str(&t, "title", "Weekly report");
	farley_record_set_str(&t, "due", "2026-11-01");
	farley_record_set_str(&t, "every", "1w");
	farley_record_set_str(&t, "status", "open");
	assert_int_equal(farley_task_complete(&t, &r, today, &next, &err), 0);
	/* due 11-01 + weeks, the first after today: 11-29 */
	farley_date_format(&sb, next);
	assert_string_equal(sb.buf, "2026-11-29");
	assert_string_equal(farley_record_str(&r, "due"), "2026-11-29");
	assert_string_equal(farley_record_str(&r, "done"), "2026-11-27");
	assert_string_equal(farley_record_str(&r, "status"), "open");
	/* monthly from the 31st stays valid */
	farley_record_set_str(&t, "due", "2027-01-31");
	farley_record_set_str(&t, "every", "1m");
	assert_int_equal(farley_task_complete(&t, &r, today, &next, &err), 0);
	assert_string_equal(farley_record_str(&r, "due"), "2027-02-28");
	/* not recurring: done, and a second time refused */
	farley_record_remove(&t, "every");
	assert_int_equal(farley_task_complete(&t, &r, today, &next, &err), 0);
	assert_int_equal(next, 0);
	assert_string_equal(farley_record_str(&r, "status"), "done");
	assert_int_equal(farley_task_complete(&r, &t, today, &next, &err),
			 FARLEY_EINVAL);
	assert_non_null(strstr(err.msg, "already done"));
	farley_error_clear(&err);
	/* only tasks */
	r.kind = FARLEY_DEAL;
	assert_int_equal(farley_task_complete(&r, &t, today, &next, &err),
			 FARLEY_EINVAL);
	farley_error_clear(&err);
	strbuf_release(&sb);
	farley_record_release(&t);
	farley_record_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(slug_ids_and_clashes),
		cmocka_unit_test(task_ids_depend_on_content_and_author),
		cmocka_unit_test(interaction_ids),
		cmocka_unit_test(recurrence),
	};
	farley_config_defaults(&cfg);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
