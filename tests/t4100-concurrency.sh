#!/bin/sh
# Many writers on one clone: they take turns on the writer lock, no commit
# is lost, and readers never wait.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm && farley add contact "Jane Doe" >/dev/null &&
	git rev-list --count HEAD >../before
'

test_expect_success '8 processes logging 25 interactions each at once' '
	cd crm && : >../started &&
	for p in 1 2 3 4 5 6 7 8; do
		(for i in $(seq 25); do
			FARLEY_LOCK_TIMEOUT=300 farley log jane-doe -m "writer $p call $i" >/dev/null ||
				echo "failed $p $i" >>../failures
		done) &
	done; wait &&
	test ! -e ../failures &&
	test $(find interactions -name "*.yaml" | wc -l) = 200 &&
	test $(git rev-list --count HEAD) = $(( $(cat ../before) + 200 )) &&
	test_clean &&
	git fsck --no-progress 2>&1 | { ! grep -E "^(error|fatal|missing|broken)"; } &&
	farley check &&
	test $(farley ls interactions --format=ids | wc -l) = 200
'

test_expect_success 'commits made by plain git meanwhile are never lost' '
	cd crm &&
	{ (for i in $(seq 10); do farley log jane-doe -m "racing $i" >/dev/null; done) & } &&
	for i in $(seq 10); do
		# git itself refuses when HEAD moved under it; like a user, try again
		n=0; until git commit -q --allow-empty -m "plain $i" 2>/dev/null; do
			n=$((n + 1)); test $n -lt 200 || exit 1; sleep 0.05
		done
	done; wait &&
	test $(git log --format=%s | grep -c "^plain ") = 10 &&
	test $(git log --format=%s | grep -c "racing") = 10 &&
	test $(farley ls interactions --where "summary~/^racing/" --format=ids | wc -l) = 10 &&
	test_clean
'

test_done
