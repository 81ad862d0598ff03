#!/bin/sh
# Writers take a lock in the git dir; it never outlives its holder.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm && farley add company "Acme GmbH" >/dev/null
'

# hold_lock: hold farley's lock from another process until killed
hold_lock() {
	$PYTHON -c "
import fcntl, time, sys
f = open(\".git/farley/lock\", \"a+\")
fcntl.lockf(f, fcntl.LOCK_EX)
print(\"held\", flush=True)
time.sleep(60)
" >held &
	holder=$!
	for i in $(seq 50); do grep -q held held 2>/dev/null && break; sleep 0.1; done
}

test_expect_success 'a held lock: wait, then a clear error and nothing written' '
	cd crm && head=$(git rev-parse HEAD) &&
	hold_lock &&
	FARLEY_LOCK_TIMEOUT=1 test_expect_code 1 farley set acme-gmbh industry=x 2>err;
	rc=$?; kill $holder; wait $holder 2>/dev/null;
	test $rc = 0 &&
	grep "another farley command (pid [0-9]*) is writing" err &&
	! grep industry companies/ac/acme-gmbh.yaml &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'a writer waits for the lock to be released' '
	cd crm && hold_lock &&
	{ (sleep 1; kill $holder) & } &&
	FARLEY_LOCK_TIMEOUT=10 farley set acme-gmbh industry=waited &&
	grep "^industry: waited$" companies/ac/acme-gmbh.yaml
'

test_expect_success 'a writer killed with SIGKILL while holding the lock blocks nobody' '
	cd crm &&
	FARLEY_TEST_CRASH_AT=locked test_expect_code 137 farley set acme-gmbh industry=a;
	FARLEY_LOCK_TIMEOUT=1 farley set acme-gmbh industry=b &&
	grep "^industry: b$" companies/ac/acme-gmbh.yaml
'

for sig in INT TERM; do
	test_expect_success "SIG$sig releases the lock and changes nothing" '
		cd crm && head=$(git rev-parse HEAD) &&
		{ FARLEY_TEST_PAUSE_AT=locked $PYTHON -c "
# a shell starts background jobs with SIGINT ignored; a user at a terminal
# does not: give farley the default disposition, as Ctrl-C would find it
import os, signal
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(\"farley\", [\"farley\", \"set\", \"acme-gmbh\", \"industry=never\"])
" 2>paused & } &&
		pid=$! &&
		for i in $(seq 50); do grep -q paused paused && break; sleep 0.1; done &&
		kill -'$sig' $pid; wait $pid; rc=$?;
		test $rc -gt 128 &&
		FARLEY_LOCK_TIMEOUT=1 farley set acme-gmbh industry=next-'$sig' &&
		test "$(git rev-parse HEAD~1)" = "$head" &&
		grep "^industry: next-'$sig'$" companies/ac/acme-gmbh.yaml
	'
done

test_expect_success 'readers do not wait for writers' '
	cd crm && hold_lock &&
	farley show acme-gmbh >/dev/null; rc=$?;
	kill $holder; wait $holder 2>/dev/null; test $rc = 0
'

test_done
