#!/bin/sh
# farley rm deletes a record, but not one that others still reference.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add contact "Jane Doe" company=acme-gmbh >/dev/null &&
	farley add company "Lonely Ltd" >/dev/null
'

test_expect_success 'an unreferenced record is removed in one commit' '
	cd crm && farley rm lonely &&
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
	grep "still references" err &&
	test_must_fail farley check 2>err && grep "no record .acme-gmbh." err
'

test_expect_success 'rm of an unknown id fails' '
	cd crm && test_expect_code 1 farley rm nobody && test_expect_code 2 farley rm
'

test_expect_success 'rm --no-commit stages the deletion' '
	cd crm && farley add company "Temp Co" >/dev/null &&
	farley rm temp-co --no-commit &&
	git status --porcelain --untracked-files=no >st &&
	echo "D  companies/te/temp-co.yaml" >expect && test_cmp expect st
'

test_done
