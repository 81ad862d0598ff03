/* strbuf.c: growable strings and allocation helpers. */
#include "farley/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char strbuf_slopbuf[1];

static void (*oom_handler)(void);

void farley_set_oom_handler(void (*fn)(void))
{
	oom_handler = fn;
}

/* There is no way on from here: the caller's handler may say so, then the
 * process stops (as git's xmalloc does). */
static void out_of_memory(void)
{
	if (oom_handler)
		oom_handler();
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		out_of_memory();
	}
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		out_of_memory();
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		out_of_memory();
	}
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrfmt(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb, NULL);
}

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->alloc = sb->len = 0;
	sb->buf = strbuf_slopbuf;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *res;
	strbuf_grow(sb, 0);
	res = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb, 0);
	return res;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	int fresh = !sb->alloc;
	size_t need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	if (fresh)
		sb->buf = NULL;
	sb->alloc = sb->alloc * 2 > need ? sb->alloc * 2 : need;
	if (sb->alloc < 32)
		sb->alloc = 32;
	sb->buf = xrealloc(sb->buf, sb->alloc);
	if (fresh)
		sb->buf[0] = '\0';
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void strbuf_addchars(struct strbuf *sb, int c, size_t n)
{
	strbuf_grow(sb, n);
	memset(sb->buf + sb->len, c, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void strbuf_splice(struct strbuf *sb, size_t pos, size_t len,
		   const void *data, size_t dlen)
{
	if (pos > sb->len)
		pos = sb->len;
	if (pos + len > sb->len)
		len = sb->len - pos;
	if (dlen > len)
		strbuf_grow(sb, dlen - len);
	else
		strbuf_grow(sb, 0);
	memmove(sb->buf + pos + dlen, sb->buf + pos + len,
		sb->len - pos - len);
	if (dlen)
		memcpy(sb->buf + pos, data, dlen);
	sb->len = sb->len - len + dlen;
	sb->buf[sb->len] = '\0';
}

void strbuf_insert(struct strbuf *sb, size_t pos, const void *data, size_t len)
{
	strbuf_splice(sb, pos, 0, data, len);
}

void strbuf_trim(struct strbuf *sb)
{
	size_t a = 0, b = sb->len;
	while (a < b && (sb->buf[a] == ' ' || sb->buf[a] == '\t'))
		a++;
	while (b > a && (sb->buf[b - 1] == ' ' || sb->buf[b - 1] == '\t'))
		b--;
	if (a)
		memmove(sb->buf, sb->buf + a, b - a);
	strbuf_setlen(sb, b - a);
}

int strbuf_read_fd(struct strbuf *sb, int fd, size_t max)
{
	for (;;) {
		ssize_t n;
		/* room is kept for more only when the last read filled it: a
		 * file read into a buffer sized for it stays that size */
		if (sb->alloc - sb->len < 2)
			strbuf_grow(sb, 8192);
		n = read(fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		sb->len += (size_t)n;
		sb->buf[sb->len] = '\0';
		if (max && sb->len > max) {
			errno = E2BIG;
			return -1;
		}
	}
	return 0;
}

int strbuf_read_file(struct strbuf *sb, const char *path, size_t max)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret, saved;
	struct stat st;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0) {
		if (max && (size_t)st.st_size > max) {
			close(fd);
			errno = E2BIG;
			return -1;
		}
		/* one byte more, so the read that finds the end has room */
		strbuf_grow(sb, (size_t)st.st_size + 1);
	}
	ret = strbuf_read_fd(sb, fd, max);
	saved = errno;
	close(fd);
	errno = saved;
	return ret;
}
