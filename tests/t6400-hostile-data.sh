#!/bin/sh
# Hostile data: markup and script never run in report html; no raw control
# character of the data reaches a terminal, a commit message, a CSV cell or
# an HTML page; absurd sizes are refused or handled in bounded time and
# memory; ".." and symbolic links in paths from data are refused.
. "$(dirname "$0")/lib.sh"

# bounded CMD...: at most 30 seconds and (but under ASan, whose shadow
# memory ulimit cannot bound) 1 GB of address space
bounded() {
	if [ -n "${FARLEY_ASAN_RUN:-}" ]; then
		timeout 30 "$@"
	else
		(ulimit -v 1000000 && exec timeout 30 "$@")
	fi
}

# no_controls FILE [KEEP]: no control character (C0 but newline and the
# bytes in KEEP, DEL, C1) in FILE
no_controls() {
	$PYTHON - "$1" "${2:-}" <<-\EOF
	import sys
	text = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
	keep = "\n" + sys.argv[2].encode().decode("unicode_escape")
	bad = [c for c in text if (ord(c) < 0x20 and c not in keep) or 0x7f <= ord(c) < 0xa0]
	assert not bad, (sys.argv[1], bad[:5])
	EOF
}

SCRIPT='<script>document.documentElement.setAttribute("data-pwned","yes")</script>'
IMG='<img src=x onerror="document.documentElement.setAttribute(&quot;data-pwned&quot;,&quot;yes&quot;)">'

# hostile.py: script in a stage name and markup in the currency of
# farley.yaml; a hand-made record whose name and notes hold escape
# sequences, a bell, DEL, CR and C1 controls (YAML escapes)
cat >hostile.py <<\EOF
import os
s = os.environ["SCRIPT"].replace('"', '\\"')
y = open("farley.yaml").read()
y = y.replace("  - name: qualified",
              '  - name: "qual ' + s + '\\e[31m\\x7f\\u0085"')
y = y.replace("currency: EUR", 'currency: "E<b onmouseover=alert(1)>"')
open("farley.yaml", "w").write(y)
os.makedirs("companies/ev")
open("companies/ev/evil.yaml", "w").write(
    'name: "Evil\\e]0;title\\a\\e[31mRed\\x7f\\u0085\\u009b2J Co"\n'
    'notes: "line\\rover\\e[2J"\n')
EOF

test_expect_success 'setup: script, markup and control characters in every field' '
	new_crm &&
	farley add company "Acme $SCRIPT" >/dev/null &&
	farley add deal "Deal $IMG" value=100 company=acme-script-document-documentelement-s \
		owner="bob $SCRIPT" >/dev/null 2>&1 || farley add deal "Deal $IMG" value=100 >/dev/null &&
	farley log acme-script-document-documentelement-s -m "said $SCRIPT" >/dev/null 2>&1 || : &&
	SCRIPT="$SCRIPT" $PYTHON ../hostile.py &&
	git add . && git commit -qm "hostile data" && farley ls >/dev/null &&
	grep -q "\\\\e\\[31m" companies/ev/evil.yaml
'

test_expect_success 'report html: everything from the data is escaped' '
	cd crm && farley report html --output ../page.html &&
	grep -q "qual &lt;script&gt;" ../page.html &&
	$PYTHON - ../page.html <<-\EOF
	import sys
	from html.parser import HTMLParser
	bad = []
	class P(HTMLParser):
	    def handle_starttag(self, tag, attrs):
	        if tag in ("script", "img", "iframe", "object", "embed", "base", "link", "form", "b"):
	            bad.append(tag)
	        bad.extend(a for a, v in attrs if a.startswith("on") or "javascript:" in (v or ""))
	P().feed(open(sys.argv[1], encoding="utf-8").read())
	assert not bad, bad
	EOF
'

test_expect_success 'report html: no control character of the data' '
	cd crm && no_controls ../page.html
'

# Chromium runs the page's scripts before --dump-dom prints the DOM: the
# control page shows that the test would see a script that ran.
if command -v chromium >/dev/null 2>&1 && [ -z "${FARLEY_ASAN_RUN:-}" ]; then
test_expect_success 'report html in Chromium: no script runs' '
	dump() {
		timeout 60 chromium --headless --no-sandbox --disable-gpu \
			--user-data-dir="$TRASH/chromium" --dump-dom "file://$1" 2>/dev/null
	}
	printf "<!DOCTYPE html><html><body>%s</body></html>\n" "$SCRIPT" >control.html &&
	dump "$TRASH/control.html" >control.dom &&
	grep "data-pwned=\"yes\"" control.dom &&
	dump "$TRASH/page.html" >page.dom &&
	grep "qual &lt;script&gt;" page.dom &&
	! grep data-pwned=.yes page.dom
'
fi

