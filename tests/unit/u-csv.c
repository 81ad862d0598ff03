/* u-csv.c: the streaming CSV reader: quoting, lines, separators,
 * encodings, limits, and input that arrives in pieces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "farley/csv.h"
#include "farley/strbuf.h"

/* Input from memory, at most step bytes per read (0: all there is). */
struct mem {
	const char *buf;
	size_t len, pos, step;
};

static ssize_t mem_read(void *data, char *buf, size_t len)
{
	struct mem *m = data;
	size_t n = m->len - m->pos;
	if (n > len)
		n = len;
	if (m->step && n > m->step)
		n = m->step;
	memcpy(buf, m->buf + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

/* Read everything: each record as "LINE|f1|f2...\n" into out. */
static int read_all(const char *buf, size_t len, size_t step, const char *enc,
		    struct strbuf *out, struct farley_error *err)
{
	struct mem m = { buf, len, 0, step };
	struct farley_csv_opts opts = { "t.csv", enc, 0, 0 };
	struct farley_csv *c;
	int ret = farley_csv_open(&c, mem_read, &m, &opts, err);
	strbuf_reset(out);
	if (ret)
		return ret;
	while ((ret = farley_csv_next(c, err)) > 0) {
		size_t n;
		const char *const *f = farley_csv_fields(c, &n);
		strbuf_addf(out, "%zu", farley_csv_line(c));
		for (size_t i = 0; i < n; i++)
			strbuf_addf(out, "|%s", f[i]);
		strbuf_addch(out, '\n');
	}
	farley_csv_free(c);
	return ret;
}

static void check(const char *in, size_t len, const char *enc, const char *want)
{
	struct strbuf out = STRBUF_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	/* whole, and one byte at a time: the same records */
	for (size_t step = 0; step < 2; step++) {
		int ret = read_all(in, len, step, enc, &out, &err);
		if (ret)
			fail_msg("%s", err.msg);
		assert_string_equal(out.buf, want);
	}
	strbuf_release(&out);
}

#define CHECK(in, want) check(in, sizeof(in) - 1, NULL, want)

static void quoting(void **state)
{
	(void)state;
	CHECK("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n",
	      "1|a|b|c\n2|1|x, y|say \"hi\"\n");
	/* empty fields, a final field without a line end */
	CHECK("a,,c\n,,\nlast,\"\",", "1|a||c\n2|||\n3|last||\n");
	/* text after a closing quote is kept; a quote inside is literal */
	CHECK("\"ab\"cd,e\"f\n", "1|abcd|e\"f\n");
}

static void lines(void **state)
{
	(void)state;
	/* a record names the line it starts on, embedded newlines or not */
	CHECK("h1,h2\r\n\"one\r\ntwo\",x\r\n3,4\r\n",
	      "1|h1|h2\n2|one\ntwo|x\n4|3|4\n");
	/* blank lines are skipped but counted; CR alone ends a line */
	CHECK("a\n\n\nb\rc\r\n", "1|a\n4|b\n5|c\n");
	CHECK("x,\"line1\nline2\nline3\"\ny,z\n", "1|x|line1\nline2\nline3\n4|y|z\n");
}

static void separators(void **state)
{
	(void)state;
	CHECK("a;b;c\n1;2,5;3\n", "1|a|b|c\n2|1|2,5|3\n");
	CHECK("a\tb\n1\t2\n", "1|a|b\n2|1|2\n");
	/* a line without any (LinkedIn's "Notes:") does not decide */
	CHECK("Notes:\n\"x, y; z\"\n\nA;B\n1;2\n", "1|Notes:\n2|x, y; z\n4|A|B\n5|1|2\n");
	/* separators inside quotes do not count */
	CHECK("\"a;b;c\",d\n", "1|a;b;c|d\n");
}

static void encodings(void **state)
{
	static const char utf16le[] = "\xFF\xFE" "a\0,\0\xE9\0\n\0" "\xAC\x20,\0x\0\n\0";
	static const char utf16be[] = "\xFE\xFF" "\0a\0,\0\xE9\0\n" "\x20\xAC\0,\0x\0\n";
	static const char utf16le_nobom[] = "a\0,\0b\0\n\0" "c\0,\0d\0\n\0";
	(void)state;
	CHECK("\xEF\xBB\xBFname,x\nJos\xC3\xA9,\xE2\x82\xAC\n",
	      "1|name|x\n2|Jos\xC3\xA9|\xE2\x82\xAC\n");
	/* Windows-1252: é, € and the undefined 0x81 (read as U+0081) */
	CHECK("name,x\nJos\xE9,\x80\x81\n",
	      "1|name|x\n2|Jos\xC3\xA9|\xE2\x82\xAC\xC2\x81\n");
	check(utf16le, sizeof(utf16le) - 1, NULL, "1|a|\xC3\xA9\n2|\xE2\x82\xAC|x\n");
	check(utf16be, sizeof(utf16be) - 1, NULL, "1|a|\xC3\xA9\n2|\xE2\x82\xAC|x\n");
	check(utf16le_nobom, sizeof(utf16le_nobom) - 1, NULL, "1|a|b\n2|c|d\n");
	/* given: latin1 reads 0x80 as U+0080, not as the euro */
	check("a,\x80\xE9\n", 5, "latin1", "1|a|\xC2\x80\xC3\xA9\n");
	check("a,\xC3\xA9\n", 5, "utf-8", "1|a|\xC3\xA9\n");
}

/* The first non-ASCII byte decides, even after a block of ASCII. */
static void late_decision(void **state)
{
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT, want = STRBUF_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	(void)state;
	for (int i = 0; i < 3000; i++)
		strbuf_addf(&in, "row%d,%s\n", i, "some ascii text here");
	strbuf_addstr(&in, "M\xFCller,x\n"); /* Windows-1252 ü */
	assert_true(in.len > 65536);
	assert_int_equal(read_all(in.buf, in.len, 0, NULL, &out, &err), 0);
	assert_non_null(strstr(out.buf, "3001|M\xC3\xBCller|x\n"));
	/* UTF-8 that goes wrong later is an error naming the line */
	strbuf_reset(&in);
	strbuf_addstr(&in, "a,b\nJos\xC3\xA9,1\n");
	for (int i = 0; i < 7000; i++)
		strbuf_addstr(&in, "ascii,line\n");
	strbuf_addstr(&in, "bad\xE9,2\n");
	assert_int_equal(read_all(in.buf, in.len, 0, NULL, &out, &err),
			 FARLEY_EINVAL);
	assert_string_equal(err.msg, "t.csv:7003: byte 0xE9 is not valid UTF-8 (give "
				     "the file's character set with --encoding)");
	farley_error_clear(&err);
	strbuf_release(&in);
	strbuf_release(&out);
	strbuf_release(&want);
}

static void errors(void **state)
{
	struct strbuf out = STRBUF_INIT, big = STRBUF_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	struct mem m = { "", 0, 0, 0 };
	struct farley_csv *c = NULL;
	struct farley_csv_opts opts = { "t.csv", "no-such-charset", 0, 0 };
	(void)state;
	assert_int_equal(read_all("a,b\n1,\"open\n2,3\n", 16, 0, NULL, &out, &err),
			 FARLEY_EINVAL);
	assert_string_equal(err.msg, "t.csv:2: the quote opened on line 2 is never closed");
	farley_error_clear(&err);
	assert_int_equal(read_all("a,b\nx\0y,1\n", 10, 0, NULL, &out, &err),
			 FARLEY_EINVAL);
	assert_non_null(strstr(err.msg, "t.csv:2: NUL byte"));
	farley_error_clear(&err);
	/* a record over the limit: an error, not the whole file in memory */
	strbuf_addstr(&big, "a\n\"");
	strbuf_addchars(&big, 'x', (1 << 20) + 10);
	assert_int_equal(read_all(big.buf, big.len, 0, NULL, &out, &err),
			 FARLEY_EINVAL);
	assert_string_equal(err.msg, "t.csv:2: record longer than 1048576 bytes (a "
				     "quote that is never closed?)");
	farley_error_clear(&err);
	assert_int_equal(farley_csv_open(&c, mem_read, &m, &opts, &err), FARLEY_EUSAGE);
	assert_null(c);
	assert_non_null(strstr(err.msg, "unknown encoding 'no-such-charset'"));
	farley_error_clear(&err);
	assert_true(farley_csv_encoding_known("UTF-16"));
	assert_true(farley_csv_encoding_known("cp1252"));
	assert_false(farley_csv_encoding_known("klingon"));
	/* nothing at all: no records */
	assert_int_equal(read_all("", 0, 0, NULL, &out, &err), 0);
	assert_string_equal(out.buf, "");
	strbuf_release(&out);
	strbuf_release(&big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoting),    cmocka_unit_test(lines),
		cmocka_unit_test(separators), cmocka_unit_test(encodings),
		cmocka_unit_test(late_decision), cmocka_unit_test(errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
