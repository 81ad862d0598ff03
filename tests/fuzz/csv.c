/* csv: the CSV reader, and each row mapped for every kind (csvmap).
 *
 * Input: a CSV file, read through the callback in small odd-sized pieces
 * so records cross block boundaries.  Each cell also goes through the
 * date and money converters of csvmap. */
#include "fuzz.h"

#include "farley/csv.h"
#include "farley/csvmap.h"

struct src {
	const uint8_t *data;
	size_t size, pos;
};

static ssize_t take(void *data, char *buf, size_t len)
{
	struct src *s = data;
	size_t n = s->size - s->pos;
	if (n > len)
		n = len;
	if (n > 61)
		n = 61;
	memcpy(buf, s->data + s->pos, n);
	s->pos += n;
	return (ssize_t)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const maps[] = { "Notes=background", "Extra=-" };
	struct src s = { data, size, 0 };
	struct farley_csv_opts opts = { "fuzz.csv", NULL, 0, 4096 };
	struct farley_csvmap *map[FARLEY_NKINDS] = { 0 };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_csv *c = NULL;
	struct strbuf sb = STRBUF_INIT;
	int ret, rows = 0;

	if (farley_csv_open(&c, take, &s, &opts, &err))
		goto out;
	while ((ret = farley_csv_next(c, &err)) == 1) {
		size_t n;
		const char *const *cells = farley_csv_fields(c, &n);
		FUZZ_ASSERT(n > 0);
		for (size_t i = 0; i < n; i++) {
			FUZZ_ASSERT(cells[i]);
			farley_csvmap_date(&sb, cells[i]);
			strbuf_reset(&sb);
			farley_csvmap_money(&sb, cells[i]);
			strbuf_reset(&sb);
		}
		if (rows++ == 0) {
			for (int k = 0; k < FARLEY_NKINDS; k++) {
				if (farley_csvmap_new(&map[k], (enum farley_kind)k,
						      cells, n, maps, 0, &err))
					map[k] = NULL;
				farley_error_clear(&err);
			}
			continue;
		}
		for (int k = 0; k < FARLEY_NKINDS; k++) {
			struct farley_import_row row;
			if (!map[k])
				continue;
			memset(&row, 0, sizeof(row));
			if (farley_csvmap_row(map[k], cells, n, &row) == 1)
				for (size_t i = 0; i < row.n; i++)
					FUZZ_ASSERT(row.v[i].field && row.v[i].value);
		}
	}
	FUZZ_ASSERT(ret == 0 || err.msg);
	for (int k = 0; k < FARLEY_NKINDS; k++) {
		const char *const *names;
		if (map[k])
			farley_csvmap_unused(map[k], &names);
	}
out:
	for (int k = 0; k < FARLEY_NKINDS; k++)
		farley_csvmap_free(map[k]);
	farley_csv_free(c);
	strbuf_release(&sb);
	farley_error_clear(&err);
	return 0;
}