test_expect_success 'a terminal gets no control character of the data' '
	cd crm &&
	COLUMNS=80 script -qec "farley --color=never show evil; farley --color=never ls company; farley --color=never export csv company" \
		/dev/null >../tty.out 2>&1 &&
	grep "Evil" ../tty.out && no_controls ../tty.out "\\r"
'

test_expect_success 'a commit message gets no control character of the data' '
	cd crm && farley set evil industry=x && farley rm evil &&
	git log -2 --format=%B >../msg && grep "Evil" ../msg && no_controls ../msg &&
	git reset -q --hard HEAD~2
'

test_expect_success 'a CSV cell gets no control character of the data' '
	cd crm &&
	farley export csv company >../export.csv && grep "Evil" ../export.csv &&
	no_controls ../export.csv "\\r" &&
	farley ls company --format=csv >../ls.csv && grep "Evil" ../ls.csv &&
	no_controls ../ls.csv "\\r" &&
	! grep "$(printf "\\r")[^$]" ../export.csv
'

test_expect_success 'a 100 MB CSV line is refused at once' '
	cd crm && head=$(git rev-parse HEAD) &&
	{ printf "name,notes\nBig,\"" && head -c 100000000 /dev/zero | tr "\\0" a &&
	  printf "\"\n"; } >../long.csv &&
	test_expect_code 1 bounded farley import csv ../long.csv 2>err &&
	grep "^farley: error: ../long.csv:2: record longer than 1048576 bytes" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'a vCard folded a million or two million times' '
	cd crm && head=$(git rev-parse HEAD) &&
	$PYTHON -c "
import sys
for n, name in ((2000000, \"Fold Two\"), (1000000, \"Fold One\")):
    with open(\"../fold%d.vcf\" % n, \"w\") as f:
        f.write(\"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nNOTE:x\r\n\" % name + \" y\r\n\" * n + \"END:VCARD\r\n\")
" &&
	test_expect_code 1 bounded farley import vcard ../fold2000000.vcf 2>err &&
	grep "^farley: error: .*larger than 4194304 bytes" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean &&
	bounded farley import vcard ../fold1000000.vcf &&
	farley show fold-one --format=json >/dev/null && test_clean
'

test_expect_success 'a million-entry list is refused before a file the reader would refuse is written' '
	cd crm && head=$(git rev-parse HEAD) &&
	$PYTHON -c "
import json
json.dump([{\"kind\": \"company\", \"id\": \"tags\", \"name\": \"Tags\",
            \"tags\": [\"t%d\" % i for i in range(1000000)]}], open(\"../tags.json\", \"w\"))" &&
	test_expect_code 1 bounded farley import json ../tags.json 2>err &&
	grep "^farley: error: .companies/ta/tags.yaml. would be larger than 1 MiB" err &&
	! test -e companies/ta/tags.yaml &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'a base64 bomb in a mail: bounded, the body cut' '
	cd crm && head=$(git rev-parse HEAD) &&
	$PYTHON -c "
import base64
body = base64.encodebytes(b\"A\" * 60000000).decode()
open(\"../bomb.mbox\", \"w\").write(\"From a@b Thu Jan  1 00:00:00 2026\nFrom: Bomb <bomb@example.com>\nTo: author@example.com\nSubject: bomb\nDate: Thu, 15 Jan 2026 10:00:00 +0000\nMessage-ID: <b@x>\nMIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n\" + body + \"\n\")" &&
	bounded farley import mbox ../bomb.mbox --create-contacts &&
	f=$(git show --name-only --format= HEAD | grep ^interactions/) &&
	test $(wc -c <"$f") -lt 1048576 && test_clean
'

test_expect_success '.. and absolute paths in ids from data are refused' '
	cd crm && head=$(git rev-parse HEAD) &&
	printf "[{\"kind\": \"company\", \"id\": \"../../../x\", \"name\": \"X\"}]" >../dotdot.json &&
	test_expect_code 1 farley import json ../dotdot.json 2>err &&
	grep "not a valid id" err && ! test -e ../../x.yaml &&
	printf "[{\"kind\": \"company\", \"id\": \"/tmp/x\", \"name\": \"X\"}]" >../abs.json &&
	test_expect_code 1 farley import json ../abs.json 2>err && grep "not a valid id" err &&
	test_expect_code 1 farley show ../../etc/passwd 2>err && grep "not a valid id" err &&
	test_expect_code 1 farley set ../evil name=x 2>err && grep "not a valid id" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'a record file that is a symbolic link is never written through' '
	cd crm && echo "name: Outside" >../outside.yaml && cp ../outside.yaml ../outside.before &&
	mkdir -p companies/li && ln -s "$TRASH/outside.yaml" companies/li/link.yaml &&
	git add companies/li && git commit -qm link && farley index -q;
	test_expect_code 1 farley set link industry=x 2>err &&
	grep "^farley: error: " err &&
	test_expect_code 1 farley rm link 2>err && grep "^farley: error: " err &&
	test_cmp ../outside.before ../outside.yaml && test_clean
'

test_done
