/* import/mbox.c: the mbox (and Maildir) reader of farley import.
 *
 * The mail itself is parsed by farley-mbox, a helper program linked
 * against GMime (so farley is not): it writes one line of JSON per
 * message, which is read here as it comes and turned into an email
 * interaction.  The helper is looked for next to the running farley, then
 * in PATH. */
#include "import.h"
#include "farley/index.h"
#include "farley/mail.h"
#include "farley/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HELPER "farley-mbox"
/* A line longer than this is not one farley-mbox writes for a message. */
#define LINE_MAX_BYTES (64 * 1024 * 1024)

/* farley-mbox next to this farley (a build tree, or PREFIX/bin), else its
 * bare name for PATH.  The caller frees. */
static char *helper_path(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		char *slash, *path;
		self[n] = '\0';
		if ((slash = strrchr(self, '/'))) {
			slash[1] = '\0';
			path = xstrfmt("%s%s", self, HELPER);
			if (!access(path, X_OK))
				return path;
			free(path);
		}
	}
	return xstrdup(HELPER);
}

/* The input must be readable before anything starts. */
static int check_input(const char *file)
{
	struct stat st;
	int fd;
	if (!strcmp(file, "-"))
		return 0;
	if (stat(file, &st))
		goto bad;
	if (S_ISDIR(st.st_mode)) {
		if (access(file, R_OK | X_OK))
			goto bad;
		return 0;
	}
	if ((fd = open(file, O_RDONLY)) < 0)
		goto bad;
	close(fd);
	return 0;
bad:
	fprintf(stderr, "farley: error: cannot read '%s': %s\n", file, strerror(errno));
	return -1;
}

/* Mine: user.email, farley.me (addresses separated by commas or spaces)
 * and each --me. */
static void my_addresses(struct import_run *run, struct farley_mail_me *me)
{
	struct farley_repo *repo = run->ctx->repo;
	char *user = farley_repo_config_str(repo, "user.email");
	char *cfg = farley_repo_config_str(repo, "farley.me");
	farley_mail_me_add(me, user);
	farley_mail_me_add(me, cfg);
	for (size_t i = 0; i < run->args->me.n; i++)
		if (!farley_mail_me_add(me, run->args->me.items[i]))
			warning("--me '%s' is not an e-mail address", run->args->me.items[i]);
	if (!me->n)
		warning("none of your addresses is known (user.email, farley.me, "
			"--me): every message counts as received");
	free(user);
	free(cfg);
}

/* The case of the interaction whose message_id is id (the message this
 * one answers), or NULL: a reply joins its thread's case.  The caller
 * frees. */
static char *thread_case(struct farley_ctx *ctx, const char *id)
{
	struct farley_query q = { 0 };
	struct farley_error err = FARLEY_ERROR_INIT;
	struct strbuf where = STRBUF_INIT;
	int64_t *rids = NULL;
	size_t n = 0;
	char *kase = NULL;
	if (!id || !*id || strpbrk(id, "\"\\") || !ctx->index)
		return NULL;
	strbuf_addf(&where, "message_id=\"%s\" and case", id);
	q.kind = FARLEY_INTERACTION;
	q.where = where.buf;
	q.sort = "date";
	if (!farley_index_select(ctx->index, &q, &rids, &n, &err) && n) {
		struct farley_record r = FARLEY_RECORD_INIT;
		if (!farley_index_record(ctx->index, rids[0], &r, &err) &&
		    farley_record_str(&r, "case"))
			kase = xstrdup(farley_record_str(&r, "case"));
		farley_record_release(&r);
	}
	farley_error_clear(&err);
	free(rids);
	strbuf_release(&where);
	return kase;
}

/* One message: an email interaction linked to its correspondents. */
static int take_message(struct import_run *run, const struct farley_mail_me *me,
			const struct farley_mail *m)
{
	struct strbuf summary = STRBUF_INIT, body = STRBUF_INIT;
	const struct farley_mail_addr **people = NULL;
	struct farley_import_person *persons;
	struct farley_import_value v[8];
	char *kase = NULL;
	struct farley_import_row row = { 0 };
	size_t n = 0, npeople;
	int ret;

	farley_mail_summary(&summary, m);
	farley_mail_body(&body, m);
	npeople = farley_mail_people(m, me, &people);
	persons = xcalloc(npeople + 1, sizeof(*persons));
	for (size_t i = 0; i < npeople; i++) {
		persons[i].email = people[i]->email;
		persons[i].name = people[i]->name;
	}
	if (!npeople) {
		/* Nobody but me (or no address at all): one person without an
		 * address, whom lib/import cannot link or create, so that the
		 * message is skipped, and counted, as having no known
		 * correspondent.  With no people at all it would be added
		 * linked to no one. */
		persons[0].email = "";
		npeople = 1;
	}
	v[n++] = (struct farley_import_value){ "date", m->date, "Date" };
	v[n++] = (struct farley_import_value){ "channel", "email", NULL };
	v[n++] = (struct farley_import_value){ "summary", summary.buf, "Subject" };
	v[n++] = (struct farley_import_value){ "direction",
					       farley_mail_direction(m, me), "From" };
	if (body.len)
		v[n++] = (struct farley_import_value){ "body", body.buf, NULL };
	if (m->message_id && *m->message_id)
		v[n++] = (struct farley_import_value){ "message_id", m->message_id,
						       "Message-ID" };
	if ((kase = thread_case(run->ctx, m->in_reply_to)))
		v[n++] = (struct farley_import_value){ "case", kase, "In-Reply-To" };
	row.kind = FARLEY_INTERACTION;
	row.where = m->where;
	row.v = v;
	row.n = n;
	row.people = persons;
	row.npeople = npeople;
	ret = import_take(run, &row);
	free(persons);
	free(people);
	free(kase);
	strbuf_release(&summary);
	strbuf_release(&body);
	return ret;
}

