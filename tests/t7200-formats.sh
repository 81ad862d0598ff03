#!/bin/sh
# Output for people and for scripts: --no-header, --template, rates in per
# cent and headers in words in tables (machine formats keep numbers and
# keys), relative dates on a terminal only, empty answers said on a
# terminal only, colour that means something, git config defaults, one
# warning about unreadable records from every reading command, and
# 'report html' kept off a terminal (--output FILE).
. "$(dirname "$0")/lib.sh"

FARLEY_TODAY=2026-11-20
export FARLEY_TODAY
tty() { COLUMNS=${COLUMNS:-120} script -qec "$*" /dev/null | tr -d "\r"; }

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add deal "Acme renewal" company=acme-gmbh stage=proposal value=1200.50 close=2026-11-23 >/dev/null &&
	farley add deal "Acme late" company=acme-gmbh stage=lead value=10 close=2026-11-01 >/dev/null &&
	farley add deal "Acme won" company=acme-gmbh stage=won value=300 close=2026-11-10 >/dev/null &&
	farley add deal "Acme lost" company=acme-gmbh stage=lost value=100 close=2026-11-11 >/dev/null &&
	farley add task "Call Acme" due=2026-11-18 >/dev/null
'

test_expect_success '--no-header for tsv and csv' '
	cd crm &&
	farley ls deals --no-header >out && ! grep "^id" out && test $(wc -l <out) = 4 &&
	farley ls deals --format=csv --no-header >out && ! grep "^id," out &&
	test $(wc -l <out) = 4 &&
	farley --no-header pipeline --format=tsv >out && ! grep "^currency" out &&
	farley ls deals --format=csv | head -1 | grep "^id,title"
'

test_expect_success '--template: fields by name, escapes, a missing field empty' '
	cd crm &&
	farley ls deals --sort title --template="{id}\t{value}|{source}" >out &&
	printf "acme-late\t10|\nacme-lost\t100|\nacme-renewal\t1200.5|\nacme-won\t300|\n" >want &&
	test_cmp want out &&
	farley show acme-renewal --template="{title}\n{close}" >out &&
	printf "Acme renewal\n2026-11-23\n" >want && test_cmp want out &&
	farley pipeline --template="{stage}={count}" >out && grep -x "proposal=1" out
' 2>/dev/null

test_expect_success '--template: an unknown field or an open brace is a usage error' '
	cd crm &&
	test_expect_code 2 farley ls deals --template="{id} {valeu}" >out 2>err &&
	grep "unknown field .{valeu}" err && test ! -s out &&
	test_expect_code 2 farley ls deals --template="{id" 2>err &&
	test_expect_code 2 farley pipeline --template="{nope}" 2>err
'

test_expect_success 'rates in per cent and headers in words in tables; json keeps numbers and keys' '
	cd crm &&
	tty farley report winrate --color=never >out &&
	grep "^by  *group  *won  *lost  *rate  *won value" out &&
	grep "^owner  *author  *1  *1  *50 %" out &&
	farley report winrate --format=json >json &&
	grep "\"rate\": 0.500" json && grep "\"won_value\"" json &&
	tty farley report velocity --color=never >out && grep "^win rate  *50 %" out &&
	farley report velocity --format=json >out && grep "\"win_rate\": 0.500" out
'

test_expect_success 'relative dates on a terminal, ISO dates in machine formats' '
	cd crm &&
	tty farley ls deals --color=never >out &&
	grep "acme-renewal.*2026-11-23 (in 3 days)" out &&
	grep "acme-late.*2026-11-01 (2 weeks ago)" out &&
	tty farley show acme-won --color=never >out && grep "^close  *2026-11-10 (10 days ago)" out &&
	farley ls deals >out && ! grep "days\|ago" out &&
	tty farley ls deals --format=json >out && ! grep "ago" out
'

test_expect_success 'an empty answer says so on a terminal, and nothing in a pipe' '
	cd crm &&
	script -qec "farley ls deals --where \"value>100000\"" /dev/null >out 2>&1 &&
	grep "no deals match" out &&
	farley ls deals --where "value>100000" --no-header >out 2>err &&
	test ! -s out && test ! -s err &&
	farley ls deals --where "value>100000" --format=json >out 2>err &&
	test "$(cat out)" = "[]" && test ! -s err &&
	script -qec "farley search zzzzqqq" /dev/null >out && grep "nothing matches" out &&
	farley search zzzzqqq >out 2>err && test $(wc -l <out) -le 1 && test ! -s err
'

test_expect_success 'colour that means something: overdue red, won green, lost dim, stalled yellow' '
	cd crm &&
	tty farley ls deals --color=always >out &&
	grep "$(printf "\033")\[31macme-late" out &&
	grep "$(printf "\033")\[32macme-won" out &&
	grep "$(printf "\033")\[2macme-lost" out &&
	FARLEY_TODAY=2027-06-01 tty "farley ls deals --color=always --where \"close>=2026-11-23\"" >out &&
	grep "$(printf "\033")\[31macme-renewal" out &&
	farley set acme-renewal close=2027-12-01 >/dev/null &&
	FARLEY_TODAY=2027-06-01 tty farley ls deals --color=always >out &&
	grep "$(printf "\033")\[33macme-renewal" out &&
	tty farley ls tasks --color=always >out && grep "$(printf "\033")\[31mcall-acme" out &&
	NO_COLOR=1 tty farley ls deals >out && ! grep "$(printf "\033")\[3" out
'

test_expect_success 'git config farley.color is the default for --color' '
	cd crm &&
	git config farley.color never &&
	tty farley ls deals >out && ! grep "$(printf "\033")" out &&
	tty farley ls deals --color=always >out && grep "$(printf "\033")" out &&
	git config farley.color always &&
	farley ls deals --format=table >out && grep "$(printf "\033")" out &&
	git config --unset farley.color
'

test_expect_success 'git config farley.columns.KIND chooses the columns; --fields overrides' '
	cd crm &&
	git config farley.columns.deal id,value &&
	farley ls deals >out && head -1 out >h && printf "id\tvalue\n" >want && test_cmp want h &&
	tty farley ls deals --color=never >out && head -1 out | grep "^id  *value$" &&
	farley ls deals --fields id,stage | head -1 >h && printf "id\tstage\n" >want &&
	test_cmp want h &&
	farley ls companies | head -1 | grep "^id	name" &&
	git config --unset farley.columns.deal
'

test_expect_success 'every reading command warns once about unreadable records' '
	cd crm && mkdir -p deals/br && printf "title: [broken\n" >deals/br/broken.yaml &&
	farley index -q &&
	for c in "ls deals" "search acme" pipeline forecast due "report winrate" "show acme-gmbh --format=json"; do
		farley $c >/dev/null 2>err || exit 1
		test $(grep -c "could not be read.*farley check" err) = 1 ||
			{ echo "no warning from $c"; cat err; exit 1; }
	done &&
	rm -r deals/br && farley index -q && farley ls >/dev/null 2>err && test ! -s err
'

test_expect_success 'report html: a terminal gets a usage error, -o FILE the page' '
	cd crm &&
	script -qec "farley report html" /dev/null >out; grep "give --output FILE" out &&
	! grep "<html" out &&
	script -qec "farley report html --output page.html" /dev/null >out &&
	grep "<html" page.html && ! grep "<html" out &&
	farley report html >piped.html && grep "<html" piped.html &&
	test_expect_code 2 farley report winrate --output x.html && test ! -e x.html &&
	rm page.html piped.html && test_clean
'

test_done
