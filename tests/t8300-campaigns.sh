#!/bin/sh
# Campaigns: the kind, farley campaign list (the mail-merge audience of a
# segment or a contacts list, less opt-outs and contacts without an
# address, its size recorded in a commit) and farley report campaign,
# checked against figures worked out here in Python from the files.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: contacts, a segment, two campaigns, responses and deals' '
	new_crm &&
	farley add company "Acme GmbH" >/dev/null &&
	farley add contact "Anna Alt" company=acme-gmbh emails=anna@acme.example address.city=Berlin tags=vip >/dev/null &&
	farley add contact "Bert Bau" emails=bert@bau.example address.city=Berlin optout=true >/dev/null &&
	farley add contact "Cleo Cruz" address.city=Berlin >/dev/null &&
	farley add contact "Dora Dahl" emails=dora@dahl.example address.city=Berlin salutation="Hallo Frau Dahl" >/dev/null &&
	farley add contact "Emil Ems" emails=emil@ems.example address.city=Hamburg >/dev/null &&
	farley add contact "Fritz Fink" emails=fritz@fink.example,f2@fink.example address.city=Berlin optout=false >/dev/null &&
	cat >>farley.yaml <<-\EOF &&
	segments:
	  berlin: address.city=Berlin
	EOF
	git commit -qam "segments" &&
	farley add campaign "Spring mailing" segment=berlin budget=1000 channel=email start=2026-03-01 >cid &&
	echo spring-mailing >expect && test_cmp expect cid &&
	farley add campaign "Trade fair" contacts=emil-ems,anna-alt,emil-ems budget=250.50 >/dev/null &&
	test -f campaigns/sp/spring-mailing.yaml && grep "^status: planned$" campaigns/sp/spring-mailing.yaml &&
	farley log anna-alt -m "Replied to the mailing" --direction in campaign=spring-mailing >/dev/null &&
	farley log dora-dahl -m "Asked for a call" campaign=spring-mailing >/dev/null &&
	farley log anna-alt -m "Second reply" campaign=spring-mailing >/dev/null &&
	farley log emil-ems -m "Met at the fair" --channel meeting campaign=trade-fair >/dev/null &&
	farley add deal "Anna big" stage=proposal value=5000 source=spring-mailing >/dev/null &&
	farley add deal "Anna won" stage=won value=1800.25 source=spring-mailing >/dev/null &&
	farley add deal "Dora won" stage=won value=700 source=spring-mailing >/dev/null &&
	farley add deal "Dora lost" stage=lost value=900 source=spring-mailing >/dev/null &&
	farley add deal "Fair deal" stage=qualified value=333.33 source=trade-fair >/dev/null &&
	farley add deal "Other" stage=won value=99999 source=referral >/dev/null &&
	test_expect_code 1 farley add campaign "Bad" status=sent 2>err &&
	grep "must be .planned., .running. or .done." err &&
	farley check && test_clean
'

audience_py='
import glob, json, sys, yaml
def load(d):
    return {f.rsplit("/", 1)[1][:-5]: yaml.safe_load(open(f))
            for f in glob.glob(d + "/**/*.yaml", recursive=True)}
contacts, companies = load("contacts"), load("companies")
def audience(camp):
    if camp.get("segment"):
        seg = yaml.safe_load(open("farley.yaml"))["segments"][camp["segment"]]
        assert seg == "address.city=Berlin", seg  # the one this test uses
        ids = [i for i, c in contacts.items() if (c.get("address") or {}).get("city") == "Berlin"]
    else:
        ids = camp.get("contacts", [])
    out = []
    for i in sorted(set(ids)):
        c = contacts[i]
        if str(c.get("optout")).lower() in ("true", "yes"):
            continue
        mails = [m for m in c.get("emails", []) if "@" in m]
        if not mails:
            continue
        co = companies.get(c.get("company"), {}).get("name", "")
        sal = c.get("salutation") or "Dear " + c["name"].split(" ")[0]
        out.append({"id": i, "name": c["name"], "email": mails[0], "company": co, "salutation": sal})
    return out
'

test_expect_success 'campaign list: the segment less opt-outs and address-less contacts, as json' '
	cd crm &&
	farley campaign list spring-mailing --format=json >got.json &&
	$PYTHON -c "$audience_py
