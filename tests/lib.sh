# tests/lib.sh: the shell test harness, after git's t/test-lib.sh.
#
# Each tests/tNNNN-<area>.sh sources this file, then calls
#   test_expect_success 'what it shows' '
#       step && step && step
#   '
# and ends with test_done.  Every script runs in its own scratch directory
# (tests/trash.<name>) with its own HOME and git identity.

set -u
TEST_NAME=$(basename "$0" .sh)
SRC_DIR=$(cd "$(dirname "$0")/.." && pwd)
TEST_DIR="$SRC_DIR/tests"
FARLEY_BUILD=${FARLEY_BUILD:-$SRC_DIR}
TRASH="$TEST_DIR/trash.$TEST_NAME"
RESULTS="$TEST_DIR/results"

rm -rf "$TRASH" && mkdir -p "$TRASH" "$RESULTS" || exit 1
PATH="$FARLEY_BUILD:$SRC_DIR/tests/bin:$PATH"
export PATH
HOME="$TRASH"
XDG_CONFIG_HOME="$TRASH/.config"
export HOME XDG_CONFIG_HOME
unset VISUAL EDITOR FARLEY_DIR NO_COLOR FARLEY_TODAY FARLEY_TEST_CRASH_AT \
	GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_NAME \
	GIT_COMMITTER_EMAIL GIT_COMMITTER_DATE EMAIL FARLEY_UMASK GIT_DIR \
	GIT_WORK_TREE COLUMNS FARLEY_PAGER
# a terminal under script(1) gets no pager unless a test asks for one
PAGER=cat
export PAGER
TZ=UTC
LC_ALL=C.UTF-8
export TZ LC_ALL
git config --global user.name "A U Thor"
git config --global user.email "author@example.com"
git config --global init.defaultBranch main
# Debian's python3 has PyYAML from python3-yaml (installed by tools/deps.sh)
if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
# the project's own git repository is not the one under test
GIT_CEILING_DIRECTORIES="$TEST_DIR"
export GIT_CEILING_DIRECTORIES
cd "$TRASH" || exit 1

test_count=0
test_failed=0
verbose=${TEST_VERBOSE:-}

say_color() { printf '%s\n' "$*"; }

test_expect_success() {
	test_count=$((test_count + 1))
	_desc=$1
	_body=$2
	(cd "$TRASH" && eval "$_body") >"$TRASH/.out" 2>&1
	_rc=$?
	if [ $_rc -eq 0 ]; then
		[ -n "$verbose" ] && say_color "ok $test_count - $_desc"
	else
		test_failed=$((test_failed + 1))
		say_color "not ok $test_count - $TEST_NAME: $_desc"
		sed 's/^/#	/' <<-EOF
		$_body
		EOF
		echo "# output:"
		tail -n 40 "$TRASH/.out" | sed 's/^/#	/'
	fi
	return 0
}

# Run a command that must fail cleanly: exit 1 or 2, not success, not a
# crash (signal) or a missing command.
test_must_fail() {
	"$@"
	_e=$?
	if [ $_e -eq 0 ]; then
		echo "test_must_fail: command succeeded: $*" >&2
		return 1
	elif [ $_e -gt 128 ]; then
		echo "test_must_fail: command died of signal $((_e - 128)): $*" >&2
		return 1
	elif [ $_e -eq 127 ]; then
		echo "test_must_fail: command not found: $*" >&2
		return 1
	elif [ $_e -eq 99 ]; then
		echo "test_must_fail: sanitizer report (exit 99): $*" >&2
		return 1
	fi
	return 0
}

# test_expect_code N command...: the command exits with exactly N.
test_expect_code() {
	_want=$1
	shift
	"$@"
	_e=$?
	if [ $_e -ne "$_want" ]; then
		echo "test_expect_code: expected $_want, got $_e: $*" >&2
		return 1
	fi
	return 0
}

test_cmp() {
	diff -u "$1" "$2"
}

# The work tree and git's index agree with HEAD: no change to a tracked
# file, nothing staged, nothing untracked in the record folders or at the
# top (the tests' own scratch files live elsewhere or are ignored).
test_clean() {
	_st=$( (git status --porcelain --untracked-files=no &&
		git status --porcelain --untracked-files=all -- companies contacts \
			deals interactions tasks cases campaigns farley.yaml \
			.gitattributes) | sort -u) ||
		return 1
	if [ -n "$_st" ]; then
		echo "git status is not clean:" >&2
		echo "$_st" >&2
		return 1
	fi
}

# A fresh farley repository in ./crm, entered.
new_crm() {
	farley init "${1:-crm}" >/dev/null && cd "${1:-crm}"
}

test_done() {
	echo "$((test_count - test_failed)) $test_failed" >"$RESULTS/$TEST_NAME"
	if [ $test_failed -eq 0 ]; then
		[ -n "$verbose" ] && echo "# $TEST_NAME: all $test_count passed"
		cd "$TEST_DIR" && rm -rf "$TRASH"
		exit 0
	fi
	echo "# $TEST_NAME: $test_failed of $test_count failed"
	exit 1
}
