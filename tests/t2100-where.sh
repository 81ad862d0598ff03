#!/bin/sh
# farley ls --where answers exactly like a brute-force scan of the files.
. "$(dirname "$0")/lib.sh"

FARLEY_TODAY=2026-11-24
export FARLEY_TODAY

test_expect_success 'setup: a generated repository of 5,000 records' '
	$PYTHON "$SRC_DIR/bench/gen.py" crm --scale 0.01 --seed 7 >/dev/null &&
	cd crm && farley check -q
'

test_expect_success 'every query answers like the brute-force scan' '
	cd crm &&
	$PYTHON - "$SRC_DIR/tests" <<-\EOF
	import subprocess, sys, datetime
	sys.path.insert(0, sys.argv[1])
	import brute
	bad = 0
	for name, kind, expr, want in brute.answers(".", datetime.date(2026, 11, 24)):
	    cmd = ["farley", "ls"] + ([kind] if kind else []) + ["--where", expr, "--format=ids"]
	    got = sorted(subprocess.run(cmd, check=True, capture_output=True,
	                                text=True).stdout.split())
	    if got != want:
	        bad += 1
	        print("MISMATCH", name, expr, "farley:", len(got), "brute:", len(want))
	        print("  only farley:", sorted(set(got) - set(want))[:5])
	        print("  only brute:", sorted(set(want) - set(got))[:5])
	    elif not want and name not in ("deal-custom-tier",):
	        print("note: empty answer for", name)
	sys.exit(1 if bad else 0)
	EOF
'

test_expect_success 'the queries are not trivially empty or full' '
	cd crm &&
	n=$(farley ls deals --where "value>=10000 and stage=proposal" --format=ids | wc -l) &&
	all=$(farley ls deals --format=ids | wc -l) &&
	test $n -gt 0 && test $n -lt $all
'

test_expect_success 'positional filters are ANDed' '
	cd crm &&
	farley ls deals stage=proposal owner=alice --format=ids | sort >a &&
	farley ls deals --where "stage=proposal and owner=alice" --format=ids | sort >b &&
	test_cmp a b && test -s a
'

test_expect_success 'a value meant to break the SQL finds nothing and breaks nothing' '
	cd crm &&
	before=$(farley ls --format=ids | wc -l) &&
	farley ls --where "name=\"x'"'"'; DROP TABLE records; --\"" --format=ids >out &&
	test ! -s out &&
	farley ls "name=\"'"'"'); DELETE FROM fields; --\"" --format=ids >out &&
	test ! -s out &&
	test $(farley ls --format=ids | wc -l) = $before &&
	sqlite3 .git/farley/index.db "select count(*) from records" >n &&
	test $(cat n) = $before
'

test_expect_success 'a catastrophic regex fails with a clear error, fast' '
	cd crm && farley add company "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab" >/dev/null &&
	test_expect_code 1 timeout 10 farley ls companies --where "name~/(a+)+\$/" 2>err &&
	grep "regular expression too complex" err
'

test_expect_success 'an invalid regex is an error naming it' '
	cd crm && test_expect_code 1 farley ls --where "name~/(/" 2>err &&
	grep "invalid regular expression" err
'

test_expect_success 'syntax errors point at the column (exit 2)' '
	cd crm &&
	test_expect_code 2 farley ls deals --where "value>= and stage=x" 2>err &&
	grep "column 9" err && grep "\^" err &&
	test_expect_code 2 farley ls deals --where "(stage=lead" 2>err && grep "missing" err &&
	test_expect_code 2 farley ls deals --where "stage=lead)" 2>err &&
	test_expect_code 2 farley ls deals --where "stage=lead stage=won" 2>err &&
	test_expect_code 2 farley ls deals --where "value>abc" 2>err && grep "not an amount" err &&
	test_expect_code 2 farley ls deals --where "close<someday" 2>err && grep "not a date" err &&
	test_expect_code 2 farley ls deals --where "Stage=lead" 2>err && grep "lower-case" err &&
	test_expect_code 2 farley ls deals --where "stage=~x" 2>err
'

test_expect_success '--sort, --limit and --fields' '
	cd crm &&
	farley ls deals --sort -value --limit 3 --fields id,value --format=tsv >out &&
	test $(wc -l <out) = 4 && head -1 out | grep -x "id	value" &&
	cut -f2 out | tail -3 >vals && sort -rn vals >sorted && test_cmp sorted vals &&
	farley ls deals --sort close --format=json --limit 50 >j &&
	$PYTHON -c "
import json; d = json.load(open(\"j\")); c = [x[\"close\"] for x in d if \"close\" in x]
assert c == sorted(c) and len(c) > 10, c"
'

test_expect_success 'json, ndjson and csv of ls' '
	cd crm &&
	farley ls companies --limit 5 --format=json | $PYTHON -c "import json,sys; d=json.load(sys.stdin); assert len(d)==5 and d[0][\"kind\"]==\"company\""  &&
	farley ls companies --limit 5 --format=ndjson >nd && test $(wc -l <nd) = 5 &&
	farley ls companies --limit 5 --format=csv | head -1 | grep "^id,name"
'

test_expect_success 'an empty result is a success' '
	cd crm && farley ls deals stage=nonesuch --format=ids >out && test ! -s out
'

test_done
