/* report-period.c: the months and quarters of forecast and accuracy --
 * reading --by, --from and --to, and the arithmetic and names of
 * periods. */
#include "report-private.h"

int farley_period_by_parse(const char *s, int *quarter)
{
	if (!strcmp(s, "month"))
		*quarter = 0;
	else if (!strcmp(s, "quarter"))
		*quarter = 1;
	else
		return -1;
	return 0;
}

int farley_period_parse(const char *s, int last, int32_t *day)
{
	int y, m, q;
	char rest;
	if (!farley_date_expr(s, day))
		return 0;
	if (sscanf(s, "%4d-%2d%c", &y, &m, &rest) == 2 && m >= 1 && m <= 12) {
		*day = farley_days_from_civil(y, m, 1);
		if (last)
			*day = farley_period_next(*day, 0) - 1;
		return 0;
	}
	if (sscanf(s, "%4d-Q%1d%c", &y, &q, &rest) == 2 && q >= 1 && q <= 4) {
		*day = farley_days_from_civil(y, (q - 1) * 3 + 1, 1);
		if (last)
			*day = farley_period_next(*day, 1) - 1;
		return 0;
	}
	return -1;
}

int32_t farley_period_start(int32_t day, int quarter)
{
	int y, m, dd;
	farley_civil_from_days(day, &y, &m, &dd);
	if (quarter)
		m = (m - 1) / 3 * 3 + 1;
	return farley_days_from_civil(y, m, 1);
}

int32_t farley_period_next(int32_t start, int quarter)
{
	struct farley_interval iv = { quarter ? 3 : 1, 'm' };
	return farley_interval_add(start, &iv, 1);
}

void farley_period_name(char *buf, size_t n, int32_t start, int quarter)
{
	int y, m, d;
	farley_civil_from_days(start, &y, &m, &d);
	if (quarter)
		snprintf(buf, n, "%04d-Q%d", y, (m - 1) / 3 + 1);
	else
		snprintf(buf, n, "%04d-%02d", y, m);
}
