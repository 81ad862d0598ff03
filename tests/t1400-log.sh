#!/bin/sh
# farley log records interactions.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add contact "Jane Doe" company=acme-gmbh >/dev/null &&
	farley add contact "John Roe" >/dev/null &&
	farley add deal "Acme renewal" company=acme-gmbh >/dev/null
'

test_expect_success 'a dated call goes under interactions/YYYY/MM with a dated id' '
	cd crm &&
	farley log jane-doe --channel call --date 2026-03-05T14:30+01:00 -m "Kick-off" >id &&
	grep -E "^20260305-1430-jane-doe-call-[0-9a-f]{4}$" id &&
	f="interactions/2026/03/$(cat id).yaml" &&
	cat >expect <<-\EOF &&
	date: 2026-03-05T14:30+01:00
	channel: call
	summary: Kick-off
	contacts:
	  - jane-doe
	company: acme-gmbh
	owner: author
	EOF
	test_cmp expect "$f" && test_clean
'

test_expect_success 'refs go to the right fields; the deal brings its company' '
	cd crm &&
	farley log john-roe acme-ren --date 2026-04-01 -m "Pricing" >id &&
	f="interactions/2026/04/$(cat id).yaml" &&
	grep "^channel: note$" "$f" && grep "^  - john-roe$" "$f" &&
	grep "^deal: acme-renewal$" "$f" && grep "^company: acme-gmbh$" "$f" &&
	grep -E "^20260401-john-roe-note-[0-9a-f]{4}$" id
'

test_expect_success 'the body comes from --body or standard input' '
	cd crm &&
	printf "line one\nline two\n" | farley log jane-doe -m "Email" --channel email \
		--date 2026-04-02 --body - --direction in >id &&
	farley show $(cat id) --format=json >j &&
	grep "\"body\": \"line one\\\\nline two\\\\n\"" j &&
	grep "\"direction\": \"in\"" j
'

test_expect_success 'the same log twice gets two ids' '
	cd crm &&
	farley log jane-doe -m "Same" --date 2026-05-01 >a &&
	farley log jane-doe -m "Same" --date 2026-05-01 >b &&
	! test_cmp a b
'

test_expect_success 'without refs the summary names the id' '
	cd crm && farley log -m "Trade fair in Köln" --date 2026-06-01 >id &&
	grep -E "^20260601-trade-fair-in-koln-note-[0-9a-f]{4}$" id
'

test_expect_success 'bad input: no summary, bad channel, bad date, task ref' '
	cd crm && head=$(git rev-parse HEAD) &&
	test_expect_code 2 farley log jane-doe 2>err && grep "summary" err &&
	test_expect_code 1 farley log jane-doe -m x --channel pigeon 2>err &&
	grep "not a channel" err && grep "one of: email, call" err &&
	test_expect_code 1 farley log jane-doe -m x --date someday 2>err && grep "not a date" err &&
	test_expect_code 1 farley log nobody -m x 2>err && grep "no record" err &&
	test_expect_code 1 farley log acme-gmbh john-roe acme-renewal nobody -m x &&
	test_expect_code 1 farley log jane-doe -m x --direction sideways &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'without -m the editor opens on a template naming the links' '
	cd crm &&
	cat >../ed <<-\EOF &&
	#!/bin/sh
	cp "$1" "$HOME/template"
	{ printf "Sent the quote\n\nPrices for 2027 attached.\n"; cat "$HOME/template"; } >"$1"
	EOF
	chmod +x ../ed &&
	EDITOR=$PWD/../ed farley log jane-doe --deal acme-renewal --channel email </dev/null >id &&
	grep "^# Channel email, date .*\. Linked to:" ../template &&
	grep "^#   contact jane-doe (Jane Doe)$" ../template &&
	grep "^#   deal acme-renewal (Acme renewal)$" ../template &&
	f=$(ls interactions/*/*/"$(cat id)".yaml) &&
	grep "^summary: Sent the quote$" $f &&
	grep "Prices for 2027 attached." $f && ! grep "#" $f &&
	git log -1 --format=%s | grep "log email with jane-doe: Sent the quote" &&
	test_clean
'

test_expect_success 'an empty message records nothing' '
	cd crm && head=$(git rev-parse HEAD) &&
	test_expect_code 1 env EDITOR=true farley log jane-doe </dev/null 2>err &&
	grep "empty message; nothing recorded" err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'a leap second is kept as written, and the record reads back' '
	cd crm && farley log jane-doe --date 2026-12-31T23:59:60Z -m "Leap" >id &&
	grep "^date: 2026-12-31T23:59:60Z$" "$(find interactions -name "$(cat id).yaml")" &&
	farley check && test_clean
'

test_done
