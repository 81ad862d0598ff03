/* proc.c: fork, exec with an argument array, wait. */
#include "farley/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

/* Fork and exec p; with out, its stdout is a pipe whose read end *out
 * gets.  0 once the program runs, -1 (errno set) when it could not be
 * started: a close-on-exec pipe tells us whether exec itself failed. */
static int spawn(const struct farley_proc *p, int *out, int *in, pid_t *pidp)
{
	int fds[2] = { -1, -1 }, err_pipe[2] = { -1, -1 }, in_pipe[2] = { -1, -1 };
	int child_errno, saved;
	pid_t pid;
	ssize_t n;
	if (out && pipe2(fds, O_CLOEXEC))
		return -1;
	if ((in && pipe2(in_pipe, O_CLOEXEC)) || pipe2(err_pipe, O_CLOEXEC)) {
		saved = errno;
		if (out) {
			close(fds[0]);
			close(fds[1]);
		}
		if (in_pipe[0] >= 0) {
			close(in_pipe[0]);
			close(in_pipe[1]);
		}
		errno = saved;
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		close(err_pipe[0]);
		if (p->dir && chdir(p->dir))
			goto failed;
		if (in)
			dup2(in_pipe[0], STDIN_FILENO);
		if (out) {
			dup2(fds[1], STDOUT_FILENO); /* dup2 clears close-on-exec */
		} else if (p->stdout_to_stderr) {
			dup2(STDERR_FILENO, STDOUT_FILENO);
		}
		if (p->stderr_to_out) {
			dup2(STDOUT_FILENO, STDERR_FILENO);
		} else if (p->quiet_stderr) {
			int devnull = open("/dev/null", O_WRONLY);
			if (devnull >= 0)
				dup2(devnull, STDERR_FILENO);
		}
		execvp(p->argv[0], (char *const *)p->argv);
failed:
		child_errno = errno;
		if (write(err_pipe[1], &child_errno, sizeof(child_errno)) < 0) {
			/* nothing more we can say */
		}
		_exit(126);
	}
	saved = errno;
	close(err_pipe[1]);
	if (out)
		close(fds[1]);
	if (in)
		close(in_pipe[0]);
	if (pid < 0) {
		close(err_pipe[0]);
		if (out)
			close(fds[0]);
		if (in)
			close(in_pipe[1]);
		errno = saved;
		return -1;
	}
	do
		n = read(err_pipe[0], &child_errno, sizeof(child_errno));
	while (n < 0 && errno == EINTR);
	close(err_pipe[0]);
	*pidp = pid;
	if (out)
		*out = fds[0];
	if (n == (ssize_t)sizeof(child_errno)) {
		/* reap the child that could not exec */
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		if (out)
			close(fds[0]);
		if (in)
			close(in_pipe[1]);
		errno = child_errno;
		return -1;
	}
	if (in)
		*in = in_pipe[1];
	return 0;
}

/* Feed p->in to the child's stdin while collecting its stdout, so that
 * neither side waits on a full pipe.  A child that stops reading early
 * ends the feeding (SIGPIPE is ignored meanwhile; its status tells). */
static void feed(const struct farley_proc *p, int in, int out)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	size_t off = 0;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	if (off == p->in_len) {
		close(in);
		in = -1;
	}
	while (in >= 0 || out >= 0) {
		struct pollfd pf[2] = { { in, POLLOUT, 0 }, { out, POLLIN, 0 } };
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (in >= 0 && pf[0].revents) {
			ssize_t n = write(in, p->in + off, p->in_len - off);
			if (n > 0)
				off += (size_t)n;
			if ((n < 0 && errno != EINTR && errno != EAGAIN) || off == p->in_len) {
				close(in);
				in = -1;
			}
		}
		if (out >= 0 && pf[1].revents) {
			char buf[8192];
			ssize_t n = read(out, buf, sizeof(buf));
			if (n > 0)
				strbuf_add(p->out, buf, (size_t)n);
			else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
				close(out);
				out = -1;
			}
		}
	}
	if (in >= 0)
		close(in);
	sigaction(SIGPIPE, &old, NULL);
}

static int wait_for(pid_t pid)
{
	int status = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 126;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 126;
}

int farley_proc_run(const struct farley_proc *p)
{
	pid_t pid;
	int fd = -1, in = -1;
	if (spawn(p, p->out ? &fd : NULL, p->in ? &in : NULL, &pid))
		return 126;
	if (p->in) {
		feed(p, in, fd);
	} else if (p->out) {
		strbuf_read_fd(p->out, fd, 0);
		close(fd);
	}
	return wait_for(pid);
}

int farley_proc_start(const struct farley_proc *p, struct farley_child *child)
{
	pid_t pid;
	int fd = -1;
	child->pid = -1;
	child->out = -1;
	if (spawn(p, &fd, NULL, &pid))
		return -1;
	child->pid = (int)pid;
	child->out = fd;
	return 0;
}

int farley_proc_finish(struct farley_child *child)
{
	int status;
	if (child->out >= 0)
		close(child->out);
	child->out = -1;
	if (child->pid < 0)
		return 126;
	status = wait_for((pid_t)child->pid);
	child->pid = -1;
	return status;
}
