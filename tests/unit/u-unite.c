/* u-unite.c: farley merge's field rules and reference rewriting, in
 * memory: which value wins, what is a conflict, lists as sets, references
 * moved without a duplicate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "farley/unite.h"
#include "farley/yamlrec.h"

static void parse(struct farley_record *r, enum farley_kind kind, const char *id,
		  const char *text)
{
	struct farley_error err = FARLEY_ERROR_INIT;
	r->kind = kind;
	r->id = xstrdup(id);
	r->path = farley_record_path(kind, id, NULL);
	assert_int_equal(farley_yaml_parse(r, text, strlen(text), &err), 0);
	farley_error_clear(&err);
}

/* The text of a field as "a, b" (lists), "k: v, ..." (maps) or the value. */
static const char *text(const struct farley_record *r, const char *key)
{
	static struct strbuf sb = STRBUF_INIT;
	const struct farley_field *f = farley_record_get(r, key);
	strbuf_reset(&sb);
	if (!f)
		return "(none)";
	if (f->type == FARLEY_V_SCALAR)
		return f->v.s ? f->v.s : "(null)";
	for (size_t i = 0; i < f->nitems; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", f->items[i].s);
	for (size_t i = 0; i < f->nsub; i++)
		strbuf_addf(&sb, "%s%s: %s", i ? ", " : "", f->sub[i].key,
			    f->sub[i].v.s);
	return sb.buf;
}

static const struct farley_unite_step *step(const struct farley_unite_plan *p,
					    enum farley_unite_action a,
					    const char *field)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->steps[i].action == a && p->steps[i].field &&
		    !strcmp(p->steps[i].field, field))
			return &p->steps[i];
	return NULL;
}

static size_t count(const struct farley_unite_plan *p, enum farley_unite_action a)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n; i++)
		n += p->steps[i].action == a;
	return n;
}

static const char KEEP[] =
	"name: Jane Doe\n"
	"title: CEO\n"
	"emails:\n  - jane@acme.de\n"
	"phones: [\"030 1234567\"]\n"
	"address:\n  city: Berlin\n"
	"tags: [vip]\n"
	"created: 2026-02-01\n"
	"owner: \"\"\n"
	"score: \"7\"\n";

static const char OTHER[] =
	"name: Jane Doe\n"
	"title: CTO\n"
	"emails:\n  - JANE@acme.de\n  - jd@gmail.com\n"
	"phones:\n  - \"+49 30 1234567\"\n  - \"+49 171 5555555\"\n"
	"address:\n  city: Munich\n  street: Hauptstr. 1\n"
	"tags: vip\n"
	"created: 2025-05-05\n"
	"owner: bob\n"
	"notes: met at the fair\n"
	"score: \"8\"\n"
	"level: gold\n"
	"merged: [old-jane]\n";

static void keep_wins_and_takes_what_it_lacks(void **state)
{
	struct farley_record keep = FARLEY_RECORD_INIT, other = FARLEY_RECORD_INIT;
	struct farley_unite_plan plan = { 0 };
	const struct farley_unite_step *s;
	(void)state;
	parse(&keep, FARLEY_CONTACT, "jane-doe", KEEP);
	parse(&other, FARLEY_CONTACT, "jane-doe-2", OTHER);
	farley_unite_fields(&keep, &other, 0, &plan);

	/* scalars: KEEP's, a conflict each when OTHER differs */
	assert_string_equal(text(&keep, "title"), "CEO");
	assert_string_equal(text(&keep, "score"), "7"); /* custom fields too */
	s = step(&plan, FARLEY_UNITE_CONFLICT, "title");
	assert_non_null(s);
	assert_string_equal(s->value, "CEO");
	assert_string_equal(s->other, "CTO");
	assert_non_null(step(&plan, FARLEY_UNITE_CONFLICT, "score"));
	assert_non_null(step(&plan, FARLEY_UNITE_CONFLICT, "address.city"));
	assert_int_equal(count(&plan, FARLEY_UNITE_CONFLICT), 3);
	/* empty in KEEP ("" or absent): OTHER's, no conflict */
	assert_string_equal(text(&keep, "owner"), "bob");
	assert_string_equal(text(&keep, "notes"), "met at the fair");
	assert_string_equal(text(&keep, "level"), "gold");
	/* lists as sets: KEEP's order, then OTHER's new items; addresses
	 * compared case aside, phone numbers by their national number */
	assert_string_equal(text(&keep, "emails"), "jane@acme.de, jd@gmail.com");
	assert_string_equal(text(&keep, "phones"), "030 1234567, +49 171 5555555");
	s = step(&plan, FARLEY_UNITE_TAKE, "phones");
	assert_non_null(s);
	assert_string_equal(s->value, "+49 171 5555555");
	/* a scalar written for a list is its one item: nothing new */
	assert_string_equal(text(&keep, "tags"), "vip");
	assert_null(step(&plan, FARLEY_UNITE_TAKE, "tags"));
	/* the address part by part */
	assert_string_equal(text(&keep, "address"), "city: Berlin, street: Hauptstr. 1");
	assert_non_null(step(&plan, FARLEY_UNITE_TAKE, "address.street"));
	/* created: the earlier date, no conflict */
	assert_string_equal(text(&keep, "created"), "2025-05-05");
	assert_null(step(&plan, FARLEY_UNITE_CONFLICT, "created"));
	/* merged: OTHER's own, then OTHER */
	assert_string_equal(text(&keep, "merged"), "old-jane, jane-doe-2");
	assert_non_null(step(&plan, FARLEY_UNITE_NOTE, "merged"));
	/* and the result is a valid record */
	{
		struct farley_error err = FARLEY_ERROR_INIT;
		assert_int_equal(farley_record_validate(&keep, NULL, &err), 0);
	}
	farley_unite_plan_release(&plan);
	farley_record_release(&keep);
	farley_record_release(&other);
}

