/* u-vcard.c: the vCard reader (unfolding, quoted-printable, charsets,
 * parameters, limits) and the content-line writer (escaping, folding). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "farley/ids.h"
#include "farley/vcard.h"

/* Read every card of text; returns how many, the last read kept in *last
 * (released by the caller); *ret the final return of farley_vcard_next. */
struct reading {
	struct farley_vcard cards[8];
	size_t n;
	int ret;
	struct farley_error err;
};

static void read_all(const char *text, size_t len, size_t max, struct reading *rd)
{
	FILE *f = fmemopen((void *)text, len, "r");
	struct farley_vcard_reader *r;
	assert_non_null(f);
	memset(rd, 0, sizeof(*rd));
	farley_vcard_open(&r, f, "t.vcf", max);
	while (rd->n < 8 &&
	       (rd->ret = farley_vcard_next(r, &rd->cards[rd->n], &rd->err)) == 1)
		rd->n++;
	farley_vcard_close(r);
	fclose(f);
}

static void done_reading(struct reading *rd)
{
	for (size_t i = 0; i < rd->n; i++)
		farley_vcard_release(&rd->cards[i]);
	farley_error_clear(&rd->err);
}

static const struct farley_vcard_prop *prop(const struct farley_vcard *c,
					    const char *name, int nth)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->props[i].name, name) && !nth--)
			return &c->props[i];
	return NULL;
}

