#!/bin/sh
# A writer killed with SIGKILL at any point of the write path leaves every
# record old or new, nothing that blocks the next command, and git fsck
# clean.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm &&
	farley add deal "Acme renewal" value=100 >/dev/null &&
	git rev-parse HEAD >../base
'

for point in locked tmp-written renamed indexed committed before-unlock; do
	test_expect_success "set killed at $point: old or new, then business as usual" '
		cd crm &&
		git reset -q --hard $(cat ../base) &&
		git show HEAD:deals/ac/acme-renewal.yaml >../old &&
		FARLEY_TEST_CRASH_AT='$point' test_expect_code 137 \
			farley set acme-renewal stage=won 2>/dev/null;
		f=deals/ac/acme-renewal.yaml &&
		$PYTHON -c "
import yaml; d = yaml.safe_load(open(\"$f\"))
assert d[\"stage\"] in (\"lead\", \"won\"), d
assert d[\"title\"] == \"Acme renewal\" and d[\"value\"] == 100, d" &&
		(cmp -s ../old $f || grep -q "^stage: won$" $f) &&
		FARLEY_LOCK_TIMEOUT=2 farley set acme-renewal value=200 &&
		grep "^value: 200$" $f &&
		! find . -name "*.tmp-*" | grep . &&
		git fsck --no-progress 2>&1 | { ! grep -E "^(error|fatal|missing|broken)"; } &&
		farley check
	'
done

for point in tmp-written renamed indexed committed; do
	test_expect_success "add killed at $point: the record is there whole or not at all" '
		cd crm && git reset -q --hard && git clean -qfd companies 2>/dev/null;
		FARLEY_TEST_CRASH_AT='$point' test_expect_code 137 \
			farley add company "Crash '$point'" 2>/dev/null;
		for f in $(find companies -name "*.yaml" 2>/dev/null); do
			$PYTHON -c "import yaml; assert yaml.safe_load(open(\"$f\"))[\"name\"]" || exit 1
		done &&
		FARLEY_LOCK_TIMEOUT=2 farley add company "After '$point'" >/dev/null &&
		! find . -name "*.tmp-*" | grep . &&
		git fsck --no-progress 2>&1 | { ! grep -E "^(error|fatal|missing|broken)"; }
	'
done

test_expect_success 'after a crash between index and commit the next commit is whole' '
	cd crm && git reset -q --hard $(cat ../base) &&
	FARLEY_TEST_CRASH_AT=indexed test_expect_code 137 farley set acme-renewal stage=qualified;
	farley set acme-renewal value=300 &&
	git show HEAD:deals/ac/acme-renewal.yaml >committed &&
	grep "^stage: qualified$" committed && grep "^value: 300$" committed &&
	test_clean
'

test_done
