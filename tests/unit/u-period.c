/* u-period.c: the months and quarters of forecast -- reading --by, --from
 * and --to, and period arithmetic and names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "farley/date.h"
#include "farley/report.h"

static int32_t day(const char *s)
{
	int32_t d;
	assert_int_equal(farley_date_parse(s, &d), 0);
	return d;
}

/* The period bound s read as first (last = 0) or last day, as a date. */
static void assert_bound(const char *s, int last, const char *want)
{
	int32_t d;
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(farley_period_parse(s, last, &d), 0);
	farley_date_format(&sb, d);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void by(void **state)
{
	int q = -1;
	(void)state;
	assert_int_equal(farley_period_by_parse("month", &q), 0);
	assert_int_equal(q, 0);
	assert_int_equal(farley_period_by_parse("quarter", &q), 0);
	assert_int_equal(q, 1);
	assert_int_equal(farley_period_by_parse("week", &q), -1);
	assert_int_equal(farley_period_by_parse("Month", &q), -1);
	assert_int_equal(farley_period_by_parse("", &q), -1);
}

static void months(void **state)
{
	(void)state;
	assert_bound("2027-01", 0, "2027-01-01");
	assert_bound("2027-01", 1, "2027-01-31");
	assert_bound("2028-02", 1, "2028-02-29"); /* leap year */
	assert_bound("2027-02", 1, "2027-02-28");
	assert_bound("2026-12", 1, "2026-12-31"); /* across the year's end */
}

static void quarters(void **state)
{
	(void)state;
	assert_bound("2026-Q1", 0, "2026-01-01");
	assert_bound("2026-Q1", 1, "2026-03-31");
	assert_bound("2026-Q2", 1, "2026-06-30");
	assert_bound("2026-Q4", 0, "2026-10-01");
	assert_bound("2026-Q4", 1, "2026-12-31");
}

static void dates(void **state)
{
	(void)state;
	/* a date is its own first and last day */
	assert_bound("2026-12-05", 0, "2026-12-05");
	assert_bound("2026-12-05", 1, "2026-12-05");
	farley_pretend_today(farley_days_from_civil(2026, 11, 24));
	assert_bound("today", 0, "2026-11-24");
	assert_bound("today+2w", 1, "2026-12-08");
}

static void rejects(void **state)
{
	int32_t d;
	static const char *bad[] = { "someday", "2026-13", "2026-00", "2026-Q0",
				     "2026-Q5", "2026-Q4x", "2026-12x", "2026-12-32",
				     "Q4", "", "2026", NULL };
	(void)state;
	for (int i = 0; bad[i]; i++)
		if (farley_period_parse(bad[i], 0, &d) != -1)
			fail_msg("'%s' was taken for a period", bad[i]);
}

static void arithmetic(void **state)
{
	(void)state;
	assert_int_equal(farley_period_start(day("2026-11-15"), 0), day("2026-11-01"));
	assert_int_equal(farley_period_start(day("2026-11-15"), 1), day("2026-10-01"));
	assert_int_equal(farley_period_start(day("2026-10-01"), 1), day("2026-10-01"));
	assert_int_equal(farley_period_next(day("2026-12-01"), 0), day("2027-01-01"));
	assert_int_equal(farley_period_next(day("2026-10-01"), 1), day("2027-01-01"));
	assert_int_equal(farley_period_next(day("2028-01-01"), 0), day("2028-02-01"));
}

static void names(void **state)
{
	char buf[16];
	(void)state;
	farley_period_name(buf, sizeof(buf), day("2026-12-01"), 0);
	assert_string_equal(buf, "2026-12");
	farley_period_name(buf, sizeof(buf), day("2027-01-01"), 0);
	assert_string_equal(buf, "2027-01");
	farley_period_name(buf, sizeof(buf), day("2026-10-01"), 1);
	assert_string_equal(buf, "2026-Q4");
	farley_period_name(buf, sizeof(buf), day("2027-01-01"), 1);
	assert_string_equal(buf, "2027-Q1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(by),
		cmocka_unit_test(months),
		cmocka_unit_test(quarters),
		cmocka_unit_test(dates),
		cmocka_unit_test(rejects),
		cmocka_unit_test(arithmetic),
		cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
