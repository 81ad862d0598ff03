#!/bin/sh
# farley pipeline and forecast, exact to the cent, checked against figures
# computed independently with Python's decimal module (pipeline_expect.py).
. "$(dirname "$0")/lib.sh"

FARLEY_TODAY=2026-11-15
export FARLEY_TODAY
EXPECT="$SRC_DIR/tests/pipeline_expect.py"

test_expect_success 'setup: deals in several stages, currencies and months' '
	new_crm &&
	farley add deal "Cent A" stage=lead value=0.10 close=2026-11-20 >/dev/null &&
	farley add deal "Cent B" stage=lead value=0.20 close=2026-11-21 >/dev/null &&
	farley add deal "Odd cents" stage=qualified value=0.05 probability=0.5 close=2026-12-01 >/dev/null &&
	farley add deal "Big" stage=proposal value=12000.50 close=2027-01-15 owner=bob >/dev/null &&
	farley add deal "Override" stage=proposal value=999.99 probability=0.333333 close=2026-12-31 >/dev/null &&
	farley add deal "Late" stage=negotiation value=5000 close=2026-10-01 >/dev/null &&
	farley add deal "No date" stage=negotiation value=100.01 >/dev/null &&
	farley add deal "Won Nov" stage=won value=2500.25 close=2026-11-03 >/dev/null &&
	farley add deal "Won Dec" stage=won value=100 close=2026-12-24 >/dev/null &&
	farley add deal "Lost" stage=lost value=7777.77 close=2026-11-10 >/dev/null &&
	farley add deal "Dollars" stage=proposal value=1000.01 currency=USD probability=0.7 close=2026-11-30 >/dev/null &&
	farley add deal "More dollars" stage=lead value=0.01 currency=USD close=2027-02-01 >/dev/null &&
	farley add deal "Far future" stage=lead value=3 close=2027-09-01 >/dev/null
'

test_expect_success 'pipeline --format=json matches to the cent, per currency' '
	cd crm && farley pipeline --format=json >p.json &&
	$PYTHON "$EXPECT" pipeline p.json $FARLEY_TODAY
'

test_expect_success '0.10 + 0.20 + 3 is 3.3 exactly, never 3.3000000000000003' '
	cd crm && farley pipeline --format=json >p.json &&
	grep -A3 "\"stage\": \"lead\"" p.json | grep "\"value\": 3.3," &&
	! grep "0000000" p.json
'

test_expect_success 'every configured open stage is listed, in order, even when empty' '
	cd crm && farley pipeline --format=json | $PYTHON -c "
import json, sys; d = json.load(sys.stdin)
usd = d[\"other_currencies\"][0]
assert [s[\"stage\"] for s in usd[\"stages\"]] == [\"lead\", \"qualified\", \"proposal\", \"negotiation\"]
assert usd[\"stages\"][1][\"count\"] == 0"
'

test_expect_success '--owner restricts the pipeline' '
	cd crm && farley pipeline --owner bob --format=json >p.json &&
	$PYTHON "$EXPECT" pipeline-bob p.json $FARLEY_TODAY
'

test_expect_success 'forecast --by month matches, won and overdue included' '
	cd crm && farley forecast --by month --format=json >f.json &&
	$PYTHON "$EXPECT" forecast f.json $FARLEY_TODAY &&
	grep "\"period\": \"2026-11\"" f.json && grep "\"overdue\"" f.json
'

test_expect_success 'forecast by quarter and with --from/--to' '
	cd crm && farley forecast --by quarter --format=json >q.json &&
	grep "\"period\": \"2026-Q4\"" q.json && grep "\"period\": \"2027-Q1\"" q.json &&
	farley forecast --from 2027-01 --to 2027-03 --format=json >r.json &&
	$PYTHON -c "
import json; d = json.load(open(\"r.json\"))
assert [p[\"period\"] for p in d[\"periods\"]] == [\"2027-01\", \"2027-02\", \"2027-03\"], d
assert d[\"periods\"][0][\"value\"] == 12000.5"
'

test_expect_success 'tables draw bar charts with block characters' '
	cd crm && farley pipeline --format=table >out &&
	grep "^proposal" out | grep "█" && grep "EUR 13,000.49" out &&
	farley forecast --format=table >out && grep "█" out && grep "^overdue" out
'

test_expect_success 'ndjson and csv of the reports are flat rows' '
	cd crm && farley pipeline --format=ndjson >nd && test $(wc -l <nd) = 10 &&
	farley pipeline --format=json >p.json &&
	$PYTHON -c "
import json
rows = [json.loads(l) for l in open(\"nd\")]
assert all(not isinstance(v, (dict, list)) for r in rows for v in r.values()), rows
eur = json.load(open(\"p.json\"))
assert rows[4] == dict(currency=\"EUR\", stage=\"total\", **eur[\"total\"]), rows[4]
assert rows[4][\"count\"] == 8 and rows[4][\"value\"] == 18103.85, rows[4]" &&
	farley forecast --format=csv | head -1 | grep -x "currency,by,period,count,value,weighted,won,won_count.$"
'

test_expect_success 'bad options are usage errors' '
	cd crm && test_expect_code 2 farley forecast --by week &&
	test_expect_code 2 farley forecast --from someday &&
	test_expect_code 2 farley pipeline --as-of yesterdayish &&
	test_expect_code 2 farley pipeline extra
'

test_done
