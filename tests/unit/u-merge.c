/* u-merge.c: the three-way, field-level merge of one record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "farley/merge.h"
#include "farley/yamltext.h"

#define PATH "contacts/ja/jane-doe.yaml"

static int merge(const char *base, const char *ours, const char *theirs,
		 struct strbuf *out)
{
	struct strbuf b = STRBUF_INIT, o = STRBUF_INIT, t = STRBUF_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	int ret;
	strbuf_addstr(&b, base);
	strbuf_addstr(&o, ours);
	strbuf_addstr(&t, theirs);
	strbuf_reset(out);
	ret = farley_merge_texts(PATH, &b, &o, &t, 7, NULL, out, &err);
	farley_error_clear(&err);
	strbuf_release(&b);
	strbuf_release(&o);
	strbuf_release(&t);
	return ret;
}

static void different_fields_merge_cleanly(void **state)
{
	struct strbuf out = STRBUF_INIT;
	(void)state;
	assert_int_equal(merge("name: Jane Doe\n",
			       "name: Jane Doe\ntitle: CEO\n",
			       "name: Jane Doe\nphones: [\"+4930123\"]\n", &out), 0);
	/* a field only theirs has is written in canonical form */
	assert_string_equal(out.buf,
			    "name: Jane Doe\ntitle: CEO\nphones:\n  - \"+4930123\"\n");
	strbuf_release(&out);
}

static void ours_formatting_and_comments_stay(void **state)
{
	struct strbuf out = STRBUF_INIT;
	(void)state;
	assert_int_equal(merge("name: Jane Doe\ntitle: CTO\n",
			       "# our note\nname:   Jane Doe   # keep\ntitle: CTO\n",
			       "name: Jane Doe\ntitle: CEO\n", &out), 0);
	assert_string_equal(out.buf,
			    "# our note\nname:   Jane Doe   # keep\ntitle: CEO\n");
	strbuf_release(&out);
}

static void lists_merge_as_sets(void **state)
{
	struct strbuf out = STRBUF_INIT;
	(void)state;
	/* ours adds b, theirs removes a and adds c */
	assert_int_equal(merge("name: J\ntags: [a, x]\n",
			       "name: J\ntags: [a, x, b]\n",
			       "name: J\ntags: [x, c]\n", &out), 0);
	assert_string_equal(out.buf, "name: J\ntags: [x, b, c]\n");
	strbuf_release(&out);
}

static void one_scalar_two_ways_is_a_conflict_on_that_field(void **state)
{
	struct strbuf out = STRBUF_INIT;
	(void)state;
	assert_int_equal(merge("name: J\ntitle: CTO\nemails: [j@x.example]\n",
			       "name: J\ntitle: CEO\nemails: [j@x.example]\n",
			       "name: J\ntitle: Founder\nemails: [j@x.example]\n",
			       &out), 1);
	assert_string_equal(out.buf,
			    "name: J\n"
			    "<<<<<<< ours\ntitle: CEO\n=======\ntitle: Founder\n"
			    ">>>>>>> theirs\n"
			    "emails: [j@x.example]\n");
	assert_int_equal(farley_conflict_line(out.buf, out.len), 2);
	strbuf_release(&out);
}

static void same_change_on_both_sides_is_no_conflict(void **state)
{
	struct strbuf out = STRBUF_INIT;
	(void)state;
	assert_int_equal(merge("name: J\ntitle: CTO\n", "name: J\ntitle: CEO\n",
			       "name: J\ntitle: CEO\n", &out), 0);
	assert_string_equal(out.buf, "name: J\ntitle: CEO\n");
	/* a removal on one side wins over no change on the other */
	assert_int_equal(merge("name: J\ntitle: CTO\n", "name: J\n",
			       "name: J\ntitle: CTO\n", &out), 0);
	assert_string_equal(out.buf, "name: J\n");
	strbuf_release(&out);
}

static void an_unreadable_side_is_an_error(void **state)
{
	struct strbuf out = STRBUF_INIT;
	(void)state;
	strbuf_addstr(&out, "untouched");
	assert_true(merge("name: J\n", "name: [unclosed\n", "name: J\n", &out) < 0);
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(different_fields_merge_cleanly),
		cmocka_unit_test(ours_formatting_and_comments_stay),
		cmocka_unit_test(lists_merge_as_sets),
		cmocka_unit_test(one_scalar_two_ways_is_a_conflict_on_that_field),
		cmocka_unit_test(same_change_on_both_sides_is_no_conflict),
		cmocka_unit_test(an_unreadable_side_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