static void text_of(const struct farley_vcard_prop *p, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	assert_non_null(p);
	farley_vcard_unescape(&sb, p->value, strlen(p->value));
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

#define READ(rd, s) read_all((s), sizeof(s) - 1, 0, (rd))

static void folding_and_line_ends(void **state)
{
	struct reading rd;
	(void)state;
	READ(&rd, "\xef\xbb\xbf"
		  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane\r\n  Doe\r\n"
		  "NOTE:one\r\n\ttwo\r\nEND:VCARD\r\n\r\n"
		  "begin:vcard\nversion:4.0\nfn:Bob\r\r\nend:vcard\n");
	assert_int_equal(rd.ret, 0);
	assert_int_equal(rd.n, 2);
	assert_string_equal(rd.cards[0].version, "3.0");
	assert_int_equal(rd.cards[0].line, 1);
	text_of(prop(&rd.cards[0], "FN", 0), "Jane Doe");
	text_of(prop(&rd.cards[0], "NOTE", 0), "onetwo");
	assert_int_equal(prop(&rd.cards[0], "NOTE", 0)->line, 5);
	assert_string_equal(rd.cards[1].version, "4.0");
	assert_int_equal(rd.cards[1].line, 9);
	text_of(prop(&rd.cards[1], "FN", 0), "Bob");
	done_reading(&rd);
	/* CR alone ends lines too, and a fold after it still folds */
	READ(&rd, "BEGIN:VCARD\rVERSION:3.0\rFN:Old\r Mac\rEND:VCARD\r");
	assert_int_equal(rd.ret, 0);
	assert_int_equal(rd.n, 1);
	text_of(prop(&rd.cards[0], "FN", 0), "OldMac");
	assert_int_equal(prop(&rd.cards[0], "FN", 0)->line, 3);
	done_reading(&rd);
}

static void groups_and_params(void **state)
{
	struct reading rd;
	const struct farley_vcard_prop *p;
	(void)state;
	READ(&rd, "BEGIN:VCARD\nVERSION:3.0\n"
		  "item1.EMAIL;type=INTERNET;type=pref:a@b.example\n"
		  "item1.X-ABLabel:_$!<Other>!$_\n"
		  "TEL;TYPE=\"work,voice\";PREF=1:+1 555\n"
		  "TEL;CELL;WORK:+2\n"
		  "ADR;LABEL=\"Flat 2: rear\";TYPE=home:;;1 Main St;;;;\n"
		  "garbage without a colon\n"
		  "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\n SkZJRg==\n"
		  "END:VCARD\n");
	assert_int_equal(rd.ret, 0);
	assert_int_equal(rd.n, 1);
	p = prop(&rd.cards[0], "EMAIL", 0);
	assert_string_equal(p->group, "item1");
	assert_true(farley_vcard_has_type(p, "internet"));
	assert_int_equal(farley_vcard_pref(p), 1);
	assert_non_null(prop(&rd.cards[0], "X-ABLABEL", 0));
	p = prop(&rd.cards[0], "TEL", 0);
	assert_true(farley_vcard_has_type(p, "WORK"));
	assert_true(farley_vcard_has_type(p, "voice"));
	assert_false(farley_vcard_has_type(p, "cell"));
	assert_int_equal(farley_vcard_pref(p), 1);
	p = prop(&rd.cards[0], "TEL", 1);
	assert_true(farley_vcard_has_type(p, "cell"));
	assert_true(farley_vcard_has_type(p, "work"));
	assert_int_equal(farley_vcard_pref(p), 0);
	p = prop(&rd.cards[0], "ADR", 0);
	assert_string_equal(farley_vcard_param(p, "LABEL"), "Flat 2: rear");
	assert_string_equal(p->value, ";;1 Main St;;;;");
	assert_string_equal(prop(&rd.cards[0], "PHOTO", 0)->value, "/9j/4AAQSkZJRg==");
	done_reading(&rd);
}

static void quoted_printable(void **state)
{
	struct reading rd;
	(void)state;
	/* soft breaks, one followed by a line starting with a space (which is
	 * text, not folding); QP with a charset; a bare encoding */
	READ(&rd, "BEGIN:VCARD\r\nVERSION:2.1\r\n"
		  "NOTE;ENCODING=QUOTED-PRINTABLE:Now's the time =\r\n"
		  "for all folk to come=\r\n to the aid=0D=0Aof=3D\r\n"
		  "\r\n"
		  "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=20=C3=91=\r\n"
		  "=20=C3=91\r\n"
		  "N;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:M=FCller;J=F6rg\r\n"
		  "TITLE;ENCODING=QUOTED-PRINTABLE:100=%\r\n"
		  "END:VCARD\r\n");
	assert_int_equal(rd.ret, 0);
	assert_int_equal(rd.n, 1);
	assert_null(rd.cards[0].problem);
	text_of(prop(&rd.cards[0], "NOTE", 0),
		"Now's the time for all folk to come to the aid\nof=");
	text_of(prop(&rd.cards[0], "FN", 0), "Ñ Ñ Ñ");
	assert_string_equal(prop(&rd.cards[0], "N", 0)->value, "Müller;Jörg");
	text_of(prop(&rd.cards[0], "TITLE", 0), "100=%");
	done_reading(&rd);
}

static void charsets(void **state)
{
	struct reading rd;
	(void)state;
	/* Shift_JIS whose second byte is a backslash: converted before any
	 * escape is looked at */
	READ(&rd, "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=SHIFT_JIS:\x83\x5c\x83\x74\x83\x67;;;;\n"
		  "NOTE:caf\xe9 \x80\n"
		  "END:VCARD\n"
		  "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=x-bogus:Asha\nTEL:1\n"
		  "END:VCARD\n"
		  "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=UTF-8:ok\nEND:VCARD\n"
		  "BEGIN:VCARD\nFN:nul\nNOTE:a\0b\nEND:VCARD\n");
	assert_int_equal(rd.ret, 0);
	assert_int_equal(rd.n, 4);
	assert_string_equal(rd.cards[3].problem, "17: NOTE holds a NUL byte");
	assert_null(rd.cards[0].problem);
	assert_string_equal(prop(&rd.cards[0], "N", 0)->value, "ソフト;;;;");
	/* no charset and not UTF-8: Windows-1252 */
	assert_string_equal(prop(&rd.cards[0], "NOTE", 0)->value, "café €");
	/* an unknown charset spoils its card only */
	assert_non_null(rd.cards[1].problem);
	assert_string_equal(rd.cards[1].problem, "8: FN: CHARSET 'x-bogus' is unknown");
	assert_null(rd.cards[2].problem);
	done_reading(&rd);
}

static void nesting_and_errors(void **state)
{
	struct reading rd;
	static char big[3000];
	(void)state;
	READ(&rd, "BEGIN:VCARD\nVERSION:2.1\nN:parent\nBEGIN:VCARD\nN:nest1\n"
		  "END:VCARD\nTEL:1\nEND:VCARD\n");
	assert_int_equal(rd.n, 1);
	assert_string_equal(prop(&rd.cards[0], "N", 0)->value, "parent");
	assert_null(prop(&rd.cards[0], "N", 1));
	assert_non_null(prop(&rd.cards[0], "TEL", 0));
	done_reading(&rd);

	READ(&rd, "BEGIN:VCARD\nFN:a\nEND:VCARD\nBEGIN:VCARD\nFN:b\n");
	assert_int_equal(rd.n, 1);
	assert_int_equal(rd.ret, FARLEY_EINVAL);
	assert_string_equal(rd.err.msg, "t.vcf:4: the card has no END:VCARD");
	done_reading(&rd);

	READ(&rd, "\n\nName,Email\nBEGIN:VCARD\nEND:VCARD\n");
	assert_int_equal(rd.n, 0);
	assert_int_equal(rd.ret, FARLEY_EINVAL);
	assert_string_equal(rd.err.msg, "t.vcf:3: not a vCard: expected BEGIN:VCARD, "
					"found 'Name,Email'");
	done_reading(&rd);

	/* a card over the limit names its BEGIN line; one under it is read */
	strcpy(big, "BEGIN:VCARD\nFN:x\nEND:VCARD\nBEGIN:VCARD\nPHOTO:");
	memset(big + strlen(big), 'A', 2000);
	strcat(big, "\nEND:VCARD\n");
	read_all(big, strlen(big), 1000, &rd);
	assert_int_equal(rd.n, 1);
	assert_int_equal(rd.ret, FARLEY_EINVAL);
	assert_string_equal(rd.err.msg,
			    "t.vcf:4: the card is larger than 1000 bytes (the limit)");
	done_reading(&rd);
	read_all(big, strlen(big), 4000, &rd);
	assert_int_equal(rd.n, 2);
	assert_int_equal(rd.ret, 0);
	assert_int_equal(strlen(prop(&rd.cards[1], "PHOTO", 0)->value), 2000);
	done_reading(&rd);
}

static void unescaping_and_splitting(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n;
	char **parts;
	char *name;
	(void)state;
	farley_vcard_unescape(&sb, "a\\, b\\; c\\\\d\\ne\\Nf\\:g\\qh", 25);
	assert_string_equal(sb.buf, "a, b; c\\d\ne\nf:g\\qh");
	strbuf_release(&sb);
	parts = farley_vcard_split(";;1 Main St\\; Apt 2;Berlin;;10115;", ';', 0, &n);
	assert_int_equal(n, 7);
	assert_string_equal(parts[0], "");
	assert_string_equal(parts[2], "1 Main St; Apt 2");
	assert_string_equal(parts[3], "Berlin");
	assert_string_equal(parts[5], "10115");
	assert_string_equal(parts[6], "");
	farley_vcard_parts_free(parts, n);
	parts = farley_vcard_split("a\\,b,c", ',', 1, &n);
	assert_int_equal(n, 2);
	assert_string_equal(parts[0], "a\\,b");
	farley_vcard_parts_free(parts, n);

	name = farley_vcard_name_from_n("Doe;John;Richter\\,James;Mr.;Sr.");
	assert_string_equal(name, "John Richter,James Doe");
	free(name);
	name = farley_vcard_name_from_n("Perreault;Simon;;;ing. jr,M.Sc.");
	assert_string_equal(name, "Simon Perreault");
	free(name);
	name = farley_vcard_name_from_n("Stevenson;John;Philip,Paul;Dr.;Jr.,M.D.,A.C.P.");
	assert_string_equal(name, "John Philip Paul Stevenson");
	free(name);
	name = farley_vcard_name_from_n(";;;;");
	assert_string_equal(name, "");
	free(name);
	name = farley_vcard_name_from_n("安藤ロイド");
	assert_string_equal(name, "安藤ロイド");
	free(name);
}

static void split(const char *name, const char *prefix, const char *given,
		  const char *additional, const char *family, const char *suffix)
{
	struct farley_vcard_name n;
	farley_vcard_name_split(name, &n);
	assert_string_equal(n.prefix, prefix);
	assert_string_equal(n.given, given);
	assert_string_equal(n.additional, additional);
	assert_string_equal(n.family, family);
	assert_string_equal(n.suffix, suffix);
	farley_vcard_name_release(&n);
}

static void names(void **state)
{
	(void)state;
	split("Jane Doe", "", "Jane", "", "Doe", "");
	split("Jane Q. Public", "", "Jane", "Q.", "Public", "");
	split("Dr. Jane Doe Jr.", "Dr.", "Jane", "", "Doe", "Jr.");
	split("Ludwig van Beethoven", "", "Ludwig", "", "van Beethoven", "");
	split("Maria de la Cruz", "", "Maria", "", "de la Cruz", "");
	split("Doe, Jane", "", "Jane", "", "Doe", "");
	split("John Doe, Jr.", "", "John", "", "Doe", "Jr.");
	split("Madonna", "", "Madonna", "", "", "");
	split("  ", "", "", "", "", "");
	split("Dr", "", "Dr", "", "", "");
	split("Jürgen Müller-Lüdenscheidt", "", "Jürgen", "", "Müller-Lüdenscheidt", "");
	split("山田太郎", "", "山田太郎", "", "", "");
}

static void date(const char *v, int want, const char *out)
{
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(farley_vcard_date(v, &sb), want);
	assert_string_equal(sb.buf, out);
	strbuf_release(&sb);
}

static void dates(void **state)
{
	(void)state;
	date("1980-04-02", 2, "1980-04-02");
	date("19800402", 2, "1980-04-02");
	date("1953-10-15T23:10:00Z", 2, "1953-10-15");
	date("19531015T231000Z", 2, "1953-10-15");
	date("--0402", 1, "04-02");
	date("--04-02", 1, "04-02");
	date("--0229", 1, "02-29");
	date("--1332", 0, "");
	date("1980-02-30", 0, "");
	date("1985-04", 0, "");
	date("circa 1800", 0, "");
	date("", 0, "");
}

static void uids(void **state)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	(void)state;
	farley_vcard_uid(&a, "jane-doe");
	farley_vcard_uid(&b, "jane-doe");
	assert_string_equal(a.buf, b.buf);
	assert_int_equal(a.len, 9 + 36);
	assert_memory_equal(a.buf, "urn:uuid:", 9);
	assert_memory_equal(a.buf + 9 + 14, "8fa1-", 5);
	assert_true(farley_vcard_uid_is_farleys(a.buf));
	strbuf_reset(&b);
	farley_vcard_uid(&b, "jane-doe-2");
	assert_string_not_equal(a.buf, b.buf);
	assert_false(farley_vcard_uid_is_farleys("urn:uuid:4e1c6c9c-3b39-4f77-9d9b-"
						 "8e0b1c7a0f11"));
	assert_false(farley_vcard_uid_is_farleys("477343c8e6bf375a9bac1f96a5000837"));
	strbuf_release(&a);
	strbuf_release(&b);
}

