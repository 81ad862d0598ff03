/* money: exact decimal amounts and probabilities.
 *
 * Amounts are whole cents in an int64_t; probabilities are millionths
 * (0..1000000).  A weighted amount (cents x millionths) is kept in a
 * 128-bit integer so sums over any number of deals cannot overflow, and is
 * rounded to the cent, half away from zero, only when it is shown. */
#ifndef FARLEY_MONEY_H
#define FARLEY_MONEY_H

#include <stdint.h>

#include "farley/strbuf.h"

typedef __int128 farley_wide;

#define FARLEY_PROB_ONE 1000000

/* "12000", "99.95", "-3.5": at most 2 decimal places, at most 15 digits
 * before the point.  Returns 0, or -1 when s is not an amount. */
int farley_money_parse(const char *s, int64_t *cents);
/* Plain decimal for machines: 12000.5 -> "12000.5", 12000 -> "12000". */
void farley_money_format(struct strbuf *out, int64_t cents);
/* Two decimals for files: "12000.50", "12000". */
void farley_money_format_file(struct strbuf *out, int64_t cents);
/* For people: "12,000.50" (always two decimals). */
void farley_money_format_human(struct strbuf *out, int64_t cents);

/* "0.25", "1", "0", ".5": 0..1 with at most 6 decimal places. */
int farley_prob_parse(const char *s, int32_t *millionths);
void farley_prob_format(struct strbuf *out, int32_t millionths);

/* cents x millionths, exactly. */
farley_wide farley_money_weight(int64_t cents, int32_t millionths);
/* Round a weighted sum (in cent-millionths) to cents, half away from zero. */
int64_t farley_wide_to_cents(farley_wide w);

#endif