/* Take each whole line of buf (and, when last, what follows the last
 * newline); a line not yet complete stays in buf. */
static int take_lines(struct import_run *run, const struct farley_mail_me *me,
		      struct strbuf *buf, size_t *count, int last)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	size_t start = 0;
	int ret = 0;
	while (start < buf->len && !ret) {
		char *nl = memchr(buf->buf + start, '\n', buf->len - start);
		size_t len = nl ? (size_t)(nl - buf->buf) - start : buf->len - start;
		struct farley_mail m = FARLEY_MAIL_INIT;
		if (!nl && !last)
			break;
		if (len && farley_mail_parse(&m, buf->buf + start, len, &err)) {
			fprintf(stderr, "farley: error: unexpected output from %s: %s\n",
				HELPER, err.msg);
			farley_error_clear(&err);
			ret = -1;
		} else if (len) {
			ret = take_message(run, me, &m);
			(*count)++;
			if (*count % 100 == 0)
				import_progress(run, *count, 0);
		}
		farley_mail_release(&m);
		start += len + (nl ? 1 : 0);
	}
	strbuf_splice(buf, 0, start, NULL, 0);
	return ret;
}

int import_mbox(struct import_run *run)
{
	const struct import_args *a = run->args;
	struct farley_mail_me me = FARLEY_MAIL_ME_INIT;
	struct farley_child child = { -1, -1 };
	struct farley_proc p = { 0 };
	struct strbuf buf = STRBUF_INIT;
	char *helper = NULL, *max = NULL;
	const char *argv[6];
	size_t count = 0;
	int ret = 1, status, stop = 0;

	if (check_input(a->file))
		return 1;
	my_addresses(run, &me);
	helper = helper_path();
	max = xstrfmt("%d", a->body_max > 0 ? a->body_max : 64 * 1024);
	argv[0] = helper;
	argv[1] = "--body-max";
	argv[2] = max;
	argv[3] = "--";
	argv[4] = a->file;
	argv[5] = NULL;
	p.argv = argv;
	if (farley_proc_start(&p, &child)) {
		fprintf(stderr,
			"farley: error: cannot run %s (%s): it reads mail for farley "
			"import mbox and is installed next to farley, or in PATH\n",
			HELPER, strerror(errno));
		goto out;
	}
	/* the helper's stderr is ours: its reasons for skipping a message, or
	 * for failing, reach the user as it says them */
	for (;;) {
		ssize_t n;
		strbuf_grow(&buf, 65536);
		n = read(child.out, buf.buf + buf.len, buf.alloc - buf.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "farley: error: cannot read from %s: %s\n", HELPER,
				strerror(errno));
			stop = 1;
			break;
		}
		strbuf_setlen(&buf, buf.len + (size_t)n);
		if (take_lines(run, &me, &buf, &count, n == 0)) {
			stop = 1;
			break;
		}
		if (buf.len > LINE_MAX_BYTES) {
			fprintf(stderr, "farley: error: unexpected output from %s: a line "
					"of over %d MiB\n",
				HELPER, LINE_MAX_BYTES >> 20);
			stop = 1;
			break;
		}
		if (n == 0)
			break;
	}
	status = farley_proc_finish(&child);
	if (count >= 100)
		import_progress(run, count, count);
	if (stop)
		goto out;
	if (status) {
		fprintf(stderr, "farley: error: %s failed (%s %d): nothing imported\n",
			HELPER, status > 128 ? "signal" : "exit status",
			status > 128 ? status - 128 : status);
		goto out;
	}
	ret = 0;
out:
	farley_mail_me_release(&me);
	strbuf_release(&buf);
	free(helper);
	free(max);
	return ret;
}
