/* farley-mbox: mail to lines of JSON, for `farley import mbox`.
 *
 *   farley-mbox [--body-max BYTES] FILE|MAILDIR|FOLDER|-
 *
 * FILE is an mbox (or one message); MAILDIR has cur/ and new/; any other
 * folder holds one message per file (MH).  Messages are read one at a
 * time, so memory does not grow with the size of the mailbox.  Exit 0
 * (even when some messages were skipped, each with a line on stderr),
 * 1 when the input cannot be read or the output written, 2 on usage. */
#include "mbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: farley-mbox [--body-max BYTES] FILE|MAILDIR|FOLDER|-\n";

static int write_failed;

static void emitted(int ret)
{
	if (ret < 0)
		write_failed = 1;
}

/* The date of an mbox From_ line ("From sender Sat Jan  1 00:00:00 2000"),
 * taken as UTC, or NULL. */
static GDateTime *marker_date(const char *marker)
{
	const char *p = marker;
	if (!p || strncmp(p, "From ", 5))
		return NULL;
	p += 5;
	while (*p == ' ')
		p++;
	while (*p && *p != ' ')
		p++; /* the sender */
	return *p ? g_mime_utils_header_decode_date(p) : NULL;
}

/* Newlines in [from, to) of fd. */
static long count_lines(int fd, gint64 from, gint64 to)
{
	char buf[65536];
	long n = 0;
	while (from < to) {
		size_t want = (size_t)MIN((gint64)sizeof(buf), to - from);
		ssize_t got = pread(fd, buf, want, (off_t)from);
		if (got <= 0)
			break;
		for (char *p = buf; (p = memchr(p, '\n', (size_t)(buf + got - p))); p++)
			n++;
		from += got;
	}
	return n;
}

/* Where the next From_ line after offset from starts, or -1. */
static gint64 next_marker(int fd, gint64 from)
{
	char buf[65536];
	for (;;) {
		ssize_t got = pread(fd, buf, sizeof(buf), (off_t)from);
		char *p = buf;
		if (got <= 6)
			return -1;
		while ((p = memchr(p, '\n', (size_t)(buf + got - p))) &&
		       p + 6 <= buf + got) {
			if (!memcmp(p + 1, "From ", 5))
				return from + (p + 1 - buf);
			p++;
		}
		from += got - 6; /* a "\nFrom " across the edge is read again */
	}
}

struct mbox_pos {
	gint64 counted; /* newlines are counted up to here */
	long line;      /* the line at counted */
};

/* The mbox from offset start on, until its end (-1) or a message the
 * parser cannot get past: then the offset of the next From_ line. */
static gint64 read_mbox_from(int fd, gint64 start, const char *name,
			     struct mbox_pos *pos, const struct mbox_opts *o)
{
	GMimeStream *stream = g_mime_stream_fs_new_with_bounds(fd, start, -1);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	gint64 next = -1, refused = -2;
	g_mime_stream_fs_set_owner(GMIME_STREAM_FS(stream), FALSE);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MBOX);
	while (!g_mime_parser_eos(parser) && !write_failed) {
		gint64 before = g_mime_parser_tell(parser), at;
		GMimeMessage *msg = g_mime_parser_construct_message(parser, o->parser);
		char *where, *marker;
		GDateTime *fallback;
		at = g_mime_parser_get_mbox_marker_offset(parser);
		if (at < 0)
			at = start;
		if (at >= pos->counted) {
			pos->line += count_lines(fd, pos->counted, at);
			pos->counted = at;
		}
		where = g_strdup_printf("%s:%ld", name, pos->line);
		if (!msg) {
			gint64 now = g_mime_parser_tell(parser);
			if (at != refused) /* once, though the parser may try again */
				fprintf(stderr,
					"farley-mbox: %s: skipped: not a mail message\n",
					where);
			refused = at;
			g_free(where);
			if (now > before)
				continue;
			/* stuck: go on after it, with a new parser */
			next = next_marker(fd, MAX(now, at + 1) - 1);
			break;
		}
		marker = g_mime_parser_get_mbox_marker(parser);
		fallback = marker_date(marker);
		emitted(mbox_emit(msg, where, fallback, o));
		if (fallback)
			g_date_time_unref(fallback);
		g_free(marker);
		g_free(where);
		g_object_unref(msg);
	}
	g_object_unref(parser);
	g_object_unref(stream);
	return next > start ? next : -1;
}

