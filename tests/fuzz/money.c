/* money: amounts and probabilities.  Properties: each format of a parsed
 * amount (machine, file) parses back to the same cents; a probability
 * formats and parses back to itself; weighting stays exact. */
#include "fuzz.h"

#include "farley/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct strbuf out = STRBUF_INIT;
	int64_t cents, back;
	int32_t prob = -1, pback;

	if (farley_money_parse(s, &cents) == 0) {
		farley_money_format(&out, cents);
		FUZZ_ASSERT(farley_money_parse(out.buf, &back) == 0 && back == cents);
		strbuf_reset(&out);
		farley_money_format_file(&out, cents);
		FUZZ_ASSERT(farley_money_parse(out.buf, &back) == 0 && back == cents);
		strbuf_reset(&out);
		farley_money_format_human(&out, cents);
		strbuf_reset(&out);
		/* a whole probability leaves the amount as it is */
		FUZZ_ASSERT(farley_wide_to_cents(farley_money_weight(cents, 1000000)) ==
			    cents);
		FUZZ_ASSERT(farley_wide_to_cents(farley_money_weight(cents, 0)) == 0);
	}
	if (farley_prob_parse(s, &prob) == 0) {
		FUZZ_ASSERT(prob >= 0 && prob <= 1000000);
		farley_prob_format(&out, prob);
		FUZZ_ASSERT(farley_prob_parse(out.buf, &pback) == 0 && pback == prob);
		strbuf_reset(&out);
	}
	strbuf_release(&out);
	free(s);
	return 0;
}
