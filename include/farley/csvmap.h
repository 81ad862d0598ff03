/* csvmap: the columns of other programs' CSV exports, read as farley fields.
 *
 * A header is matched case- and punctuation-blind ("E-mail Address",
 * "email_address" and "EmailAddress" are one name; a digit run in a
 * numbered column such as "E-mail 2 - Value" stands for any number), against
 * the column names of Google Contacts (both formats), Outlook, Windows
 * Address Book, Thunderbird, LinkedIn, HubSpot, Salesforce (labels and API
 * names), Pipedrive and Zoho exports.  What a column becomes depends on the
 * kind imported: "Name" is a contact's full name but a company's name.
 *
 * A row then becomes FIELD=VALUE pairs for lib/import.c:
 *   - first, middle and last name make `name` (a full-name column is used
 *     when they are empty);
 *   - the company column is the row's company (found or created by the
 *     import); a web address is its domain unless it is a social or
 *     mail host (a LinkedIn profile is kept as the custom field `linkedin`);
 *   - "a ::: b" cells (Google) are one list item each; e-mail addresses
 *     are kept in lower case; group labels lose
 *     their "* " mark and Google's "myContacts";
 *   - of several addresses (Business, Home, Address 1, ...) the first
 *     filled in the preferred order is taken whole; "Street 2" joins street;
 *   - dates are turned into YYYY-MM-DD when that is unambiguous (see
 *     farley_csvmap_date()); amounts lose currency signs and thousands
 *     separators (farley_csvmap_money());
 *   - a column nothing matches is left out, unless mapped. */
#ifndef FARLEY_CSVMAP_H
#define FARLEY_CSVMAP_H

#include <stddef.h>

#include "farley/error.h"
#include "farley/import.h"
#include "farley/record.h"
#include "farley/strbuf.h"

struct farley_csvmap;

/* How to read the columns of header for rows of kind.  maps are the
 * user's "Column=field" strings: field is a farley field of the kind,
 * `address.PART`, a custom field, `first_name`, `middle_name`,
 * `last_name`, `company` (the company by name), `company_domain`, or `-`
 * (leave the column out).  A malformed map, a column the header lacks or a
 * bad field name is FARLEY_EUSAGE. */
int farley_csvmap_new(struct farley_csvmap **out, enum farley_kind kind,
		      const char *const *header, size_t ncols,
		      const char *const *maps, size_t nmaps,
		      struct farley_error *err);
void farley_csvmap_free(struct farley_csvmap *m);

/* The row for the cells of one record: 1 (row filled in, its strings the
 * map's until the next call; where is left to the caller), or 0 when
 * every cell is empty. */
int farley_csvmap_row(struct farley_csvmap *m, const char *const *cells,
		      size_t n, struct farley_import_row *row);

/* What column i is read as: a field ("emails", "address.city"), "name"
 * for the parts of a name, "company", "company_domain", "people", or NULL
 * when it is left out. */
const char *farley_csvmap_target(const struct farley_csvmap *m, size_t i);
/* The columns left out that held a value in some row so far, in header
 * order, each name once; *names is the map's. */
size_t farley_csvmap_unused(struct farley_csvmap *m, const char *const **names);

/* A date as exports write it, into out as YYYY-MM-DD: 2 for an empty
 * placeholder ("0/0/00", Outlook), 1 for a month and day without a year
 * ("--04-02", Google; out is "04-02"), 0 when converted, -1 when not
 * understood (out is s).  Understood: YYYY-MM-DD (also without zero
 * padding, or with a time after it), M/D/YYYY (US, as Outlook and Google
 * write it; D/M/YYYY when the first number is over 12), D.M.YYYY,
 * "2 Apr 1980", "Apr 2, 1980". */
int farley_csvmap_date(struct strbuf *out, const char *s);
/* An amount: "$12,000.50", "12.000,50 €", "EUR 1 200" -> "12000.50",
 * "12000.50", "1200": 0, or -1 when not understood (out is s). */
int farley_csvmap_money(struct strbuf *out, const char *s);

#endif