static int read_mbox(int fd, const char *name, const struct mbox_opts *o)
{
	struct mbox_pos pos = { 0, 1 };
	gint64 start = 0;
	while (start >= 0 && !write_failed)
		start = read_mbox_from(fd, start, name, &pos, o);
	return 0;
}

static void read_message(int fd, const char *where, GDateTime *fallback,
			 const struct mbox_opts *o)
{
	GMimeStream *stream = g_mime_stream_fs_new(fd);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	GMimeMessage *msg;
	g_mime_stream_fs_set_owner(GMIME_STREAM_FS(stream), FALSE);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(parser, o->parser);
	if (msg) {
		emitted(mbox_emit(msg, where, fallback, o));
		g_object_unref(msg);
	} else {
		fprintf(stderr, "farley-mbox: %s: skipped: not a mail message\n", where);
	}
	g_object_unref(parser);
	g_object_unref(stream);
}

/* A file: an mbox when it starts with a From_ line, one message when it
 * starts with a header. */
static int read_file(int fd, const char *name, const struct mbox_opts *o)
{
	char head[256];
	ssize_t n = pread(fd, head, sizeof(head) - 1, 0);
	size_t i = 0;
	if (n < 0) {
		fprintf(stderr, "farley-mbox: cannot read '%s': %s\n", name, strerror(errno));
		return 1;
	}
	if (n == 0)
		return 0; /* an empty mailbox */
	head[n] = '\0';
	if (n >= 5 && !memcmp(head, "From ", 5))
		return read_mbox(fd, name, o);
	while (i < (size_t)n && head[i] > ' ' && head[i] < 127 && head[i] != ':')
		i++;
	if (i == 0 || i == (size_t)n || head[i] != ':') {
		fprintf(stderr,
			"farley-mbox: '%s' is neither an mbox (it does not start with "
			"a \"From \" line) nor a mail message\n",
			name);
		return 1;
	}
	read_message(fd, name, NULL, o);
	return 0;
}

/* Folders ------------------------------------------------------------------ */

struct entry {
	char *path;       /* as joined, for "where" */
	const char *name; /* within path */
	int numeric;      /* an MH message number */
};

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!g_ascii_isdigit(*s))
			return 0;
	return 1;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->numeric && y->numeric) {
		size_t lx = strlen(x->name), ly = strlen(y->name);
		if (lx != ly)
			return lx < ly ? -1 : 1;
	}
	return strcmp(x->name, y->name);
}

static void list_files(GArray *files, const char *dir, const char *sub)
{
	char *path = sub ? g_build_filename(dir, sub, NULL) : g_strdup(dir);
	DIR *d = opendir(path);
	struct dirent *de;
	if (!d) {
		if (sub && errno != ENOENT)
			fprintf(stderr, "farley-mbox: cannot read '%s': %s\n", path,
				strerror(errno));
		g_free(path);
		return;
	}
	while ((de = readdir(d))) {
		struct entry e;
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		e.path = g_build_filename(path, de->d_name, NULL);
		if (stat(e.path, &st) || !S_ISREG(st.st_mode)) {
			g_free(e.path);
			continue;
		}
		e.name = e.path + strlen(e.path) - strlen(de->d_name);
		e.numeric = all_digits(e.name);
		g_array_append_val(files, e);
	}
	closedir(d);
	g_free(path);
}

/* The delivery time a Maildir file name starts with ("1354585346.000260:2,"). */
static GDateTime *maildir_date(const char *name)
{
	char *end;
	gint64 t = g_ascii_strtoll(name, &end, 10);
	if (end - name < 9 || *end != '.')
		return NULL;
	return g_date_time_new_from_unix_utc(t);
}

static int is_dir(const char *dir, const char *sub)
{
	char *p = g_build_filename(dir, sub, NULL);
	struct stat st;
	int ret = !stat(p, &st) && S_ISDIR(st.st_mode);
	g_free(p);
	return ret;
}

/* A Maildir (new/ and cur/ together, in the order of the file names, which
 * start with the time of delivery) or a folder of one message per file (by
 * number, or name). */
