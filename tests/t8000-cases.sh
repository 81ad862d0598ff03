#!/bin/sh
# The case kind: support requests with statuses from farley.yaml,
# priorities, opened/resolved datetimes; interactions join a case with
# farley log --case; show, search, ls, history and the merge driver handle
# cases like the other kinds.
. "$(dirname "$0")/lib.sh"

test_expect_success 'add case: its path, id, defaults and commit' '
	new_crm && export FARLEY_TODAY=2026-03-02T09:00Z &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add contact "Jane Doe" company=acme-gmbh emails=jane@acme.example >/dev/null &&
	farley add case "Printer on fire" contact=jane-doe company=acme-gmbh priority=urgent >id &&
	id=$(cat id) && case $id in printer-on-fire-????) ;; *) false ;; esac &&
	f=cases/pr/$id.yaml && test -f $f &&
	cat >expect <<-EOF &&
	title: Printer on fire
	status: new
	priority: urgent
	contact: jane-doe
	company: acme-gmbh
	opened: 2026-03-02T09:00Z
	owner: author
	EOF
	test_cmp expect $f &&
	git log --format=%s -1 >msg && echo "add case $id (Printer on fire)" >expect &&
	test_cmp expect msg && test_clean
'

test_expect_success 'a status, a priority or a datetime that is not one is refused' '
	cd crm &&
	test_expect_code 1 farley add case "Bad" priority=mega 2>err &&
	grep "priority: .mega. must be .low., .normal., .high. or .urgent." err &&
	test_expect_code 1 farley add case "Bad" status=frozen 2>err &&
	grep "status: .frozen. is not a case status of farley.yaml (one of: new, open, pending, resolved, closed)" err &&
	test_expect_code 1 farley add case "Bad" opened=yesterdayish 2>err &&
	test -z "$(ls cases/ba 2>/dev/null)" && test_clean
'

test_expect_success 'statuses come from farley.yaml like stages' '
	cd crm && cp farley.yaml ../farley.yaml.orig &&
	cat >>farley.yaml <<-\EOF &&
	case_statuses:
	  - new
	  - waiting
	  - name: done
	    closed: true
	EOF
	git commit -qam "case statuses" &&
	farley add case "Waits" status=waiting >/dev/null &&
	test_expect_code 1 farley add case "Old status" status=pending 2>err &&
	grep "one of: new, waiting, done" err &&
	cp ../farley.yaml.orig farley.yaml && git rm -q -r cases/wa &&
	git commit -qam "back" && test_clean
'

test_expect_success 'log --case links the interaction and brings the contact and company' '
	cd crm && id=$(ls cases/pr | sed "s/.yaml//") &&
	farley log --case printer --direction out --channel email -d 2026-03-02T09:30Z -m "On it" >iid &&
	f=$(git ls-files interactions) &&
	grep "^case: $id$" $f && grep "^  - jane-doe$" $f && grep "^company: acme-gmbh$" $f &&
	test_expect_code 1 farley log --case jane-doe -m x 2>err &&
	grep "case" err && test_clean
'

test_expect_success 'ls, search, show and history know cases' '
	cd crm && id=$(ls cases/pr | sed "s/.yaml//") &&
	farley ls cases priority=urgent --format=ids >out && echo $id >expect && test_cmp expect out &&
	farley search printer --kind case --format=ids >out && test_cmp expect out &&
	farley show $id --format=json >j &&
	$PYTHON -c "
