#!/bin/sh
# farley dupes finds every planted duplicate of a generated set (e-mail in
# other case, phone formats, accents and ß, reversed names, near names at
# one company, legal forms, near company names, a domain as a web address)
# with at most a few false pairs, and says so in every output format.
. "$(dirname "$0")/lib.sh"

GEN="$SRC_DIR/bench/gen_dupes.py"

# score KIND: recall and false pairs of dupes.json against planted.json
cat >score.py <<'EOF'
import json, sys
kind = sys.argv[1]
planted = json.load(open("planted.json"))
want = {tuple(p) for p in planted[kind]}
decoys = {tuple(p) for p in planted["decoys"]}
rows = json.load(open("dupes.json"))
got = {(r["a"], r["b"]) for r in rows}
assert len(got) == len(rows), "a pair listed twice"
for r in rows:
    assert r["a"] < r["b"], r
    assert 0 < r["score"] <= 1, r
    assert r["reason"] and r["a_name"] and r["b_name"], r
missing = want - got
false = got - want
print("%s: %d planted, %d found, %d missing, %d false" % (
    kind, len(want), len(want & got), len(missing), len(false)))
assert not missing, "missed: %s" % sorted(missing)
assert len(false) <= 3, "false pairs: %s" % sorted(false)
assert not (got & decoys), "decoys paired: %s" % sorted(got & decoys)
scores = [r["score"] for r in rows]
assert scores == sorted(scores, reverse=True), "not best first"
EOF

test_expect_success 'setup: 200 contacts with 25 planted pairs, and decoys' '
	$PYTHON "$GEN" crm --contacts 200 --seed 7 --planted planted.json >gen.out &&
	grep "25 + 3 planted pairs" gen.out &&
	(cd crm && farley index >/dev/null && farley check 2>/dev/null)
'

test_expect_success 'every planted contact pair is found, at most 3 false, no decoy' '
	(cd crm && farley dupes --format=json) >dupes.json &&
	$PYTHON score.py contacts
'

test_expect_success 'contacts are what dupes looks at by default' '
	(cd crm && farley dupes contacts --format=json) >explicit.json &&
	test_cmp dupes.json explicit.json
'

test_expect_success 'every planted company pair is found (legal form, near name, domain)' '
	(cd crm && farley dupes companies --format=json) >dupes.json &&
	$PYTHON score.py companies &&
	grep "\"reason\": \"domain\"" dupes.json
'

test_expect_success 'other seeds: still every pair, still at most 3 false' '
	for seed in 11 23; do
		rm -rf s$seed &&
		$PYTHON "$GEN" s$seed --contacts 200 --seed $seed --planted planted.json >/dev/null &&
		(cd s$seed && farley dupes --format=json) >dupes.json &&
		$PYTHON score.py contacts &&
		(cd s$seed && farley dupes companies --format=json) >dupes.json &&
		$PYTHON score.py companies || exit 1
	done
'

test_expect_success 'every reason, with its names and score' '
	farley init kinds >/dev/null && cd kinds &&
	farley add company "Acme GmbH" domain=acme.de >/dev/null &&
	farley add company "ACME Inc." >/dev/null &&
	farley add company "Acme Deutschland" domain=https://www.acme.de/impressum >/dev/null &&
	farley add company "Initech" emails=info@gmail.com >/dev/null &&
	farley add company "Globex" emails=hello@gmail.com >/dev/null &&
	farley add contact "Jane Doe" company=acme-gmbh emails=Jane.Doe@ACME.de >/dev/null &&
	farley add contact "Doe, Jane" company=acme-gmbh >/dev/null &&
	farley add contact "J. Doe" emails=jane.doe@acme.de >/dev/null &&
	farley add contact "Jürgen Weiß" company=initech phones="+49 30 1234567" >/dev/null &&
	farley add contact "Juergen Weiss" phones="(030) 123-4567" >/dev/null &&
	farley add contact "Jon Smith" company=initech >/dev/null &&
	farley add contact "John Smith" company=initech >/dev/null &&
	farley dupes --format=tsv >tsv &&
	cat >expect <<-\EOF &&
	score	a	b	reason	a_name	b_name
	0.95	j-doe	jane-doe	email	J. Doe	Jane Doe
	0.90	doe-jane	jane-doe	name	Doe, Jane	Jane Doe
	0.85	juergen-weiss	jurgen-weiss	phone	Juergen Weiss	Jürgen Weiß
	0.84	john-smith	jon-smith	near-name	John Smith	Jon Smith
	EOF
	test_cmp expect tsv &&
	farley dupes companies --format=tsv >tsv &&
	cat >expect <<-\EOF &&
	score	a	b	reason	a_name	b_name
	0.90	acme-gmbh	acme-inc	name	Acme GmbH	ACME Inc.
	0.85	acme-deutschland	acme-gmbh	domain	Acme Deutschland	Acme GmbH
	EOF
	test_cmp expect tsv
'

