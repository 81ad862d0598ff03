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

/* Find the repository: start (or $FARLEY_DIR, or ".") and its parents. */
int farley_repo_open(struct farley_repo **out, const char *start,
		     struct farley_error *err);
/* Create or adopt a repository at dir (git init when needed). */
int farley_repo_init(struct farley_repo **out, const char *dir,
		     struct farley_error *err);
void farley_repo_free(struct farley_repo *repo);
/* 1 when a commit identity is known (repo NULL: global config only). */
int farley_identity_known(struct farley_repo *repo);

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
/* farley.owner, else the local part of user.email (or GIT_AUTHOR_EMAIL). */
char *farley_repo_default_owner(struct farley_repo *repo);

/* Use idx (owned by the caller) for id lookups from now on. */
struct farley_index;
void farley_repo_set_index(struct farley_repo *repo, struct farley_index *idx);
struct farley_index *farley_repo_get_index(struct farley_repo *repo);

/* Records ------------------------------------------------------------ */

/* Where farley puts a record: "contacts/ja/jane-doe.yaml"; for an
 * interaction "interactions/YYYY/MM/<id>.yaml" from its date. */
char *farley_record_path(enum farley_kind kind, const char *id,
			 const char *date);
/* The shard of an id: its first two letters or digits. */
void farley_id_shard(struct strbuf *out, const char *id);
/* The kind and id a record path stands for; -1 when it is not one. */
int farley_path_record(const char *relpath, enum farley_kind *kind,
		       struct strbuf *id);

typedef int (*farley_each_fn)(enum farley_kind kind, const char *id,
			      const char *relpath, void *data);
/* Every record file of a kind (FARLEY_NOKIND: all) in the work tree. */
int farley_repo_foreach(struct farley_repo *repo, enum farley_kind kind,
			farley_each_fn fn, void *data, struct farley_error *err);
/* Resolve an id or an unambiguous prefix to a kind, id and path.  Exit
 * codes: FARLEY_ENOTFOUND, FARLEY_EAMBIG (the message lists candidates). */
int farley_repo_resolve(struct farley_repo *repo, const char *prefix,
			enum farley_kind *kind, char **id, char **relpath,
			struct farley_error *err);
/* The same, looking only at records of kind want (a reference field knows
 * what it points at, so "company=acme" ignores the deal "acme-renewal"). */
int farley_repo_resolve_kind(struct farley_repo *repo, const char *prefix,
			     enum farley_kind want, enum farley_kind *kind,
			     char **id, char **relpath, struct farley_error *err);
/* 1 when a record with exactly this id exists (any kind). */
int farley_repo_id_exists(struct farley_repo *repo, const char *id);
/* Load and parse a record file. */
int farley_repo_load(struct farley_repo *repo, enum farley_kind kind,
		     const char *id, const char *relpath,
		     struct farley_record *out, struct farley_error *err);
/* Resolve then load. */
int farley_repo_find(struct farley_repo *repo, const char *prefix,
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

/* Test hooks: FARLEY_TEST_CRASH_AT=name kills the process at that point,
 * FARLEY_TEST_PAUSE_AT=name makes it wait there for a minute. */
void farley_crash_point(const char *name);

#endif
