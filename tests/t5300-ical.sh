#!/bin/sh
# farley export vcard and ical: read back by real parsers (python3-vobject,
# khard, python3-icalendar), folded and escaped as the RFCs say, with
# stable UIDs; export vcard | import vcard changes nothing.
. "$(dirname "$0")/lib.sh"

# check_lines FILE: CRLF only, no line over 75 octets, every line valid
# UTF-8 by itself (so no fold split a character); prints how many folds
check_lines() {
	$PYTHON - "$1" <<-\EOF
	import sys
	data = open(sys.argv[1], "rb").read()
	assert data.endswith(b"\r\n"), "no final CRLF"
	lines = data[:-2].split(b"\r\n")
	for n, l in enumerate(lines, 1):
	    assert b"\n" not in l and b"\r" not in l, ("bare line end", n, l)
	    assert len(l) <= 75, ("longer than 75 octets", n, len(l), l)
	    l.decode("utf-8")  # raises if a fold cut a character
	print(sum(1 for l in lines if l.startswith(b" ")))
	EOF
}

# one .vcf per card in the folder $2, as khard and vdirsyncer keep them
split_cards() {
	mkdir -p "$2" &&
	$PYTHON - "$1" "$2" <<-\EOF
	import re, sys
	data = open(sys.argv[1], encoding="utf-8", newline="").read()
	cards = re.findall(r"BEGIN:VCARD\r\n.*?END:VCARD\r\n", data, re.S)
	for i, c in enumerate(cards):
	    with open("%s/%03d.vcf" % (sys.argv[2], i), "w", encoding="utf-8",
	              newline="") as f:
	        f.write(c)
	EOF
}

LONG="Jürgen Müller-Lüdenscheidt von und zu Höchstädt an der Aisch-Großgründlach"

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" domain=acme.example >/dev/null &&
	farley add company "Zeta; Söhne, Ltd" >/dev/null &&
	farley add contact "Jane Q. Doe" company=acme-gmbh title=CTO \
		emails=jane@acme.example,j.doe@home.example \
		"phones=+49 30 1234567,+49 170 7654321" tags=vip,renewal \
		birthday=1980-04-02 \
		"notes=$(printf "Met at the fair; likes cake, coffee\\\\tea\nSecond line")" \
		"address.street=Hauptstraße 5, Hinterhaus" address.city=Berlin \
		address.postcode=10115 address.country=Germany \
		url=https://jane.example/about >/dev/null &&
	farley add contact "$LONG" company=zeta-sohne-ltd \
		"title=Geschäftsführer für Forschung, Entwicklung; und Qualität" \
		emails=juergen@zeta.example >/dev/null &&
	farley add contact "Ludwig van Beethoven" birthday_md=12-16 \
		uid=urn:uuid:0b6c5e0a-2a36-4a8e-9c1b-7d1f0e6b8a42 >/dev/null &&
	farley add contact "Madonna" phones=+1-555-0100 >/dev/null &&
	farley add contact "山田太郎" emails=taro@example.jp tags=japan >../c-taro &&
	test "$(farley ls contacts --format ids | wc -l)" = 5
'

test_expect_success 'export vcard: every card as python3-vobject reads it' '
	cd crm &&
	farley export vcard >all.vcf &&
	farley ls contacts --format json >contacts.json &&
	farley ls companies --format json >companies.json &&
	$PYTHON - <<-\EOF
	import json, vobject
	recs = {r["name"]: r for r in json.load(open("contacts.json"))}
	orgs = {r["id"]: r["name"] for r in json.load(open("companies.json"))}
	cards = list(vobject.readComponents(open("all.vcf", encoding="utf-8").read()))
	assert len(cards) == len(recs) == 5, (len(cards), len(recs))
	for c in cards:
	    assert c.version.value == "4.0"
	    r = recs[c.fn.value]
	    emails = [e.value for e in c.contents.get("email", [])]
	    assert emails == r.get("emails", []), (emails, r)
	    tels = [t.value for t in c.contents.get("tel", [])]
	    assert tels == r.get("phones", []), (tels, r)
	    if "company" in r:
	        assert c.org.value == [orgs[r["company"]]], (c.org.value, r)
	    else:
	        assert "org" not in c.contents
	    titles = [t.value for t in c.contents.get("title", [])]
	    assert titles == ([r["title"]] if "title" in r else []), (titles, r)
	    if "tags" in r:
	        assert c.categories.value == r["tags"], (c.categories.value, r)
	    if "notes" in r:
	        assert c.note.value == r["notes"], (c.note.value, r)
	    if "uid" in r:
	        assert c.uid.value == r["uid"]
	    else:
	        u = c.uid.value
	        assert u.startswith("urn:uuid:") and u[9 + 14:9 + 18] == "8fa1", u
	    if "url" in r:
	        assert c.url.value == r["url"]
	jane = [c for c in cards if c.fn.value == "Jane Q. Doe"][0]
	assert (jane.n.value.family, jane.n.value.given, jane.n.value.additional) == \
	    ("Doe", "Jane", "Q."), jane.n.value
	assert jane.bday.value == "19800402", jane.bday.value
	a = jane.adr.value
	assert (a.street, a.city, a.code, a.country) == \
	    ("Hauptstraße 5, Hinterhaus", "Berlin", "10115", "Germany"), a
	assert jane.note.value == "Met at the fair; likes cake, coffee\\tea\nSecond line"
	ludwig = [c for c in cards if c.fn.value == "Ludwig van Beethoven"][0]
	assert ludwig.n.value.family == "van Beethoven", ludwig.n.value
	assert ludwig.bday.value == "--1216", ludwig.bday.value
	EOF
