#!/bin/sh
# What only a CRM in git can tell: a record's history field by field, days
# in each stage, slipped close dates, and the pipeline as of a past date,
# on commits with set dates (farley's own, hand-made ones and a merge).
. "$(dirname "$0")/lib.sh"

# at DATE AUTHOR command...: run with that author and date (10:00 UTC)
at() {
	_d=$1 _a=$2
	shift 2
	GIT_AUTHOR_DATE="${_d}T10:00:00Z" GIT_COMMITTER_DATE="${_d}T10:00:00Z" \
	GIT_AUTHOR_NAME=$_a GIT_AUTHOR_EMAIL=$_a@example.com \
	GIT_COMMITTER_NAME=$_a GIT_COMMITTER_EMAIL=$_a@example.com \
	FARLEY_TODAY=$_d "$@"
}

test_expect_success 'setup: two deals moving through the stages' '
	at 2026-01-01 alice farley init crm >/dev/null && cd crm &&
	at 2026-01-01 alice farley add deal "Deal A" stage=lead value=1000 close=2026-03-01 >/dev/null &&
	at 2026-01-05 bob farley add deal "Deal B" stage=lead value=2000 close=2026-02-01 >/dev/null &&
	at 2026-01-11 alice farley set deal-a stage=qualified &&
	sed -i "s/^stage: lead/stage: qualified/; s/^close: 2026-02-01/close: 2026-02-15/" deals/de/deal-b.yaml &&
	at 2026-01-15 carol git commit -qam "hand edit of deal B" &&
	at 2026-01-21 alice farley set deal-a stage=proposal &&
	git checkout -q -b side &&
	at 2026-01-25 dave farley set deal-b stage=proposal &&
	git checkout -q main &&
	at 2026-01-30 alice git merge -q --no-ff side -m "merge side" &&
	at 2026-02-01 alice farley set deal-a close=2026-04-01 &&
	at 2026-02-01 bob farley set deal-b close=2026-03-01 &&
	at 2026-02-10 alice farley set deal-a stage=won &&
	at 2026-02-20 bob farley set deal-b stage=qualified
'

test_expect_success 'history shows each field change with its date and author' '
	cd crm && farley history deal-a --format=json >h.json &&
	$PYTHON - <<-\EOF
	import json
	h = json.load(open("h.json"))
	got = [(r["date"][:10], r["author"], c["field"], c["old"], c["new"])
	       for r in h for c in r["changes"] if c["field"] in ("stage", "close")]
	want = [("2026-01-01", "alice", "stage", None, "lead"),
	        ("2026-01-01", "alice", "close", None, "2026-03-01"),
	        ("2026-01-11", "alice", "stage", "lead", "qualified"),
	        ("2026-01-21", "alice", "stage", "qualified", "proposal"),
	        ("2026-02-01", "alice", "close", "2026-03-01", "2026-04-01"),
	        ("2026-02-10", "alice", "stage", "proposal", "won"),
	        ("2026-02-10", "alice", "close", "2026-04-01", "2026-02-10")]
	assert got == want, got
	assert all(len(r["commit"]) == 40 for r in h)
	EOF
'

test_expect_success 'hand edits and changes made on a merged branch are shown too' '
	cd crm && farley history deal-b --format=json >h.json &&
	$PYTHON - <<-\EOF
	import json
	h = json.load(open("h.json"))
	got = [(r["date"][:10], r["author"], c["field"], c["old"], c["new"])
	       for r in h for c in r["changes"] if c["field"] in ("stage", "close")]
	want = [("2026-01-05", "bob", "stage", None, "lead"),
	        ("2026-01-05", "bob", "close", None, "2026-02-01"),
	        ("2026-01-15", "carol", "stage", "lead", "qualified"),
	        ("2026-01-15", "carol", "close", "2026-02-01", "2026-02-15"),
	        ("2026-01-25", "dave", "stage", "qualified", "proposal"),
	        ("2026-02-01", "bob", "close", "2026-02-15", "2026-03-01"),
	        ("2026-02-20", "bob", "stage", "proposal", "qualified")]
	assert got == want, got
	EOF
