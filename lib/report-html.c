/* report-html.c: the one self-contained HTML page of `farley report html`
 * -- the pipeline, forecast, win rate and activity as inline SVG bar
 * charts, drawn from the trees those reports return.  No script, nothing
 * loaded from elsewhere, and every text that comes from the data escaped. */
#include "report-private.h"

#include <stdlib.h>

static void esc(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&#39;"); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n')
				strbuf_addch(sb, *s);
		}
	}
}

struct bar_item {
	const char *label;
	double value;
	double value2; /* a second, lighter bar (0: none) */
	char text[64];
};

/* A horizontal bar chart as inline SVG; fixed_max > 0 fixes the scale
 * (100 for percentages). */
static void svg_bars(struct strbuf *sb, const char *id, const char *title,
		     struct bar_item *items, size_t n, double fixed_max)
{
	double max = fixed_max;
	int h = 26, w = 480, lw = 150, y;
	for (size_t i = 0; i < n && fixed_max <= 0; i++) {
		if (items[i].value > max)
			max = items[i].value;
		if (items[i].value2 > max)
			max = items[i].value2;
	}
	strbuf_addf(sb, "<section><h2>");
	esc(sb, title);
	strbuf_addf(sb, "</h2>\n<svg id=\"%s\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
		    "width=\"%d\" height=\"%d\" role=\"img\">\n", id, lw + w + 260,
		    (int)(n ? n : 1) * h + 10);
	for (size_t i = 0; i < n; i++) {
		int bw = max > 0 ? (int)(items[i].value / max * w) : 0;
		int bw2 = max > 0 ? (int)(items[i].value2 / max * w) : 0;
		y = (int)i * h + 5;
		strbuf_addf(sb, "<text x=\"0\" y=\"%d\" class=\"label\">", y + 16);
		esc(sb, items[i].label);
		strbuf_addstr(sb, "</text>\n");
		if (bw2)
			strbuf_addf(sb, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" "
				    "class=\"bar2\"/>\n", lw, y + 2, bw2);
		strbuf_addf(sb, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" "
			    "class=\"bar\"><title>", lw, y + 2, bw > 0 ? bw : 0);
		esc(sb, items[i].text);
		strbuf_addf(sb, "</title></rect>\n<text x=\"%d\" y=\"%d\" class=\"value\">",
			    lw + (bw > bw2 ? bw : bw2) + 6, y + 16);
		esc(sb, items[i].text);
		strbuf_addstr(sb, "</text>\n");
	}
	if (!n)
		strbuf_addstr(sb, "<text x=\"0\" y=\"20\">nothing yet</text>\n");
	strbuf_addstr(sb, "</svg></section>\n");
}

static void money_text(char *buf, size_t n, const char *cur, int64_t cents)
{
	struct strbuf sb = STRBUF_INIT;
	farley_money_format_human(&sb, cents);
	snprintf(buf, n, "%s %s", cur, sb.buf);
	strbuf_release(&sb);
}

static const struct farley_node *first_doc(const struct farley_node *doc)
{
	return doc->type == FARLEY_N_LIST ? (doc->n ? doc->kids[0] : NULL) : doc;
}

static int64_t node_cents(const struct farley_node *map, const char *key)
{
	const struct farley_node *n = farley_node_get(map, key);
	int64_t c = 0;
	if (n && n->text)
		farley_money_parse(n->text, &c);
	return c;
}

/* Sections --------------------------------------------------------------- */

#define MAX_BARS 64

/* The pipeline funnel: weighted in dark, total in light. */
static void pipeline_chart(struct strbuf *sb, const struct farley_node *pipe)
{
	const struct farley_node *d = first_doc(pipe);
	struct bar_item items[MAX_BARS];
	size_t n = 0;
	if (d) {
		const struct farley_node *st = farley_node_get(d, "stages");
		const char *cur = farley_node_get(d, "currency")->text;
		for (size_t i = 0; i < st->n && n < MAX_BARS; i++, n++) {
			items[n].label = farley_node_get(st->kids[i], "stage")->text;
			items[n].value = (double)node_cents(st->kids[i], "weighted");
			items[n].value2 = (double)node_cents(st->kids[i], "value");
			money_text(items[n].text, sizeof(items[n].text), cur,
				   node_cents(st->kids[i], "weighted"));
		}
	}
	svg_bars(sb, "pipeline", "Pipeline: weighted (dark) of total value (light), per stage",
		 items, n, 0);
}

