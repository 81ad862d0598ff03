#!/bin/sh
# Teams on one CRM: farley's merge driver merges record files field by
# field, farley sync pulls (rebasing) and pushes, and a fresh clone gets
# the driver registered by the first farley command.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a shared bare remote and two clones' '
	git init -q --bare remote.git &&
	farley init a >/dev/null && cd a &&
	git remote add origin ../remote.git &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add contact "Jane Doe" company=acme-gmbh title=CEO phones=+4930111 tags=a,b >/dev/null &&
	farley add deal "Acme renewal" company=acme-gmbh stage=proposal value=100 >/dev/null &&
	git push -q -u origin main &&
	cd .. && git clone -q "$TRASH/remote.git" b
'

test_expect_success 'a fresh clone gets the merge driver from its first farley command' '
	cd b && test -z "$(git config merge.farley.driver)" &&
	farley ls --format=ids >/dev/null &&
	git config merge.farley.driver >drv &&
	echo "farley merge-driver %O %A %B %L %P" >expect && test_cmp expect drv &&
	git check-attr merge contacts/ja/jane-doe.yaml | grep "merge: farley"
'

test_expect_success 'changes to different fields and to a list on both sides merge cleanly' '
	(cd a && farley set jane-doe title=CTO tags+=vip tags-=a) &&
	(cd b && farley set jane-doe phones=+4940222 tags+=berlin && farley sync -q) &&
	cd a && farley sync -q &&
	f=contacts/ja/jane-doe.yaml &&
	grep "^title: CTO$" $f && grep "^  - \"+4940222\"$" $f && ! grep "4930111" $f &&
	$PYTHON -c "
