#!/bin/sh
# How the index is built and put in place (issue 11): the copy of a rebuilt
# index into the live file, the marker of a copy cut short, the custom
# field names --where knows, the references in fields_key.
. "$(dirname "$0")/lib.sh"

ids() { farley ls "$@" --format=ids | sort; }
db() { sqlite3 .git/farley/index.db "$1"; }

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" industry=retail >/dev/null &&
	farley add contact "Jane Doe" company=acme-gmbh >/dev/null &&
	farley add deal "Acme renewal" company=acme-gmbh stage=proposal value=100 \
		owner=alice tier=gold >/dev/null &&
	farley add deal "Bolt order" stage=lead value=20000 >/dev/null
'

test_expect_success 'a rebuild alone copies the new index in and leaves it in WAL mode' '
	cd crm && farley ls --format=json >before &&
	farley index --rebuild -q &&
	test ! -e .git/farley/index.db-copying &&
	db "PRAGMA journal_mode" >mode && echo wal >expect && test_cmp expect mode &&
	db "PRAGMA integrity_check" >ok && echo ok >expect && test_cmp expect ok &&
	farley ls --format=json >after && test_cmp before after && test_clean
'

test_expect_success 'a rebuild while another process reads the index still works' '
	cd crm && farley ls --format=json >before &&
	{ $PYTHON -c "
import sqlite3, sys, time
c = sqlite3.connect(\".git/farley/index.db\")
c.execute(\"select count(*) from records\").fetchall()
open(\"held\", \"w\").close()
time.sleep(3)
" & } &&
	reader=$! &&
	while ! test -e held; do sleep 0.1; done &&
	farley index --rebuild -q &&
	wait $reader && rm held &&
	test ! -e .git/farley/index.db-copying &&
	farley ls --format=json >after && test_cmp before after && test_clean
'

test_expect_success 'an index whose copy was cut short is rebuilt, not trusted' '
	cd crm &&
	db "DELETE FROM records WHERE id = '"'"'bolt-order'"'"'" &&
	ids deals >got && echo acme-renewal >expect && test_cmp expect got &&
	: >.git/farley/index.db-copying &&
	ids deals >got && printf "acme-renewal\nbolt-order\n" >expect && test_cmp expect got &&
	test ! -e .git/farley/index.db-copying
'

test_expect_success 'only references are in fields_key' '
	cd crm &&
	db "SELECT DISTINCT key FROM fields WHERE ix = 1 ORDER BY key" >got &&
	printf "company\n" >expect && test_cmp expect got
'

test_expect_success 'a custom field stays known while a record has it, and only then' '
	cd crm &&
	ids deals --where "tier=gold" >got && echo acme-renewal >expect && test_cmp expect got &&
	farley set acme-renewal tier= >/dev/null &&
	test_expect_code 2 farley ls deals --where "tier=gold" 2>err &&
	grep "no deal has a field .tier." err &&
	farley set bolt-order tier=silver >/dev/null &&
	ids deals --where "tier=silver" >got && echo bolt-order >expect && test_cmp expect got
'

test_expect_success 'typed columns answer as the fields rows do, negations included' '
	cd crm &&
	ids deals --where "owner=alice" >got && echo acme-renewal >expect && test_cmp expect got &&
	ids deals --where "owner!=alice" >got && echo bolt-order >expect && test_cmp expect got &&
	sed -i "/^owner:/d" deals/bo/bolt-order.yaml && git commit -qam "no owner" &&
	ids deals --where "not owner" >got && echo bolt-order >expect && test_cmp expect got &&
	ids deals --where "owner!=alice" >got && echo bolt-order >expect && test_cmp expect got &&
	ids deals --where "not owner=alice" >got && echo bolt-order >expect && test_cmp expect got &&
	ids deals --where "value>=20000 and stage=lead" >got && echo bolt-order >expect &&
	test_cmp expect got &&
	ids deals --where "company=acme-gmbh" >got && echo acme-renewal >expect &&
	test_cmp expect got &&
	ids contacts --where "company.industry=retail" >got && echo jane-doe >expect &&
	test_cmp expect got
'

test_done
