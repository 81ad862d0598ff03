#!/bin/sh
# farley merge KEEP OTHER: one record out of two, every reference to OTHER
# moved to KEEP (deals' contacts, interactions' contacts, tasks' contact,
# contacts' company ...), OTHER removed, in exactly one commit that
# `farley history KEEP` shows; --dry-run writes nothing; prefixes, kind
# mismatches and a record merged into itself are refused.
. "$(dirname "$0")/lib.sh"

# state: HEAD, git's index and every record file, to compare before/after
state() {
	git rev-parse HEAD && git status --porcelain --untracked-files=no &&
	git status --porcelain --untracked-files=all -- companies contacts deals \
		interactions tasks &&
	find companies contacts deals interactions tasks -type f | sort | xargs cat
}

test_expect_success 'setup' '
	new_crm &&
	farley add company "Acme GmbH" domain=acme.de >/dev/null &&
	farley add company "ACME Inc." tags=partner >/dev/null &&
	farley add contact "Jane Doe" company=acme-gmbh title=CEO emails=jane@acme.de \
		tags=vip created=2026-02-01 >/dev/null &&
	farley add contact "Doe, Jane" company=acme-inc title=CTO \
		emails=JANE@acme.de,jd@gmail.com phones="+49 30 1234567" tags=vip,berlin \
		created=2025-05-05 >/dev/null &&
	farley add contact "Max Muster" company=acme-inc >/dev/null &&
	farley add deal "Acme renewal" stage=lead company=acme-inc \
		contacts=doe-jane,max-muster >/dev/null &&
	farley add deal "Acme pilot" stage=lead company=acme-gmbh \
		contacts=jane-doe,doe-jane >/dev/null &&
	farley log doe-jane -m "Called about the pilot" --date 2026-03-01 >/dev/null &&
	farley add task "Call back" contact=doe-jane due=2026-04-01 >/dev/null &&
	farley add task "Send offer" company=acme-inc >/dev/null &&
	# a hand-written file: its comment and flow style must survive
	cat >deals/ac/acme-handmade.yaml <<-\EOF &&
	# keep this comment
	title: Acme handmade
	stage: lead
	contacts: [max-muster, doe-jane]   # the buyers
	company: acme-inc
	EOF
	git add deals && git commit -q -m "hand-made deal" &&
	test_clean
'

test_expect_success '--dry-run shows the plan and writes nothing' '
	cd crm && state >before &&
	farley merge --dry-run jane-doe doe-jane --format=json >plan.json 2>err &&
	state >after && test_cmp before after &&
	$PYTHON - <<-\EOF &&
	import json
	rows = json.load(open("plan.json"))
	got = {(r["action"], r["record"], r["field"]) for r in rows}
	want = {
	    ("conflict", "jane-doe", "company"), ("conflict", "jane-doe", "title"),
	    ("conflict", "jane-doe", "name"),
	    ("take", "jane-doe", "emails"), ("take", "jane-doe", "phones"),
	    ("take", "jane-doe", "tags"), ("take", "jane-doe", "created"),
	    ("note", "jane-doe", "merged"),
	    ("relink", "acme-renewal", "contacts"), ("relink", "acme-pilot", "contacts"),
	    ("relink", "acme-handmade", "contacts"), ("relink", "call-back", "contact"),
	    ("remove", "doe-jane", None),
	}
	got = {(a, r if not r.startswith("call-back") else "call-back", f) for a, r, f in got}
	inter = [r for r in rows if r["action"] == "relink" and r["record"].startswith("20260301")]
	assert len(inter) == 1 and inter[0]["field"] == "contacts", rows
	got = {g for g in got if not g[1].startswith("20260301")}
	assert got == want, (got ^ want)
	take = {r["field"]: r["value"] for r in rows if r["action"] == "take"}
	assert take["emails"] == "jd@gmail.com", take
	assert take["tags"] == "berlin" and take["created"] == "2025-05-05", take
	EOF
	grep "^farley: conflict: title: keeping .CEO. (jane-doe), dropping .CTO. (doe-jane)$" err &&
	farley merge -n jane-doe doe-jane --format=tsv >plan.tsv 2>/dev/null &&
	head -1 plan.tsv >h && printf "action\trecord\tfield\tvalue\tother\n" >expect &&
	test_cmp expect h && grep "^remove	doe-jane	" plan.tsv &&
	state >after && test_cmp before after
