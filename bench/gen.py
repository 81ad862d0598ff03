#!/usr/bin/env python3
"""Generate a farley repository of a chosen size with a fixed seed.

    python3 bench/gen.py DIR [--scale S] [--seed N] [--commits N]

--scale 1 is the SPEC's reference size: 10,000 companies, 50,000 contacts,
20,000 deals, 400,000 interactions and 30,000 tasks (510,000 files).
--scale 0.01 makes 5,100 records for tests.  The records are written
straight into git with `git fast-import` (as --commits commits, the later
ones changing deals' stages and close dates, so history has something to
mine) and then checked out.  Every file is in farley's canonical form.
"""
import argparse, datetime, os, random, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--scale", type=float, default=1.0)
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--commits", type=int, default=1)
args = ap.parse_args()
rng = random.Random(args.seed)

N = {k: max(3, int(v * args.scale)) for k, v in dict(
    company=10000, contact=50000, deal=20000, interaction=400000, task=30000).items()}

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima "
         "mike november oscar papa quebec romeo sierra tango uniform victor whiskey "
         "xray yankee zulu amber cobalt crimson indigo olive silver umber").split()
FIRST = ["Jane", "John", "Anna", "Lukas", "Sophie", "Mehmet", "Chloé", "Ole", "Priya",
         "Tom", "Grete", "Marco", "Inès", "Kai", "Lea", "Jürgen", "Zoë", "Ana", "Li", "Wei"]
LAST = ["Doe", "Weiß", "Schmidt", "Yılmaz", "Dubois", "Hansen", "Patel", "Becker",
        "Rossi", "Novak", "Fischer", "Wagner", "Müller", "García", "Øster"]
INDUSTRIES = ["retail", "software", "food", "energy", "travel", "design", "finance"]
STAGES = ["lead", "qualified", "proposal", "negotiation", "won", "lost"]
CHANNELS = ["email", "call", "meeting", "chat", "note"]
OWNERS = ["alice", "bob", "chen", "dana"]
TAGS = ["vip", "partner", "newsletter", "berlin", "priority"]

BASE = datetime.date(2025, 1, 1)

def day(offset):
    return (BASE + datetime.timedelta(days=offset)).isoformat()

def slug(s):
    import unicodedata
    s = unicodedata.normalize("NFKD", s)
    out, dash = [], False
    for ch in s.lower():
        if ch.isascii() and ch.isalnum():
            if dash and out:
                out.append("-")
            out.append(ch)
            dash = False
        elif unicodedata.combining(ch):
            continue
        else:
            dash = True
    return "".join(out)[:48].rstrip("-")

def q(s):
    """A plain scalar when safe, else double-quoted (enough for our data)."""
    if not s or s[0] in "-?:,[]{}#&*!|>'\"%@`" or s[0].isdigit() or ": " in s or " #" in s \
            or s.lower() in ("yes", "no", "on", "off", "null", "true", "false", "y", "n", "~"):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s

def shard(i):
    return "".join(c for c in i if c != "-")[:2]

records = {}   # path -> text
ids = set()

def unique(base):
    i, n = base, 2
    while i in ids:
        i = "%s-%d" % (base, n)
        n += 1
    ids.add(i)
    return i

companies = []
for n in range(N["company"]):
    name = "%s %s %s" % (rng.choice(WORDS).title(), rng.choice(WORDS).title(),
                         rng.choice(["GmbH", "Ltd", "Inc", "AG", "SARL", "KG"]))
    if n % 997 == 0:
        name = "Acme " + name
    cid = unique(slug(name))
    lines = ["name: " + q(name), "industry: " + rng.choice(INDUSTRIES)]
    if rng.random() < 0.3:
        lines += ["tags:"] + ["  - " + t for t in rng.sample(TAGS, rng.randint(1, 2))]
    lines += ["owner: " + rng.choice(OWNERS), "created: " + day(rng.randint(0, 300))]
    if rng.random() < 0.2:
        lines.append("tier: " + rng.choice(["gold", "silver", "bronze"]))
    records["companies/%s/%s.yaml" % (shard(cid), cid)] = "\n".join(lines) + "\n"
    companies.append(cid)

contacts = []
for n in range(N["contact"]):
    name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
    pid = unique(slug(name))
    comp = rng.choice(companies)
    lines = ["name: " + q(name), "company: " + comp,
             "title: " + rng.choice(["CEO", "CTO", "Buyer", "CFO", "Office Manager"])]
    lines += ["emails:", "  - %s@%s.example" % (pid, comp[:20])]
    if rng.random() < 0.3:
        lines.append("every: " + rng.choice(["30d", "2w", "3m"]))
    if rng.random() < 0.2:
        lines += ["tags:", "  - " + rng.choice(TAGS)]
    lines += ["owner: " + rng.choice(OWNERS), "created: " + day(rng.randint(0, 300))]
    records["contacts/%s/%s.yaml" % (shard(pid), pid)] = "\n".join(lines) + "\n"
    contacts.append((pid, comp))

