/* names: the keys under which two spellings of one name are the same.
 *
 * Used to match imported rows with records (and by dupes): accents folded,
 * ß as ss, case and punctuation ignored; a person's "Doe, Jane" is "Jane
 * Doe"; a company's legal form (GmbH, AG, Ltd, Inc., S.A., Co. KG ...) is
 * left out. */
#ifndef FARLEY_NAMES_H
#define FARLEY_NAMES_H

#include "farley/strbuf.h"

/* A person's name: its words folded and sorted ("doe-jane" for both "Jane
 * Doe" and "Doe, Jane").  Empty when the name has no letters or digits
 * farley can fold (then there is no key to match on). */
void farley_person_key(struct strbuf *out, const char *name);
/* A company's name without its legal form: "acme" for "ACME GmbH",
 * "Acme Inc." and "acme". */
void farley_company_key(struct strbuf *out, const char *name);
/* An e-mail address as compared: trimmed, lower-case.  -1 (out empty)
 * when s is not one (no '@', no domain, spaces inside). */
int farley_email_key(struct strbuf *out, const char *s);
/* The domain of an e-mail address or a web address ("https://www.acme.de/x"
 * -> "acme.de"), lower-case, or -1. */
int farley_domain_key(struct strbuf *out, const char *s);

#endif
