#!/bin/sh
# farley import vcard: real address-book files (vCard 2.1, 3.0, 4.0) become
# contacts; a second run changes nothing; bad input is named by FILE:LINE.
. "$(dirname "$0")/lib.sh"

FIX="$TEST_DIR/fixtures/vcard"
EXPECT="$TEST_DIR/vcard_expect.py"

# contacts.json and companies.json of the repository in .
dump() {
	farley ls contacts --format json >contacts.json &&
	farley ls companies --format json >companies.json
}

# field ID FIELD: a record's field as JSON
field() {
	farley show "$1" --format json |
	$PYTHON -c "import json,sys; print(json.dumps(json.load(sys.stdin).get('$2'), ensure_ascii=False))"
}

test_expect_success 'setup' '
	new_crm
'

test_expect_success '2.1 from Outlook 2007: quoted-printable with soft breaks, bare TYPEs, base64 blocks' '
	cd crm &&
	farley import vcard "$FIX/outlook-2007.vcf" 2>err &&
	grep "outlook-2007.vcf: 1 added, 0 updated, 0 skipped$" err &&
	id=$(farley ls contacts --format ids) &&
	test "$id" = mr-michael-angstadt-jr &&
	farley show $id --format json >c.json &&
	$PYTHON - "$FIX/outlook-2007.vcf" <<-\EOF
	import json, quopri, re, sys
	c = json.load(open("c.json"))
	raw = open(sys.argv[1], "rb").read().decode("ascii")
	# the NOTE, decoded by Python quopri: its soft line breaks run on
	note = re.search(r"^NOTE;[^:]*:((?:.*=\r\n)*.*)\r\n", raw, re.M).group(1)
	note = quopri.decodestring(note.encode()).decode("us-ascii")
	want = {
	    "name": "Mr. Michael Angstadt Jr.",
	    "company": "thecompany",
	    "title": "TheJobTitle",
	    "emails": ["mike.angstadt@gmail.com"],
	    # TEL;WORK;VOICE and friends, not X-MS-TEL
	    "phones": ["(111) 555-1111", "(111) 555-2222", "(111) 555-4444",
	               "(111) 555-3333"],
	    # ADR;WORK;PREF:;TheOffice;222 Broadway;New York;NY;99999;USA
	    "address": {"street": "222 Broadway, TheOffice", "city": "New York",
	                "region": "NY", "postcode": "99999", "country": "USA"},
	    "birthday": "1922-03-10",
	    "url": "http://mikeangstadt.name",
	    "notes": note.replace("\r\n", "\n").strip(),
	}
	assert "It does not preserve the formatting" in want["notes"], want
	for k, v in want.items():
	    assert c.get(k) == v, (k, c.get(k), v)
	# KEY and PHOTO (base64 blocks ended by a blank line) left no trace
	assert not [k for k in c if k not in want and k not in
	            ("id", "kind", "path", "owner", "created")], c
	EOF
	test "$(field thecompany name)" = "\"TheCompany\""
'

test_expect_success '2.1 from Outlook 2003: a KEY block indented by four spaces' '
	cd crm &&
	farley import vcard "$FIX/outlook-2003.vcf" 2>err &&
	grep "outlook-2003.vcf: 1 added" err &&
	farley show john-doe-iii --format json >c.json &&
	$PYTHON - "$FIX/outlook-2003.vcf" <<-\EOF
	import json, quopri, re, sys
	c = json.load(open("c.json"))
	raw = open(sys.argv[1], "rb").read().decode("ascii")
	note = re.search(r"^NOTE;[^:]*:((?:.*=\r?\n)*.*)\r?\n", raw, re.M).group(1)
	note = quopri.decodestring(note.encode()).decode("ascii")
	assert c["notes"] == note.replace("\r\n", "\n").strip(), (c["notes"], note)
	assert c["notes"].endswith("Third line is empty"), c["notes"]
	assert c["phones"] == ["BusinessPhone", "HomePhone", "MobilePhone",
	                       "BusinessFaxPhone"], c["phones"]
	assert c["address"]["street"] == "123 Main St, TheOffice", c["address"]
	assert c["birthday"] == "1980-03-21"
	assert c["emails"] == ["jdoe@hotmail.com"]
	EOF
	test "$(field company-the name)" = "\"Company, The\""
'

