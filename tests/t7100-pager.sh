#!/bin/sh
# Long output on a terminal goes through a pager, as git's does; never in
# a pipe; --no-pager (before or after the command) and PAGER=cat turn it
# off; FARLEY_PAGER beats farley.pager beats PAGER.
. "$(dirname "$0")/lib.sh"

# a pager that marks what it was given
mkdir bin &&
cat >bin/fake-pager <<'EOF2'
#!/bin/sh
{ echo "paged by ${1:-fake-pager}"; cat; } >>"$HOME/paged"
EOF2
chmod +x bin/fake-pager
PATH="$TRASH/bin:$PATH"

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add deal "Acme renewal" company=acme-gmbh value=100 >/dev/null
'

test_expect_success 'a terminal gets the pager: PAGER' '
	cd crm && rm -f ../paged &&
	PAGER=fake-pager script -qec "farley ls deals" /dev/null >out &&
	grep "^paged by fake-pager" ../paged && grep acme-renewal ../paged &&
	! grep acme-renewal out
'

test_expect_success 'FARLEY_PAGER beats farley.pager, which beats PAGER; arguments are split' '
	cd crm && rm -f ../paged &&
	git config farley.pager "fake-pager from-config" &&
	PAGER=fake-pager script -qec "farley ls" /dev/null >out &&
	grep "^paged by from-config" ../paged && rm ../paged &&
	FARLEY_PAGER="fake-pager \"from env\"" PAGER=fake-pager script -qec "farley pipeline" /dev/null >out &&
	grep "^paged by from env" ../paged && grep "^total" ../paged &&
	git config --unset farley.pager
'

test_expect_success 'never in a pipe' '
	cd crm && rm -f ../paged &&
	PAGER=fake-pager farley ls deals >out &&
	grep acme-renewal out && test ! -e ../paged
'

test_expect_success '--no-pager before or after the command, and PAGER=cat' '
	cd crm && rm -f ../paged &&
	PAGER=fake-pager script -qec "farley --no-pager ls deals" /dev/null >out &&
	grep acme-renewal out && test ! -e ../paged &&
	PAGER=fake-pager script -qec "farley ls deals --no-pager" /dev/null >out &&
	grep acme-renewal out && test ! -e ../paged &&
	PAGER=cat script -qec "farley ls deals" /dev/null >out &&
	grep acme-renewal out && test ! -e ../paged
'

test_expect_success 'writing commands are not paged, and a missing pager is no pager' '
	cd crm && rm -f ../paged &&
	PAGER=fake-pager script -qec "farley set acme-renewal value=200" /dev/null >out &&
	test ! -e ../paged &&
	PAGER=no-such-pager-here script -qec "farley ls deals" /dev/null >out &&
	grep acme-renewal out && test_clean
'

test_done
