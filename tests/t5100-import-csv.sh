#!/bin/sh
# farley import csv: real exports of other programs (tests/fixtures/csv,
# see its README for where each comes from) import with the counts and
# fields the files hold, worked out here with Python's csv module; a second
# run changes nothing; --dry-run writes nothing; one bad row stops the
# import unless --skip-bad; every encoding gives the same records.
# (cmd/import/csv.c on lib/csv.c and lib/csvmap.c; their unit tests are
# tests/unit/u-csv.c and u-csvmap.c.)
. "$(dirname "$0")/lib.sh"

FIX="$SRC_DIR/tests/fixtures/csv"
FARLEY_TODAY=2026-03-02
export FARLEY_TODAY

# records.py KIND: every record of KIND in the current repository, as JSON
# {id: fields}, read from the files themselves.
cat >records.py <<\EOF
import glob, json, os, sys, yaml
out = {}
for path in sorted(glob.glob(sys.argv[1] + "/*/*.yaml")):
    with open(path, encoding="utf-8") as f:
        out[os.path.basename(path)[:-5]] = yaml.safe_load(f)
json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True,
          default=str)
EOF

# unchanged CMD...: the command changes nothing (no commit, clean tree).
unchanged() {
	_head=$(git rev-parse HEAD) &&
	"$@" &&
	test "$(git rev-parse HEAD)" = "$_head" &&
	test_clean
}

test_expect_success 'setup' '
	new_crm && git config user.email alice@example.com
'

test_expect_success 'Google Contacts (old format): one contact with every field the row holds' '
	cd crm &&
	farley import csv "$FIX/google-old-roundcube.csv" 2>err &&
	$PYTHON ../records.py contacts >contacts.json &&
	$PYTHON ../records.py companies >companies.json &&
	$PYTHON - "$FIX/google-old-roundcube.csv" <<-\EOF &&
	import csv, json, sys
	rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
	contacts = json.load(open("contacts.json"))
	companies = json.load(open("companies.json"))
	assert len(contacts) == len(rows) == 1, contacts
	r, c = rows[0], list(contacts.values())[0]
	name = " ".join(r[k] for k in ("Given Name", "Additional Name", "Family Name") if r[k])
	assert c["name"] == name, c
	emails = [r["E-mail %d - Value" % i] for i in range(1, 5) if r["E-mail %d - Value" % i]]
	assert c["emails"] == emails, c
	# Google marks fax and pager numbers in the type column: no phones
	phones = [r["Phone %d - Value" % i] for i in range(1, 8)
	          if r["Phone %d - Value" % i] and not any(
	              w in r["Phone %d - Type" % i] for w in ("Fax", "Pager"))]
	assert c["phones"] == phones, c
	assert c["title"] == r["Organization 1 - Title"], c
	assert str(c["birthday"]) == r["Birthday"], c
	assert c["notes"] == r["Notes"], c
	# "* My Contacts ::: Test": the group, not the system one
	assert c["tags"] == ["Test"], c
	assert c["address"]["street"] == r["Address 1 - Street"], c
	assert c["address"]["postcode"] == r["Address 1 - Postal Code"], c
	assert list(companies) == [c["company"]], companies
	assert companies[c["company"]]["name"] == r["Organization 1 - Name"], companies
	EOF
	grep "columns not imported.*Nickname" err
'

test_expect_success 'Google Contacts: a second run changes nothing' '
	cd crm &&
	unchanged farley import csv "$FIX/google-old-roundcube.csv" 2>err &&
	grep "0 added, 0 updated, 0 skipped, 1 unchanged" err
'

test_expect_success 'Outlook: the contact, its company, address and multi-line notes' '
	cd crm &&
	farley import csv "$FIX/outlook-horde.csv" &&
	$PYTHON ../records.py contacts >contacts.json &&
	$PYTHON ../records.py companies >companies.json &&
	$PYTHON - "$FIX/outlook-horde.csv" <<-\EOF
	import csv, json, sys
	rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
	contacts = json.load(open("contacts.json"))
	companies = json.load(open("companies.json"))
	assert len(rows) == 1
	r = rows[0]
	c = [c for c in contacts.values() if c.get("emails") == [r["E-mail Address"]]]
	assert len(c) == 1, contacts
	c = c[0]
	assert c["name"] == r["First Name"] + " " + r["Last Name"], c
	assert c["title"] == r["Job Title"], c
	assert companies[c["company"]]["name"] == r["Company"], companies
	assert c["address"] == {"street": r["Business Street"], "city": r["Business City"],
	                        "postcode": r["Business Postal Code"],
	                        "region": r["Business State"],
	                        "country": r["Business Country"]}, c
	assert c["notes"] == r["Notes"], c
	assert sorted(c["phones"]) == sorted(set(r[k] for k in ("Business Phone",
	    "Home Phone", "Home Phone 2", "Mobile Phone", "Primary Phone")
	    if r[k])), c
	EOF
