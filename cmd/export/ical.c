/* export/ical.c: farley export ical -- follow-ups for calendars (RFC 5545).
 *
 * Open tasks become VTODOs, meetings (interactions on the channel
 * `meeting`) VEVENTs, each with the UID ID@farley, so a calendar that
 * subscribes to the file updates a component instead of adding another.
 *
 *   VTODO   SUMMARY title, DUE (a date), STATUS:NEEDS-ACTION,
 *           DESCRIPTION notes, RRULE from every (with DTSTART = DUE)
 *   VEVENT  SUMMARY summary, DTSTART (UTC, or a date), DURATION from the
 *           `duration` field (default one hour; a day for a date),
 *           DESCRIPTION body, LOCATION, ATTENDEE per contact with an e-mail
 *   both    CATEGORIES tags; DTSTAMP fixed per record (the start, the due
 *           date, else 1970-01-01), so an unchanged record exports the same
 *           bytes every time */
#include "export.h"
#include "farley/ical.h"
#include "farley/index.h"
#include "farley/vcard.h"

#include <stdlib.h>
#include <string.h>

static void line(struct strbuf *out, const char *name, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s:%s", name, value);
	farley_vcard_line(out, sb.buf, sb.len);
	strbuf_release(&sb);
}

static void text(struct strbuf *out, const char *name, const char *value)
{
	if (value && *value)
		farley_vcard_text(out, name, value);
}

static void categories(struct strbuf *out, const struct farley_record *r)
{
	const struct farley_scalar *v;
	size_t n = farley_record_values(r, "tags", &v);
	struct strbuf sb = STRBUF_INIT;
	if (!n)
		return;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&sb, ',');
		farley_vcard_escape(&sb, v[i].s ? v[i].s : "");
	}
	line(out, "CATEGORIES", sb.buf);
	strbuf_release(&sb);
}

static void begin(struct strbuf *out, const char *what,
		  const struct farley_record *r, const char *stamp_of)
{
	struct strbuf sb = STRBUF_INIT;
	line(out, "BEGIN", what);
	farley_ical_uid(&sb, r->id);
	farley_vcard_text(out, "UID", sb.buf);
	strbuf_reset(&sb);
	if (!stamp_of || farley_ical_stamp(&sb, stamp_of))
		strbuf_addstr(&sb, "19700101T000000Z");
	line(out, "DTSTAMP", sb.buf);
	strbuf_release(&sb);
}

static void todo(struct strbuf *out, const struct farley_record *r)
{
	const char *due = farley_record_str(r, "due");
	const char *every = farley_record_str(r, "every");
	struct strbuf sb = STRBUF_INIT, rule = STRBUF_INIT;
	int is_date;
	if (due && farley_ical_datetime(&sb, due, &is_date))
		due = NULL;
	begin(out, "VTODO", r, due);
	text(out, "SUMMARY", farley_record_str(r, "title"));
	if (due) {
		line(out, "DUE;VALUE=DATE", sb.buf);
		/* a recurrence needs a start to count from */
		if (every && !farley_ical_rrule(&rule, every)) {
			line(out, "DTSTART;VALUE=DATE", sb.buf);
			line(out, "RRULE", rule.buf);
		}
	}
	line(out, "STATUS", "NEEDS-ACTION");
	text(out, "DESCRIPTION", farley_record_str(r, "notes"));
	categories(out, r);
	line(out, "END", "VTODO");
	strbuf_release(&sb);
	strbuf_release(&rule);
}

/* ATTENDEE;CN=Name:mailto:address for each contact that has an address. */
static void attendees(struct export_run *run, struct strbuf *out,
		      const struct farley_record *r)
{
	const struct farley_scalar *who, *em;
	size_t n = farley_record_values(r, "contacts", &who);
	for (size_t i = 0; i < n; i++) {
		struct farley_record c = FARLEY_RECORD_INIT;
		struct farley_error err = FARLEY_ERROR_INIT;
		int64_t rid;
		if (!who[i].s ||
		    farley_index_rid(run->ctx->index, who[i].s, FARLEY_CONTACT,
				     &rid) ||
		    farley_index_record(run->ctx->index, rid, &c, &err)) {
			farley_error_clear(&err);
			continue;
		}
		if (farley_record_values(&c, "emails", &em) && em[0].s && !strpbrk(em[0].s, "\r\n")) {
			struct strbuf sb = STRBUF_INIT;
			const char *name = farley_record_str(&c, "name");
			strbuf_addstr(&sb, "ATTENDEE");
			if (name && !strpbrk(name, "\r\n")) {
				/* a quoted parameter value holds no '"' */
				strbuf_addstr(&sb, ";CN=\"");
				for (const char *p = name; *p; p++)
					strbuf_addch(&sb, *p == '"' ? '\'' : *p);
				strbuf_addch(&sb, '"');
			}
			strbuf_addf(&sb, ":mailto:%s", em[0].s);
			farley_vcard_line(out, sb.buf, sb.len);
			strbuf_release(&sb);
		}
		farley_record_release(&c);
	}
}

