/* fileio: writing a file so that a crash leaves the old or the new one.
 *
 * Write to a temp file beside the target, fsync it, rename it over the
 * target, fsync the directory.  The two steps are separate so a caller can
 * note the temp file's name first (and clean up after a killed writer) or
 * stop between them. */
#ifndef FARLEY_FILEIO_H
#define FARLEY_FILEIO_H

#include <stddef.h>

#include "farley/error.h"

/* Create tmp (it must not exist; a leftover of our own pid is replaced),
 * write data, fsync unless !sync (the caller flushes many files at once),
 * close.  shown names the file in messages.  On error tmp is removed. */
int farley_file_write_tmp(const char *tmp, const char *shown, const char *data,
			  size_t len, int sync, struct farley_error *err);
/* Rename tmp over path and fsync the directory. */
int farley_file_replace(const char *tmp, const char *path, const char *shown,
			struct farley_error *err);
/* Both steps, with the temp file "path.farley-tmp-PID". */
int farley_write_atomic(const char *path, const char *data, size_t len,
			struct farley_error *err);
/* fsync a directory: 0 or -1. */
int farley_fsync_dir(const char *dir);

#endif
