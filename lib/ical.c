/* ical.c: iCalendar values for the calendar export. */
#include "farley/ical.h"
#include "farley/date.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void add_utc(struct strbuf *out, int64_t t)
{
	int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t sec = t - day * 86400;
	int y, m, d;
	farley_civil_from_days((int32_t)day, &y, &m, &d);
	strbuf_addf(out, "%04d%02d%02dT%02d%02d%02dZ", y, m, d, (int)(sec / 3600),
		    (int)(sec / 60 % 60), (int)(sec % 60));
}

int farley_ical_datetime(struct strbuf *out, const char *s, int *is_date)
{
	struct farley_datetime dt;
	if (!s || farley_datetime_parse(s, &dt))
		return -1;
	*is_date = !dt.has_time;
	if (!dt.has_time) {
		int y, m, d;
		farley_civil_from_days(dt.day, &y, &m, &d);
		strbuf_addf(out, "%04d%02d%02d", y, m, d);
	} else {
		add_utc(out, farley_datetime_instant(&dt));
	}
	return 0;
}

int farley_ical_stamp(struct strbuf *out, const char *s)
{
	struct farley_datetime dt;
	if (!s || farley_datetime_parse(s, &dt))
		return -1;
	add_utc(out, farley_datetime_instant(&dt));
	return 0;
}

int farley_ical_rrule(struct strbuf *out, const char *every)
{
	struct farley_interval iv;
	const char *freq;
	if (farley_interval_parse(every, &iv))
		return -1;
	switch (iv.unit) {
	case 'd': freq = "DAILY"; break;
	case 'w': freq = "WEEKLY"; break;
	case 'm': freq = "MONTHLY"; break;
	default: freq = "YEARLY"; break;
	}
	strbuf_addf(out, "FREQ=%s;INTERVAL=%d", freq, iv.n);
	return 0;
}

/* Numbers followed by units, in RFC 5545's form (after the P) or a
 * person's; the parts land in weeks, days, hours, minutes, seconds. */
static int parse_parts(const char *s, int iso, long part[5])
{
	int in_time = 0, any = 0;
	memset(part, 0, 5 * sizeof(*part));
	while (*s) {
		char *end;
		long n;
		int unit;
		while (!iso && *s == ' ')
			s++;
		if (!*s)
			break;
		if (iso && (*s == 'T' || *s == 't') && !in_time) {
			in_time = 1;
			s++;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return -1;
		n = strtol(s, &end, 10);
		if (n < 0 || n > 100000)
			return -1;
		s = end;
		while (!iso && *s == ' ')
			s++;
		unit = tolower((unsigned char)*s);
		if (!iso && !*s && !any)
			unit = 'n'; /* a bare number: minutes */
		else if (*s)
			s++;
		if (!iso && unit == 'm' && !strncmp(s, "in", 2))
			s += 2;
		switch (unit) {
		case 'w': if (in_time) return -1; part[0] += n; break;
		case 'd': if (in_time) return -1; part[1] += n; break;
		case 'h': if (iso && !in_time) return -1; part[2] += n; break;
		case 'm':
			if (iso && !in_time)
				return -1;
			part[3] += n;
			break;
		case 'n': part[3] += n; break;
		case 's': if (iso && !in_time) return -1; part[4] += n; break;
		default: return -1;
		}
		any = 1;
	}
	return any ? 0 : -1;
}

int farley_ical_duration(struct strbuf *out, const char *s)
{
	long p[5];
	int iso;
	while (s && (*s == ' ' || *s == '\t'))
		s++;
	if (!s || !*s)
		return -1;
	iso = *s == 'P' || *s == 'p';
	if (parse_parts(iso ? s + 1 : s, iso, p))
		return -1;
	/* seconds and minutes carry over; days stay days (a day is not always
	 * 24 hours in a calendar) */
	p[3] += p[4] / 60;
	p[4] %= 60;
	p[2] += p[3] / 60;
	p[3] %= 60;
	if (!p[0] && !p[1] && !p[2] && !p[3] && !p[4])
		return -1;
	if (p[0] && !p[1] && !p[2] && !p[3] && !p[4]) {
		strbuf_addf(out, "P%ldW", p[0]);
		return 0;
	}
	strbuf_addch(out, 'P');
	if (p[0] || p[1])
		strbuf_addf(out, "%ldD", p[0] * 7 + p[1]);
	if (p[2] || p[3] || p[4]) {
		strbuf_addch(out, 'T');
		if (p[2])
			strbuf_addf(out, "%ldH", p[2]);
		if (p[3])
			strbuf_addf(out, "%ldM", p[3]);
		if (p[4])
			strbuf_addf(out, "%ldS", p[4]);
	}
	return 0;
}

void farley_ical_uid(struct strbuf *out, const char *id)
{
	strbuf_addf(out, "%s@farley", id);
}
