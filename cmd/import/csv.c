/* import/csv.c: the csv reader of farley import.
 *
 * Reads the file (or standard input) record by record through lib/csv.c,
 * works out from the header what each column is (lib/csvmap.c, with the
 * user's --map), and hands every data row to the import batch as
 * "FILE:LINE", LINE being where the record starts. */
#include "import.h"
#include "farley/csv.h"
#include "farley/csvmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const kinds = "contact, company, deal, task, interaction";

static ssize_t read_fd(void *data, char *buf, size_t len)
{
	return read(*(int *)data, buf, len);
}

/* A preamble before the header: LinkedIn's connections start with a
 * "Notes:" line and a quoted paragraph.  When the first record is a single
 * field ending in ':', the one-field records that follow it go too. */
static int read_header(struct farley_csv *csv, struct farley_error *err)
{
	const char *const *f;
	size_t n;
	int ret = farley_csv_next(csv, err), preamble;
	if (ret <= 0)
		return ret;
	f = farley_csv_fields(csv, &n);
	preamble = n == 1 && *f[0] && f[0][strlen(f[0]) - 1] == ':';
	while (preamble && n == 1 && (ret = farley_csv_next(csv, err)) > 0)
		f = farley_csv_fields(csv, &n);
	return ret;
}

static void say_unused(struct import_run *run, struct farley_csvmap *map)
{
	const char *const *names;
	size_t n = farley_csvmap_unused(map, &names);
	if (!n || run->ctx->quiet)
		return;
	fputs("farley: columns not imported (--map COLUMN=FIELD to keep them):",
	      stderr);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s '%s'", i ? "," : "", names[i]);
	fputc('\n', stderr);
}

int import_csv(struct import_run *run)
{
	const struct import_args *a = run->args;
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_csv_opts opts = { 0 };
	struct farley_csv *csv = NULL;
	struct farley_csvmap *map = NULL;
	struct strbuf where = STRBUF_INIT;
	enum farley_kind kind = FARLEY_CONTACT;
	const char *name;
	size_t size = 0, rows = 0;
	int fd = -1, ret = 1, r;
	struct stat st;

	if (a->kind && (kind = farley_kind_parse(a->kind)) == FARLEY_NOKIND)
		return usage_error(NULL, "unknown kind '%s' (%s)", a->kind, kinds);
	if (a->encoding && !farley_csv_encoding_known(a->encoding))
		return usage_error(NULL, "unknown encoding '%s' (try utf-8, utf-16, "
				   "windows-1252, latin1)", a->encoding);
	if (!strcmp(a->file, "-")) {
		fd = STDIN_FILENO;
		name = "stdin";
	} else if ((fd = open(a->file, O_RDONLY)) < 0) {
		farley_error_errno(&err, FARLEY_EIO, "cannot read '%s'", a->file);
		return report(&err);
	} else {
		name = a->file;
		if (!fstat(fd, &st) && S_ISREG(st.st_mode))
			size = (size_t)st.st_size;
	}
	opts.name = name;
	opts.encoding = a->encoding;
	if ((r = farley_csv_open(&csv, read_fd, &fd, &opts, &err)) ||
	    (r = read_header(csv, &err)) < 0)
		goto fail;
	if (!r) {
		farley_error_set(&err, FARLEY_EINVAL, "%s: no header line", name);
		goto fail;
	}
	{
		size_t n;
		const char *const *header = farley_csv_fields(csv, &n);
		if (farley_csvmap_new(&map, kind, header, n, a->map.items, a->map.n,
				      &err))
			goto fail;
	}
	while ((r = farley_csv_next(csv, &err)) > 0) {
		struct farley_import_row row;
		size_t n;
		const char *const *cells = farley_csv_fields(csv, &n);
		if (!farley_csvmap_row(map, cells, n, &row))
			continue; /* nothing in it */
		strbuf_reset(&where);
		strbuf_addf(&where, "%s:%zu", name, farley_csv_line(csv));
		row.where = where.buf;
		if (import_take(run, &row))
			goto out;
		if (!(++rows % 256))
			import_progress(run, farley_csv_bytes(csv), size);
	}
	if (r < 0)
		goto fail;
	import_progress(run, size ? size : farley_csv_bytes(csv), size);
	say_unused(run, map);
	ret = 0;
	goto out;
fail:
	ret = report(&err);
out:
	farley_csvmap_free(map);
	farley_csv_free(csv);
	if (fd > STDIN_FILENO)
		close(fd);
	strbuf_release(&where);
	return ret;
}
