#!/bin/sh
# farley report html: one self-contained page with inline SVG charts, and
# the other analytics.
. "$(dirname "$0")/lib.sh"

FARLEY_TODAY=2026-11-24
export FARLEY_TODAY

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add deal "Open one" stage=proposal value=1000 close=2026-12-10 company=acme-gmbh >/dev/null &&
	farley add deal "Won one" stage=won value=500 close=2026-10-10 company=acme-gmbh source=fair created=2026-09-10 >/dev/null &&
	farley add deal "Lost one" stage=lost value=700 close=2026-10-20 source=fair >/dev/null &&
	farley add contact "Jane <script>alert(1)</script>" company=acme-gmbh >/dev/null &&
	farley log acme-gmbh --channel call --date 2026-11-20 -m "Call" >/dev/null
'

test_expect_success 'the page holds its charts as inline SVG and nothing from outside' '
	cd crm && farley report html >r.html &&
	grep -q "<svg id=\"pipeline\"" r.html && grep -q "<svg id=\"forecast\"" r.html &&
	grep -q "<svg id=\"winrate\"" r.html && grep -q "<svg id=\"activity\"" r.html &&
	test $(grep -c "<rect" r.html) -ge 4 &&
	! grep -qi "<script" r.html && ! grep -qi "<link" r.html &&
	! grep -Eqi "(src|href)=|url\(" r.html &&
	! grep -o "https\?://[^\" ]*" r.html | grep -v "^http://www.w3.org/2000/svg$"
'

# Debian's chromium, installed when missing (as root), renders the page.
have_chromium() {
	command -v chromium >/dev/null && return 0
	[ "$(id -u)" = 0 ] || return 1
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null 2>&1 &&
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1; }
	command -v chromium >/dev/null
}

test_expect_success 'headless Chromium opens it without console errors and shows the charts' '
	cd crm && farley report html >r.html &&
	if ! have_chromium; then echo "chromium could not be installed" >&2; exit 1; fi &&
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--enable-logging=stderr --v=0 --dump-dom "file://$PWD/r.html" >dom 2>log &&
	grep -q "<svg id=\"pipeline\"" dom && grep -q "<rect" dom &&
	! grep -E "Uncaught|CONSOLE.*(rror|ERROR)" log &&
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--window-size=1000,1400 --screenshot="$PWD/shot.png" "file://$PWD/r.html" >/dev/null 2>&1 &&
	test -s shot.png && test $(stat -c %s shot.png) -gt 10000
'

test_expect_success 'winrate by period, owner and source' '
	cd crm && farley report winrate --format=json >w.json &&
	$PYTHON -c "
import json; w = json.load(open(\"w.json\"))
s = [x for x in w if x[\"by\"] == \"source\" and x[\"group\"] == \"fair\"][0]
assert s[\"won\"] == 1 and s[\"lost\"] == 1 and s[\"rate\"] == 0.5, s
assert s[\"value_rate\"] == 0.417, s"
'

test_expect_success 'velocity shows each factor' '
	cd crm && farley report velocity --format=json >v.json &&
	$PYTHON -c "
import json; v = json.load(open(\"v.json\"))
assert v[\"open_deals\"] == 1 and v[\"average_won_value\"] == 500 and v[\"win_rate\"] == 0.5
assert v[\"average_cycle_days\"] == 30 and abs(v[\"velocity_per_day\"] - 1000 * 0 + 0) >= 0
assert v[\"velocity_per_day\"] == 8.33, v"
'

test_expect_success 'stalled, activity, rfm, dormant and accuracy answer' '
	cd crm &&
	FARLEY_TODAY=2027-06-01 farley report stalled --format=ids | grep -x open-one &&
	farley report stalled --format=ids >s && test ! -s s &&
	farley report activity --format=json | grep "\"channel\": \"call\"" &&
	farley report rfm --format=json | grep "\"segment\"" &&
	FARLEY_TODAY=2027-06-01 farley report dormant --format=ids | grep -x acme-gmbh &&
	farley report dormant --format=ids >d && test ! -s d &&
	farley report accuracy --format=json | grep "\"period\""
'

test_expect_success 'an unknown report is a usage error' '
	cd crm && test_expect_code 2 farley report nonsense 2>err && grep "unknown report" err
'

test_expect_success 'report --help and the unknown-name error list the same reports' '
	cd crm && farley report --help >help &&
	sed -n "/^reports:/,\$p" help | sed 1d | awk "{print \$1}" >names &&
	test $(wc -l <names) -ge 10 && grep -x winrate names && grep -x html names &&
	test_expect_code 2 farley report nonsense 2>err &&
	sed -n "s/.*unknown report .nonsense. (\(.*\))/\1/p" err | tr -d " " | tr , "\n" >listed &&
	test_cmp names listed &&
	grep "^    winrate  *won / (won + lost)" help
'

test_done
