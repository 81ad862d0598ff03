/* yamlrec: the record reader, and the promise of format-preserving edits.
 *
 * Input: three header bytes, then a record file.
 *   byte 0: the kind (% 5) and which field to edit (>> 3)
 *   byte 1: the edit (% 4: set a scalar, remove, set a list, add a field)
 *   byte 2: how many of the next bytes are the new value
 *
 * Every input is parsed.  When it reads as a record, one field is edited
 * and the property checked: the edit succeeds, reading the result gives
 * exactly the intended fields, and every byte outside the edited field's
 * span is the original's. */
#include "fuzz.h"

#include "farley/config.h"
#include "farley/ids.h"
#include "farley/yamlrec.h"

static int fields_match(const struct farley_record *a,
			const struct farley_record *b)
{
	if (a->nfields != b->nfields)
		return 0;
	for (size_t i = 0; i < a->nfields; i++) {
		struct farley_field *f = farley_record_get(b, a->fields[i].key);
		if (!f || !farley_field_equal(&a->fields[i], f))
			return 0;
	}
	return 1;
}

/* A value `farley set` would have let through for field key. */
static int value_ok(enum farley_kind kind, const char *key, const char *v)
{
	const struct farley_fielddef *d = farley_schema_field(kind, key);
	const char *why;
	if (!*v || farley_utf8_invalid(v, strlen(v)) != (size_t)-1)
		return 0;
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t')
			return 0;
	if (d->type == FT_CUSTOM || d->type == FT_TEXT)
		return 1;
	if (strchr(v, '\n') || strchr(v, '\t'))
		return 0;
	return farley_value_check(d->type, v, NULL, &why) == 0;
}

static struct farley_config cfg;
static int cfg_ready;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct farley_record orig = FARLEY_RECORD_INIT, want = FARLEY_RECORD_INIT;
	struct farley_record back = FARLEY_RECORD_INIT;
	struct farley_error err = FARLEY_ERROR_INIT;
	struct strbuf out = STRBUF_INIT;
	enum farley_kind kind;
	size_t vlen, sel, span = 0;
	char *value, *key = NULL;
	const char *text;
	size_t len;
	int op, checked = 1, valid;

	if (size < 3)
		return 0;
	kind = (enum farley_kind)(data[0] % FARLEY_NKINDS);
	sel = data[0] >> 3;
	op = data[1] % 4;
	vlen = data[2];
	if (vlen > size - 3)
		vlen = size - 3;
	value = fuzz_str(data + 3, vlen);
	text = (const char *)data + 3 + vlen;
	len = size - 3 - vlen;

	orig.kind = kind;
	orig.path = xstrdup("records/fu/fuzz.yaml");
	if (farley_yaml_parse(&orig, text, len, &err) || !orig.nfields)
		goto out;
	if (!cfg_ready) {
		farley_config_defaults(&cfg);
		cfg_ready = 1;
	}
	/* the promises are for records farley takes: one that does not
	 * validate (a key that is no field name, a date that is none) is
	 * reported, never edited; it is still read and edited here, for the
	 * sanitizers */
	farley_error_clear(&err);
	valid = farley_record_validate(&orig, &cfg, &err) == 0;
	{
		/* the canonical form of what was read reads the same */
		struct strbuf canon = STRBUF_INIT;
		farley_yaml_write(&canon, &orig);
		back.kind = kind;
		back.path = xstrdup(orig.path);
		farley_error_clear(&err);
		if (!farley_yaml_parse(&back, canon.buf, canon.len, &err) && valid)
			FUZZ_ASSERT(fields_match(&back, &orig));
		strbuf_release(&canon);
		farley_record_release(&back);
		farley_error_clear(&err);
	}

	farley_record_copy(&want, &orig);
	{
		const struct farley_field *f = &orig.fields[sel % orig.nfields];
		key = xstrdup(f->key);
		span = f->end - f->start;
	}
	switch (op) {
	case 0:
		checked = value_ok(kind, key, value);
		farley_record_set_str(&want, key, value);
		break;
	case 1:
		/* a record of no fields is no record: nothing to read back */
		checked = orig.nfields > 1;
		farley_record_remove(&want, key);
		break;
	case 2: {
		const char *items[2] = { value, "fuzz" };
		const struct farley_fielddef *d = farley_schema_field(kind, key);
		checked = value_ok(kind, key, value) && !strchr(value, '\n') &&
			  (d->type == FT_CUSTOM || farley_ftype_is_list(d->type));
		farley_record_set_list(&want, key, items, 2);
		break;
	}
	default:
		free(key);
		key = xstrdup("fuzz_extra");
		span = 0;
		checked = value_ok(kind, key, value) && !farley_record_get(&orig, key);
		farley_record_set_str(&want, key, value);
		break;
	}
	if (!valid)
		checked = 0;
	farley_error_clear(&err);
	if (farley_yaml_edit(&orig, &want, &out, &err)) {
		FUZZ_ASSERT(!checked);
		goto out;
	}
	if (!checked)
		goto out;

	/* the result reads back as exactly the fields wanted */
	back.kind = kind;
	back.path = xstrdup(orig.path);
	farley_error_clear(&err);
	FUZZ_ASSERT(farley_yaml_parse(&back, out.buf, out.len, &err) == 0);
	FUZZ_ASSERT(fields_match(&back, &want));

	/* and outside the edited field's span, byte for byte the original */
	if (!orig.flow_doc) {
		size_t pre = 0, suf = 0, min = len < out.len ? len : out.len;
		while (pre < min && text[pre] == out.buf[pre])
			pre++;
		while (suf < min - pre &&
		       text[len - 1 - suf] == out.buf[out.len - 1 - suf])
			suf++;
		if (pre + suf + span < len) {
			fprintf(stderr, "edit of '%s' changed bytes outside it:\n"
				"--- before\n%.*s\n--- after\n%s\n", key,
				(int)len, text, out.buf);
			abort();
		}
	}
out:
	free(key);
	free(value);
	strbuf_release(&out);
	farley_record_release(&orig);
	farley_record_release(&want);
	farley_record_release(&back);
	farley_error_clear(&err);
	return 0;
}
