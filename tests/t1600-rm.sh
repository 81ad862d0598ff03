#!/bin/sh
# farley rm deletes a record, but not one that others still reference.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add contact "Jane Doe" company=acme-gmbh >/dev/null &&
	farley add company "Lonely Ltd" >/dev/null
'

test_expect_success 'a prefix is not enough: did you mean, and nothing removed' '
	cd crm && head=$(git rev-parse HEAD) &&
	test_expect_code 1 farley rm lonely 2>err &&
	grep "did you mean .lonely-ltd.?" err &&
	test -f companies/lo/lonely-ltd.yaml && test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'an unreferenced record is removed in one commit, and said so' '
	cd crm && farley rm lonely-ltd 2>err &&
	grep "^farley: removed company lonely-ltd (Lonely Ltd)$" err &&
	! test -e companies/lo/lonely-ltd.yaml &&
	git log -1 --format=%s >msg &&
	echo "rm company lonely-ltd (Lonely Ltd)" >expect && test_cmp expect msg &&
	test_clean
'

test_expect_success 'a referenced record is refused, naming who references it' '
	cd crm && head=$(git rev-parse HEAD) &&
	test_expect_code 1 farley rm acme-gmbh 2>err &&
	grep "referenced by 1 record" err && grep "jane-doe (contact)" err &&
	test -f companies/ac/acme-gmbh.yaml &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success '--force removes it anyway and says what is left dangling' '
	cd crm && farley rm --force acme-gmbh 2>err &&
	! test -e companies/ac/acme-gmbh.yaml &&
	grep "1 record still refers to what was removed" err &&
	test_must_fail farley check 2>err && grep "no record .acme-gmbh." err
'

test_expect_success 'rm of an unknown id fails' '
	cd crm && test_expect_code 1 farley rm nobody && test_expect_code 2 farley rm
'

test_expect_success 'several ids go in one commit; a reference between them is no obstacle' '
	cd crm && farley add company "One Co" >/dev/null && farley add company "Two Co" >/dev/null &&
	farley add contact "Three" company=one-co >/dev/null &&
	n=$(git rev-list --count HEAD) &&
	farley rm one-co two-co three 2>err &&
	test $(git rev-list --count HEAD) -eq $((n + 1)) &&
	git log -1 --format=%s >msg && echo "rm one-co, two-co, three" >expect && test_cmp expect msg &&
	test ! -e companies/on/one-co.yaml && test ! -e contacts/th/three.yaml && test_clean
'

test_expect_success 'one bad id among several removes none' '
	cd crm && farley add company "Four Co" >/dev/null && head=$(git rev-parse HEAD) &&
	test_expect_code 1 farley rm four-co nobody &&
	test -f companies/fo/four-co.yaml && test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'rm --no-commit stages the deletion' '
	cd crm && farley add company "Temp Co" >/dev/null &&
	farley rm temp-co --no-commit 2>/dev/null &&
	git status --porcelain --untracked-files=no >st &&
	echo "D  companies/te/temp-co.yaml" >expect && test_cmp expect st
'

test_done
