/* names: the keys under which two spellings of one name are the same.
 *
 * Used to match imported rows with records (and by dupes): accents folded,
 * ß as ss, case and punctuation ignored; a person's "Doe, Jane" is "Jane
 * Doe"; a company's legal form (GmbH, AG, Ltd, Inc., S.A., Co. KG ...) is
 * left out; a phone number is its national significant number.  Near
 * names are measured with farley_name_similarity(). */
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

/* A phone number as compared: its national significant number, digits
 * only, so that "+49 30 1234567", "0049 (0)30 1234567", "030 1234567" and
 * "(030) 123-4567" are all "301234567".  An international prefix ('+' or
 * "00") and the country code (ITU E.164's 1 to 3 digits) are left out, then
 * one leading 0 (the trunk prefix of a national number, or Italy's 0 kept
 * after the country code); an 11-digit national number starting with 1 is
 * North American and loses that 1.  An extension ("x12", "ext. 12") is
 * left out.  -1 (out empty) when fewer than 7 digits remain. */
int farley_phone_key(struct strbuf *out, const char *s);
/* 1 when domain (as from farley_domain_key) is a free mail provider's
 * (gmail.com, gmx.de, outlook.com ...): an address there says nothing
 * about the company a person works for. */
int farley_domain_is_freemail(const char *domain);
/* The Jaro-Winkler similarity of two keys, 0 (nothing alike) to 1 (equal),
 * bytewise (keys are folded ASCII): 0.1 per common leading character, at
 * most 4, weighs the start.  "jon-smith" / "john-smith" is 0.97,
 * "jane-doe" / "john-doe" 0.85.  Keys over 255 bytes are cut there. */
double farley_name_similarity(const char *a, const char *b);
/* Two words alike: their Jaro-Winkler similarity, raised to 0.9 when
 * they are one slip of the keyboard apart (a letter added, left out or
 * changed, or two neighbours swapped) in a word of 5 letters or more,
 * wherever the slip is ("barbara"/"brbara" is 0.83 by Jaro-Winkler, whose
 * weight is on the start), and 0.9 for an initial and a word it begins
 * ("j"/"jane"). */
double farley_word_similarity(const char *a, const char *b);
/* Two person keys (farley_person_key) alike, word by word, since a
 * whole-key measure rates "Tom Smith" / "Tim Smith" as high as "Jon
 * Smith" / "John Smith": with as many words on both sides, the least
 * similar pair of words (farley_word_similarity) in the pairing of words
 * that makes it best ("jon"/"john" 0.93, "tom"/"tim" 0.80); when one name
 * has one word more (a middle name or initial) and holds every word of the
 * other, 0.9; otherwise 0.  1 for equal keys. */
double farley_person_similarity(const char *a, const char *b);
/* Two company keys (farley_company_key) alike, as people's are but with
 * the words in their order and no word more: "aurora-motors" and
 * "aurra-motors" 0.9, "deutsche-bank" and "deutsche-bahn" 0.73. */
double farley_company_similarity(const char *a, const char *b);

#endif