'

test_expect_success 'ids must be full: a prefix gets "did you mean"' '
	cd crm && state >before &&
	test_expect_code 1 farley merge jane-doe doe-ja 2>err &&
	grep "^farley: error: .doe-ja. is not a full id; did you mean .doe-jane.?$" err &&
	test_expect_code 1 farley merge jane-d doe-jane 2>err &&
	grep "did you mean .jane-doe.?" err &&
	test_expect_code 1 farley merge jane-doe nobody 2>err &&
	grep "no record .nobody." err &&
	state >after && test_cmp before after
'

test_expect_success 'two kinds, or one record twice, are refused' '
	cd crm && state >before &&
	test_expect_code 1 farley merge acme-gmbh doe-jane 2>err &&
	grep "^farley: error: .acme-gmbh. is a company and .doe-jane. a contact" err &&
	test_expect_code 1 farley merge jane-doe jane-doe 2>err &&
	grep "into itself" err &&
	test_expect_code 2 farley merge jane-doe 2>err &&
	test_expect_code 2 farley merge jane-doe doe-jane max-muster 2>err &&
	test_expect_code 2 farley merge --prefer=nobody jane-doe doe-jane 2>err &&
	state >after && test_cmp before after
'

test_expect_success 'the merge: one commit that moves every reference' '
	cd crm && head=$(git rev-parse HEAD) &&
	farley merge jane-doe doe-jane 2>err &&
	test "$(git rev-list --count $head..HEAD)" = 1 &&
	git log -1 --format=%s >msg &&
	echo "merge contact doe-jane into jane-doe: 5 references moved" >expect &&
	test_cmp expect msg &&
	grep "^farley: merge contact doe-jane into jane-doe: 5 references moved$" err &&
	test_clean &&
	! test -e contacts/do/doe-jane.yaml &&
	farley check 2>check.err && grep "0 errors" check.err &&
	farley ls --where "contacts=doe-jane or contact=doe-jane" --format=ids >left &&
	test ! -s left &&
	git show --stat --format= HEAD >stat && grep -c "|" stat >n &&
	echo 7 >expect && test_cmp expect n
'

test_expect_success 'KEEP took what it lacked and kept its own on a conflict' '
	cd crm &&
	cat >expect <<-\EOF &&
	name: Jane Doe
	company: acme-gmbh
	title: CEO
	emails:
	  - jane@acme.de
	  - jd@gmail.com
	phones:
	  - "+49 30 1234567"
	tags:
	  - vip
	  - berlin
	owner: author
	created: 2025-05-05
	merged:
	  - doe-jane
	EOF
	test_cmp expect contacts/ja/jane-doe.yaml
'

test_expect_success 'a list that held both holds KEEP once; hand formatting stays' '
	cd crm &&
	farley show acme-pilot --format=json >p.json &&
	$PYTHON -c "
