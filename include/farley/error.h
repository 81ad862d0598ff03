/* error: what went wrong, for the command layer to report.
 *
 * The library never prints.  A failing function fills a struct farley_error
 * and returns its (negative) code; cmd/ turns it into a message and an exit
 * status.  A location (path, line, column) is kept when a file is at fault. */
#ifndef FARLEY_ERROR_H
#define FARLEY_ERROR_H

enum farley_code {
	FARLEY_OK = 0,
	FARLEY_EFAIL = -1,     /* generic failure: exit 1 */
	FARLEY_EUSAGE = -2,    /* bad command line or expression: exit 2 */
	FARLEY_ENOTFOUND = -3, /* no such record */
	FARLEY_EAMBIG = -4,    /* ambiguous id prefix */
	FARLEY_EINVAL = -5,    /* invalid data */
	FARLEY_ELOCKED = -6,   /* writer lock not obtained */
	FARLEY_EEXISTS = -7,   /* already exists */
	FARLEY_ECONFLICT = -8, /* someone else changed it */
	FARLEY_EIO = -9,       /* the system said no */
};

struct farley_error {
	int code;
	char *msg;  /* owned */
	char *path; /* owned; NULL when no file is at fault */
	int line;   /* 1-based; 0 when unknown */
	int col;    /* 1-based; 0 when unknown */
};

#define FARLEY_ERROR_INIT { 0, 0, 0, 0, 0 }

/* Each returns code, so `return farley_error_set(err, ...)` works.
 * err may be NULL.  A second call replaces the first message. */
int farley_error_set(struct farley_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int farley_error_at(struct farley_error *err, int code, const char *path,
		    int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Like farley_error_set, with ": strerror(errno)" appended. */
int farley_error_errno(struct farley_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Put "prefix: " in front of the current message. */
void farley_error_prefix(struct farley_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void farley_error_clear(struct farley_error *err);
/* Move src into dst (dst's old contents are released). */
void farley_error_move(struct farley_error *dst, struct farley_error *src);

#endif
