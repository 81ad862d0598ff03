#!/bin/sh
# farley check validates every record and every reference.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add contact "Jane Doe" company=acme-gmbh >/dev/null
'

test_expect_success 'a good repository passes' '
	cd crm && farley check 2>err && grep "2 records: 0 errors" err
'

test_expect_success 'a YAML syntax error is named with path:line:column' '
	cd crm &&
	printf "name: Broken\ntags: [a, b\n" >companies/ac/broken.yaml &&
	test_expect_code 1 farley check 2>err &&
	grep "^farley: error: companies/ac/broken.yaml:[0-9]*:[0-9]*: invalid YAML" err
'

test_expect_success 'a value with printf directives is shown as written (no format string)' '
	cd crm &&
	mkdir -p deals/pc &&
	printf "title: Pct\nstage: lead\nvalue: \"%%n%%s%%s%%n\"\n" >deals/pc/pct.yaml &&
	test_expect_code 1 farley check 2>err &&
	grep "deals/pc/pct.yaml:3:8: .value.: .%n%s%s%n. is not an amount" err &&
	rm -r deals/pc
'

test_expect_success 'a missing reference and a wrong kind are reported with line' '
	cd crm && rm companies/ac/broken.yaml &&
	printf "name: Ghost\ncompany: nobody\n" >contacts/ja/ghost.yaml &&
	printf "name: Wrong\ncompany: jane-doe\n" >contacts/ja/wrong.yaml &&
	test_expect_code 1 farley check 2>err &&
	grep "contacts/ja/ghost.yaml:2: company: no record .nobody." err &&
	grep "contacts/ja/wrong.yaml:2: company: .jane-doe. is a contact, not a company" err &&
	rm contacts/ja/ghost.yaml contacts/ja/wrong.yaml
'

test_expect_success 'type errors name the value'"'"'s position' '
	cd crm &&
	mkdir -p deals && printf "title: X\nstage: lead\nvalue: 12.345\n" >deals/x.yaml &&
	test_expect_code 1 farley check 2>err &&
	grep "deals/x.yaml:3:8: .value.: .12.345. is not an amount" err &&
	rm deals/x.yaml
'

test_expect_success 'hand-placed files are read; misplaced ones are pointed out' '
	cd crm &&
	printf "name: Flat Co\n" >companies/flat-co.yaml &&
	farley check 2>err &&
	grep "warning: companies/flat-co.yaml: not where farley would put it (.companies/fl/flat-co.yaml.)" err &&
	test_must_fail farley show flat-co 2>err &&
	farley index -q && farley show flat-co --format=ids &&
	rm companies/flat-co.yaml && farley index -q
'

test_expect_success 'two records with one id and invalid ids are errors' '
	cd crm &&
	printf "name: Dup\n" >contacts/ja/acme-gmbh.yaml &&
	printf "name: Bad\n" >companies/ac/Bad_Id.yaml &&
	test_expect_code 1 farley check 2>err &&
	grep "id .acme-gmbh. is also used" err &&
	grep "Bad_Id.* not a valid id" err &&
	rm contacts/ja/acme-gmbh.yaml companies/ac/Bad_Id.yaml && farley check
'

test_expect_success 'conflict markers left by a merge are reported' '
	cd crm &&
	cp contacts/ja/jane-doe.yaml saved &&
	printf "<<<<<<< ours\ntitle: CEO\n=======\ntitle: CTO\n>>>>>>> theirs\n" >>contacts/ja/jane-doe.yaml &&
	test_expect_code 1 farley check 2>err &&
	grep "contacts/ja/jane-doe.yaml:[0-9]*:[0-9]*:" err &&
	cp saved contacts/ja/jane-doe.yaml
'

test_done
