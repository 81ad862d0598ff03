#!/bin/sh
# What a day of use found in the reports (issue 10): the forecast keeps
# deals beyond its window; the HTML page shows every currency, the overdue
# row, labels won bars, keeps quiet weeks and counts "1 interaction";
# pipeline's json has one shape; ls deals in csv says the currency; report
# stages ends cleanly and velocity reads as words; completion offers the
# stages and channels farley.yaml configures.
. "$(dirname "$0")/lib.sh"

FARLEY_TODAY=2026-11-24
export FARLEY_TODAY

test_expect_success 'setup: deals in and beyond the forecast window, two currencies' '
	new_crm &&
	farley add contact "Jane Doe" >/dev/null &&
	farley add deal "Soon" stage=proposal value=1000 close=2026-12-15 >/dev/null &&
	farley add deal "Late" stage=proposal value=400 close=2026-10-01 >/dev/null &&
	farley add deal "Far" stage=lead value=5000 close=2028-01-01 >/dev/null &&
	farley add deal "Undated" stage=lead value=10 >/dev/null &&
	farley add deal "Won Nov" stage=won value=300 close=2026-11-10 >/dev/null &&
	farley add deal "Yankee" stage=proposal value=700 currency=USD close=2026-12-20 >/dev/null &&
	farley log jane-doe -m "Call" --date 2026-11-02 >/dev/null
'

test_expect_success 'forecast: a deal beyond the window is in "later", and the total holds every open deal' '
	cd crm && farley forecast --format=json >f.json &&
	$PYTHON - <<-\EOF
	import json
	f = json.load(open("f.json"))
	assert f["currency"] == "EUR" and f["periods"][-1]["period"] == "2027-04", f
	assert f["later"] == {"count": 1, "value": 5000, "weighted": 500}, f["later"]
	assert f["overdue"]["count"] == 1 and f["undated"]["count"] == 1, f
	assert f["total"] == {"count": 4, "value": 6410, "weighted": 1201}, f["total"]
	usd = f["other_currencies"]
	assert [u["currency"] for u in usd] == ["USD"] and usd[0]["total"]["count"] == 1, usd
	EOF
	COLUMNS=80 script -qec "farley forecast --color=never" /dev/null | tr -d "\r" >out &&
	grep "^later  *1  *EUR 5,000.00  *EUR 500.00 " out &&
	grep "^total  *4  *EUR 6,410.00  *EUR 1,201.00 *$" out &&
	grep "^Forecast (USD)" out
'

test_expect_success 'pipeline --format=json is one object whatever the currencies' '
	cd crm && farley pipeline --format=json >two.json &&
	rm -rf ../one && farley init ../one >/dev/null &&
	(cd ../one && farley add deal "Only" stage=lead value=5 >/dev/null &&
	 farley pipeline --format=json) >one.json &&
	$PYTHON - <<-\EOF
	import json
	one, two = json.load(open("one.json")), json.load(open("two.json"))
	assert isinstance(one, dict) and one["other_currencies"] == [], one
	assert isinstance(two, dict) and two["currency"] == "EUR", two
	assert [o["currency"] for o in two["other_currencies"]] == ["USD"], two
	assert sorted(one) == sorted(two), (sorted(one), sorted(two))
	EOF
'

test_expect_success 'ls deals in csv and tsv has a currency column after the value' '
	cd crm && farley ls deals --sort value --format=csv | tr -d "\r" >out &&
	head -1 out | grep -x "id,title,stage,value,currency,close,company,owner" &&
	grep "^undated,Undated,lead,10,EUR," out && grep "^yankee,Yankee,proposal,700,USD," out &&
	farley ls deals --format=tsv >out &&
	printf "id\ttitle\tstage\tvalue\tcurrency\tclose\tcompany\towner\n" >want &&
	head -1 out >got && test_cmp want got &&
	grep "^yankee	Yankee	proposal	700	USD	" out &&
	farley ls deals --fields id,value --format=tsv >out &&
	printf "id\tvalue\n" >want && head -1 out >got && test_cmp want got &&
	farley ls deals --format=json | grep -c "\"currency\"" >n && echo 1 >want && test_cmp want n
'

test_expect_success 'the HTML page: every currency, the overdue and later rows, won labelled, quiet weeks, one interaction' '
	cd crm && farley report html >r.html &&
	grep -c "<svg id=\"pipeline\"" r.html && grep "<svg id=\"pipeline-usd\"" r.html &&
	grep "<svg id=\"forecast-usd\"" r.html && grep -c "USD 350.00" r.html &&
	sed -n "/<svg id=\"forecast\"/,/<\/svg>/p" r.html >fc &&
	grep ">overdue</text>" fc && grep ">later</text>" fc && grep ">no close date</text>" fc &&
	grep ">EUR 300.00 won</text>" fc &&
	sed -n "/2026-11<\/text>/,/class=\"value\"/p" fc | grep "EUR 300.00 won" &&
	sed -n "/<svg id=\"activity\"/,/<\/svg>/p" r.html >act &&
	test $(grep -c "class=\"label\"" act) = 13 &&
	grep ">1 interaction</text>" act && ! grep ">1 interactions<" act &&
	grep -c ">0 interactions</text>" act
'

test_expect_success 'report stages ends without an empty heading; velocity reads as words' '
	cd crm && COLUMNS=80 script -qec "farley report stages --color=never" /dev/null | tr -d "\r" >out &&
	! grep -x "backwards" out && test -n "$(tail -1 out)" &&
	COLUMNS=80 script -qec "farley report velocity --color=never" /dev/null | tr -d "\r" >out &&
	grep "^win rate  *100 %$" out && grep "^average won value  *EUR 300.00$" out &&
	grep "^velocity  *EUR [0-9.]* a day$" out && ! grep "_" out
'

test_expect_success 'completion offers stage= and channel= values from farley.yaml, and --by values' '
	cd crm && sed -i "s/^channels: \[email/channels: [visit, email/" farley.yaml &&
	git commit -qam "a visit channel" &&
	cat >complete.bash <<-\EOF &&
	. "$1"
	compopt() { :; }
	comp() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _farley; printf "%s\n" "${COMPREPLY[@]}"; }
	echo "[stage]"; comp farley ls deals stage=ne
	echo "[split]"; comp farley set soon stage = q
	echo "[channel]"; comp farley log jane-doe --channel vi
	echo "[channel=]"; comp farley ls interactions channel=
	echo "[by]"; comp farley forecast --by q
	echo "[by=]"; comp farley forecast --by=m
	EOF
	bash complete.bash "$SRC_DIR/completions/farley.bash" >got &&
	cat >want <<-\EOF &&
	[stage]
	stage=negotiation
	[split]
	qualified
	[channel]
	visit
	[channel=]
	channel=visit
	channel=email
	channel=call
	channel=meeting
	channel=chat
	channel=social
	channel=letter
	channel=note
	[by]
	quarter
	[by=]
	month
	EOF
	test_cmp want got &&
	farley --list-values=stage >got && printf "lead\nqualified\nproposal\nnegotiation\nwon\nlost\n" >want &&
	test_cmp want got && test_expect_code 2 farley --list-values=nonsense
'

test_expect_success 'the README says what rm --force does' '
	grep "farley rm old-lead .*if referenced, only --force" "$SRC_DIR/README.md" &&
	cd crm && farley add company "Ref Co" >/dev/null &&
	farley add contact "Ann Ref" company=ref-co >/dev/null &&
	test_expect_code 1 farley rm ref-co 2>err && grep "referenced" err &&
	farley rm --force ref-co 2>/dev/null && test ! -e companies/re/ref-co.yaml
'

test_done
