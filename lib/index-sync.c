/* index-sync.c: keeping the index equal to HEAD plus the overlay.
 *
 * Owns the sync (compare the indexed commit's tree with HEAD's and re-read
 * only the record paths that differ), the overlay (work-tree versions of
 * paths farley wrote without committing, or that `farley index` found
 * edited by hand, indexed instead of HEAD's) and the scan of the work
 * tree. */
#include "index-private.h"
#include "farley/ids.h"
#include "strmap.h"
#include "farley/yamlrec.h"
#include "farley/proc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* HEAD and the record folders --------------------------------------------- */

int farley_idx_head_tree(struct farley_index *idx, git_oid *commit, int *has,
			 git_tree **tree, struct farley_error *err)
{
	git_commit *c = NULL;
	int e = git_reference_name_to_id(commit, idx->repo->git, "HEAD");
	*tree = NULL;
	*has = e == 0;
	if (e == GIT_ENOTFOUND || e == GIT_EUNBORNBRANCH)
		return 0;
	if (e < 0 || git_commit_lookup(&c, idx->repo->git, commit) < 0 ||
	    git_commit_tree(tree, c) < 0) {
		git_commit_free(c);
		return farley_git_error(err, "index: cannot read HEAD");
	}
	git_commit_free(c);
	return 0;
}

int farley_idx_record_dir(const char *path)
{
	for (int k = 0; k < FARLEY_NKINDS; k++) {
		const char *d = farley_kind_dir((enum farley_kind)k);
		size_t n = strlen(d);
		if (!strncmp(path, d, n) && path[n] == '/')
			return 1;
	}
	return 0;
}

static const char *record_dirs[] = { "companies/", "contacts/", "deals/",
				     "interactions/", "tasks/", "cases/",
				     "campaigns/" };

/* Overlay ---------------------------------------------------------------- */

