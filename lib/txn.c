/* txn.c: the one write path.
 *
 *   lock -> stage contents -> atomic writes -> git index -> commit -> unlock
 *
 * The writer lock is a POSIX record lock on <git dir>/farley/lock: the
 * kernel drops it when its holder dies, however it dies, so a killed writer
 * never blocks the next one.  While a writer holds it, the lock file lists
 * the temporary files it is about to create; a writer that finds such a list
 * left behind by a killed one removes them before it starts. */
#include "repo-private.h"
#include "pack.h"
#include "farley/proc.h"
#include "farley/fileio.h"
#include "strmap.h"
#include "farley/ids.h"
#include "farley/yamltext.h"

#include <ctype.h>
#include <limits.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct change {
	char *path;      /* relative to the work tree */
	struct strbuf data;
	int remove;
	/* what was there before, to put back on failure */
	struct strbuf old;
	int existed;
	int written;
	char *tmp;       /* bulk writes: the temp file written, not yet renamed */
	git_oid oid;     /* the blob of data, once stored */
	int has_oid;
};

/* Past this many files a transaction flushes the file system once for all
 * of them (syncfs) instead of once per file and directory: an import of
 * 50,000 records would otherwise spend most of its time in fsync. */
#define BULK_FILES 64

struct farley_txn {
	struct farley_repo *repo;
	int lockfd;
	struct change *ch;
	size_t n, alloc;
	git_signature *author, *committer;
	char commit_id[GIT_OID_HEXSZ + 1];
	sigset_t oldmask;
	int blocked;
	struct farley_strmap paths; /* path -> change */
};

/* Identity ------------------------------------------------------------ */

static int parse_tz(const char *s, int *minutes)
{
	int sign, h, m;
	if ((*s != '+' && *s != '-') || !isdigit((unsigned char)s[1]))
		return -1;
	sign = *s == '-' ? -1 : 1;
	s++;
	if (strlen(s) == 4 && sscanf(s, "%2d%2d", &h, &m) == 2)
		;
	else if (strlen(s) == 5 && sscanf(s, "%2d:%2d", &h, &m) == 2)
		;
	else
		return -1;
	*minutes = sign * (h * 60 + m);
	return 0;
}

static int64_t timegm_civil(int y, int mo, int d, int h, int mi, int s)
{
	int era, yoe, doy, doe;
	int64_t days;
	y -= mo <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	days = (int64_t)era * 146097 + doe - 719468;
	return days * 86400 + h * 3600 + mi * 60 + s;
}

/* The date formats git accepts in GIT_AUTHOR_DATE that people use:
 * "@1700000000 +0100", "1700000000 +0100", ISO 8601
 * "2026-01-15T10:00:00+01:00" / "2026-01-15 10:00:00 +0100" and RFC 2822
 * "Thu, 15 Jan 2026 10:00:00 +0100". */
