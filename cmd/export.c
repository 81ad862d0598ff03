/* export.c: farley export FORMAT [KIND] [FILTER...] -- records out, for
 * spreadsheets, address books, calendars and other tools. */
#include "export.h"
#include "farley/fileio.h"
#include "farley/index.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const usage[] = {
	"farley export csv|json|vcard|ical [KIND] [FILTER...] [--where EXPR] "
	"[-o FILE]",
	NULL,
};

static const struct {
	const char *name;
	int (*write)(struct export_run *run);
	enum farley_kind kind; /* what the format holds, or FARLEY_NOKIND */
} formats[] = {
	{ "csv", export_csv, FARLEY_NOKIND },
	{ "json", export_json, FARLEY_NOKIND },
	{ "vcard", export_vcard, FARLEY_CONTACT },
	{ "ical", export_ical, FARLEY_NOKIND },
};

int export_record(struct export_run *run, size_t i, struct farley_record *r,
		  struct farley_error *err)
{
	return farley_index_record(run->ctx->index, run->rids[i], r, err);
}

int cmd_export(int argc, char **argv, struct farley_ctx *ctx)
{
	const char *where = NULL, *output = NULL, *vcard_version = "4.0";
	const struct option opts[] = {
		{ OPT_STRING, 'w', "where", &where, "EXPR",
		  "only records matching EXPR (see farley-query(7))" },
		{ OPT_STRING, 'o', "output", &output, "FILE",
		  "write to FILE (atomically) instead of standard output" },
		{ OPT_KEYWORD, 0, "vcard-version", &vcard_version, "4.0|3.0",
		  "vcard: the version to write (default 4.0)" },
		OPT_END_(),
	};
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_query q = { 0 };
	struct export_run run = { 0 };
	struct strbuf out = STRBUF_INIT;
	int64_t *rids = NULL;
	size_t nrids = 0, f, nformats = sizeof(formats) / sizeof(*formats);
	int n = parse_options(argc, argv, opts, usage, ctx), ret = 1, first = 2;

	if (n < 0)
		return PARSE_EXIT(n);
	if (n < 1)
		return usage_error(usage, "which format?");
	for (f = 0; f < nformats && strcmp(formats[f].name, argv[1]); f++)
		;
	if (f == nformats)
		return usage_error(usage, "unknown format '%s' (csv, json, vcard, ical)",
				   argv[1]);
	q.kind = formats[f].kind;
	if (n >= 2 && farley_kind_parse(argv[2]) != FARLEY_NOKIND) {
		enum farley_kind k = farley_kind_parse(argv[2]);
		if (formats[f].kind != FARLEY_NOKIND && k != formats[f].kind)
			return usage_error(usage, "%s holds %ss only", argv[1],
					   farley_kind_name(formats[f].kind));
		q.kind = k;
		first = 3;
	}
	q.terms = (const char *const *)argv + first;
	q.nterms = (size_t)(n - first + 1);
	q.where = where;
	q.sort = "id";
	/* the selection and its records from one view of the index */
	if (farley_index_read_begin(ctx->index, &err) ||
	    select_records(ctx, &q, &rids, &nrids, &err))
		goto out;
	run.ctx = ctx;
	run.kind = q.kind;
	run.rids = rids;
	run.n = nrids;
	run.vcard_version = vcard_version;
	run.out = &out;
	ret = formats[f].write(&run);
	farley_index_read_end(ctx->index);
	if (ret)
		goto out;
	ret = 1;
	if (output) {
		if (farley_write_atomic(output, out.buf, out.len, &err))
			goto out;
	} else if (fwrite(out.buf, 1, out.len, stdout) != out.len) {
		farley_error_errno(&err, FARLEY_EIO, "cannot write the output");
		goto out;
	}
	ret = 0;
out:
	farley_index_read_end(ctx->index);
	free(rids);
	strbuf_release(&out);
	return ret == 1 && err.code ? report(&err) : ret;
}