'

test_expect_success 'history on a terminal: when, who, field: old -> new' '
	cd crm && farley history deal-a --format=table >out &&
	grep -E "2026-01-11 10:00 +alice +stage: lead -> qualified" out
'

test_expect_success 'history follows a rename' '
	cd crm && mkdir -p deals/zz && git mv deals/de/deal-a.yaml deals/zz/deal-a.yaml &&
	at 2026-02-21 alice git commit -qm "move deal A" &&
	farley history deal-a --format=json | grep -c "\"field\": \"stage\"" >n &&
	test $(cat n) = 4 &&
	git mv deals/zz/deal-a.yaml deals/de/deal-a.yaml && at 2026-02-21 alice git commit -qm back
'

test_expect_success 'report stages: days in each stage, conversion, backwards moves' '
	cd crm && FARLEY_TODAY=2026-03-01 farley report stages --format=json >s.json &&
	$PYTHON - <<-\EOF
	import json
	s = json.load(open("s.json"))
	rows = {r["stage"]: r for r in s["stages"]}
	# first-parent history: deal B reached proposal when side was merged (01-30)
	assert rows["lead"]["stays"] == 2 and rows["lead"]["average_days"] == 10.0, rows["lead"]
	assert rows["lead"]["median_days"] == 10.0
	assert rows["qualified"]["average_days"] == 12.5, rows["qualified"]
	assert rows["qualified"]["median_days"] == 12.5
	assert rows["proposal"]["average_days"] == 20.5, rows["proposal"]
	assert rows["lead"]["reached"] == 2 and rows["lead"]["conversion"] == 1.0
	assert rows["qualified"]["conversion"] == 1.0
	assert rows["proposal"]["reached"] == 2 and rows["proposal"]["advanced"] == 1
	assert rows["proposal"]["conversion"] == 0.5
	assert rows["negotiation"]["reached"] == 0
	b = s["backwards"]
	assert [(x["deal"], x["from"], x["to"], x["date"]) for x in b] == \
	    [("deal-b", "proposal", "qualified", "2026-02-20")], b
	EOF
'

test_expect_success 'report slips counts each postponed close date' '
	cd crm && farley report slips --format=json >s.json &&
	$PYTHON - <<-\EOF
	import json
	s = json.load(open("s.json"))
	d = {x["deal"]: (x["slips"], x["days"]) for x in s["deals"]}
	assert d == {"deal-a": (1, 31), "deal-b": (2, 28)}, d
	assert s["total"]["slips"] == 3 and s["total"]["days"] == 59
	EOF
'

test_expect_success 'a second run of report stages reads the cache' '
	cd crm && sqlite3 .git/farley/index.db "select count(*) from mined" >n &&
	test $(cat n) -ge 10 &&
	farley report stages --format=json >again.json && FARLEY_TODAY=2026-03-01 farley report stages --format=json >again.json &&
	test_cmp s.json s.json
'

test_expect_success 'pipeline --as-of a middle date equals the pipeline at that commit' '
	cd crm &&
	farley pipeline --as-of 2026-01-22 --format=json >asof.json &&
	c=$(git rev-list -1 --first-parent --before=2026-01-22T23:59:59Z HEAD) &&
	git worktree add -q ../then $c && (cd ../then && farley pipeline --format=json >../then.json) &&
	test_cmp ../then.json asof.json &&
	grep -A3 "\"stage\": \"proposal\"" asof.json | grep "\"count\": 1" &&
	test_clean
'

test_expect_success 'forecast and reports --as-of read git, not the work tree' '
	cd crm && farley forecast --as-of 2026-01-02 --format=json >f.json &&
	grep "\"period\": \"2026-01\"" f.json &&
	test_expect_code 1 farley pipeline --as-of 2025-06-01 2>err && grep "no commit on or before" err
'

test_done