test_expect_success '2.1 from Android tests: a soft break followed by a space is text' '
	cd crm &&
	farley import vcard "$FIX/v21_complicated.vcf" 2>err &&
	grep "1 added" err &&
	farley show joe-due --format json >c.json &&
	$PYTHON - <<-\EOF
	import json
	c = json.load(open("c.json"))
	# what the Android importer tests expect of this card
	assert c["notes"] == ("The following note is the example from RFC 2045."
	                      "\n\nNow\x27s the time for all folk to come to the aid "
	                      "of their country."), repr(c["notes"])
	assert c["title"] == "Shrimp Man"
	assert c["emails"] == ["forrestgump@walladalla.com", "cell@example.com"]
	assert c["phones"] == ["(111) 555-1212", "(404) 555-1212", "0311111111",
	                       "0322222222", "0333333333"], c["phones"]
	assert c["address"] == {"street": "100 Waters Edge", "city": "Baytown",
	                        "region": "LA", "postcode": "30314",
	                        "country": "United States of America"}, c["address"]
	assert c["birthday"] == "1980-01-01"
	assert c["url"] == "http://www.example.com/"
	EOF
	test "$(field gump-shrimp-co name)" = "\"Gump Shrimp Co.\""
'

test_expect_success '2.1 in Shift_JIS: CHARSET converted to UTF-8' '
	cd crm &&
	farley import vcard "$FIX/v21_multiple_entry.vcf" 2>err &&
	grep "3 added" err &&
	dump &&
	$PYTHON - "$FIX/v21_multiple_entry.vcf" <<-\EOF
	import json, sys
	want = {}
	for card in open(sys.argv[1], "rb").read().split(b"BEGIN:VCARD")[1:]:
	    lines = card.split(b"\r\n")
	    n = [l for l in lines if l.startswith(b"N;CHARSET=SHIFT_JIS:")][0]
	    name = n.split(b":", 1)[1].split(b";")[0].decode("shift_jis")
	    want[name] = [l.split(b":", 1)[1].decode() for l in lines
	                  if l.startswith(b"TEL")]
	got = {c["name"]: c.get("phones") for c in json.load(open("contacts.json"))}
	for name, phones in want.items():
	    assert got.get(name) == phones, (name, got.get(name), phones)
	assert len(want) == 3 and "\u5b89\u85e4\u30ed\u30a4\u30c93" in want, want
	EOF
'

test_expect_success '3.0 (Gmail, iOS) and 4.0 (RFC 6350, FullContact) as python3-vobject reads them' '
	cd crm &&
	farley import vcard "$FIX/gmail-single.vcf" 2>err1 &&
	farley import vcard "$FIX/gmail-list.vcf" 2>err2 &&
	farley import vcard "$FIX/v30_ios_613_multiline.vcf" 2>err3 &&
	farley import vcard "$FIX/rfc6350-example.vcf" 2>err4 &&
	farley import vcard "$FIX/fullcontact.vcf" 2>err5 &&
	grep "gmail-single.vcf: 1 added" err1 &&
	grep "gmail-list.vcf: 3 added" err2 &&
	grep "v30_ios_613_multiline.vcf: 1 added" err3 &&
	grep "rfc6350-example.vcf: 1 added" err4 &&
	grep "fullcontact.vcf: 1 added" err5 &&
	dump &&
	for f in gmail-single gmail-list v30_ios_613_multiline rfc6350-example \
		fullcontact
	do
		$PYTHON "$EXPECT" "$FIX/$f.vcf" contacts.json companies.json || return 1
	done &&
	test_clean
'

test_expect_success 'grouped properties, escapes and a birthday without a year' '
	cd crm &&
	test "$(field greg-dartmouth phones)" = "[\"555 555 1111\", \"555 555 2222\"]" &&
	test "$(field greg-dartmouth url)" = "\"http://TheProfile.com\"" &&
	test "$(field simon-perreault birthday_md)" = "\"02-03\"" &&
	test "$(field simon-perreault birthday)" = null &&
	test "$(field simon-perreault phones)" = "[\"+1-418-656-9254 ext. 102\", \"+1-418-262-6501\"]"
'

