/* u-assign.c: FIELD=VALUE rules, typed normalisation and reference
 * checks, without a repository (the resolver is a fake). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "farley/assign.h"
#include "farley/date.h"

static struct farley_config cfg;

/* The fake repository: one company "acme-gmbh", one deal "acme-renewal". */
static int resolve(void *data, const char *field, const char *value,
		   enum farley_kind want, char **id, struct farley_error *err)
{
	int *calls = data;
	(*calls)++;
	if (want == FARLEY_COMPANY && !strncmp("acme-gmbh", value, strlen(value))) {
		*id = strdup("acme-gmbh");
		return 0;
	}
	return farley_error_set(err, FARLEY_EINVAL, "%s: no %s '%s'", field,
				farley_kind_name(want), value);
}

/* Apply one assignment; the error code (0 when it worked). */
static int apply(struct farley_record *r, const char *arg, struct strbuf *desc,
		 int *calls)
{
	struct farley_assign a;
	struct farley_assign_env env = { &cfg, resolve, calls };
	struct farley_error err = FARLEY_ERROR_INIT;
	int ret;
	assert_int_equal(farley_assign_parse(arg, &a), 0);
	ret = farley_assign_apply(&env, r, &a, desc, &err);
	farley_assign_release(&a);
	farley_error_clear(&err);
	return ret;
}

static void parse_forms(void **state)
{
	struct farley_assign a;
	(void)state;
	assert_int_equal(farley_assign_parse("stage=won", &a), 0);
	assert_string_equal(a.field, "stage");
	assert_int_equal(a.op, FARLEY_ASSIGN_SET);
	assert_string_equal(a.value, "won");
	farley_assign_release(&a);
	assert_int_equal(farley_assign_parse("tags+=vip", &a), 0);
	assert_int_equal(a.op, FARLEY_ASSIGN_ADD);
	assert_string_equal(a.field, "tags");
	farley_assign_release(&a);
	assert_int_equal(farley_assign_parse("tags-=vip", &a), 0);
	assert_int_equal(a.op, FARLEY_ASSIGN_DEL);
	farley_assign_release(&a);
	assert_int_equal(farley_assign_parse("title=", &a), 0);
	assert_string_equal(a.value, "");
	farley_assign_release(&a);
	/* the value may hold '=' itself */
	assert_int_equal(farley_assign_parse("notes=a=b", &a), 0);
	assert_string_equal(a.value, "a=b");
	farley_assign_release(&a);
	assert_int_equal(farley_assign_parse("novalue", &a), -1);
	assert_int_equal(farley_assign_parse("=x", &a), -1);
	assert_int_equal(farley_assign_parse("+=x", &a), -1);
}

static void typed_values_are_normalised(void **state)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct strbuf desc = STRBUF_INIT;
	int calls = 0;
	(void)state;
	r.kind = FARLEY_DEAL;
	farley_record_set_str(&r, "title", "Big");
	farley_pretend_today(farley_days_from_civil(2026, 11, 27));
	assert_int_equal(apply(&r, "value=12000.5", &desc, &calls), 0);
	assert_string_equal(farley_record_str(&r, "value"), "12000.50");
	assert_int_equal(apply(&r, "probability=.25", &desc, &calls), 0);
	assert_string_equal(farley_record_str(&r, "probability"), "0.25");
	assert_int_equal(apply(&r, "close=today+3d", &desc, &calls), 0);
	assert_string_equal(farley_record_str(&r, "close"), "2026-11-30");
	assert_string_equal(desc.buf, "value 12000.50, probability 0.25, close 2026-11-30");
	/* refused values leave the record as it was */
	assert_int_equal(apply(&r, "value=12.345", &desc, &calls), FARLEY_EINVAL);
	assert_string_equal(farley_record_str(&r, "value"), "12000.50");
	assert_int_equal(apply(&r, "close=2026-02-30", &desc, &calls), FARLEY_EINVAL);
	assert_int_equal(apply(&r, "stage=nonsense", &desc, &calls), FARLEY_EINVAL);
	assert_int_equal(apply(&r, "title=two\nlines", &desc, &calls), FARLEY_EINVAL);
	assert_string_equal(farley_record_str(&r, "title"), "Big");
	strbuf_release(&desc);
	farley_record_release(&r);
}

static void scalar_changes_are_described(void **state)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct strbuf desc = STRBUF_INIT;
	int calls = 0;
	(void)state;
	r.kind = FARLEY_DEAL;
	farley_record_set_str(&r, "title", "Big");
	farley_record_set_str(&r, "stage", "lead");
	assert_int_equal(apply(&r, "stage=won", &desc, &calls), 0);
	assert_string_equal(desc.buf, "stage lead -> won");
	strbuf_reset(&desc);
	assert_int_equal(apply(&r, "title=", &desc, &calls), FARLEY_EINVAL);
	strbuf_reset(&desc);
	/* removing: not for required fields */
	assert_int_equal(apply(&r, "title=", &desc, &calls), FARLEY_EINVAL);
	assert_int_equal(apply(&r, "stage=", &desc, &calls), FARLEY_EINVAL);
	assert_int_equal(apply(&r, "owner=bob", &desc, &calls), 0);
	assert_int_equal(apply(&r, "owner=", &desc, &calls), 0);
	assert_null(farley_record_get(&r, "owner"));
	assert_string_equal(desc.buf, "owner bob, owner removed");
	strbuf_release(&desc);
	farley_record_release(&r);
}

