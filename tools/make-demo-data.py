#!/usr/bin/env python3
"""Regenerate examples/crm/: the demo CRM's records, made with farley itself.

Deterministic (fixed seed, dates and identities), so running it again gives
the same files.  Usage: python3 tools/make-demo-data.py [path/to/farley]
"""
import os, random, shutil, subprocess, sys, tempfile

FARLEY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "farley")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "examples", "crm")
rng = random.Random(20261124)

COMPANIES = [
    ("Acme GmbH", "retail", "Berlin", "DE"),
    ("Müller Bäckerei GmbH", "food", "München", "DE"),
    ("Schäfer & Söhne KG", "manufacturing", "Köln", "DE"),
    ("บริษัท ไทยพัฒนา จำกัด", "construction", "Bangkok", "TH"),
    ("北京科技有限公司", "software", "Beijing", "CN"),
    ("Globex Corporation", "energy", "Springfield", "US"),
    ("Initech", "software", "Austin", "US"),
    ("Nordlicht Reisen AG", "travel", "Hamburg", "DE"),
    ("Løvstad & Ørum ApS", "design", "København", "DK"),
    ("Café Olé SARL", "food", "Lyon", "FR"),
]
FIRST = ["Jane", "Jürgen", "Anna", "Lukas", "Sophie", "Mehmet", "Chloé", "Ole",
         "Priya", "Tom", "Grete", "Marco", "Ines", "Kai", "Lea"]
LAST = ["Doe", "Weiß", "Schmidt", "Yılmaz", "Dubois", "Hansen", "Patel",
        "Becker", "Rossi", "Novak", "Fischer", "Wagner"]
ASIAN = ["王伟", "李娜", "张敏", "สมชาย ใจดี", "วิไล ศรีสุข", "陈杰"]
TITLES = ["CEO", "CTO", "Head of Purchasing", "Office Manager", "CFO",
          "Operations Lead", "Buyer"]
OWNERS = [("Alice Adams", "alice@example.com"), ("Bob Brown", "bob@example.com"),
          ("Chen Li", "chen@example.com")]
STAGES = ["lead", "qualified", "proposal", "negotiation", "won", "lost"]
CHANNELS = ["email", "call", "meeting", "chat", "note"]
SUMMARIES = ["Intro call", "Sent pricing", "Follow-up on proposal",
             "Demo of the new module", "Budget discussion", "Contract questions",
             "Quarterly review", "Asked for references", "Negotiated discount",
             "Kick-off meeting", "Support question", "Renewal reminder"]

clock = [0]  # minutes since 2026-01-05 09:00 UTC


def env(owner):
    clock[0] += rng.randint(30, 600)
    day, minute = divmod(clock[0], 8 * 60)
    import datetime
    t = datetime.datetime(2026, 1, 5, 9, 0) + datetime.timedelta(days=day, minutes=minute)
    stamp = t.strftime("%Y-%m-%dT%H:%M:00+00:00")
    e = dict(os.environ)
    name, email = owner
    e.update(GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_AUTHOR_DATE=stamp,
             GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email,
             GIT_COMMITTER_DATE=stamp, FARLEY_TODAY=t.strftime("%Y-%m-%d"), TZ="UTC")
    return e, t


def farley(*args, owner=None):
    e, t = env(owner or rng.choice(OWNERS))
    out = subprocess.run([FARLEY, *args], env=e, check=True, capture_output=True,
                         text=True, cwd=repo)
    return out.stdout.strip(), t


tmp = tempfile.mkdtemp()
repo = os.path.join(tmp, "crm")
subprocess.run([FARLEY, "init", repo], check=True, capture_output=True)

companies = []
for name, industry, city, country in COMPANIES:
    cid, _ = farley("add", "company", name, "industry=" + industry,
                    "address.city=" + city, "address.country=" + country)
    companies.append(cid)

contacts = []
people = [f + " " + l for f in FIRST for l in LAST]
rng.shuffle(people)
people = people[:24] + ASIAN
for i, person in enumerate(people):
    company = companies[i % len(companies)]
    args = ["add", "contact", person, "company=" + company,
            "title=" + rng.choice(TITLES)]
    if rng.random() < 0.8:
        local = "".join(ch for ch in person.lower().split()[0] if ch.isascii() and ch.isalpha())
        args.append("emails=%s@%s.example" % (local or "info", company[:12]))
    if rng.random() < 0.4:
        args.append("every=" + rng.choice(["30d", "2w", "3m"]))
    if rng.random() < 0.3:
        args.append("tags=" + rng.choice(["vip", "newsletter", "partner"]))
    pid, _ = farley(*args)
    contacts.append((pid, company))

deals = []
for i in range(20):
    company = companies[i % len(companies)]
    people_here = [p for p, c in contacts if c == company]
    title = "%s %s" % (COMPANIES[i % len(COMPANIES)][0].split()[0],
                       rng.choice(["renewal", "pilot", "expansion", "licences", "support"]))
    value = "%d.%02d" % (rng.randint(1, 90) * 1000 + rng.randint(0, 999), rng.choice([0, 50, 90, 10]))
    args = ["add", "deal", title, "company=" + company, "value=" + value,
            "close=2026-%02d-%02d" % (rng.randint(11, 12), rng.randint(1, 28)),
            "source=" + rng.choice(["referral", "website", "fair", "cold call"])]
    if people_here:
        args.append("contacts=" + people_here[0])
    did, _ = farley(*args)
    deals.append((did, company, people_here))
    # walk it through the stages, one commit per move
    target = rng.choice(STAGES)
    for stage in STAGES[1:STAGES.index(target) + 1]:
        if stage == "lost" and target != "lost":
            break
        if target == "lost" and stage == "won":
            continue
        farley("set", did, "stage=" + stage)

for i in range(150):
    did, company, people_here = rng.choice(deals)
    refs = [rng.choice(people_here)] if people_here else [company]
    if rng.random() < 0.5:
        refs.append(did)
    e, t = env(rng.choice(OWNERS))
    stamp = t.strftime("%Y-%m-%dT%H:%M+01:00")
    args = ["log", *refs, "-m", rng.choice(SUMMARIES), "--channel",
            rng.choice(CHANNELS), "--date", stamp]
    if rng.random() < 0.3:
        args += ["--body", "Notes:\n- " + rng.choice(SUMMARIES).lower() + "\n- next steps agreed"]
    subprocess.run([FARLEY, *args], env=e, check=True, capture_output=True, cwd=repo)

for i in range(15):
    did, company, people_here = rng.choice(deals)
    args = ["add", "task", rng.choice(["Send revised quote", "Call back", "Prepare demo",
                                        "Check contract", "Book meeting room"]),
            "due=2026-%02d-%02d" % (rng.randint(10, 12), rng.randint(1, 28)), "deal=" + did]
    if rng.random() < 0.3:
        args.append("every=1m")
    farley(*args)

shutil.rmtree(OUT, ignore_errors=True)
for kind in ("companies", "contacts", "deals", "interactions", "tasks"):
    shutil.copytree(os.path.join(repo, kind), os.path.join(OUT, kind))
shutil.copy(os.path.join(repo, "farley.yaml"), os.path.join(OUT, "farley.yaml"))
shutil.rmtree(tmp)
print("wrote", OUT)
