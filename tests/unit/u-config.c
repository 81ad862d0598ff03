/* u-config.c: farley.yaml's service settings -- SLA durations, case
 * statuses, priorities and the expansion of @SEGMENT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "farley/config.h"

static void durations(void **state)
{
	int64_t s;
	(void)state;
	assert_int_equal(farley_duration_parse("1h", &s), 0);
	assert_int_equal(s, 3600);
	assert_int_equal(farley_duration_parse("1h30m", &s), 0);
	assert_int_equal(s, 5400);
	assert_int_equal(farley_duration_parse("2d", &s), 0);
	assert_int_equal(s, 172800);
	assert_int_equal(farley_duration_parse("1w", &s), 0);
	assert_int_equal(s, 604800);
	assert_int_equal(farley_duration_parse("45m", &s), 0);
	assert_int_equal(s, 2700);
	assert_int_equal(farley_duration_parse("", &s), -1);
	assert_int_equal(farley_duration_parse("h", &s), -1);
	assert_int_equal(farley_duration_parse("3", &s), -1);
	assert_int_equal(farley_duration_parse("3y", &s), -1);
	assert_int_equal(farley_duration_parse("0h", &s), -1);
	assert_int_equal(farley_duration_parse("-1h", &s), -1);
}

static const char yaml[] =
	"case_statuses: [new, {name: waiting}, {name: done, closed: true}]\n"
	"sla:\n  urgent: {respond: 1h, resolve: 8h}\n  low: {resolve: 2w}\n"
	"segments:\n  vip: tags=vip\n  berlin-vip: \"@vip and address.city=Berlin\"\n"
	"  loop: \"@loop\"\n";

static void service_settings(void **state)
{
	struct farley_config cfg;
	struct farley_error err = FARLEY_ERROR_INIT;
	(void)state;
	assert_int_equal(farley_config_parse(&cfg, yaml, strlen(yaml), "farley.yaml", &err), 0);
	assert_int_equal(cfg.ncase_statuses, 3);
	assert_true(farley_config_case_open(&cfg, "waiting"));
	assert_false(farley_config_case_open(&cfg, "done"));
	assert_true(farley_config_case_open(&cfg, NULL)); /* the first: new */
	assert_int_equal(cfg.sla[FARLEY_PRIO_URGENT].respond, 3600);
	assert_int_equal(cfg.sla[FARLEY_PRIO_URGENT].resolve, 28800);
	assert_int_equal(cfg.sla[FARLEY_PRIO_LOW].respond, 0);
	assert_int_equal(cfg.sla[FARLEY_PRIO_LOW].resolve, 1209600);
	assert_int_equal(cfg.sla[FARLEY_PRIO_NORMAL].resolve, 0);
	assert_int_equal(farley_priority_parse("high"), FARLEY_PRIO_HIGH);
	assert_int_equal(farley_priority_parse("HIGH"), -1);
	farley_config_release(&cfg);
}

static void default_statuses(void **state)
{
	struct farley_config cfg;
	(void)state;
	farley_config_defaults(&cfg);
	assert_int_equal(cfg.ncase_statuses, 5);
	assert_string_equal(cfg.case_statuses[0].name, "new");
	assert_true(farley_config_case_open(&cfg, "pending"));
	assert_false(farley_config_case_open(&cfg, "resolved"));
	assert_false(farley_config_case_open(&cfg, "closed"));
	farley_config_release(&cfg);
}

static void segments(void **state)
{
	struct farley_config cfg;
	struct farley_error err = FARLEY_ERROR_INIT;
	struct strbuf out = STRBUF_INIT;
	(void)state;
	assert_int_equal(farley_config_parse(&cfg, yaml, strlen(yaml), "farley.yaml", &err), 0);
	assert_int_equal(farley_segment_expand(&cfg, "@berlin-vip or owner=me", &out, &err), 0);
	assert_string_equal(out.buf, "((tags=vip) and address.city=Berlin) or owner=me");
	assert_int_equal(farley_segment_expand(&cfg, "not(@vip)", &out, &err), 0);
	assert_string_equal(out.buf, "not((tags=vip))");
	/* inside a value, a regex or quotes: not a segment */
	assert_int_equal(farley_segment_expand(&cfg, "emails~/@vip/ and x=\"a @vip\"", &out, &err), 0);
	assert_string_equal(out.buf, "emails~/@vip/ and x=\"a @vip\"");
	assert_int_equal(farley_segment_expand(&cfg, "@nope", &out, &err), FARLEY_EUSAGE);
	farley_error_clear(&err);
	assert_int_equal(farley_segment_expand(&cfg, "@loop", &out, &err), FARLEY_EUSAGE);
	farley_error_clear(&err);
	strbuf_release(&out);
	farley_config_release(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(durations),
		cmocka_unit_test(service_settings),
		cmocka_unit_test(default_statuses),
		cmocka_unit_test(segments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
