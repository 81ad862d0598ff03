/* u-mail.c: farley-mbox's lines read, and what an interaction takes from a
 * message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "farley/mail.h"

static int parse(struct farley_mail *m, const char *line, struct farley_error *err)
{
	return farley_mail_parse(m, line, strlen(line), err);
}

static void parses_a_line(void **state)
{
	struct farley_mail m = FARLEY_MAIL_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	(void)state;
	assert_int_equal(parse(&m,
			       "{\"where\":\"in.mbox:12\",\"message_id\":\"a@b.example\","
			       "\"date\":\"2026-03-05T14:30:00+01:00\","
			       "\"from\":[{\"name\":\"Jane Doe\",\"email\":\"jane@acme.example\"}],"
			       "\"to\":[{\"name\":null,\"email\":\"me@here.example\"},"
			       "{\"email\":\"bob@acme.example\"}],\"cc\":[],"
			       "\"subject\":\"Pric\\u00e9s\",\"body\":\"Hello\\nthere\","
			       "\"attachments\":[\"offer.pdf\",\"a.png\"],\"offset\":99}",
			       &err),
			 0);
	assert_string_equal(m.where, "in.mbox:12");
	assert_string_equal(m.message_id, "a@b.example");
	assert_string_equal(m.date, "2026-03-05T14:30:00+01:00");
	assert_int_equal(m.nfrom, 1);
	assert_string_equal(m.from[0].name, "Jane Doe");
	assert_string_equal(m.from[0].email, "jane@acme.example");
	assert_int_equal(m.nto, 2);
	assert_null(m.to[0].name);
	assert_null(m.to[1].name);
	assert_string_equal(m.to[1].email, "bob@acme.example");
	assert_int_equal(m.ncc, 0);
	assert_string_equal(m.subject, "Pric\xc3\xa9s");
	assert_string_equal(m.body, "Hello\nthere");
	assert_int_equal(m.nattachments, 2);
	assert_string_equal(m.attachments[1], "a.png");
	farley_mail_release(&m);
	assert_null(m.date);
}

static void missing_fields_are_empty(void **state)
{
	struct farley_mail m = FARLEY_MAIL_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	(void)state;
	assert_int_equal(parse(&m, "{\"date\":\"2026-03-05\",\"subject\":null}", &err), 0);
	assert_string_equal(m.where, "");
	assert_string_equal(m.subject, "");
	assert_string_equal(m.body, "");
	assert_null(m.message_id);
	assert_int_equal(m.nfrom + m.nto + m.ncc + m.nattachments, 0);
	farley_mail_release(&m);
}

static void bad_lines_are_refused(void **state)
{
	static const struct {
		const char *line, *msg;
	} cases[] = {
		{ "not json", "not JSON" },
		{ "[1,2]", "not a JSON object" },
		{ "{\"subject\":\"x\"}", "'date' is missing" },
		{ "{\"date\":7}", "'date' is not a string" },
		{ "{\"date\":\"2026-03-05\",\"from\":\"jane@x.example\"}", "'from' is not a list" },
		{ "{\"date\":\"2026-03-05\",\"cc\":[{\"name\":\"Jane\"}]}",
		  "'cc' item 1 is not {\"name\", \"email\"}" },
		{ "{\"date\":\"2026-03-05\",\"to\":[{\"email\":\"a@b.example\",\"name\":3}]}",
		  "'to' item 1" },
		{ "{\"date\":\"2026-03-05\",\"attachments\":[\"a\",{}]}",
		  "'attachments' item 2 is not a string" },
		{ "{\"date\":\"2026-03-05\",\"body\":[]}", "'body' is not a string" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct farley_mail m = FARLEY_MAIL_INIT;
		struct farley_error err = FARLEY_ERROR_INIT;
		assert_int_equal(parse(&m, cases[i].line, &err), FARLEY_EINVAL);
		assert_non_null(strstr(err.msg, cases[i].msg));
		assert_null(m.date);
		assert_null(m.from);
		assert_null(m.attachments);
		farley_error_clear(&err);
		farley_mail_release(&m);
	}
}

static void summary(const char *subject, const char *want)
{
	struct farley_mail m = FARLEY_MAIL_INIT;
	struct strbuf sb = STRBUF_INIT;
	m.subject = (char *)subject;
	farley_mail_summary(&sb, &m);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void summaries_are_one_line(void **state)
{
	struct strbuf long_subject = STRBUF_INIT, want = STRBUF_INIT;
	(void)state;
	summary("Pricing", "Pricing");
	summary("  Re: [notmuch] Fix linking\n\tlibs.  ", "Re: [notmuch] Fix linking libs.");
	summary("a\r\nb\x01" "c\x7f", "a bc");
	summary("", "(no subject)");
	summary(" \n\t ", "(no subject)");
	summary(NULL, "(no subject)");
	/* 200 characters at most, counted as characters, not bytes */
	for (int i = 0; i < 250; i++)
		strbuf_addstr(&long_subject, "\xc3\xa9");
	for (int i = 0; i < 200; i++)
		strbuf_addstr(&want, "\xc3\xa9");
	strbuf_addstr(&want, "...");
	summary(long_subject.buf, want.buf);
	strbuf_reset(&long_subject);
	strbuf_reset(&want);
	for (int i = 0; i < 100; i++)
		strbuf_addstr(&long_subject, "ab ");
	strbuf_addstr(&want, long_subject.buf);
	strbuf_setlen(&want, 200); /* 67 words; the 68th would not fit */
	strbuf_addstr(&want, "...");
	summary(long_subject.buf, want.buf);
	strbuf_release(&long_subject);
	strbuf_release(&want);
}