test_expect_success 'a second run of every file changes nothing' '
	cd crm &&
	git rev-parse HEAD >before &&
	rm -f err &&
	for f in "$FIX"/*.vcf
	do
		farley import vcard "$f" 2>>err || return 1
	done &&
	git rev-parse HEAD >after &&
	test_cmp before after &&
	test_clean &&
	! grep -v " 0 added, 0 updated, 0 skipped, [0-9]* unchanged$" err &&
	test $(wc -l <err) = $(ls "$FIX"/*.vcf | wc -l)
'

test_expect_success '--dry-run shows each card by FILE:LINE and writes nothing' '
	new_crm dry &&
	farley import vcard --dry-run --format tsv "$FIX/gmail-list.vcf" >plan 2>err &&
	cut -f1-3 plan >got &&
	cat >expect <<-EOF &&
	where	action	kind
	$FIX/gmail-list.vcf:1	add	contact
	$FIX/gmail-list.vcf:7	add	contact
	$FIX/gmail-list.vcf:13	add	contact
	EOF
	test_cmp expect got &&
	grep "dry run: nothing written" err &&
	test "$(git rev-list --count HEAD)" = 1 &&
	test -z "$(farley ls contacts --format ids)"
'

test_expect_success 'standard input is read with -' '
	new_crm stdin &&
	farley import vcard - <"$FIX/gmail-list.vcf" 2>err &&
	grep "import vcard (standard input): 3 added" err &&
	farley import vcard --dry-run --format tsv - <"$FIX/gmail-list.vcf" >plan &&
	grep "^(standard input):7	same	contact	chris-beatle" plan
'

test_expect_success 'birthdays in every form, Apple'"'"'s year 1604, a company card, unknown properties' '
	new_crm forms &&
	printf "%s\r\n" >forms.vcf \
		"BEGIN:VCARD" "VERSION:3.0" "FN:Ann Dash" "BDAY:1980-04-02" "END:VCARD" \
		"BEGIN:VCARD" "VERSION:4.0" "FN:Ben Basic" "BDAY:19800402" \
		"X-UNKNOWN;FOO=bar:whatever" "IMPP:xmpp:ben@example.org" "END:VCARD" \
		"BEGIN:VCARD" "VERSION:4.0" "FN:Cy Noyear" "BDAY:--0402" "END:VCARD" \
		"BEGIN:VCARD" "VERSION:3.0" "FN:Di Apple" \
		"BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-02" "END:VCARD" \
		"BEGIN:VCARD" "VERSION:4.0" "FN:Ed Partial" "BDAY:1985-04" "END:VCARD" \
		"BEGIN:VCARD" "VERSION:3.0" "FN:Acme Inc." "ORG:Acme Inc.;" \
		"X-ABShowAs:COMPANY" "EMAIL:info@acme.example" "URL:https://www.acme.example/" \
		"END:VCARD" &&
	farley import vcard forms.vcf 2>err &&
	grep "forms.vcf:23: BDAY .1985-04. is not a whole date: left out" err &&
	test "$(field ann-dash birthday)" = "\"1980-04-02\"" &&
	test "$(field ben-basic birthday)" = "\"1980-04-02\"" &&
	test "$(field cy-noyear birthday_md)" = "\"04-02\"" &&
	test "$(field di-apple birthday_md)" = "\"04-02\"" &&
	test "$(field ed-partial birthday)" = null &&
	test "$(farley ls contacts --format ids | wc -l)" = 5 &&
	test "$(field acme-inc domain)" = "\"acme.example\"" &&
	test "$(field acme-inc emails)" = "[\"info@acme.example\"]"
'

test_expect_success 'UID is kept and finds the contact again when its e-mail changed' '
	cd forms &&
	printf "%s\r\n" >v1.vcf "BEGIN:VCARD" "VERSION:3.0" "FN:Flo Uid" \
		"UID:4e1c6c9c-3b39-4f77-9d9b-8e0b1c7a0f11" "EMAIL:flo@old.example" "END:VCARD" &&
	printf "%s\r\n" >v2.vcf "BEGIN:VCARD" "VERSION:3.0" "FN:Florence Uid-Smith" \
		"UID:4e1c6c9c-3b39-4f77-9d9b-8e0b1c7a0f11" "EMAIL:flo@new.example" "END:VCARD" &&
	farley import vcard v1.vcf 2>/dev/null &&
	test "$(field flo-uid uid)" = "\"4e1c6c9c-3b39-4f77-9d9b-8e0b1c7a0f11\"" &&
	farley import vcard v2.vcf 2>err &&
	grep "0 added, 1 updated" err &&
	test "$(field flo-uid emails)" = "[\"flo@old.example\", \"flo@new.example\"]"
'

test_expect_success 'a web address finds the company when the card names none' '
	cd forms &&
	printf "%s\r\n" >url.vcf "BEGIN:VCARD" "VERSION:4.0" "FN:Gil Web" \
		"URL:http://acme.example/team/gil" "END:VCARD" \
		"BEGIN:VCARD" "VERSION:4.0" "FN:Hal Blog" "URL:https://hal.example/" "END:VCARD" &&
	farley import vcard url.vcf 2>err &&
	test "$(field gil-web company)" = "\"acme-inc\"" &&
	test "$(field hal-blog company)" = null &&
	test "$(farley ls companies --format ids)" = acme-inc
'

test_expect_success 'a card in an unknown charset is a bad row named by FILE:LINE' '
	new_crm bad &&
	printf "%s\r\n" >bad.vcf "BEGIN:VCARD" "VERSION:2.1" "FN:Good One" "END:VCARD" \
		"BEGIN:VCARD" "VERSION:2.1" "FN;CHARSET=x-bogus:Asha" "TEL:1" "END:VCARD" &&
	test_expect_code 1 farley import vcard bad.vcf 2>err &&
	grep "^farley: error: bad.vcf:7: FN: CHARSET .x-bogus. is unknown$" err &&
	grep "1 bad row: nothing imported" err &&
	test "$(git rev-list --count HEAD)" = 1 &&
	farley import vcard --skip-bad bad.vcf 2>err &&
	grep "^farley: skipped: bad.vcf:7: FN: CHARSET" err &&
	test "$(farley ls contacts --format ids)" = good-one
'

test_expect_success 'what is not a vCard, or a card that never ends, stops the import' '
	cd bad &&
	printf "Name,Email\nJo,jo@example.com\n" >list.csv &&
	test_expect_code 1 farley import vcard list.csv 2>err &&
	grep "^farley: error: list.csv:1: not a vCard: expected BEGIN:VCARD, found .Name,Email.$" err &&
	printf "%s\n" >cut.vcf "BEGIN:VCARD" "FN:A" "END:VCARD" "BEGIN:VCARD" "FN:B" &&
	test_expect_code 1 farley import vcard cut.vcf 2>err &&
	grep "^farley: error: cut.vcf:4: the card has no END:VCARD$" err &&
	test_expect_code 1 farley import vcard missing.vcf 2>err &&
	grep "^farley: error: cannot open .missing.vcf.: No such file or directory$" err &&
	test "$(farley ls contacts --format ids)" = good-one
'

# big.vcf: n cards with a photo of size bytes, base64, folded at 75 octets
big_cards() {
	$PYTHON - "$@" <<-\EOF
	import base64, os, sys
	out, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
	with open(out, "w", newline="") as f:
	    f.write("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Small\r\nEND:VCARD\r\n")
	    for i in range(n):
	        b = base64.b64encode(os.urandom(size * 3 // 4)).decode()
	        f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big %d\r\n" % i)
	        f.write("PHOTO;ENCODING=b;TYPE=JPEG:" + b[:48])
	        for j in range(48, len(b), 74):
	            f.write("\r\n " + b[j:j + 74])
	        f.write("\r\nEMAIL:big%d@example.com\r\nEND:VCARD\r\n" % i)
	EOF
}

test_expect_success 'huge photos are read and left out, in bounded memory' '
	new_crm photos &&
	big_cards big.vcf 12 3000000 &&
	$PYTHON - <<-\EOF
	import os, resource, subprocess
	subprocess.run(["farley", "import", "vcard", "big.vcf"], check=True)
	rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
	size = os.path.getsize("big.vcf")
	print("max RSS %d for a file of %d bytes" % (rss, size))
	# one card at a time: well under the file (ASan builds weigh more)
	assert os.environ.get("FARLEY_ASAN_RUN") or rss < size * 3 // 4, rss
	EOF
	test "$(farley ls contacts --format ids | wc -l)" = 13 &&
	test "$(field big-11 emails)" = "[\"big11@example.com\"]" &&
	test "$(field big-11 photo)" = null
'

test_expect_success 'a card over 4 MiB is an error naming its BEGIN line' '
	cd photos &&
	big_cards huge.vcf 1 5000000 &&
	git rev-parse HEAD >before &&
	test_expect_code 1 farley import vcard huge.vcf 2>err &&
	grep "^farley: error: huge.vcf:5: the card is larger than 4194304 bytes (the limit)$" err &&
	git rev-parse HEAD >after &&
	test_cmp before after
'

test_done
