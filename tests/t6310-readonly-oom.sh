#!/bin/sh
# A read-only work tree, a read-only .git and too little memory: a clean
# error, nothing changed, and the next command works once the cause is
# gone.  (Disk faults one call at a time are t6300.)
. "$(dirname "$0")/lib.sh"

# as_user CMD...: run CMD as someone the permissions apply to (root is
# above them: the tests run as nobody then, on a repository nobody owns)
as_user() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}

# state: what a failed command must leave as it was
state() {
	git rev-parse HEAD &&
	git ls-files -s &&
	git status --porcelain --untracked-files=all &&
	find . -path ./.git -prune -o -type f -exec sha1sum {} + | LC_ALL=C sort &&
	farley ls --format=tsv --fields=id,kind,name,stage,value
}

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme" >/dev/null &&
	farley add deal "Acme renewal" value=100 company=acme >/dev/null &&
	farley ls >/dev/null &&
	if [ "$(id -u)" = 0 ]; then
		chown -R 65534:65534 . && chmod a+rx "$TRASH" &&
		git config --global --add safe.directory "$TRASH/crm"
	fi
'

test_expect_success 'a read-only work tree: a clean error, nothing changed' '
	cd crm && state >../before &&
	find . -path ./.git -prune -o -type d -exec chmod a-w {} + &&
	test_expect_code 1 as_user farley set acme-renewal stage=won 2>../err &&
	test_expect_code 1 as_user farley add company "Beta" 2>>../err &&
	test_expect_code 1 as_user farley rm acme-renewal 2>>../err &&
	find . -path ./.git -prune -o -type d -exec chmod u+w {} + &&
	cat ../err &&
	test "$(grep -c "^farley: error: .*Permission denied" ../err)" = 3 &&
	test "$(wc -l <../err)" = 3 &&
	state >../now && test_cmp ../before ../now &&
	as_user farley set acme-renewal stage=won && test_clean
'

test_expect_success 'a read-only .git: a clean error, nothing changed' '
	cd crm && state >../before &&
	chmod -R a-w .git &&
	test_expect_code 1 as_user farley set acme-renewal stage=lost 2>../err &&
	test_expect_code 1 as_user farley add company "Beta" 2>>../err &&
	chmod -R u+w .git &&
	cat ../err &&
	test "$(grep -c "^farley: error: " ../err)" = 2 &&
	test "$(wc -l <../err)" = 2 &&
	state >../now && test_cmp ../before ../now &&
	as_user farley set acme-renewal stage=lost && test_clean
'

# ulimit -v means nothing to ASan, which reserves terabytes of shadow
if [ -z "${FARLEY_ASAN_RUN:-}" ]; then
test_expect_success 'out of memory during an index rebuild: a clean end at any limit' '
	cd crm &&
	{ echo name,email,notes &&
	  for i in $(seq 1 3000); do
		echo "Person $i,p$i@example.com,$(printf "%0200d" $i)"
	  done; } >../many.csv &&
	as_user farley import csv ../many.csv >/dev/null &&
	farley ls --format=tsv >../answers && test_clean &&
	ok=0 failed=0 &&
	for kb in 30000 60000 90000 120000 150000 200000 300000 400000 600000; do
		(ulimit -v $kb && exec farley index --rebuild) >/dev/null 2>../err
		rc=$?
		case $rc in
		0) ok=$((ok + 1)) ;;
		1) grep "^farley: error: " ../err && failed=$((failed + 1)) ;;
		*) echo "ulimit -v $kb: exit $rc" && cat ../err && exit 1 ;;
		esac &&
				farley ls --format=tsv >../now && test_cmp ../answers ../now &&
		test_clean || exit 1
	done &&
	echo "$failed failed cleanly, $ok rebuilt" &&
	test $failed -gt 0 && test $ok -gt 0
'
fi

test_done
