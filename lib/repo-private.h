/* Library-private parts of the repository object. */
#ifndef FARLEY_REPO_PRIVATE_H
#define FARLEY_REPO_PRIVATE_H

#include <git2.h>

#include "farley/repo.h"

struct farley_repo {
	git_repository *git;
	char *workdir;
	char *gitdir;
	struct farley_config config;
	struct farley_index *index; /* set by farley_repo_set_index() */
};

/* Fill err from libgit2's last error. */
int farley_git_error(struct farley_error *err, const char *what);

#endif
