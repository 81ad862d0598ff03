/* ids: the id slugger and the UTF-8 helpers around it.
 *
 * Input: one byte (the slug's maximum length, % 64), then a name.
 * Properties: a slug is lower-case ASCII letters, digits and single
 * hyphens, not starting or ending with one, at most max bytes, and a slug
 * of two characters or more is a valid id; farley_oneline() gives one
 * valid UTF-8 line without control characters within its columns. */
#include "fuzz.h"

#include "farley/ids.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const words[] = { "company", "contact", "deal",
					     "interaction", "task", NULL };
	struct strbuf out = STRBUF_INIT;
	size_t max, cols;
	char *s;

	if (size < 1)
		return 0;
	max = data[0] % 64;
	cols = 2 + data[0] % 80;
	s = fuzz_str(data + 1, size - 1);

	farley_slugify(&out, s, max);
	FUZZ_ASSERT(out.len <= max);
	for (size_t i = 0; i < out.len; i++) {
		char c = out.buf[i];
		FUZZ_ASSERT((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    (c == '-' && i > 0 && i + 1 < out.len &&
			     out.buf[i - 1] != '-'));
	}
	if (out.len >= 2)
		FUZZ_ASSERT(farley_id_valid(out.buf));
	strbuf_reset(&out);

	farley_id_valid(s);
	farley_hash_hex(&out, data, size, 1 + data[0] % 16);
	strbuf_reset(&out);
	farley_utf8_width(s, size - 1);
	farley_closest(s, words);

	farley_oneline(&out, (const char *)data + 1, size - 1, cols);
	FUZZ_ASSERT(farley_utf8_invalid(out.buf, out.len) == (size_t)-1);
	FUZZ_ASSERT(farley_utf8_width(out.buf, out.len) <= cols);
	for (size_t i = 0; i < out.len; i++)
		FUZZ_ASSERT((unsigned char)out.buf[i] >= 0x20 && out.buf[i] != 0x7f);
	strbuf_release(&out);
	free(s);
	return 0;
}
