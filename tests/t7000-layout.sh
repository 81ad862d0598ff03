#!/bin/sh
# Tables on a terminal (through script(1)) never cut an id, an amount or a
# date: free text shrinks, low-value columns give way, bars are scaled to
# the room left, and no line is wider than the terminal when it can fit.
. "$(dirname "$0")/lib.sh"

FARLEY_TODAY=2026-11-20
export FARLEY_TODAY

# fits FILE WIDTH VALUE...: every VALUE appears whole in FILE (escapes and
# CRs removed), and with WIDTH > 0 no line is wider than WIDTH.
cat >fits.py <<'PY'
import re, sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]", "", text).replace("\r", "")
width = int(sys.argv[2])
bad = 0
for v in sys.argv[3:]:
    if v not in text:
        print("not whole: %r" % v); bad = 1
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for line in text.split("\n"):
    if width and cols(line) > width:
        print("wider than %d (%d): %r" % (width, cols(line), line)); bad = 1
if "\u2588\u2026" in text or "\u2589\u2026" in text:
    print("a bar is cut"); bad = 1
sys.exit(bad)
PY

LONGDEAL=internationale-handelsgesellschaft-rahmenvertrag
LONGCO=internationale-handelsgesellschaft-fur-maschinen

test_expect_success 'setup: long ids, long names, large amounts' '
	new_crm &&
	farley add company "Internationale Handelsgesellschaft für Maschinenbau und Anlagentechnik" industry="Maschinen- und Anlagenbau für die Lebensmittelindustrie" >/dev/null &&
	farley add deal "Internationale Handelsgesellschaft Rahmenvertrag Erneuerung 2027" company=$LONGCO stage=proposal value=1234567.89 close=2026-12-15 >/dev/null &&
	farley add deal "Small thing" company=$LONGCO stage=lead value=5 close=2026-12-01 >/dev/null &&
	farley add deal "Second very large framework agreement for all plants" stage=negotiation value=98765432.10 close=2027-01-31 >/dev/null &&
	farley add task "Call back about the very long renewal negotiation and its many open points" due=2026-11-25 deal=$LONGDEAL >task &&
	farley ls deals --format=ids >ids.txt && test $(wc -l <ids.txt) = 3
'

for w in 60 80 140; do
	test_expect_success "ls, show, pipeline, forecast, due at $w columns keep ids, amounts and dates whole" '
		cd crm &&
		COLUMNS='$w' script -qec "farley ls deals" /dev/null >ls.out &&
		limit=$([ '$w' -ge 80 ] && echo '$w' || echo 0) &&
		$PYTHON ../fits.py ls.out $limit $LONGDEAL small-thing second-very-large-framework-agreement-for-all-pl \
			"EUR 1,234,567.89" "EUR 5.00" "EUR 98,765,432.10" 2026-12-15 2026-12-01 2027-01-31 &&
		COLUMNS='$w' script -qec "farley ls tasks" /dev/null >tasks.out &&
		$PYTHON ../fits.py tasks.out $limit $(cat task) 2026-11-25 &&
		COLUMNS='$w' script -qec "farley show $LONGCO" /dev/null >show.out &&
		$PYTHON ../fits.py show.out $limit $LONGCO $LONGDEAL "EUR 1,234,567.89" 2026-12-15 &&
		COLUMNS='$w' script -qec "farley pipeline" /dev/null >pipe.out &&
		$PYTHON ../fits.py pipe.out '$w' "EUR 1,234,567.89" "EUR 98,765,432.10" "EUR 100,000,004.99" &&
		COLUMNS='$w' script -qec "farley forecast" /dev/null >fc.out &&
		$PYTHON ../fits.py fc.out '$w' "EUR 1,234,572.89" "EUR 98,765,432.10" 2026-12 2027-01 &&
		COLUMNS='$w' script -qec "farley due" /dev/null >due.out &&
		$PYTHON ../fits.py due.out $limit $(cat task) 2026-11-25
	'
done

test_expect_success 'at 80 columns free text shrinks and low-value columns go before anything is cut' '
	cd crm &&
	COLUMNS=80 script -qec "farley ls deals --color=never" /dev/null | tr -d "\r" >out &&
	head -1 out >header &&
	grep "^id  *value  *close$" header &&
	COLUMNS=140 script -qec "farley ls deals --color=never" /dev/null | tr -d "\r" >wide &&
	head -1 wide | grep "^id  *title  *stage  *value  *close" &&
	grep "Internationale Handelsgesellschaft" wide
'

test_expect_success 'bars keep their proportions in the room left, and are never cut' '
	cd crm &&
	for w in 72 100 140; do
		COLUMNS=$w script -qec "farley pipeline --color=never" /dev/null | tr -d "\r" >out &&
		! grep "…" out &&
		$PYTHON - $w out <<-\PY || exit 1
		import sys
		rows = {}
		for line in open(sys.argv[2], encoding="utf-8"):
		    parts = line.split()
		    if parts and parts[0] in ("lead", "proposal", "negotiation"):
		        bar = line.rstrip("\n").split("  ")[-1]
		        n = sum(1 for c in bar if c == "\u2588")
		        rows[parts[0]] = n
		w = int(sys.argv[1])
		big, mid = rows["negotiation"], rows["proposal"]
		assert big >= 4 and big <= 30, rows
		# 98,765,432.10 * 0.6 against 1,234,567.89 * 0.5: about 96 to 1
		assert mid <= 1, rows
		PY
		:
	done &&
	COLUMNS=72 script -qec "farley pipeline --color=never" /dev/null | tr -d "\r" >narrow &&
	COLUMNS=140 script -qec "farley pipeline --color=never" /dev/null | tr -d "\r" >wide &&
	n72=$(grep "^negotiation" narrow | tr -cd "\342\226\210" | wc -c) &&
	n140=$(grep "^negotiation" wide | tr -cd "\342\226\210" | wc -c) &&
	test $n72 -lt $n140
'

test_expect_success 'in a pipe the machine formats keep everything, whatever COLUMNS says' '
	cd crm &&
	COLUMNS=20 farley ls deals >out &&
	grep "Internationale Handelsgesellschaft Rahmenvertrag Erneuerung 2027" out &&
	grep "1234567.89" out && head -1 out | grep "company	owner$"
'

test_done
