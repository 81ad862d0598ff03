/* proc: running another program (git, the editor, the pager, man).
 *
 * Always with an argument array, never through a shell; the caller's own
 * stdout is flushed first; a failed fork is an error; only our own child
 * is waited for, through EINTR. */
#ifndef FARLEY_PROC_H
#define FARLEY_PROC_H

#include "farley/strbuf.h"

struct farley_proc {
	const char *const *argv; /* argv[0] is looked up in PATH */
	const char *dir;         /* run there, or NULL: here */
	struct strbuf *out;      /* collect its stdout here, or NULL */
	int stdout_to_stderr;    /* its stdout goes to our stderr */
	int quiet_stderr;        /* its stderr goes to /dev/null */
};

/* Run p and wait: the exit status (0..255), 126 when it could not be
 * started (errno says why), 128 + N when killed by signal N. */
int farley_proc_run(const struct farley_proc *p);

#endif
