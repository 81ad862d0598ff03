#!/bin/sh
# farley due and done: what needs doing today.
. "$(dirname "$0")/lib.sh"

FARLEY_TODAY=2026-11-24
export FARLEY_TODAY

test_expect_success 'setup: tasks and contacts with stay-in-touch intervals' '
	new_crm &&
	farley add task "Overdue call" due=2026-11-20 >/dev/null &&
	farley add task "Tomorrow mail" due=2026-11-25 >/dev/null &&
	farley add task "Next month" due=2026-12-24 >/dev/null &&
	farley add task "Finished" due=2026-11-01 status=done >/dev/null &&
	farley add task "Monthly report" due=2026-11-24 every=1m >/dev/null &&
	farley add contact "Long Silent" every=30d created=2026-01-01 >/dev/null &&
	farley add contact "Recently Met" every=30d created=2026-01-01 >/dev/null &&
	farley add contact "No Interval" created=2026-01-01 >/dev/null &&
	farley log long-silent --date 2026-10-15 -m "Old call" >/dev/null &&
	farley log recently-met --date 2026-11-14 -m "Recent call" >/dev/null
'

test_expect_success 'due lists overdue and soon tasks and contacts to call' '
	cd crm && farley due --format=json >d.json &&
	$PYTHON - <<-\EOF
	import json
	d = json.load(open("d.json"))
	got = [(x["kind"], x["name"]) for x in d]
	assert ("task", "Overdue call") in got, got
	assert ("task", "Tomorrow mail") in got
	assert ("task", "Monthly report") in got
	assert ("contact", "Long Silent") in got
	assert ("task", "Next month") not in got
	assert ("task", "Finished") not in got
	assert ("contact", "Recently Met") not in got
	assert ("contact", "No Interval") not in got
	due = [x["due"] for x in d]
	assert due == sorted(due), due
	late = [x for x in d if x["name"] == "Long Silent"][0]
	assert late["note"] == "last contact 40 days ago (every 30d)", late
	assert [x for x in d if x["name"] == "Overdue call"][0]["days"] == -4
	EOF
'

test_expect_success 'due --days widens the window' '
	cd crm && farley due --days 40 --format=ids | grep next-month
'

test_expect_success 'done closes a task and records when' '
	cd crm && t=$(farley ls tasks --where "title=\"Overdue call\"" --format=ids) &&
	farley done $t && f=$(farley show $t --format=tsv | tail -1 | cut -f3) &&
	grep "^status: done$" $f && grep "^done: 2026-11-24$" $f &&
	git log -1 --format=%s | grep "task $t: done" &&
	test_expect_code 1 farley done $t 2>err && grep "already done" err &&
	farley due --format=ids | { ! grep -x $t; }
'

test_expect_success 'done on a recurring task moves it to its next due date' '
	cd crm && t=$(farley ls tasks --where "title=\"Monthly report\"" --format=ids) &&
	farley done $t >out && grep "next due 2026-12-24" out &&
	f=$(farley show $t --format=tsv | tail -1 | cut -f3) &&
	grep "^due: 2026-12-24$" $f && grep "^done: 2026-11-24$" $f && ! grep "^status: done" $f &&
	git log -1 --format=%s | grep "done 2026-11-24, next due 2026-12-24" &&
	git show HEAD --stat | grep "$f" && test_clean
'

test_expect_success 'done refuses what is not a task' '
	cd crm && test_expect_code 1 farley done long-silent 2>err && grep "not a task" err
'

test_done
