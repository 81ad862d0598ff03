/* u-date.c: dates, datetimes and intervals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "farley/date.h"

static void calendar(void **state)
{
	int32_t d;
	(void)state;
	assert_int_equal(farley_date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(farley_date_parse("2024-02-29", &d), 0);
	assert_int_equal(farley_date_parse("2023-02-29", &d), -1);
	assert_int_equal(farley_date_parse("1900-02-29", &d), -1);
	assert_int_equal(farley_date_parse("2000-02-29", &d), 0);
	assert_int_equal(farley_date_parse("2026-13-01", &d), -1);
	assert_int_equal(farley_date_parse("2026-1-01", &d), -1);
	assert_int_equal(farley_date_parse("2026-01-01x", &d), -1);
}

static void datetimes(void **state)
{
	struct farley_datetime a, b;
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	assert_int_equal(farley_datetime_parse("2026-01-01T00:30+01:00", &a), 0);
	assert_int_equal(farley_datetime_parse("2025-12-31T23:30Z", &b), 0);
	/* the same instant, different dates as written */
	assert_true(farley_datetime_instant(&a) == farley_datetime_instant(&b));
	assert_true(a.day != b.day);
	assert_int_equal(farley_datetime_parse("2026-01-01T25:00Z", &a), -1);
	assert_int_equal(farley_datetime_parse("2026-01-01T10:00", &a), -1);
	assert_int_equal(farley_datetime_parse("2026-01-01T10:00:05-05:30", &a), 0);
	farley_datetime_format(&sb, &a);
	assert_string_equal(sb.buf, "2026-01-01T10:00:05-05:30");
	/* a leap second formats as itself, not as 24:00:00 (found by the
	 * date fuzz target: that text did not read back) */
	assert_int_equal(farley_datetime_parse("2026-11-10T23:59:60+14:00", &a), 0);
	strbuf_reset(&sb);
	farley_datetime_format(&sb, &a);
	assert_string_equal(sb.buf, "2026-11-10T23:59:60+14:00");
	assert_int_equal(farley_datetime_parse(sb.buf, &b), 0);
	strbuf_release(&sb);
}

static void intervals(void **state)
{
	struct farley_interval iv;
	int32_t d, r;
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	assert_int_equal(farley_interval_parse("30d", &iv), 0);
	assert_int_equal(farley_interval_parse("2w", &iv), 0);
	assert_int_equal(farley_interval_parse("0d", &iv), -1);
	assert_int_equal(farley_interval_parse("3x", &iv), -1);
	assert_int_equal(farley_interval_parse("3", &iv), -1);
	farley_date_parse("2026-01-31", &d);
	farley_interval_parse("1m", &iv);
	r = farley_interval_add(d, &iv, 1);
	farley_date_format(&sb, r);
	assert_string_equal(sb.buf, "2026-02-28"); /* clamped to month end */
	strbuf_release(&sb);
	/* before year 0 (found by the query fuzz target: --where
	 * "close>-62902y" made the month -9, read outside the month table) */
	farley_interval_parse("2y", &iv);
	r = farley_interval_add(farley_days_from_civil(1, 3, 31), &iv, -1);
	assert_int_equal(r, farley_days_from_civil(-1, 3, 31));
	farley_interval_parse("13m", &iv);
	r = farley_interval_add(farley_days_from_civil(0, 1, 31), &iv, -1);
	assert_int_equal(r, farley_days_from_civil(-2, 12, 31));
}

static void relative(void **state)
{
	int32_t d, base;
	(void)state;
	farley_pretend_today(farley_days_from_civil(2026, 11, 24));
	farley_date_parse("2026-11-24", &base);
	assert_int_equal(farley_date_expr("today", &d), 0);
	assert_int_equal(d, base);
	assert_int_equal(farley_date_expr("today-30d", &d), 0);
	assert_int_equal(d, base - 30);
	assert_int_equal(farley_date_expr("today+2w", &d), 0);
	assert_int_equal(d, base + 14);
	assert_int_equal(farley_date_expr("today*2", &d), -1);
	/* 2026-11-24 is a Tuesday */
	assert_int_equal(farley_date_expr("tomorrow", &d), 0);
	assert_int_equal(d, base + 1);
	assert_int_equal(farley_date_expr("Yesterday", &d), 0);
	assert_int_equal(d, base - 1);
	assert_int_equal(farley_date_expr("friday", &d), 0);
	assert_int_equal(d, base + 3);
	assert_int_equal(farley_date_expr("fri", &d), 0);
	assert_int_equal(d, base + 3);
	assert_int_equal(farley_date_expr("next friday", &d), 0);
	assert_int_equal(d, base + 3);
	assert_int_equal(farley_date_expr("tuesday", &d), 0);
	assert_int_equal(d, base + 7); /* never today */
	assert_int_equal(farley_date_expr("monday", &d), 0);
	assert_int_equal(d, base + 6);
	assert_int_equal(farley_date_expr("+3d", &d), 0);
	assert_int_equal(d, base + 3);
	assert_int_equal(farley_date_expr("-2w", &d), 0);
	assert_int_equal(d, base - 14);
	assert_int_equal(farley_date_expr("tomorrow+1w", &d), 0);
	assert_int_equal(d, base + 8);
	assert_int_equal(farley_date_expr("next month", &d), 0);
	assert_int_equal(d, farley_days_from_civil(2026, 12, 24));
	assert_int_equal(farley_date_expr("last year", &d), 0);
	assert_int_equal(d, farley_days_from_civil(2025, 11, 24));
	assert_int_equal(farley_date_expr("fr", &d), -1);
	assert_int_equal(farley_date_expr("next", &d), -1);
	assert_int_equal(farley_date_expr("+", &d), -1);
	assert_int_equal(farley_date_expr("", &d), -1);
	assert_int_equal(farley_date_expr("friday-", &d), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calendar),
		cmocka_unit_test(datetimes),
		cmocka_unit_test(intervals),
		cmocka_unit_test(relative),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
