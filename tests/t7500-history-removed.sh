#!/bin/sh
# farley history of a removed record shows what git remembers of it.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a contact changed, then removed' '
	farley init crm >/dev/null && cd crm &&
	farley add contact "Jane Doe" title=CEO >/dev/null &&
	farley set jane-doe title=CTO &&
	farley rm jane-doe >/dev/null &&
	! test -e contacts/ja/jane-doe.yaml
'

test_expect_success 'history shows its changes and the removal' '
	cd crm &&
	farley history jane-doe --format=json >h.json 2>err &&
	grep "was removed" err &&
	$PYTHON -c "
import json
revs = json.load(open(\"h.json\"))
assert len(revs) == 3, revs
first = {c[\"field\"]: c[\"new\"] for c in revs[0][\"changes\"]}
assert first[\"name\"] == \"Jane Doe\", first
assert any(c[\"field\"] == \"title\" and c[\"new\"] == \"CTO\" for c in revs[1][\"changes\"]), revs[1]
assert all(c[\"new\"] is None for c in revs[2][\"changes\"]), revs[2]
" &&
	farley history jane-doe >table 2>/dev/null && grep "title: CEO -> CTO" table
'

test_expect_success 'a record git never had is still not found' '
	cd crm &&
	test_expect_code 1 farley history nobody-at-all 2>err &&
	grep "no record" err
'

test_done
