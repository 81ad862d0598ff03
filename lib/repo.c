/* repo.c: discovery, settings, finding records. */
#include "repo-private.h"
#include "farley/ids.h"
#include "farley/yamlrec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int git_fail(struct farley_error *err, const char *what)
{
	const git_error *e = git_error_last();
	return farley_error_set(err, FARLEY_EFAIL, "%s: %s", what,
				e && e->message ? e->message : "unknown git error");
}

int farley_git_error(struct farley_error *err, const char *what)
{
	return git_fail(err, what);
}

/* Register farley's merge driver in this clone's config when it is missing
 * (a fresh `git clone` has .gitattributes but not the driver). */
static void register_merge_driver(struct farley_repo *repo)
{
	char *driver = farley_repo_config_str(repo, "merge.farley.driver");
	if (!driver) {
		struct farley_error ignore = FARLEY_ERROR_INIT;
		if (!farley_repo_config_set(repo, "merge.farley.name",
					    "farley: field-level merge of records", &ignore))
			farley_repo_config_set(repo, "merge.farley.driver",
					       "farley merge-driver %O %A %B %L %P", &ignore);
		farley_error_clear(&ignore);
	}
	free(driver);
}

static int finish_open(struct farley_repo *repo, struct farley_error *err)
{
	const char *wd = git_repository_workdir(repo->git);
	if (!wd)
		return farley_error_set(err, FARLEY_EFAIL,
					"'%s' is a bare repository: farley needs "
					"a work tree",
					git_repository_path(repo->git));
	repo->workdir = xstrdup(wd);
	repo->gitdir = xstrdup(git_repository_path(repo->git));
	register_merge_driver(repo);
	return farley_repo_load_config(repo, err);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

static void settings_copy(struct farley_settings *dst,
			  const struct farley_settings *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->lock_timeout = 10;
	if (!src)
		return;
	dst->ceiling_dirs = dup_or_null(src->ceiling_dirs);
	dst->author_name = dup_or_null(src->author_name);
	dst->author_email = dup_or_null(src->author_email);
	dst->author_date = dup_or_null(src->author_date);
	dst->committer_name = dup_or_null(src->committer_name);
	dst->committer_email = dup_or_null(src->committer_email);
	dst->committer_date = dup_or_null(src->committer_date);
	dst->email = dup_or_null(src->email);
	if (src->lock_timeout > 0)
		dst->lock_timeout = src->lock_timeout;
	dst->checkpoint = src->checkpoint;
}

static void settings_release(struct farley_settings *s)
{
	free((char *)s->ceiling_dirs);
	free((char *)s->author_name);
	free((char *)s->author_email);
	free((char *)s->author_date);
	free((char *)s->committer_name);
	free((char *)s->committer_email);
	free((char *)s->committer_date);
	free((char *)s->email);
	memset(s, 0, sizeof(*s));
}

const struct farley_settings *farley_repo_settings(const struct farley_repo *repo)
{
	return &repo->settings;
}

void farley_checkpoint(struct farley_repo *repo, const char *name)
{
	if (repo && repo->settings.checkpoint)
		repo->settings.checkpoint(name);
}

int farley_repo_open(struct farley_repo **out, const char *start,
		     const struct farley_settings *s, struct farley_error *err)
{
	struct farley_repo *repo;
	int ret;
	git_libgit2_init();
	if (!start)
		start = ".";
	repo = xcalloc(1, sizeof(*repo));
	settings_copy(&repo->settings, s);
	if (git_repository_open_ext(&repo->git, start, 0,
				    repo->settings.ceiling_dirs) < 0) {
		settings_release(&repo->settings);
		free(repo);
		return farley_error_set(err, FARLEY_EFAIL,
					"not a farley repository (or any of the "
					"parent directories): '%s'; run 'farley "
					"init' to create one",
					start);
	}
	if ((ret = finish_open(repo, err))) {
		farley_repo_free(repo);
		return ret;
	}
	*out = repo;
	return 0;
}

void farley_repo_free(struct farley_repo *repo)
{
	if (!repo)
		return;
	farley_config_release(&repo->config);
	settings_release(&repo->settings);
	git_repository_free(repo->git);
	free(repo->workdir);
	free(repo->gitdir);
	free(repo);
}

const char *farley_repo_workdir(const struct farley_repo *repo)
{
	return repo->workdir;
}

const char *farley_repo_gitdir(const struct farley_repo *repo)
{
	return repo->gitdir;
}

const struct farley_config *farley_repo_config(const struct farley_repo *repo)
{
	return &repo->config;
}

int farley_repo_load_config(struct farley_repo *repo, struct farley_error *err)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	int ret = 0;
	farley_config_release(&repo->config);
	strbuf_addf(&path, "%sfarley.yaml", repo->workdir);
	if (strbuf_read_file(&text, path.buf, FARLEY_MAX_FILE)) {
		if (errno == ENOENT)
			farley_config_defaults(&repo->config);
		else
			ret = farley_error_errno(err, FARLEY_EFAIL,
						 "cannot read 'farley.yaml'");
	} else {
		ret = farley_config_parse(&repo->config, text.buf, text.len,
					  "farley.yaml", err);
	}
	strbuf_release(&path);
	strbuf_release(&text);
	return ret;
}

