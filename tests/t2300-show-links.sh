#!/bin/sh
# farley show brings what is linked to a record.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add contact "Jane Doe" company=acme-gmbh >/dev/null &&
	farley add contact "John Roe" company=acme-gmbh >/dev/null &&
	farley add deal "Acme renewal" company=acme-gmbh contacts=jane-doe value=100 >/dev/null &&
	farley add task "Send quote" deal=acme-renewal contact=jane-doe company=acme-gmbh >/dev/null &&
	farley add task "Old task" company=acme-gmbh status=done >/dev/null &&
	farley log jane-doe acme-renewal --date 2026-01-10 -m "First call" >/dev/null &&
	farley log jane-doe --date 2026-03-01T09:00+01:00 -m "Second call" >/dev/null &&
	farley log john-roe --date 2026-02-01 -m "Other call" >/dev/null
'

test_expect_success 'a company: contacts, deals, open tasks, timeline newest first' '
	cd crm && farley show acme-gmbh --format=json >j &&
	$PYTHON -c "
import json; d = json.load(open(\"j\")); l = d[\"linked\"]
assert [c[\"id\"] for c in l[\"contacts\"]] == [\"jane-doe\", \"john-roe\"], l[\"contacts\"]
assert [x[\"id\"] for x in l[\"deals\"]] == [\"acme-renewal\"]
assert [t[\"title\"] for t in l[\"tasks\"]] == [\"Send quote\"], l[\"tasks\"]
assert [i[\"summary\"] for i in l[\"timeline\"]] == [\"Second call\", \"Other call\", \"First call\"], l[\"timeline\"]
"
'

test_expect_success 'a contact: deals, open tasks, timeline' '
	cd crm && farley show jane-doe --format=json >j &&
	$PYTHON -c "
import json; d = json.load(open(\"j\")); l = d[\"linked\"]
assert [x[\"id\"] for x in l[\"deals\"]] == [\"acme-renewal\"]
assert [t[\"title\"] for t in l[\"tasks\"]] == [\"Send quote\"]
assert [i[\"summary\"] for i in l[\"timeline\"]] == [\"Second call\", \"First call\"]
"
'

test_expect_success 'a deal: company, contacts, tasks, timeline' '
	cd crm && farley show acme-renewal --format=json >j &&
	$PYTHON -c "
import json; d = json.load(open(\"j\")); l = d[\"linked\"]
assert l[\"company\"][0][\"name\"] == \"Acme GmbH\"
assert [c[\"id\"] for c in l[\"contacts\"]] == [\"jane-doe\"]
assert [i[\"summary\"] for i in l[\"timeline\"]] == [\"First call\"]
"
'

test_expect_success 'on a terminal the sections follow the record' '
	cd crm && farley show acme-gmbh --format=table >out &&
	grep "^contacts (2)$" out && grep "^deals (1)$" out &&
	grep "^open tasks (1)$" out && grep "^timeline (3)$" out
'

test_expect_success 'tsv shows the record alone' '
	cd crm && farley show acme-gmbh --format=tsv >out && test $(wc -l <out) = 2
'

test_done
