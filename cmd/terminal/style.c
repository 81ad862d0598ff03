/* terminal/style.c: what a row means, for colour on a terminal -- overdue red,
 * won green, lost or done dim, stalled yellow (a deal quiet for the
 * stale_days of farley.yaml, as 'farley report stalled' finds them). */
#include "chart.h"
#include "farley/date.h"

#include <stdlib.h>
#include <string.h>

/* The ids of the stalled deals, "\n"-separated with one at each end. */
static void stalled_ids(struct farley_ctx *ctx, struct strbuf *ids)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	struct farley_report_opts o = { 0 };
	struct farley_snapshot *s = NULL;
	struct farley_node *doc = NULL;
	strbuf_addch(ids, '\n');
	if (farley_snapshot_open(&s, ctx->repo, ctx->index, NULL, &err) ||
	    farley_report_named(s, "stalled", &o, &doc, &err)) {
		farley_error_clear(&err); /* colour only: no colour then */
	} else {
		for (size_t i = 0; i < doc->n; i++) {
			const struct farley_node *id = farley_node_get(doc->kids[i], "id");
			if (id && id->text)
				strbuf_addf(ids, "%s\n", id->text);
		}
	}
	farley_node_free(doc);
	farley_snapshot_free(s);
}

static const char *text_of(const struct farley_node *row, const char *key)
{
	const struct farley_node *n = farley_node_get(row, key);
	return n && n->text ? n->text : NULL;
}

static int before_today(const char *date)
{
	int32_t d;
	return date && strlen(date) >= 10 && !farley_date_parse(date, &d) &&
	       d < farley_today();
}

void style_records(struct farley_ctx *ctx, struct farley_node *list)
{
	const struct farley_config *cfg = farley_repo_config(ctx->repo);
	struct strbuf stalled = STRBUF_INIT;
	int looked = 0;
	if (!ctx->color || ctx->format != FARLEY_FMT_TABLE)
		return;
	for (size_t i = 0; i < list->n; i++) {
		struct farley_node *row = list->kids[i];
		const char *kind = text_of(row, "kind"), *id = text_of(row, "id");
		if (!kind || !id)
			continue;
		if (!strcmp(kind, "deal")) {
			const char *stage = text_of(row, "stage");
			const struct farley_stage *st = stage ? farley_config_stage(cfg, stage)
							      : NULL;
			struct strbuf key = STRBUF_INIT;
			if (st && st->closed == FARLEY_WON) {
				row->style = FARLEY_STYLE_GOOD;
				continue;
			}
			if (st && st->closed == FARLEY_LOST) {
				row->style = FARLEY_STYLE_FADED;
				continue;
			}
			if (before_today(text_of(row, "close"))) {
				row->style = FARLEY_STYLE_ALERT;
				continue;
			}
			if (!looked++)
				stalled_ids(ctx, &stalled);
			strbuf_addf(&key, "\n%s\n", id);
			if (strstr(stalled.buf, key.buf))
				row->style = FARLEY_STYLE_WARN;
			strbuf_release(&key);
		} else if (!strcmp(kind, "task")) {
			const char *status = text_of(row, "status");
			if (status && !strcmp(status, "done"))
				row->style = FARLEY_STYLE_FADED;
			else if (before_today(text_of(row, "due")))
				row->style = FARLEY_STYLE_ALERT;
		}
	}
	strbuf_release(&stalled);
}
