#!/bin/sh
# farley import mbox: mail (an mbox, a Maildir, a folder, one message) to
# email interactions, through the farley-mbox helper.  Real messages from
# public test corpora (tests/fixtures/mail/README.md) and messages made
# with Python's email package; what farley imports is compared with what
# Python's email package reads (tests/mbox_check.py).
. "$(dirname "$0")/lib.sh"

MAIL="$SRC_DIR/tests/fixtures/mail"
CHECK="$PYTHON $SRC_DIR/tests/mbox_check.py"
ME=author@example.com,me@home.example,other@x.example,alias@me.example

# one field of the interaction with a message id: field MESSAGE-ID FIELD
field() {
	farley ls interaction --format=json |
		$PYTHON -c 'import json, sys
r = [r for r in json.load(sys.stdin) if r.get("message_id") == sys.argv[1]]
assert len(r) == 1, "%d records for %s" % (len(r), sys.argv[1])
v = r[0].get(sys.argv[2])
print(",".join(v) if isinstance(v, list) else "" if v is None else v)' "$1" "$2"
}

test_expect_success 'setup: the helper is built; contacts; an mbox of real and made mail' '
	command -v farley-mbox >/dev/null ||
		{ echo "farley-mbox is not built (make farley-mbox)"; exit 1; } &&
	new_crm &&
	farley add company "Acme GmbH" domain=acme.example >/dev/null &&
	farley add contact "Jane Doe" emails=jane@acme.example company=acme-gmbh >/dev/null &&
	farley add company "Arch Linux" domain=archlinux.org >/dev/null &&
	farley add contact "Allan McRae" emails=allan@archlinux.org company=arch-linux >/dev/null &&
	farley add contact "Alex Botero-Lowry" emails=alex.boterolowry@gmail.com >/dev/null &&
	farley add contact "Olivier Berger" emails=olivier.berger@it-sudparis.eu >/dev/null &&
	farley add contact "Malmöborg" emails=daemon@lublin.se >/dev/null &&
	farley add contact "David Bremner" emails=david@example.net,bremner@example.com >/dev/null &&
	farley add contact "Lars Kellogg-Stedman" emails=lars@seas.harvard.edu >/dev/null &&
	farley add contact "Barry Warsaw" emails=barry@python.org >/dev/null &&
	git config farley.me "me@home.example, other@x.example" &&
	$CHECK mbox ../mail.mbox "$MAIL"/*.eml &&
	test $(grep -c "^From " ../mail.mbox) = 21
'

test_expect_success '--dry-run shows the plan and writes nothing' '
	cd crm && head=$(git rev-parse HEAD) &&
	farley import mbox ../mail.mbox --me alias@me.example --dry-run \
		--format=tsv >plan 2>err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean &&
	test ! -e interactions &&
	test $(grep -c "	add	interaction	" plan) = 17 &&
	test $(grep -c "	skip	interaction		no known correspondent" plan) = 4 &&
	grep "^import mbox ../mail.mbox: 17 added, 0 updated, 4 skipped (dry run: nothing written)$" err
'

test_expect_success 'import: one commit; summaries, bodies, dates and directions as Python reads them' '
	cd crm &&
	farley import mbox ../mail.mbox --me alias@me.example 2>err &&
	grep "^import mbox ../mail.mbox: 17 added, 0 updated, 4 skipped$" err &&
	test "$(git log -1 --format=%s)" = "import mbox ../mail.mbox: 17 added, 0 updated, 4 skipped" &&
	test $(git diff --name-only HEAD^ HEAD | grep -c "^interactions/") = 17 &&
	test_clean &&
	farley ls interaction --format=json >got.json &&
	$CHECK check ../mail.mbox got.json $ME >out &&
	cat out && grep -x "checked 17" out
'

test_expect_success 'encoded words, charsets and transfer encodings come out as UTF-8' '
	cd crm &&
	test "$(field out-base64@farley.test summary)" = "Angebot für Q3 – 10 % Rabatt" &&
	field out-base64@farley.test body | grep -x "anbei das Angebot für Q3 – grüße aus Köln." &&
	test "$(field alternative-latin1@farley.test summary)" = "Grüße aus Köln" &&
	field alternative-latin1@farley.test body >body &&
	printf "Liebe Grüße,\nJane\n\n-- \nAcme\n" >expect && test_cmp expect body &&
	test "$(field 877h1wv7mg.fsf@inf-8657.int-evry.fr summary)" = "Essai accentué" &&
	field 877h1wv7mg.fsf@inf-8657.int-evry.fr body | grep -x "Du texte accentué pour ça ..." &&
	field 4EFC743A.3060609@april.org body | grep "^> On 29/12/11 19:56, François Boulogne wrote:$" &&
	test "$(field boendemalmoborg-1834@eltanin.uberspace.de summary)" = "Tack alla trafikanter och fotgängare!" &&
	test "$(field folded-subject@farley.test summary)" = "A long subject that the sender'"'"'s mailer folded over two lines" &&
	test "$(field no-subject@farley.test summary)" = "(no subject)"
'

test_expect_success 'multipart/alternative gives its text/plain part; HTML-only mail readable text' '
	cd crm &&
	field cf0c4d610911171136h1713aa59w9cf9aa31f052ad0a@mail.gmail.com body >body &&
	grep -x "since I like the concept more than the UI (I'"'"'d rather an emacs interface)." body &&
	! grep "<br>" body &&
	field html-only@farley.test body >body &&
	printf "Hello Jane,\n\nPrices:\n€10 & <more>!\n\n- one\n- two\n\nBye\n" >expect &&
	test_cmp expect body &&
	test "$(field 87d1dajhgf.fsf@example.net body)" = hunter2
'

test_expect_success 'attachments are named in the body, not stored' '
	cd crm &&
	field attachments@farley.test body >body &&
	printf "See attached.\n\nAttachments: offer Q3.pdf, chärt.png\n" >expect &&
	test_cmp expect body &&
	field cf0c4d610911171136h1713aa59w9cf9aa31f052ad0a@mail.gmail.com body | tail -1 >last &&
	echo "Attachments: 0001-Deal-with-situation-where-sysconf-_SC_GETPW_R_SIZE_M.patch" >expect &&
	test_cmp expect last &&
	field 15261.36209.358846.118674@anthem.python.org body | tail -1 >last &&
	echo "Attachments: msg.txt" >expect && test_cmp expect last &&
	! git ls-files | grep -i "\.pdf\|\.png\|\.patch"
'

test_expect_success 'a long body is cut at 64 KiB with a note' '
	cd crm &&
	field long-body@farley.test body >body &&
	test $(wc -c <body) -le $((65536 + 13)) &&
	test $(wc -c <body) -ge 65000 &&
	test "$(tail -1 body)" = "[truncated]"
'

test_expect_success 'direction: out from user.email, farley.me (commas) and --me; in otherwise' '
	cd crm &&
	test "$(field out-base64@farley.test direction)" = out &&
	test "$(field farley-me@farley.test direction)" = out &&
	test "$(field option-me@farley.test direction)" = out &&
	test "$(field alternative-latin1@farley.test direction)" = in &&
	test "$(field 4EFC743A.3060609@april.org direction)" = in
'

test_expect_success 'links: the contacts by any of their addresses (any case), their company; never me' '
	cd crm &&
	test "$(field out-base64@farley.test contacts)" = jane-doe &&
	test "$(field out-base64@farley.test company)" = acme-gmbh &&
	test "$(field alternative-latin1@farley.test contacts)" = jane-doe &&
	test "$(field 4EFC743A.3060609@april.org contacts)" = allan-mcrae &&
	test "$(field 4EFC743A.3060609@april.org company)" = arch-linux &&
	test "$(field 87d1dajhgf.fsf@example.net contacts)" = david-bremner &&
	test "$(field 877h1wv7mg.fsf@inf-8657.int-evry.fr contacts)" = olivier-berger &&
	test "$(field 877h1wv7mg.fsf@inf-8657.int-evry.fr company)" = "" &&
	test "$(field 15261.36209.358846.118674@anthem.python.org contacts)" = barry-warsaw &&
	test "$(farley ls contact --format=ids | wc -l)" = 8
'

test_expect_success 'a Date that cannot be read: the mbox From_ line gives it' '
	cd crm &&
	id=YT3PR01MB10572EFC9F7C81F9446214768CEF72@YT3PR01MB10572.CANPRD01.PROD.OUTLOOK.COM &&
	test "$(field $id date)" = 2000-01-01T12:34:56Z &&
	test "$(field $id summary)" = test &&
	test "$(field $id contacts)" = david-bremner
'

test_expect_success 'skipped: no known correspondent (unknown people, only me), counted in the plan' '
	cd crm &&
	farley import mbox ../mail.mbox --dry-run --format=tsv >plan 2>err &&
	grep -c "	skip	interaction		no known correspondent" plan >n && test $(cat n) = 4 &&
	farley ls interaction --format=json >all.json &&
	! grep "unknown-sender@farley.test\|only-me@farley.test\|multiple-cc@example.org" all.json
'

test_expect_success 'importing again adds nothing: HEAD unchanged, git status clean' '
	cd crm && head=$(git rev-parse HEAD) &&
	farley import mbox ../mail.mbox --me alias@me.example 2>err &&
	grep "^import mbox ../mail.mbox: 0 added, 0 updated, 4 skipped, 17 unchanged$" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success '--create-contacts: contacts for the unknown, named as the mail names them' '
	cd crm &&
	farley import mbox ../mail.mbox --me alias@me.example --create-contacts 2>err &&
	test_clean &&
	farley ls contact --format=json >contacts.json &&
	grep "\"name\": \"Carol Unknown\"" contacts.json &&
	grep "\"carol@unknown.example\"" contacts.json &&
	grep "\"name\": \"Bob Stranger\"" contacts.json &&
	test "$(field unknown-sender@farley.test contacts)" = carol-unknown &&
	test "$(field multiple-cc@example.org contacts)" = alice,daniel,bob,charles &&
	! grep "author@example.com\|me@home.example\|alias@me.example" contacts.json &&
	farley ls interaction --format=json >all.json &&
	! grep "only-me@farley.test" all.json &&
	head=$(git rev-parse HEAD) &&
	farley import mbox ../mail.mbox --me alias@me.example --create-contacts 2>err &&
	grep ": 0 added, 0 updated, 1 skipped" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'without --me that address is not mine: in' '
	new_crm crm2 &&
	farley add contact "Jane Doe" emails=jane@acme.example >/dev/null &&
	$CHECK one option-me ../option-me.eml &&
	farley import mbox ../option-me.eml 2>err &&
	test "$(field option-me@farley.test direction)" = in
'

test_expect_success 'a Maildir works too, new/ and cur/ in the order of their names, and again adds nothing' '
	new_crm maildir &&
	farley add contact "Stewart Smith" emails=stewart@flamingspork.com >/dev/null &&
	farley add contact "Keith Packard" emails=keithp@keithp.com >/dev/null &&
	farley import mbox "$MAIL/maildir" --dry-run --format=tsv >plan 2>err &&
	cut -f1,2 plan | sed "s|^$MAIL/||" >got &&
	cat >expect <<-\EOF &&
	where	action
	maildir/cur/25:2,	add
	maildir/cur/26:2,	add
	maildir/new/27:2,	add
	maildir/new/28:2,	add
	EOF
	test_cmp expect got &&
	farley import mbox "$MAIL/maildir" 2>err &&
	grep ": 4 added, 0 updated, 0 skipped$" err &&
	farley ls interaction --format=json >got.json &&
	$CHECK check "$MAIL/maildir" got.json author@example.com >out &&
	cat out && grep -x "checked 4" out &&
	test "$(field 1258506353-20352-1-git-send-email-stewart@flamingspork.com summary)" = \
		"[notmuch] [PATCH] Fix linking with gcc to use g++ to link in C++ libs." &&
	head=$(git rev-parse HEAD) &&
	farley import mbox "$MAIL/maildir" 2>err &&
	grep ": 0 added, 0 updated, 0 skipped, 4 unchanged$" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'one message in a file, and a folder of one message per file' '
	new_crm single &&
	farley add contact "Barry Warsaw" emails=barry@python.org >/dev/null &&
	farley add contact "Lars Kellogg-Stedman" emails=lars@seas.harvard.edu >/dev/null &&
	farley import mbox "$MAIL/two-text-parts.eml" 2>err &&
	grep ": 1 added, 0 updated, 0 skipped$" err &&
	test "$(field 15261.36209.358846.118674@anthem.python.org date)" = 2001-09-11T00:05:05-04:00 &&
	mkdir ../mh && cp "$MAIL/signed.eml" ../mh/1 && cp "$MAIL/two-text-parts.eml" ../mh/2 &&
	cp "$MAIL/broken-cc.eml" ../mh/10 && echo junk >../mh/.mh_sequences &&
	farley import mbox ../mh --dry-run --format=tsv >plan &&
	cut -f1,2,5 plan >got &&
	printf "where\taction\tdetail\n../mh/1\tadd\t\n../mh/2\tsame\t\n../mh/10\tskip\tno known correspondent\n" >expect &&
	test_cmp expect got
'

test_expect_success 'standard input' '
	cd crm &&
	farley import mbox - --me alias@me.example --dry-run --format=tsv <../mail.mbox >plan &&
	test $(grep -c "	same	interaction	" plan) = 20 &&
	grep "^stdin:1	" plan
'

test_expect_success 'a message with no usable date anywhere is skipped, with the reason' '
	cd crm && head=$(git rev-parse HEAD) &&
	farley import mbox "$MAIL/spam-bad-date.eml" 2>err &&
	grep "^farley-mbox: .*spam-bad-date.eml: skipped: no date" err &&
	grep ": 0 added, 0 updated, 0 skipped$" err &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'farley-mbox: FILE:LINE of each From_ line; a broken message is skipped and the rest read' '
	$PYTHON - <<-\EOF &&
	import random
	random.seed(1)
	ok = b"From x Sat Jan  1 00:00:00 2000\nFrom: a@b.example\nDate: Sat, 1 Jan 2000 00:00:00 +0000\nSubject: ok%d\n\nbody\n\n"
	junk = b"From x Sat Jan  1 00:00:00 2000\n" + bytes(random.getrandbits(8) for _ in range(3000)).replace(b"\nFrom ", b"\nXrom ") + b"\n"
	open("mixed.mbox", "wb").write(ok % 1 + junk + ok % 2 + junk + ok % 3)
	EOF
	farley-mbox mixed.mbox >out 2>err &&
	$PYTHON -c "import json, sys
for l in open(\"out\"): d = json.loads(l); print(d[\"where\"], d[\"subject\"])" >got &&
	grep -an "^From " mixed.mbox | cut -d: -f1 >lines &&
	printf "mixed.mbox:%s ok1\nmixed.mbox:%s ok2\nmixed.mbox:%s ok3\n" \
		$(sed -n 1p lines) $(sed -n 3p lines) $(sed -n 5p lines) >expect &&
	test_cmp expect got &&
	test $(grep -c "skipped: not a mail message" err) = 2 &&
	farley-mbox mail.mbox >all &&
	$PYTHON -c "import json
for l in open(\"all\"): print(json.loads(l)[\"where\"].split(\":\")[1])" >got &&
	grep -n "^From " mail.mbox | cut -d: -f1 >expect &&
	test_cmp expect got
'

test_expect_success 'farley-mbox: any charset to UTF-8, labels as mail readers read them' '
	$PYTHON - <<-\EOF &&
	import base64
	cases = [("utf-16", "h\u00e9llo \u20ac".encode("utf-16")),
	         ("iso-2022-jp", "\u65e5\u672c\u8a9e".encode("iso-2022-jp")),
	         ("koi8-r", "\u043f\u0440\u0438\u0432\u0435\u0442".encode("koi8-r")),
	         ("iso-8859-1", b"\x93quoted\x94 caf\xe9"),
	         ("x-no-such-charset", b"caf\xe9"),
	         ("utf-8", b"bad \xff utf-8 \xc3\xa9"),
	         (None, b"undeclared caf\xc3\xa9"),
	         (None, b"undeclared caf\xe9")]
	with open("charsets.mbox", "wb") as f:
	    for i, (cs, body) in enumerate(cases):
	        ct = "text/plain" + ("; charset=" + cs if cs else "")
	        f.write(b"From x Sat Jan  1 00:00:00 2000\nFrom: a@b.example\nSubject: %d\nContent-Type: %s\nContent-Transfer-Encoding: base64\n\n" % (i, ct.encode()))
	        f.write(base64.encodebytes(body) + b"\n")
	EOF
	farley-mbox charsets.mbox >out &&
	$PYTHON -c "import json
for l in open(\"out\"): print(json.loads(l)[\"body\"])" >got &&
	cat >expect <<-\EOF &&
	héllo €
	日本語
	привет
	“quoted” café
	café
	bad � utf-8 é
	undeclared café
	undeclared café
	EOF
	test_cmp expect got
'

test_expect_success 'farley-mbox: HTML to text, character references and all' '
	$PYTHON - <<-\EOF &&
	html = ("<html><head><title>T</title><style>p{}</style></head><body>"
	        "<p>One &amp; two&nbsp;three &#x41;&#66; &eacute;&euml &bogus; &#150; &#0;</p>"
	        "<div>line</div><div><br></div><div>next</div><ul><li>a</li><li>b</li></ul>"
	        "<PRE>  keep\n   this</PRE>a < b > c<!-- <p>gone</p> -->d"
	        "<table><tr><td>x</td><td>y</td></tr></table>"
	        "<input value=\"a>hidden\">shown<script>var x = \"<p>no</p>\";")
	open("html.eml", "w").write("From: a@b.example\nDate: Sat, 1 Jan 2000 00:00:00 +0000\n"
	                            "Content-Type: text/html; charset=utf-8\n\n" + html + "\n")
	EOF
	farley-mbox html.eml >out &&
	$PYTHON -c "import json
print(json.loads(open(\"out\").read())[\"body\"])" >got &&
	cat >expect <<-\EOF &&
	One & two three AB é&euml &bogus; – �

	line

	next

	- a
	- b

	  keep
	   this

	a < b > cd

	x y

	shown
	EOF
	test_cmp expect got
'

test_expect_success 'farley-mbox: usage, and an input that is no mail' '
	farley-mbox --help | grep "^usage: farley-mbox" &&
	test_expect_code 2 farley-mbox 2>err && grep "^usage:" err &&
	test_expect_code 2 farley-mbox --bogus x 2>err && grep "unknown option" err &&
	test_expect_code 2 farley-mbox --body-max lots x 2>err &&
	printf "name,email\nJane,jane@acme.example\n" >people.csv &&
	test_expect_code 1 farley-mbox people.csv >out 2>err && test ! -s out &&
	grep "'"'"'people.csv'"'"' is neither an mbox" err &&
	: >empty.mbox && farley-mbox empty.mbox >out && test ! -s out
'

test_expect_success 'errors: an unreadable input; farley-mbox failing; nothing imported' '
	cd crm && head=$(git rev-parse HEAD) &&
	test_expect_code 1 farley import mbox ../nope.mbox 2>err &&
	grep "^farley: error: cannot read '"'"'../nope.mbox'"'"': No such file or directory$" err &&
	test_expect_code 1 farley import mbox ../people.csv 2>err &&
	grep "^farley-mbox: '"'"'../people.csv'"'"' is neither an mbox" err &&
	grep "^farley: error: farley-mbox failed (exit status 1): nothing imported$" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

# farley alone in a folder, with or without a farley-mbox of our own next
# to it (found before the one in PATH)
lone_farley() {
	rm -rf ../lone && mkdir ../lone && cp "$(command -v farley)" ../lone/farley
}

test_expect_success 'errors: farley-mbox missing is named' '
	cd crm && lone_farley && head=$(git rev-parse HEAD) &&
	PATH=/usr/bin:/bin test_expect_code 1 ../lone/farley import mbox ../mail.mbox 2>err &&
	grep "^farley: error: cannot run farley-mbox (No such file or directory)" err &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'errors: farley-mbox stopping half-way; its stderr passed through; nothing imported' '
	cd crm && lone_farley && head=$(git rev-parse HEAD) &&
	cat >../lone/farley-mbox <<-\EOF &&
	#!/bin/sh
	echo "{\"where\":\"x:1\",\"message_id\":\"half@farley.test\",\"date\":\"2026-03-01\",\"from\":[{\"name\":null,\"email\":\"jane@acme.example\"}],\"subject\":\"Half\"}"
	echo "farley-mbox: x: something broke" >&2
	exit 3
	EOF
	chmod +x ../lone/farley-mbox &&
	test_expect_code 1 ../lone/farley import mbox ../mail.mbox 2>err &&
	grep "^farley-mbox: x: something broke$" err &&
	grep "^farley: error: farley-mbox failed (exit status 3): nothing imported$" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean &&
	printf "#!/bin/sh\necho not json\n" >../lone/farley-mbox &&
	test_expect_code 1 ../lone/farley import mbox ../mail.mbox 2>err &&
	grep "^farley: error: unexpected output from farley-mbox: not JSON" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_done
