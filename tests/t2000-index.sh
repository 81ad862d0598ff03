#!/bin/sh
# The index is a cache kept in .git/farley/: built on first use, brought up
# to date with HEAD before every read, rebuilt when lost or damaged.
. "$(dirname "$0")/lib.sh"

ids() { farley ls "$@" --format=ids | sort; }

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" industry=retail >/dev/null &&
	farley add contact "Jane Doe" company=acme-gmbh >/dev/null &&
	farley add deal "Acme renewal" company=acme-gmbh stage=proposal value=100 >/dev/null
'

test_expect_success 'the index lives in the git dir and is never tracked' '
	cd crm && test -f .git/farley/index.db &&
	test_clean && ! git ls-files | grep farley/index
'

test_expect_success 'farley commits show up at once' '
	cd crm && farley add deal "Second deal" stage=lead >/dev/null &&
	ids deals >got && printf "acme-renewal\nsecond-deal\n" >expect && test_cmp expect got
'

test_expect_success 'a hand edit shows up once committed' '
	cd crm &&
	sed -i "s/^stage: lead/stage: won/" deals/se/second-deal.yaml &&
	ids deals stage=won >got && test ! -s got &&
	git commit -qam "by hand" &&
	ids deals stage=won >got && echo second-deal >expect && test_cmp expect got
'

test_expect_success 'an uncommitted hand edit shows up after farley index' '
	cd crm &&
	sed -i "s/^stage: won/stage: negotiation/" deals/se/second-deal.yaml &&
	mkdir -p contacts/ro && printf "name: Rick Roe\n" >contacts/ro/rick-roe.yaml &&
	farley index -q &&
	ids deals stage=negotiation >got && echo second-deal >expect && test_cmp expect got &&
	ids contacts >got && printf "jane-doe\nrick-roe\n" >expect && test_cmp expect got &&
	git checkout -q deals && rm -r contacts/ro
'

test_expect_success 'and a hand edit undone is seen as undone' '
	cd crm &&
	ids deals stage=won >got && echo second-deal >expect && test_cmp expect got &&
	ids contacts >got && echo jane-doe >expect && test_cmp expect got
'

test_expect_success '--no-commit writes are seen at once, and stay right after commit' '
	cd crm &&
	farley set acme-renewal stage=lost --no-commit &&
	ids deals stage=lost >got && echo acme-renewal >expect && test_cmp expect got &&
	git commit -qm "by hand" &&
	ids deals stage=lost >got && test_cmp expect got &&
	farley add company "Staged Co" --no-commit >/dev/null &&
	ids companies >got && printf "acme-gmbh\nstaged-co\n" >expect && test_cmp expect got &&
	git reset -q --hard &&
	git clean -qfd companies &&
	ids companies >got && echo acme-gmbh >expect && test_cmp expect got
'

test_expect_success 'git checkout of an older commit and back' '
	cd crm &&
	old=$(git rev-list --max-count=1 HEAD~3) &&
	git checkout -q $old &&
	ids deals >got && echo acme-renewal >expect && test_cmp expect got &&
	git checkout -q main &&
	ids deals >got && printf "acme-renewal\nsecond-deal\n" >expect && test_cmp expect got
'

test_expect_success 'git reset and branch switches' '
	cd crm &&
	git checkout -q -b side && farley add company "Side Co" >/dev/null &&
	ids companies >got && printf "acme-gmbh\nside-co\n" >expect && test_cmp expect got &&
	git checkout -q main &&
	ids companies >got && echo acme-gmbh >expect && test_cmp expect got &&
	git reset -q --hard side &&
	ids companies >got && printf "acme-gmbh\nside-co\n" >expect && test_cmp expect got &&
	git reset -q --hard HEAD~1 &&
	ids companies >got && echo acme-gmbh >expect && test_cmp expect got
'

test_expect_success 'a rename is followed' '
	cd crm && mkdir -p companies/zz && git mv companies/ac/acme-gmbh.yaml companies/zz/acme-gmbh.yaml &&
	git commit -qm move &&
	farley ls companies --format=json | grep "\"path\": \"companies/zz/acme-gmbh.yaml\"" &&
	git mv companies/zz/acme-gmbh.yaml companies/ac/acme-gmbh.yaml && git commit -qm back
