/* ical: the iCalendar (RFC 5545) values farley's calendar export writes.
 *
 * Content lines (folding at 75 octets, TEXT escaping, CRLF) are shared
 * with vCard: farley_vcard_line() and farley_vcard_text() in vcard.h. */
#ifndef FARLEY_ICAL_H
#define FARLEY_ICAL_H

#include "farley/strbuf.h"

/* A farley date or datetime as an iCalendar value: "2026-04-01" is the
 * DATE "20260401" (*is_date 1); "2026-04-01T09:30+02:00" the UTC
 * DATE-TIME "20260401T073000Z" (*is_date 0).  0, or -1 when s is neither. */
int farley_ical_datetime(struct strbuf *out, const char *s, int *is_date);
/* The UTC DATE-TIME of the start of s's day or instant: a date is taken at
 * midnight UTC ("20260401T000000Z"); for DTSTAMP.  0 or -1. */
int farley_ical_stamp(struct strbuf *out, const char *s);
/* The RRULE value of a farley interval ("every"): 2w is
 * "FREQ=WEEKLY;INTERVAL=2", 3d DAILY, 1m MONTHLY, 1y YEARLY.  0 or -1. */
int farley_ical_rrule(struct strbuf *out, const char *every);
/* A duration as RFC 5545 writes it, from the RFC's own form (PT1H30M,
 * P1W, p2d) or a person's (90m, 90min, 1h30m, 1h 30m, 2h, 1d, 45 for
 * minutes): "PT1H30M".  0, or -1 when s is none or zero. */
int farley_ical_duration(struct strbuf *out, const char *s);
/* The UID of a record's component: "ID@farley", the same every export. */
void farley_ical_uid(struct strbuf *out, const char *id);

#endif
