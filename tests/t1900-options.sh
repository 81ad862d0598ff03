#!/bin/sh
# One option parser: the global options mean the same before and after the
# command, keyword options are checked by the parser, and every writer
# prints its result through the output layer.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" >/dev/null
'

test_expect_success '--color=bogus is the same usage error before and after the command' '
	cd crm &&
	test_expect_code 2 farley --color=bogus ls 2>before &&
	test_expect_code 2 farley ls --color=bogus 2>after &&
	test_cmp before after &&
	grep "^farley: error: option .--color. takes auto, always or never, not .bogus.$" before
'

test_expect_success '--format=bogus likewise, with a space or an =' '
	cd crm &&
	test_expect_code 2 farley --format bogus ls 2>before &&
	test_expect_code 2 farley ls --format=bogus 2>after &&
	test_cmp before after
'

test_expect_success 'a global option works on either side of the command' '
	cd crm &&
	farley --format=json show acme >a.json &&
	farley show acme --format=json >b.json &&
	test_cmp a.json b.json &&
	$PYTHON -c "import json,sys; assert json.load(open(\"a.json\"))[\"id\"] == \"acme-gmbh\""
'

test_expect_success 'add and log print a JSON record under --format=json' '
	cd crm &&
	farley --format=json add company "Globex" >add.json &&
	$PYTHON -c "
import json; d = json.load(open(\"add.json\"))
assert d == {\"id\": \"globex\", \"kind\": \"company\", \"path\": \"companies/gl/globex.yaml\"}, d" &&
	farley log globex -m "Called" --date 2026-03-04 --format=json >log.json &&
	$PYTHON -c "
import json; d = json.load(open(\"log.json\"))
assert d[\"kind\"] == \"interaction\" and d[\"path\"].startswith(\"interactions/2026/03/\"), d
assert d[\"path\"].endswith(d[\"id\"] + \".yaml\"), d" &&
	test_clean
'

test_expect_success 'in table and tsv formats a writer prints the id alone' '
	cd crm &&
	farley add contact "Jane Doe" >id.txt &&
	echo jane-doe >expect && test_cmp expect id.txt &&
	farley set jane-doe title=CEO >set.txt && test ! -s set.txt
'

test_expect_success 'set, done and rm say what they changed in json' '
	cd crm &&
	farley set jane-doe title=CTO --format=json >set.json &&
	farley add task "Call back" due=2026-01-01 every=1w >/dev/null &&
	task=$(farley ls tasks --format=ids) &&
	FARLEY_TODAY=2026-01-02 farley done "$task" --format=json >done.json &&
	farley rm --force --format=json globex >rm.json 2>/dev/null &&
	$PYTHON -c "
import json
s = json.load(open(\"set.json\")); assert s[\"id\"] == \"jane-doe\" and s[\"kind\"] == \"contact\", s
d = json.load(open(\"done.json\")); assert d[\"next_due\"] == \"2026-01-08\", d
r = json.load(open(\"rm.json\")); assert r[\"id\"] == \"globex\", r" &&
	test_clean
'

test_expect_success 'an unknown option names itself and exits 2' '
	cd crm &&
	test_expect_code 2 farley ls --bogus 2>err &&
	grep "unknown option .--bogus." err &&
	test_expect_code 2 farley --bogus ls 2>err &&
	grep "unknown option .--bogus." err
'

test_expect_success 'a misspelt command or kind is a usage error with a suggestion' '
	cd crm &&
	test_expect_code 2 farley lss 2>err &&
	grep "^farley: error: .lss. is not a farley command; did you mean .ls.?$" err &&
	test_expect_code 2 farley ls dealz 2>err &&
	grep "unknown kind .dealz.; did you mean .deals.?" err &&
	test_expect_code 2 farley frobnicate 2>err && grep "see .farley help." err
'

test_expect_success 'a bare field name still filters on the field being there' '
	cd crm && farley ls title --format=ids >out && grep -x jane-doe out
'

test_done
