/* u-names.c: the matching keys (people, companies, e-mail, phones) and the
 * similarity of near names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "farley/names.h"

static void phone(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = farley_phone_key(&sb, in);
	if (!want) {
		assert_int_equal(ret, -1);
		assert_string_equal(sb.buf, "");
	} else {
		assert_int_equal(ret, 0);
		assert_string_equal(sb.buf, want);
	}
	strbuf_release(&sb);
}

static void phone_keys(void **state)
{
	(void)state;
	/* one Berlin number written five ways */
	phone("+49 30 1234567", "301234567");
	phone("0049301234567", "301234567");
	phone("030 1234567", "301234567");
	phone("(030) 123-4567", "301234567");
	phone("+49 (0)30 1234567", "301234567");
	phone("+49-30-123 45 67", "301234567");
	phone("tel:+49.30.1234567", "301234567");
	/* an extension is not part of the number */
	phone("+49 30 1234567 ext. 12", "301234567");
	phone("030 1234567 x12", "301234567");
	/* North America: country code 1, or the trunk 1, or neither */
	phone("+1 (555) 123-4567", "5551234567");
	phone("1-555-123-4567", "5551234567");
	phone("555.123.4567", "5551234567");
	/* Italy keeps its 0 after +39: both sides lose it alike */
	phone("+39 06 1234 5678", "612345678");
	phone("06 1234 5678", "612345678");
	/* three-digit country codes (Ireland 353, Finland 358) */
	phone("+353 1 234 5678", "12345678");
	phone("+358 9 123 4567", "91234567");
	/* a different number stays different */
	phone("+49 30 7654321", "307654321");
	phone("+44 20 1234567", "201234567");
	/* too short to mean anything, or no number at all */
	phone("110", NULL);
	phone("+49 30 12", NULL);
	phone("n/a", NULL);
	phone("", NULL);
	phone("1-800-FLOWERS", NULL);
}

/* a macro, so that a failure names the line of the call */
#define close_to(got, want)                                                 \
	assert_true((got) > (want) - 0.005 && (got) < (want) + 0.005)

static void similarity(void **state)
{
	(void)state;
	close_to(farley_name_similarity("jon-smith", "john-smith"), 0.973);
	close_to(farley_name_similarity("jane-doe", "john-doe"), 0.85);
	/* the textbook pairs of Winkler's paper */
	close_to(farley_name_similarity("martha", "marhta"), 0.961);
	close_to(farley_name_similarity("dwayne", "duane"), 0.84);
	close_to(farley_name_similarity("dixon", "dicksonx"), 0.813);
	assert_true(farley_name_similarity("same", "same") == 1.0);
	assert_true(farley_name_similarity("", "") == 1.0);
	assert_true(farley_name_similarity("abc", "") == 0.0);
	assert_true(farley_name_similarity("abc", "xyz") == 0.0);
	/* symmetric */
	close_to(farley_name_similarity("john-smith", "jon-smith"),
		 farley_name_similarity("jon-smith", "john-smith"));
	/* the whole-key measure's weakness that dupes works around */
	assert_true(farley_name_similarity("deutsche-bank", "deutsche-bahn") > 0.95);
	/* long keys are cut, not overrun */
	{
		char a[400], b[400];
		memset(a, 'x', sizeof(a) - 1);
		a[sizeof(a) - 1] = '\0';
		memcpy(b, a, sizeof(b));
		b[10] = 'y';
		assert_true(farley_name_similarity(a, b) > 0.99);
	}
}

static void word_similarity(void **state)
{
	(void)state;
	close_to(farley_word_similarity("jon", "john"), 0.933);
	close_to(farley_word_similarity("tom", "tim"), 0.80);
	/* one slip early in a long word: Jaro-Winkler alone says 0.83 */
	close_to(farley_name_similarity("barbara", "brbara"), 0.832);
	close_to(farley_word_similarity("barbara", "brbara"), 0.9);
	close_to(farley_word_similarity("anton", "annton"), 0.9);  /* added */
	close_to(farley_word_similarity("sigrid", "sgrid"), 0.9);  /* left out */
	close_to(farley_word_similarity("oasis", "oais"), 0.9);
	close_to(farley_word_similarity("carla", "cxrla"), 0.9);   /* changed */
	/* two swapped: Jaro-Winkler forgives that on its own */
	assert_true(farley_word_similarity("roberto", "rboerto") >= 0.9);
	/* two slips, or short words, get no such help */
	assert_true(farley_word_similarity("barbara", "brbra") < 0.9);
	assert_true(farley_word_similarity("kai", "kim") < 0.9);
	assert_true(farley_word_similarity("jane", "jone") < 0.9);
	/* an initial */
	close_to(farley_word_similarity("j", "jane"), 0.9);
	assert_true(farley_word_similarity("k", "jane") < 0.9);
	assert_true(farley_word_similarity("same", "same") == 1.0);
}

