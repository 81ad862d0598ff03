/* date.c: dates, datetimes and intervals, without the C library's
 * time zone surprises (only farley_now() and farley_today() look at the
 * local zone). */
#include "farley/date.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
int32_t farley_days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void farley_civil_from_days(int32_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int parse_ymd(const char *s, int32_t *day)
{
	int y, m, d;
	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return -1;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*day = farley_days_from_civil(y, m, d);
	return 0;
}

int farley_date_parse(const char *s, int32_t *day)
{
	if (!s || strlen(s) != 10)
		return -1;
	return parse_ymd(s, day);
}

void farley_date_format(struct strbuf *out, int32_t day)
{
	int y, m, d;
	farley_civil_from_days(day, &y, &m, &d);
	strbuf_addf(out, "%04d-%02d-%02d", y, m, d);
}

int farley_datetime_parse(const char *s, struct farley_datetime *dt)
{
	int hh, mm, ss = 0, oh, om;
	size_t len = s ? strlen(s) : 0;
	const char *p;
	memset(dt, 0, sizeof(*dt));
	if (len < 10 || parse_ymd(s, &dt->day))
		return -1;
	if (len == 10)
		return 0;
	p = s + 10;
	if ((*p != 'T' && *p != 't') || digits(p + 1, 2, &hh) || p[3] != ':' ||
	    digits(p + 4, 2, &mm))
		return -1;
	p += 6;
	if (*p == ':') {
		if (digits(p + 1, 2, &ss))
			return -1;
		dt->has_seconds = 1;
		p += 3;
	}
	if (hh > 23 || mm > 59 || ss > 60)
		return -1;
	if (*p == 'Z' || *p == 'z') {
		dt->offset = 0;
		p++;
	} else if (*p == '+' || *p == '-') {
		if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) ||
		    oh > 23 || om > 59)
			return -1;
		dt->offset = (int16_t)((oh * 60 + om) * (*p == '-' ? -1 : 1));
		p += 6;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	dt->seconds = hh * 3600 + mm * 60 + ss;
	dt->has_time = 1;
	return 0;
}

void farley_datetime_format(struct strbuf *out, const struct farley_datetime *dt)
{
	int off;
	farley_date_format(out, dt->day);
	if (!dt->has_time)
		return;
	if (dt->seconds >= 86400) {
		/* the leap second 23:59:60 (read as the day's 86400th second):
		 * as 24:00:00 it would not read back */
		strbuf_addstr(out, "T23:59:60");
	} else {
		strbuf_addf(out, "T%02d:%02d", dt->seconds / 3600,
			    dt->seconds / 60 % 60);
		if (dt->has_seconds)
			strbuf_addf(out, ":%02d", dt->seconds % 60);
	}
	if (!dt->offset) {
		strbuf_addch(out, 'Z');
		return;
	}
	off = dt->offset < 0 ? -dt->offset : dt->offset;
	strbuf_addf(out, "%c%02d:%02d", dt->offset < 0 ? '-' : '+', off / 60,
		    off % 60);
}

int64_t farley_datetime_instant(const struct farley_datetime *dt)
{
	return (int64_t)dt->day * 86400 + dt->seconds - (int64_t)dt->offset * 60;
}

static int pretending;
static int32_t pretend_day;

void farley_pretend_today(int32_t day)
{
	pretending = 1;
	pretend_day = day;
}

int32_t farley_today(void)
{
	time_t now;
	struct tm tm;
	if (pretending)
		return pretend_day;
	now = time(NULL);
	localtime_r(&now, &tm);
	return farley_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
				      tm.tm_mday);
}

static int pretending_now;
static struct farley_datetime pretend_now;

void farley_pretend_now(const struct farley_datetime *dt)
{
	pretending_now = 1;
	pretend_now = *dt;
}

void farley_now(struct farley_datetime *dt)
{
	time_t now = time(NULL);
	struct tm tm;
	if (pretending_now) {
		*dt = pretend_now;
		return;
	}
	localtime_r(&now, &tm);
	memset(dt, 0, sizeof(*dt));
	dt->day = farley_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
					 tm.tm_mday);
	dt->seconds = tm.tm_hour * 3600 + tm.tm_min * 60;
	dt->offset = (int16_t)(tm.tm_gmtoff / 60);
	dt->has_time = 1;
}