import yaml; d = yaml.safe_load(open(\"$f\"))
assert sorted(d[\"tags\"]) == [\"b\", \"berlin\", \"vip\"], d[\"tags\"]" &&
	farley check && test_clean &&
	git log --format=%s -3 | grep "contact jane-doe: title CEO -> CTO"
'

test_expect_success 'both clones adding interactions merge (different files)' '
	(cd a && farley log jane-doe -m "Call from A" >/dev/null) &&
	(cd b && farley sync -q && farley log jane-doe -m "Call from B" >/dev/null && farley sync -q) &&
	cd a && farley sync -q &&
	farley ls interactions --format=json | grep "Call from A" &&
	farley ls interactions --format=json | grep "Call from B" && farley check
'

test_expect_success 'the same field changed to two values: a conflict marked around that field only' '
	(cd b && farley sync -q && farley set acme-renewal stage=won && git push -q) &&
	cd a && farley set acme-renewal stage=lost &&
	test_must_fail git pull -q --no-rebase origin main 2>err &&
	git diff --name-only --diff-filter=U >unmerged &&
	echo deals/ac/acme-renewal.yaml >expect && test_cmp expect unmerged &&
	f=deals/ac/acme-renewal.yaml &&
	sed -n "/^<<<<<<< /,/^>>>>>>> /p" $f >marked &&
	grep -v "^<<<<<<<\|^=======\|^>>>>>>>" marked >inside &&
	printf "stage: lost\nstage: won\n" >expect && test_cmp expect inside &&
	grep "^title: Acme renewal$" $f && grep "^value: 100$" $f
'

test_expect_success 'farley check reports the conflicted file with its line' '
	cd a && test_expect_code 1 farley check 2>err &&
	grep "deals/ac/acme-renewal.yaml:[0-9]*:1: unresolved merge conflict" err
'

test_expect_success 'after choosing one side and committing, check passes' '
	cd a && f=deals/ac/acme-renewal.yaml &&
	sed -i "/^<<<<<<< /d; /^=======\$/,/^>>>>>>> /d" $f &&
	grep "^stage: lost$" $f &&
	git add $f && git commit -qm "keep lost" && farley check &&
	farley ls deals stage=lost --format=ids | grep -x acme-renewal &&
	git push -q origin main
'

test_expect_success 'one side deleting what the other edits is a conflict' '
	(cd b && git pull -q --no-rebase origin main && farley add company "Doomed Co" >/dev/null && git push -q) &&
	cd a && git pull -q --no-rebase origin main &&
	farley rm doomed-co &&
	(cd ../b && farley set doomed-co industry=x && git push -q) &&
	test_must_fail git pull -q --no-rebase origin main &&
	git status --porcelain | grep "companies/do/doomed-co.yaml" &&
	git merge --abort
'

test_expect_success 'both adding the same new id with different content is a conflict' '
	cd a && git reset -q --hard origin/main &&
	farley add company "Twin Co" industry=retail >/dev/null &&
	(cd ../b && git pull -q --no-rebase origin main && farley add company "Twin Co" industry=food >/dev/null && git push -q) &&
	test_must_fail git pull -q --no-rebase origin main &&
	grep "^<<<<<<< " companies/tw/twin-co.yaml &&
	sed -n "/^<<<<<<< /,/^>>>>>>> /p" companies/tw/twin-co.yaml | grep -v "^[<=>]\{7\}" >inside &&
	printf "industry: retail\nindustry: food\n" >expect && test_cmp expect inside &&
	git merge --abort && git reset -q --hard origin/main
'

test_expect_success 'sync stops on a conflict, lists the records and says how to finish' '
	cd a && farley set acme-renewal value=300 &&
	(cd ../b && git pull -q --no-rebase origin main && farley set acme-renewal value=400 && git push -q) &&
	test_expect_code 1 farley sync 2>err &&
	grep "deals/ac/acme-renewal.yaml" err && grep "git rebase --continue" err &&
	grep "theirs (upstream ...). marks what others pushed" err &&
	git rebase --abort && git reset -q --hard origin/main
'

test_expect_success 'during sync (a rebase) the markers say which side is theirs' '
	cd a && farley set acme-renewal value=310 &&
	(cd ../b && git pull -q --no-rebase origin main && farley set acme-renewal value=410 && git push -q) &&
	test_expect_code 1 farley sync 2>err &&
	sed -n "/^<<<<<<< /,/^>>>>>>> /p" deals/ac/acme-renewal.yaml >marked &&
	printf "%s\n" "<<<<<<< theirs (upstream, pushed by others)" "value: 410" "=======" \
		"value: 310" ">>>>>>> yours (your local commit)" >expect &&
	test_cmp expect marked &&
	git rebase --abort && git reset -q --hard origin/main
'

test_expect_success 'in a merge (git pull without rebase) ours is yours' '
	cd a && farley set acme-renewal value=320 &&
	(cd ../b && git pull -q --no-rebase origin main && farley set acme-renewal value=420 && git push -q) &&
	test_must_fail git pull -q --no-rebase origin main &&
	sed -n "/^<<<<<<< /,/^>>>>>>> /p" deals/ac/acme-renewal.yaml >marked &&
	printf "%s\n" "<<<<<<< yours (HEAD)" "value: 320" "=======" \
		"value: 420" ">>>>>>> theirs (being merged in)" >expect &&
	test_cmp expect marked &&
	git merge --abort && git reset -q --hard origin/main
'

test_expect_success 'the merged file keeps the formatting of our side' '
	cd a && f=deals/ac/acme-renewal.yaml &&
	printf "# hand-written, keep me\ntitle: Acme renewal\nstage: lost   # decided\ncompany: acme-gmbh\ntags: [p, q]\nvalue: 400\n" >$f &&
	git commit -qam "hand format" && git push -q origin main &&
	(cd ../b && git pull -q --no-rebase origin main && farley set acme-renewal value=500 tags+=r && git push -q) &&
	farley set acme-renewal probability=0.4 &&
	git pull -q --no-rebase --no-edit origin main &&
	grep "^# hand-written, keep me$" $f && grep "^stage: lost   # decided$" $f &&
	grep "^tags: \[p, q, r\]$" $f && grep "^value: 500$" $f && grep "^probability: 0.4$" $f &&
	farley check && test_clean
'

test_expect_success 'the driver on its own: exit 0 clean, 1 on conflict' '
	printf "title: T\nstage: lead\n" >base.yaml &&
	printf "title: T\nstage: won\n" >ours.yaml &&
	printf "title: T2\nstage: lead\n" >theirs.yaml &&
	farley merge-driver base.yaml ours.yaml theirs.yaml 7 deals/t/t.yaml &&
	printf "title: T2\nstage: won\n" >expect && test_cmp expect ours.yaml &&
	printf "title: T\nstage: lost\n" >theirs.yaml && cp base.yaml ours2.yaml &&
	printf "title: T\nstage: won\n" >ours2.yaml &&
	test_expect_code 1 farley merge-driver base.yaml ours2.yaml theirs.yaml 7 deals/t/t.yaml &&
	grep "^<<<<<<< yours (HEAD)$" ours2.yaml && grep "^>>>>>>> theirs (being merged in)$" ours2.yaml
'

test_expect_success 'sync works with an absolute remote path and pushes' '
	cd b && git remote set-url origin "$TRASH/remote.git" && git pull -q --no-rebase --no-edit origin main;
	farley add company "Pushed Co" >/dev/null && farley sync -q &&
	git --git-dir="$TRASH/remote.git" log --format=%s -1 main | grep "add company pushed-co"
'

test_done
