#!/bin/sh
# Guards a careful user expects: typos in fields, impossible values,
# control characters, likely duplicates, readable commit subjects.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	farley init crm >/dev/null && cd crm &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add deal "Acme renewal" company=acme-gmbh value=5200 budget_code=B7 >/dev/null
'

test_expect_success 'a field no record has is a usage error with a suggestion' '
	cd crm &&
	test_expect_code 2 farley ls deals --where "valu>1" 2>err &&
	grep "no deal has a field .valu. (did you mean value?)" err &&
	test_expect_code 2 farley ls deals "stgae=lead" 2>err &&
	grep "did you mean stage?" err &&
	test_expect_code 2 farley ls deals --where "budget_cod=B7" 2>err &&
	grep "did you mean budget_code?" err &&
	test_expect_code 2 farley ls deals --sort=-valeu 2>err &&
	grep "did you mean value?" err
'

test_expect_success 'custom fields records have, and other kinds'"'"' fields, are fine' '
	cd crm &&
	farley ls deals --where "budget_code=B7" --format=ids >got &&
	echo acme-renewal >expect && test_cmp expect got &&
	farley ls deals --where "name=x" --format=ids >got &&
	! test -s got
'

test_expect_success 'control characters and blank names are refused, nothing changes' '
	cd crm && head=$(git rev-parse HEAD) &&
	esc=$(printf "\033") && bel=$(printf "\007") &&
	test_expect_code 1 farley add contact "Evil${esc}[31mRed${bel}" 2>err &&
	grep "contains a control character (U+001B)" err &&
	test_expect_code 1 farley add contact "   " 2>err &&
	grep "is blank" err &&
	test_expect_code 1 farley set acme-gmbh "industry=a${esc}b" 2>err &&
	test_expect_code 1 farley set acme-gmbh "tags=ok,x${bel}y" 2>err &&
	test_expect_code 1 farley set acme-gmbh "address.city=   " 2>err &&
	grep "is blank" err &&
	test_expect_code 1 farley log acme-gmbh -m "hi${esc}]0;pwned${bel}" 2>err &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'single-line values have a length limit; notes keep newlines and tabs' '
	cd crm &&
	long=$($PYTHON -c "print(\"x\" * 501)") &&
	test_expect_code 1 farley add company "$long" 2>err &&
	grep "is too long (501 characters; at most 500)" err &&
	ok=$($PYTHON -c "print(\"y\" * 500)") &&
	farley add company "$ok" >/dev/null &&
	farley set acme-gmbh "notes=line one
	line	two" &&
	test_clean
'

test_expect_success 'commit subjects are one clean line of at most 72 columns' '
	cd crm &&
	farley add contact "Zoë $($PYTHON -c "print(\"Ü\" * 100)")" >/dev/null &&
	git log -1 --format=%s >subject &&
	test $(wc -l <subject) = 1 &&
	$PYTHON -c "import sys; s=open(\"subject\",encoding=\"utf-8\").read().rstrip(\"\n\"); assert len(s) == 72, len(s); assert s.endswith(\"\u2026\"), s; assert all(ord(c) >= 32 for c in s)" &&
	git log -1 --format=%B | $PYTHON -c "import sys; b=sys.stdin.read(); assert \"\x1b\" not in b"
'

test_expect_success 'the impossible is refused: negative value, bad e-mail, phone without digits' '
	cd crm && head=$(git rev-parse HEAD) &&
	test_expect_code 1 farley set acme-renewal value=-5 2>err &&
	grep "is negative" err &&
	test_expect_code 1 farley add contact "Bad Mail" emails=not-an-email 2>err &&
	grep "not-an-email. is not an e-mail address" err &&
	test_expect_code 1 farley add contact "Bad Phone" phones=abc 2>err &&
	grep "abc. is not a phone number" err &&
	test_expect_code 1 farley set acme-gmbh "phones+=12" 2>err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	farley add contact "Good One" emails=good@example.com "phones=+49 30 1234-56 ext. 7" >/dev/null &&
	test_clean
'

test_expect_success 'an old odd value does not block an unrelated change' '
	cd crm &&
	printf "name: Old Co\nphones:\n  - \"call reception\"\n" >companies/ol/old-co.yaml 2>/dev/null ||
	{ mkdir -p companies/ol && printf "name: Old Co\nphones:\n  - \"call reception\"\n" >companies/ol/old-co.yaml; } &&
	git add companies && git commit -qm "old data" &&
	farley set old-co industry=retail &&
	grep "^industry: retail" companies/ol/old-co.yaml
'

test_expect_success 'a 29-digit amount is too large, not a matter of decimals' '
	cd crm &&
	test_expect_code 1 farley set acme-renewal value=12345678901234567890123456789 2>err &&
	grep "is too large" err && ! grep "decimals" err
'

test_expect_success 'list changes read naturally in the commit subject' '
	cd crm &&
	farley set good-one "phones+=+49 30 999" &&
	git log -1 --format=%s >msg &&
	echo "contact good-one: add +49 30 999 to phones" >expect && test_cmp expect msg &&
	farley set good-one "phones-=+49 30 999" &&
	git log -1 --format=%s >msg &&
	echo "contact good-one: remove +49 30 999 from phones" >expect && test_cmp expect msg
'

test_expect_success 'a deal moved to won or lost closes today unless close is given' '
	cd crm &&
	farley add deal "Future win" close=2027-03-31 >/dev/null &&
	FARLEY_TODAY=2026-11-24 farley set future-win stage=won &&
	grep "^close: 2026-11-24$" deals/fu/future-win.yaml &&
	git log -1 --format=%s >msg &&
	echo "deal future-win: stage lead -> won, close 2027-03-31 -> 2026-11-24" >expect &&
	test_cmp expect msg &&
	FARLEY_TODAY=2026-11-30 farley set future-win stage=won 2>err &&
	grep "^close: 2026-11-24$" deals/fu/future-win.yaml &&
	farley add deal "Given close" close=2027-03-31 >/dev/null &&
	FARLEY_TODAY=2026-11-24 farley set given-close stage=lost close=2026-11-02 &&
	grep "^close: 2026-11-02$" deals/gi/given-close.yaml &&
	FARLEY_TODAY=2026-11-24 farley add deal "Born lost" stage=lost >/dev/null &&
	grep "^close: 2026-11-24$" deals/bo/born-lost.yaml &&
	farley add deal "Still open" stage=proposal close=2027-01-01 >/dev/null &&
	grep "^close: 2027-01-01$" deals/st/still-open.yaml &&
	test_clean
'

test_expect_success 'adding a contact whose e-mail or name is known warns, pointing at dupes' '
	cd crm &&
	farley add contact "Jane Doe" emails=jane@acme.example >/dev/null 2>err &&
	! grep warning err &&
	farley add contact "Doe, Jane" >id 2>err &&
	grep "warning: .doe-jane. may be a duplicate of jane-doe (same name); see .farley dupes." err &&
	farley add contact "J. Doe" emails=JANE@acme.example >id 2>err &&
	grep "may be a duplicate of jane-doe (same e-mail jane@acme.example)" err &&
	test -f contacts/*/"$(cat id)".yaml && test_clean
'

test_done
