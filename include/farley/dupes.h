/* dupes: likely duplicate contacts or companies.
 *
 * Two records are a likely pair when they share a matching key (names.h):
 *
 *   email      an e-mail address, case aside                     0.95
 *   name       the folded name: contacts at one company, or with
 *              no company on one side (0.80); companies without
 *              their legal form                                  0.90
 *   phone      a phone number's national significant number      0.85
 *   domain     companies: the domain, or an e-mail domain that
 *              is no free mail provider's                        0.85
 *   near-name  contacts of one company whose names are alike
 *              (farley_person_similarity >= 0.90); companies whose
 *              names without legal form are alike
 *              (farley_company_similarity >= 0.90)     0.90 x similarity
 *
 * A pair found for several reasons is one pair with all of them and the
 * best of their scores.  Contacts of different companies sharing an e-mail
 * domain are not a pair for that.
 *
 * Nothing compares every record with every other: the keys of all records
 * are read from the index once (farley_index_field_values), sorted, and
 * only records in one block (the same key) are paired.  Near names are
 * compared within one company (contacts; a company of more than 300
 * contacts is split into blocks of names one edit apart or sharing a
 * word), and for companies within blocks of names one edit apart (one
 * letter added, left out, changed, or two swapped) or sharing their first
 * five letters.  A key
 * shared by more than 25 records (a switchboard number, info@, a very
 * common name) is taken as no evidence, and likewise a near-name block of
 * more than 64. */
#ifndef FARLEY_DUPES_H
#define FARLEY_DUPES_H

#include <stddef.h>

#include "farley/error.h"
#include "farley/record.h"
#include "farley/strbuf.h"

struct farley_index;
struct farley_dupes;

enum farley_dupe_reason {
	FARLEY_DUPE_EMAIL = 1 << 0,
	FARLEY_DUPE_NAME = 1 << 1,
	FARLEY_DUPE_PHONE = 1 << 2,
	FARLEY_DUPE_DOMAIN = 1 << 3,
	FARLEY_DUPE_NEAR_NAME = 1 << 4,
};

#define FARLEY_DUPE_PERSON_NEAR 0.90  /* farley_person_similarity */
#define FARLEY_DUPE_COMPANY_NEAR 0.90 /* farley_company_similarity */

struct farley_dupe {
	const char *a, *b;           /* ids, a sorts before b */
	const char *a_name, *b_name;
	double score;                /* 0..1, higher is likelier */
	unsigned reasons;            /* enum farley_dupe_reason bits */
};

/* Find the likely duplicates among the valid records of kind (a contact
 * or company; any other kind is FARLEY_EUSAGE). */
int farley_dupes_find(struct farley_dupes **out, struct farley_index *idx,
		      enum farley_kind kind, struct farley_error *err);
/* The pairs, best first (then those with more reasons, then by a and b);
 * borrowed from d. */
const struct farley_dupe *farley_dupes_list(const struct farley_dupes *d,
					    size_t *n);
/* "email, phone": the reasons' names, in the order of the enum. */
void farley_dupes_reasons(struct strbuf *out, unsigned reasons);
void farley_dupes_free(struct farley_dupes *d);

#endif