static int parse_git_date(const char *s, git_time_t *t, int *offset)
{
	static const char *mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	char tz[16] = "", mname[4];
	long long secs;
	*offset = 0;
	if (*s == '@')
		s++;
	if (sscanf(s, "%lld %15s%n", &secs, tz, &n) >= 1 &&
	    strspn(s, "0123456789") >= 9) {
		*t = (git_time_t)secs;
		if (*tz && parse_tz(tz, offset))
			return -1;
		return 0;
	}
	if (sscanf(s, "%d-%d-%d%*[T ]%d:%d:%d%n", &y, &mo, &d, &h, &mi, &sec,
		   &n) == 6 ||
	    (sscanf(s, "%d-%d-%d%*[T ]%d:%d%n", &y, &mo, &d, &h, &mi, &n) == 5 &&
	     (sec = 0, 1))) {
		const char *rest = s + n;
		while (*rest == ' ')
			rest++;
		if (*rest == 'Z' || !*rest)
			*offset = 0;
		else if (parse_tz(rest, offset))
			return -1;
	} else if (sscanf(s, "%d-%d-%d%n", &y, &mo, &d, &n) == 3 && !s[n]) {
		h = mi = sec = 0;
	} else {
		const char *p = strchr(s, ',');
		p = p ? p + 1 : s;
		if (sscanf(p, "%d %3s %d %d:%d:%d %15s", &d, mname, &y, &h, &mi,
			   &sec, tz) != 7 || parse_tz(tz, offset))
			return -1;
		for (mo = 0; mo < 12 && strcmp(mname, mon[mo]); mo++)
			;
		if (mo == 12)
			return -1;
		mo++;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	*t = (git_time_t)(timegm_civil(y, mo, d, h, mi, sec) - *offset * 60);
	return 0;
}

static int signature(struct farley_repo *repo, const char *who,
		     git_signature **out, struct farley_error *err)
{
	const struct farley_settings *s = &repo->settings;
	int author = !strcmp(who, "AUTHOR");
	const char *name = author ? s->author_name : s->committer_name;
	const char *email = author ? s->author_email : s->committer_email;
	const char *date = author ? s->author_date : s->committer_date;
	char *cname = NULL, *cemail = NULL;
	int ret = 0;
	if (!name || !*name)
		name = cname = farley_repo_config_str(repo, "user.name");
	if (!email || !*email)
		email = cemail = farley_repo_config_str(repo, "user.email");
	if (!email || !*email)
		email = s->email;
	if (!name || !*name || !email || !*email) {
		ret = farley_error_set(err, FARLEY_EFAIL,
				       "no identity for the commit: tell git who "
				       "you are with\n"
				       "  git config --global user.name \"Your Name\"\n"
				       "  git config --global user.email you@example.com\n"
				       "(or set GIT_%s_NAME and GIT_%s_EMAIL)",
				       who, who);
		goto out;
	}
	if (date && *date) {
		git_time_t t;
		int off;
		if (parse_git_date(date, &t, &off)) {
			ret = farley_error_set(err, FARLEY_EFAIL,
					       "cannot parse GIT_%s_DATE '%s'", who,
					       date);
			goto out;
		}
		if (git_signature_new(out, name, email, t, off) < 0)
			ret = farley_git_error(err, "invalid identity");
	} else if (git_signature_now(out, name, email) < 0) {
		ret = farley_git_error(err, "invalid identity");
	}
out:
	free(cname);
	free(cemail);
	return ret;
}

/* Files -------------------------------------------------------------- */

static void lock_note(struct farley_txn *txn, const char *what, const char *path)
{
	char line[PATH_MAX + 64];
	int n = snprintf(line, sizeof(line), "%s %lld %s\n", what,
			 (long long)time(NULL), path);
	if (n > 0 && (size_t)n < sizeof(line) && write(txn->lockfd, line, (size_t)n) < 0) {
		/* best effort: the note only helps clean up after a crash */
	}
}

/* Create the directories of relpath below the work tree, refusing to pass
 * through a symbolic link. */
static int make_dirs(struct farley_repo *repo, const char *relpath,
		     struct farley_error *err)
{
	struct strbuf p = STRBUF_INIT;
	const char *s = relpath, *slash;
	int ret = 0;
	strbuf_addstr(&p, repo->workdir);
	while ((slash = strchr(s, '/'))) {
		struct stat st;
		size_t parent = p.len;
		strbuf_add(&p, s, (size_t)(slash - s));
		if (lstat(p.buf, &st) == 0) {
			if (!S_ISDIR(st.st_mode)) {
				ret = farley_error_set(err, FARLEY_EFAIL,
						       "'%s' is not a directory (symbolic "
						       "links are not followed)",
						       p.buf + strlen(repo->workdir));
				break;
			}
		} else if (errno == ENOENT) {
			if (mkdir(p.buf, 0777) && errno != EEXIST) {
				ret = farley_error_errno(err, FARLEY_EIO,
							 "cannot create '%s'",
							 p.buf + strlen(repo->workdir));
				break;
			}
			strbuf_setlen(&p, parent);
			farley_fsync_dir(p.len ? p.buf : ".");
			strbuf_add(&p, s, (size_t)(slash - s));
		} else {
			ret = farley_error_errno(err, FARLEY_EIO, "cannot read '%s'",
						 p.buf + strlen(repo->workdir));
			break;
		}
		strbuf_addch(&p, '/');
		s = slash + 1;
	}
	strbuf_release(&p);
	return ret;
}

/* temp file + fsync + rename + directory fsync, or unlink + fsync. */
static int atomic_write(struct farley_txn *txn, const char *relpath,
			const char *data, size_t len, int remove,
			struct farley_error *err)
{
	struct farley_repo *repo = txn->repo;
	struct strbuf full = STRBUF_INIT, tmp = STRBUF_INIT, dir = STRBUF_INIT;
	const char *base;
	int ret = FARLEY_EIO;

	strbuf_addf(&full, "%s%s", repo->workdir, relpath);
	base = strrchr(full.buf, '/');
	strbuf_add(&dir, full.buf, (size_t)(base - full.buf));
	if (remove) {
		if (unlink(full.buf) && errno != ENOENT) {
			farley_error_errno(err, FARLEY_EIO, "cannot remove '%s'",
					   relpath);
			goto out;
		}
		farley_fsync_dir(dir.buf);
		ret = 0;
		goto out;
	}
	if (make_dirs(repo, relpath, err))
		goto out;
	strbuf_addf(&tmp, "%s/.%s.tmp-%ld", dir.buf, base + 1, (long)getpid());
	lock_note(txn, "tmp", tmp.buf);
	if (farley_file_write_tmp(tmp.buf, relpath, data, len, 1, err))
		goto out;
	farley_checkpoint(txn->repo, "tmp-written");
	if (farley_file_replace(tmp.buf, full.buf, relpath, err))
		goto out;
	ret = 0;
out:
	if (ret && tmp.len)
		unlink(tmp.buf);
	strbuf_release(&full);
	strbuf_release(&tmp);
	strbuf_release(&dir);
	return ret;
}

/* The lock ------------------------------------------------------------ */

/* A writer that died left notes of what it was doing: clean up after it. */
static void recover(struct farley_txn *txn)
{
	struct strbuf notes = STRBUF_INIT;
	char *line, *save = NULL;
	lseek(txn->lockfd, 0, SEEK_SET);
	if (strbuf_read_fd(&notes, txn->lockfd, 1 << 20) || !notes.len)
		goto out;
	for (line = strtok_r(notes.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char what[16], path[PATH_MAX];
		long long when;
		struct stat st;
		if (sscanf(line, "%15s %lld %4095[^\n]", what, &when, path) != 3)
			continue;
		if (!strcmp(what, "tmp")) {
			unlink(path);
		} else if (!strcmp(what, "gitlock") && !lstat(path, &st) &&
			   st.st_mtime <= when + 2) {
			/* a lock file of git's that the dead writer was holding */
			unlink(path);
		}
	}
out:
	strbuf_release(&notes);
	if (ftruncate(txn->lockfd, 0)) {
		/* nothing more to do: the notes are only hints */
	}
	lseek(txn->lockfd, 0, SEEK_SET);
}

static int take_lock(struct farley_txn *txn, struct farley_error *err)
{
	struct strbuf path = STRBUF_INIT;
	struct flock fl;
	double timeout = txn->repo->settings.lock_timeout, waited = 0;
	long delay_us = 2000;
	char pid[32];
	int ret = 0;

	strbuf_addf(&path, "%sfarley", txn->repo->gitdir);
	if (mkdir(path.buf, 0700) && errno != EEXIST) {
		ret = farley_error_errno(err, FARLEY_EIO, "cannot create '%s'",
					 path.buf);
		goto out;
	}
	strbuf_addstr(&path, "/lock");
	txn->lockfd = open(path.buf, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (txn->lockfd < 0) {
		ret = farley_error_errno(err, FARLEY_ELOCKED, "cannot open '%s'",
					 path.buf);
		goto out;
	}
	for (;;) {
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fcntl(txn->lockfd, F_SETLK, &fl) == 0)
			break;
		if (errno != EACCES && errno != EAGAIN && errno != EINTR) {
			ret = farley_error_errno(err, FARLEY_ELOCKED,
						 "cannot lock '%s'", path.buf);
			goto out;
		}
		if (waited >= timeout) {
			pid_t holder = 0;
			memset(&fl, 0, sizeof(fl));
			fl.l_type = F_WRLCK;
			if (fcntl(txn->lockfd, F_GETLK, &fl) == 0)
				holder = fl.l_pid;
			ret = farley_error_set(err, FARLEY_ELOCKED,
					       "another farley command (pid %ld) is "
					       "writing to this repository; gave up "
					       "after %.0f seconds",
					       (long)holder, timeout);
			goto out;
		}
		usleep((useconds_t)delay_us);
		waited += delay_us / 1e6;
		delay_us = delay_us * 3 / 2;
		if (delay_us > 100000)
			delay_us = 100000;
	}
	recover(txn);
	snprintf(pid, sizeof(pid), "pid %ld\n", (long)getpid());
	if (write(txn->lockfd, pid, strlen(pid)) < 0) {
		/* the pid is for people reading the file */
	}
	farley_checkpoint(txn->repo, "locked");
out:
	if (ret && txn->lockfd >= 0) {
		close(txn->lockfd);
		txn->lockfd = -1;
	}
	strbuf_release(&path);
	return ret;
}

/* Transactions ---------------------------------------------------------- */

int farley_txn_begin(struct farley_repo *repo, struct farley_txn **out,
		     struct farley_error *err)
{
	struct farley_txn *txn = xcalloc(1, sizeof(*txn));
	int ret;
	txn->repo = repo;
	txn->lockfd = -1;
	/* no identity, no writing: check before anything is touched */
	if ((ret = signature(repo, "AUTHOR", &txn->author, err)) ||
	    (ret = signature(repo, "COMMITTER", &txn->committer, err)) ||
	    (ret = take_lock(txn, err))) {
		farley_txn_end(txn);
		return ret;
	}
	*out = txn;
	return 0;
}

int farley_txn_put(struct farley_txn *txn, const char *relpath,
		   const char *data, size_t len, struct farley_error *err)
{
	struct change *c;
	size_t i;
	/* never a file the reader would refuse: a record over the reader's
	 * limit (a million-entry list, say) is refused before it is written */
	if (data && len > FARLEY_MAX_FILE)
		return farley_error_set(err, FARLEY_EINVAL,
					"'%s' would be larger than 1 MiB, the most a "
					"record file can hold", relpath);
	if (farley_strmap_get(&txn->paths, relpath, &i)) {
		c = &txn->ch[i];
		strbuf_reset(&c->data);
		goto set;
	}
	farley_strmap_put(&txn->paths, relpath, txn->n);
	ALLOC_GROW(txn->ch, txn->n + 1, txn->alloc);
	c = &txn->ch[txn->n++];
	memset(c, 0, sizeof(*c));
	c->path = xstrdup(relpath);
	strbuf_init(&c->data, 0);
	strbuf_init(&c->old, 0);
set:
	c->remove = !data;
	if (data)
		strbuf_add(&c->data, data, len);
	return 0;
}

static void block_signals(struct farley_txn *txn)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, &txn->oldmask);
	txn->blocked = 1;
}

