#!/bin/sh
# Guards a careful user expects: typos in fields, impossible values,
# control characters, likely duplicates, readable commit subjects.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	farley init crm >/dev/null && cd crm &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add deal "Acme renewal" company=acme-gmbh value=5200 budget_code=B7 >/dev/null
'

test_expect_success 'a field no record has is a usage error with a suggestion' '
	cd crm &&
	test_expect_code 2 farley ls deals --where "valu>1" 2>err &&
	grep "no deal has a field .valu. (did you mean value?)" err &&
	test_expect_code 2 farley ls deals "stgae=lead" 2>err &&
	grep "did you mean stage?" err &&
	test_expect_code 2 farley ls deals --where "budget_cod=B7" 2>err &&
	grep "did you mean budget_code?" err &&
	test_expect_code 2 farley ls deals --sort=-valeu 2>err &&
	grep "did you mean value?" err
'

test_expect_success 'custom fields records have, and other kinds'"'"' fields, are fine' '
	cd crm &&
	farley ls deals --where "budget_code=B7" --format=ids >got &&
	echo acme-renewal >expect && test_cmp expect got &&
	farley ls deals --where "name=x" --format=ids >got &&
	! test -s got
'

test_done
