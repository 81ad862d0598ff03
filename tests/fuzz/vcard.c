/* vcard: the vCard reader, and what import does with each value.
 *
 * Input: a .vcf file, read from a memory stream with a 64 KiB card limit.
 * Every property goes through the value helpers (parameters, types,
 * preference, splitting, unescaping, names, dates) and back through the
 * writer, whose folded lines must unfold to what went in. */
#include "fuzz.h"

#include "farley/vcard.h"

static void unfold_check(const char *name, const char *value)
{
	struct strbuf line = STRBUF_INIT, out = STRBUF_INIT, back = STRBUF_INIT;
	strbuf_addstr(&line, name);
	strbuf_addch(&line, ':');
	farley_vcard_escape(&line, value);
	farley_vcard_line(&out, line.buf, line.len);
	/* unfold: CRLF and one blank go; every piece ends CRLF */
	for (size_t i = 0; i < out.len; i++) {
		if (out.buf[i] == '\r' && i + 1 < out.len && out.buf[i + 1] == '\n') {
			i++;
			if (i + 1 < out.len && out.buf[i + 1] == ' ')
				i++;
			continue;
		}
		strbuf_addch(&back, out.buf[i]);
	}
	FUZZ_ASSERT(out.len >= 2 && out.buf[out.len - 2] == '\r' &&
		    out.buf[out.len - 1] == '\n');
	FUZZ_ASSERT(back.len == line.len && !memcmp(back.buf, line.buf, line.len));
	strbuf_release(&line);
	strbuf_release(&out);
	strbuf_release(&back);
}

static void take_prop(const struct farley_vcard_prop *p)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n;
	char **parts;

	FUZZ_ASSERT(p->name && p->value);
	farley_vcard_param(p, "CHARSET");
	farley_vcard_has_type(p, "work");
	FUZZ_ASSERT(farley_vcard_pref(p) >= 0 && farley_vcard_pref(p) <= 100);
	farley_vcard_unescape(&sb, p->value, strlen(p->value));
	strbuf_reset(&sb);
	parts = farley_vcard_split(p->value, ';', 0, &n);
	farley_vcard_parts_free(parts, n);
	parts = farley_vcard_split(p->value, ',', 1, &n);
	farley_vcard_parts_free(parts, n);
	if (!strcmp(p->name, "N")) {
		free(farley_vcard_name_from_n(p->value));
	} else if (!strcmp(p->name, "FN")) {
		struct farley_vcard_name nm;
		farley_vcard_name_split(p->value, &nm);
		FUZZ_ASSERT(nm.family && nm.given && nm.additional && nm.prefix &&
			    nm.suffix);
		farley_vcard_name_release(&nm);
	} else if (!strcmp(p->name, "BDAY") || !strcmp(p->name, "ANNIVERSARY")) {
		farley_vcard_date(p->value, &sb);
	} else if (!strcmp(p->name, "UID")) {
		farley_vcard_uid_is_farleys(p->value);
	}
	if (strlen(p->value) < 4096)
		unfold_check(p->name, p->value);
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct farley_vcard_reader *rd = NULL;
	struct farley_error err = FARLEY_ERROR_INIT;
	FILE *f;
	int ret;

	if (size == 0)
		return 0;
	if (!(f = fmemopen((void *)data, size, "r")))
		return 0;
	farley_vcard_open(&rd, f, "fuzz.vcf", 64 << 10);
	for (;;) {
		struct farley_vcard card;
		memset(&card, 0, sizeof(card));
		ret = farley_vcard_next(rd, &card, &err);
		if (ret != 1)
			break;
		for (size_t i = 0; i < card.n; i++)
			take_prop(&card.props[i]);
		farley_vcard_release(&card);
	}
	FUZZ_ASSERT(ret == 0 || err.msg);
	farley_vcard_close(rd);
	fclose(f);
	farley_error_clear(&err);
	return 0;
}
