#!/bin/sh
# farley search: full text, case- and accent-insensitive, ranked.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: generated records plus a few to find' '
	$PYTHON "$SRC_DIR/bench/gen.py" crm --scale 0.01 --seed 3 >/dev/null &&
	cd crm &&
	farley add company "Müller Bäckerei GmbH" >/dev/null &&
	farley add company "บริษัท ไทยพัฒนา จำกัด" >/dev/null &&
	farley add company "北京科技有限公司" >/dev/null &&
	farley add company "Zebra Logistics" >/dev/null &&
	c=$(farley ls contacts --limit 1 --format=ids) &&
	farley log $c -m "Quarterly review" --body "They compared us with zebra-striped competitors" >/dev/null &&
	farley log $c -m "Odd request" --body "They asked about a xylophone for the lobby" >/dev/null &&
	farley add deal "Acme renewal 2027" stage=proposal >/dev/null &&
	farley add deal "Renewing the support contract" stage=lead >/dev/null
'

test_expect_success 'a word that appears once among thousands of interactions' '
	cd crm && farley search xylophone --format=ids >got &&
	test $(wc -l <got) = 1 && grep -- "-odd-request\|note" got &&
	farley show $(cat got) --format=json | grep "xylophone"
'

test_expect_success 'gross finds Groß, strasse Straße, aero Ærø, lodz Łódź, and the other way round' '
	cd crm &&
	farley add company "Großhandel Ærø" >/dev/null &&
	farley add contact "Anna Łódź" notes="Lange Straße 5" >/dev/null &&
	farley search grosshandel --format=ids | grep -x grosshandel-aero &&
	farley search aero --format=ids | grep -x grosshandel-aero &&
	farley search strasse --format=ids | grep -x anna-lodz &&
	farley search lodz --format=ids | grep -x anna-lodz &&
	farley search Großhandel --format=ids | grep -x grosshandel-aero
'

test_expect_success 'muller finds Müller (accents and case ignored)' '
	cd crm && farley search muller --format=ids | head -1 >got &&
	echo muller-backerei-gmbh >expect && test_cmp expect got &&
	farley search MÜLLER --format=ids | grep -x muller-backerei-gmbh
'

test_expect_success 'Thai and Chinese names are found by a word of them' '
	cd crm &&
	farley search ไทยพัฒนา --format=json >thai &&
	grep "\"name\": \"บริษัท ไทยพัฒนา จำกัด\"" thai &&
	farley search 科技 --format=json >zh &&
	grep "\"name\": \"北京科技有限公司\"" zh &&
	farley search 北京 --kind company --format=ids | grep -x "c-[0-9a-f]*"
'

test_expect_success 'a match in a name ranks above a match in a body' '
	cd crm && farley search zebra --format=ids >got &&
	test $(wc -l <got) -ge 2 && head -1 got | grep -x zebra-logistics
'

test_expect_success 'prefix search with renew*' '
	cd crm && farley search "renew*" --kind deal --limit 0 --format=ids >got &&
	grep -x acme-renewal-2027 got && grep -x renewing-the-support-contract got
'

test_expect_success 'a "quoted phrase" must appear as such' '
	cd crm &&
	farley search "\"quarterly review\"" --format=ids >got && test -s got &&
	farley search "\"review quarterly\"" --format=ids >got && test ! -s got
'

test_expect_success 'json carries id, kind, score and snippet, best first' '
	cd crm && farley search zebra --format=json >j &&
	$PYTHON -c "
import json; d = json.load(open(\"j\"))
assert d[0][\"id\"] == \"zebra-logistics\" and d[0][\"kind\"] == \"company\"
assert \"Zebra\" in d[0][\"snippet\"] and \"\\x01\" not in d[0][\"snippet\"]
s = [x[\"score\"] for x in d]; assert s == sorted(s, reverse=True), s"
'

test_expect_success 'on a terminal matches are highlighted' '
	cd crm && script -qc "farley search zebra --color=always --format=table" /dev/null >out &&
	grep -q "$(printf "\033")\[1;31mZebra" out
'

test_expect_success 'characters that mean something to FTS5 are just text' '
	cd crm && farley search "AND OR NOT ( ) : ^ - *" --format=ids >out; test $? = 0 &&
	farley search "\"" --format=ids; test $? -le 2
'

test_expect_success '--limit and --kind' '
	cd crm && farley search "call*" --limit 3 --format=ids >got && test $(wc -l <got) = 3 &&
	farley search "call*" --kind interaction --limit 0 --format=json |
		$PYTHON -c "import json,sys; d=json.load(sys.stdin); assert d and all(x[\"kind\"]==\"interaction\" for x in d)" &&
	test_expect_code 2 farley search x --kind planet &&
	test_expect_code 2 farley search
'

test_done
