/* u-ical.c: iCalendar values: dates and UTC times, RRULE, durations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "farley/ical.h"
#include "farley/vcard.h"

static void when(const char *s, int ok, const char *want, int want_date)
{
	struct strbuf sb = STRBUF_INIT;
	int is_date = -1;
	assert_int_equal(farley_ical_datetime(&sb, s, &is_date), ok);
	assert_string_equal(sb.buf, want);
	if (!ok)
		assert_int_equal(is_date, want_date);
	strbuf_release(&sb);
}

static void datetimes(void **state)
{
	(void)state;
	when("2026-04-01", 0, "20260401", 1);
	when("2026-04-01T09:30+02:00", 0, "20260401T073000Z", 0);
	when("2026-04-01T09:30:15Z", 0, "20260401T093015Z", 0);
	/* an offset that crosses midnight, back and forth */
	when("2026-04-01T01:00+05:30", 0, "20260331T193000Z", 0);
	when("2026-12-31T22:00-03:00", 0, "20270101T010000Z", 0);
	when("1969-12-31T23:00-02:00", 0, "19700101T010000Z", 0);
	when("1969-12-31T20:00Z", 0, "19691231T200000Z", 0);
	when("2026-04-01 09:30", -1, "", 0);
	when("soon", -1, "", 0);
}

static void stamps(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	assert_int_equal(farley_ical_stamp(&sb, "2026-04-01"), 0);
	assert_string_equal(sb.buf, "20260401T000000Z");
	strbuf_reset(&sb);
	assert_int_equal(farley_ical_stamp(&sb, "2026-04-01T09:30+02:00"), 0);
	assert_string_equal(sb.buf, "20260401T073000Z");
	strbuf_reset(&sb);
	assert_int_equal(farley_ical_stamp(&sb, "x"), -1);
	strbuf_release(&sb);
}

static void rrule(const char *every, int ok, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(farley_ical_rrule(&sb, every), ok);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void rrules(void **state)
{
	(void)state;
	rrule("1w", 0, "FREQ=WEEKLY;INTERVAL=1");
	rrule("2w", 0, "FREQ=WEEKLY;INTERVAL=2");
	rrule("1m", 0, "FREQ=MONTHLY;INTERVAL=1");
	rrule("3m", 0, "FREQ=MONTHLY;INTERVAL=3");
	rrule("1y", 0, "FREQ=YEARLY;INTERVAL=1");
	rrule("10d", 0, "FREQ=DAILY;INTERVAL=10");
	rrule("2x", -1, "");
	rrule("w", -1, "");
	rrule("0d", -1, "");
}

static void dur(const char *s, int ok, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(farley_ical_duration(&sb, s), ok);
	if (!ok)
		assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void durations(void **state)
{
	(void)state;
	dur("PT1H", 0, "PT1H");
	dur("pt1h30m", 0, "PT1H30M");
	dur("PT90M", 0, "PT1H30M");
	dur("P1W", 0, "P1W");
	dur("P1DT2H", 0, "P1DT2H");
	dur("PT45S", 0, "PT45S");
	dur("90m", 0, "PT1H30M");
	dur("90min", 0, "PT1H30M");
	dur("1h30m", 0, "PT1H30M");
	dur("1h 30m", 0, "PT1H30M");
	dur("2h", 0, "PT2H");
	dur("45", 0, "PT45M");
	dur(" 30 min", 0, "PT30M");
	dur("1d", 0, "P1D");
	dur("1w2d", 0, "P9D");
	dur("0m", -1, "");
	dur("PT", -1, "");
	dur("P1H", -1, "");
	dur("an hour", -1, "");
	dur("1h30", -1, "");
	dur("", -1, "");
}

/* The content lines the calendar export writes (through vcard.h): RFC
 * 5545's escapes, and a fold at 75 octets that waits for the end of a
 * UTF-8 character. */
static void content_lines(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	farley_vcard_text(&sb, "DESCRIPTION", "Agenda: prices; terms, dates\nC:\\x");
	assert_string_equal(sb.buf, "DESCRIPTION:Agenda: prices\\; terms\\, dates\\n"
				    "C:\\\\x\r\n");
	strbuf_release(&sb);
	/* 74 octets, then a two-octet character on octets 75 and 76: the
	 * line is folded before it, at 74 */
	farley_vcard_text(&sb, "SUMMARY", "Jahresgespr\xc3\xa4""ch "
			  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			  "\xc3\xbc""ber M\xc3\xbcnchen");
	assert_string_equal(sb.buf,
			    "SUMMARY:Jahresgespr\xc3\xa4""ch "
			    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
			    " \xc3\xbc""ber M\xc3\xbcnchen\r\n");
	strbuf_release(&sb);
}

static void uids(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	farley_ical_uid(&sb, "t-3f9a2c");
	assert_string_equal(sb.buf, "t-3f9a2c@farley");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(datetimes),
		cmocka_unit_test(stamps),
		cmocka_unit_test(rrules),
		cmocka_unit_test(durations),
		cmocka_unit_test(content_lines),
		cmocka_unit_test(uids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
