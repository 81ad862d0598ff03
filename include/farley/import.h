/* import: bringing records in from other tools' files.
 *
 * A format's reader (CSV, vCard, mbox, JSON) turns its input into rows of
 * FIELD=VALUE pairs, each with where it came from; this module does the
 * rest the same way for every format:
 *
 *   - checks and normalises each value as `farley add` would (a bad one is
 *     "FILE:LINE: column 'X': why");
 *   - matches the row with a record that exists (or came earlier in the same
 *     import) so that a second run changes nothing: contacts by any e-mail,
 *     then by UID (`uid`), then by folded name within the same company;
 *     companies by domain, then by name without legal form; interactions by
 *     `message_id`; deals and tasks by folded title (and company);
 *   - finds or creates the company a contact or deal names;
 *   - links an interaction to the contacts whose addresses it names;
 *   - plans, per row: add, update FIELD..., or skip: reason;
 *   - writes everything in one transaction and one commit.
 *
 * Memory: what is kept per row is its plan line and, for new or changed
 * records, their file text; the matching keys of the existing records are
 * read from the index once. */
#ifndef FARLEY_IMPORT_H
#define FARLEY_IMPORT_H

#include <stddef.h>

#include "farley/error.h"
#include "farley/record.h"

struct farley_repo;
struct farley_index;
struct farley_import;

/* One value of a row.  field is a farley field (`emails`, `address.city`,
 * a custom field); value is as a person would type it after FIELD= (a list
 * field may take several values, one per farley_import_value, or one
 * comma-separated).  source names the input's column or property for
 * messages ("E-mail 1 - Value", "EMAIL"), or NULL. */
struct farley_import_value {
	const char *field;
	const char *value;
	const char *source;
};

/* A correspondent of an interaction: an address, and the display name to
 * give a contact created for it (may be NULL). */
struct farley_import_person {
	const char *email;
	const char *name;
};

struct farley_import_row {
	enum farley_kind kind;
	const char *where;   /* "contacts.csv:12", for messages and the plan */
	const struct farley_import_value *v;
	size_t n;
	/* contacts and deals: the company's name, found or created; may be
	 * NULL.  company_domain helps find it (a web address or e-mail). */
	const char *company;
	const char *company_domain;
	/* interactions: the people it links to, by address; a row whose
	 * people are given (non-NULL) but none is known is skipped */
	const struct farley_import_person *people;
	size_t npeople;
	const char *id;      /* json import: keep this id (NULL: make one) */
};

struct farley_import_opts {
	int update;          /* change differing fields of matched records */
	int create_contacts; /* interactions: create contacts for unknown people */
	const char *owner;   /* owner of new records (NULL: none) */
	const char *author;  /* for hash ids */
};

/* What became of one row, for --dry-run and the summary. */
enum farley_import_action { FARLEY_IMPORT_ADD, FARLEY_IMPORT_UPDATE,
			    FARLEY_IMPORT_SAME, FARLEY_IMPORT_SKIP };

struct farley_import_plan {
	const char *where;
	enum farley_import_action action;
	enum farley_kind kind;
	const char *id;      /* the record added or matched, or NULL */
	const char *detail;  /* "emails, title" for an update; the reason of a skip */
};

struct farley_import_summary {
	size_t added, updated, unchanged, skipped, bad;
	size_t companies_added; /* companies created for rows that named one
				 * (not counted in added) */
};

int farley_import_begin(struct farley_import **out, struct farley_repo *repo,
			struct farley_index *idx,
			const struct farley_import_opts *opts,
			struct farley_error *err);
/* Take one row.  FARLEY_EINVAL (message "WHERE: column 'X': why") when a
 * value is refused: the row is left out and counted as bad; the caller
 * decides whether to go on.  A skip (say, an interaction with no known
 * correspondent) is not an error. */
int farley_import_row(struct farley_import *im, const struct farley_import_row *row,
		      struct farley_error *err);
/* A whole record as `farley export json` wrote it: matched by its id
 * alone (two tasks may share a title), added with its id kept.  Its values are
 * taken as they are, without defaults, so an export imported into an empty
 * repository gives the same files. */
int farley_import_record(struct farley_import *im, const char *where,
			 const struct farley_record *r, struct farley_error *err);
/* The plan so far, one entry per row taken (and per company created). */
const struct farley_import_plan *farley_import_plan(const struct farley_import *im,
						    size_t *n);
void farley_import_summary(const struct farley_import *im,
			   struct farley_import_summary *sum);
/* Stage every new or changed record file in txn (taken with
 * farley_txn_begin() before the rows were matched); *nfiles says how many.
 * The caller commits, with a message from the summary. */
struct farley_txn;
int farley_import_stage(struct farley_import *im, struct farley_txn *txn,
			size_t *nfiles, struct farley_error *err);
void farley_import_free(struct farley_import *im);

#endif