static int read_folder(const char *dir, const struct mbox_opts *o)
{
	GArray *files = g_array_new(FALSE, FALSE, sizeof(struct entry));
	int maildir = is_dir(dir, "cur") || is_dir(dir, "new");
	if (maildir) {
		list_files(files, dir, "new");
		list_files(files, dir, "cur");
	} else {
		list_files(files, dir, NULL);
	}
	g_array_sort(files, entry_cmp);
	for (guint i = 0; i < files->len && !write_failed; i++) {
		struct entry *e = &g_array_index(files, struct entry, i);
		int fd = open(e->path, O_RDONLY);
		GDateTime *fallback = maildir ? maildir_date(e->name) : NULL;
		if (fd < 0) {
			fprintf(stderr, "farley-mbox: %s: skipped: %s\n", e->path,
				strerror(errno));
		} else {
			read_message(fd, e->path, fallback, o);
			close(fd);
		}
		if (fallback)
			g_date_time_unref(fallback);
	}
	for (guint i = 0; i < files->len; i++)
		g_free(g_array_index(files, struct entry, i).path);
	g_array_free(files, TRUE);
	return 0;
}

/* Standard input is copied to a temporary file first: the parser and the
 * line count both need to read it from a position. */
static int spool_stdin(void)
{
	FILE *tmp = tmpfile();
	char buf[65536];
	ssize_t n;
	int fd;
	if (!tmp) {
		fprintf(stderr, "farley-mbox: cannot create a temporary file: %s\n",
			strerror(errno));
		return -1;
	}
	fd = dup(fileno(tmp));
	fclose(tmp);
	if (fd < 0)
		return -1;
	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write(fd, buf, (size_t)n) != n) {
			fprintf(stderr, "farley-mbox: cannot read standard input: %s\n",
				strerror(errno));
			close(fd);
			return -1;
		}
	}
	if (lseek(fd, 0, SEEK_SET)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int read_path(const char *path, const struct mbox_opts *o)
{
	struct stat st;
	int fd, ret;
	if (!strcmp(path, "-")) {
		if ((fd = spool_stdin()) < 0)
			return 1;
		ret = read_file(fd, "stdin", o);
		close(fd);
		return ret;
	}
	if (stat(path, &st)) {
		fprintf(stderr, "farley-mbox: cannot read '%s': %s\n", path, strerror(errno));
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (access(path, R_OK | X_OK)) {
			fprintf(stderr, "farley-mbox: cannot read '%s': %s\n", path,
				strerror(errno));
			return 1;
		}
		return read_folder(path, o);
	}
	if ((fd = open(path, O_RDONLY)) < 0) {
		fprintf(stderr, "farley-mbox: cannot read '%s': %s\n", path, strerror(errno));
		return 1;
	}
	ret = read_file(fd, path, o);
	close(fd);
	return ret;
}

int main(int argc, char **argv)
{
	static const char *fallback_charsets[] = { "UTF-8", "windows-1252", NULL };
	struct mbox_opts o = { 64 * 1024, NULL };
	const char *path = NULL;
	int i, ret;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "--body-max") && i + 1 < argc) {
			char *end;
			unsigned long long v = strtoull(argv[++i], &end, 10);
			if (*end || !v || argv[i][0] == '-') {
				fprintf(stderr, "farley-mbox: --body-max takes a number of "
						"bytes, not '%s'\n",
					argv[i]);
				return 2;
			}
			o.body_max = (size_t)v;
		} else if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "farley-mbox: unknown option '%s'\n%s", a, usage);
			return 2;
		} else {
			break;
		}
	}
	if (i != argc - 1) {
		fputs(usage, stderr);
		return 2;
	}
	path = argv[i];

	g_mime_init();
	o.parser = g_mime_parser_options_new();
	g_mime_parser_options_set_rfc2047_compliance_mode(o.parser,
							  GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(o.parser,
							  GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(o.parser,
							    GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_fallback_charsets(o.parser, fallback_charsets);
	ret = read_path(path, &o);
	g_mime_parser_options_free(o.parser);
	g_mime_shutdown();
	if (fflush(stdout) || ferror(stdout) || write_failed) {
		fprintf(stderr, "farley-mbox: cannot write the output: %s\n",
			strerror(errno));
		return 1;
	}
	return ret;
}