camp = yaml.safe_load(open(\"campaigns/sp/spring-mailing.yaml\"))
want = audience(camp)
got = json.load(open(\"got.json\"))
assert got == want, (got, want)
assert [r[\"id\"] for r in got] == [\"anna-alt\", \"dora-dahl\", \"fritz-fink\"], got
assert got[0][\"company\"] == \"Acme GmbH\" and got[1][\"salutation\"] == \"Hallo Frau Dahl\"
"
'

test_expect_success 'the segment in a campaign gives the set of the --where typed out' '
	cd crm &&
	farley campaign list spring-mailing --format=csv | cut -d, -f1 | sed 1d >camp &&
	farley ls contacts --where "address.city=Berlin and optout!=true" emails --format=ids >typed &&
	test_cmp typed camp &&
	farley ls contacts @berlin --format=ids >seg &&
	farley ls contacts --where address.city=Berlin --format=ids >typed && test_cmp typed seg
'

test_expect_success 'the list size is recorded on the campaign in a commit, once' '
	cd crm &&
	grep "^audience: 3$" campaigns/sp/spring-mailing.yaml &&
	git log --format=%s -1 -- campaigns/sp >msg &&
	echo "campaign spring-mailing: list of 3 contacts" >expect && test_cmp expect msg &&
	head=$(git rev-parse HEAD) &&
	farley campaign list spring-mailing --format=csv >/dev/null &&
	test $(git rev-parse HEAD) = $head && test_clean
'

test_expect_success 'an explicit contacts list: each once, opt-outs left out; csv header' '
	cd crm &&
	farley campaign list trade-fair --format=csv >got.csv &&
	cat >expect <<-\EOF &&
	id,name,email,company,salutation
	anna-alt,Anna Alt,anna@acme.example,Acme GmbH,Dear Anna
	emil-ems,Emil Ems,emil@ems.example,,Dear Emil
	EOF
	tr -d "\r" <got.csv >got && test_cmp expect got &&
	test_expect_code 1 farley campaign list anna-alt 2>err && grep "not a campaign" err &&
	test_expect_code 2 farley campaign send spring 2>err && grep "unknown subcommand" err
'

test_expect_success 'report campaign matches the independently computed figures' '
	cd crm &&
	farley report campaign --format=json >got.json &&
	$PYTHON -c "$audience_py
from decimal import Decimal, ROUND_HALF_UP
camps, deals, inters = load(\"campaigns\"), load(\"deals\"), load(\"interactions\")
cfg = yaml.safe_load(open(\"farley.yaml\"))
closed = {s[\"name\"]: s.get(\"closed\") for s in cfg[\"stages\"]}
got = {r[\"id\"]: r for r in json.load(open(\"got.json\"))}
assert sorted(got) == sorted(camps), got
for cid, c in camps.items():
    g = got[cid]
    aud = len(audience(c))
    resp = [x for x in inters.values() if x.get(\"campaign\") == cid]
    who = {p for x in resp for p in x.get(\"contacts\", [])}
    src = [d for d in deals.values() if d.get(\"source\") == cid]
    cents = lambda d: int(Decimal(str(d.get(\"value\", 0))) * 100)
    pipe = sum(cents(d) for d in src if not closed[d[\"stage\"]])
    won = sum(cents(d) for d in src if closed[d[\"stage\"]] == \"won\")
    budget = int(Decimal(str(c.get(\"budget\", 0))) * 100)
    money = lambda x: Decimal(x) / 100
    assert int(g[\"audience\"]) == aud, (cid, g, aud)
    assert int(g[\"responses\"]) == len(resp) and int(g[\"responders\"]) == len(who), g
    assert Decimal(str(g[\"response_rate_pct\"])) == Decimal(\"%.1f\" % (100.0 * len(who) / aud)), g
    assert int(g[\"deals_sourced\"]) == len(src), g
    assert Decimal(str(g[\"pipeline_value\"])) == money(pipe), (g, pipe)
    assert Decimal(str(g[\"won_value\"])) == money(won), (g, won)
    cpr = (Decimal(budget) / len(resp)).quantize(Decimal(1), ROUND_HALF_UP)
    assert Decimal(str(g[\"cost_per_response\"])) == money(cpr), (g, cpr)
    assert Decimal(str(g[\"return_on_budget_pct\"])) == Decimal(\"%.1f\" % (100.0 * (won - budget) / budget)), g
s = got[\"spring-mailing\"]
assert (int(s[\"audience\"]), int(s[\"responses\"]), int(s[\"responders\"])) == (3, 3, 2), s
D = lambda v: Decimal(str(v))
assert D(s[\"won_value\"]) == D(\"2500.25\") and D(s[\"pipeline_value\"]) == 5000, s
assert D(s[\"cost_per_response\"]) == D(\"333.33\") and D(s[\"return_on_budget_pct\"]) == 150, s
"
'

test_expect_success 'report campaign ID: one campaign, by prefix; csv rows' '
	cd crm &&
	farley report campaign trade --format=csv >got.csv &&
	test $(wc -l <got.csv) -eq 2 && grep "^trade-fair,Trade fair,planned,EUR,2,1,1,50.0,1,0,333.33,0,250.5,250.5,-100.0" got.csv &&
	test_expect_code 1 farley report campaign nope 2>err && grep "no campaign .nope." err
'

test_expect_success 'show CONTACT and COMPANY list their campaigns; search finds campaigns' '
	cd crm &&
	farley show anna-alt --format=json >j &&
	$PYTHON -c "
import json; d = json.load(open(\"j\"))
assert sorted(c[\"id\"] for c in d[\"linked\"][\"campaigns\"]) == [\"spring-mailing\", \"trade-fair\"], d[\"linked\"]" &&
	farley show acme-gmbh --format=json >j &&
	$PYTHON -c "
import json; d = json.load(open(\"j\"))
assert sorted(c[\"id\"] for c in d[\"linked\"][\"campaigns\"]) == [\"spring-mailing\", \"trade-fair\"], d[\"linked\"]" &&
	farley search fair --kind campaign --format=ids >got && echo trade-fair >expect && test_cmp expect got
'

test_done
