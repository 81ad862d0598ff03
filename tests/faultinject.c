/* faultinject.c: an LD_PRELOAD shim for the disk-fault tests (t6300).
 *
 * It counts the calls that can meet a full or broken disk -- write and
 * pwrite to a regular file, fsync, fdatasync, syncfs, rename, unlink,
 * mkdir and open with O_CREAT -- made by farley and the git it runs, and
 * makes the Nth of them fail:
 *
 *   FAULT_COUNTER=file  a file of 8 bytes or more shared by every process
 *                       of the command (farley runs git update-index), so
 *                       that the count goes on across them; required
 *   FAULT_AT=N          fail call number N (1-based); 0 or unset: count only
 *   FAULT_ERRNO=ENOSPC  or EIO (the default)
 *   FAULT_LOG=file      append "N call what" for every call counted
 *
 * Only processes named farley or git count: the shell, sed or an editor a
 * test runs are the user's, not the command under test.  The fault is
 * one-shot: the calls after N succeed again, as after a transient error,
 * so that what the command does to recover is tested too. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static volatile unsigned long *counter;
static unsigned long fail_at;
static int fail_errno = EIO;
static int log_fd = -1;
static int active;

__attribute__((constructor)) static void fault_init(void)
{
	const char *path = getenv("FAULT_COUNTER"), *s;
	const char *name = program_invocation_short_name;
	int fd;
	void *m;
	if (!path || !*path || !name ||
	    (strcmp(name, "farley") && strcmp(name, "git")))
		return;
	fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return;
	m = mmap(NULL, sizeof(*counter), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	syscall(SYS_close, fd);
	if (m == MAP_FAILED)
		return;
	counter = m;
	if ((s = getenv("FAULT_AT")))
		fail_at = strtoul(s, NULL, 10);
	if ((s = getenv("FAULT_ERRNO")) && !strcmp(s, "ENOSPC"))
		fail_errno = ENOSPC;
	if ((s = getenv("FAULT_LOG")) && *s)
		log_fd = (int)syscall(SYS_openat, AT_FDCWD, s,
				      O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	active = 1;
}

/* Count one call; nonzero: this one fails. */
static int fault(const char *call, const char *what)
{
	unsigned long n;
	if (!active)
		return 0;
	n = __atomic_add_fetch(counter, 1, __ATOMIC_SEQ_CST);
	if (log_fd >= 0) {
		char line[512];
		int len = snprintf(line, sizeof(line), "%lu %s %s %s\n", n,
				   program_invocation_short_name, call, what);
		if (len > 0)
			syscall(SYS_write, log_fd, line,
				(size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1);
	}
	if (n != fail_at)
		return 0;
	errno = fail_errno;
	return 1;
}

static int regular_fd(int fd)
{
	struct stat st;
	return fd > 2 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

static const char *fd_name(int fd, char *buf, size_t size)
{
	char proc[64];
	ssize_t n;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

#define REAL(ret, name, args) \
	static ret(*real_##name) args; \
	if (!real_##name) \
		real_##name = (ret(*) args)dlsym(RTLD_NEXT, #name)

#define FD_FAULT(call, fd, bad) \
	do { \
		char b_[256]; \
		if (active && regular_fd(fd) && fault(call, fd_name(fd, b_, sizeof(b_)))) \
			return bad; \
	} while (0)

ssize_t write(int fd, const void *buf, size_t n)
{
	REAL(ssize_t, write, (int, const void *, size_t));
	FD_FAULT("write", fd, -1);
	return real_write(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(ssize_t, pwrite, (int, const void *, size_t, off_t));
	FD_FAULT("pwrite", fd, -1);
	return real_pwrite(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	REAL(ssize_t, pwrite64, (int, const void *, size_t, off_t));
	FD_FAULT("pwrite", fd, -1);
	return real_pwrite64(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
	REAL(ssize_t, writev, (int, const struct iovec *, int));
	FD_FAULT("writev", fd, -1);
	return real_writev(fd, iov, cnt);
}

int fsync(int fd)
{
	REAL(int, fsync, (int));
	char b[256];
	if (fault("fsync", fd_name(fd, b, sizeof(b))))
		return -1;
	return real_fsync(fd);
}

int fdatasync(int fd)
{
	REAL(int, fdatasync, (int));
	char b[256];
	if (fault("fdatasync", fd_name(fd, b, sizeof(b))))
		return -1;
	return real_fdatasync(fd);
}

int syncfs(int fd)
{
	REAL(int, syncfs, (int));
	if (fault("syncfs", "-"))
		return -1;
	return real_syncfs(fd);
}

int rename(const char *from, const char *to)
{
	REAL(int, rename, (const char *, const char *));
	if (fault("rename", to))
		return -1;
	return real_rename(from, to);
}

int renameat(int d1, const char *from, int d2, const char *to)
{
	REAL(int, renameat, (int, const char *, int, const char *));
	if (fault("rename", to))
		return -1;
	return real_renameat(d1, from, d2, to);
}

int unlink(const char *path)
{
	REAL(int, unlink, (const char *));
	if (fault("unlink", path))
		return -1;
	return real_unlink(path);
}

int unlinkat(int dir, const char *path, int flags)
{
	REAL(int, unlinkat, (int, const char *, int));
	if (fault("unlink", path))
		return -1;
	return real_unlinkat(dir, path, flags);
}

int mkdir(const char *path, mode_t mode)
{
	REAL(int, mkdir, (const char *, mode_t));
	if (fault("mkdir", path))
		return -1;
	return real_mkdir(path, mode);
}

#define OPEN_FAULT(call, path, flags) \
	do { \
		if ((flags) & O_CREAT && fault(call, path)) \
			return -1; \
	} while (0)

int open(const char *path, int flags, ...)
{
	REAL(int, open, (const char *, int, ...));
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	OPEN_FAULT("open", path, flags);
	return real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	REAL(int, open64, (const char *, int, ...));
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	OPEN_FAULT("open", path, flags);
	return real_open64(path, flags, mode);
}

int openat(int dir, const char *path, int flags, ...)
{
	REAL(int, openat, (int, const char *, int, ...));
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	OPEN_FAULT("open", path, flags);
	return real_openat(dir, path, flags, mode);
}

int openat64(int dir, const char *path, int flags, ...)
{
	REAL(int, openat64, (int, const char *, int, ...));
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	OPEN_FAULT("open", path, flags);
	return real_openat64(dir, path, flags, mode);
}
