/* repo: the farley repository on disk and in git.
 *
 * Reading:  farley_repo_open() finds the repository (like git), loads
 *           farley.yaml; records are found by id or unambiguous prefix.
 * Writing:  every change goes through one transaction:
 *             farley_txn_begin()   take the writer lock, check identity
 *             farley_txn_put()     stage new file contents (or removals)
 *             farley_txn_commit()  write files (temp, fsync, rename, dir
 *                                  fsync), update git's index, commit;
 *                                  on any failure put everything back
 *           so a failed or killed command leaves each record old or new. */
#ifndef FARLEY_REPO_H
#define FARLEY_REPO_H

#include "farley/config.h"
#include "farley/error.h"
#include "farley/record.h"
#include "farley/strbuf.h"

struct farley_repo;
struct farley_txn;

/* What the library would otherwise read from the environment.  cmd/ reads
 * the environment once and hands this in; the library reads none.  Any
 * string may be NULL (not set). */
struct farley_settings {
	const char *ceiling_dirs;   /* GIT_CEILING_DIRECTORIES */
	const char *author_name, *author_email, *author_date;          /* GIT_AUTHOR_* */
	const char *committer_name, *committer_email, *committer_date; /* GIT_COMMITTER_* */
	const char *email;          /* EMAIL: git's last resort for an address */
	double lock_timeout;        /* seconds to wait for a lock; 0: 10 */
	/* called at named points of the write path ("locked", "tmp-written",
	 * "renamed", "indexed", "committed"), for tests; or NULL */
	void (*checkpoint)(const char *name);
};

/* Find the repository: start (NULL: ".") and its parents.  s may be NULL
 * (nothing from the environment); it is copied. */
int farley_repo_open(struct farley_repo **out, const char *start,
		     const struct farley_settings *s, struct farley_error *err);
/* Create or adopt a repository at dir (git init when needed: then
 * *created is 1). */
int farley_repo_init(struct farley_repo **out, const char *dir,
		     const struct farley_settings *s, int *created,
		     struct farley_error *err);
void farley_repo_free(struct farley_repo *repo);
/* 1 when a commit identity is known (repo NULL: global config only). */
int farley_identity_known(struct farley_repo *repo,
			  const struct farley_settings *s);
const struct farley_settings *farley_repo_settings(const struct farley_repo *repo);

/* The work tree, with a trailing '/'. */
const char *farley_repo_workdir(const struct farley_repo *repo);
const char *farley_repo_gitdir(const struct farley_repo *repo);
const struct farley_config *farley_repo_config(const struct farley_repo *repo);
/* Load (or reload) farley.yaml. */
int farley_repo_load_config(struct farley_repo *repo, struct farley_error *err);

/* git config values; the caller frees. */
char *farley_repo_config_str(struct farley_repo *repo, const char *key);
int farley_repo_config_bool(struct farley_repo *repo, const char *key, int def);
int farley_repo_config_set(struct farley_repo *repo, const char *key,
			   const char *value, struct farley_error *err);
/* Whether git's settings for many files would pay off and are not on:
 * git's index lists more than FARLEY_MANY_FILES paths and is not split.
 * *entries gets the count (from the index file's header, without reading
 * the rest). */
#define FARLEY_MANY_FILES 100000
int farley_repo_wants_split_index(struct farley_repo *repo, unsigned long *entries);
/* Turn git's settings for many files on in this repository's own config:
 * core.splitIndex and core.untrackedCache (git applies them at its next
 * index write). */
int farley_repo_enable_many_files(struct farley_repo *repo, struct farley_error *err);
/* farley.owner, else the local part of the author's e-mail. */
char *farley_repo_default_owner(struct farley_repo *repo);
/* The author's e-mail (GIT_AUTHOR_EMAIL, else user.email), or NULL. */
char *farley_repo_author_email(struct farley_repo *repo);

/* Records ------------------------------------------------------------ */

typedef int (*farley_each_fn)(enum farley_kind kind, const char *id,
			      const char *relpath, void *data);
/* Every record file of a kind (FARLEY_NOKIND: all) in the work tree. */
int farley_repo_foreach(struct farley_repo *repo, enum farley_kind kind,
			farley_each_fn fn, void *data, struct farley_error *err);
/* Load and parse a record file. */
int farley_repo_load(struct farley_repo *repo, enum farley_kind kind,
		     const char *id, const char *relpath,
		     struct farley_record *out, struct farley_error *err);
/* Writing ------------------------------------------------------------ */

int farley_txn_begin(struct farley_repo *repo, struct farley_txn **out,
		     struct farley_error *err);
/* Stage new contents for relpath; data NULL removes the file. */
int farley_txn_put(struct farley_txn *txn, const char *relpath,
		   const char *data, size_t len, struct farley_error *err);
/* Write, stage in git's index and (unless no_commit) commit with message.
 * Returns 0, or an error with everything put back as it was. */
int farley_txn_commit(struct farley_txn *txn, const char *message,
		      int no_commit, struct farley_error *err);
/* Release the lock; a transaction not committed changes nothing. */
void farley_txn_end(struct farley_txn *txn);
/* The paths the transaction wrote: an array the caller frees (the strings
 * are borrowed from txn). */
const char **farley_txn_paths(const struct farley_txn *txn, size_t *n);
/* The hex id of the commit made, or NULL. */
const char *farley_txn_commit_id(const struct farley_txn *txn);

#endif
