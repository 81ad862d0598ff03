/* strbuf: growable strings in the style of git's strbuf.
 *
 * A strbuf's buf is never NULL: an empty one points at a shared "" so it
 * can always be printed.  strbuf_release() frees and reinitialises;
 * strbuf_detach() hands the string to the caller, who frees it. */
#ifndef FARLEY_STRBUF_H
#define FARLEY_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* The caller owns the returned string. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen(sb, 0)
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addchars(struct strbuf *sb, int c, size_t n);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Insert data at pos, or remove len bytes at pos. */
void strbuf_insert(struct strbuf *sb, size_t pos, const void *data, size_t len);
void strbuf_splice(struct strbuf *sb, size_t pos, size_t len,
		   const void *data, size_t dlen);
/* Take spaces and tabs off both ends. */
void strbuf_trim(struct strbuf *sb);
/* Read a whole file (at most max bytes; -1 with errno E2BIG past that). */
int strbuf_read_file(struct strbuf *sb, const char *path, size_t max);
int strbuf_read_fd(struct strbuf *sb, int fd, size_t max);

/* Allocation that never returns NULL: on exhaustion the handler set here
 * is called (to say so; the library prints nothing itself), then abort(). */
void farley_set_oom_handler(void (*fn)(void));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xstrfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable array: ALLOC_GROW(items, nr + 1, alloc). */
#define ALLOC_GROW(x, nr, alloc)                                            \
	do {                                                                \
		if ((nr) > (alloc)) {                                       \
			(alloc) = (alloc) < 8 ? 8 : (alloc) * 2;            \
			if ((alloc) < (nr))                                 \
				(alloc) = (nr);                             \
			(x) = xrealloc((x), (alloc) * sizeof(*(x)));        \
		}                                                           \
	} while (0)

#endif