char *farley_repo_config_str(struct farley_repo *repo, const char *key)
{
	git_config *cfg = NULL;
	git_buf buf = { 0 };
	char *res = NULL;
	if (git_repository_config_snapshot(&cfg, repo->git) < 0)
		return NULL;
	if (!git_config_get_string_buf(&buf, cfg, key))
		res = xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	git_config_free(cfg);
	return res;
}

int farley_repo_config_bool(struct farley_repo *repo, const char *key, int def)
{
	git_config *cfg = NULL;
	int v = def;
	if (git_repository_config_snapshot(&cfg, repo->git) < 0)
		return def;
	if (git_config_get_bool(&v, cfg, key) < 0)
		v = def;
	git_config_free(cfg);
	return v;
}

int farley_repo_config_set(struct farley_repo *repo, const char *key,
			   const char *value, struct farley_error *err)
{
	git_config *cfg = NULL, *local = NULL;
	int ret = 0;
	if (git_repository_config(&cfg, repo->git) < 0 ||
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
	    git_config_set_string(local, key, value) < 0)
		ret = git_fail(err, "cannot write git config");
	git_config_free(local);
	git_config_free(cfg);
	return ret;
}

int farley_repo_wants_split_index(struct farley_repo *repo, unsigned long *entries)
{
	struct strbuf path = STRBUF_INIT;
	unsigned char hdr[12];
	FILE *f;
	size_t got = 0;
	*entries = 0;
	strbuf_addf(&path, "%sindex", repo->gitdir);
	if ((f = fopen(path.buf, "rb"))) {
		got = fread(hdr, 1, sizeof(hdr), f);
		fclose(f);
	}
	strbuf_release(&path);
	if (got != sizeof(hdr) || memcmp(hdr, "DIRC", 4))
		return 0;
	*entries = (unsigned long)hdr[8] << 24 | (unsigned long)hdr[9] << 16 |
		   (unsigned long)hdr[10] << 8 | hdr[11];
	return *entries > FARLEY_MANY_FILES &&
	       !farley_repo_config_bool(repo, "core.splitIndex", 0);
}

int farley_repo_enable_many_files(struct farley_repo *repo, struct farley_error *err)
{
	if (farley_repo_config_set(repo, "core.splitIndex", "true", err) ||
	    farley_repo_config_set(repo, "core.untrackedCache", "true", err))
		return -1;
	return 0;
}

char *farley_repo_author_email(struct farley_repo *repo)
{
	const char *e = repo->settings.author_email;
	return e && *e ? xstrdup(e) : farley_repo_config_str(repo, "user.email");
}

