/* report-status.c: farley status -- the morning overview: tasks overdue or
 * due today, contacts to get back to, deals closing this month, stalled
 * deals, support cases near or past their SLA (each the existing report's
 * rows, owner-filtered), and what
 * teammates committed since the last farley sync. */
#include "repo-private.h"
#include "report-private.h"

#include <stdlib.h>

/* A section: {"title", "count", "command", "items": [the first limit]}. */
static struct farley_node *section(struct farley_node *doc, const char *key,
				   const char *title, const char *command)
{
	struct farley_node *m = farley_node_add(doc, key, farley_node_new(FARLEY_N_MAP, NULL));
	farley_node_add_str(m, "title", title);
	int_node(m, "count", 0);
	farley_node_add_str(m, "command", command);
	farley_node_add(m, "items", farley_node_new(FARLEY_N_LIST, NULL));
	return m;
}

/* Count item in sec, keeping it (or freeing it) by the limit. */
static void section_add(struct farley_node *sec, struct farley_node *item, int limit)
{
	struct farley_node *count = farley_node_get(sec, "count");
	struct farley_node *items = farley_node_get(sec, "items");
	char buf[32];
	long long n = atoll(count->text) + 1;
	snprintf(buf, sizeof(buf), "%lld", n);
	free(count->text);
	count->text = xstrdup(buf);
	if (limit <= 0 || items->n < (size_t)limit)
		farley_node_add(items, NULL, item);
	else
		farley_node_free(item);
}

/* Take the children of list (a report's rows) out, one at a time. */
static struct farley_node *take_kid(struct farley_node *list, size_t i)
{
	struct farley_node *k = list->kids[i];
	list->kids[i] = farley_node_new(FARLEY_N_NULL, NULL);
	return k;
}

static void owner_arg(struct strbuf *sb, const char *fmt, const char *owner)
{
	if (owner)
		strbuf_addf(sb, fmt, owner);
}

static int follow_ups(struct farley_snapshot *s, const struct farley_status_opts *so,
		      struct farley_node *doc, struct farley_error *err)
{
	struct farley_report_opts o = { 0 };
	struct farley_node *rows = NULL, *tasks, *contacts;
	struct strbuf cmd = STRBUF_INIT;
	int ret;
	strbuf_addstr(&cmd, "farley due --days 0");
	owner_arg(&cmd, " --owner %s", so->owner);
	tasks = section(doc, "tasks", "Tasks overdue or due today", cmd.buf);
	contacts = section(doc, "contacts", "Contacts to get back to", cmd.buf);
	strbuf_release(&cmd);
	o.owner = so->owner;
	o.days = 0;
	if ((ret = farley_report_due(s, &o, &rows, err)))
		return ret;
	for (size_t i = 0; i < rows->n; i++) {
		const struct farley_node *kind = farley_node_get(rows->kids[i], "kind");
		int task = kind && kind->text && !strcmp(kind->text, "task");
		section_add(task ? tasks : contacts, take_kid(rows, i), so->limit);
	}
	farley_node_free(rows);
	return 0;
}

static int closing(struct farley_snapshot *s, const struct farley_status_opts *so,
		   struct farley_node *doc, struct farley_error *err)
{
	struct farley_report_opts o = { 0 };
	struct strbuf cmd = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	struct farley_node *sec;
	struct deal *d = NULL;
	size_t n = 0;
	int32_t first = farley_period_start(s->today, 0);
	int32_t last = farley_period_next(first, 0) - 1;
	int ret;
	farley_date_format(&a, first);
	farley_date_format(&b, last);
	strbuf_addstr(&cmd, "farley ls deals");
	owner_arg(&cmd, " owner=%s", so->owner);
	strbuf_addf(&cmd, " --where 'close>=%s and close<=%s' --sort close", a.buf, b.buf);
	sec = section(doc, "closing", "Deals closing this month", cmd.buf);
	strbuf_release(&cmd);
	strbuf_release(&a);
	strbuf_release(&b);
	o.owner = so->owner;
	if ((ret = farley_snapshot_deals(s, &o, &d, &n, err)))
		return ret;
	/* by close date, then id */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && (d[j].close < d[j - 1].close ||
					     (d[j].close == d[j - 1].close &&
					      strcmp(d[j].r->id, d[j - 1].r->id) < 0)); j--) {
			struct deal t = d[j];
			d[j] = d[j - 1];
			d[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		struct farley_node *m;
		if (d[i].stage->closed != FARLEY_OPEN || !d[i].has_close ||
		    d[i].close < first || d[i].close > last)
			continue;
		m = farley_node_new(FARLEY_N_MAP, NULL);
		farley_node_add_str(m, "id", d[i].r->id);
		farley_node_add_str(m, "title", farley_record_title(d[i].r));
		farley_node_add_str(m, "stage", d[i].stage->name);
		money_node(m, "value", d[i].value, d[i].currency);
		date_node(m, "close", d[i].close);
		farley_node_add_str(m, "owner", str(d[i].r, "owner"));
		section_add(sec, m, so->limit);
	}
	free(d);
	return 0;
}

