#!/bin/sh
# Segments: named --where expressions in farley.yaml, used as @NAME
# wherever a filter is (ls, export), listed by farley segments with sizes.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: contacts in two cities, some vip, and segments' '
	new_crm &&
	farley add company "Acme GmbH" industry=retail >/dev/null &&
	farley add contact "Anna Alt" tags=vip address.city=Berlin company=acme-gmbh >/dev/null &&
	farley add contact "Bert Bau" tags=vip,golf address.city=Paris >/dev/null &&
	farley add contact "Cleo Cruz" address.city=Berlin >/dev/null &&
	farley add contact "Dora Dahl" tags=vip address.city=Berlin >/dev/null &&
	farley add contact "Emil Ems" tags=@vip address.city=Berlin >/dev/null &&
	cat >>farley.yaml <<-\EOF &&
	segments:
	  berlin-vip: "tags=vip and address.city=Berlin"
	  berlin: address.city=Berlin
	  berlin-or-vip: "@berlin or tags=vip"
	  retail: company.industry=retail
	EOF
	git commit -qam "segments" && test_clean
'

test_expect_success 'ls @NAME gives the same set as the --where typed out' '
	cd crm &&
	farley ls contacts @berlin-vip --format=ids >seg &&
	farley ls contacts --where "tags=vip and address.city=Berlin" --format=ids >typed &&
	test_cmp typed seg && printf "anna-alt\ndora-dahl\n" >expect && test_cmp expect seg &&
	farley ls contacts --where "@berlin-or-vip and not @berlin-vip" --format=ids >seg &&
	farley ls contacts --where "(address.city=Berlin or tags=vip) and not (tags=vip and address.city=Berlin)" --format=ids >typed &&
	test_cmp typed seg && printf "bert-bau\ncleo-cruz\nemil-ems\n" >expect && test_cmp expect seg
'

test_expect_success 'export csv @NAME gives the same rows as the --where typed out' '
	cd crm &&
	farley export csv contacts @berlin-vip >seg.csv &&
	farley export csv contacts --where "tags=vip and address.city=Berlin" >typed.csv &&
	test_cmp typed.csv seg.csv && test $(wc -l <seg.csv) -eq 3 &&
	farley export json contacts --where @retail >seg.json &&
	farley export json contacts --where company.industry=retail >typed.json &&
	test_cmp typed.json seg.json &&
	farley export csv contacts --where "@berlin-or-vip and not tags=golf" >seg.csv &&
	farley export csv contacts --where "(address.city=Berlin or tags=vip) and not tags=golf" >typed.csv &&
	test_cmp typed.csv seg.csv && test $(wc -l <seg.csv) -eq 5 &&
	$PYTHON -c "
import json; assert [r[\"id\"] for r in json.load(open(\"seg.json\"))] == [\"anna-alt\"]"
'

test_expect_success 'an @ inside a value or a quoted string is not a segment' '
	cd crm &&
	farley ls contacts tags="@vip" --format=ids >got && echo emil-ems >expect && test_cmp expect got
'

test_expect_success 'an unknown segment is a usage error that lists the known ones' '
	cd crm &&
	test_expect_code 2 farley ls contacts @nowhere 2>err &&
	grep "unknown segment .@nowhere. (@berlin-vip, @berlin, @berlin-or-vip, @retail)" err &&
	test_expect_code 2 farley export csv contacts --where "@nowhere" 2>err &&
	grep "unknown segment" err
'

test_expect_success 'a segment naming itself is refused, not looped on' '
	cd crm && cp farley.yaml ../keep.yaml &&
	printf "  loop: \"@loop or tags=x\"\n" >>farley.yaml &&
	test_expect_code 2 farley ls @loop 2>err && grep "names itself" err &&
	cp ../keep.yaml farley.yaml
'

test_expect_success 'farley segments lists each with its size, in every format' '
	cd crm &&
	farley segments --format=tsv >got &&
	printf "name\tsize\twhere\nberlin-vip\t2\ttags=vip and address.city=Berlin\nberlin\t4\taddress.city=Berlin\nberlin-or-vip\t5\t@berlin or tags=vip\nretail\t1\tcompany.industry=retail\n" >expect &&
	test_cmp expect got &&
	farley segments --format=json >got.json &&
	$PYTHON -c "
import json; d = json.load(open(\"got.json\"))
assert [(s[\"name\"], int(s[\"size\"])) for s in d] == [(\"berlin-vip\", 2), (\"berlin\", 4), (\"berlin-or-vip\", 5), (\"retail\", 1)], d" &&
	farley segments companies --format=csv >got 2>err && grep "^berlin,0," got &&
	grep "^retail,," got && grep "segment .retail." err
'

test_expect_success 'a bad segment name in farley.yaml is an error with its place' '
	cd crm && cp farley.yaml ../keep.yaml &&
	printf "  Bad Name: tags=x\n" >>farley.yaml &&
	test_expect_code 1 farley segments 2>err &&
	grep "farley.yaml:[0-9]*:[0-9]*: a segment.s name is lower-case" err &&
	cp ../keep.yaml farley.yaml
'

test_done
