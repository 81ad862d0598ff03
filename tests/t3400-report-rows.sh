#!/bin/sh
# Reports in csv, tsv and ndjson are flat rows: one header, one row per
# item, the same figures as the JSON (report_rows.py works the rows out
# from the JSON itself), and never a whole table packed into one cell.
. "$(dirname "$0")/lib.sh"

CHECK="$SRC_DIR/tests/report_rows.py"

# at DATE AUTHOR command...: run with that author and date (10:00 UTC)
at() {
	_d=$1 _a=$2
	shift 2
	GIT_AUTHOR_DATE="${_d}T10:00:00Z" GIT_COMMITTER_DATE="${_d}T10:00:00Z" \
	GIT_AUTHOR_NAME=$_a GIT_AUTHOR_EMAIL=$_a@example.com \
	GIT_COMMITTER_NAME=$_a GIT_COMMITTER_EMAIL=$_a@example.com \
	FARLEY_TODAY=$_d "$@"
}

test_expect_success 'setup: deals in two currencies with a history, companies, interactions' '
	at 2026-01-01 alice farley init crm >/dev/null && cd crm &&
	at 2026-01-01 alice farley add company "Acme GmbH" >/dev/null &&
	at 2026-01-01 alice farley add company "Beta, \"the\" Co" >/dev/null &&
	at 2026-01-02 alice farley add deal "Deal A" stage=lead value=1000 close=2026-03-01 company=acme-gmbh owner=alice source=fair >/dev/null &&
	at 2026-01-03 bob farley add deal "Deal B" stage=lead value=2000.10 close=2026-02-01 owner=bob >/dev/null &&
	at 2026-01-04 bob farley add deal "Odd, \"quoted\" deal" stage=qualified value=0.05 probability=0.5 close=2026-12-20 owner=@ops >/dev/null &&
	at 2026-01-04 bob farley add deal "Dollars" stage=proposal value=1000.01 currency=USD probability=0.7 close=2027-01-15 >/dev/null &&
	at 2026-01-05 bob farley add deal "Undated" stage=negotiation value=300 >/dev/null &&
	at 2026-01-05 bob farley add deal "Won early" stage=won value=500 close=2026-01-05 company=beta-the-co source=web created=2025-12-01 >/dev/null &&
	at 2026-01-06 bob farley add deal "Lost one" stage=lost value=700 close=2026-01-06 source=fair >/dev/null &&
	at 2026-01-07 bob farley log acme-gmbh --channel call --date 2026-01-07 -m "Call" >/dev/null &&
	at 2026-01-11 alice farley set deal-a stage=qualified &&
	at 2026-01-21 alice farley set deal-a stage=proposal &&
	at 2026-01-25 bob farley set deal-b stage=proposal &&
	at 2026-02-01 alice farley set deal-a close=2026-04-01 &&
	at 2026-02-01 bob farley set deal-b close=2026-12-01 &&
	at 2026-02-10 alice farley set deal-a stage=won &&
	at 2026-02-20 bob farley set deal-b stage=qualified &&
	at 2026-02-21 bob farley log acme-gmbh --channel email --date 2026-02-21 -m "Mail" >/dev/null
'

FARLEY_TODAY=2026-11-20
export FARLEY_TODAY

# check NAME [ARGS...]: the report in csv, json, ndjson and tsv, checked
check() {
	_n=$1
	shift
	farley "$@" --format=csv >"$_n.csv" &&
	farley "$@" --format=json >"$_n.json" &&
	farley "$@" --format=ndjson >"$_n.ndjson" &&
	farley "$@" --format=tsv >"$_n.tsv" &&
	$PYTHON "$CHECK" "$_n" "$_n.csv" "$_n.json" "$_n.ndjson" "$_n.tsv"
}

test_expect_success 'pipeline: one row per currency and stage, and a total row' '
	cd crm && check pipeline pipeline &&
	head -1 pipeline.csv | tr -d "\r" >header && echo "currency,stage,count,value,weighted" >want &&
	test_cmp want header &&
	tr -d "\r" <pipeline.csv >rows && grep -x "EUR,qualified,2,2000.15,500.05" rows &&
	grep -x "EUR,total,3,2300.15,725.05" rows && grep -x "USD,proposal,1,1000.01,700.01" rows
'

test_expect_success 'pipeline --owner and --as-of give flat rows too' '
	cd crm && check pipeline pipeline --owner bob && check pipeline pipeline --as-of 2026-01-22
'

test_expect_success 'forecast: one row per currency and period, overdue and undated as periods' '
	cd crm && check forecast forecast &&
	head -1 forecast.csv | tr -d "\r" >header &&
	echo "currency,by,period,count,value,weighted,won,won_count" >want && test_cmp want header &&
	grep "^EUR,month,undated,1,300," forecast.csv && grep "^EUR,month,2026-12,2," forecast.csv &&
	check forecast forecast --by quarter && grep "^USD,quarter,2027-Q1,1," forecast.csv &&
	check forecast forecast --from 2026-01 --to 2026-Q2
'

test_expect_success 'every named report is tested here' '
	cd crm && farley report --help | sed -n "/^reports:/,\$p" | sed 1d | awk "{print \$1}" >names &&
	printf "%s\n" winrate velocity stages slips accuracy stalled activity rfm dormant service campaign html >want &&
	test_cmp want names
'

test_expect_success 'setup: a campaign for report campaign' '
	cd crm && farley add campaign "Spring fair" budget=100 >/dev/null
'

for r in winrate velocity stages slips accuracy stalled activity rfm dormant service campaign; do
	test_expect_success "report $r: one row per item" "
		cd crm && check $r report $r
	"
done

test_expect_success 'the cells that need it are quoted and defused, not split' '
	cd crm && grep "^odd-quoted-deal,\"Odd, \"\"quoted\"\" deal\",.*,\"'"'"'@ops\"" stalled.csv &&
	grep "	@ops$" stalled.tsv
'

test_expect_success 'piped without --format, reports are the same flat tsv' '
	cd crm && farley pipeline --format=tsv >want && farley pipeline >piped &&
	test_cmp want piped && head -1 piped | grep -x "currency	stage	count	value	weighted" &&
	farley report stages --format=tsv >want && farley report stages >piped &&
	test_cmp want piped
'

test_expect_success 'json and yaml keep the tree: stages and backward moves, totals' '
	cd crm && farley report stages --format=json >s.json && grep "\"backwards\"" s.json &&
	farley pipeline --format=yaml >p.yaml && grep "^stages:" p.yaml && grep "^total:" p.yaml &&
	grep "^other_currencies:" p.yaml
'

test_done
