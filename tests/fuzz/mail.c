/* mail: one line of farley-mbox's NDJSON, and what an interaction takes
 * from it (summary, body, direction, correspondents). */
#include "fuzz.h"

#include "farley/ids.h"
#include "farley/mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct farley_mail m = FARLEY_MAIL_INIT;
	struct farley_mail_me me = FARLEY_MAIL_ME_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	struct strbuf sb = STRBUF_INIT;
	const struct farley_mail_addr **people = NULL;
	const char *dir;
	size_t n;

	if (farley_mail_parse(&m, (const char *)data, size, &err)) {
		FUZZ_ASSERT(err.msg && *err.msg);
		goto out;
	}
	FUZZ_ASSERT(m.date && m.subject && m.body);
	farley_mail_summary(&sb, &m);
	/* one line, never empty */
	FUZZ_ASSERT(sb.len > 0 && !memchr(sb.buf, '\n', sb.len));
	strbuf_reset(&sb);
	farley_mail_body(&sb, &m);
	farley_mail_me_add(&me, "Me <me@example.org>, other@example.org");
	dir = farley_mail_direction(&m, &me);
	FUZZ_ASSERT(!strcmp(dir, "in") || !strcmp(dir, "out"));
	n = farley_mail_people(&m, &me, &people);
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT(people[i]->email && !farley_mail_me_has(&me, people[i]->email));
	free(people);
out:
	farley_mail_release(&m);
	farley_mail_me_release(&me);
	strbuf_release(&sb);
	farley_error_clear(&err);
	return 0;
}