static void forecast_chart(struct strbuf *sb, const struct farley_node *fc)
{
	const struct farley_node *d = first_doc(fc);
	struct bar_item items[MAX_BARS];
	size_t n = 0;
	if (d) {
		const struct farley_node *ps = farley_node_get(d, "periods");
		const char *cur = farley_node_get(d, "currency")->text;
		for (size_t i = 0; i < ps->n && n < MAX_BARS; i++, n++) {
			items[n].label = farley_node_get(ps->kids[i], "period")->text;
			items[n].value = (double)node_cents(ps->kids[i], "weighted");
			items[n].value2 = (double)node_cents(ps->kids[i], "won");
			money_text(items[n].text, sizeof(items[n].text), cur,
				   node_cents(ps->kids[i], "weighted"));
		}
	}
	svg_bars(sb, "forecast", "Forecast: weighted open deals (dark) and won (light), per month",
		 items, n, 0);
}

static void winrate_chart(struct strbuf *sb, const struct farley_node *wr)
{
	struct bar_item items[MAX_BARS];
	size_t n = 0;
	for (size_t i = 0; i < wr->n && n < MAX_BARS; i++) {
		const struct farley_node *r = wr->kids[i];
		if (strcmp(farley_node_get(r, "by")->text, "period"))
			continue;
		items[n].label = farley_node_get(r, "group")->text;
		items[n].value = atof(farley_node_get(r, "rate")->text) * 100;
		items[n].value2 = 0;
		snprintf(items[n].text, sizeof(items[n].text), "%.0f%% won (%s won, %s lost)",
			 items[n].value, farley_node_get(r, "won")->text,
			 farley_node_get(r, "lost")->text);
		n++;
	}
	svg_bars(sb, "winrate", "Win rate per quarter (by count)", items, n, 100);
}

/* Interactions per week, whatever the owner and channel. */
static void activity_chart(struct strbuf *sb, const struct farley_node *act)
{
	struct bar_item items[MAX_BARS];
	size_t n = 0;
	for (size_t i = 0; i < act->n; i++) {
		const char *week = farley_node_get(act->kids[i], "week")->text;
		double c = atof(farley_node_get(act->kids[i], "count")->text);
		if (n && !strcmp(items[n - 1].label, week)) {
			items[n - 1].value += c;
		} else if (n < MAX_BARS) {
			items[n].label = week;
			items[n].value = c;
			items[n].value2 = 0;
			n++;
		}
	}
	for (size_t i = 0; i < n; i++)
		snprintf(items[i].text, sizeof(items[i].text), "%.0f interactions",
			 items[i].value);
	svg_bars(sb, "activity", "Activity: interactions per week", items, n, 0);
}

/* The page ------------------------------------------------------------------ */

int farley_report_html(struct farley_snapshot *s, const struct farley_report_opts *o,
		       struct strbuf *out, struct farley_error *err)
{
	struct farley_node *pipe = NULL, *fc = NULL, *wr = NULL, *act = NULL;
	struct farley_report_opts ao = *o;
	struct strbuf today = STRBUF_INIT;
	int ret;

	if (!ao.from) /* activity: the last twelve weeks */
		ao.from = farley_snapshot_today(s) - 12 * 7;
	if ((ret = farley_report_pipeline(s, o, &pipe, err)) ||
	    (ret = farley_report_forecast(s, o, &fc, err)) ||
	    (ret = farley_report_winrate(s, o, &wr, err)) ||
	    (ret = farley_report_activity(s, &ao, &act, err)))
		goto out;
	farley_date_format(&today, farley_snapshot_today(s));
	strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
			   "<title>farley report</title>\n<style>\n"
			   "body{font-family:sans-serif;margin:2em;color:#222}\n"
			   "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em}\n"
			   ".bar{fill:#2f6fb0}.bar2{fill:#b7d0ea}"
			   ".label,.value{font-size:13px;fill:#333}\n"
			   "</style></head><body>\n<h1>farley report</h1>\n<p>As of ");
	esc(out, today.buf);
	if (farley_snapshot_commit(s)) {
		strbuf_addstr(out, " (commit ");
		esc(out, farley_snapshot_commit(s));
		strbuf_addstr(out, ")");
	}
	strbuf_addstr(out, ".</p>\n");
	pipeline_chart(out, pipe);
	forecast_chart(out, fc);
	winrate_chart(out, wr);
	activity_chart(out, act);
	strbuf_addstr(out, "<p>Made by farley from the records in git.</p>\n</body></html>\n");
out:
	strbuf_release(&today);
	farley_node_free(pipe);
	farley_node_free(fc);
	farley_node_free(wr);
	farley_node_free(act);
	return ret;
}
