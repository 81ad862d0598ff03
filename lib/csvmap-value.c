/* csvmap-value.c: dates and amounts as exports write them (csvmap.h). */
#include "farley/csvmap.h"
#include "farley/date.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *month_names[] = { "jan", "feb", "mar", "apr", "may", "jun",
				     "jul", "aug", "sep", "oct", "nov", "dec" };

static int month_of(const char *s, size_t n)
{
	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (!strncasecmp(s, month_names[i], 3))
			return i + 1;
	return 0;
}

static int put_date(struct strbuf *out, int y, int mo, int d)
{
	int y2, m2, d2;
	if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	farley_civil_from_days(farley_days_from_civil(y, mo, d), &y2, &m2, &d2);
	if (y2 != y || m2 != mo || d2 != d)
		return -1;
	strbuf_reset(out);
	strbuf_addf(out, "%04d-%02d-%02d", y, mo, d);
	return 0;
}

/* Up to three numbers and what separates them; words are months. */
int farley_csvmap_date(struct strbuf *out, const char *s)
{
	int num[3] = { 0, 0, 0 }, len[3] = { 0, 0, 0 }, n = 0, month = 0;
	char sep = 0;
	const char *p = s, *rest;
	int ret = -1;

	while (*p == ' ')
		p++;
	if (!strcmp(p, "0/0/00") || !strcmp(p, "0/0/0000") ||
	    !strcmp(p, "00/00/0000") || !strcmp(p, "0000-00-00") ||
	    !strcmp(p, "00.00.0000")) {
		strbuf_reset(out);
		return 2;
	}
	if (p[0] == '-' && p[1] == '-' && isdigit((unsigned char)p[2]) &&
	    isdigit((unsigned char)p[3]) && p[4] == '-' &&
	    isdigit((unsigned char)p[5]) && isdigit((unsigned char)p[6]) && !p[7]) {
		int mo = (p[2] - '0') * 10 + p[3] - '0', d = (p[5] - '0') * 10 + p[6] - '0';
		if (put_date(out, 2000, mo, d)) /* 2000 has a 29 February */
			goto fail;
		strbuf_reset(out);
		strbuf_addf(out, "%02d-%02d", mo, d);
		return 1;
	}
	for (rest = p; *rest && n < 3;) {
		if (isdigit((unsigned char)*rest)) {
			while (isdigit((unsigned char)*rest) && len[n] < 5)
				num[n] = num[n] * 10 + (*rest++ - '0'), len[n]++;
			n++;
		} else if (isalpha((unsigned char)*rest)) {
			const char *w = rest;
			while (isalpha((unsigned char)*rest))
				rest++;
			if (month || !(month = month_of(w, (size_t)(rest - w))))
				goto fail;
		} else if (*rest == '-' || *rest == '/' || *rest == '.') {
			if (sep && sep != *rest && !month)
				goto fail;
			sep = *rest++;
		} else if (*rest == ' ' || *rest == ',') {
			rest++;
		} else {
			goto fail;
		}
		if (n == 3 || (month && n == 2))
			break;
	}
	while (*rest == ' ')
		rest++;
	if (month) {
		/* "2 Apr 1980", "Apr 2, 1980", "02-Apr-1980" */
		if (n != 2 || *rest || len[1] != 4)
			goto fail;
		ret = put_date(out, num[1], month, num[0]);
	} else if (n == 3 && len[0] == 4 && (sep == '-' || sep == '/')) {
		/* ISO, perhaps with a time after it */
		if (*rest && *rest != 'T' && *rest != 't' &&
		    !isdigit((unsigned char)*rest))
			goto fail;
		ret = put_date(out, num[0], num[1], num[2]);
	} else if (n == 3 && len[2] == 4 && sep == '/' && !*rest) {
		/* US M/D/Y, unless the first cannot be a month */
		ret = num[0] > 12 ? put_date(out, num[2], num[1], num[0])
				  : put_date(out, num[2], num[0], num[1]);
	} else if (n == 3 && len[2] == 4 && sep == '.' && !*rest) {
		ret = put_date(out, num[2], num[1], num[0]);
	}
	if (!ret)
		return 0;
fail:
	strbuf_reset(out);
	strbuf_addstr(out, s);
	return -1;
}

int farley_csvmap_money(struct strbuf *out, const char *s)
{
	struct strbuf d = STRBUF_INIT;
	const char *p;
	int neg = 0;
	size_t ncomma = 0, ndot = 0, lastc = 0, lastd = 0;
	int ret = -1;

	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (isdigit(c)) {
			strbuf_addch(&d, c);
		} else if (c == ',' || c == '.') {
			if (!d.len)
				goto out;
			strbuf_addch(&d, c);
			if (c == ',')
				ncomma++, lastc = d.len;
			else
				ndot++, lastd = d.len;
		} else if (c == '-' && !d.len && !neg) {
			neg = 1;
		} else if (c == ' ' || c == '\'' || c >= 0x80 || isalpha(c) ||
			   c == '$') {
			/* currency signs and codes, spaces between groups */
			if (isalpha(c) && d.len && p[1] && isdigit((unsigned char)p[1]))
				goto out;
		} else {
			goto out;
		}
	}
	if (!d.len || d.buf[d.len - 1] == ',' || d.buf[d.len - 1] == '.')
		goto out;
	strbuf_reset(out);
	if (neg)
		strbuf_addch(out, '-');
	{
		/* the decimal mark: the last of two kinds; a lone comma with one
		 * or two digits after it; otherwise a dot */
		char dec = 0;
		if (ncomma && ndot)
			dec = lastc > lastd ? ',' : '.';
		else if (ncomma == 1 && d.len - lastc <= 2)
			dec = ',';
		else if (ndot == 1)
			dec = '.';
		for (size_t i = 0; i < d.len; i++) {
			char c = d.buf[i];
			if (c == dec)
				strbuf_addch(out, '.');
			else if (c == ',' || c == '.') {
				/* a thousands separator has three digits after it */
				size_t j = i + 1, k = 0;
				while (j < d.len && isdigit((unsigned char)d.buf[j]))
					j++, k++;
				if (k != 3)
					goto out;
			} else {
				strbuf_addch(out, c);
			}
		}
	}
	ret = 0;
out:
	if (ret) {
		strbuf_reset(out);
		strbuf_addstr(out, s);
	}
	strbuf_release(&d);
	return ret;
}