static int stalled(struct farley_snapshot *s, const struct farley_status_opts *so,
		   struct farley_node *doc, struct farley_error *err)
{
	struct farley_report_opts o = { 0 };
	struct strbuf cmd = STRBUF_INIT;
	struct farley_node *rows = NULL, *sec;
	int ret;
	strbuf_addstr(&cmd, "farley report stalled");
	owner_arg(&cmd, " --owner %s", so->owner);
	sec = section(doc, "stalled", "Stalled deals", cmd.buf);
	strbuf_release(&cmd);
	o.owner = so->owner;
	if ((ret = farley_report_stalled(s, &o, &rows, err)))
		return ret;
	for (size_t i = 0; i < rows->n; i++)
		section_add(sec, take_kid(rows, i), so->limit);
	farley_node_free(rows);
	return 0;
}

/* The commits on HEAD since so->since (a ref or commit; when it does not
 * resolve, the last seven days) by anyone but so->email. */
/* Open cases past an SLA target or with less than a quarter of it left. */
static int service(struct farley_snapshot *s, const struct farley_status_opts *so,
		   struct farley_node *doc, struct farley_error *err)
{
	struct strbuf cmd = STRBUF_INIT;
	struct farley_node *rows = NULL, *sec;
	int ret;
	strbuf_addstr(&cmd, "farley cases");
	if (so->owner)
		owner_arg(&cmd, " --owner %s", so->owner);
	else
		strbuf_addstr(&cmd, " --all");
	sec = section(doc, "service", "Cases near or past their SLA", cmd.buf);
	strbuf_release(&cmd);
	if ((ret = farley_service_attention(s, so->owner, &rows, err)))
		return ret;
	for (size_t i = 0; i < rows->n; i++)
		section_add(sec, take_kid(rows, i), so->limit);
	farley_node_free(rows);
	return 0;
}

static int changes(struct farley_snapshot *s, const struct farley_status_opts *so,
		   struct farley_node *doc, struct farley_error *err)
{
	git_repository *g = s->repo->git;
	git_revwalk *walk = NULL;
	git_object *since = NULL;
	git_oid oid;
	struct strbuf cmd = STRBUF_INIT, title = STRBUF_INIT;
	struct farley_node *sec;
	int64_t cutoff = 0;
	int ret = 0;
	if (so->since && git_revparse_single(&since, g, so->since) == 0) {
		strbuf_addf(&cmd, "git log %s..HEAD", so->since);
		strbuf_addstr(&title, "Changes by others since your last sync");
	} else {
		cutoff = ((int64_t)s->today - 7) * 86400;
		strbuf_addstr(&cmd, "git log --since=7.days");
		strbuf_addstr(&title, "Changes by others in the last 7 days");
	}
	sec = section(doc, "changes", title.buf, cmd.buf);
	farley_node_add_str(sec, "since", since ? git_oid_tostr_s(git_object_id(since)) : NULL);
	strbuf_release(&cmd);
	strbuf_release(&title);
	if (git_revwalk_new(&walk, g) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) < 0) {
		ret = farley_git_error(err, "cannot walk the history");
		goto out;
	}
	if (git_revwalk_push_head(walk) < 0)
		goto out; /* no commits yet */
	if (since && git_revwalk_hide(walk, git_object_id(since)) < 0) {
		ret = farley_git_error(err, "cannot walk the history");
		goto out;
	}
	while (git_revwalk_next(&oid, walk) == 0) {
		git_commit *c = NULL;
		const git_signature *a;
		struct farley_node *m;
		struct strbuf when = STRBUF_INIT;
		const char *summary;
		if (git_commit_lookup(&c, g, &oid) < 0) {
			ret = farley_git_error(err, "cannot read a commit");
			goto out;
		}
		a = git_commit_author(c);
		if (cutoff && a->when.time < cutoff) {
			git_commit_free(c);
			break; /* sorted newest first, near enough */
		}
		if (git_commit_parentcount(c) > 1 ||
		    (so->email && a->email && !strcasecmp(a->email, so->email))) {
			git_commit_free(c);
			continue;
		}
		summary = git_commit_summary(c);
		m = farley_node_new(FARLEY_N_MAP, NULL);
		farley_node_add_str(m, "commit", git_oid_tostr_s(&oid));
		farley_date_format(&when, (int32_t)((a->when.time + a->when.offset * 60) /
						     86400));
		farley_node_add(m, "date", farley_node_new(FARLEY_N_DATE, when.buf));
		farley_node_add_str(m, "author", a->name);
		farley_node_add_str(m, "subject", summary ? summary : "");
		strbuf_release(&when);
		git_commit_free(c);
		section_add(sec, m, so->limit);
	}
out:
	git_object_free(since);
	git_revwalk_free(walk);
	return ret;
}

int farley_report_status(struct farley_snapshot *s, const struct farley_status_opts *so,
			 struct farley_node **out, struct farley_error *err)
{
	struct farley_node *doc = farley_node_new(FARLEY_N_MAP, NULL);
	int ret;
	if (so->owner)
		farley_node_add_str(doc, "owner", so->owner);
	else
		farley_node_add(doc, "owner", farley_node_new(FARLEY_N_NULL, NULL));
	date_node(doc, "today", s->today);
	if ((ret = follow_ups(s, so, doc, err)) || (ret = closing(s, so, doc, err)) ||
	    (ret = stalled(s, so, doc, err)) || (ret = service(s, so, doc, err)) ||
	    (ret = changes(s, so, doc, err))) {
		farley_node_free(doc);
		return ret;
	}
	*out = doc;
	return 0;
}
