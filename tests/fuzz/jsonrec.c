/* jsonrec: the reader of `farley export json` and --format=ndjson.
 *
 * Input: a JSON or NDJSON file from a memory stream.  Every record handed
 * over has a kind and an id (whether the id is a valid one is the
 * importer's to say, naming the row), and can be written as YAML. */
#include "fuzz.h"

#include "farley/jsonrec.h"
#include "farley/yamlrec.h"

static int take(struct farley_record *r, const char *where, void *data)
{
	struct strbuf text = STRBUF_INIT;
	(void)data;
	FUZZ_ASSERT(where && *where);
	FUZZ_ASSERT(r->kind >= 0 && r->kind < FARLEY_NKINDS);
	FUZZ_ASSERT(r->id);
	farley_yaml_write(&text, r);
	strbuf_release(&text);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	FILE *f;
	int ret;

	if (size == 0)
		return 0;
	if (!(f = fmemopen((void *)data, size, "r")))
		return 0;
	ret = farley_json_records(f, "fuzz.json", take, NULL, &err);
	FUZZ_ASSERT(ret == 0 || err.msg);
	fclose(f);
	farley_error_clear(&err);
	return 0;
}
