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
	int stderr_to_out;       /* its stderr goes where its stdout goes */
	const char *in;          /* farley_proc_run: its stdin, or NULL: ours */
	size_t in_len;
};

/* Run p and wait: the exit status (0..255), 126 when it could not be
 * started (errno says why), 128 + N when killed by signal N. */
int farley_proc_run(const struct farley_proc *p);

/* A program started with farley_proc_start(), whose output is read as it
 * comes (an importer's helper that streams one line per message). */
struct farley_child {
	int pid;
	int out; /* the read end of its stdout, -1 once closed */
};

/* Start p (p->out and p->stdout_to_stderr are ignored: its stdout is a
 * pipe, child->out) without waiting for it.  0, or -1 with errno set when
 * it could not be started (a program that is not there included). */
int farley_proc_start(const struct farley_proc *p, struct farley_child *child);
/* Close child->out (a child still writing gets SIGPIPE) and wait: the
 * exit status as farley_proc_run() gives it. */
int farley_proc_finish(struct farley_child *child);

#endif