'

test_expect_success 'Outlook, then Windows Address Book with the same person: nothing new' '
	cd crm &&
	unchanged farley import csv "$FIX/outlook-horde.csv" &&
	unchanged farley import csv "$FIX/wab-horde.csv" 2>err &&
	grep "1 unchanged" err
'

test_expect_success 'Outlook e-mail columns: one contact with three addresses' '
	cd crm &&
	farley import csv "$FIX/outlook-emails-roundcube.csv" &&
	$PYTHON ../records.py contacts >contacts.json &&
	$PYTHON - "$FIX/outlook-emails-roundcube.csv" <<-\EOF &&
	import csv, json, sys
	r = list(csv.reader(open(sys.argv[1], newline="")))[1]
	c = [c for c in json.load(open("contacts.json")).values() if c.get("emails") == r]
	assert len(c) == 1 and c[0]["name"] == r[0], c
	EOF
	unchanged farley import csv "$FIX/outlook-emails-roundcube.csv"
'

test_expect_success 'LinkedIn connections: the preamble skipped, one company per firm' '
	new_crm li &&
	farley import csv "$FIX/linkedin-connections.csv" 2>err &&
	$PYTHON ../records.py contacts >contacts.json &&
	$PYTHON ../records.py companies >companies.json &&
	$PYTHON - "$FIX/linkedin-connections.csv" <<-\EOF &&
	import csv, json, sys
	lines = open(sys.argv[1], newline="", encoding="utf-8").read().split("\n")
	start = next(i for i, l in enumerate(lines) if l.startswith("First Name,"))
	rows = list(csv.DictReader(lines[start:]))
	contacts = json.load(open("contacts.json"))
	companies = json.load(open("companies.json"))
	named = [r for r in rows if r["First Name"] or r["Last Name"]]
	assert len(contacts) == len(named), (len(contacts), len(named))
	by_name = {c["name"]: c for c in contacts.values()}
	for r in named:
	    c = by_name[(r["First Name"] + " " + r["Last Name"]).strip()]
	    assert c["title"] == r["Position"], c
	    assert companies[c["company"]]["name"] in (r["Company"], "Stripe"), c
	    assert c["linkedin"] == r["URL"], c
	# "Stripe" and "Stripe Inc" are one company
	firms = set(r["Company"] for r in named) - {"Stripe Inc"}
	assert sorted(c["name"] for c in companies.values()) == sorted(firms), companies
	assert by_name["Eve Kim"]["company"] == by_name["Jane Doe"]["company"]
	EOF
	grep "columns not imported.*Connected On" err &&
	unchanged farley import csv "$FIX/linkedin-connections.csv"
'

test_expect_success 'Salesforce accounts (Windows-1252, API column names) as companies' '
	new_crm sf &&
	farley import csv --kind company "$FIX/salesforce-accounts.csv" 2>err &&
	$PYTHON ../records.py companies >companies.json &&
	$PYTHON - "$FIX/salesforce-accounts.csv" <<-\EOF &&
	import csv, io, json, sys
	text = open(sys.argv[1], "rb").read().decode("cp1252")
	rows = list(csv.DictReader(io.StringIO(text, newline="")))
	companies = json.load(open("companies.json"))
	assert len(companies) == len(rows) == 45, len(companies)
	assert sorted(c["name"] for c in companies.values()) == sorted(r["NAME"] for r in rows)
	by_name = {c["name"]: c for c in companies.values()}
	assert "P\u00e9b\u00e9o of America" in by_name
	for r in rows:
	    c = [c for c in companies.values() if c["name"] == r["NAME"]
	         and c.get("address", {}).get("street", "") == r["BILLINGSTREET"]]
	    assert len(c) == 1, r["NAME"]
	    c = c[0]
	    assert c.get("address", {}).get("city", "") == r["BILLINGCITY"], c
	    assert c.get("industry", "") == r["INDUSTRY"], c
	    if r["WEBSITE"]:
	        host = r["WEBSITE"].split("//")[-1].strip("/").removeprefix("www.")
	        assert c["domain"] == host, c
	    assert c.get("phones", []) == ([r["PHONE"]] if r["PHONE"] else []), c
	    assert c.get("notes", "") == r["DESCRIPTION"], c
	EOF
	unchanged farley import csv --kind company "$FIX/salesforce-accounts.csv"