char *farley_repo_default_owner(struct farley_repo *repo)
{
	char *owner = farley_repo_config_str(repo, "farley.owner");
	char *email, *at;
	if (owner && *owner)
		return owner;
	free(owner);
	email = farley_repo_author_email(repo);
	if (!email)
		return NULL;
	if ((at = strchr(email, '@')))
		*at = '\0';
	if (!*email) {
		free(email);
		return NULL;
	}
	return email;
}

/* Walking the work tree ---------------------------------------------- */

static int walk(struct farley_repo *repo, enum farley_kind kind,
		struct strbuf *rel, farley_each_fn fn, void *data,
		struct farley_error *err)
{
	struct strbuf full = STRBUF_INIT, id = STRBUF_INIT;
	DIR *d;
	struct dirent *de;
	int ret = 0;
	strbuf_addf(&full, "%s%s", repo->workdir, rel->buf);
	d = opendir(full.buf);
	strbuf_release(&full);
	if (!d)
		return errno == ENOENT || errno == ENOTDIR
			       ? 0
			       : farley_error_errno(err, FARLEY_EIO, "cannot read '%s'",
						    rel->buf);
	while (!ret && (de = readdir(d))) {
		size_t keep = rel->len, nlen = strlen(de->d_name);
		if (de->d_name[0] == '.')
			continue;
		strbuf_addf(rel, "/%s", de->d_name);
		if (de->d_type == DT_DIR) {
			ret = walk(repo, kind, rel, fn, data, err);
		} else if ((de->d_type == DT_REG || de->d_type == DT_UNKNOWN ||
			    de->d_type == DT_LNK) &&
			   nlen > 5 && !strcmp(de->d_name + nlen - 5, ".yaml")) {
			struct stat st;
			if (de->d_type == DT_UNKNOWN) {
				strbuf_addf(&full, "%s%s", repo->workdir, rel->buf);
				if (lstat(full.buf, &st) ||
				    !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) {
					if (!lstat(full.buf, &st) && S_ISDIR(st.st_mode))
						ret = walk(repo, kind, rel, fn, data, err);
					strbuf_release(&full);
					strbuf_setlen(rel, keep);
					continue;
				}
				strbuf_release(&full);
			}
			strbuf_reset(&id);
			strbuf_add(&id, de->d_name, nlen - 5);
			ret = fn(kind, id.buf, rel->buf, data);
		}
		strbuf_setlen(rel, keep);
	}
	closedir(d);
	strbuf_release(&id);
	return ret;
}

int farley_repo_foreach(struct farley_repo *repo, enum farley_kind kind,
			farley_each_fn fn, void *data, struct farley_error *err)
{
	struct strbuf rel = STRBUF_INIT;
	int ret = 0;
	for (int k = 0; k < FARLEY_NKINDS && !ret; k++) {
		if (kind != FARLEY_NOKIND && k != (int)kind)
			continue;
		strbuf_reset(&rel);
		strbuf_addstr(&rel, farley_kind_dir((enum farley_kind)k));
		ret = walk(repo, (enum farley_kind)k, &rel, fn, data, err);
	}
	strbuf_release(&rel);
	return ret;
}

int farley_repo_load(struct farley_repo *repo, enum farley_kind kind,
		     const char *id, const char *relpath,
		     struct farley_record *out, struct farley_error *err)
{
	struct strbuf full = STRBUF_INIT;
	struct stat st;
	int ret;
	farley_record_release(out);
	out->kind = kind;
	out->id = xstrdup(id);
	out->path = xstrdup(relpath);
	strbuf_addf(&full, "%s%s", repo->workdir, relpath);
	if (lstat(full.buf, &st) == 0 && S_ISLNK(st.st_mode))
		ret = farley_error_at(err, FARLEY_EINVAL, relpath, 0, 0,
				      "record files may not be symbolic links%s", "");
	else
		ret = farley_yaml_load(out, full.buf, err);
	strbuf_release(&full);
	return ret;
}

