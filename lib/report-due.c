/* report-due.c: follow-ups -- open tasks overdue or due soon, and contacts
 * whose stay-in-touch interval (every) has passed since their last
 * interaction. */
#include "report-private.h"

#include <stdlib.h>

struct due_row {
	int32_t due;
	struct farley_node *node;
};

static int cmp_due(const void *a, const void *b)
{
	const struct due_row *x = a, *y = b;
	const char *ix = farley_node_get(x->node, "id")->text;
	const char *iy = farley_node_get(y->node, "id")->text;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return strcmp(ix, iy);
}

static void add_due(struct due_row **rows, size_t *n, size_t *alloc, int32_t due,
		    int32_t today, const char *kind, const struct farley_record *r,
		    const char *note)
{
	struct farley_node *m = farley_node_new(FARLEY_N_MAP, NULL);
	char buf[96];
	int32_t late = today - due;
	date_node(m, "due", due);
	farley_node_add_str(m, "kind", kind);
	farley_node_add_str(m, "id", r->id);
	farley_node_add_str(m, "name", farley_record_title(r));
	int_node(m, "days", (long long)(due - today));
	if (note)
		snprintf(buf, sizeof(buf), "%s", note);
	else if (late > 0)
		snprintf(buf, sizeof(buf), "%d day%s overdue", late, late == 1 ? "" : "s");
	else if (late == 0)
		snprintf(buf, sizeof(buf), "due today");
	else if (late == -1)
		snprintf(buf, sizeof(buf), "due tomorrow");
	else
		snprintf(buf, sizeof(buf), "due in %d days", -late);
	farley_node_add_str(m, "note", buf);
	farley_node_add_str(m, "owner", str(r, "owner"));
	ALLOC_GROW(*rows, *n + 1, *alloc);
	(*rows)[*n].due = due;
	(*rows)[(*n)++].node = m;
}

int farley_report_due(struct farley_snapshot *s, const struct farley_report_opts *o,
		      struct farley_node **out, struct farley_error *err)
{
	struct due_row *rows = NULL;
	size_t n = 0, alloc = 0;
	int32_t today = s->today, horizon = today + o->days;
	int ret;
	if ((ret = farley_snapshot_load(s, FARLEY_TASK, err)) ||
	    (ret = farley_snapshot_load(s, FARLEY_CONTACT, err)) ||
	    (ret = farley_snapshot_load(s, FARLEY_INTERACTION, err)))
		return ret;
	for (size_t i = 0; i < s->nrecs[FARLEY_TASK]; i++) {
		const struct farley_record *r = &s->recs[FARLEY_TASK][i];
		const char *st = str(r, "status"), *due = str(r, "due");
		int32_t day;
		if ((st && !strcmp(st, "done")) || !due || farley_date_parse(due, &day) ||
		    day > horizon || !owner_ok(r, o))
			continue;
		add_due(&rows, &n, &alloc, day, today, "task", r, NULL);
	}
	/* contacts: their last interaction, then their interval */
	for (size_t i = 0; i < s->nrecs[FARLEY_CONTACT]; i++) {
		const struct farley_record *r = &s->recs[FARLEY_CONTACT][i];
		const char *every = str(r, "every"), *created = str(r, "created");
		struct farley_interval iv;
		int32_t last, next, c;
		char note[96];
		if (!every || farley_interval_parse(every, &iv) || !owner_ok(r, o))
			continue;
		last = farley_snapshot_last_interaction(s, "contacts", r->id);
		if (last == INT32_MIN) {
			if (created && !farley_date_parse(created, &c))
				last = c;
			else
				last = today - 100000;
		}
		next = farley_interval_add(last, &iv, 1);
		if (next > today)
			continue; /* in touch */
		if (last > today - 50000)
			snprintf(note, sizeof(note), "last contact %d days ago (every %s)",
				 today - last, every);
		else
			snprintf(note, sizeof(note), "never contacted (every %s)", every);
		add_due(&rows, &n, &alloc, next, today, "contact", r, note);
	}
	if (n)
		qsort(rows, n, sizeof(*rows), cmp_due);
	*out = farley_node_new(FARLEY_N_LIST, NULL);
	for (size_t i = 0; i < n; i++)
		farley_node_add(*out, NULL, rows[i].node);
	free(rows);
	return 0;
}