static void event(struct export_run *run, struct strbuf *out,
		  const struct farley_record *r)
{
	const char *date = farley_record_str(r, "date");
	const char *duration = farley_record_str(r, "duration");
	struct strbuf when = STRBUF_INIT, dur = STRBUF_INIT;
	int is_date = 0;
	if (!date || farley_ical_datetime(&when, date, &is_date))
		return; /* not a valid interaction: the index keeps none */
	begin(out, "VEVENT", r, date);
	if (is_date) {
		line(out, "DTSTART;VALUE=DATE", when.buf);
		/* a day long unless the record says how many days */
		if (duration && !farley_ical_duration(&dur, duration) &&
		    !strchr(dur.buf, 'T'))
			line(out, "DURATION", dur.buf);
	} else {
		line(out, "DTSTART", when.buf);
		if (!duration || farley_ical_duration(&dur, duration)) {
			if (duration)
				warning("%s: duration '%s' is not a duration (90m, "
					"1h30m, PT1H30M): one hour written",
					r->id, duration);
			strbuf_reset(&dur);
			strbuf_addstr(&dur, "PT1H");
		}
		line(out, "DURATION", dur.buf);
	}
	text(out, "SUMMARY", farley_record_str(r, "summary"));
	text(out, "DESCRIPTION", farley_record_str(r, "body"));
	text(out, "LOCATION", farley_record_str(r, "location"));
	attendees(run, out, r);
	categories(out, r);
	line(out, "END", "VEVENT");
	strbuf_release(&when);
	strbuf_release(&dur);
}

static int cmp_rid(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int has_rid(const int64_t *rids, size_t n, int64_t rid)
{
	return n && bsearch(&rid, rids, n, sizeof(*rids), cmp_rid);
}

/* The rids of kind matching where, sorted for bsearch. */
static int candidates(struct export_run *run, enum farley_kind kind,
		      const char *where, int64_t **rids, size_t *n)
{
	struct farley_query q = { 0 };
	struct farley_error err = FARLEY_ERROR_INIT;
	q.kind = kind;
	q.where = where;
	if (select_records(run->ctx, &q, rids, n, &err))
		return report(&err);
	if (*n)
		qsort(*rids, *n, sizeof(**rids), cmp_rid);
	return 0;
}

int export_ical(struct export_run *run)
{
	struct strbuf *out = run->out;
	int64_t *tasks = NULL, *meetings = NULL;
	size_t ntasks = 0, nmeetings = 0;
	int ret = 0;

	if (run->kind != FARLEY_NOKIND && run->kind != FARLEY_TASK &&
	    run->kind != FARLEY_INTERACTION)
		return usage_error(NULL, "ical holds tasks and meetings (interactions "
					 "on the channel 'meeting'), not %ss",
				   farley_kind_name(run->kind));
	/* only these are read: the records picked may be every kind */
	if ((ret = candidates(run, FARLEY_TASK, "status!=done", &tasks, &ntasks)) ||
	    (ret = candidates(run, FARLEY_INTERACTION, "channel=meeting", &meetings,
			      &nmeetings)))
		goto out;

	strbuf_addstr(out, "BEGIN:VCALENDAR\r\n");
	strbuf_addstr(out, "VERSION:2.0\r\n");
	line(out, "PRODID", "-//farley//farley " FARLEY_VERSION "//EN");
	strbuf_addstr(out, "CALSCALE:GREGORIAN\r\n");
	strbuf_addstr(out, "X-WR-CALNAME:farley\r\n");
	for (size_t i = 0; i < run->n; i++) {
		struct farley_record r = FARLEY_RECORD_INIT;
		struct farley_error err = FARLEY_ERROR_INIT;
		if (!has_rid(tasks, ntasks, run->rids[i]) &&
		    !has_rid(meetings, nmeetings, run->rids[i]))
			continue;
		if (export_record(run, i, &r, &err)) {
			ret = report(&err);
			goto out;
		}
		if (r.kind == FARLEY_TASK)
			todo(out, &r);
		else if (r.kind == FARLEY_INTERACTION)
			event(run, out, &r);
		farley_record_release(&r);
	}
	strbuf_addstr(out, "END:VCALENDAR\r\n");
out:
	free(tasks);
	free(meetings);
	return ret;
}
