/* paths.c: where each record lives in the work tree, and which record a
 * path stands for.  Pure functions of names: no file is touched. */
#include "farley/record.h"

#include <stdlib.h>
#include <string.h>

void farley_id_shard(struct strbuf *out, const char *id)
{
	int n = 0;
	for (const char *p = id; *p && n < 2; p++)
		if (*p != '-') {
			strbuf_addch(out, *p);
			n++;
		}
}

char *farley_record_path(enum farley_kind kind, const char *id,
			 const char *date)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/", farley_kind_dir(kind));
	if (kind == FARLEY_INTERACTION) {
		if (date && strlen(date) >= 7)
			strbuf_addf(&sb, "%.4s/%.2s/", date, date + 5);
		else if (strlen(id) >= 6 && id[0] >= '0' && id[0] <= '9')
			strbuf_addf(&sb, "%.4s/%.2s/", id, id + 4);
	} else {
		farley_id_shard(&sb, id);
		strbuf_addch(&sb, '/');
	}
	strbuf_addf(&sb, "%s.yaml", id);
	return strbuf_detach(&sb, NULL);
}

int farley_path_record(const char *relpath, enum farley_kind *kind,
		       struct strbuf *id)
{
	const char *slash = strchr(relpath, '/'), *base, *dot;
	struct strbuf dir = STRBUF_INIT;
	enum farley_kind k;
	if (!slash)
		return -1;
	strbuf_add(&dir, relpath, (size_t)(slash - relpath));
	k = farley_kind_parse(dir.buf);
	/* only the plural folder names hold records */
	if (k == FARLEY_NOKIND || strcmp(dir.buf, farley_kind_dir(k))) {
		strbuf_release(&dir);
		return -1;
	}
	strbuf_release(&dir);
	base = strrchr(relpath, '/') + 1;
	dot = strrchr(base, '.');
	if (!dot || strcmp(dot, ".yaml") || dot == base || base[0] == '.')
		return -1;
	*kind = k;
	strbuf_reset(id);
	strbuf_add(id, base, (size_t)(dot - base));
	return 0;
}

void farley_matches_free(struct farley_match *m, size_t n)
{
	for (size_t i = 0; m && i < n; i++) {
		free(m[i].id);
		free(m[i].path);
	}
	free(m);
}