'

test_expect_success 'a git pull from another clone' '
	git clone -q crm other && (cd other && farley add company "Pulled Co" >/dev/null) &&
	cd crm && git pull -q ../other main &&
	ids companies >got && printf "acme-gmbh\npulled-co\n" >expect && test_cmp expect got
'

test_expect_success 'a deleted index is rebuilt' '
	cd crm && ids >before && rm .git/farley/index.db* &&
	ids >after && test_cmp before after && test -f .git/farley/index.db
'

test_expect_success 'an index truncated to half its size is rebuilt' '
	cd crm && ids >before &&
	size=$(stat -c %s .git/farley/index.db) &&
	truncate -s $((size / 2)) .git/farley/index.db &&
	ids >after && test_cmp before after &&
	farley search acme --format=ids | grep acme-gmbh
'

test_expect_success 'an index that is not a database at all is rebuilt' '
	cd crm && ids >before &&
	echo "garbage" >.git/farley/index.db && rm -f .git/farley/index.db-wal .git/farley/index.db-shm &&
	ids >after && test_cmp before after
'

test_expect_success 'a commit the index does not know (history rewritten) means a rebuild' '
	cd crm && ids >before &&
	sqlite3 .git/farley/index.db "update meta set value = '"'"'0123456789012345678901234567890123456789'"'"' where key = '"'"'commit'"'"'" &&
	ids >after && test_cmp before after
'

test_expect_success 'an index from another schema version is rebuilt' '
	cd crm && ids >before &&
	sqlite3 .git/farley/index.db "update meta set value = '"'"'0'"'"' where key = '"'"'version'"'"'" &&
	ids >after && test_cmp before after &&
	sqlite3 .git/farley/index.db "select value from meta where key = '"'"'version'"'"'" >v &&
	test "$(cat v)" != 0
'

test_expect_success 'farley index --rebuild gives the same answers' '
	cd crm && farley ls --format=json >before && farley index --rebuild -q &&
	farley ls --format=json >after && test_cmp before after
'

test_expect_success 'unreadable record files are counted by ls, and the index says why' '
	cd crm && mkdir -p companies/br &&
	printf "name: [broken\n" >companies/br/broken.yaml &&
	$PYTHON -c "print(\"name: x\nnotes: \" + \"y\" * (1 << 20))" >companies/br/big.yaml &&
	ln -s /etc/passwd companies/br/link.yaml &&
	farley index -q &&
	ids companies >out 2>err && grep acme-gmbh out &&
	! grep -e broken -e big -e link out &&
	farley ls companies >/dev/null 2>err &&
	grep "warning: 3 record files could not be read" err &&
	sqlite3 .git/farley/index.db "select path, error from records where not valid order by path" >why &&
	grep -x "companies/br/big.yaml|file is larger than 1 MiB" why &&
	grep -E "^companies/br/broken.yaml\|[0-9]+:[0-9]+: invalid YAML" why &&
	grep -x "companies/br/link.yaml|not a regular file" why &&
	test $(wc -l <why) = 3 &&
	sqlite3 .git/farley/index.db "select count(*) from records where valid and error is not null" >n &&
	test "$(cat n)" = 0 &&
	farley index --rebuild -q &&
	farley ls companies >/dev/null 2>err && grep "warning: 3 record files" err &&
	rm -r companies/br && farley index -q &&
	farley ls companies >/dev/null 2>err && ! grep "could not be read" err
'

test_expect_success 'readers running at once all answer, while the index changes' '
	cd crm && farley add company "Busy Co" >/dev/null &&
	for i in 1 2 3 4 5 6; do (farley ls --format=ids >r$i 2>e$i; echo $? >rc$i) & done;
	farley add company "Busier Co" >/dev/null; wait &&
	for i in 1 2 3 4 5 6; do test "$(cat rc$i)" = 0 && test ! -s e$i || exit 1; done
'

test_expect_success 'the index follows a repository with no commits yet' '
	git init -q empty && cd empty && farley ls --format=ids >out && test ! -s out
'

test_done