test_expect_success 'the same name at two companies, or a shared domain, is no pair' '
	cd kinds &&
	farley add contact "Max Muster" company=acme-gmbh emails=max@contractor.example >/dev/null &&
	farley add contact "Max Muster" company=globex >/dev/null &&
	farley add contact "Eva Other" company=globex emails=eva@contractor.example >/dev/null &&
	farley add contact "Tom Tester" company=globex >/dev/null &&
	farley add contact "Tim Tester" company=globex >/dev/null &&
	farley dupes --format=tsv >tsv &&
	! grep -e max-muster -e eva-other -e tester tsv &&
	farley add contact "Max Muster" >/dev/null &&
	farley dupes --format=tsv >tsv &&
	grep "max-muster	max-muster-3	name" tsv &&
	grep "max-muster-2	max-muster-3	name" tsv
'

test_expect_success 'a pair found for several reasons is listed once, with all of them' '
	cd kinds &&
	farley set juergen-weiss emails=JW@initech.example company=initech >/dev/null &&
	farley set jurgen-weiss emails=jw@initech.example >/dev/null &&
	farley dupes --format=csv >csv &&
	grep -c "jurgen-weiss" csv >n && echo 1 >expect && test_cmp expect n &&
	grep "^0.95,juergen-weiss,jurgen-weiss,\"email, phone, near-name\"," csv
'

test_expect_success 'a company of more than 300 contacts is searched in blocks' '
	farley init big >/dev/null &&
	$PYTHON - <<-\EOF &&
	import os
	first = "Adam Berta Cecil Dora Emil Frida Gustav Hedda Igor Jutta".split()
	last = "Amsel Birke Dachs Eiche Fink Gans Hirsch Igel Kauz Lerche".split()
	os.makedirs("big/contacts/xx")
	os.makedirs("big/companies/xx")
	n = 0
	for a in range(10):
	    for b in range(10):
	        for c in range(4):
	            name = "%s %s%s" % (first[a], last[b], ["hof", "berg", "tal", "feld"][c])
	            open("big/contacts/xx/p%d.yaml" % n, "w").write(
	                "name: %s\ncompany: bigco\n" % name)
	            n += 1
	open("big/contacts/xx/dup1.yaml", "w").write("name: Cecil Dachsbreg\ncompany: bigco\n")
	open("big/contacts/xx/dup2.yaml", "w").write("name: Guustav Finkhof\ncompany: bigco\n")
	open("big/contacts/xx/dup3.yaml", "w").write("name: Frida Fuinkhof\ncompany: bigco\n")
	open("big/contacts/xx/dup4.yaml", "w").write("name: Gustav Finkhof\ncompany: other\n")
	open("big/companies/xx/bigco.yaml", "w").write("name: Big Co\n")
	open("big/companies/xx/other.yaml", "w").write("name: Other\n")
	EOF
	cd big && git add . && git commit -q -m contacts && farley index >/dev/null &&
	farley dupes --format=csv >csv &&
	grep ",dup1,p89,near-name," csv &&
	grep ",dup2,p256,near-name," csv &&
	grep ",dup3,p216,near-name," csv &&
	! grep dup4 csv
'

test_expect_success 'every format: json parses, csv and tsv one row per pair, ndjson, yaml, ids' '
	cd crm &&
	farley dupes --format=json >j && n=$($PYTHON -c "import json; print(len(json.load(open(\"j\"))))") &&
	test "$n" -ge 25 &&
	farley dupes --format=csv >csv && test $(wc -l <csv) -eq $((n + 1)) &&
	head -1 csv >h && printf "score,a,b,reason,a_name,b_name\r\n" >expect && test_cmp expect h &&
	$PYTHON -c "
import csv; rows = list(csv.DictReader(open(\"csv\")))
assert len(rows) == $n and all(r[\"a\"] < r[\"b\"] for r in rows), rows" &&
	farley dupes --format=tsv >tsv && test $(wc -l <tsv) -eq $((n + 1)) &&
	farley dupes --format=ndjson >nd && test $(wc -l <nd) -eq $n &&
	$PYTHON -c "
import json; [json.loads(l) for l in open(\"nd\")]" &&
	farley dupes --format=yaml >y &&
	$PYTHON -c "
import yaml; assert len(yaml.safe_load(open(\"y\"))) == $n" &&
	farley dupes --format=ids >ids && test $(wc -l <ids) -eq $n &&
	head -1 ids | grep -E "^[a-z0-9-]+ [a-z0-9-]+\$" &&
	farley dupes --limit 3 --format=csv >three && test $(wc -l <three) -eq 4 &&
	head -4 csv >expect && test_cmp expect three
'

test_expect_success 'on a terminal, a table' '
	cd crm &&
	if command -v script >/dev/null; then
		script -qec "farley dupes --limit 2" /dev/null >tty &&
		grep "score" tty && grep "reason" tty && ! grep "	" tty
	fi
'

test_expect_success 'only contacts and companies; nothing found is no error' '
	cd crm &&
	test_expect_code 2 farley dupes deals 2>err && grep "contacts or companies" err &&
	test_expect_code 2 farley dupes contacts companies &&
	test_expect_code 2 farley dupes bogus &&
	cd .. && farley init empty >/dev/null && cd empty &&
	farley dupes --format=json >j && echo "[]" >expect && test_cmp expect j
'

test_done
