#!/bin/sh
# Stress: 8 writers running mixed commands (add, log, set, done, rm,
# merge) at once, beside readers, a git gc and git pulls of a second
# clone's work.  Nothing is lost: every record and every commit is
# accounted for, and farley check, git fsck and a rebuilt index agree.
# The pulls go through farley sync, which holds farley's writer lock.
# make check runs 12 commands a writer; make stress runs 100
# (FARLEY_STRESS_N).
. "$(dirname "$0")/lib.sh"

N=${FARLEY_STRESS_N:-12}
W=8

# One writer: about N commands, cycling through the mix.  It writes down
# what must exist at the end (keep), what must not (gone), and counts its
# writes (each one commit whose subject names one of its records).
writer() {
	w=$1 i=0
	while [ $i -lt $N ]; do
		i=$((i + 1))
		c="w$w-c$i"
		case $((i % 6)) in
		1) farley add contact "W$w C$i" emails=$c@stress.example >/dev/null &&
			echo "contact $c" >>../keep.$w && echo >>../writes.$w ;;
		2) farley add contact "W$w C$i" >/dev/null &&
			farley log "$c" -m "call $c" >/dev/null &&
			echo "contact $c" >>../keep.$w && echo >>../writes.$w &&
			echo >>../writes.$w ;;
		3) t=$(farley add task "W$w T$i" due=2026-12-01) && farley done "$t" >/dev/null &&
			echo "task $t" >>../keep.$w && echo >>../writes.$w && echo >>../writes.$w ;;
		4) farley add contact "W$w C$i" >/dev/null && farley rm "$c" >/dev/null &&
			echo "contact $c" >>../gone.$w && echo >>../writes.$w && echo >>../writes.$w ;;
		5) farley add contact "W$w C$i" tags=a >/dev/null &&
			farley add contact "W$w D$i" tags=b >/dev/null &&
			farley merge "$c" "w$w-d$i" >/dev/null &&
			echo "contact $c" >>../keep.$w && echo "contact w$w-d$i" >>../gone.$w &&
			echo >>../writes.$w && echo >>../writes.$w && echo >>../writes.$w ;;
		0) d=$(farley add deal "W$w Deal $i" value=$i stage=lead) &&
			farley set "$d" stage=proposal >/dev/null &&
			echo "deal $d" >>../keep.$w && echo >>../writes.$w && echo >>../writes.$w ;;
		esac || { echo "writer $w failed at $i" >>../failures; return 1; }
	done
}

test_expect_success 'setup: a CRM, a bare remote and a second clone' '
	git init -q --bare remote.git &&
	new_crm && farley add company "Stress Co" >/dev/null &&
	git remote add origin ../remote.git && git push -q -u origin HEAD 2>/dev/null &&
	cd .. && git clone -q remote.git other && cd other &&
	git config merge.farley.driver "farley merge-driver %O %A %B %P" &&
	git config merge.farley.name farley
'

test_expect_success "$W writers x $N commands, readers, a gc and pulls meanwhile" '
	cd crm && export FARLEY_LOCK_TIMEOUT=600 &&
	: >../go &&
	{ (while [ -e ../go ]; do
		farley ls >/dev/null && farley search stress >/dev/null &&
			farley pipeline >/dev/null || echo "reader failed" >>../failures
	done) & } &&
	{ (cd ../other && n=0 && while [ -e ../go ] && [ $n -lt ${NPUSH:-5} ]; do
		n=$((n + 1))
		farley add company "Other Co $n" >/dev/null &&
		git push -q origin HEAD 2>/dev/null || echo "push $n failed" >>../failures
		echo "company other-co-$n" >>../keep.other
		sleep 0.3
	done) & } &&
	{ (sleep 1; git gc -q 2>/dev/null || echo "gc failed" >>../failures) & } &&
	{ (p=0; while [ -e ../go ] && [ $p -lt ${NPULL:-5} ]; do
		p=$((p + 1)); sleep 0.5
		# farley sync pulls (git pull --rebase) under the writer lock
		# of farley: a plain git pull reads the index of git before it
		# locks it, and would lose a farley write made in between
		farley sync --no-push >/dev/null 2>>../sync.err ||
			echo "sync $p failed" >>../failures
	done; echo done >../pulls) & } &&
	pids= && for w in $(seq $W); do writer $w 2>../err.$w & pids="$pids $!"; done &&
	for p in $pids; do wait $p; done;
	rm -f ../go; wait &&
	{ test ! -e ../failures || { cat ../failures; grep -h -v "conflict:\|merge contact\|removed" ../err.*; false; }; } &&
	farley sync --no-push >/dev/null &&
	cat ../keep.* | sort >keep && cat ../gone.* | sort >gone &&
	while read kind id; do
		farley show "$id" --format=ids >/dev/null 2>&1 || { echo "lost: $kind $id"; exit 1; }
	done <keep &&
	while read kind id; do
		! farley show "$id" >/dev/null 2>&1 || { echo "still there: $kind $id"; exit 1; }
	done <gone &&
	test_clean &&
	farley check &&
	git fsck --no-progress 2>&1 | { ! grep -E "^(error|fatal|missing|broken)"; } &&
	for k in companies contacts deals interactions tasks; do
		farley ls $k --format=ids | sort >before.$k || exit 1
	done &&
	farley index --rebuild >/dev/null &&
	for k in companies contacts deals interactions tasks; do
		farley ls $k --format=ids | sort >after.$k && test_cmp before.$k after.$k || exit 1
	done &&
	for k in companies contacts deals interactions tasks; do
		git ls-files $k | wc -l >files.$k && wc -l <after.$k >ids.$k &&
		test_cmp files.$k ids.$k || exit 1
	done &&
	# every write is a commit of its own: count them per writer
	for w in $(seq $W); do
		test $(git log --format=%s | grep -c "w$w-") = $(wc -l <../writes.$w) ||
			{ echo "writer $w: $(wc -l <../writes.$w) writes," \
				"$(git log --format=%s | grep -c "w$w-") commits"; exit 1; }
	done &&
	test $(git log --format=%s | grep -c "add company other-co-") = $(wc -l <../keep.other)
'

test_done
