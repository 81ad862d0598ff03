#!/bin/sh
# farley init creates or adopts a repository.
. "$(dirname "$0")/lib.sh"

test_expect_success 'init creates a git repository with settings and a commit' '
	farley init crm >out &&
	grep "Initialized farley repository" out &&
	test -d crm/.git &&
	test -f crm/farley.yaml &&
	grep "merge=farley" crm/.gitattributes &&
	(cd crm && git log --format=%s >../log) &&
	echo "init farley repository" >expect &&
	test_cmp expect log &&
	(cd crm && test_clean)
'

test_expect_success 'farley.yaml holds the default stages and channels' '
	grep -A1 "name: proposal" crm/farley.yaml | grep "probability: 0.50" &&
	grep "channels: \[email, call, meeting" crm/farley.yaml &&
	grep "^currency: EUR" crm/farley.yaml
'

test_expect_success 'init again changes nothing' '
	farley init crm >out &&
	grep Reinitialized out &&
	(cd crm && git rev-list --count HEAD >../count) &&
	echo 1 >expect && test_cmp expect count
'

test_expect_success 'init adopts an existing git repository and keeps its files' '
	git init -q existing &&
	echo "hello" >existing/README &&
	(cd existing && git add README && git commit -qm first) &&
	farley init existing &&
	(cd existing && git log --format=%s >../log && test_clean) &&
	printf "init farley repository\nfirst\n" >expect &&
	test_cmp expect log &&
	test -f existing/README
'

test_expect_success 'init keeps an existing .gitattributes and adds to it' '
	mkdir attrs && printf "*.png binary" >attrs/.gitattributes &&
	farley init attrs &&
	head -1 attrs/.gitattributes >first &&
	echo "*.png binary" >expect && test_cmp expect first &&
	grep "contacts/\*\* merge=farley" attrs/.gitattributes
'

test_expect_success 'commands outside a repository fail clearly' '
	mkdir nowhere && cd nowhere &&
	test_expect_code 1 farley show x 2>err &&
	grep "not a farley repository" err
'

test_expect_success 'the repository is found from a subdirectory, -C and FARLEY_DIR' '
	cd crm && farley add company "Sub Co" >/dev/null && mkdir -p deep/er &&
	(cd deep/er && farley show sub-co >/dev/null) &&
	cd .. &&
	farley -C crm show sub-co >/dev/null &&
	FARLEY_DIR=crm farley show sub-co >/dev/null
'

test_expect_success 'files farley creates are private to the user' '
	cd crm && farley add company "Private Co" >/dev/null &&
	test "$(stat -c %a companies/pr/private-co.yaml)" = 600 &&
	FARLEY_UMASK=022 farley add company "Shared Co" >/dev/null &&
	test "$(stat -c %a companies/sh/shared-co.yaml)" = 644
'

test_done
