#!/bin/sh
# The index's promise, tested as a property: whatever happens to the
# repository (adds, sets, removals, hand edits with and without commits,
# checkouts of older commits, pulls from another clone), the incrementally
# updated index answers like a brute-force scan of the files and like an
# index rebuilt from scratch.
. "$(dirname "$0")/lib.sh"

FARLEY_TODAY=2026-11-24
export FARLEY_TODAY

test_expect_success 'setup: 2,500 generated records and a second clone' '
	$PYTHON "$SRC_DIR/bench/gen.py" crm --scale 0.005 --seed 11 >/dev/null &&
	git clone -q crm other
'

# fewer steps on the (slow) sanitizer build
steps=${FARLEY_ASAN_RUN:+8}
test_expect_success 'random operations keep the index exact (seed 1)' '
	$PYTHON "$SRC_DIR/tests/property.py" "$TRASH/crm" "$TRASH/other" ${steps:-25} 1 >log 2>&1 ||
		{ tail -20 log; exit 1; }
'

test_expect_success 'and with another seed' '
	$PYTHON "$SRC_DIR/tests/property.py" "$TRASH/crm" "$TRASH/other" ${steps:-15} 2 >log 2>&1 ||
		{ tail -20 log; exit 1; }
'

test_done
