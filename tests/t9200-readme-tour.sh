#!/bin/sh
# The README's tour, run as it is written, in a terminal 80 columns wide:
# every command succeeds, and no line of farley's output is wider than the
# terminal (so no table wraps; ids, amounts and dates are never cut
# either). Messages on stderr may wrap, as git's do; git's own output is
# git's.
. "$(dirname "$0")/lib.sh"

FIX="$SRC_DIR/tests/fixtures"

test_expect_success 'the tour runs, command by command, at 80 columns' '
	git init -q --bare remote.git &&
	sed -n "/^## A tour/,/^\`\`\`\$/p" "$SRC_DIR/README.md" >/dev/null &&
	awk "/^## A tour/ { t = 1 } t && /^\`\`\`sh/ { s = 1; next } s && /^\`\`\`/ { exit } s" \
		"$SRC_DIR/README.md" |
		sed -e :a -e "/\\\\\$/N; s/\\\\\\n *//; ta" >tour &&
	test $(wc -l <tour) -gt 20 &&
	sed -i -e "s|~/Downloads/contacts.csv|$FIX/csv/outlook-horde.csv|" \
		-e "s|phone.vcf|$FIX/vcard/gmail-list.vcf|" \
		-e "s|~/Mail/inbox|$FIX/mail/maildir|" tour &&
	n=0 &&
	while IFS= read -r line; do
		n=$((n + 1))
		case "$line" in
		"farley sync"*)
			git remote add origin ../remote.git && git push -q -u origin HEAD 2>/dev/null ;;
		"farley dupes;"*)
			farley add contact "Jane Doe" emails=jane.doe@other.example >/dev/null 2>&1 ;;
		esac
		printf "%s\n" "$line" >cmd.sh
		EDITOR=true COLUMNS=80 script -qec "stty cols 80 2>/dev/null; sh cmd.sh 2>err" \
			/dev/null </dev/null >out.$n ||
			{ echo "tour line $n failed: $line"; cat out.$n err; exit 1; }
		case "$line" in git*) rm out.$n ;; esac
		case "$line" in "farley init"*) cd crm ;; esac
	done <tour &&
	test_clean &&
	cat out.* | tr -d "\\r" | $PYTHON -c "
import sys, unicodedata, re
bad = 0
for l in sys.stdin.read().splitlines():
    l = re.sub(r\"\\x1b\\[[0-9;]*m\", \"\", l)
    w = sum(2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in l)
    if w > 80:
        print(\"wider than 80:\", w, l); bad = 1
sys.exit(bad)"
'

test_done
