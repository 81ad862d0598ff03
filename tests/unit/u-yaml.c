/* u-yaml.c: quoting rules, the reading guards and format-preserving edits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "farley/yamlrec.h"

static void must_quote(void **state)
{
	static const char *quoted[] = {
		"NO", "no", "yes", "Yes", "on", "off", "y", "n", "null", "~", "true",
		"0123", "1e3", "0x1F", "12:30", "2026-01-01", " padded ", "# hash",
		"", "-", "- item", "key: value", "a #b", "ends:", "1_000", ".5",
		".inf", "-.Inf", ".NaN", "*star", "&amp", "!tag", "|bar", ">gt",
		"@at", "`tick", "%pct", "'single", "\"double", "[x", "{y", "tab\there",
		"=", "<<", "+1", "-1.5", "2001-12-14 21:59:43.10 -5",
		"<<<<<<< ours", "<<<<<<<  open", "=======", ">>>>>>> theirs",
	};
	static const char *plain[] = {
		"Acme GmbH", "Müller Bäckerei", "3M Company", "jane@acme.example",
		"北京科技有限公司", "a-b", "x:y", "no way", "C#",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(quoted) / sizeof(*quoted); i++) {
		if (farley_yaml_style(quoted[i]) != 1)
			fail_msg("'%s' should be quoted", quoted[i]);
	}
	for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++) {
		if (farley_yaml_style(plain[i]) != 0)
			fail_msg("'%s' should be plain", plain[i]);
	}
	assert_int_equal(farley_yaml_style("two\nlines\n"), 2);
	assert_int_equal(farley_yaml_style("bell\a\nlines"), 1);
}

static int parse(struct farley_record *r, const char *text)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	int ret;
	farley_record_release(r);
	r->kind = FARLEY_DEAL;
	r->path = strdup("deals/x/x.yaml");
	ret = farley_yaml_parse(r, text, strlen(text), &err);
	farley_error_clear(&err);
	return ret;
}

static void guards(void **state)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	(void)state;
	assert_int_equal(parse(&r, "title: x\nstage: lead\n"), 0);
	assert_int_not_equal(parse(&r, "a: &x 1\nb: *x\n"), 0);
	assert_int_not_equal(parse(&r, "a: 1\na: 2\n"), 0);
	assert_int_not_equal(parse(&r, "a: !!python/object x\n"), 0);
	assert_int_not_equal(parse(&r, "a: [[1]]\n"), 0);
	assert_int_not_equal(parse(&r, "a: {b: {c: 1}}\n"), 0);
	assert_int_not_equal(parse(&r, "a: 1\n---\nb: 2\n"), 0);
	assert_int_not_equal(parse(&r, "- a\n- b\n"), 0);
	assert_int_not_equal(parse(&r, ""), 0);
	assert_int_not_equal(parse(&r, "a: \xff\n"), 0);
	farley_record_release(&r);
}

static void edit_keeps_the_rest(void **state)
{
	static const char text[] =
		"# hand-written\n"
		"stage: proposal   # moved in March\n"
		"title: Acme renewal\n"
		"tags: [a, b]  # flow\n"
		"value: 100\n";
	struct farley_record orig = FARLEY_RECORD_INIT, want = FARLEY_RECORD_INIT;
	struct strbuf out = STRBUF_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	const char *tags[] = { "a", "b", "c" };
	(void)state;
	assert_int_equal(parse(&orig, text), 0);
	farley_record_copy(&want, &orig);
	farley_record_set_str(&want, "stage", "won");
	assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
	assert_string_equal(out.buf,
			    "# hand-written\n"
			    "stage: won   # moved in March\n"
			    "title: Acme renewal\n"
			    "tags: [a, b]  # flow\n"
			    "value: 100\n");
	farley_record_set_list(&want, "tags", tags, 3);
	farley_record_remove(&want, "value");
	farley_record_set_str(&want, "close", "2027-01-15");
	assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
	assert_string_equal(out.buf,
			    "# hand-written\n"
			    "stage: won   # moved in March\n"
			    "title: Acme renewal\n"
			    "tags: [a, b, c]  # flow\n"
			    "close: 2027-01-15\n");
	farley_record_release(&orig);
	farley_record_release(&want);
	strbuf_release(&out);
}

static void edit_block_values(void **state)
{
	static const char text[] =
		"title: x\n"
		"stage: lead\n"
		"notes: |\n"
		"  line one\n"
		"  line two\n"
		"contacts:\n"
		"  - a\n"
		"  - b\n"
		"owner: me\n";
	struct farley_record orig = FARLEY_RECORD_INIT, want = FARLEY_RECORD_INIT;
	struct strbuf out = STRBUF_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	const char *c[] = { "b" };
	(void)state;
	assert_int_equal(parse(&orig, text), 0);
	farley_record_copy(&want, &orig);
	farley_record_set_str(&want, "notes", "just one\n");
	farley_record_set_list(&want, "contacts", c, 1);
	assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
	assert_string_equal(out.buf,
			    "title: x\n"
			    "stage: lead\n"
			    "notes: |\n"
			    "  just one\n"
			    "contacts:\n"
			    "  - b\n"
			    "owner: me\n");
	farley_record_release(&orig);
	farley_record_release(&want);
	strbuf_release(&out);
}

/* Found by the yamlrec fuzz target: both fell back to the canonical form,
 * which loses every comment and the order of the file. */
