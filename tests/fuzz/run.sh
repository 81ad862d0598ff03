#!/bin/sh
# tests/fuzz/run.sh: run each fuzz target (built by "make fuzz") for SECONDS,
# one after the other (never two at once), on its seed corpus.
#
#   sh tests/fuzz/run.sh SECONDS TARGET...
#
# What a target adds to its corpus goes to build/fuzz/corpus/TARGET (the
# seeds under tests/fuzz/corpus/ stay as committed); an input that crashes
# is written to tests/fuzz/crashers/TARGET/ to be fixed and committed, so
# that "make check" replays it from then on.  Prints one line per target
# (seconds, executions, findings) and fails when anything was found.
cd "$(dirname "$0")/../.." || exit 1
secs=$1
shift
found=0
for t in "$@"; do
	case $t in
	date | money) max=64 ;;
	query | ids) max=512 ;;
	yamlrec | jsonrec | mail) max=4096 ;;
	*) max=8192 ;;
	esac
	mkdir -p "build/fuzz/corpus/$t" "tests/fuzz/crashers/$t"
	before=$(ls "tests/fuzz/crashers/$t" | wc -l)
	log="build/fuzz/$t.log"
	t0=$(date +%s)
	"build/fuzz/fuzz-$t" -max_total_time="$secs" -max_len="$max" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="tests/fuzz/crashers/$t/" \
		"build/fuzz/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - t0))
	after=$(ls "tests/fuzz/crashers/$t" | wc -l)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	new=$((after - before))
	if [ "$rc" -ne 0 ] && [ "$new" -eq 0 ]; then
		new=1 # it stopped without leaving an input: see the log
	fi
	printf 'fuzz %-8s %4ss %10s runs %d finding(s)\n' "$t" "$took" \
		"${execs:-?}" "$new"
	if [ "$new" -ne 0 ]; then
		grep -m 3 -E 'ERROR|runtime error|property failed|Test unit written' "$log" |
			sed "s|^|  |"
		echo "  (whole log: $log)"
		found=$((found + new))
	fi
done
[ "$found" -eq 0 ]
