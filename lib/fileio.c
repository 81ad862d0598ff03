/* fileio.c: atomic file writes (temp file, fsync, rename, directory fsync). */
#include "farley/fileio.h"
#include "farley/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int farley_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret;
	if (fd < 0)
		return -1;
	ret = fsync(fd);
	close(fd);
	return ret;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int farley_file_write_tmp(const char *tmp, const char *shown, const char *data,
			  size_t len, int sync, struct farley_error *err)
{
	int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
	int fd = open(tmp, flags, 0666);
	if (fd < 0 && errno == EEXIST) {
		unlink(tmp); /* our own pid's leftover */
		fd = open(tmp, flags, 0666);
	}
	if (fd < 0)
		return farley_error_errno(err, FARLEY_EIO, "cannot create '%s'", shown);
	if (write_all(fd, data, len) || (sync && fsync(fd))) {
		int ret = farley_error_errno(err, FARLEY_EIO, "cannot write '%s'", shown);
		close(fd);
		unlink(tmp);
		return ret;
	}
	if (close(fd)) {
		int ret = farley_error_errno(err, FARLEY_EIO, "cannot write '%s'", shown);
		unlink(tmp);
		return ret;
	}
	return 0;
}

int farley_file_replace(const char *tmp, const char *path, const char *shown,
			struct farley_error *err)
{
	struct strbuf dir = STRBUF_INIT;
	const char *slash = strrchr(path, '/');
	if (rename(tmp, path))
		return farley_error_errno(err, FARLEY_EIO, "cannot replace '%s'", shown);
	if (slash)
		strbuf_add(&dir, path, (size_t)(slash - path));
	farley_fsync_dir(slash ? (dir.len ? dir.buf : "/") : ".");
	strbuf_release(&dir);
	return 0;
}

int farley_write_atomic(const char *path, const char *data, size_t len,
			struct farley_error *err)
{
	struct strbuf tmp = STRBUF_INIT;
	int ret;
	strbuf_addf(&tmp, "%s.farley-tmp-%ld", path, (long)getpid());
	ret = farley_file_write_tmp(tmp.buf, path, data, len, 1, err);
	if (!ret && (ret = farley_file_replace(tmp.buf, path, path, err)))
		unlink(tmp.buf);
	strbuf_release(&tmp);
	return ret;
}