static void bodies_name_attachments(void **state)
{
	struct farley_mail m = FARLEY_MAIL_INIT;
	struct strbuf sb = STRBUF_INIT;
	char *names[] = { "offer.pdf", "plan, final.png" };
	(void)state;
	m.body = "Hello";
	farley_mail_body(&sb, &m);
	assert_string_equal(sb.buf, "Hello");
	strbuf_reset(&sb);
	m.attachments = names;
	m.nattachments = 2;
	farley_mail_body(&sb, &m);
	assert_string_equal(sb.buf, "Hello\n\nAttachments: offer.pdf, plan, final.png");
	strbuf_reset(&sb);
	m.body = "";
	m.nattachments = 1;
	farley_mail_body(&sb, &m);
	assert_string_equal(sb.buf, "Attachments: offer.pdf");
	strbuf_release(&sb);
}

static void my_addresses(void **state)
{
	struct farley_mail_me me = FARLEY_MAIL_ME_INIT;
	(void)state;
	assert_int_equal(farley_mail_me_add(&me, "me@here.example, Me@Work.Example"), 2);
	assert_int_equal(farley_mail_me_add(&me, "Jane Doe <JANE@acme.example>"), 1);
	assert_int_equal(farley_mail_me_add(&me, "me@here.example"), 1); /* again */
	assert_int_equal(farley_mail_me_add(&me, "nobody"), 0);
	assert_int_equal(farley_mail_me_add(&me, NULL), 0);
	assert_int_equal(me.n, 3);
	assert_true(farley_mail_me_has(&me, "ME@here.example"));
	assert_true(farley_mail_me_has(&me, "<me@work.example>"));
	assert_true(farley_mail_me_has(&me, "jane@acme.example"));
	assert_false(farley_mail_me_has(&me, "me@here.example.org"));
	assert_false(farley_mail_me_has(&me, "not an address"));
	farley_mail_me_release(&me);
	assert_int_equal(me.n, 0);
}

static void direction_and_people(void **state)
{
	struct farley_mail_addr from[] = { { "Me", "ME@here.example" } };
	struct farley_mail_addr to[] = { { "Jane", "jane@acme.example" },
					 { NULL, "me@here.example" },
					 { "Bob", "bob@acme.example" },
					 { "Undisclosed", "undisclosed-recipients" } };
	struct farley_mail_addr cc[] = { { "Jane again", "Jane@ACME.example" },
					 { "Carl", "carl@other.example" } };
	struct farley_mail m = FARLEY_MAIL_INIT;
	struct farley_mail_me me = FARLEY_MAIL_ME_INIT;
	const struct farley_mail_addr **people = NULL;
	size_t n;
	(void)state;
	m.from = from;
	m.nfrom = 1;
	m.to = to;
	m.nto = 4;
	m.cc = cc;
	m.ncc = 2;
	assert_string_equal(farley_mail_direction(&m, &me), "in");
	n = farley_mail_people(&m, &me, &people);
	assert_int_equal(n, 4); /* me counts while I am not known */
	free(people);

	farley_mail_me_add(&me, "me@here.example");
	assert_string_equal(farley_mail_direction(&m, &me), "out");
	n = farley_mail_people(&m, &me, &people);
	assert_int_equal(n, 3);
	assert_string_equal(people[0]->name, "Jane");
	assert_string_equal(people[1]->email, "bob@acme.example");
	assert_string_equal(people[2]->email, "carl@other.example");
	free(people);

	/* to me: in; nobody but me: no people */
	m.from = &to[0];
	assert_string_equal(farley_mail_direction(&m, &me), "in");
	m.from = from;
	m.to = &to[1];
	m.nto = 1;
	m.ncc = 0;
	n = farley_mail_people(&m, &me, &people);
	assert_int_equal(n, 0);
	free(people);
	m.nfrom = 0;
	assert_string_equal(farley_mail_direction(&m, &me), "in");
	farley_mail_me_release(&me);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_a_line),
		cmocka_unit_test(missing_fields_are_empty),
		cmocka_unit_test(bad_lines_are_refused),
		cmocka_unit_test(summaries_are_one_line),
		cmocka_unit_test(bodies_name_attachments),
		cmocka_unit_test(my_addresses),
		cmocka_unit_test(direction_and_people),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