'

test_expect_success 'vCard lines: CRLF, at most 75 octets, folds between characters' '
	cd crm &&
	folds=$(check_lines all.vcf) &&
	test "$folds" -ge 2 &&
	grep -a "^ORG:Zeta\\\\; Söhne\\\\, Ltd" all.vcf
'

test_expect_success 'export vcard --vcard-version 3.0: dates with dashes, read by vobject' '
	cd crm &&
	farley export vcard --vcard-version 3.0 >all3.vcf &&
	check_lines all3.vcf >/dev/null &&
	test "$(grep -c "^VERSION:3.0" all3.vcf)" = 5 &&
	grep "^BDAY:1980-04-02" all3.vcf &&
	grep "^BDAY:--12-16" all3.vcf &&
	$PYTHON -c "
import vobject
cards = list(vobject.readComponents(open(\"all3.vcf\", encoding=\"utf-8\").read()))
assert sorted(c.fn.value for c in cards)[0] == \"Jane Q. Doe\", cards
assert len(cards) == 5
" &&
	test_expect_code 2 farley export vcard --vcard-version 2.1 2>err &&
	grep "vcard-version" err
'

test_expect_success 'khard lists the exported cards, 4.0 and 3.0' '
	cd crm &&
	split_cards all.vcf v4 &&
	split_cards all3.vcf v3 &&
	test "$(ls v4 | wc -l)" = 5 &&
	cat >khard.conf <<-EOF &&
	[addressbooks]
	[[v4]]
	path = $TRASH/crm/v4
	[[v3]]
	path = $TRASH/crm/v3
	[general]
	[contact table]
	display = formatted_name
	[vcard]
	skip_unparsable = no
	EOF
	khard -c khard.conf list --parsable -a v4 >list4 &&
	khard -c khard.conf list --parsable -a v3 >list3 &&
	cut -f2 list4 | sort >names4 &&
	cut -f2 list3 | sort >names3 &&
	farley ls contacts --format tsv --fields name | sed 1d | sort >expect &&
	test_cmp expect names4 &&
	test_cmp expect names3 &&
	khard -c khard.conf email --parsable -a v4 | grep -v "^searching for" | cut -f1 | sort >emails4 &&
	printf "%s\n" j.doe@home.example jane@acme.example juergen@zeta.example \
		taro@example.jp | sort >expect &&
	test_cmp expect emails4 &&
	khard -c khard.conf phone --parsable -a v3 | grep -v "^searching for" | cut -f1 | sort >phones3 &&
	printf "%s\n" "+1-555-0100" "+49 170 7654321" "+49 30 1234567" | sort >expect &&
	test_cmp expect phones3 &&
	khard -c khard.conf show -a v4 "Jane" >show 2>&1 &&
	grep "Organisation: Acme GmbH" show &&
	grep "Hauptstraße 5, Hinterhaus" show
'

test_expect_success 'export vcard | import vcard changes nothing (4.0 and 3.0)' '
	cd crm &&
	git rev-parse HEAD >before &&
	farley export vcard | farley import vcard - 2>err4 &&
	farley export vcard --vcard-version 3.0 | farley import vcard - 2>err3 &&
	git rev-parse HEAD >after &&
	test_cmp before after &&
	test_clean &&
	grep "0 added, 0 updated, 0 skipped, 5 unchanged" err4 &&
	grep "0 added, 0 updated, 0 skipped, 5 unchanged" err3
'

test_expect_success 'into an empty repository: the same contacts' '
	cd crm &&
	new_crm ../copy &&
	farley import vcard ../crm/all.vcf 2>err &&
	grep "5 added" err &&
	farley ls contacts --format json >../copy.json &&
	farley ls companies --format json >../copy-companies.json &&
	cd ../crm &&
	$PYTHON - <<-\EOF
	import json
	def load(c, co):
	    orgs = {r["id"]: r["name"] for r in json.load(open(co))}
	    out = {}
	    for r in json.load(open(c)):
	        out[r["name"]] = {k: r.get(k) for k in ("emails", "phones", "title",
	                          "tags", "birthday", "birthday_md", "address",
	                          "notes", "url")}
	        out[r["name"]]["company"] = orgs.get(r.get("company"))
	    return out
	a = load("contacts.json", "companies.json")
	b = load("../copy.json", "../copy-companies.json")
	assert a == b, (a, b)
	EOF
'

test_expect_success 'the same UIDs every time: the uid field, else one made from the id' '
	cd crm &&
	farley export vcard >again.vcf &&
	cmp all.vcf again.vcf &&
	grep "^UID:urn:uuid:0b6c5e0a-2a36-4a8e-9c1b-7d1f0e6b8a42" all.vcf &&
	cd ../copy &&
	farley export vcard >copy.vcf &&
	grep "^UID:" ../crm/all.vcf | sort >../uids-a &&
	grep "^UID:" copy.vcf | sort >../uids-b &&
	test_cmp ../uids-a ../uids-b
'

test_expect_success 'a hand-written scalar where a list belongs is exported too' '
	new_crm hand &&
	mkdir -p contacts/sc tasks/sc &&
	printf "name: Scalar Sam\nemails: sam@scalar.example\nphones: \"+1 555\"\ntags: solo\n" \
		>contacts/sc/scalar-sam.yaml &&
	printf "title: Scalar task\ndue: 2026-04-01\ntags: one\n" >tasks/sc/scalar-task.yaml &&
	git add contacts tasks && git commit -q -m "by hand" &&
	farley export vcard >hand.vcf &&
	grep "^EMAIL:sam@scalar.example" hand.vcf &&
	grep "^TEL:+1 555" hand.vcf &&
	grep "^CATEGORIES:solo" hand.vcf &&
	farley export ical >hand.ics &&
	grep "^CATEGORIES:one" hand.ics &&
	git rev-parse HEAD >before &&
	farley import vcard hand.vcf 2>err &&
	git rev-parse HEAD >after &&
	test_cmp before after
'

test_expect_success 'setup tasks and meetings' '
	cd crm &&
	farley add task "Call Jane back" due=2026-04-10 every=1w contact=jane-q-doe \
		"notes=$(printf "Ask about: the contract; price, terms\nand C:\\\\temp")" \
		>../t-call &&
	farley add task "Quarterly review" due=2026-05-01 every=1m >../t-quarter &&
	farley add task "Renew the domain" due=2026-06-01 every=1y >../t-year &&
	farley add task "Water the plants" due=2026-04-05 every=3d >../t-days &&
	farley add task "Fortnightly sync" due=2026-04-07 every=2w >../t-fort &&
	farley add task "Someday" >../t-someday &&
	farley add task "$LONG anrufen" due=2026-04-20 >../t-long &&
	farley add task "Finished" due=2026-04-01 status=done >../t-done &&
	farley log jane-q-doe --channel meeting \
		-m "Jahresgespräch über Verträge mit Françoise Dupont-Ångström, dem Team und $LONG" \
		--date 2026-04-01T09:30+02:00 -b "Agenda: prices; terms, dates" \
		duration=90m "location=Büro, 3. Stock" >../m-berlin &&
	farley log madonna --channel meeting -m "Workshop" --date 2026-04-02 >../m-day &&
	farley log "$(cat ../c-taro)" --channel meeting -m "Call from New York" \
		--date 2026-04-03T18:15-05:00 >../m-ny &&
	farley log jane-q-doe --channel call -m "Quick call" --date 2026-04-04 >../i-call
'

test_expect_success 'export ical: python3-icalendar reads every component with its values' '
	cd crm &&
	farley export ical >cal.ics &&
	folds=$(check_lines cal.ics) &&
	test "$folds" -ge 2 &&
	$PYTHON - <<-EOF
	import datetime as dt, icalendar
	utc = dt.timezone.utc
	def rid(f): return open("../" + f).read().strip()
	cal = icalendar.Calendar.from_ical(open("cal.ics", "rb").read())
	assert str(cal["VERSION"]) == "2.0" and str(cal["CALSCALE"]) == "GREGORIAN"
	assert "farley" in str(cal["PRODID"])
	todos = {str(c["UID"]): c for c in cal.walk("VTODO")}
	events = {str(c["UID"]): c for c in cal.walk("VEVENT")}
	want = {rid(f) + "@farley" for f in ("t-call", "t-quarter", "t-year", "t-days",
	                                     "t-fort", "t-someday", "t-long")}
	assert set(todos) == want, (sorted(todos), sorted(want))
	t = todos[rid("t-call") + "@farley"]
	assert str(t["SUMMARY"]) == "Call Jane back"
	assert t["DUE"].dt == dt.date(2026, 4, 10), t["DUE"].dt
	assert str(t["STATUS"]) == "NEEDS-ACTION"
	assert str(t["DESCRIPTION"]) == "Ask about: the contract; price, terms\nand C:\\\\temp", \
	    repr(str(t["DESCRIPTION"]))
	rules = {"t-call": ("WEEKLY", 1), "t-fort": ("WEEKLY", 2),
	         "t-quarter": ("MONTHLY", 1), "t-year": ("YEARLY", 1),
	         "t-days": ("DAILY", 3)}
	for f, (freq, n) in rules.items():
	    r = todos[rid(f) + "@farley"]["RRULE"]
	    assert r["FREQ"] == [freq] and r["INTERVAL"] == [n], (f, r)
	assert "RRULE" not in todos[rid("t-long") + "@farley"]
	assert "DUE" not in todos[rid("t-someday") + "@farley"]
	assert str(todos[rid("t-long") + "@farley"]["SUMMARY"]) == "$LONG anrufen"
	assert set(events) == {rid(f) + "@farley" for f in ("m-berlin", "m-day", "m-ny")}
	e = events[rid("m-berlin") + "@farley"]
	assert e["DTSTART"].dt == dt.datetime(2026, 4, 1, 7, 30, tzinfo=utc), e["DTSTART"].dt
	assert e["DURATION"].dt == dt.timedelta(minutes=90)
	assert str(e["SUMMARY"]) == ("Jahresgespräch über Verträge mit Françoise "
	                             "Dupont-Ångström, dem Team und $LONG")
	assert str(e["DESCRIPTION"]) == "Agenda: prices; terms, dates"
	assert str(e["LOCATION"]) == "Büro, 3. Stock"
	assert "jane@acme.example" in str(e["ATTENDEE"]), e["ATTENDEE"]
	assert e["ATTENDEE"].params["CN"] == "Jane Q. Doe"
	e = events[rid("m-day") + "@farley"]
	assert e["DTSTART"].dt == dt.date(2026, 4, 2) and "DURATION" not in e
	e = events[rid("m-ny") + "@farley"]
	assert e["DTSTART"].dt == dt.datetime(2026, 4, 3, 23, 15, tzinfo=utc)
	assert e["DURATION"].dt == dt.timedelta(hours=1)
	for c in list(todos.values()) + list(events.values()):
	    assert c["DTSTAMP"].dt.tzinfo is not None
	EOF
'

test_expect_success 'ical escapes text and marks times as UTC' '
	cd crm &&
	grep -a "^DESCRIPTION:Ask about: the contract\\\\; price\\\\, terms\\\\nand C:\\\\\\\\temp" cal.ics &&
	grep -a "^DTSTART:20260401T073000Z" cal.ics &&
	grep -a "^DTSTART;VALUE=DATE:20260402" cal.ics &&
	grep -a "^DUE;VALUE=DATE:20260410" cal.ics
'

test_expect_success 'a changed due date keeps its UID; nothing else moves' '
	cd crm &&
	farley export ical >before.ics &&
	cmp cal.ics before.ics &&
	farley set "$(cat ../t-call)" due=2026-04-17 &&
	farley export ical >after.ics &&
	$PYTHON - <<-EOF
	import datetime as dt, icalendar
	def comps(f):
	    cal = icalendar.Calendar.from_ical(open(f, "rb").read())
	    return {str(c["UID"]): c for c in cal.walk() if c.name in ("VTODO", "VEVENT")}
	a, b = comps("before.ics"), comps("after.ics")
	assert set(a) == set(b), (set(a) ^ set(b))
	uid = "$(cat ../t-call)@farley"
	assert a[uid]["DUE"].dt == dt.date(2026, 4, 10)
	assert b[uid]["DUE"].dt == dt.date(2026, 4, 17)
	for u in a:
	    if u != uid:
	        assert a[u].to_ical() == b[u].to_ical(), u
	EOF
'

test_expect_success 'export ical tasks holds VTODOs only; contacts are refused' '
	cd crm &&
	farley export ical tasks >tasks.ics &&
	grep -c "^BEGIN:VTODO" tasks.ics >n &&
	echo 7 >expect && test_cmp expect n &&
	! grep "^BEGIN:VEVENT" tasks.ics &&
	test_expect_code 2 farley export ical contacts 2>err &&
	grep "ical holds tasks and meetings" err &&
	farley export ical -o out.ics &&
	cmp out.ics after.ics
'

test_done
