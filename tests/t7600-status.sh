#!/bin/sh
# farley status: the morning overview of one owner -- what is overdue or
# due today, whom to get back to, deals closing this month, stalled deals,
# and what teammates committed since the last farley sync.
. "$(dirname "$0")/lib.sh"

# at DATE command...: as me (me@example.com), on that day (10:00 UTC)
at() {
	_d=$1
	shift
	GIT_AUTHOR_DATE="${_d}T10:00:00Z" GIT_COMMITTER_DATE="${_d}T10:00:00Z" \
	FARLEY_TODAY=$_d "$@"
}

test_expect_success 'setup: my records and bob'"'"'s in a shared repository' '
	git init -q --bare remote.git &&
	at 2026-01-01 farley init a >/dev/null && cd a &&
	git config user.name Me && git config user.email me@example.com &&
	git config farley.owner me &&
	git remote add origin ../remote.git &&
	at 2026-01-01 farley add company "Acme GmbH" >/dev/null &&
	at 2026-01-01 farley add deal "Old deal" company=acme-gmbh stage=proposal value=500 close=2026-06-30 >/dev/null &&
	at 2026-02-20 farley add deal "New deal" company=acme-gmbh stage=proposal value=900 close=2026-03-20 >/dev/null &&
	at 2026-01-01 farley add deal "Bobs deal" stage=proposal value=7 owner=bob close=2026-03-05 >/dev/null &&
	at 2026-01-01 farley add deal "Won deal" stage=won value=7 close=2026-03-06 >/dev/null &&
	at 2026-02-01 farley add task "Send quote" due=2026-02-25 >/dev/null &&
	at 2026-02-01 farley add task "Plan Q2" due=2026-03-20 >/dev/null &&
	at 2026-02-01 farley add task "Bobs task" due=2026-02-26 owner=bob >/dev/null &&
	at 2026-01-01 farley add contact "Jane Doe" every=2w >/dev/null &&
	at 2026-02-25 farley add contact "Fresh Face" every=2w >/dev/null &&
	git push -q -u origin main &&
	cd .. && git clone -q remote.git b && cd b &&
	git config user.name Bob && git config user.email bob@example.com &&
	farley add company "Early Co" >/dev/null && git push -q &&
	cd ../a && farley sync -q &&
	(cd ../b && farley set acme-gmbh industry=retail && git push -q) &&
	farley set plan-q2 title="Plan Q2 well" >/dev/null &&
	farley sync -q
'

test_expect_success 'status --format=json: exactly my overdue task, due contact, deal closing, stalled deal and bob'"'"'s change' '
	cd a && FARLEY_TODAY=2026-03-01 farley status --format=json >s.json &&
	$PYTHON - <<-\EOF
	import json
	s = json.load(open("s.json"))
	assert s["owner"] == "me" and s["today"] == "2026-03-01", s
	def ids(k): return [i.get("id") for i in s[k]["items"]]
	assert ids("tasks") == ["send-quote-" + ids("tasks")[0][-4:]], s["tasks"]
	assert s["tasks"]["items"][0]["note"] == "4 days overdue", s["tasks"]
	assert ids("contacts") == ["jane-doe"], s["contacts"]
	assert ids("closing") == ["new-deal"], s["closing"]
	assert ids("stalled") == ["old-deal"], s["stalled"]
	ch = s["changes"]
	assert [(c["author"], c["subject"]) for c in ch["items"]] == \
	    [("Bob", "company acme-gmbh: industry retail")], ch
	for k in ("tasks", "contacts", "closing", "stalled", "changes"):
	    assert s[k]["count"] == len(s[k]["items"]), (k, s[k])
	    assert s[k]["command"].split()[0] in ("farley", "git"), s[k]
	assert s["tasks"]["command"] == "farley due --days 0 --owner me", s["tasks"]
	assert s["changes"]["command"] == "git log refs/farley/before-sync..HEAD", ch
	EOF
'

test_expect_success 'the commands status names show the same records' '
	cd a && export FARLEY_TODAY=2026-03-01 &&
	farley due --days 0 --owner me --format=ids >due &&
	farley status --format=json >s.json &&
	$PYTHON -c "
