/* date: calendar dates, RFC 3339 datetimes and intervals.
 *
 * A date is a day number (days since 1970-01-01, proleptic Gregorian).
 * A datetime keeps the date and time as written plus its offset, so it can
 * be compared as a date "in its own offset" or as an instant. */
#ifndef FARLEY_DATE_H
#define FARLEY_DATE_H

#include <stdint.h>

#include "farley/strbuf.h"

struct farley_datetime {
	int32_t day;     /* the date as written */
	int32_t seconds; /* seconds into that day, as written */
	int16_t offset;  /* minutes east of UTC */
	unsigned has_time : 1;
	unsigned has_seconds : 1;
};

int32_t farley_days_from_civil(int y, int m, int d);
void farley_civil_from_days(int32_t z, int *y, int *m, int *d);

/* "YYYY-MM-DD" exactly, a real calendar day.  0 or -1. */
int farley_date_parse(const char *s, int32_t *day);
void farley_date_format(struct strbuf *out, int32_t day);
/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)". */
int farley_datetime_parse(const char *s, struct farley_datetime *dt);
void farley_datetime_format(struct strbuf *out, const struct farley_datetime *dt);
/* Seconds since the epoch (a date alone counts as midnight UTC). */
int64_t farley_datetime_instant(const struct farley_datetime *dt);

/* Today in local time, unless farley_pretend_today() said otherwise. */
int32_t farley_today(void);
/* From now on, today is day (for tests and demos: FARLEY_TODAY). */
void farley_pretend_today(int32_t day);
/* Now, local time with its offset, to the minute (or what
 * farley_pretend_now() said). */
void farley_now(struct farley_datetime *dt);
/* From now on, now is dt (for tests: FARLEY_TODAY with a time). */
void farley_pretend_now(const struct farley_datetime *dt);

/* An interval such as "30d", "2w", "3m", "1y". */
struct farley_interval {
	int n;
	char unit; /* d w m y */
};
int farley_interval_parse(const char *s, struct farley_interval *iv);
int32_t farley_interval_add(int32_t day, const struct farley_interval *iv,
			    int sign);

/* A date as people type it: a plain date (YYYY-MM-DD); "today",
 * "tomorrow", "yesterday"; a weekday name ("friday", "fri": the next such
 * day, never today; "next friday" is the same); an offset from today
 * ("+3d", "-2w"); a day word with an offset ("today+3d", "friday+1w");
 * "next week|month|year", "last week|month|year" (one unit from today).
 * Words are case-insensitive.  0, or -1 when s is none of these. */
int farley_date_expr(const char *s, int32_t *day);

#endif