int farley_interval_parse(const char *s, struct farley_interval *iv)
{
	char *end;
	long n;
	if (!s || !isdigit((unsigned char)*s))
		return -1;
	n = strtol(s, &end, 10);
	if (n < 1 || n > 100000 || !strchr("dwmy", *end) || !*end || end[1])
		return -1;
	iv->n = (int)n;
	iv->unit = *end;
	return 0;
}

int32_t farley_interval_add(int32_t day, const struct farley_interval *iv,
			    int sign)
{
	int y, m, d, months;
	switch (iv->unit) {
	case 'd':
		return day + sign * iv->n;
	case 'w':
		return day + sign * 7 * iv->n;
	default:
		months = iv->unit == 'y' ? 12 * iv->n : iv->n;
		farley_civil_from_days(day, &y, &m, &d);
		months = y * 12 + (m - 1) + sign * months;
		/* rounded down: a month before year 0 is in a negative year */
		y = months >= 0 ? months / 12 : -((11 - months) / 12);
		m = months - y * 12 + 1;
		if (d > days_in_month(y, m))
			d = days_in_month(y, m);
		return farley_days_from_civil(y, m, d);
	}
}

/* Monday is 0: 1970-01-01 (day 0) was a Thursday. */
static int weekday(int32_t day)
{
	return (int)(((day % 7) + 7 + 3) % 7);
}

static int word_is(const char *s, size_t len, const char *word, size_t min)
{
	return len >= min && len <= strlen(word) && !strncasecmp(s, word, len);
}

/* The start of an expression: a word for a day, *len its length. */
static int base_day(const char *s, size_t len, int32_t *day)
{
	static const char *const days[] = { "monday", "tuesday", "wednesday",
					    "thursday", "friday", "saturday",
					    "sunday" };
	int32_t today = farley_today();
	if (len == 5 && !strncasecmp(s, "today", 5))
		*day = today;
	else if (len == 8 && !strncasecmp(s, "tomorrow", 8))
		*day = today + 1;
	else if (len == 9 && !strncasecmp(s, "yesterday", 9))
		*day = today - 1;
	else {
		for (int w = 0; w < 7; w++)
			if (word_is(s, len, days[w], 3)) {
				/* the next such day, never today */
				int ahead = (w - weekday(today) + 7) % 7;
				*day = today + (ahead ? ahead : 7);
				return 0;
			}
		return -1;
	}
	return 0;
}

int farley_date_expr(const char *s, int32_t *day)
{
	struct farley_interval iv;
	size_t len = 0;
	if (!s)
		return -1;
	if (isdigit((unsigned char)*s))
		return farley_date_parse(s, day);
	if (!strncasecmp(s, "next ", 5) || !strncasecmp(s, "last ", 5)) {
		/* next week, next month, last year: one unit from today */
		static const char *const units[] = { "day", "week", "month", "year" };
		int sign = tolower((unsigned char)*s) == 'n' ? 1 : -1;
		const char *u = s + 5;
		while (*u == ' ')
			u++;
		for (int i = 0; i < 4; i++)
			if (!strcasecmp(u, units[i])) {
				iv.n = 1;
				iv.unit = "dwmy"[i];
				*day = farley_interval_add(farley_today(), &iv, sign);
				return 0;
			}
		/* next friday: the same as friday */
		return base_day(u, strlen(u), day);
	}
	while (isalpha((unsigned char)s[len]))
		len++;
	if (len) {
		if (base_day(s, len, day))
			return -1;
	} else {
		*day = farley_today(); /* +3d, -2w */
	}
	s += len;
	if (!*s)
		return len ? 0 : -1;
	if ((*s != '+' && *s != '-') || farley_interval_parse(s + 1, &iv))
		return -1;
	*day = farley_interval_add(*day, &iv, *s == '-' ? -1 : 1);
	return 0;
}
