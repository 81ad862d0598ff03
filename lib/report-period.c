/* report-period.c: the months and quarters of forecast and accuracy. */
#include "report-private.h"

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
