#!/bin/sh
# farley add creates records at the SPEC's paths, one commit each.
. "$(dirname "$0")/lib.sh"

test_expect_success 'the quick start: company, contact, deal and a logged call' '
	farley init crm >/dev/null && cd crm &&
	farley add company "Acme GmbH" >id1 &&
	farley add contact "Jane Doe" company=acme-gmbh emails=jane@acme.example >id2 &&
	farley add deal "Acme renewal" company=acme-gmbh stage=proposal value=12000.50 close=2027-01-15 >id3 &&
	farley log jane-doe --channel call -m "Discussed renewal" >id4 &&
	echo acme-gmbh >expect && test_cmp expect id1 &&
	echo jane-doe >expect && test_cmp expect id2 &&
	echo acme-renewal >expect && test_cmp expect id3 &&
	test -f companies/ac/acme-gmbh.yaml &&
	test -f contacts/ja/jane-doe.yaml &&
	test -f deals/ac/acme-renewal.yaml &&
	test -f "interactions/$(date +%Y/%m)/$(cat id4).yaml" &&
	test_clean
'

test_expect_success 'each command made one commit with a readable message' '
	cd crm &&
	git log --format=%s -4 >log &&
	cat >expect <<-\EOF &&
	log call with jane-doe: Discussed renewal
	add deal acme-renewal (Acme renewal)
	add contact jane-doe (Jane Doe)
	add company acme-gmbh (Acme GmbH)
	EOF
	test_cmp expect log
'

test_expect_success 'new files are in canonical form' '
	cd crm &&
	cat >expect <<-EOF &&
	title: Acme renewal
	stage: proposal
	company: acme-gmbh
	value: 12000.50
	close: 2027-01-15
	owner: author
	created: $(date +%Y-%m-%d)
	EOF
	test_cmp expect deals/ac/acme-renewal.yaml
'

test_expect_success 'the interaction links the contact and the contact'"'"'s company' '
	cd crm &&
	f=$(ls interactions/*/*/*.yaml) &&
	grep "^channel: call" $f && grep "^  - jane-doe" $f &&
	grep "^company: acme-gmbh" $f &&
	basename $f | grep -E "^[0-9]{8}-[0-9]{4}-jane-doe-call-[0-9a-f]{4}\.yaml$"
'

test_expect_success 'accents are folded into ids' '
	cd crm &&
	farley add company "Müller Bäckerei GmbH" >id &&
	echo muller-backerei-gmbh >expect && test_cmp expect id &&
	test -f companies/mu/muller-backerei-gmbh.yaml &&
	grep "^name: Müller Bäckerei GmbH$" companies/mu/muller-backerei-gmbh.yaml
'

test_expect_success 'a clash gets -2, then -3' '
	cd crm &&
	farley add company "Müller Bäckerei GmbH" >id &&
	echo muller-backerei-gmbh-2 >expect && test_cmp expect id &&
	farley add company "Müller Bäckerei GmbH" >id &&
	echo muller-backerei-gmbh-3 >expect && test_cmp expect id
'

test_expect_success 'Thai and Chinese names get a letter and a hash' '
	cd crm &&
	farley add company "บริษัท ไทยพัฒนา จำกัด" >thai &&
	farley add company "北京科技有限公司" >chinese &&
	grep -E "^c-[0-9a-f]{6}$" thai &&
	grep -E "^c-[0-9a-f]{6}$" chinese &&
	! test_cmp thai chinese &&
	sh=$(cut -c1,3 thai) &&
	test -f "companies/$sh/$(cat thai).yaml" &&
	grep "^name: บริษัท ไทยพัฒนา จำกัด$" "companies/$sh/$(cat thai).yaml" &&
	farley add contact "王伟" >p && grep -E "^p-[0-9a-f]{6}$" p
'

test_expect_success 'deals start in the first stage; tasks get a hash suffix' '
	cd crm &&
	farley add deal "New thing" >id && grep "^stage: lead$" deals/ne/new-thing.yaml &&
	farley add task "Send revised quote" due=2026-12-01 deal=acme-renewal >t &&
	grep -E "^send-revised-quote-[0-9a-f]{4}$" t &&
	grep "^due: 2026-12-01$" tasks/se/$(cat t).yaml
'