'

# The same people, written as each encoding and separator would write them.
cat >people.py <<\EOF
import csv, io, sys
rows = [
    ["First Name", "Last Name", "E-mail Address", "Company", "Notes", "Birthday"],
    ["Jos\u00e9", "M\u00fcller", "jose@acme.example", "Acme GmbH",
     "Pays in \u20ac.\nStra\u00dfe 5, \"Hinterhaus\"", "2.4.1980"],
    ["\u00c5sa", "Stra\u00dfer", "asa@globex.example", "Globex", "", "04/02/1980"],
    ["Zo\u00eb", "B\u00e9ranger", "ZOE@Globex.example", "GLOBEX", "caf\u00e9", ""],
]
def text(sep):
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
variant = sys.argv[1]
if variant == "utf8":
    data = text(",").encode("utf-8")
elif variant == "utf8-bom":
    data = b"\xef\xbb\xbf" + text(",").encode("utf-8")
elif variant == "utf16":
    data = b"\xff\xfe" + text("\t").encode("utf-16-le")
elif variant == "cp1252":
    data = text(";").encode("cp1252")
sys.stdout.buffer.write(data)
EOF

test_expect_success 'UTF-16 with BOM, Windows-1252 with ;, UTF-8 with BOM: the same records' '
	for v in utf8 utf8-bom utf16 cp1252; do
		$PYTHON people.py $v >people-$v.csv &&
		(new_crm enc-$v && farley import csv ../people-$v.csv) || return 1
	done &&
	test "$(head -c2 people-utf16.csv | od -An -tx1 | tr -d " ")" = fffe &&
	for v in utf8-bom utf16 cp1252; do
		diff -r enc-utf8/contacts enc-$v/contacts &&
		diff -r enc-utf8/companies enc-$v/companies || return 1
	done &&
	(cd enc-utf8 && $PYTHON ../records.py contacts) >contacts.json &&
	$PYTHON - <<-\EOF
	import json
	c = {c["name"]: c for c in json.load(open("contacts.json")).values()}
	jose = c["Jos\u00e9 M\u00fcller"]
	assert jose["notes"] == "Pays in \u20ac.\nStra\u00dfe 5, \"Hinterhaus\"", jose
	assert str(jose["birthday"]) == "1980-04-02", jose
	assert str(c["\u00c5sa Stra\u00dfer"]["birthday"]) == "1980-04-02"
	assert c["Zo\u00eb B\u00e9ranger"]["emails"] == ["zoe@globex.example"]
	assert c["Zo\u00eb B\u00e9ranger"]["company"] == c["\u00c5sa Stra\u00dfer"]["company"]
	EOF
'

test_expect_success 'standard input reads the same (UTF-16 detected from the first block)' '
	new_crm stdin &&
	farley import csv - <../people-utf16.csv &&
	diff -r ../enc-utf8/contacts contacts
'

test_expect_success '--encoding overrides the guess; an unknown one is a usage error' '
	new_crm latin &&
	farley import csv --encoding windows-1252 ../people-cp1252.csv &&
	diff -r ../enc-utf8/contacts contacts &&
	new_crm ../misread &&
	farley import csv --encoding latin1 ../people-utf8.csv &&
	grep -r "^name: JosÃ© MÃ¼ller$" contacts &&
	test_expect_code 2 farley import csv --encoding klingon ../people-utf8.csv 2>err &&
	grep "unknown encoding .klingon." err
'

test_expect_success 'companies named in rows are created once and linked' '
	cd enc-utf8 &&
	test "$(ls companies/*/*.yaml | wc -l)" = 2 &&
	$PYTHON ../records.py companies >companies.json &&
	$PYTHON - <<-\EOF
	import json
	names = sorted(c["name"] for c in json.load(open("companies.json")).values())
	assert names == ["Acme GmbH", "Globex"], names
	EOF
