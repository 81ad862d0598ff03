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
	struct farley_settings settings; /* strings owned */
};

/* Compare two trees (either may be NULL), descending only into subtrees
 * whose ids differ, so the cost follows the change and not the size of the
 * repository.  fn gets every blob path (prefix + name) that differs, with
 * its old and new ids (NULL when absent).  descend, when given, decides for
 * each subtree path ("deals/") whether to look inside at all. */
typedef void (*farley_blob_change_fn)(const char *path, const git_oid *old,
				      const git_oid *new, void *data);
void farley_tree_changes(git_repository *g, git_tree *a, git_tree *b,
			 const char *prefix, int (*descend)(const char *dir),
			 farley_blob_change_fn fn, void *data);

/* Call the settings' checkpoint hook, if any. */
void farley_checkpoint(struct farley_repo *repo, const char *name);

/* Fill err from libgit2's last error. */
int farley_git_error(struct farley_error *err, const char *what);

#endif