int farley_repo_init(struct farley_repo **out, const char *dir,
		     const struct farley_settings *s, int *created,
		     struct farley_error *err)
{
	struct farley_repo *repo;
	int ret;
	*created = 0;
	git_libgit2_init();
	if (mkdir(dir, 0777) && errno != EEXIST)
		return farley_error_errno(err, FARLEY_EIO, "cannot create '%s'", dir);
	repo = xcalloc(1, sizeof(*repo));
	settings_copy(&repo->settings, s);
	if (git_repository_open_ext(&repo->git, dir,
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		if (git_repository_init(&repo->git, dir, 0) < 0) {
			ret = git_fail(err, "cannot create a git repository");
			settings_release(&repo->settings);
			free(repo);
			return ret;
		}
		*created = 1;
	}
	if ((ret = finish_open(repo, err))) {
		farley_repo_free(repo);
		return ret;
	}
	*out = repo;
	return 0;
}

int farley_identity_known(struct farley_repo *repo,
			  const struct farley_settings *s)
{
	const char *n = s ? s->author_name : NULL, *e = s ? s->author_email : NULL;
	char *cn = NULL, *ce = NULL;
	git_config *cfg = NULL;
	git_buf buf = { 0 };
	int ok;
	git_libgit2_init();
	if (repo) {
		cn = farley_repo_config_str(repo, "user.name");
		ce = farley_repo_config_str(repo, "user.email");
	} else if (git_config_open_default(&cfg) == 0) {
		if (!git_config_get_string_buf(&buf, cfg, "user.name"))
			cn = xstrdup(buf.ptr);
		git_buf_dispose(&buf);
		if (!git_config_get_string_buf(&buf, cfg, "user.email"))
			ce = xstrdup(buf.ptr);
		git_buf_dispose(&buf);
		git_config_free(cfg);
	}
	if ((!e || !*e) && s)
		e = s->email;
	ok = ((n && *n) || (cn && *cn)) && ((e && *e) || (ce && *ce));
	free(cn);
	free(ce);
	return ok;
}

void farley_tree_changes(git_repository *g, git_tree *a, git_tree *b,
			 const char *prefix, int (*descend)(const char *dir),
			 farley_blob_change_fn fn, void *data)
{
	size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0;
	size_t i = 0, j = 0;
	while (i < na || j < nb) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int c = !ea ? 1 : !eb ? -1 : strcmp(git_tree_entry_name(ea),
						    git_tree_entry_name(eb));
		const git_tree_entry *e = c <= 0 ? ea : eb;
		int tree_a = c <= 0 && git_tree_entry_type(ea) == GIT_OBJECT_TREE;
		int tree_b = c >= 0 && git_tree_entry_type(eb) == GIT_OBJECT_TREE;
		struct strbuf path = STRBUF_INIT;
		strbuf_addf(&path, "%s%s", prefix, git_tree_entry_name(e));
		if (c == 0 && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
		    git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb)) {
			/* the same below here */
		} else {
			const git_oid *blob_a = c <= 0 && git_tree_entry_type(ea) == GIT_OBJECT_BLOB
						       ? git_tree_entry_id(ea) : NULL;
			const git_oid *blob_b = c >= 0 && git_tree_entry_type(eb) == GIT_OBJECT_BLOB
						       ? git_tree_entry_id(eb) : NULL;
			if (blob_a || blob_b)
				fn(path.buf, blob_a, blob_b, data);
			if (tree_a || tree_b) {
				git_tree *ta = NULL, *tb = NULL;
				strbuf_addch(&path, '/');
				if (!descend || descend(path.buf)) {
					if (tree_a)
						git_tree_lookup(&ta, g, git_tree_entry_id(ea));
					if (tree_b)
						git_tree_lookup(&tb, g, git_tree_entry_id(eb));
					farley_tree_changes(g, ta, tb, path.buf, descend, fn, data);
					git_tree_free(ta);
					git_tree_free(tb);
				}
			}
		}
		strbuf_release(&path);
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
}
