#!/bin/sh
# farley edit opens the file in the user's editor, validates, commits.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm &&
	farley add deal "Acme renewal" value=100 >/dev/null
'

test_expect_success 'a valid edit is committed, naming the changed fields' '
	cd crm &&
	EDITOR=fake-editor FAKE_EDIT="s/^value: 100/value: 200/" farley edit acme-renewal &&
	grep "^value: 200$" deals/ac/acme-renewal.yaml &&
	git log -1 --format=%s >msg &&
	echo "edit deal acme-renewal: value" >expect && test_cmp expect msg &&
	test_clean
'

test_expect_success '$VISUAL wins over $EDITOR and may carry arguments' '
	cd crm &&
	VISUAL="fake-editor --wait" EDITOR=false FAKE_LOG=$PWD/../edlog \
		FAKE_EDIT="s/^value: 200/value: 300/" farley edit acme-renewal &&
	grep "^--wait .*EDIT-acme-renewal.yaml$" ../edlog &&
	grep "^value: 300$" deals/ac/acme-renewal.yaml
'

test_expect_success 'an unchanged file commits nothing' '
	cd crm && head=$(git rev-parse HEAD) &&
	EDITOR=true farley edit acme-renewal 2>err &&
	test "$(git rev-parse HEAD)" = "$head" && grep "nothing changed" err
'

test_expect_success 'invalid YAML without a terminal: exit 1, nothing changed' '
	cd crm && head=$(git rev-parse HEAD) && cp deals/ac/acme-renewal.yaml before &&
	EDITOR=fake-editor FAKE_CONTENT="title: [unclosed
" test_expect_code 1 farley edit acme-renewal </dev/null 2>err &&
	grep "invalid YAML" err && grep "kept in" err &&
	test_cmp before deals/ac/acme-renewal.yaml &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'an invalid record (bad stage) is refused the same way' '
	cd crm && rm .git/farley/EDIT-acme-renewal.yaml && cp deals/ac/acme-renewal.yaml before &&
	EDITOR=fake-editor FAKE_EDIT="s/^stage: lead/stage: dreaming/" \
		test_expect_code 1 farley edit acme-renewal </dev/null 2>err &&
	grep "not a stage" err && test_cmp before deals/ac/acme-renewal.yaml
'

test_expect_success 'a failing editor changes nothing' '
	cd crm && cp deals/ac/acme-renewal.yaml before &&
	EDITOR=false test_expect_code 1 farley edit acme-renewal 2>err &&
	test_cmp before deals/ac/acme-renewal.yaml
'

test_expect_success 'on a terminal the user is offered to edit again' '
	cd crm && rm -f .git/farley/EDIT-* &&
	cat >../twice <<-\EOF &&
	#!/bin/sh
	n=$(cat "$HOME/count" 2>/dev/null || echo 0); n=$((n + 1)); echo $n >"$HOME/count"
	if [ $n = 1 ]; then echo "title: [broken" >"$1"; else printf "title: Acme renewal\\nstage: lead\\nvalue: 999\\n" >"$1"; fi
	EOF
	chmod +x ../twice &&
	git show HEAD:deals/ac/acme-renewal.yaml >/dev/null &&
	printf "y\n" >answers &&
	EDITOR=$PWD/../twice script -qec "farley edit acme-renewal" /dev/null <answers >out 2>&1 &&
	grep "Edit again" out &&
	grep "^value: 999$" deals/ac/acme-renewal.yaml
'

test_expect_success 'an edit runs the checks of set: a reference to no record is refused' '
	cd crm && rm -f .git/farley/EDIT-* && head=$(git rev-parse HEAD) &&
	test_expect_code 1 farley set acme-renewal company=nobody 2>err.set &&
	EDITOR=fake-editor FAKE_EDIT="s/^value: .*/value: 4242\ncompany: nobody/" \
		test_expect_code 1 farley edit acme-renewal </dev/null 2>err &&
	grep "no record .nobody." err && grep "kept in" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'the next edit takes the kept one up again' '
	cd crm &&
	farley add company "Acme GmbH" >/dev/null &&
	EDITOR=fake-editor FAKE_EDIT="s/^company: nobody/company: acme-gmbh/" \
		farley edit acme-renewal </dev/null 2>err &&
	grep "resuming your unfinished edit" err &&
	grep "^value: 4242$" deals/ac/acme-renewal.yaml &&
	grep "^company: acme-gmbh$" deals/ac/acme-renewal.yaml &&
	! test -e .git/farley/EDIT-acme-renewal.yaml && test_clean
'

test_expect_success 'an edit refuses control characters and blank titles' '
	cd crm && rm -f .git/farley/EDIT-* &&
	EDITOR=fake-editor FAKE_EDIT="s/^title: .*/title: \"   \"/" \
		test_expect_code 1 farley edit acme-renewal </dev/null 2>err &&
	grep "is blank" err && rm -f .git/farley/EDIT-* &&
	EDITOR=fake-editor FAKE_EDIT="s/^title: .*/title: \"a\\\\eb\"/" \
		test_expect_code 1 farley edit acme-renewal </dev/null 2>err &&
	grep "control character" err
'

test_expect_success 'on a terminal the kept edit is offered; no keeps it aside' '
	cd crm && test -e .git/farley/EDIT-acme-renewal.yaml &&
	printf "n\n" >answers &&
	EDITOR=fake-editor FAKE_EDIT="s/^value: .*/value: 77/" \
		script -qec "farley edit acme-renewal" /dev/null <answers >out 2>&1 &&
	grep "Resume it?" out &&
	grep "^value: 77$" deals/ac/acme-renewal.yaml &&
	test -e .git/farley/EDIT-acme-renewal.yaml~ && rm .git/farley/EDIT-*
'

test_expect_success 'moving a deal to won in an edit sets close to today' '
	cd crm &&
	farley set acme-renewal close=2027-06-30 &&
	FARLEY_TODAY=2026-11-24 EDITOR=fake-editor FAKE_EDIT="s/^stage: .*/stage: won/" \
		farley edit acme-renewal &&
	grep "^close: 2026-11-24$" deals/ac/acme-renewal.yaml &&
	git log -1 --format=%s | grep "stage, close" &&
	FARLEY_TODAY=2026-11-25 EDITOR=fake-editor \
		FAKE_EDIT="s/^stage: .*/stage: lost/;s/^close: .*/close: 2026-11-01/" \
		farley edit acme-renewal &&
	grep "^close: 2026-11-01$" deals/ac/acme-renewal.yaml && test_clean
'

test_done