'

test_expect_success 'the same people in other case and e-mail order change nothing' '
	cd enc-utf8 &&
	cat >again.csv <<-\EOF &&
	Last Name,First Name,Company,E-mail 2 Address,E-mail Address
	BÉRANGER,ZOË,globex,,zoe@GLOBEX.example
	STRASSER,ÅSA,GLOBEX INC.,ASA@globex.example,
	müller,josé,ACME gmbh,,JOSE@ACME.EXAMPLE
	EOF
	unchanged farley import csv again.csv 2>err &&
	grep "0 added, 0 updated, 0 skipped, 3 unchanged" err &&
	unchanged farley import csv ../people-cp1252.csv
'

test_expect_success '--dry-run prints the plan and writes nothing' '
	new_crm dry &&
	head=$(git rev-parse HEAD) &&
	farley import csv --dry-run "$FIX/linkedin-connections.csv" >plan 2>err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	test_clean && test ! -d contacts && test ! -d companies &&
	grep -E "/linkedin-connections.csv:5\s+add\s+contact\s+ada-lovelace" plan &&
	grep -E "\s+add\s+company\s+stripe" plan &&
	grep "dry run: nothing written" err
'

cat >bad.csv <<\EOF
First Name,Last Name,E-mail Address,Birthday,Notes
Ann,Lee,ann@x.example,1980-04-02,"two
lines"
Bob,Roe,bob@x.example,1980-13-45,
Cy,Poe,cy@x.example,,
EOF

test_expect_success 'one bad row: nothing imported, exit 1, FILE:LINE named' '
	new_crm bad &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 farley import csv ../bad.csv 2>err &&
	grep "^farley: error: ../bad.csv:4: column .Birthday.: " err &&
	grep "1 bad row: nothing imported" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean && test ! -d contacts
'

test_expect_success '--skip-bad imports the rest and says what it skipped' '
	cd bad &&
	farley import csv --skip-bad ../bad.csv 2>err &&
	grep "^farley: skipped: ../bad.csv:4: column .Birthday." err &&
	test "$(ls contacts/*/*.yaml | wc -l)" = 2 &&
	test -f contacts/an/ann-lee.yaml && test -f contacts/cy/cy-poe.yaml &&
	test_clean
'

test_expect_success 'a quote never closed: an error naming the line, nothing written' '
	new_crm unclosed &&
	printf "Name,Email\nA,a@x.example\nB,\"b@x.example\nC,c@x.example\n" >../unclosed.csv &&
	test_expect_code 1 farley import csv ../unclosed.csv 2>err &&
	grep "unclosed.csv:3: the quote opened on line 3 is never closed" err &&
	test ! -d contacts
'

test_expect_success 'Google new format: labels, ::: cells, a birthday without a year' '
	new_crm gnew &&
	cat >../google-new.csv <<-\EOF &&
	First Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - Postal Code,Address 1 - Country,Website 1 - Label,Website 1 - Value
	Maria,,Gonzalez,,,,Tierra Verde S.L.,CFO,,--07-14,,* myContacts ::: Clients,* Work,maria@tierraverde.example ::: mg@tierraverde.example,Home,maria.g@mail.example,Mobile,+34 600 000 000,Work,"Calle Mayor 1
	28013 Madrid",Calle Mayor 1,Madrid,28013,Spain,Work,https://tierraverde.example
	EOF
	farley import csv ../google-new.csv &&
	$PYTHON ../records.py contacts >contacts.json &&
	$PYTHON ../records.py companies >companies.json &&
	$PYTHON - <<-\EOF
	import json
	c = list(json.load(open("contacts.json")).values())
	assert len(c) == 1, c
	c = c[0]
	assert c["name"] == "Maria Gonzalez" and c["title"] == "CFO", c
	assert c["emails"] == ["maria@tierraverde.example", "mg@tierraverde.example",
	                       "maria.g@mail.example"], c
	assert c["tags"] == ["Clients"], c
	assert c["birthday_md"] == "07-14" and "birthday" not in c, c
	assert c["address"] == {"street": "Calle Mayor 1", "city": "Madrid",
	                        "postcode": "28013", "country": "Spain"}, c
	co = json.load(open("companies.json"))[c["company"]]
	assert co["name"] == "Tierra Verde S.L." and co["domain"] == "tierraverde.example", co
	EOF
