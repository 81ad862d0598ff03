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
			/* no control character of the data: C0 but newlines,
			 * DEL, C1 (U+0080 to U+009F) */
			if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] >= 0x80 &&
			    (unsigned char)s[1] < 0xa0)
				s++;
			else if (((unsigned char)*s >= 0x20 && *s != 0x7f) || *s == '\n')
				strbuf_addch(sb, *s);
		}
	}
}

struct bar_item {
	const char *label;
	char own[24];  /* a label made here (label points to it) */
	double value;
	double value2; /* a second, lighter bar (0: none) */
	char text[160];
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

/* Money in a bar's text: the weighted value, what was won next to it when
 * anything was (and alone when nothing is open), never a bare 0.00 for a
 * bar that shows something. */
static void weighted_won_text(char *buf, size_t n, const char *cur, int64_t weighted,
			      int64_t won)
{
	char a[64], b[64];
	money_text(a, sizeof(a), cur, weighted);
	money_text(b, sizeof(b), cur, won);
	if (won && weighted)
		snprintf(buf, n, "%s weighted, %s won", a, b);
	else if (won)
		snprintf(buf, n, "%s won", b);
	else
		snprintf(buf, n, "%s", a);
}

/* An id for a chart of a currency: "pipeline" for the repository's, then
 * "pipeline-usd" and so on. */
static void chart_id(char *buf, size_t n, const char *base, const char *cur, int first)
{
	size_t k = (size_t)snprintf(buf, n, "%s", base);
	if (first || k + 2 >= n)
		return;
	buf[k++] = '-';
	for (; cur && *cur && k + 1 < n; cur++)
		if ((*cur >= 'A' && *cur <= 'Z') || (*cur >= 'a' && *cur <= 'z') ||
		    (*cur >= '0' && *cur <= '9'))
			buf[k++] = (char)(*cur | 0x20);
	buf[k] = '\0';
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

/* The per-currency objects of a pipeline or forecast tree. */
static size_t currency_docs(const struct farley_node *doc,
			    const struct farley_node **out, size_t max)
{
	const struct farley_node *others = farley_node_get(doc, "other_currencies");
	size_t n = 0;
	out[n++] = doc;
	for (size_t i = 0; others && i < others->n && n < max; i++)
		out[n++] = others->kids[i];
	return n;
}

#define MAX_CURRENCIES 16

/* The pipeline funnel, one chart per currency: weighted in dark, total in
 * light. */
static void pipeline_chart(struct strbuf *sb, const struct farley_node *pipe)
{
	const struct farley_node *docs[MAX_CURRENCIES];
	size_t nd = currency_docs(pipe, docs, MAX_CURRENCIES);
	for (size_t c = 0; c < nd; c++) {
		const struct farley_node *st = farley_node_get(docs[c], "stages");
		const char *cur = farley_node_get(docs[c], "currency")->text;
		struct bar_item items[MAX_BARS];
		char id[48], title[128];
		size_t n = 0;
		for (size_t i = 0; i < st->n && n < MAX_BARS; i++, n++) {
			items[n].label = farley_node_get(st->kids[i], "stage")->text;
			items[n].value = (double)node_cents(st->kids[i], "weighted");
			items[n].value2 = (double)node_cents(st->kids[i], "value");
			money_text(items[n].text, sizeof(items[n].text), cur,
				   node_cents(st->kids[i], "weighted"));
		}
		chart_id(id, sizeof(id), "pipeline", cur, c == 0);
		snprintf(title, sizeof(title),
			 "Pipeline (%s): weighted (dark) of total value (light), per stage", cur);
		svg_bars(sb, id, title, items, n, 0);
	}
}

/* The forecast, one chart per currency: its periods, then the open deals
 * outside them (overdue, before, later, undated) when there are any. */
static void forecast_chart(struct strbuf *sb, const struct farley_node *fc)
{
	static const char *const extra[][2] = {
		{ "overdue", "overdue" }, { "earlier", "before the first" },
		{ "later", "later" }, { "undated", "no close date" },
	};
	const struct farley_node *docs[MAX_CURRENCIES];
	size_t nd = currency_docs(fc, docs, MAX_CURRENCIES);
	for (size_t c = 0; c < nd; c++) {
		const struct farley_node *ps = farley_node_get(docs[c], "periods");
		const char *cur = farley_node_get(docs[c], "currency")->text;
		const char *by = farley_node_get(docs[c], "by")->text;
		struct bar_item items[MAX_BARS + 4];
		char id[48], title[128];
		size_t n = 0;
		for (size_t i = 0; i < ps->n && n < MAX_BARS; i++, n++) {
			int64_t w = node_cents(ps->kids[i], "weighted");
			int64_t won = node_cents(ps->kids[i], "won");
			items[n].label = farley_node_get(ps->kids[i], "period")->text;
			items[n].value = (double)w;
			items[n].value2 = (double)won;
			weighted_won_text(items[n].text, sizeof(items[n].text), cur, w, won);
		}
		for (size_t e = 0; e < sizeof(extra) / sizeof(*extra); e++) {
			const struct farley_node *x = farley_node_get(docs[c], extra[e][0]);
			const struct farley_node *count = x ? farley_node_get(x, "count") : NULL;
			if (!count || !strcmp(count->text, "0"))
				continue;
			items[n].label = extra[e][1];
			items[n].value = (double)node_cents(x, "weighted");
			items[n].value2 = 0;
			money_text(items[n].text, sizeof(items[n].text), cur,
				   node_cents(x, "weighted"));
			n++;
		}
		chart_id(id, sizeof(id), "forecast", cur, c == 0);
		snprintf(title, sizeof(title),
			 "Forecast (%s): weighted open deals (dark) and won (light), per %s",
			 cur, by);
		svg_bars(sb, id, title, items, n, 0);
	}
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

/* Interactions per week, whatever the owner and channel: every week from
 * the one of from to the one of today (the last MAX_BARS), quiet ones
 * too. */
static void activity_chart(struct strbuf *sb, const struct farley_node *act,
			   int32_t from, int32_t today)
{
	struct bar_item items[MAX_BARS];
	int32_t first = from - ((from + 3) % 7 + 7) % 7; /* its Monday */
	int32_t last = today - ((today + 3) % 7 + 7) % 7;
	size_t n = 0;
	if ((last - first) / 7 >= MAX_BARS)
		first = last - 7 * (MAX_BARS - 1);
	for (int32_t w = first; w <= last && n < MAX_BARS; w += 7, n++) {
		int y, m, d;
		farley_civil_from_days(w, &y, &m, &d);
		snprintf(items[n].own, sizeof(items[n].own), "%04d-%02d-%02d", y, m, d);
		items[n].label = items[n].own;
		items[n].value = 0;
		items[n].value2 = 0;
	}
	for (size_t i = 0; i < act->n; i++) {
		const char *week = farley_node_get(act->kids[i], "week")->text;
		double c = atof(farley_node_get(act->kids[i], "count")->text);
		for (size_t k = 0; k < n; k++)
			if (!strcmp(items[k].label, week)) {
				items[k].value += c;
				break;
			}
	}
	for (size_t i = 0; i < n; i++)
		snprintf(items[i].text, sizeof(items[i].text), "%.0f interaction%s",
			 items[i].value, items[i].value == 1 ? "" : "s");
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
	activity_chart(out, act, ao.from, farley_snapshot_today(s));
	strbuf_addstr(out, "<p>Made by farley from the records in git.</p>\n</body></html>\n");
out:
	strbuf_release(&today);
	farley_node_free(pipe);
	farley_node_free(fc);
	farley_node_free(wr);
	farley_node_free(act);
	return ret;
}