test_expect_success 'references accept an unambiguous prefix and store the full id' '
	cd crm &&
	farley add contact "John Roe" company=acme-g >/dev/null &&
	grep "^company: acme-gmbh$" contacts/jo/john-roe.yaml
'

test_expect_success 'bad input is refused and nothing changes' '
	cd crm &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 farley add contact "X" company=../../etc 2>err &&
	grep "not a valid id" err &&
	test_expect_code 1 farley add contact "X" company=nobody 2>err &&
	grep "no record" err &&
	test_expect_code 1 farley add contact "X" company=jane-doe 2>err &&
	grep "is a contact, not a company" err &&
	test_expect_code 1 farley add deal "X" value=12.345 2>err &&
	grep "not an amount" err &&
	test_expect_code 1 farley add deal "X" stage=maybe 2>err &&
	grep "not a stage" err &&
	test_expect_code 1 farley add deal "X" close=2027-02-30 2>err &&
	grep "not a date" err &&
	test_expect_code 1 farley add deal "X" probability=1.5 2>err &&
	test_expect_code 2 farley add planet "X" 2>err &&
	grep "unknown kind" err &&
	test_expect_code 2 farley add company 2>err &&
	test_expect_code 2 farley add company "X" notanassignment 2>err &&
	test_expect_code 2 farley add company "X" "Bad Key=1" 2>err &&
	test_expect_code 2 farley add company "X" --frobnicate 2>err &&
	grep "unknown option" err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	test_clean
'

test_expect_success 'custom fields and typed values are kept' '
	cd crm &&
	farley add company "Typed Co" industry=retail tags=vip,berlin phones=+49301234 \
		address.city=Berlin tier=gold >/dev/null &&
	f=companies/ty/typed-co.yaml &&
	grep "^industry: retail" $f &&
	grep "^  - vip" $f && grep "^  - berlin" $f &&
	grep "^  - \"+49301234\"" $f &&
	grep "^  city: Berlin" $f &&
	grep "^tier: gold" $f
'

test_expect_success 'no git identity: nothing is written' '
	cd crm &&
	head=$(git rev-parse HEAD) &&
	mv ../.gitconfig ../gitconfig.saved &&
	test_expect_code 1 farley add company "Nobody Inc" 2>err;
	rc=$?;
	mv ../gitconfig.saved ../.gitconfig &&
	test $rc = 0 &&
	grep "no identity" err &&
	grep "git config --global user.name" err &&
	! test -e companies/no &&
	test "$(git rev-parse HEAD)" = "$head" && test_clean
'

test_expect_success 'GIT_AUTHOR_* and GIT_COMMITTER_* are honoured' '
	cd crm &&
	GIT_AUTHOR_NAME="Bob B" GIT_AUTHOR_EMAIL=bob@example.com \
	GIT_AUTHOR_DATE="2026-01-15T10:00:00+01:00" \
	GIT_COMMITTER_NAME="Carol C" GIT_COMMITTER_EMAIL=carol@example.com \
		farley add company "Env Co" >/dev/null &&
	git log -1 --format="%an <%ae> %aI|%cn <%ce>" >got &&
	echo "Bob B <bob@example.com> 2026-01-15T10:00:00+01:00|Carol C <carol@example.com>" >expect &&
	test_cmp expect got &&
	grep "^owner: bob$" companies/en/env-co.yaml
'

test_expect_success 'farley.owner overrides the owner' '
	cd crm && git config farley.owner alice &&
	farley add company "Owned Co" >/dev/null &&
	grep "^owner: alice$" companies/ow/owned-co.yaml &&
	git config --unset farley.owner
'

test_expect_success '--no-commit and farley.commit=false stage instead' '
	cd crm && head=$(git rev-parse HEAD) &&
	farley add company "Staged Co" --no-commit >/dev/null &&
	test "$(git rev-parse HEAD)" = "$head" &&
	git status --porcelain --untracked-files=no >st &&
	echo "A  companies/st/staged-co.yaml" >expect && test_cmp expect st &&
	git commit -qm "by hand" &&
	git config farley.commit false &&
	farley add company "Staged Two" >/dev/null &&
	git status --porcelain --untracked-files=no >st &&
	echo "A  companies/st/staged-two.yaml" >expect && test_cmp expect st &&
	git config --unset farley.commit && git commit -qm "by hand"
'

test_done
