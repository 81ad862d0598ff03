#!/bin/sh
# Service levels: farley.yaml's sla, first responses (the first outgoing
# interaction), farley cases (the queue) and farley report service, on a
# prepared repository whose figures tests/service_expect.py works out
# independently from the files and git history.
. "$(dirname "$0")/lib.sh"

NOW=2026-03-10T12:00Z

# case ID: its file from the lines given
put_case() {
	mkdir -p cases/$(echo $1 | cut -c1-2) &&
	cat >cases/$(echo $1 | cut -c1-2)/$1.yaml
}
put_mail() { # ID CASE DATE DIRECTION
	d=$(echo $3 | cut -c1-4)/$(echo $3 | cut -c6-7) && mkdir -p interactions/$d &&
	printf "date: %s\nchannel: email\nsummary: about %s\ndirection: %s\ncase: %s\n" \
		$3 $2 $4 $2 >interactions/$d/$1.yaml
}

test_expect_success 'setup: a prepared repository of cases and mails' '
	new_crm &&
	cat >>farley.yaml <<-\EOF &&
	sla:
	  urgent: {respond: 1h, resolve: 8h}
	  high: {respond: 4h, resolve: 24h}
	  normal: {respond: 8h, resolve: 3d}
	EOF
	printf "title: Outage met\nstatus: resolved\npriority: urgent\nopened: 2026-03-02T09:00Z\nresolved: 2026-03-02T15:00Z\nowner: alice\n" | put_case um-outage &&
	printf "title: Outage late\nstatus: closed\npriority: urgent\nopened: 2026-03-03T10:00+01:00\nresolved: 2026-03-04T09:00Z\nowner: bob\n" | put_case ub-late &&
	printf "title: Nobody answered\nstatus: open\npriority: high\nopened: 2026-03-09T06:00Z\nowner: alice\n" | put_case hb-silent &&
	printf "title: Fresh one\nstatus: new\npriority: high\nopened: 2026-03-10T10:30Z\nowner: alice\n" | put_case hp-fresh &&
	printf "title: Comes back\nstatus: open\npriority: normal\nopened: 2026-02-20T09:00Z\nowner: bob\n" | put_case nr-back &&
	printf "title: No hurry\nstatus: pending\npriority: low\nopened: 2026-03-05T09:00Z\nowner: alice\n" | put_case lo-slow &&
	put_mail m1 um-outage 2026-03-02T09:30Z out &&
	put_mail m2 ub-late 2026-03-03T09:10Z in &&
	put_mail m3 ub-late 2026-03-03T11:00Z out &&
	put_mail m4 ub-late 2026-03-03T12:30Z out &&
	put_mail m5 hp-fresh 2026-03-10T09:00Z out &&
	put_mail m6 hp-fresh 2026-03-10T10:45Z in &&
	put_mail m7 nr-back 2026-02-20T11:00Z out &&
	put_mail m8 lo-slow 2026-03-06T09:00Z out &&
	git add -A && git commit -qm "prepared cases" &&
	farley set nr-back status=resolved resolved=2026-02-21T09:00Z >/dev/null &&
	farley set nr-back status=open >/dev/null &&
	farley check && test_clean
'

test_expect_success 'report service matches the independent figures' '
	cd crm &&
	FARLEY_TODAY=$NOW farley report service --format=json >got.json &&
	$PYTHON "$TEST_DIR/service_expect.py" $NOW report >want.json &&
	$PYTHON -c "
