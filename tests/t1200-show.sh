#!/bin/sh
# farley show prints one record in every output format.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" tags=vip,berlin address.city=Berlin >/dev/null &&
	farley add deal "Acme renewal" company=acme-gmbh stage=proposal \
		value=12000.50 probability=0.3 close=2027-01-15 score=7 flag=true >/dev/null &&
	farley add company "Acme Labs" >/dev/null
'

test_expect_success 'json carries id, kind, path and typed fields' '
	cd crm &&
	farley show acme-renewal --format=json >out.json &&
	$PYTHON - out.json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["id"] == "acme-renewal", d
	assert d["kind"] == "deal"
	assert d["path"] == "deals/ac/acme-renewal.yaml"
	assert d["value"] == 12000.5 and isinstance(d["value"], float), d["value"]
	assert d["probability"] == 0.3
	assert d["close"] == "2027-01-15"
	# values from the command line are strings unless the field is typed
	assert d["score"] == "7" and d["flag"] == "true", d
	EOF
'
test_expect_success 'hand-written custom numbers and booleans keep their type' '
	cd crm &&
	echo "rating: 4.5" >>companies/ac/acme-labs.yaml &&
	echo "active: true" >>companies/ac/acme-labs.yaml &&
	echo "zip: \"01234\"" >>companies/ac/acme-labs.yaml &&
	farley show acme-labs --format=json >out.json &&
	$PYTHON -c "
import json; d = json.load(open(\"out.json\"))
assert d[\"rating\"] == 4.5 and d[\"active\"] is True and d[\"zip\"] == \"01234\", d
" && git checkout -q companies
'

test_expect_success 'money in json is written exactly' '
	cd crm && farley show acme-renewal --format=json | grep "\"value\": 12000.5,"
'

test_expect_success 'lists are arrays, the address a map' '
	cd crm &&
	farley show acme-gmbh --format=json >out.json &&
	$PYTHON -c "
import json; d = json.load(open(\"out.json\"))
assert d[\"tags\"] == [\"vip\", \"berlin\"], d
assert d[\"address\"] == {\"city\": \"Berlin\"}, d
"
'

test_expect_success 'an unambiguous prefix finds the record' '
	cd crm && farley show acme-r --format=ids >out &&
	echo acme-renewal >expect && test_cmp expect out
'

test_expect_success 'an ambiguous prefix exits 1 and lists the candidates' '
	cd crm &&
	test_expect_code 1 farley show acme 2>err &&
	grep "ambiguous" err && grep "acme-gmbh (company)" err &&
	grep "acme-labs (company)" err && grep "acme-renewal (deal)" err
'

test_expect_success 'an unknown id exits 1; an invalid one too' '
	cd crm &&
	test_expect_code 1 farley show nobody 2>err && grep "no record" err &&
	test_expect_code 1 farley show ../etc/passwd 2>err && grep "not a valid id" err
'

test_expect_success 'tsv: a header line and one line per record' '
	cd crm && farley show acme-gmbh --format=tsv >out &&
	head -1 out | grep "^id	kind	path	name" &&
	test $(wc -l <out) = 2
'

test_expect_success 'csv, ndjson, yaml and ids' '
	cd crm &&
	farley show acme-gmbh --format=csv | head -1 | grep "^id,kind,path,name" &&
	farley show acme-gmbh --format=ndjson >nd && test $(wc -l <nd) = 1 &&
	farley show acme-gmbh --format=yaml >y &&
	$PYTHON -c "import yaml; d = yaml.safe_load(open(\"y\")); assert d[\"name\"] == \"Acme GmbH\" and d[\"tags\"] == [\"vip\", \"berlin\"]" &&
	farley show acme-gmbh --format=ids >ids && echo acme-gmbh >expect && test_cmp expect ids
'

test_expect_success 'the table format shows fields and values, money with currency' '
	cd crm && farley show acme-renewal --format=table >out &&
	grep "^value  *EUR 12,000.50$" out &&
	grep "^title  *Acme renewal$" out
'

test_expect_success 'an unknown format is a usage error' '
	cd crm && test_expect_code 2 farley show acme-gmbh --format=xml 2>err &&
	grep "^farley: error: option .--format. takes table, tsv, csv, json, ndjson, yaml or ids, not .xml.$" err
'

test_expect_success 'csv defuses formulas' '
	cd crm &&
	farley add company "=HYPERLINK(\"http://x\")" >id &&
	farley show $(cat id) --format=csv >out &&
	grep "\"'"'"'=HYPERLINK" out
'

test_expect_success 'escape sequences from records never reach a terminal raw' '
	cd crm &&
	printf "name: \"evil\\\\e]0;pwned\\\\a\\\\e[31m\"\n" >companies/ev.yaml &&
	mkdir -p companies/ev && mv companies/ev.yaml companies/ev/evil.yaml &&
	script -qc "farley show evil --format=table" /dev/null >out &&
	! grep -q "$(printf "\033")]0" out &&
	grep -q "\^\[\]0;pwned" out &&
	script -qc "farley show evil --format=tsv" /dev/null >out &&
	! grep -q "$(printf "\033")\[31m" out
'

test_done