static void edit_at_the_edges(void **state)
{
	struct farley_record orig = FARLEY_RECORD_INIT, want = FARLEY_RECORD_INIT;
	struct strbuf out = STRBUF_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	(void)state;
	/* a field added after a block scalar that ends the file without a
	 * line break: a line break there would change the scalar */
	assert_int_equal(parse(&orig, "# mine\ntitle: x\nnotes: >\n  folded\n  text"), 0);
	farley_record_copy(&want, &orig);
	farley_record_set_str(&want, "zz_extra", "x");
	assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
	assert_string_equal(out.buf, "# mine\ntitle: x\nzz_extra: x\n"
				     "notes: >\n  folded\n  text");
	/* a field added in front of the first one while that one changes */
	assert_int_equal(parse(&orig, "# keep me\nzeta: a   # c\nomega: 2\n"), 0);
	farley_record_copy(&want, &orig);
	farley_record_set_str(&want, "zeta", "b");
	farley_record_set_str(&want, "alpha", "x");
	assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
	assert_string_equal(out.buf, "# keep me\nalpha: x\nzeta: b   # c\nomega: 2\n");
	/* a field's lines end at any of YAML's line breaks, not only at LF:
	 * removing one took the next along */
	assert_int_equal(parse(&orig, "a: 1\rb: 2\nc: 3\xc2\x85" "d: 4\xe2\x80\xa8" "e: 5\r\n"), 0);
	assert_int_equal((int)orig.nfields, 5);
	for (const char *const *k = (const char *const[]){ "a", "c", "d", NULL }; *k; k++) {
		farley_record_copy(&want, &orig);
		farley_record_remove(&want, *k);
		assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
		assert_string_equal(out.buf, !strcmp(*k, "a") ? "b: 2\nc: 3\xc2\x85" "d: 4\xe2\x80\xa8" "e: 5\r\n"
					   : !strcmp(*k, "c") ? "a: 1\rb: 2\nd: 4\xe2\x80\xa8" "e: 5\r\n"
							      : "a: 1\rb: 2\nc: 3\xc2\x85" "e: 5\r\n");
	}
	/* an empty item ("-" alone) is part of its list's lines */
	assert_int_equal(parse(&orig, "a: 1\ntags:\n-\nc: 2\n"), 0);
	farley_record_copy(&want, &orig);
	farley_record_set_list(&want, "tags", (const char *[]){ "x" }, 1);
	assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
	assert_string_equal(out.buf, "a: 1\ntags:\n  - x\nc: 2\n");
	/* a value ending in blank lines, before a blank line: as "|+" it
	 * would take that line in, so it is quoted there */
	assert_int_equal(parse(&orig, "notes: x\n\nstage: lead\n"), 0);
	farley_record_copy(&want, &orig);
	farley_record_set_str(&want, "notes", "a\nb\n\n");
	assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
	assert_string_equal(out.buf, "notes: \"a\\nb\\n\\n\"\n\nstage: lead\n");
	/* and at the end of a file without a final line break */
	assert_int_equal(parse(&orig, "# c\nnotes: x"), 0);
	farley_record_copy(&want, &orig);
	farley_record_set_str(&want, "notes", "a\n\n");
	assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
	assert_string_equal(out.buf, "# c\nnotes: \"a\\n\\n\"");
	/* a text whose first line starts with a tab */
	assert_int_equal(parse(&orig, "# c\nnotes: x\n"), 0);
	farley_record_copy(&want, &orig);
	farley_record_set_str(&want, "notes", "\tindented\nnext");
	assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
	assert_string_equal(out.buf, "# c\nnotes: |2-\n  \tindented\n  next\n");
	/* an empty last part of an address is part of its lines */
	assert_int_equal(parse(&orig, "# c\naddress:\n  city: Berlin\n  zip:\nstage: lead\n"), 0);
	farley_record_copy(&want, &orig);
	farley_record_remove(&want, "address");
	assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
	assert_string_equal(out.buf, "# c\nstage: lead\n");
	/* an explicit key's field starts at its '?' */
	assert_int_equal(parse(&orig, "# c\n? title\n: x\nstage: lead\n"), 0);
	farley_record_copy(&want, &orig);
	farley_record_set_str(&want, "title", "new");
	assert_int_equal(farley_yaml_edit(&orig, &want, &out, &err), 0);
	assert_string_equal(out.buf, "# c\ntitle: new\nstage: lead\n");
	farley_record_release(&orig);
	farley_record_release(&want);
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(must_quote),
		cmocka_unit_test(guards),
		cmocka_unit_test(edit_keeps_the_rest),
		cmocka_unit_test(edit_block_values),
		cmocka_unit_test(edit_at_the_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
