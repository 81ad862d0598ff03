#!/bin/sh
# The documentation tells the truth: every command has a man page whose
# SYNOPSIS is its --help usage, every example in a man page runs, and the
# completions offer what the commands accept.
. "$(dirname "$0")/lib.sh"

MAN="$SRC_DIR/man"

test_expect_success 'every command has --help, a man page that renders, and is in farley(1)' '
	farley --list-commands >cmds && test -s cmds &&
	while read c; do
		farley $c --help >/dev/null || { echo "no --help: $c"; exit 1; }
		test -f "$MAN/farley-$c.1" || { echo "no man page: $c"; exit 1; }
		MANWIDTH=200 man -l "$MAN/farley-$c.1" >/dev/null 2>warn || exit 1
		test ! -s warn || { cat warn; exit 1; }
		grep -q "^\\\\fB$c\\\\fR" "$MAN/farley.1" || { echo "not in farley.1: $c"; exit 1; }
	done <cmds &&
	MANWIDTH=200 man -l "$MAN/farley.1" >/dev/null 2>warn && test ! -s warn &&
	MANWIDTH=200 man -l "$MAN/farley-records.5" >/dev/null 2>warn && test ! -s warn &&
	for page in farley-query.7 farley-json.7; do
		MANWIDTH=200 man -l "$MAN/$page" >/dev/null 2>warn && test ! -s warn ||
			{ echo "$page does not render cleanly"; exit 1; }
	done
'

test_expect_success 'each SYNOPSIS is the usage that --help prints' '
	while read c; do
		MANWIDTH=1000 man -l "$MAN/farley-$c.1" 2>/dev/null |
			sed -n "/^SYNOPSIS/,/^[A-Z]/p" | sed "1d;\$d" |
			sed "s/^ *//; /^\$/d" >synopsis &&
		farley $c --help | sed -n "s/^usage: //p; s/^   or: //p" >usage &&
		test_cmp usage synopsis || { echo "SYNOPSIS of farley-$c(1) differs"; exit 1; }
	done <cmds
'

test_expect_success 'the main SYNOPSIS matches farley --help' '
	MANWIDTH=1000 man -l "$MAN/farley.1" 2>/dev/null |
		sed -n "/^SYNOPSIS/,/^[A-Z]/p" | sed "1d;\$d" | sed "s/^ *//; /^\$/d" >synopsis &&
	farley --help | sed -n "s/^usage: //p" >usage &&
	head -1 synopsis >first && test_cmp usage first
'

# A small repository the examples can work on.
make_example_repo() {
	rm -rf ex && farley init ex >/dev/null && (
		cd ex &&
		farley add company "Acme GmbH" >/dev/null &&
		farley add contact "Jane Doe" company=acme-gmbh >/dev/null &&
		farley add deal "Acme renewal" company=acme-gmbh stage=proposal value=12000 >/dev/null
	)
}

test_expect_success 'every example in every man page runs' '
	for page in "$MAN"/*.[15]; do
		make_example_repo &&
		sed -n "/^\.SH EXAMPLES/,/^\.SH/p" "$page" | sed -n "s/^\\$ //p" >examples &&
		while read -r line; do
			(cd ex && eval "$line") >/dev/null 2>&1 ||
				{ echo "$(basename $page): failed: $line"; exit 1; }
		done <examples || exit 1
	done
'

test_expect_success 'bash completion offers commands, options, kinds and ids' '
	farley init comp >/dev/null && cd comp &&
	farley add company "Acme GmbH" >/dev/null &&
	cat >complete.bash <<-\EOF &&
	. "$1"
	compopt() { :; }
	comp() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _farley; printf "%s\n" "${COMPREPLY[@]}"; }
	echo "[cmds]"; comp farley ""
	echo "[opts]"; comp farley log --ch
	echo "[kinds]"; comp farley add c
	echo "[ids]"; comp farley show ac
	echo "[fields]"; comp farley add deal X sta
	EOF
	bash complete.bash "$SRC_DIR/completions/farley.bash" >got &&
	sed -n "/\[cmds\]/,/\[opts\]/p" got | grep -x set &&
	sed -n "/\[cmds\]/,/\[opts\]/p" got | grep -x check &&
	sed -n "/\[opts\]/,/\[kinds\]/p" got | grep -x -- "--channel=" &&
	sed -n "/\[kinds\]/,/\[ids\]/p" got | grep -x company &&
	sed -n "/\[kinds\]/,/\[ids\]/p" got | grep -x contact &&
	sed -n "/\[ids\]/,/\[fields\]/p" got | grep -x acme-gmbh &&
	sed -n "/\[fields\]/,\$p" got | grep -x "stage="
'

test_expect_success 'the zsh and fish completions are valid scripts' '
	if command -v zsh >/dev/null; then zsh -n "$SRC_DIR/completions/_farley"; fi &&
	if command -v fish >/dev/null; then fish -n "$SRC_DIR/completions/farley.fish"; fi &&
	while read c; do
		grep -qw -- "$c" "$SRC_DIR/completions/_farley" || { echo "zsh: $c"; exit 1; }
		grep -qw -- "$c" "$SRC_DIR/completions/farley.fish" || { echo "fish: $c"; exit 1; }
	done <cmds
'

test_expect_success 'the README shows the quick start' '
	grep -q "make demo" "$SRC_DIR/README.md" && grep -q "make check" "$SRC_DIR/README.md"
'

test_expect_success 'make install puts the binary, pages and completions in place' '
	make -C "$SRC_DIR" --no-print-directory -s install DESTDIR="$TRASH/inst" PREFIX=/usr >/dev/null &&
	test -x inst/usr/bin/farley &&
	test -f inst/usr/share/man/man1/farley-set.1 &&
	test -f inst/usr/share/man/man5/farley-records.5 &&
	test -f inst/usr/share/man/man7/farley-query.7 &&
	test -f inst/usr/share/man/man7/farley-json.7 &&
	test -f inst/usr/share/bash-completion/completions/farley &&
	test -f inst/usr/share/zsh/site-functions/_farley &&
	test -f inst/usr/share/fish/vendor_completions.d/farley.fish
'

test_done