static void lists_add_remove_and_set(void **state)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct strbuf desc = STRBUF_INIT;
	struct farley_field *f;
	int calls = 0;
	(void)state;
	r.kind = FARLEY_CONTACT;
	farley_record_set_str(&r, "name", "Jane");
	assert_int_equal(apply(&r, "tags+=vip", &desc, &calls), 0);
	assert_int_equal(apply(&r, "tags+=berlin, vip ,new", &desc, &calls), 0);
	f = farley_record_get(&r, "tags");
	assert_non_null(f);
	assert_int_equal(f->nitems, 3); /* vip once */
	assert_string_equal(f->items[0].s, "vip");
	assert_string_equal(f->items[1].s, "berlin");
	assert_string_equal(f->items[2].s, "new");
	assert_int_equal(apply(&r, "tags-=berlin", &desc, &calls), 0);
	assert_int_equal(farley_record_get(&r, "tags")->nitems, 2);
	assert_int_equal(apply(&r, "tags=a,b", &desc, &calls), 0);
	f = farley_record_get(&r, "tags");
	assert_int_equal(f->nitems, 2);
	assert_string_equal(f->items[0].s, "a");
	/* removing the last item removes the field */
	assert_int_equal(apply(&r, "tags-=a", &desc, &calls), 0);
	assert_int_equal(apply(&r, "tags-=b", &desc, &calls), 0);
	assert_null(farley_record_get(&r, "tags"));
	/* a scalar is not a list */
	assert_int_equal(apply(&r, "title+=x", &desc, &calls), FARLEY_EUSAGE);
	/* a new custom field with += becomes a list */
	assert_int_equal(apply(&r, "hobbies+=chess", &desc, &calls), 0);
	assert_int_equal(farley_record_get(&r, "hobbies")->type, FARLEY_V_LIST);
	strbuf_release(&desc);
	farley_record_release(&r);
}

static void references_go_through_the_resolver(void **state)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct strbuf desc = STRBUF_INIT;
	int calls = 0;
	(void)state;
	r.kind = FARLEY_CONTACT;
	farley_record_set_str(&r, "name", "Jane");
	assert_int_equal(apply(&r, "company=acme", &desc, &calls), 0);
	assert_string_equal(farley_record_str(&r, "company"), "acme-gmbh");
	assert_int_equal(calls, 1);
	assert_int_equal(apply(&r, "company=globex", &desc, &calls), FARLEY_EINVAL);
	assert_string_equal(farley_record_str(&r, "company"), "acme-gmbh");
	/* a custom field is never looked up */
	assert_int_equal(apply(&r, "partner=globex", &desc, &calls), 0);
	assert_int_equal(calls, 2);
	strbuf_release(&desc);
	farley_record_release(&r);
}

static void addresses_part_by_part(void **state)
{
	struct farley_record r = FARLEY_RECORD_INIT;
	struct strbuf desc = STRBUF_INIT;
	struct farley_field *f;
	int calls = 0;
	(void)state;
	r.kind = FARLEY_COMPANY;
	farley_record_set_str(&r, "name", "Acme");
	assert_int_equal(apply(&r, "address.city=Berlin", &desc, &calls), 0);
	assert_int_equal(apply(&r, "address.street=Main St 1", &desc, &calls), 0);
	f = farley_record_get(&r, "address");
	assert_int_equal(f->type, FARLEY_V_MAP);
	assert_int_equal(f->nsub, 2);
	assert_int_equal(apply(&r, "address=x", &desc, &calls), FARLEY_EUSAGE);
	assert_int_equal(apply(&r, "address.city=", &desc, &calls), 0);
	assert_int_equal(apply(&r, "address.street=", &desc, &calls), 0);
	assert_null(farley_record_get(&r, "address"));
	/* bad names are usage errors */
	assert_int_equal(apply(&r, "Bad=1", &desc, &calls), FARLEY_EUSAGE);
	assert_int_equal(apply(&r, "id=x", &desc, &calls), FARLEY_EUSAGE);
	strbuf_release(&desc);
	farley_record_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_forms),
		cmocka_unit_test(typed_values_are_normalised),
		cmocka_unit_test(scalar_changes_are_described),
		cmocka_unit_test(lists_add_remove_and_set),
		cmocka_unit_test(references_go_through_the_resolver),
		cmocka_unit_test(addresses_part_by_part),
	};
	farley_config_defaults(&cfg);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