static void escaping(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	farley_vcard_escape(&sb, "a\\b,c;d\ne:f\r\ng");
	assert_string_equal(sb.buf, "a\\\\b\\,c\\;d\\ne:f\\ng");
	strbuf_release(&sb);
	farley_vcard_text(&sb, "NOTE", "x, y");
	assert_string_equal(sb.buf, "NOTE:x\\, y\r\n");
	strbuf_release(&sb);
}

/* Every line of folded is at most 75 octets, valid UTF-8 on its own, and
 * unfolding gives line back. */
static void check_fold(const char *line)
{
	struct strbuf out = STRBUF_INIT, back = STRBUF_INIT;
	const char *p;
	farley_vcard_line(&out, line, strlen(line));
	assert_true(out.len >= 2 && !strcmp(out.buf + out.len - 2, "\r\n"));
	for (p = out.buf; *p;) {
		const char *e = strstr(p, "\r\n");
		assert_non_null(e);
		assert_true(e - p <= 75);
		assert_true(farley_utf8_invalid(p, (size_t)(e - p)) == (size_t)-1);
		if (p != out.buf) {
			assert_int_equal(*p, ' ');
			strbuf_add(&back, p + 1, (size_t)(e - p - 1));
		} else {
			strbuf_add(&back, p, (size_t)(e - p));
		}
		p = e + 2;
	}
	assert_string_equal(back.buf, line);
	strbuf_release(&out);
	strbuf_release(&back);
}