'

test_expect_success '--map keeps a column as a custom field or renames one' '
	new_crm mapped &&
	printf "Full,Kundennummer,Mail\nAnn Lee,K-17,ann@x.example\n" >../mapped.csv &&
	farley import csv ../mapped.csv --map Full=name --map "Kundennummer=customer_no" \
		--map Mail=emails -q 2>err &&
	test ! -s err &&
	$PYTHON ../records.py contacts >contacts.json &&
	$PYTHON - <<-\EOF
	import json
	c = json.load(open("contacts.json"))["ann-lee"]
	assert c["customer_no"] == "K-17" and c["emails"] == ["ann@x.example"], c
	EOF
'

test_expect_success 'usage errors: an unknown kind, a bad field, a column not there' '
	cd mapped &&
	test_expect_code 2 farley import csv --kind bogus ../mapped.csv 2>err &&
	grep "unknown kind .bogus. (contact, company, deal, task, interaction)" err &&
	test_expect_code 2 farley import csv ../mapped.csv --map "Full=Not A Field" 2>err &&
	grep "Not A Field. is not a valid field name" err &&
	test_expect_code 2 farley import csv ../mapped.csv --map "Nope=name" 2>err &&
	grep "no column .Nope. in the header" err &&
	test_expect_code 2 farley import csv ../mapped.csv --map "Full" 2>err &&
	test_clean
'

test_expect_success 'a file that is not there, an empty file: errors, nothing written' '
	cd mapped &&
	test_expect_code 1 farley import csv ../no-such.csv 2>err &&
	grep "cannot read .../no-such.csv.: No such file or directory" err &&
	: >../empty.csv &&
	test_expect_code 1 farley import csv ../empty.csv 2>err &&
	grep "empty.csv: no header line" err &&
	test_clean
'

test_expect_success 'deals with Pipedrive columns: amounts, currencies, dates, companies' '
	new_crm deals &&
	cat >../deals.csv <<-\EOF &&
	Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,Deal - Expected close date,Organization - Name,Person - Name
	Ovens for the new shop,"12.000,50",eur,Lead,09/30/2026,Nouvelle Boulangerie,Nadia
	Website rebuild,"$3,500",usd,lead,2026-10-01,Acme GmbH,Jane
	EOF
	farley import csv --kind deal ../deals.csv 2>err &&
	$PYTHON ../records.py deals >deals.json &&
	$PYTHON - <<-\EOF &&
	import json
	d = {d["title"]: d for d in json.load(open("deals.json")).values()}
	o = d["Ovens for the new shop"]
	assert str(o["value"]) in ("12000.5", "12000.50") and o["currency"] == "EUR", o
	assert str(o["close"]) == "2026-09-30" and o["stage"] == "lead", o
	w = d["Website rebuild"]
	assert str(w["value"]) in ("3500", "3500.0", "3500.00") and w["currency"] == "USD", w
	assert w["company"] == "acme-gmbh", w
	EOF
	grep "columns not imported.*Person - Name" err
'

test_expect_success 'a large import is one pack that git reads; again, nothing changes' '
	new_crm bulk &&
	{
		echo "Name,E-mail Address,Notes" &&
		i=0 && while [ $i -lt 300 ]; do
			echo "Person $i,p$i@bulk.example,note $((i % 7))" && i=$((i + 1))
		done
	} >../bulk.csv &&
	farley import csv ../bulk.csv 2>err &&
	grep "300 added" err &&
	test $(ls .git/objects/pack/*.pack | wc -l) = 1 &&
	! ls .git/objects/pack | grep -v "^pack-" &&
	! git fsck --strict 2>&1 | grep -v "dangling tree" &&
	test_clean &&
	git show HEAD:$(git ls-files contacts | grep person-299) >shown &&
	grep "p299@bulk.example" shown &&
	git rev-parse HEAD >before &&
	farley import csv ../bulk.csv 2>err &&
	git rev-parse HEAD >after && test_cmp before after && test_clean &&
	farley set "$(farley ls contacts --where "name=\"Person 7\"" --format=ids)" tags+=seen &&
	git gc -q && ! git fsck 2>&1 | grep -v "dangling tree"
'

test_done