static int overlay_set(struct farley_index *idx, const char *path,
		       const char *blob, struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	int ret = 0;
	const char *sql = blob ? "INSERT OR REPLACE INTO overlay(path, blob) VALUES(?, ?)"
			       : "DELETE FROM overlay WHERE path = ?";
	if (sqlite3_prepare_v2(idx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return farley_idx_dberr(idx, err, "overlay");
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	if (blob)
		sqlite3_bind_text(st, 2, blob, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		ret = farley_idx_dberr(idx, err, "overlay");
	sqlite3_finalize(st);
	return ret;
}

/* Bring one path to its right state: the work tree's version while it
 * differs from HEAD's (an overlay path), else HEAD's.  known, when given,
 * is HEAD's blob for the path as the tree comparison found it (NULL inside
 * it: the path is gone), which saves looking it up in HEAD's tree: a lookup
 * inflates every tree on the way, and a commit of 50,000 files would
 * inflate its folders 50,000 times. */
static int settle_path(struct farley_index *idx, const char *path,
		       git_tree *head, int in_overlay, const git_oid *const *known,
		       struct farley_error *err)
{
	git_tree_entry *te = NULL;
	const git_oid *head_oid = NULL;
	struct strbuf have = STRBUF_INIT, wt = STRBUF_INIT;
	int ret = 0;
	if (known)
		head_oid = *known;
	else if (head && git_tree_entry_bypath(&te, head, path) == 0 &&
		 git_tree_entry_type(te) == GIT_OBJECT_BLOB)
		head_oid = git_tree_entry_id(te);
	if (in_overlay) {
		struct strbuf full = STRBUF_INIT, text = STRBUF_INIT;
		struct stat st;
		char hex[GIT_OID_HEXSZ + 1] = "";
		int exists;
		strbuf_addf(&full, "%s%s", idx->repo->workdir, path);
		exists = !lstat(full.buf, &st);
		if (exists && S_ISREG(st.st_mode) &&
		    !strbuf_read_file(&text, full.buf, FARLEY_MAX_FILE)) {
			git_oid oid;
			git_odb_hash(&oid, text.buf, text.len, GIT_OBJECT_BLOB);
			git_oid_tostr(hex, sizeof(hex), &oid);
		} else if (exists) {
			strcpy(hex, "special");
		}
		strbuf_release(&full);
		strbuf_release(&text);
		if ((!exists && !head_oid) ||
		    (head_oid && *hex && !strcmp(hex, git_oid_tostr_s(head_oid)))) {
			ret = overlay_set(idx, path, NULL, err); /* committed now */
		} else {
			farley_idx_indexed_blob(idx, path, &have);
			if (strcmp(have.buf, *hex ? hex : "")) {
				ret = farley_idx_apply_worktree(idx, path, &wt,
								err);
				if (!ret)
					ret = overlay_set(idx, path, wt.len ? wt.buf : "-", err);
			}
			goto out;
		}
	}
	farley_idx_indexed_blob(idx, path, &have);
	if (head_oid) {
		if (strcmp(have.buf, git_oid_tostr_s(head_oid)))
			ret = farley_idx_apply_blob(idx, path, head_oid, err);
	} else if (have.len) {
		ret = farley_idx_delete_path(idx, path, err);
	}
out:
	git_tree_entry_free(te);
	strbuf_release(&have);
	strbuf_release(&wt);
	return ret;
}

void farley_idx_paths_add(struct farley_idx_paths *l, const char *path)
{
	ALLOC_GROW(l->p, l->n + 1, l->alloc);
	l->p[l->n++] = xstrdup(path);
}

void farley_idx_paths_clear(struct farley_idx_paths *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->p[i]);
	free(l->p);
	memset(l, 0, sizeof(*l));
}

int farley_idx_overlay_paths(struct farley_index *idx,
			     struct farley_idx_paths *out,
			     struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(idx->db, "SELECT path FROM overlay", -1, &st, NULL) !=
	    SQLITE_OK)
		return farley_idx_dberr(idx, err, "overlay");
	while (sqlite3_step(st) == SQLITE_ROW)
		farley_idx_paths_add(out,
				     (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return 0;
}

/* meta.overlay: how many paths the overlay holds, so that the common sync
 * (HEAD unchanged, overlay empty) is two meta reads. */
static int store_overlay_count(struct farley_index *idx,
			       struct farley_error *err)
{
	sqlite3_stmt *st = NULL;
	char n[32] = "0";
	if (sqlite3_prepare_v2(idx->db, "SELECT count(*) FROM overlay", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		snprintf(n, sizeof(n), "%lld", sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return farley_idx_meta_set(idx, "overlay", n, err);
}

/* Sync --------------------------------------------------------------------- */

/* The record paths that differ between two trees, with HEAD's blob of
 * each (new[i], when has_new[i]). */
struct changes {
	struct farley_idx_paths paths;
	git_oid *new;
	unsigned char *has_new;
	size_t alloc;
};

static void changed_path(const char *path, const git_oid *old, const git_oid *new,
			 void *data)
{
	struct changes *c = data;
	size_t i = c->paths.n;
	(void)old;
	if (!farley_idx_record_dir(path))
		return;
	farley_idx_paths_add(&c->paths, path);
	ALLOC_GROW(c->new, i + 1, c->alloc);
	c->has_new = xrealloc(c->has_new, c->alloc);
	c->has_new[i] = new != NULL;
	if (new)
		git_oid_cpy(&c->new[i], new);
}

static void changes_clear(struct changes *c)
{
	farley_idx_paths_clear(&c->paths);
	free(c->new);
	free(c->has_new);
	memset(c, 0, sizeof(*c));
}

/* The record paths that differ between two commits' trees. */
static int diff_paths(struct farley_index *idx, git_tree *old, git_tree *new,
		      struct changes *out, struct farley_error *err)
{
	(void)err;
	/* only record folders are worth a look */
	farley_tree_changes(idx->repo->git, old, new, "", farley_idx_record_dir,
			    changed_path, out);
	return 0;
}

int farley_idx_sync(struct farley_index *idx, struct farley_error *err)
{
	struct strbuf indexed = STRBUF_INIT, nover = STRBUF_INIT;
	struct changes changed = { 0 };
	struct farley_idx_paths over = { 0 };
	struct farley_strmap in_over = { 0 };
	git_oid head, old;
	git_tree *htree = NULL, *otree = NULL;
	git_commit *oc = NULL;
	int has_head, ret = 0, in_tx = 0;
	char hex[GIT_OID_HEXSZ + 1] = "";

	if ((ret = farley_idx_head_tree(idx, &head, &has_head, &htree, err)))
		goto out;
	if (has_head)
		git_oid_tostr(hex, sizeof(hex), &head);
	/* the common case: nothing changed, one comparison */
	if (!farley_idx_meta_get(idx, "commit", &indexed) &&
	    !strcmp(indexed.buf, hex) &&
	    !farley_idx_meta_get(idx, "overlay", &nover) &&
	    !strcmp(nover.buf, "0"))
		goto out;
	if ((ret = farley_idx_exec(idx, "BEGIN IMMEDIATE", err)))
		goto out;
	in_tx = 1;
	/* someone may have synced while we waited */
	if (farley_idx_meta_get(idx, "commit", &indexed)) {
		ret = farley_error_set(err, FARLEY_EFAIL,
				       "index: no indexed commit");
		goto out;
	}
	if ((ret = farley_idx_prepare_writes(idx, err)) ||
	    (ret = farley_idx_overlay_paths(idx, &over, err)))
		goto out;
	if (strcmp(indexed.buf, hex)) {
		if (*indexed.buf) {
			if (git_oid_fromstr(&old, indexed.buf) < 0 ||
			    git_commit_lookup(&oc, idx->repo->git, &old) < 0 ||
			    git_commit_tree(&otree, oc) < 0) {
				/* history was rewritten: the caller starts again */
				farley_idx_exec(idx, "ROLLBACK", err);
				in_tx = 0;
				ret = FARLEY_IDX_REWRITTEN;
				goto out;
			}
		}
		if ((ret = diff_paths(idx, otree, htree, &changed, err)))
			goto out;
	}
	for (size_t i = 0; i < over.n; i++)
		farley_strmap_put(&in_over, over.p[i], i);
	for (size_t i = 0; i < changed.paths.n && !ret; i++) {
		const git_oid *head_blob = changed.has_new[i] ? &changed.new[i] : NULL;
		size_t ignore;
		if (!farley_strmap_get(&in_over, changed.paths.p[i], &ignore))
			ret = settle_path(idx, changed.paths.p[i], htree, 0, &head_blob,
					  err);
	}
	for (size_t i = 0; i < over.n && !ret; i++)
		ret = settle_path(idx, over.p[i], htree, 1, NULL, err);
	if (ret)
		goto out;
	if ((ret = farley_idx_meta_set(idx, "commit", hex, err)) ||
	    (ret = store_overlay_count(idx, err)))
		goto out;
	ret = farley_idx_exec(idx, "COMMIT", err);
	in_tx = 0;
out:
	if (in_tx)
		farley_idx_exec(idx, "ROLLBACK", NULL);
	farley_idx_finalize_all(idx);
	git_tree_free(htree);
	git_tree_free(otree);
	git_commit_free(oc);
	changes_clear(&changed);
	farley_idx_paths_clear(&over);
	farley_strmap_release(&in_over);
	strbuf_release(&indexed);
	strbuf_release(&nover);
	return ret;
}

/* Work tree ---------------------------------------------------------------- */

int farley_idx_note_paths_tx(struct farley_index *idx, const char *const *paths,
			     size_t n, struct farley_error *err)
{
	git_oid head;
	git_tree *htree = NULL;
	int has, ret;
	if ((ret = farley_idx_head_tree(idx, &head, &has, &htree, err)) ||
	    (ret = farley_idx_exec(idx, "BEGIN IMMEDIATE", err)))
		goto out;
	if ((ret = farley_idx_prepare_writes(idx, err)))
		goto rollback;
	for (size_t i = 0; i < n && !ret; i++) {
		if (!farley_idx_record_dir(paths[i]))
			continue;
		ret = overlay_set(idx, paths[i], "-", err);
		if (!ret)
			ret = settle_path(idx, paths[i], htree, 1, NULL, err);
	}
	if (!ret)
		ret = store_overlay_count(idx, err);
	if (!ret) {
		ret = farley_idx_exec(idx, "COMMIT", err);
		goto out;
	}
rollback:
	farley_idx_exec(idx, "ROLLBACK", NULL);
out:
	farley_idx_finalize_all(idx);
	git_tree_free(htree);
	return ret;
}

int farley_index_note_paths(struct farley_index *idx, const char *const *paths,
			    size_t n, struct farley_error *err)
{
	return farley_idx_note_paths_tx(idx, paths, n, err);
}

/* The record files that differ from HEAD or git's index, or are not in
 * git: from `git status` itself, which reads any index git can write (a
 * split one included) and uses the untracked cache and fsmonitor when the
 * user has them on. */
int farley_index_scan_worktree(struct farley_index *idx,
			       struct farley_error *err)
{
	const char *argv[16] = { "git", "--no-optional-locks", "status",
				 "--porcelain=v1", "-z", "--untracked-files=all",
				 "--ignore-submodules", "--" };
	struct strbuf out = STRBUF_INIT;
	struct farley_proc p = { 0 };
	struct farley_idx_paths paths = { 0 };
	size_t argc = 8;
	int ret, status;
	for (size_t i = 0; i < sizeof(record_dirs) / sizeof(*record_dirs); i++)
		argv[argc++] = record_dirs[i];
	p.argv = argv;
	p.dir = idx->repo->workdir;
	p.out = &out;
	p.quiet_stderr = 1;
	status = farley_proc_run(&p);
	if (status) {
		strbuf_release(&out);
		return farley_error_set(err, FARLEY_EIO,
					"index: cannot scan the work tree (git status "
					"exited with %d)", status);
	}
	/* "XY PATH\0", and after a rename or copy "XY NEW\0OLD\0" */
	for (size_t at = 0; at + 3 < out.len;) {
		const char *e = out.buf + at;
		int moved = e[0] == 'R' || e[0] == 'C';
		const char *path = e + 3;
		at += 3 + strlen(path) + 1;
		if (farley_idx_record_dir(path))
			farley_idx_paths_add(&paths, path);
		if (moved && at < out.len) {
			const char *old = out.buf + at;
			at += strlen(old) + 1;
			if (farley_idx_record_dir(old))
				farley_idx_paths_add(&paths, old);
		}
	}
	strbuf_release(&out);
	ret = farley_idx_note_paths_tx(idx, (const char *const *)paths.p,
				       paths.n, err);
	farley_idx_paths_clear(&paths);
	return ret;
}
