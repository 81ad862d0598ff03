#!/bin/sh
# Install the Debian packages farley needs to build and test, when missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
#
#   sh tools/deps.sh [--fuzz] [PACKAGE...]
#
# --fuzz adds clang and its libFuzzer runtime, which "make fuzz" needs (and
# nothing else does: "make check" replays the fuzz corpora with gcc).
set -u
fuzz=
if [ "${1:-}" = --fuzz ]; then
	fuzz="clang libclang-rt-dev"
	shift
fi
pkgs="gcc make pkg-config git libgit2-dev libyaml-dev libpcre2-dev \
libsqlite3-dev libjansson-dev nettle-dev zlib1g-dev libgmime-3.0-dev libcmocka-dev python3 python3-yaml \
man-db groff-base strace sqlite3 khard python3-vobject python3-icalendar"
[ -n "$fuzz" ] && pkgs="$pkgs $fuzz"
[ $# -gt 0 ] && pkgs="$pkgs $*"
missing=
for p in $pkgs; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0
echo "farley: installing missing build dependencies:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null &&
	apt-get install -y -q --no-install-recommends $missing >/dev/null && exit 0
	echo "farley: apt-get failed; run: apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "farley: please run: sudo apt-get update && sudo apt-get install -y$missing" >&2
exit 1
