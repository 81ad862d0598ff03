#!/bin/sh
# git's settings for big repositories, and the layouts git allows: farley
# writes and reads under each, git's index stays exact (git keeps it), and
# a plain `git add` running beside farley is never lost.
. "$(dirname "$0")/lib.sh"

# A day's writes on the repository we are in, then the checks.
writes_work() {
	farley add company "Acme $1" >/dev/null &&
	farley add contact "Jane $1" company=acme-$1 emails=jane@$1.example >/dev/null &&
	farley add deal "Renewal $1" company=acme-$1 value=1200 >/dev/null &&
	farley set renewal-$1 stage=proposal >/dev/null &&
	farley log jane-$1 -m "call about $1" >/dev/null &&
	farley add task "Send offer $1" due=2026-12-01 >/dev/null &&
	farley done send-offer-$1 >/dev/null &&
	farley rm --force acme-$1 >/dev/null &&
	test_clean &&
	git fsck --no-progress 2>&1 | { ! grep -E "^(error|fatal|missing|broken)"; } &&
	test "$(farley ls deals --where "title=\"Renewal $1\"" --format=ids)" = renewal-$1 &&
	test "$(git log -1 --format=%s)" != "" &&
	farley index --rebuild >/dev/null &&
	test "$(farley ls contacts --where "name=\"Jane $1\"" --format=ids)" = jane-$1
}

test_expect_success 'core.splitIndex (libgit2 cannot read a split index)' '
	new_crm split &&
	git config core.splitIndex true && git update-index --split-index &&
	ls .git/sharedindex.* &&
	writes_work split &&
	ls .git/sharedindex.*
'

test_expect_success 'index version 4, feature.manyFiles, untracked cache' '
	new_crm v4 &&
	git config feature.manyFiles true && git config core.untrackedCache true &&
	git update-index --index-version 4 &&
	writes_work v4 &&
	test "$(od -An -tx1 -j4 -N4 .git/index | tr -d " ")" = 00000004
'

test_expect_success 'many files at once under a split index (one pack, git index exact)' '
	new_crm bulk && git config core.splitIndex true && git update-index --split-index &&
	{
		echo "Name,E-mail Address" &&
		i=0 && while [ $i -lt 150 ]; do echo "P $i,p$i@bulk.example" && i=$((i + 1)); done
	} >../bulk.csv &&
	farley import csv ../bulk.csv 2>/dev/null &&
	test $(git ls-files contacts | wc -l) = 150 &&
	test_clean
'

test_expect_success 'a linked worktree (git worktree add)' '
	new_crm main && farley add contact "Base" >/dev/null &&
	git worktree add -q ../linked -b side &&
	cd ../linked &&
	writes_work linked &&
	{
		echo "Name,E-mail Address" &&
		i=0 && while [ $i -lt 80 ]; do echo "Q $i,q$i@linked.example" && i=$((i + 1)); done
	} >../linked.csv &&
	farley import csv ../linked.csv 2>/dev/null && test_clean &&
	cd ../main && git fsck --no-progress 2>&1 | { ! grep -E "^(error|fatal|missing|broken)"; } &&
	test $(git ls-tree -r --name-only side contacts | wc -l) -gt 80 &&
	test_clean
'

test_expect_success 'a .git that is a file (--separate-git-dir, as submodules have)' '
	git init -q --separate-git-dir="$PWD/sep.git" sepwork &&
	test -f sepwork/.git &&
	farley init sepwork >/dev/null && cd sepwork &&
	writes_work sep
'

test_expect_success 'a plain git add in a loop beside 200 farley writes loses nothing' '
	new_crm race && git config core.splitIndex true && git update-index --split-index &&
	farley add contact "Jane Doe" >/dev/null &&
	mkdir -p notes && : >../go &&
	{ (i=0; while [ -e ../go ]; do
		i=$((i + 1)); echo "$i" >notes/n$i.txt
		until git add notes/n$i.txt 2>/dev/null; do sleep 0.01; done
		echo $i >../added
	done) & } &&
	for i in $(seq 200); do
		FARLEY_LOCK_TIMEOUT=60 farley log jane-doe -m "call $i" >/dev/null ||
			echo "failed $i" >>../failures
	done &&
	rm ../go && wait &&
	test ! -e ../failures &&
	n=$(cat ../added) && test "$n" -gt 0 &&
	test "$(git ls-files notes | wc -l)" = "$n" &&
	test "$(git diff --cached --name-only | grep -c ^notes/)" = "$n" &&
	test $(git ls-files interactions | wc -l) = 200 &&
	git reset -q notes && rm -rf notes && test_clean
'

test_expect_success 'farley init turns the settings on in a new repository only' '
	farley init fresh >/dev/null &&
	test "$(git -C fresh config core.splitIndex)" = true &&
	test "$(git -C fresh config core.untrackedCache)" = true &&
	git init -q existing && farley init existing >/dev/null &&
	test_must_fail git -C existing config core.splitIndex
'

test_expect_success 'past 100,000 files without a split index, check and init say how to turn it on' '
	git init -q big && cd big && farley init >/dev/null 2>err && ! grep hint err &&
	blob=$(echo x | git hash-object -w --stdin) &&
	awk -v b=$blob "BEGIN { for (i = 0; i < 100001; i++) printf \"100644 %s\tnotes/%06d\n\", b, i }" |
		git update-index --index-info &&
	farley check 2>err; grep "hint: git.s index lists 10[0-9]* files" err &&
	grep "git config core.splitIndex true" err &&
	farley -q check 2>err; ! grep hint err &&
	git config core.splitIndex true && farley check 2>err; ! grep hint err
'

test_done