static void prefer_other_turns_conflicts(void **state)
{
	struct farley_record keep = FARLEY_RECORD_INIT, other = FARLEY_RECORD_INIT;
	struct farley_unite_plan plan = { 0 };
	const struct farley_unite_step *s;
	(void)state;
	parse(&keep, FARLEY_CONTACT, "jane-doe", KEEP);
	parse(&other, FARLEY_CONTACT, "jane-doe-2", OTHER);
	farley_unite_fields(&keep, &other, 1, &plan);
	assert_string_equal(text(&keep, "title"), "CTO");
	assert_string_equal(text(&keep, "score"), "8");
	assert_string_equal(text(&keep, "address"), "city: Munich, street: Hauptstr. 1");
	s = step(&plan, FARLEY_UNITE_CONFLICT, "title");
	assert_string_equal(s->value, "CTO");
	assert_string_equal(s->other, "CEO");
	/* lists and the rest as before */
	assert_string_equal(text(&keep, "emails"), "jane@acme.de, jd@gmail.com");
	assert_string_equal(text(&keep, "created"), "2025-05-05");
	farley_unite_plan_release(&plan);
	farley_record_release(&keep);
	farley_record_release(&other);
}

static void nothing_to_take_still_notes_the_merge(void **state)
{
	struct farley_record keep = FARLEY_RECORD_INIT, other = FARLEY_RECORD_INIT;
	struct farley_unite_plan plan = { 0 };
	(void)state;
	parse(&keep, FARLEY_COMPANY, "acme", "name: Acme GmbH\nmerged: old-acme\n");
	parse(&other, FARLEY_COMPANY, "acme-2", "name: Acme GmbH\ndomain:\n");
	farley_unite_fields(&keep, &other, 0, &plan);
	assert_int_equal(plan.n, 1);
	assert_int_equal(plan.steps[0].action, FARLEY_UNITE_NOTE);
	assert_string_equal(text(&keep, "merged"), "old-acme, acme-2");
	assert_string_equal(text(&keep, "domain"), "(none)");
	farley_unite_plan_release(&plan);
	farley_record_release(&keep);
	farley_record_release(&other);
}

static void references_move_without_a_duplicate(void **state)
{
	struct farley_record deal = FARLEY_RECORD_INIT, task = FARLEY_RECORD_INIT,
			     odd = FARLEY_RECORD_INIT;
	struct farley_unite_plan plan = { 0 };
	const struct farley_unite_step *s;
	(void)state;
	parse(&deal, FARLEY_DEAL, "big-deal",
	      "title: Big deal\nstage: lead\ncompany: acme-2\n"
	      "contacts: [ann, jane-doe-2, bob, jane-doe]\nnotes: jane-doe-2\n"
	      "friend: jane-doe-2\n");
	/* a contact id moves in contacts; the company field is untouched,
	 * and so are fields that are no references (notes, custom) */
	assert_int_equal(farley_unite_relink(&deal, "jane-doe-2", "jane-doe", &plan), 1);
	assert_string_equal(text(&deal, "contacts"), "ann, jane-doe, bob");
	assert_string_equal(text(&deal, "notes"), "jane-doe-2");
	assert_string_equal(text(&deal, "friend"), "jane-doe-2");
	assert_string_equal(text(&deal, "company"), "acme-2");
	s = step(&plan, FARLEY_UNITE_RELINK, "contacts");
	assert_string_equal(s->record, "big-deal");
	assert_string_equal(s->value, "jane-doe");
	assert_string_equal(s->other, "jane-doe-2");
	/* merging companies: the company field moves */
	assert_int_equal(farley_unite_relink(&deal, "acme-2", "acme", NULL), 1);
	assert_string_equal(text(&deal, "company"), "acme");
	/* a task's single references */
	parse(&task, FARLEY_TASK, "call-1234",
	      "title: Call\ncontact: jane-doe-2\ncompany: acme\n");
	assert_int_equal(farley_unite_relink(&task, "jane-doe-2", "jane-doe", NULL), 1);
	assert_string_equal(text(&task, "contact"), "jane-doe");
	/* a list written as one scalar, and nothing to move */
	parse(&odd, FARLEY_INTERACTION, "20260101-x-1234",
	      "date: 2026-01-01\nchannel: note\nsummary: x\ncontacts: jane-doe-2\n");
	assert_int_equal(farley_unite_relink(&odd, "jane-doe-2", "jane-doe", NULL), 1);
	assert_string_equal(text(&odd, "contacts"), "jane-doe");
	assert_int_equal(farley_unite_relink(&odd, "nobody", "jane-doe", NULL), 0);
	farley_unite_plan_release(&plan);
	farley_record_release(&deal);
	farley_record_release(&task);
	farley_record_release(&odd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keep_wins_and_takes_what_it_lacks),
		cmocka_unit_test(prefer_other_turns_conflicts),
		cmocka_unit_test(nothing_to_take_still_notes_the_merge),
		cmocka_unit_test(references_move_without_a_duplicate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