import json; d = json.load(open(\"j\"))
assert d[\"kind\"] == \"case\", d
assert [x[\"summary\"] for x in d[\"linked\"][\"timeline\"]] == [\"On it\"], d" &&
	farley set $id status=resolved resolved=2026-03-02T12:00Z >/dev/null &&
	farley history $id --format=tsv >h && grep "status: new -> resolved" h &&
	farley check
'

test_expect_success 'show COMPANY and CONTACT list their open cases only' '
	cd crm &&
	farley add case "Still open" company=acme-gmbh contact=jane-doe >/dev/null &&
	farley show acme-gmbh --format=json >j &&
	$PYTHON -c "
import json; d = json.load(open(\"j\"))
assert [c[\"title\"] for c in d[\"linked\"][\"cases\"]] == [\"Still open\"], d[\"linked\"]" &&
	farley show jane-doe --format=json >j &&
	$PYTHON -c "
import json; d = json.load(open(\"j\"))
assert [c[\"title\"] for c in d[\"linked\"][\"cases\"]] == [\"Still open\"], d[\"linked\"]" &&
	COLUMNS=80 script -qec "farley show acme-gmbh" /dev/null >tty &&
	grep "open cases" tty
'

test_expect_success 'two clones editing one case merge field by field' '
	git init -q --bare remote.git && (cd crm && git remote add origin ../remote.git &&
	git push -q -u origin main) && git clone -q remote.git b &&
	id=$(cd crm && farley ls cases --format=ids | grep still-open) &&
	(cd crm && farley set $id priority=high >/dev/null && farley sync -q) &&
	(cd b && farley set $id status=pending tags+=vip >/dev/null && farley sync -q) &&
	cd b && f=$(git ls-files cases | grep $id) &&
	grep "^priority: high$" $f && grep "^status: pending$" $f && grep "^  - vip$" $f &&
	farley check && test_clean
'

test_expect_success 'an imported mail that replies to a case thread joins the case' '
	cd crm && id=$(farley ls cases --format=ids | grep still-open) &&
	farley log --case $id --channel email --direction out -m "Looking into it" \
		-d 2026-03-03T10:00Z message_id=thread-1@crm.example >/dev/null &&
	cat >../reply.mbox <<-\EOF &&
	From jane@acme.example Tue Mar  3 12:00:00 2026
	From: Jane Doe <jane@acme.example>
	To: author@example.com
	Subject: Re: Looking into it
	Date: Tue, 03 Mar 2026 12:00:00 +0000
	Message-ID: <reply-1@acme.example>
	In-Reply-To: <thread-1@crm.example>

	Still broken.

	From jane@acme.example Tue Mar  3 13:00:00 2026
	From: Jane Doe <jane@acme.example>
	To: author@example.com
	Subject: Something else
	Date: Tue, 03 Mar 2026 13:00:00 +0000
	Message-ID: <other-1@acme.example>
	In-Reply-To: <unknown@nowhere.example>

	New topic.
	EOF
	farley import mbox ../reply.mbox >/dev/null 2>&1 &&
	farley ls interactions --where "message_id=\"reply-1@acme.example\"" --fields case --format=tsv >got &&
	printf "id\tcase\n" >head && tail -1 got | cut -f2 >c && echo $id >expect && test_cmp expect c &&
	farley ls interactions --where "message_id=\"other-1@acme.example\" and case" --format=ids >none &&
	test ! -s none &&
	farley ls interactions --where "message_id=\"other-1@acme.example\"" --format=ids | grep . &&
	test_clean
'

test_expect_success 'import csv and export csv handle cases' '
	cd crm &&
	printf "Subject,Priority,Status,Company,Opened\nLogin broken,High,Open,Acme GmbH,2026-03-04T08:00Z\n" >../cases.csv &&
	farley import csv ../cases.csv --kind case >/dev/null 2>&1 &&
	id=$(farley ls cases --format=ids | grep login-broken) && test -n "$id" &&
	farley export csv cases --where "priority=high and status=open and company=acme-gmbh" >out.csv &&
	grep "^$id,Login broken,open,high,,acme-gmbh,,2026-03-04T08:00Z," out.csv && test_clean
'

test_expect_success 'init adds the new kinds to an older .gitattributes' '
	cd crm && grep -v "^cases/" .gitattributes >a && mv a .gitattributes &&
	git commit -qam "old attributes" && farley init >/dev/null &&
	grep "^cases/\*\* merge=farley$" .gitattributes && test_clean
'

test_done
