#!/bin/sh
# farley set changes fields and keeps the rest of the file byte for byte.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a deal written by hand' '
	new_crm &&
	farley add company "Acme GmbH" >/dev/null &&
	mkdir -p deals/ac &&
	cat >deals/ac/acme-renewal.yaml <<-\EOF &&
	# Renewal, see the thread with Jane
	stage: proposal    # moved up in March
	title: Acme renewal
	company: acme-gmbh
	tags: [renewal, q1]   # flow style
	value: 12000
	notes: |
	  Jane wants a longer term.
	  Budget approved.
	EOF
	git add deals && git commit -qm "hand-written deal"
'

test_expect_success 'set stage=won changes its line, adds close (today) and keeps comments' '
	cd crm &&
	FARLEY_TODAY=2026-11-24 farley set acme-renewal stage=won &&
	git diff HEAD~1 --stat >stat &&
	grep "2 insertions(+), 1 deletion(-)" stat &&
	git diff HEAD~1 | grep "^+stage: won    # moved up in March$" &&
	git diff HEAD~1 | grep "^+close: 2026-11-24$" &&
	grep "^# Renewal, see the thread with Jane$" deals/ac/acme-renewal.yaml &&
	git log -1 --format=%s >msg &&
	echo "deal acme-renewal: stage proposal -> won, close 2026-11-24" >expect &&
	test_cmp expect msg &&
	test_clean
'

test_expect_success 'a flow list stays a flow list' '
	cd crm && farley set acme-renewal tags+=vip &&
	grep "^tags: \[renewal, q1, vip\]   # flow style$" deals/ac/acme-renewal.yaml &&
	git diff HEAD~1 --stat | grep "1 insertion(+), 1 deletion(-)"
'

test_expect_success 'f-=v removes from a list; f= removes the field' '
	cd crm && farley set acme-renewal tags-=q1 &&
	grep "^tags: \[renewal, vip\]" deals/ac/acme-renewal.yaml &&
	farley set acme-renewal notes= &&
	! grep "notes" deals/ac/acme-renewal.yaml &&
	! grep "Budget" deals/ac/acme-renewal.yaml &&
	grep "^value: 12000$" deals/ac/acme-renewal.yaml &&
	git log -1 --format=%s | grep "notes removed"
'

test_expect_success 'a new field lands after its predecessor in canonical order' '
	cd crm && farley set acme-renewal close=2027-01-15 &&
	grep -A1 "^value: 12000$" deals/ac/acme-renewal.yaml | grep "^close: 2027-01-15$" &&
	git diff HEAD~1 --stat | grep "1 insertion(+)"
'

test_expect_success 'several fields at once, one commit' '
	cd crm && n=$(git rev-list --count HEAD) &&
	farley set acme-renewal value=15000.5 probability=0.8 &&
	test $(git rev-list --count HEAD) = $((n + 1)) &&
	grep "^value: 15000.50$" deals/ac/acme-renewal.yaml &&
	grep "^probability: 0.8$" deals/ac/acme-renewal.yaml
'

test_expect_success 'multi-line text becomes a literal block' '
	cd crm && farley set acme-renewal "notes=line one
line two" &&
	farley show acme-renewal --format=json | grep "\"notes\": \"line one\\\\nline two\""
'

test_expect_success 'setting the same value changes nothing' '
	cd crm && n=$(git rev-list --count HEAD) &&
	farley set acme-renewal stage=won 2>err &&
	test $(git rev-list --count HEAD) = $n && grep "nothing changed" err
'

test_expect_success 'bad values are refused and nothing changes' '
	cd crm && cp deals/ac/acme-renewal.yaml before && head=$(git rev-parse HEAD) &&
	test_expect_code 1 farley set acme-renewal stage=maybe &&
	test_expect_code 1 farley set acme-renewal value=abc &&
	test_expect_code 1 farley set acme-renewal title= 2>err &&
	grep "required" err &&
	test_expect_code 1 farley set acme-renewal company=../../etc &&
	test_expect_code 2 farley set acme-renewal stage+=x 2>err &&
	grep "not a list" err &&
	test_expect_code 2 farley set acme-renewal "Bad=1" &&
	test_expect_code 2 farley set acme-renewal &&
	test_expect_code 1 farley set nobody stage=won &&
	test_cmp before deals/ac/acme-renewal.yaml &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'address fields are set one by one' '
	cd crm && farley set acme-gmbh address.city=Berlin address.country=DE &&
	farley show acme-gmbh --format=json | grep "\"city\": \"Berlin\"" &&
	farley set acme-gmbh address.city= &&
	! grep city companies/ac/acme-gmbh.yaml && grep "country: DE" companies/ac/acme-gmbh.yaml
'

test_expect_success 'set --no-commit stages the change' '
	cd crm && head=$(git rev-parse HEAD) &&
	FARLEY_TODAY=2027-01-15 farley set acme-renewal stage=lost --no-commit &&
	test "$(git rev-parse HEAD)" = "$head" &&
	git diff --cached --stat | grep "1 insertion(+), 1 deletion(-)" &&
	git commit -qm "by hand"
'

test_done
