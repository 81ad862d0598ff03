/* replay.c: feed files to a fuzz target without libFuzzer, so that
 * `make check` replays every corpus file and every crasher ever found with
 * the normal compiler (ASan and UBSan on) and no clang.
 *
 *   replay-TARGET FILE|DIR...
 *
 * Each file runs in a child of its own, so a crash is pinned on its file
 * and the rest still run; a file counts as passed when its child exits 0.
 * The last line is "N passed, N failed". */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int passed, failed;

static void run_one(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, alloc = 0, got;
	pid_t pid;
	int st;

	if (!f) {
		fprintf(stderr, "replay: %s: cannot open\n", path);
		failed++;
		return;
	}
	do {
		if (len + 4096 > alloc) {
			alloc = (len + 4096) * 2;
			buf = realloc(buf, alloc);
			if (!buf)
				abort();
		}
		got = fread(buf + len, 1, alloc - len, f);
		len += got;
	} while (got);
	fclose(f);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		perror("replay: fork");
		exit(2);
	}
	if (pid == 0) {
		/* libFuzzer hands over a copy of exactly size bytes */
		uint8_t *copy = malloc(len ? len : 1);
		if (!copy)
			abort();
		memcpy(copy, buf, len);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
		free(buf);
		exit(0);
	}
	free(buf);
	if (waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		passed++;
	} else {
		fprintf(stderr, "replay: %s: FAILED (%s %d)\n", path,
			WIFSIGNALED(st) ? "signal" : "exit",
			WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
		failed++;
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path)
{
	struct stat sb;
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0;

	if (stat(path, &sb) || !S_ISDIR(sb.st_mode)) {
		run_one(path);
		return;
	}
	if (!(d = opendir(path)))
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			names = realloc(names, alloc * sizeof(*names));
			if (!names)
				abort();
		}
		names[n] = malloc(strlen(path) + strlen(de->d_name) + 2);
		if (!names[n])
			abort();
		sprintf(names[n], "%s/%s", path, de->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		run_one(names[i]);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		run_path(argv[i]);
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
