/* proc.c: fork, exec with an argument array, wait. */
#include "farley/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int farley_proc_run(const struct farley_proc *p)
{
	int fds[2] = { -1, -1 }, err_pipe[2] = { -1, -1 }, status = 0, child_errno;
	pid_t pid;
	ssize_t n;
	if (p->out && pipe(fds))
		return 126;
	/* a close-on-exec pipe tells us whether exec itself failed */
	if (pipe2(err_pipe, O_CLOEXEC)) {
		if (p->out) {
			close(fds[0]);
			close(fds[1]);
		}
		return 126;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		close(err_pipe[0]);
		if (p->dir && chdir(p->dir))
			goto failed;
		if (p->out) {
			dup2(fds[1], STDOUT_FILENO);
			close(fds[0]);
			close(fds[1]);
		} else if (p->stdout_to_stderr) {
			dup2(STDERR_FILENO, STDOUT_FILENO);
		}
		if (p->quiet_stderr) {
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
	close(err_pipe[1]);
	if (p->out) {
		close(fds[1]);
		if (pid > 0)
			strbuf_read_fd(p->out, fds[0], 0);
		close(fds[0]);
	}
	if (pid < 0) {
		close(err_pipe[0]);
		return 126;
	}
	do
		n = read(err_pipe[0], &child_errno, sizeof(child_errno));
	while (n < 0 && errno == EINTR);
	close(err_pipe[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (n == (ssize_t)sizeof(child_errno)) {
		errno = child_errno;
		return 126;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 126;
}