static void company_similarity(void **state)
{
	(void)state;
	assert_true(farley_company_similarity("acme", "acme") == 1.0);
	assert_true(farley_company_similarity("globex", "globx") >= 0.9);
	assert_true(farley_company_similarity("aurora-motors", "aurra-motors") >= 0.9);
	assert_true(farley_company_similarity("acme-systems", "acme-sytems") >= 0.9);
	assert_true(farley_company_similarity("deutsche-bank", "deutsche-bahn") < 0.9);
	assert_true(farley_company_similarity("alder-basalt-labs",
					      "alder-basalt-media") < 0.9);
	assert_true(farley_company_similarity("kilo-lima", "kilo-mike") < 0.9);
	assert_true(farley_company_similarity("acme", "apex") < 0.9);
	/* no word more, no other order for companies */
	assert_true(farley_company_similarity("acme", "acme-holding") == 0.0);
	assert_true(farley_company_similarity("muller-schmidt", "schmidt-muller") < 0.9);
	assert_true(farley_company_similarity("", "") == 0.0);
}

static double person(const char *a, const char *b)
{
	struct strbuf ka = STRBUF_INIT, kb = STRBUF_INIT;
	double s;
	farley_person_key(&ka, a);
	farley_person_key(&kb, b);
	s = farley_person_similarity(ka.buf, kb.buf);
	assert_true(s == farley_person_similarity(kb.buf, ka.buf));
	strbuf_release(&ka);
	strbuf_release(&kb);
	return s;
}

static void person_similarity(void **state)
{
	(void)state;
	assert_true(person("Jane Doe", "Doe, Jane") == 1.0);
	close_to(person("Jon Smith", "John Smith"), 0.933);
	close_to(person("Anna Schmidt", "Anna Schmitz"), 0.943);
	/* one letter apart, yet not alike: whole-key JW would say 0.96 */
	close_to(person("Tom Smith", "Tim Smith"), 0.80);
	assert_true(person("Kai Becker", "Kim Becker") < 0.9);
	assert_true(person("Jane Doe", "John Doe") < 0.9);
	assert_true(person("Jane Doe", "Jane Dubois") < 0.9);
	/* a middle name or initial more */
	close_to(person("Jane Doe", "Jane M. Doe"), 0.9);
	close_to(person("Jane Mary Doe", "Doe, Jane"), 0.9);
	assert_true(person("Jane Mary Doe", "Jane Doe-Smith") < 0.9);
	assert_true(person("Jane Doe", "Max Mustermann Meier") == 0.0);
	/* the best pairing of words, whatever order the key sorted them in */
	assert_true(person("Bettina Brandegger", "Bttina Brandegger") >= 0.9);
	assert_true(person("Anna Maria Schmidt", "Schmitz, Maria Anna") >= 0.9);
	/* an initial at one company is likely the same person */
	close_to(person("J. Doe", "Jane Doe"), 0.9);
	/* no letters: no key, nothing alike */
	assert_true(person("北京", "東京") == 0.0);
}

static void key(void (*fn)(struct strbuf *, const char *), const char *in,
		const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	fn(&sb, in);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void name_keys(void **state)
{
	(void)state;
	key(farley_person_key, "Jane Doe", "doe-jane");
	key(farley_person_key, "Doe, Jane", "doe-jane");
	key(farley_person_key, "JÜRGEN WEIß", "jurgen-weiss");
	key(farley_person_key, "Jürgen Weiss", "jurgen-weiss");
	key(farley_company_key, "Müller GmbH & Co. KG", "muller");
	key(farley_company_key, "Acme Inc.", "acme");
	key(farley_company_key, "ACME", "acme");
}

static void freemail(void **state)
{
	(void)state;
	assert_true(farley_domain_is_freemail("gmail.com"));
	assert_true(farley_domain_is_freemail("gmx.de"));
	assert_false(farley_domain_is_freemail("acme.de"));
	assert_false(farley_domain_is_freemail("mail.acme.com"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phone_keys),
		cmocka_unit_test(similarity),
		cmocka_unit_test(word_similarity),
		cmocka_unit_test(company_similarity),
		cmocka_unit_test(person_similarity),
		cmocka_unit_test(name_keys),
		cmocka_unit_test(freemail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
