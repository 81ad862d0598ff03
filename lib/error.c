/* error.c: the error object. */
#include "farley/error.h"
#include "farley/strbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void farley_error_clear(struct farley_error *err)
{
	if (!err)
		return;
	free(err->msg);
	free(err->path);
	memset(err, 0, sizeof(*err));
}

void farley_error_move(struct farley_error *dst, struct farley_error *src)
{
	if (!dst) {
		farley_error_clear(src);
		return;
	}
	farley_error_clear(dst);
	*dst = *src;
	memset(src, 0, sizeof(*src));
}

static int verror(struct farley_error *err, int code, const char *path,
		  int line, int col, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	if (!err)
		return code;
	strbuf_vaddf(&sb, fmt, ap);
	farley_error_clear(err);
	err->code = code;
	err->msg = strbuf_detach(&sb, NULL);
	err->path = path ? xstrdup(path) : NULL;
	err->line = line;
	err->col = col;
	return code;
}

int farley_error_set(struct farley_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(err, code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int farley_error_at(struct farley_error *err, int code, const char *path,
		    int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror(err, code, path, line, col, fmt, ap);
	va_end(ap);
	return code;
}

int farley_error_errno(struct farley_error *err, int code, const char *fmt, ...)
{
	int saved = errno;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	if (!err)
		return code;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strbuf_addf(&sb, ": %s", strerror(saved));
	farley_error_clear(err);
	err->code = code;
	err->msg = strbuf_detach(&sb, NULL);
	return code;
}

void farley_error_prefix(struct farley_error *err, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	if (!err || !err->msg)
		return;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strbuf_addf(&sb, ": %s", err->msg);
	free(err->msg);
	err->msg = strbuf_detach(&sb, NULL);
}
