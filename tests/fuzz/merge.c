/* merge: the three-way merge of one record file.
 *
 * Input: one byte (the kind of record, % 5), then the texts of base, ours
 * and theirs separated by NUL bytes (a record file holds none).  Property:
 * a merge fails only with a message, and a clean one reads back as a
 * record (or is empty: every field gone, as when both sides are absent). */
#include "fuzz.h"

#include "farley/merge.h"
#include "farley/yamlrec.h"

static const char *const paths[] = {
	"companies/ac/acme.yaml", "contacts/ja/jane.yaml", "deals/bi/big.yaml",
	"interactions/2026/11/call.yaml", "tasks/t1/t1.yaml",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf side[3] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	struct strbuf out = STRBUF_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	const struct farley_merge_labels labels = { "HEAD", "origin/main" };
	const char *path;
	const uint8_t *p, *end = data + size;
	int ret;

	if (size < 1)
		return 0;
	path = paths[data[0] % 5];
	p = data + 1;
	for (int i = 0; i < 3; i++) {
		const uint8_t *nul = memchr(p, 0, (size_t)(end - p));
		const uint8_t *stop = i < 2 && nul ? nul : end;
		strbuf_add(&side[i], p, (size_t)(stop - p));
		p = stop < end ? stop + 1 : end;
	}
	ret = farley_merge_texts(path, &side[0], &side[1], &side[2], 7,
				 data[0] & 8 ? &labels : NULL, &out, &err);
	FUZZ_ASSERT(ret == 0 || ret == 1 || (ret < 0 && err.msg));
	if (ret == 0 && out.len) {
		struct farley_record r = FARLEY_RECORD_INIT;
		struct farley_error perr = FARLEY_ERROR_INIT;
		r.kind = (enum farley_kind)(data[0] % 5);
		r.path = xstrdup(path);
		if (farley_yaml_parse(&r, out.buf, out.len, &perr)) {
			fprintf(stderr, "clean merge does not read: %s\n%s\n",
				perr.msg, out.buf);
			abort();
		}
		farley_record_release(&r);
		farley_error_clear(&perr);
	}
	for (int i = 0; i < 3; i++)
		strbuf_release(&side[i]);
	strbuf_release(&out);
	farley_error_clear(&err);
	return 0;
}