static void folding(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char ascii[200];
	(void)state;
	farley_vcard_line(&sb, "FN:Jane", 7);
	assert_string_equal(sb.buf, "FN:Jane\r\n");
	strbuf_release(&sb);
	memset(ascii, 'x', sizeof(ascii) - 1);
	ascii[sizeof(ascii) - 1] = '\0';
	memcpy(ascii, "NOTE:", 5);
	check_fold(ascii);
	farley_vcard_line(&sb, ascii, 75);
	assert_int_equal(sb.len, 77); /* exactly 75 octets: not folded */
	strbuf_release(&sb);
	farley_vcard_line(&sb, ascii, 76);
	assert_int_equal(sb.len, 75 + 2 + 1 + 1 + 2);
	strbuf_release(&sb);
	/* two-, three- and four-byte characters across the fold */
	check_fold("SUMMARY:Überprüfung der Änderungsanträge für Müller & Söhne "
		   "— Jahresgespräch mit Françoise Dupont-Ångström über Verträge");
	check_fold("FN:山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎"
		   "山田太郎山田太郎");
	check_fold("NOTE:😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀");
	check_fold("X:a😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folding_and_line_ends),
		cmocka_unit_test(groups_and_params),
		cmocka_unit_test(quoted_printable),
		cmocka_unit_test(charsets),
		cmocka_unit_test(nesting_and_errors),
		cmocka_unit_test(unescaping_and_splitting),
		cmocka_unit_test(names),
		cmocka_unit_test(dates),
		cmocka_unit_test(uids),
		cmocka_unit_test(escaping),
		cmocka_unit_test(folding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
