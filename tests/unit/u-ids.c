/* u-ids.c: slugs, accent folding, id validation, UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "farley/ids.h"

static void slug(const char *name, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	farley_slugify(&sb, name, FARLEY_SLUG_MAX);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void slugs(void **state)
{
	(void)state;
	slug("Müller Bäckerei GmbH", "muller-backerei-gmbh");
	slug("Acme GmbH", "acme-gmbh");
	slug("  --Hello,  World!!  ", "hello-world");
	slug("Łódź Ślęża", "lodz-sleza");
	slug("Straße", "strasse");
	slug("Ærøskøbing", "aeroskobing");
	slug("Ș.C. Țară", "s-c-tara");
	slug("Cafe\xcc\x81", "cafe"); /* decomposed accent */
	slug("บริษัท ไทยพัฒนา จำกัด", "");
	slug("北京科技有限公司", "");
	slug("IBM 北京", "ibm");
}

static void slug_length(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	farley_slugify(&sb,
		       "a very long company name that goes on and on and on and on "
		       "forever",
		       FARLEY_SLUG_MAX);
	assert_true(sb.len <= 48);
	assert_true(sb.buf[sb.len - 1] != '-');
	strbuf_release(&sb);
}

static void validity(void **state)
{
	(void)state;
	assert_true(farley_id_valid("acme"));
	assert_true(farley_id_valid("c-7f3a9e"));
	assert_true(farley_id_valid("0"));
	assert_false(farley_id_valid(""));
	assert_false(farley_id_valid("-acme"));
	assert_false(farley_id_valid("Acme"));
	assert_false(farley_id_valid("../../etc"));
	assert_false(farley_id_valid("a/b"));
	assert_false(farley_id_valid("a.yaml"));
	assert_false(farley_id_valid(
		"a12345678901234567890123456789012345678901234567890123456789012345"));
}

static void hashes(void **state)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	(void)state;
	farley_hash_hex(&a, "x", 1, 6);
	farley_hash_hex(&b, "y", 1, 6);
	assert_int_equal(a.len, 6);
	assert_string_not_equal(a.buf, b.buf);
	strbuf_reset(&b);
	farley_hash_hex(&b, "x", 1, 6);
	assert_string_equal(a.buf, b.buf);
	strbuf_release(&a);
	strbuf_release(&b);
}

static void utf8(void **state)
{
	(void)state;
	assert_int_equal(farley_utf8_invalid("Müller", strlen("Müller")), (size_t)-1);
	assert_int_equal(farley_utf8_invalid("M\xfcller", 7), 1);
	assert_int_equal(farley_utf8_invalid("\xc0\xaf", 2), 0); /* overlong */
	assert_int_equal(farley_utf8_invalid("\xed\xa0\x80", 3), 0); /* surrogate */
	assert_int_equal(farley_utf8_width("北京", strlen("北京")), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slugs),
		cmocka_unit_test(slug_length),
		cmocka_unit_test(validity),
		cmocka_unit_test(hashes),
		cmocka_unit_test(utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
