#!/bin/sh
# tests/run.sh: run the unit tests and every shell test, then print one
# closing line "N passed, N failed".
#
#   sh tests/run.sh [--asan] [tNNNN...]
#
# --asan runs the shell suite a second time on build/asan/farley (built by
# "make asan"), where any AddressSanitizer or UndefinedBehaviorSanitizer
# report makes the command, and so its test, fail.
cd "$(dirname "$0")/.." || exit 1
asan=
if [ "${1:-}" = --asan ]; then
	asan=1
	shift
fi
rm -rf tests/results && mkdir -p tests/results
passed=0
failed=0

# C unit tests (cmocka): each binary counts its own cases.
for u in build/tests/u-*; do
	[ -x "$u" ] || continue
	[ $# -gt 0 ] && continue
	out=$("$u" 2>&1)
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1 # a unit binary that ran nothing has failed
	fi
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out" | grep -E 'FAIL|ERROR|error' | sed "s|^|# $(basename "$u"): |"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

# Fuzz corpora and crashers (tests/fuzz/): each file replayed through its
# target built with ASan and UBSan ("make replay"), one check per file.
# Under --asan (as "make check" runs) a missing replay binary fails.
for t in $(ls tests/fuzz/corpus 2>/dev/null); do
	[ $# -gt 0 ] && continue
	r=build/asan/fuzz/replay-$t
	if [ ! -x "$r" ]; then
		if [ -n "$asan" ]; then
			echo "# fuzz: $r is missing (make replay)"
			failed=$((failed + 1))
		fi
		continue
	fi
	dirs=tests/fuzz/corpus/$t
	[ -d "tests/fuzz/crashers/$t" ] && dirs="$dirs tests/fuzz/crashers/$t"
	out=$(ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"$r" $dirs 2>&1)
	line=$(printf '%s\n' "$out" | tail -1)
	case $line in
	*" passed, "*" failed") set_pf=$line ;;
	*) set_pf="0 passed, 1 failed" ;;
	esac
	p=${set_pf%% passed*}
	f=${set_pf#* passed, }
	f=${f% failed}
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out" | grep -E 'replay:|ERROR|runtime error|property' |
			head -20 | sed "s|^|# fuzz $t: |"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done

if [ $# -gt 0 ]; then
	scripts=$(for t in "$@"; do ls tests/$t*.sh; done)
else
	scripts=$(ls tests/t[0-9]*.sh)
fi

# run_suite LABEL: every shell script, two at a time; add up the results.
run_suite() {
	printf '%s\n' $scripts | xargs -P "${TEST_JOBS:-2}" -n 1 sh
	for s in $scripts; do
		name=$(basename "$s" .sh)
		if [ -f "tests/results/$name" ]; then
			read p f <"tests/results/$name"
		else
			echo "# $1$name: did not finish"
			p=0
			f=1
		fi
		passed=$((passed + p))
		failed=$((failed + f))
	done
	rm -rf tests/results && mkdir -p tests/results
}

run_suite ""
if [ -n "$asan" ]; then
	if [ -x build/asan/farley ]; then
		mkdir -p build/asan/bin && cp build/asan/farley build/asan/bin/farley
		FARLEY_BUILD="$PWD/build/asan/bin" FARLEY_ASAN_RUN=1 \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99 \
			run_suite "asan: "
	else
		echo "# asan: build/asan/farley is missing (make asan)"
		failed=$((failed + 1))
	fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
