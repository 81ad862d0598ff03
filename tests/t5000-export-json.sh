#!/bin/sh
# farley export json and import json: lossless, streaming, idempotent; and
# farley export csv for spreadsheets.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: the demo CRM and a few records with every kind of value' '
	cp -r "$SRC_DIR/examples/crm" crm && cd crm &&
	git init -q && git add -A && git commit -qm demo &&
	farley add contact "Zoë Ærø-Ñúñez" emails=zoe@example.org phones=+4930123456 \
		address.city=Berlin address.street="Hauptstr. 1" notes="two
lines" >/dev/null &&
	farley add deal "Huge" value=9999999999999.99 probability=0.333333 close=2027-01-31 >/dev/null &&
	mkdir -p companies/pl &&
	printf "name: Plain Numbers\nflag: true\nquoted: \"7\"\nratio: 0.5\nscore: 7\n" >companies/pl/plain-numbers.yaml &&
	git add -A && git commit -qm plain && farley index >/dev/null &&
	farley export json >../all.json &&
	$PYTHON -c "
import json; d = json.load(open(\"../all.json\"))
assert len(d) == $(find companies contacts deals interactions tasks -name "*.yaml" | wc -l), len(d)
p = [r for r in d if r[\"id\"] == \"plain-numbers\"][0]
assert p[\"score\"] == 7 and p[\"quoted\"] == \"7\" and p[\"flag\"] is True, p"
'

test_expect_success 'export json | import json into an empty repository gives identical files' '
	farley init copy >/dev/null && cd copy &&
	farley import json ../all.json 2>summary &&
	grep "import json ../all.json: [0-9]* added, 0 updated, 0 skipped" summary &&
	(cd ../crm && find companies contacts deals interactions tasks -name "*.yaml" | sort) >../want &&
	find companies contacts deals interactions tasks -name "*.yaml" | sort >../got &&
	test_cmp ../want ../got &&
	while read f; do cmp "../crm/$f" "$f" || exit 1; done <../want &&
	test_clean && farley check
'

test_expect_success 'a second import json changes nothing: no commit, clean status' '
	cd copy && before=$(git rev-parse HEAD) &&
	farley import json ../all.json 2>summary &&
	grep ": 0 added, 0 updated, 0 skipped" summary &&
	test "$(git rev-parse HEAD)" = "$before" && test_clean
'

test_expect_success 'ndjson is read too, and from standard input' '
	farley init nd >/dev/null && cd nd &&
	(cd ../crm && farley ls --format=ndjson) >../all.ndjson &&
	farley import json - <../all.ndjson 2>summary &&
	grep "import json (standard input): [0-9]* added" summary &&
	cmp ../crm/companies/pl/plain-numbers.yaml companies/pl/plain-numbers.yaml
'

test_expect_success '--dry-run plans and writes nothing' '
	farley init dry >/dev/null && cd dry && before=$(git rev-parse HEAD) &&
	farley import json --dry-run --format=tsv ../all.json >plan 2>summary &&
	grep "dry run" summary &&
	grep "^\.\./all\.json:[0-9]*	add	company	plain-numbers	" plan &&
	test "$(git rev-parse HEAD)" = "$before" && test_clean &&
	test -z "$(ls companies 2>/dev/null)"
'

test_expect_success 'a broken file is refused with FILE:LINE and nothing changes' '
	farley init broken >/dev/null && cd broken && before=$(git rev-parse HEAD) &&
	printf "[\n{\"id\": \"a\", \"kind\": \"company\", \"name\": \"A\"},\n{\"id\": \"b\", \"kind\": \"company\", \"name\": [}\n]\n" >bad.json &&
	test_expect_code 1 farley import json bad.json 2>err &&
	grep "bad.json:3:" err &&
	test "$(git rev-parse HEAD)" = "$before" && test_clean
'

test_expect_success 'a record farley would refuse is a bad row; --skip-bad imports the rest' '
	cd broken &&
	printf "[{\"id\": \"a\", \"kind\": \"company\", \"name\": \"A\"},\n{\"id\": \"d\", \"kind\": \"deal\", \"title\": \"D\", \"stage\": \"lead\", \"value\": \"lots\"}]\n" >bad2.json &&
	test_expect_code 1 farley import json bad2.json 2>err &&
	grep "bad2.json:2" err && test ! -e companies/a/a.yaml &&
	farley import json --skip-bad bad2.json 2>err &&
	test -f companies/a/a.yaml && test ! -e deals/d/d.yaml && test_clean
'

test_expect_success 'export csv: one row per record, listed columns then custom ones, RFC 4180' '
	cd crm && farley export csv contacts >../contacts.csv &&
	$PYTHON -c "
import csv, glob
rows = list(csv.reader(open(\"../contacts.csv\", newline=\"\")))
head = rows[0]
assert head[:3] == [\"id\", \"name\", \"company\"], head
assert len(rows) - 1 == len(glob.glob(\"contacts/*/*.yaml\")), len(rows)
z = [dict(zip(head, r)) for r in rows[1:] if r[0] == \"zoe-aero-nunez\"][0]
assert z[\"name\"] == \"Zoë Ærø-Ñúñez\" and z[\"address.city\"] == \"Berlin\", z
assert z[\"phones\"] == \"+4930123456\", z  # a phone is never defused
assert z[\"notes\"] == \"two\nlines\", z
assert all(len(r) == len(head) for r in rows)"
'

test_expect_success 'export csv defuses formulas but not numbers; -o writes a file' '
	cd crm && farley add company "=cmd|calc" >/dev/null &&
	farley export csv companies -o ../companies.csv && test -s ../companies.csv &&
	grep "^cmd-calc,\"'"'"'=cmd|calc\"" ../companies.csv &&
	farley export csv deals --where "value>1000000" >../deals.csv &&
	grep ",9999999999999.99," ../deals.csv && test $(wc -l <../deals.csv) -eq 2
'

test_expect_success 'export refuses an unknown format, and vcard of a deal' '
	cd crm &&
	test_expect_code 2 farley export xml 2>err && grep "unknown format" err &&
	test_expect_code 2 farley export vcard deals 2>err && grep "vcard holds contacts only" err
'

test_done
