/* date: dates, RFC 3339 datetimes, intervals and the date words people
 * type.  Properties: what parses formats back to the same text (a date)
 * or to a text that parses to the same value (a datetime). */
#include "fuzz.h"

#include "farley/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct strbuf out = STRBUF_INIT;
	struct farley_datetime dt, dt2;
	struct farley_interval iv;
	int32_t day, day2;

	farley_pretend_today(farley_days_from_civil(2026, 11, 20));
	if (farley_date_parse(s, &day) == 0) {
		int y, m, d;
		farley_date_format(&out, day);
		FUZZ_ASSERT(!strcmp(out.buf, s));
		farley_civil_from_days(day, &y, &m, &d);
		FUZZ_ASSERT(farley_days_from_civil(y, m, d) == day);
		strbuf_reset(&out);
	}
	if (farley_datetime_parse(s, &dt) == 0) {
		farley_datetime_format(&out, &dt);
		FUZZ_ASSERT(farley_datetime_parse(out.buf, &dt2) == 0);
		FUZZ_ASSERT(dt2.day == dt.day && dt2.seconds == dt.seconds &&
			    dt2.offset == dt.offset && dt2.has_time == dt.has_time);
		FUZZ_ASSERT(farley_datetime_instant(&dt) ==
			    farley_datetime_instant(&dt2));
		strbuf_reset(&out);
	}
	if (farley_interval_parse(s, &iv) == 0) {
		int32_t t = farley_today();
		farley_interval_add(t, &iv, 1);
		farley_interval_add(t, &iv, -1);
	}
	if (farley_date_expr(s, &day2) == 0) {
		farley_date_format(&out, day2);
		strbuf_reset(&out);
	}
	strbuf_release(&out);
	free(s);
	return 0;
}