import json; d = json.load(open(\"p.json\"))
assert d[\"contacts\"] == [\"jane-doe\"], d[\"contacts\"]" &&
	cat >expect <<-\EOF &&
	# keep this comment
	title: Acme handmade
	stage: lead
	contacts: [max-muster, jane-doe]   # the buyers
	company: acme-inc
	EOF
	test_cmp expect deals/ac/acme-handmade.yaml &&
	grep -A1 "^contacts:" interactions/2026/03/*.yaml >c &&
	grep -x "  - jane-doe" c &&
	grep -x "contact: jane-doe" tasks/ca/call-back-*.yaml
'

test_expect_success 'farley history KEEP shows the merge' '
	cd crm &&
	farley history jane-doe --format=tsv >h &&
	grep "merged: (none) -> \[doe-jane\]" h &&
	grep "$(git rev-parse HEAD)" h &&
	farley history jane-doe --format=json >h.json &&
	$PYTHON -c "
import json, subprocess
revs = json.load(open(\"h.json\"))
head = subprocess.check_output([\"git\", \"rev-parse\", \"HEAD\"], text=True).strip()
assert revs[-1][\"commit\"] == head, revs[-1]
assert {\"field\": \"merged\", \"old\": None, \"new\": [\"doe-jane\"]} in revs[-1][\"changes\"]"
'

test_expect_success 'merging companies moves contacts, deals, tasks and interactions' '
	cd crm && head=$(git rev-parse HEAD) &&
	farley log max-muster -m "Met" --date 2026-03-02 >/dev/null &&
	head=$(git rev-parse HEAD) &&
	farley merge acme-gmbh acme-inc --format=json >out.json 2>/dev/null &&
	test "$(git rev-list --count $head..HEAD)" = 1 &&
	$PYTHON -c "
import json; d = json.load(open(\"out.json\"))
assert d == {\"id\": \"acme-gmbh\", \"kind\": \"company\", \"path\": \"companies/ac/acme-gmbh.yaml\",
             \"merged\": \"acme-inc\", \"references\": 6}, d" &&
	test_clean && farley check 2>/dev/null &&
	farley ls --where company=acme-inc --format=ids >left && test ! -s left &&
	farley ls contacts company=acme-gmbh --format=ids >in &&
	grep -x max-muster in &&
	grep -x "company: acme-gmbh" tasks/se/send-offer-*.yaml &&
	farley history acme-gmbh --format=tsv >h && grep "merged: (none) -> \[acme-inc\]" h &&
	grep "tags: (none) -> \[partner\]" h
'

test_expect_success 'nothing to take: the merge still changes KEEP and shows in history' '
	cd crm &&
	farley add company "Lonely Ltd" >/dev/null &&
	farley add company "Lonely" >/dev/null &&
	farley merge lonely-ltd lonely 2>/dev/null &&
	git log -1 --format=%s >msg &&
	echo "merge company lonely into lonely-ltd: 0 references moved" >expect &&
	test_cmp expect msg &&
	git show --stat --format= HEAD -- companies/lo/lonely-ltd.yaml | grep lonely-ltd &&
	farley history lonely-ltd --format=tsv >h && grep "merged: (none) -> \[lonely\]" h
'

test_expect_success 'a record merged twice keeps the whole line of merged ids' '
	cd crm &&
	farley add company "Lonely 2" >/dev/null &&
	farley merge lonely-2 lonely-ltd 2>/dev/null &&
	farley show lonely-2 --format=json >s.json &&
	$PYTHON -c "
import json; d = json.load(open(\"s.json\"))
assert d[\"merged\"] == [\"lonely\", \"lonely-ltd\"], d"
'

test_expect_success '--prefer other: OTHER wins a conflict' '
	cd crm &&
	farley add contact "Ann Bee" title=CEO >/dev/null &&
	farley add contact "Ann B." title=CFO >/dev/null &&
	farley merge --prefer=other ann-bee ann-b 2>err &&
	grep "conflict: title: keeping .CFO. (ann-b), dropping .CEO. (ann-bee)" err &&
	grep -x "title: CFO" contacts/an/ann-bee.yaml
'

test_expect_success 'a record that cannot be relinked stops the merge, nothing changed' '
	cd crm &&
	farley add contact "Kim One" >/dev/null &&
	farley add contact "Kim Two" >/dev/null &&
	farley add task "Ring Kim" contact=kim-two >/dev/null &&
	task=$(ls tasks/ri/ring-kim-*.yaml) &&
	printf "title: [unclosed\n" >$task &&
	state >before &&
	test_expect_code 1 farley merge kim-one kim-two 2>err &&
	grep "$task" err &&
	state >after && test_cmp before after &&
	git checkout -- $task
'

test_expect_success '--no-commit stages the whole merge' '
	cd crm &&
	farley add contact "Zed One" >/dev/null &&
	farley add contact "Zed Two" >/dev/null &&
	farley add task "Ring Zed" contact=zed-two >/dev/null &&
	head=$(git rev-parse HEAD) &&
	farley merge --no-commit zed-one zed-two 2>/dev/null &&
	test "$(git rev-parse HEAD)" = "$head" &&
	git status --porcelain --untracked-files=no | sort >st &&
	grep "^D  contacts/ze/zed-two.yaml" st &&
	grep "^M  contacts/ze/zed-one.yaml" st &&
	grep "^M  tasks/ri/ring-zed-" st &&
	test $(wc -l <st) = 3
'

test_done