deals = []
for n in range(N["deal"]):
    pid, comp = rng.choice(contacts)
    title = "%s %s %s" % (comp.split("-")[0].title(), rng.choice(WORDS),
                          rng.choice(["renewal", "pilot", "expansion", "licences"]))
    did = unique(slug(title))
    stage = rng.choice(STAGES)
    cents = rng.randint(100, 9000000)
    value = "%d.%02d" % divmod(cents, 100) if cents % 100 else str(cents // 100)
    lines = ["title: " + q(title), "stage: " + stage, "company: " + comp,
             "contacts:", "  - " + pid, "value: " + value]
    if rng.random() < 0.2:
        lines.append("probability: " + rng.choice(["0.1", "0.35", "0.8", "0.05"]))
    if rng.random() < 0.9:
        lines.append("close: " + day(rng.randint(200, 800)))
    lines.append("source: " + rng.choice(["referral", "website", "fair"]))
    if rng.random() < 0.2:
        lines += ["tags:", "  - " + rng.choice(TAGS)]
    lines += ["owner: " + rng.choice(OWNERS), "created: " + day(rng.randint(0, 300))]
    if rng.random() < 0.3:
        lines.append("score: %d" % rng.randint(0, 10))
    if rng.random() < 0.2:
        lines.append("tier: " + rng.choice(["gold", "silver"]))
    records["deals/%s/%s.yaml" % (shard(did), did)] = "\n".join(lines) + "\n"
    deals.append((did, comp, pid))

for n in range(N["interaction"]):
    did, comp, pid = rng.choice(deals)
    d = BASE + datetime.timedelta(days=rng.randint(0, 700))
    hh, mm = rng.randint(8, 18), rng.randint(0, 59)
    ch = rng.choice(CHANNELS)
    iid = "%s-%02d%02d-%s-%s-%04x" % (d.strftime("%Y%m%d"), hh, mm, pid[:30], ch,
                                      rng.getrandbits(16))
    while iid in ids:
        iid += "x"
    ids.add(iid)
    summary = "%s %s %s" % (rng.choice(["Call about", "Sent", "Discussed", "Met for"]),
                            rng.choice(WORDS), rng.choice(WORDS))
    lines = ["date: %sT%02d:%02d+01:00" % (d.isoformat(), hh, mm), "channel: " + ch,
             "summary: " + q(summary), "contacts:", "  - " + pid, "company: " + comp]
    if rng.random() < 0.5:
        lines.append("deal: " + did)
    if rng.random() < 0.4:
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40)))
        lines += ["body: |", "  " + body]
    lines.append("owner: " + rng.choice(OWNERS))
    records["interactions/%s/%s/%s.yaml" % (d.strftime("%Y"), d.strftime("%m"), iid)] = \
        "\n".join(lines) + "\n"

for n in range(N["task"]):
    did, comp, pid = rng.choice(deals)
    title = rng.choice(["Send quote", "Call back", "Prepare demo", "Check contract"])
    tid = "%s-%04x" % (slug(title), rng.getrandbits(16))
    while tid in ids:
        tid += "x"
    ids.add(tid)
    lines = ["title: " + title, "due: " + day(rng.randint(300, 800))]
    if rng.random() < 0.3:
        lines.append("status: done")
    lines += ["deal: " + did, "owner: " + rng.choice(OWNERS)]
    records["tasks/%s/%s.yaml" % (shard(tid), tid)] = "\n".join(lines) + "\n"

FARLEY_YAML = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                "examples", "crm", "farley.yaml")).read()

os.makedirs(args.dir, exist_ok=True)
subprocess.run(["git", "init", "-q", "-b", "main", args.dir], check=True)
fi = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=args.dir,
                      stdin=subprocess.PIPE)
out = fi.stdin
mark = [0]

def blob(text):
    data = text.encode()
    mark[0] += 1
    out.write(b"blob\nmark :%d\ndata %d\n" % (mark[0], len(data)) + data + b"\n")
    return mark[0]

def commit(files, msg, when, parent):
    marks = [(p, blob(t)) for p, t in files]
    mark[0] += 1
    m = msg.encode()
    out.write(b"commit refs/heads/main\nmark :%d\n" % mark[0])
    out.write(b"author Bench <bench@example.com> %d +0000\n" % when)
    out.write(b"committer Bench <bench@example.com> %d +0000\n" % when)
    out.write(b"data %d\n" % len(m) + m + b"\n")
    if parent:
        out.write(b"from :%d\n" % parent)
    for p, bm in marks:
        out.write(b"M 100644 :%d %s\n" % (bm, p.encode()))
    return mark[0]

when = 1735725600  # 2025-01-01T10:00Z
files = sorted(records.items())
files.insert(0, ("farley.yaml", FARLEY_YAML))
files.insert(1, (".gitattributes", "".join("%s/** merge=farley\n" % k for k in
                 ("companies", "contacts", "deals", "interactions", "tasks"))))
head = commit(files, "import %d records" % len(records), when, None)
deal_paths = [p for p in records if p.startswith("deals/")]
for c in range(1, args.commits):
    when += 3600 * rng.randint(1, 48)
    p = rng.choice(deal_paths)
    text = records[p]
    lines = text.split("\n")
    for i, l in enumerate(lines):
        if l.startswith("stage: "):
            lines[i] = "stage: " + rng.choice(STAGES)
        elif l.startswith("close: ") and rng.random() < 0.5:
            lines[i] = "close: " + day(rng.randint(300, 900))
    records[p] = "\n".join(lines)
    head = commit([(p, records[p])], "deal: change %s" % p, when, head)
out.close()
if fi.wait():
    sys.exit("git fast-import failed")
subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=args.dir, check=True)
print("%s: %d records in %d commit(s)" % (args.dir, len(records), max(1, args.commits)))