import json
got = json.load(open(\"got.json\")); want = json.load(open(\"want.json\"))
from decimal import Decimal, InvalidOperation
def norm(v):
    try: return None if v is None else Decimal(str(v))
    except InvalidOperation: return str(v)
for g, w in zip(got[\"compliance\"], want[\"compliance\"]):
    for k in w:
        assert norm(g[k]) == norm(w[k]), (g[\"by\"], g[\"group\"], k, g[k], w[k])
assert len(got[\"compliance\"]) == len(want[\"compliance\"]), got[\"compliance\"]
assert got[\"backlog\"] == want[\"backlog\"], (got[\"backlog\"], want[\"backlog\"])
assert [(r[\"id\"], r[\"times\"]) for r in got[\"reopened\"]] == \
       [(r[\"id\"], r[\"times\"]) for r in want[\"reopened\"]], got[\"reopened\"]
# the figures the prepared data was made for, by hand
a = got[\"compliance\"][0]
assert (a[\"response_met\"], a[\"response_breached\"]) == (2, 2), a
assert (a[\"resolution_met\"], a[\"resolution_breached\"]) == (1, 3), a
assert str(a[\"response_pct\"]) == \"50.0\" and str(a[\"resolution_pct\"]) == \"25.0\", a
assert [r[\"id\"] for r in got[\"reopened\"]] == [\"nr-back\"]
"
'

test_expect_success 'report service --as-of: the snapshot at the end of that day' '
	cd crm && day=$(date -u +%Y-%m-%d) &&
	end=$(date -u -d "$day + 1 day" +%Y-%m-%dT00:00Z) &&
	farley report service --as-of $day --format=json >got.json &&
	$PYTHON "$TEST_DIR/service_expect.py" $end report >want.json &&
	$PYTHON -c "
import json
from decimal import Decimal, InvalidOperation
def norm(v):
    try: return None if v is None else Decimal(str(v))
    except InvalidOperation: return str(v)
got = json.load(open(\"got.json\")); want = json.load(open(\"want.json\"))
assert [[norm(r[k]) for k in sorted(w)] for r, w in zip(got[\"compliance\"], want[\"compliance\"])] == \
       [[norm(w[k]) for k in sorted(w)] for w in want[\"compliance\"]], (got, want)
assert [r[\"id\"] for r in got[\"reopened\"]] == [\"nr-back\"]
" &&
	test_expect_code 1 farley report service --as-of 2001-01-01 2>err
'

test_expect_success 'report service --from/--to keep the cases opened then' '
	cd crm &&
	FARLEY_TODAY=$NOW farley report service --from 2026-03 --to 2026-03 --format=json >got.json &&
	$PYTHON "$TEST_DIR/service_expect.py" $NOW report 2026-03-01 2026-03-31 >want.json &&
	$PYTHON -c "
import json
got = json.load(open(\"got.json\")); want = json.load(open(\"want.json\"))
from decimal import Decimal, InvalidOperation
def norm(v):
    try: return None if v is None else Decimal(str(v))
    except InvalidOperation: return str(v)
assert [[norm(r[k]) for k in sorted(w)] for r, w in zip(got[\"compliance\"], want[\"compliance\"])] == \
       [[norm(w[k]) for k in sorted(w)] for w in want[\"compliance\"]]
assert got[\"compliance\"][0][\"cases\"] == 5 and got[\"reopened\"] == []
"
'

test_expect_success 'report service in csv: one row per compliance group' '
	cd crm &&
	FARLEY_TODAY=$NOW farley report service --format=csv >got.csv &&
	head -1 got.csv | grep "^by,group,cases,response_met" &&
	grep "^owner,bob,2,1,1,50.0," got.csv
'

test_expect_success 'farley cases: breached first, then by time left; the first outgoing mail is the response' '
	cd crm &&
	FARLEY_TODAY=$NOW farley cases --all --format=json >got.json &&
	$PYTHON "$TEST_DIR/service_expect.py" $NOW queue >want.json &&
	$PYTHON -c "
import json
got = json.load(open(\"got.json\")); want = json.load(open(\"want.json\"))
g = [{k: r[k] for k in (\"id\", \"left_minutes\", \"breached\", \"first_response\")} for r in got]
g = [dict(r, left_minutes=None if r[\"left_minutes\"] is None else int(r[\"left_minutes\"])) for r in g]
assert g == want, (g, want)
assert [r[\"id\"] for r in got] == [\"nr-back\", \"hb-silent\", \"hp-fresh\", \"lo-slow\"], got
assert got[2][\"left\"] == \"2h 30m\" and got[2][\"first_response\"] is None, got[2]
assert got[1][\"left\"] == \"-1d 2h\", got[1]
"
'

test_expect_success 'farley cases: mine by default, --owner, and the time left in the table' '
	cd crm &&
	git config farley.owner bob &&
	FARLEY_TODAY=$NOW farley cases --format=ids >got && echo nr-back >expect && test_cmp expect got &&
	FARLEY_TODAY=$NOW farley cases --owner alice --format=ids >got &&
	printf "hb-silent\nhp-fresh\nlo-slow\n" >expect && test_cmp expect got &&
	FARLEY_TODAY=$NOW farley cases --owner alice --format=tsv | cut -f1,2 | head -3 >got &&
	printf "left\tid\n-1d 2h\thb-silent\n2h 30m\thp-fresh\n" >expect && test_cmp expect got &&
	test_expect_code 2 farley cases --all --owner bob 2>err && grep "do not go together" err
'

test_expect_success 'farley cases on a terminal: breached rows in red, time left shown' '
	cd crm &&
	FARLEY_TODAY=$NOW COLUMNS=80 script -qec "farley cases --all --color=always" /dev/null >tty &&
	grep "2h 30m" tty && grep "hp-fresh" tty &&
	grep "$(printf "\033\\[31m")-1d 2h" tty && ! grep "$(printf "\033\\[31m")2h 30m" tty
'

test_expect_success 'farley status has a service section: cases near or past breach' '
	cd crm &&
	FARLEY_TODAY=$NOW farley status --all --format=json >st.json &&
	$PYTHON -c "
import json; d = json.load(open(\"st.json\"))
s = d[\"service\"]
assert [i[\"id\"] for i in s[\"items\"]] == [\"nr-back\", \"hb-silent\"], s
assert s[\"count\"] == 2 and s[\"command\"] == \"farley cases --all\", s" &&
	FARLEY_TODAY=2026-03-10T13:45Z farley status --owner alice --format=json >st.json &&
	$PYTHON -c "
import json; d = json.load(open(\"st.json\"))
assert [i[\"id\"] for i in d[\"service\"][\"items\"]] == [\"hb-silent\", \"hp-fresh\"], d[\"service\"]" &&
	FARLEY_TODAY=$NOW COLUMNS=80 script -qec "farley status --all" /dev/null >tty &&
	grep "Cases near or past their SLA: 2" tty
'

test_expect_success 'an outgoing mail answers the case: it leaves the breach' '
	cd crm &&
	FARLEY_TODAY=2026-03-10T12:05Z farley log --case hp-fresh --direction out -m "On it" -d 2026-03-10T12:00Z >/dev/null &&
	FARLEY_TODAY=2026-03-10T12:05Z farley cases --all --format=json >got.json &&
	$PYTHON "$TEST_DIR/service_expect.py" 2026-03-10T12:05Z queue >want.json &&
	$PYTHON -c "
import json
got = json.load(open(\"got.json\")); want = json.load(open(\"want.json\"))
assert [r[\"id\"] for r in got] == [r[\"id\"] for r in want], (got, want)
f = [r for r in got if r[\"id\"] == \"hp-fresh\"][0]
assert f[\"first_response\"] == \"2026-03-10T12:00Z\" and f[\"left\"] == \"22h 25m\", f
" && test_clean
'

test_expect_success 'a bad sla in farley.yaml is an error with its place' '
	cd crm && cp farley.yaml ../keep.yaml &&
	printf "sla:\n  urgent: {respond: soon}\n" >>farley.yaml &&
	test_expect_code 1 farley cases --all 2>err &&
	grep "farley.yaml:[0-9]*:[0-9]*: .*not a duration" err &&
	cp ../keep.yaml farley.yaml
'

test_expect_success 'a table too wide for the terminal is shown row by row, nothing wider' '
	cd crm &&
	COLUMNS=80 script -qec "stty cols 80; farley --no-pager report service --color=never" \
		/dev/null </dev/null | tr -d "\r" >out &&
	grep "^response_met  *[0-9]" out && grep "^backlog" out &&
	! awk "length(\$0) > 80" out | grep . &&
	COLUMNS=300 script -qec "stty cols 300; farley --no-pager report service --color=never" \
		/dev/null </dev/null | tr -d "\r" >wide &&
	grep "^by  *group  *cases  *response met" wide
'

test_done
