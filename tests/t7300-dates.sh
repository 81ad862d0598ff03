#!/bin/sh
# Dates as people type them: today, tomorrow, weekday names, +3d, next month.
. "$(dirname "$0")/lib.sh"

# 2026-11-24 is a Tuesday
FARLEY_TODAY=2026-11-24
export FARLEY_TODAY

test_expect_success 'setup' '
	farley init crm >/dev/null
'

test_expect_success 'due=tomorrow stores tomorrow'"'"'s date' '
	cd crm &&
	farley add task "Call back" due=tomorrow >id &&
	farley show "$(cat id)" --format=json | $PYTHON -c "import json,sys; print(json.load(sys.stdin)[\"due\"])" >due &&
	echo 2026-11-25 >expect && test_cmp expect due &&
	test_clean
'

test_expect_success 'a weekday name is the next such day, never today' '
	cd crm &&
	farley add task "Friday thing" due=friday >id1 &&
	farley add task "Tuesday thing" due=Tuesday >id2 &&
	grep "^due: 2026-11-27$" tasks/*/"$(cat id1)".yaml &&
	grep "^due: 2026-12-01$" tasks/*/"$(cat id2)".yaml
'

test_expect_success 'offsets and next month' '
	cd crm &&
	farley add task "In three days" due=+3d >a &&
	farley add task "Two weeks ago" due=-2w >b &&
	farley add task "Next month" "due=next month" >c &&
	farley add task "Still works" due=today+3d >d &&
	farley set "$(cat a)" due=yesterday &&
	grep "^due: 2026-11-23$" tasks/*/"$(cat a)".yaml &&
	grep "^due: 2026-11-10$" tasks/*/"$(cat b)".yaml &&
	grep "^due: 2026-12-24$" tasks/*/"$(cat c)".yaml &&
	grep "^due: 2026-11-27$" tasks/*/"$(cat d)".yaml
'

test_expect_success 'log --date and set date= take them too' '
	cd crm &&
	farley add contact "Jane Doe" >/dev/null &&
	farley log jane-doe --date yesterday -m "Met" >i &&
	grep "^date: 2026-11-23$" interactions/*/*/"$(cat i)".yaml &&
	farley set "$(cat i)" date=monday &&
	grep "^date: 2026-11-30$" interactions/*/*/"$(cat i)".yaml
'

test_expect_success '--where compares with them' '
	cd crm &&
	farley ls tasks --where "due<tomorrow" --format=ids | sort >got &&
	{ cat a; cat b; } | sort >expect && test_cmp expect got &&
	farley ls tasks --where "due>=friday and due<\"next month\"" --format=ids | sort >got &&
	{ cat id1; cat d; cat id2; } | sort >expect && test_cmp expect got
'

test_expect_success 'a word that is no date is refused' '
	cd crm &&
	test_expect_code 1 farley add task "Bad" due=someday 2>err &&
	grep "is not a date" err && grep "tomorrow" err &&
	test_clean
'

test_done
