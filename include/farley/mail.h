/* mail: one message as farley-mbox describes it, and what an interaction
 * takes from it.
 *
 * farley-mbox (the helper that parses mail with GMime, so that farley is
 * not linked against a MIME library) writes one line of JSON per message:
 *
 *   {"where": "inbox.mbox:120", "message_id": "abc@example.org",
 *    "date": "2026-03-05T14:30:00+01:00",
 *    "from": [{"name": "Jane Doe", "email": "jane@acme.example"}],
 *    "to": [...], "cc": [...], "subject": "Pricing", "body": "Hello ...",
 *    "attachments": ["offer.pdf"], "in_reply_to": "xyz@acme.example"}
 *
 * farley_mail_parse() reads one such line into a struct farley_mail the
 * caller owns; the functions after it say what becomes of it: the
 * summary, the body, the direction and the correspondents. */
#ifndef FARLEY_MAIL_H
#define FARLEY_MAIL_H

#include <stddef.h>

#include "farley/error.h"
#include "farley/strbuf.h"

struct farley_mail_addr {
	char *name;  /* display name, or NULL */
	char *email;
};

struct farley_mail {
	char *where;      /* "FILE:LINE" or a file's path */
	char *message_id; /* without <> */
	char *in_reply_to; /* the message it answers (without <>), or NULL */
	char *date;       /* RFC 3339 */
	char *subject;    /* "" when there is none */
	char *body;       /* text, "" when there is none */
	struct farley_mail_addr *from, *to, *cc;
	size_t nfrom, nto, ncc;
	char **attachments; /* file names */
	size_t nattachments;
};

#define FARLEY_MAIL_INIT { 0 }

/* Parse one line (len bytes, no newline needed).  FARLEY_EINVAL with a
 * message saying what is wrong when it is not a message's line (not JSON,
 * "date" missing, a field of the wrong type); m is then empty.  Fields
 * farley does not know are ignored. */
int farley_mail_parse(struct farley_mail *m, const char *line, size_t len,
		      struct farley_error *err);
void farley_mail_release(struct farley_mail *m);

/* The interaction's summary: the subject on one line (white space runs,
 * newlines included, to one space), at most 200 characters (then "..."),
 * "(no subject)" when empty. */
void farley_mail_summary(struct strbuf *out, const struct farley_mail *m);
/* The interaction's body: the text, then a line "Attachments: a.pdf,
 * b.png" when there are any (after a blank line). */
void farley_mail_body(struct strbuf *out, const struct farley_mail *m);

/* My addresses, which decide the direction and are no correspondents. */
struct farley_mail_me {
	char **keys; /* as farley_email_key() gives them */
	size_t n, alloc;
};

#define FARLEY_MAIL_ME_INIT { NULL, 0, 0 }

/* Add the addresses in list: one, or several separated by commas or white
 * space ("Jane <jane@acme.example>" counts as its address).  Returns how
 * many were addresses; the rest is ignored. */
int farley_mail_me_add(struct farley_mail_me *me, const char *list);
int farley_mail_me_has(const struct farley_mail_me *me, const char *email);
void farley_mail_me_release(struct farley_mail_me *me);

/* "out" when a From address is mine, else "in". */
const char *farley_mail_direction(const struct farley_mail *m,
				  const struct farley_mail_me *me);
/* The correspondents: every From, To and Cc address that is an e-mail
 * address and not mine, each once, in that order.  *out is the caller's
 * to free (the array; its pointers are borrowed from m). */
size_t farley_mail_people(const struct farley_mail *m,
			  const struct farley_mail_me *me,
			  const struct farley_mail_addr ***out);

#endif