import json; s = json.load(open(\"s.json\"))
print(\"\n\".join(i[\"id\"] for i in s[\"tasks\"][\"items\"] + s[\"contacts\"][\"items\"]))" | sort >want &&
	sort due >got && test_cmp want got &&
	farley report stalled --owner me --format=ids >got && echo old-deal >want && test_cmp want got &&
	git log --format=%an refs/farley/before-sync..HEAD | sort -u >got &&
	printf "Bob\nMe\n" >want && test_cmp want got
'

test_expect_success 'on a terminal at 80 columns: each section with its count' '
	cd a && FARLEY_TODAY=2026-03-01 COLUMNS=80 script -qec "farley status --color=never" /dev/null |
		tr -d "\r" >out &&
	grep "^Status for me, 2026-03-01$" out &&
	grep "^Tasks overdue or due today: 1$" out && grep "send-quote-.*4 days overdue" out &&
	grep "^Contacts to get back to: 1$" out && grep "^jane-doe " out &&
	grep "^Deals closing this month: 1$" out && grep "new-deal .*EUR 900.00" out &&
	grep "^Stalled deals: 1$" out && grep "^old-deal " out &&
	grep "^Changes by others since your last sync: 1$" out &&
	grep "Bob .*company acme-gmbh: industry retail" out &&
	! grep "bobs-\|fresh-face\|plan-q2\|early-co\|won-deal" out &&
	test_clean
'

test_expect_success '--all and --owner choose whose records; --limit shortens, naming the command' '
	cd a && export FARLEY_TODAY=2026-03-01 &&
	farley status --all --format=json >all.json &&
	$PYTHON -c "
import json; s = json.load(open(\"all.json\"))
assert s[\"owner\"] is None
assert sorted(i[\"id\"][:4] for i in s[\"tasks\"][\"items\"]) == [\"bobs\", \"send\"], s[\"tasks\"]
assert [i[\"id\"] for i in s[\"closing\"][\"items\"]] == [\"bobs-deal\", \"new-deal\"], s[\"closing\"]
assert s[\"tasks\"][\"command\"] == \"farley due --days 0\"" &&
	farley status --owner bob --format=json >bob.json &&
	grep "\"bobs-task-" bob.json && ! grep "\"send-quote-" bob.json &&
	COLUMNS=80 script -qec "farley status --all --limit 1 --color=never" /dev/null | tr -d "\r" >out &&
	grep "^Tasks overdue or due today: 2$" out &&
	grep "^\.\.\. 1 more: farley due --days 0$" out &&
	farley status >rows && grep "^tasks	1	farley due --days 0 --owner me$" rows &&
	farley status --format=ids >got && sort got >ids &&
	printf "jane-doe\nnew-deal\nold-deal\nsend-quote-%s\n" "$(ls tasks/se | sed -n "s/^send-quote-\(.*\)\.yaml$/\1/p")" >want &&
	test_cmp want ids &&
	test_expect_code 2 farley status --all --owner bob 2>err && grep "together" err &&
	test_expect_code 2 farley status extra
'

test_expect_success 'without a farley sync: the changes of the last seven days by others' '
	cd b && git pull -q --rebase && farley status --format=json >s.json &&
	$PYTHON -c "
import json; s = json.load(open(\"s.json\"))
ch = s[\"changes\"]
assert ch[\"since\"] is None and ch[\"command\"] == \"git log --since=7.days\", ch
subjects = [c[\"subject\"] for c in ch[\"items\"]]
assert subjects and all(c[\"author\"] != \"Bob\" for c in ch[\"items\"]), ch"
'

test_expect_success 'farley -q sync prints nothing, git'"'"'s chatter included' '
	cd b && farley set early-co industry=x && git push -q &&
	cd ../a && farley -q sync >out 2>&1 && test ! -s out &&
	git log --format=%s refs/farley/before-sync..HEAD >got &&
	echo "company early-co: industry x" >want && test_cmp want got &&
	farley sync --quiet >out 2>&1 && test ! -s out &&
	git log --format=%s refs/farley/before-sync..HEAD >got && test ! -s got
'

test_done