static void unblock_signals(struct farley_txn *txn)
{
	if (txn->blocked)
		sigprocmask(SIG_SETMASK, &txn->oldmask, NULL);
	txn->blocked = 0;
}

/* Many files: write every temp file, flush the file system once, rename
 * them all, flush again.  A crash before the renames leaves temp files the
 * next writer removes (their names are in the lock's notes); after, every
 * renamed file is whole. */
static int write_bulk(struct farley_txn *txn, struct farley_error *err)
{
	struct strbuf full = STRBUF_INIT;
	int ret = 0, fd;
	for (size_t i = 0; i < txn->n && !ret; i++) {
		struct change *c = &txn->ch[i];
		const char *base;
		if (c->remove)
			continue;
		if ((ret = make_dirs(txn->repo, c->path, err)))
			break;
		strbuf_reset(&full);
		strbuf_addf(&full, "%s%s", txn->repo->workdir, c->path);
		base = strrchr(full.buf, '/');
		c->tmp = xstrfmt("%.*s/.%s.tmp-%ld", (int)(base - full.buf), full.buf,
				 base + 1, (long)getpid());
		lock_note(txn, "tmp", c->tmp);
		if ((ret = farley_file_write_tmp(c->tmp, c->path, c->data.buf,
						 c->data.len, 0, err))) {
			free(c->tmp);
			c->tmp = NULL;
		}
	}
	fd = open(txn->repo->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (!ret && (fd < 0 || syncfs(fd)))
		ret = farley_error_errno(err, FARLEY_EIO, "cannot flush the new files");
	if (!ret)
		farley_checkpoint(txn->repo, "tmp-written");
	for (size_t i = 0; i < txn->n && !ret; i++) {
		struct change *c = &txn->ch[i];
		strbuf_reset(&full);
		strbuf_addf(&full, "%s%s", txn->repo->workdir, c->path);
		if (c->remove) {
			if (unlink(full.buf) && errno != ENOENT)
				ret = farley_error_errno(err, FARLEY_EIO,
							 "cannot remove '%s'", c->path);
		} else if (rename(c->tmp, full.buf)) {
			ret = farley_error_errno(err, FARLEY_EIO, "cannot replace '%s'",
						 c->path);
		} else {
			free(c->tmp);
			c->tmp = NULL;
		}
		if (!ret) {
			c->written = 1;
			farley_checkpoint(txn->repo, "renamed");
		}
	}
	if (!ret && fd >= 0 && syncfs(fd))
		ret = farley_error_errno(err, FARLEY_EIO, "cannot flush the new files");
	if (fd >= 0)
		close(fd);
	/* temp files not renamed go */
	for (size_t i = 0; i < txn->n; i++) {
		struct change *c = &txn->ch[i];
		if (c->tmp) {
			unlink(c->tmp);
			free(c->tmp);
			c->tmp = NULL;
		}
	}
	strbuf_release(&full);
	return ret;
}

/* Put every written file back as it was. */
static void rollback(struct farley_txn *txn)
{
	struct farley_error ignore = FARLEY_ERROR_INIT;
	for (size_t i = txn->n; i-- > 0;) {
		struct change *c = &txn->ch[i];
		if (!c->written)
			continue;
		atomic_write(txn, c->path, c->old.buf, c->old.len, !c->existed,
			     &ignore);
		farley_error_clear(&ignore);
		c->written = 0;
	}
}

static int snapshot(struct farley_txn *txn, struct change *c,
		    struct farley_error *err)
{
	struct strbuf full = STRBUF_INIT;
	struct stat st;
	int ret = 0;
	strbuf_addf(&full, "%s%s", txn->repo->workdir, c->path);
	if (lstat(full.buf, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			ret = farley_error_set(err, FARLEY_EFAIL,
					       "'%s' is not a regular file", c->path);
		else if (strbuf_read_file(&c->old, full.buf, 0))
			ret = farley_error_errno(err, FARLEY_EIO, "cannot read '%s'",
						 c->path);
		c->existed = 1;
	} else if (errno != ENOENT) {
		ret = farley_error_errno(err, FARLEY_EIO, "cannot read '%s'", c->path);
	}
	strbuf_release(&full);
	return ret;
}

/* HEAD's tree with our changes applied, touching only their paths. */
static int build_tree(struct farley_txn *txn, git_oid *parent, int *has_parent,
		      git_tree **out, struct farley_error *err)
{
	git_repository *g = txn->repo->git;
	git_commit *head = NULL;
	git_tree *base = NULL;
	git_tree_update *up = xcalloc(txn->n, sizeof(*up));
	git_oid *blobs = xcalloc(txn->n, sizeof(*blobs)), tree_id;
	int ret = FARLEY_EFAIL, e;

	e = git_reference_name_to_id(parent, g, "HEAD");
	*has_parent = e == 0;
	if (e == 0) {
		if (git_commit_lookup(&head, g, parent) < 0 ||
		    git_commit_tree(&base, head) < 0) {
			ret = farley_git_error(err, "cannot read HEAD");
			goto out;
		}
	} else if (e != GIT_ENOTFOUND && e != GIT_EUNBORNBRANCH) {
		ret = farley_git_error(err, "cannot read HEAD");
		goto out;
	} else {
		git_treebuilder *tb = NULL;
		if (git_treebuilder_new(&tb, g, NULL) < 0 ||
		    git_treebuilder_write(&tree_id, tb) < 0 ||
		    git_tree_lookup(&base, g, &tree_id) < 0) {
			git_treebuilder_free(tb);
			ret = farley_git_error(err, "cannot create a tree");
			goto out;
		}
		git_treebuilder_free(tb);
	}
	for (size_t i = 0; i < txn->n; i++) {
		struct change *c = &txn->ch[i];
		up[i].path = c->path;
		if (c->remove) {
			up[i].action = GIT_TREE_UPDATE_REMOVE;
			continue;
		}
		if (!c->has_oid) {
			if (git_blob_create_from_buffer(&blobs[i], g, c->data.buf,
							c->data.len) < 0) {
				ret = farley_git_error(err, "cannot store a blob");
				goto out;
			}
			c->oid = blobs[i];
			c->has_oid = 1;
		}
		up[i].action = GIT_TREE_UPDATE_UPSERT;
		up[i].id = c->oid;
		up[i].filemode = GIT_FILEMODE_BLOB;
	}
	if (git_tree_create_updated(&tree_id, g, base, txn->n, up) < 0 ||
	    git_tree_lookup(out, g, &tree_id) < 0) {
		ret = farley_git_error(err, "cannot build the commit's tree");
		goto out;
	}
	ret = 0;
out:
	git_tree_free(base);
	git_commit_free(head);
	free(up);
	free(blobs);
	return ret;
}

/* Another git process holding a lock of git's: wait a little, then again
 * (up to FARLEY_LOCK_TIMEOUT, like our own lock). */
static int git_lock_wait(const struct farley_repo *repo, int *waited_ms)
{
	int limit = (int)(repo->settings.lock_timeout * 1000);
	if (*waited_ms >= limit)
		return 0;
	usleep(20000);
	*waited_ms += 20;
	return 1;
}

/* Store each new file's blob once; git's index and the commit's tree both
 * use its id.  Many blobs go into one pack (lib/pack.c) rather than as
 * many loose objects, each a new file: for an import of 50,000 records
 * creating those files was a third of the time.  A blob is
 * content-addressed, so storing one that exists already is harmless. */
static int store_blobs_bulk(struct farley_txn *txn, struct farley_error *err)
{
	struct strbuf dir = STRBUF_INIT;
	struct farley_pack_obj *objs = calloc(txn->n, sizeof(*objs));
	git_odb *odb = NULL;
	size_t n = 0;
	int ret = 0;
	if (!objs)
		return farley_error_set(err, FARLEY_EFAIL, "out of memory");
	for (size_t i = 0; i < txn->n && !ret; i++) {
		struct change *c = &txn->ch[i];
		git_oid id;
		if (c->remove || c->has_oid)
			continue;
		if (git_odb_hash(&id, c->data.buf, c->data.len, GIT_OBJECT_BLOB) < 0) {
			ret = farley_git_error(err, "cannot store a blob");
			break;
		}
		objs[n].data = c->data.buf;
		objs[n].len = c->data.len;
		memcpy(objs[n].id, id.id, sizeof(objs[n].id));
		n++;
	}
	/* a linked worktree's objects are the main repository's */
	strbuf_addf(&dir, "%sobjects", git_repository_commondir(txn->repo->git));
	if (!ret && n)
		ret = farley_pack_write(dir.buf, objs, n, err);
	/* let libgit2 see the new pack before the tree is built */
	if (!ret && n &&
	    (git_repository_odb(&odb, txn->repo->git) < 0 || git_odb_refresh(odb) < 0))
		ret = farley_git_error(err, "cannot read the new pack");
	git_odb_free(odb);
	for (size_t i = 0, k = 0; !ret && i < txn->n; i++) {
		struct change *c = &txn->ch[i];
		if (c->remove || c->has_oid)
			continue;
		memcpy(c->oid.id, objs[k++].id, sizeof(c->oid.id));
		c->has_oid = 1;
	}
	free(objs);
	strbuf_release(&dir);
	return ret;
}

static int store_blobs(struct farley_txn *txn, struct farley_error *err)
{
	if (txn->n > BULK_FILES)
		return store_blobs_bulk(txn, err);
	for (size_t i = 0; i < txn->n; i++) {
		struct change *c = &txn->ch[i];
		if (c->remove || c->has_oid)
			continue;
		if (git_blob_create_from_buffer(&c->oid, txn->repo->git, c->data.buf,
						c->data.len) < 0)
			return farley_git_error(err, "cannot store a blob");
		c->has_oid = 1;
	}
	return 0;
}

/* git's index is kept by git itself: `git update-index` of the paths we
 * wrote, which takes git's index.lock for its whole read-modify-write (a
 * concurrent `git add` is never lost), records stat data as `git add`
 * would, and writes whatever the user's settings ask for: a split index
 * rewrites only a small file, index version 4, the untracked cache and
 * fsmonitor data are kept.  (libgit2 1.5 reads none of a split index, and
 * would rewrite the whole file: at 510,000 entries that was 1.3 s a
 * write.)  The blobs exist already, so git only hashes the files. */
static int git_update_index(struct farley_txn *txn, struct farley_error *err)
{
	static const char *const argv[] = { "git", "update-index", "--add", "--remove",
					    "-z", "--stdin", NULL };
	struct strbuf in = STRBUF_INIT, said = STRBUF_INIT;
	struct farley_proc p = { 0 };
	int status, waited = 0;
	for (size_t i = 0; i < txn->n; i++)
		strbuf_add(&in, txn->ch[i].path, strlen(txn->ch[i].path) + 1);
	p.argv = argv;
	p.dir = txn->repo->workdir;
	p.in = in.buf;
	p.in_len = in.len;
	p.out = &said; /* nothing, or why it failed */
	p.stderr_to_out = 1;
	for (;;) {
		strbuf_reset(&said);
		status = farley_proc_run(&p);
		/* another git command holds the index: our turn next */
		if (status && strstr(said.buf ? said.buf : "", "index.lock") &&
		    git_lock_wait(txn->repo, &waited))
			continue;
		break;
	}
	while (said.len && (said.buf[said.len - 1] == '\n' || said.buf[said.len - 1] == '\r'))
		said.buf[--said.len] = '\0';
	if (status == 126)
		farley_error_errno(err, FARLEY_EIO, "cannot run git update-index");
	else if (status)
		farley_error_set(err, FARLEY_EIO, "cannot update git's index: %s",
				 said.len ? said.buf : "git update-index failed");
	strbuf_release(&in);
	strbuf_release(&said);
	return status ? FARLEY_EIO : 0;
}

/* After a rollback: git's index entries of our paths as the restored work
 * tree has them again. */
static int restore_index(struct farley_txn *txn)
{
	struct farley_error ignore = FARLEY_ERROR_INIT;
	int ret = git_update_index(txn, &ignore);
	farley_error_clear(&ignore);
	return ret;
}

static int head_ref_lock(struct farley_txn *txn)
{
	git_reference *head = NULL;
	struct strbuf p = STRBUF_INIT;
	const char *target;
	if (git_reference_lookup(&head, txn->repo->git, "HEAD") < 0)
		return -1;
	target = git_reference_type(head) == GIT_REFERENCE_SYMBOLIC
			 ? git_reference_symbolic_target(head)
			 : "HEAD";
	strbuf_addf(&p, "%s%s.lock",
		    strncmp(target, "refs/", 5) ? txn->repo->gitdir
						: git_repository_commondir(txn->repo->git),
		    target);
	lock_note(txn, "gitlock", p.buf);
	git_reference_free(head);
	strbuf_release(&p);
	return 0;
}

/* A commit message whatever the data in it: the subject one clean line of
 * at most 72 columns, the body without control characters but newlines
 * and tabs. */
static void clean_message(struct strbuf *out, const char *message)
{
	const char *nl = strchr(message, '\n');
	size_t len = nl ? (size_t)(nl - message) : strlen(message);
	farley_oneline(out, message, len, 72);
	if (!out->len)
		strbuf_addstr(out, "farley");
	strbuf_addch(out, '\n');
	if (!nl)
		return;
	while (*nl == '\n')
		nl++;
	if (!*nl)
		return;
	strbuf_addch(out, '\n');
	for (; *nl; nl++) {
		unsigned char ch = (unsigned char)*nl;
		if (ch == 0xc2 && (unsigned char)nl[1] >= 0x80 &&
		    (unsigned char)nl[1] < 0xa0)
			nl++; /* a C1 control */
		else if ((ch >= 0x20 && ch != 0x7f) || ch == '\n' || ch == '\t')
			strbuf_addch(out, *nl);
	}
	if (out->buf[out->len - 1] != '\n')
		strbuf_addch(out, '\n');
}

int farley_txn_commit(struct farley_txn *txn, const char *message,
		      int no_commit, struct farley_error *err)
{
	git_tree *tree = NULL;
	git_commit *parent_commit = NULL;
	int ret = 0, tries = 0, waited = 0;
	struct strbuf clean = STRBUF_INIT;

	for (size_t i = 0; i < txn->n; i++)
		if ((ret = snapshot(txn, &txn->ch[i], err)))
			return ret;
	clean_message(&clean, message);

	block_signals(txn);
	if (txn->n > BULK_FILES) {
		if ((ret = write_bulk(txn, err)))
			goto fail;
	}
	for (size_t i = 0; i < txn->n && txn->n <= BULK_FILES; i++) {
		struct change *c = &txn->ch[i];
		if ((ret = atomic_write(txn, c->path, c->data.buf, c->data.len,
					c->remove, err)))
			goto fail;
		c->written = 1;
		farley_checkpoint(txn->repo, "renamed");
	}
	if ((ret = store_blobs(txn, err)) || (ret = git_update_index(txn, err)))
		goto fail;
	farley_checkpoint(txn->repo, "indexed");
	if (no_commit)
		goto done;

	for (;;) {
		git_oid parent, commit;
		int has_parent, e;
		const git_commit *parents[1];
		if ((ret = build_tree(txn, &parent, &has_parent, &tree, err)))
			goto fail_index;
		if (has_parent &&
		    git_commit_lookup(&parent_commit, txn->repo->git, &parent) < 0) {
			ret = farley_git_error(err, "cannot read HEAD");
			goto fail_index;
		}
		parents[0] = parent_commit;
		head_ref_lock(txn);
		e = git_commit_create(&commit, txn->repo->git, "HEAD", txn->author,
				      txn->committer, NULL, clean.buf, tree,
				      has_parent ? 1 : 0, parents);
		git_tree_free(tree);
		tree = NULL;
		git_commit_free(parent_commit);
		parent_commit = NULL;
		if (e == GIT_EMODIFIED && ++tries < 100)
			continue; /* HEAD moved under us: again, on the new HEAD */
		if (e == GIT_ELOCKED && git_lock_wait(txn->repo, &waited))
			continue; /* a git command holds HEAD's lock: again */
		if (e < 0) {
			ret = farley_git_error(err, "cannot commit");
			goto fail_index;
		}
		git_oid_tostr(txn->commit_id, sizeof(txn->commit_id), &commit);
		break;
	}
	farley_checkpoint(txn->repo, "committed");
done:
	unblock_signals(txn);
	strbuf_release(&clean);
	return 0;

fail_index:
	rollback(txn);
	restore_index(txn);
	goto failed;
fail:
	rollback(txn);
failed:
	strbuf_release(&clean);
	git_tree_free(tree);
	git_commit_free(parent_commit);
	unblock_signals(txn);
	return ret ? ret : FARLEY_EFAIL;
}

const char **farley_txn_paths(const struct farley_txn *txn, size_t *n)
{
	const char **paths = xcalloc(txn->n + 1, sizeof(*paths));
	for (size_t i = 0; i < txn->n; i++)
		paths[i] = txn->ch[i].path;
	*n = txn->n;
	return paths;
}

const char *farley_txn_commit_id(const struct farley_txn *txn)
{
	return txn->commit_id[0] ? txn->commit_id : NULL;
}

void farley_txn_end(struct farley_txn *txn)
{
	if (!txn)
		return;
	if (txn->lockfd >= 0) {
		/* a clean finish leaves no notes behind */
		if (ftruncate(txn->lockfd, 0)) {
			/* the next writer would only find harmless notes */
		}
		close(txn->lockfd); /* releases the lock */
	}
	for (size_t i = 0; i < txn->n; i++) {
		free(txn->ch[i].path);
		strbuf_release(&txn->ch[i].data);
		strbuf_release(&txn->ch[i].old);
	}
	free(txn->ch);
	farley_strmap_release(&txn->paths);
	git_signature_free(txn->author);
	git_signature_free(txn->committer);
	unblock_signals(txn);
	free(txn);
}
