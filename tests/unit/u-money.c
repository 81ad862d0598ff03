/* u-money.c: exact money and probabilities. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "farley/money.h"

static void parse_amounts(void **state)
{
	int64_t c;
	(void)state;
	assert_int_equal(farley_money_parse("12000", &c), 0);
	assert_int_equal(c, 1200000);
	assert_int_equal(farley_money_parse("99.95", &c), 0);
	assert_int_equal(c, 9995);
	assert_int_equal(farley_money_parse("0.1", &c), 0);
	assert_int_equal(c, 10);
	assert_int_equal(farley_money_parse("-3.5", &c), 0);
	assert_int_equal(c, -350);
	assert_int_equal(farley_money_parse("1.234", &c), -1);
	assert_int_equal(farley_money_parse("1e3", &c), -1);
	assert_int_equal(farley_money_parse("", &c), -1);
	assert_int_equal(farley_money_parse(".5", &c), -1);
	assert_int_equal(farley_money_parse("5.", &c), -1);
	assert_int_equal(farley_money_parse("1,000", &c), -1);
	assert_int_equal(farley_money_parse("1234567890123456", &c), -1);
}

static void format_amounts(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	farley_money_format(&sb, 1200050);
	assert_string_equal(sb.buf, "12000.5");
	strbuf_reset(&sb);
	farley_money_format(&sb, 1200000);
	assert_string_equal(sb.buf, "12000");
	strbuf_reset(&sb);
	farley_money_format(&sb, 5);
	assert_string_equal(sb.buf, "0.05");
	strbuf_reset(&sb);
	farley_money_format(&sb, -5);
	assert_string_equal(sb.buf, "-0.05");
	strbuf_reset(&sb);
	farley_money_format_file(&sb, 1200050);
	assert_string_equal(sb.buf, "12000.50");
	strbuf_reset(&sb);
	farley_money_format_human(&sb, 123456789);
	assert_string_equal(sb.buf, "1,234,567.89");
	strbuf_reset(&sb);
	farley_money_format_human(&sb, -100000);
	assert_string_equal(sb.buf, "-1,000.00");
	strbuf_release(&sb);
}

static void sums_are_exact(void **state)
{
	/* 0.10 + 0.20 is 0.30, not 0.30000000000000004 */
	int64_t a, b;
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	farley_money_parse("0.10", &a);
	farley_money_parse("0.20", &b);
	farley_money_format(&sb, a + b);
	assert_string_equal(sb.buf, "0.3");
	strbuf_release(&sb);
}

static void weighted_rounding(void **state)
{
	int32_t p;
	(void)state;
	assert_int_equal(farley_prob_parse("0.25", &p), 0);
	assert_int_equal(p, 250000);
	/* 0.05 x 0.5 = 0.025 -> 0.03 (half away from zero) */
	assert_int_equal(farley_wide_to_cents(farley_money_weight(5, 500000)), 3);
	assert_int_equal(farley_wide_to_cents(farley_money_weight(-5, 500000)), -3);
	/* 0.01 x 0.333333 -> 0.00 */
	assert_int_equal(farley_wide_to_cents(farley_money_weight(1, 333333)), 0);
	/* huge sums do not overflow 64 bits */
	{
		farley_wide w = 0;
		for (int i = 0; i < 1000; i++)
			w += farley_money_weight(INT64_C(99999999999999), 999999);
		assert_true(farley_wide_to_cents(w) > 0);
	}
}

static void probabilities(void **state)
{
	int32_t p;
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	assert_int_equal(farley_prob_parse("1", &p), 0);
	assert_int_equal(p, 1000000);
	assert_int_equal(farley_prob_parse("1.0", &p), 0);
	assert_int_equal(farley_prob_parse("0", &p), 0);
	assert_int_equal(farley_prob_parse(".5", &p), 0);
	assert_int_equal(p, 500000);
	assert_int_equal(farley_prob_parse("1.5", &p), -1);
	assert_int_equal(farley_prob_parse("2", &p), -1);
	assert_int_equal(farley_prob_parse("-0.5", &p), -1);
	assert_int_equal(farley_prob_parse("0.1234567", &p), -1);
	farley_prob_format(&sb, 250000);
	assert_string_equal(sb.buf, "0.25");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_amounts),
		cmocka_unit_test(format_amounts),
		cmocka_unit_test(sums_are_exact),
		cmocka_unit_test(weighted_rounding),
		cmocka_unit_test(probabilities),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
