#!/bin/sh
# Strings a YAML reader could take for something else are quoted, so they
# read back as the same strings in PyYAML (and in farley itself).
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' 'new_crm'

test_expect_success 'tricky company names read back exactly in PyYAML' '
	cd crm &&
	for name in NO no yes Yes on off y n null "~" true False 0123 1e3 0x1F \
		12:30 2026-01-01 " padded " "# hash" "- dash" "key: value" ".inf" \
		"1_000" "+1" "@handle" "*star" "&anchor" "!tag" "%percent" "[x]" \
		"{y}" "a #b" "\"quoted\"" "'"'"'single'"'"'" \
		"Müller Bäckerei" "北京科技" "3M Company"; do
		id=$(farley add company --format=ids -- "$name") || exit 1
		echo "$id" >>ids
		printf "%s\n" "$name" >>names
	done &&
	$PYTHON - <<-\EOF
	import yaml, glob, sys
	ids = [l.rstrip("\n") for l in open("ids")]
	names = [l.rstrip("\n") for l in open("names")]
	for i, n in zip(ids, names):
	    path = glob.glob("companies/*/%s.yaml" % i)[0]
	    d = yaml.safe_load(open(path, encoding="utf-8"))
	    assert d["name"] == n, (path, d["name"], n)
	    assert isinstance(d["name"], str), (path, d)
	EOF
'

test_expect_success 'and in farley itself' '
	cd crm &&
	paste ids names | while IFS="	" read -r id name; do
		got=$(farley show "$id" --format=json | $PYTHON -c "import json,sys; print(json.load(sys.stdin)[\"name\"])") &&
		test "$got" = "$name" || { echo "bad: $id [$got] [$name]"; exit 1; }
	done
'

test_expect_success 'the empty string is written "" and reads back empty' '
	cd crm && farley add company "Empty Notes" industry=x >/dev/null &&
	printf "name: Empty Notes\nindustry: \"\"\n" >expect &&
	$PYTHON -c "
import yaml; d = yaml.safe_load(open(\"companies/em/empty-notes.yaml\"))
assert d[\"industry\"] == \"x\"" &&
	farley set empty-notes source_note=kept &&
	$PYTHON -c "
import yaml; d = yaml.safe_load(open(\"companies/em/empty-notes.yaml\"))
assert d[\"source_note\"] == \"kept\""
'

test_expect_success 'phone numbers are always quoted' '
	cd crm && farley add contact "Phone Person" phones=+49301234,0301234 >/dev/null &&
	grep "^  - \"+49301234\"$" contacts/ph/phone-person.yaml &&
	grep "^  - \"0301234\"$" contacts/ph/phone-person.yaml
'

test_expect_success 'multi-line notes are literal blocks that PyYAML reads back' '
	cd crm && farley set phone-person "notes=first line
  indented second

after a blank" &&
	grep "^notes: |" contacts/ph/phone-person.yaml &&
	$PYTHON -c "
import yaml; d = yaml.safe_load(open(\"contacts/ph/phone-person.yaml\"))
assert d[\"notes\"] == \"first line\n  indented second\n\nafter a blank\", repr(d[\"notes\"])"
'

test_expect_success 'non-ASCII text is written as UTF-8, not escaped' '
	cd crm && grep "^name: Müller Bäckerei$" companies/mu/muller-backerei.yaml &&
	grep "^name: 北京科技$" companies/*/c-*.yaml
'

test_expect_success 'a tab goes into multi-line text (a name refuses it: t7400)' '
	cd crm &&
	farley set 3m-company "notes=tab	in" &&
	$PYTHON -c "import yaml,glob; d=yaml.safe_load(open(glob.glob(\"companies/*/3m-company.yaml\")[0])); assert d[\"notes\"] == \"tab\\tin\", d"
'

test_done
