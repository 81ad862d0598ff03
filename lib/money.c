/* money.c: exact decimal arithmetic for amounts and probabilities. */
#include "farley/money.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int farley_money_parse(const char *s, int64_t *cents)
{
	int neg = 0, digits = 0, frac = 0;
	int64_t whole = 0, part = 0;
	if (!s || !*s)
		return -1;
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	}
	while (isdigit((unsigned char)*s)) {
		if (++digits > 15)
			return -1;
		whole = whole * 10 + (*s++ - '0');
	}
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s)) {
			if (++frac > 2)
				return -1;
			part = part * 10 + (*s++ - '0');
		}
		if (!frac)
			return -1;
		if (frac == 1)
			part *= 10;
	}
	if (*s || !digits)
		return -1;
	*cents = (whole * 100 + part) * (neg ? -1 : 1);
	return 0;
}

static void add_fixed(struct strbuf *out, int64_t cents, int mode)
{
	uint64_t a = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
	uint64_t whole = a / 100, frac = a % 100;
	char digits[32];
	int n = 0, i;
	if (cents < 0)
		strbuf_addch(out, '-');
	do {
		digits[n++] = (char)('0' + whole % 10);
		whole /= 10;
	} while (whole);
	for (i = n - 1; i >= 0; i--) {
		strbuf_addch(out, digits[i]);
		if (mode == 2 && i && i % 3 == 0)
			strbuf_addch(out, ',');
	}
	if (mode == 0) {
		if (frac % 10)
			strbuf_addf(out, ".%02u", (unsigned)frac);
		else if (frac)
			strbuf_addf(out, ".%u", (unsigned)(frac / 10));
	} else if (mode == 1) {
		if (frac)
			strbuf_addf(out, ".%02u", (unsigned)frac);
	} else {
		strbuf_addf(out, ".%02u", (unsigned)frac);
	}
}

void farley_money_format(struct strbuf *out, int64_t cents)
{
	add_fixed(out, cents, 0);
}

void farley_money_format_file(struct strbuf *out, int64_t cents)
{
	add_fixed(out, cents, 1);
}

void farley_money_format_human(struct strbuf *out, int64_t cents)
{
	add_fixed(out, cents, 2);
}

int farley_prob_parse(const char *s, int32_t *millionths)
{
	int32_t whole = 0, part = 0;
	int digits = 0, frac = 0;
	if (!s || !*s)
		return -1;
	while (isdigit((unsigned char)*s)) {
		if (++digits > 1)
			return -1;
		whole = *s++ - '0';
	}
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s)) {
			if (++frac > 6)
				return -1;
			part = part * 10 + (*s++ - '0');
		}
		if (!frac && !digits)
			return -1;
		for (int i = frac; i < 6; i++)
			part *= 10;
	}
	if (*s || (!digits && !frac))
		return -1;
	if (whole > 1 || (whole == 1 && part))
		return -1;
	*millionths = whole * FARLEY_PROB_ONE + part;
	return 0;
}

void farley_prob_format(struct strbuf *out, int32_t m)
{
	char frac[8];
	int n;
	if (m >= FARLEY_PROB_ONE) {
		strbuf_addstr(out, "1");
		return;
	}
	if (m <= 0) {
		strbuf_addstr(out, "0");
		return;
	}
	snprintf(frac, sizeof(frac), "%06d", (int)m);
	n = 6;
	while (n > 1 && frac[n - 1] == '0')
		n--;
	frac[n] = '\0';
	strbuf_addf(out, "0.%s", frac);
}

farley_wide farley_money_weight(int64_t cents, int32_t millionths)
{
	return (farley_wide)cents * millionths;
}

int64_t farley_wide_to_cents(farley_wide w)
{
	farley_wide q = w / FARLEY_PROB_ONE, r = w % FARLEY_PROB_ONE;
	if (r < 0)
		r = -r;
	if (r * 2 >= FARLEY_PROB_ONE)
		q += w < 0 ? -1 : 1;
	return (int64_t)q;
}
