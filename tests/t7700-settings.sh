#!/bin/sh
# A user's settings in git config: farley.alias.NAME works as git's
# aliases do; farley help shows the pages that are not commands' pages.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_crm &&
	farley add deal "Big one" stage=proposal value=20000 >/dev/null &&
	farley add deal "Small one" stage=proposal value=500 >/dev/null
'

test_expect_success 'an alias runs its command with its words, then the arguments' '
	cd crm && git config farley.alias.hot "ls deals --where '"'"'value>10000'"'"'" &&
	farley hot --format=ids >got && echo big-one >want && test_cmp want got &&
	farley hot --format=json | $PYTHON -c "import json,sys; assert [d[\"id\"] for d in json.load(sys.stdin)] == [\"big-one\"]"
'

test_expect_success 'a global alias works in every repository and outside one' '
	git config --global farley.alias.cmds "help" &&
	farley cmds >out && grep "^   status " out &&
	cd crm && farley cmds >out && grep "^   status " out
'

test_expect_success 'an alias never shadows a command, nor expands to another alias' '
	cd crm && git config farley.alias.ls "status" &&
	farley ls deals --format=ids >got && printf "big-one\nsmall-one\n" >want && test_cmp want got &&
	git config farley.alias.hotter "hot --limit 1" &&
	test_expect_code 2 farley hotter 2>err && grep "not a farley command" err
'

test_expect_success 'a ! alias is a shell command with the arguments as "$@"' '
	cd crm && git config farley.alias.count "!farley ls deals --format=ids | wc -l; echo args" &&
	farley count a "b c" >got && printf "2\nargs a b c\n" >want && test_cmp want got
'

test_expect_success 'a badly quoted or empty alias is a usage error' '
	cd crm && git config farley.alias.bad "ls '"'"'deals" &&
	test_expect_code 2 farley bad 2>err && grep "farley.alias.bad is badly quoted" err &&
	git config farley.alias.empty "" &&
	test_expect_code 2 farley empty 2>err && grep "farley.alias.empty is empty" err
'

test_expect_success 'farley help shows the pages of topics that are not commands' '
	farley help query >out && grep -i "farley-query" out && grep -- "--where" out &&
	farley help records >out && grep -i "farley-records" out &&
	farley help json >out && grep -i "farley-json" out && grep "other_currencies" out &&
	test_expect_code 2 farley help nonsense 2>err && grep "help topic" err
'

test_done
