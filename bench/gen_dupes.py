#!/usr/bin/env python3
"""Generate a repository of contacts and companies with planted duplicates.

    python3 bench/gen_dupes.py DIR [--contacts N] [--seed S] [--planted FILE]

Writes N contacts (default 50,000, the SPEC's reference size) at N/5
companies, of which one contact in eight and one company in twenty-five
get a planted duplicate, each findable for one reason only:

  contacts   email      the address in other letter case, the name as "J. Doe"
             phone      the number in another format ("+49 30 1234567",
                        "0049301234567", "(030) 123-4567" ...), "J. Doe"
             accents    "Jürgen Weiß" again as "Jurgen Weiss"
             reversed   "Doe, Jane" at the same company
             near       one typo at the same company ("Jon"/"John",
                        "Schmidt"/"Schmdit", "Hansen"/"Hanssen")
  companies  suffix     "Foo Bar GmbH" again as "FOO BAR" or "Foo Bar Inc."
             near       "Foo Barr GmbH"
             domain     another name, the same domain written as a web address

and decoys that are not duplicates: the same name at two companies, two
companies' people sharing a contractor's e-mail domain, "Tom"/"Tim" at one
company, one local number in two cities.  --planted writes the pairs (ids,
sorted) as JSON: {"contacts": [...], "companies": [...], "decoys": [...]}.

The files go straight into git with `git fast-import` (one commit), then
are checked out; run `farley index` (or any command) to build the index.
"""
import argparse, json, os, random, subprocess, sys, unicodedata

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--contacts", type=int, default=50000)
ap.add_argument("--seed", type=int, default=7)
ap.add_argument("--planted")
args = ap.parse_args()
rng = random.Random(args.seed)

FIRST = ("Adrian Agnes Albert Alice Amelia Andreas Angela Anton Arthur Astrid "
         "Barbara Beatrix Benedikt Bernhard Bettina Carla Carsten Charlotte "
         "Christian Christina Clemens Cornelia Daniel Dorothea Edgar Elena "
         "Elisabeth Emil Erik Felix Florian Franziska Frederik Gabriel Georg "
         "Gertrud Gregor Hannah Harald Heinrich Helena Henrik Hermann Ingrid "
         "Isabel Jakob Joachim Johanna Jonas Josephine Julian Karolina "
         "Konstantin Leonhard Leopold Lorenz Ludwig Magdalena Margarete Martin "
         "Mathilde Maximilian Melanie Michael Natalie Nikolaus Olivia Oskar "
         "Patrick Paulina Quentin Rebecca Reinhard Roberto Rosalie Sebastian "
         "Severin Sigrid Stefanie Theodor Theresa Ulrich Valentin Veronika "
         "Viktor Walter Wilhelm Yvonne Zacharias").split()
SYL_A = ("Bau Berg Brand Busch Dahl Eck Feld Franken Fuchs Gold Grün Hart Hoch "
         "Holz Kamm Klein Kron Lang Lind Mahl Neu Ober Ring Rosen Sand Schön "
         "Stein Sturm Tann Vogel Wald Weiß Wolf Zell").split()
SYL_B = ("bach bauer berger brunner dorf egger feld hagen hammer hauser heim "
         "hofer huber kamp lechner mann meier moser müller reiter ried "
         "schmid steiner thaler wieser winkler").split()
# names with accents or ß, and their plain spelling
ACCENTED = [("Jürgen", "Weiß"), ("Zoë", "Brandstätter"), ("Chloé", "Dubois-Lefèvre"),
            ("Søren", "Kjærgaard"), ("Inès", "Müller-Großmann"), ("Łukasz", "Wójcik"),
            ("José", "Núñez"), ("Björn", "Strauß"), ("Agnès", "Façade"),
            ("Dörte", "Schäfer"), ("Renée", "Gößling"), ("François", "Lefèbvre")]
WORDS = ("Alder Basalt Cedar Delta Ember Falcon Garnet Harbor Iris Juniper Kestrel "
         "Lantern Meadow Nimbus Onyx Pebble Quartz Raven Saffron Timber Umbra "
         "Velvet Willow Yarrow Zephyr Anchor Beacon Cobalt Dune Eagle Fjord Grove "
         "Heron Island Jasper Kite Lotus Maple Nectar Orchid Pine Quill Ridge "
         "Summit Tundra Upland Vista Walnut Xenon Yukon Zinnia Aurora Breeze "
         "Canyon Drift Echo Fern Glacier Hazel Indigo Jade Koala Lagoon Mosaic "
         "Nova Oasis Prairie Quest Reef Sierra Thistle Unity Voyage Wren").split()
SECOND = ("Analytics Bakery Consulting Design Dynamics Energy Foods Freight "
          "Hardware Imaging Labs Logistics Media Metals Motors Optics Partners "
          "Pharma Robotics Software Studios Systems Textiles Travel Ventures "
          "Works").split()
FORMS = ["GmbH", "AG", "Ltd", "Inc.", "SARL", "KG", "B.V.", "S.A.", ""]
AREAS = ["30", "40", "89", "221", "69", "711", "211", "351", "341", "511"]


def slug(s):
    s = s.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("æ", "ae") \
         .replace("Æ", "AE").replace("ł", "l").replace("Ł", "L")
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


def plain(s):
    """Accents folded, ß as ss: what the duplicate is typed as."""
    s = s.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l") \
         .replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(c))


def shard(i):
    return "".join(c for c in i if c != "-")[:2]


ids = set()


def unique(base):
    i, n = base, 2
    while i in ids:
        i = "%s-%d" % (base, n)
        n += 1
    ids.add(i)
    return i


def q(s):
    return json.dumps(s, ensure_ascii=False)


records = {}


def write(kind_dir, rid, fields):
    lines = []
    for k, v in fields:
        if v is None:
            continue
        if isinstance(v, list):
            lines.append(k + ":")
            lines += ["  - " + q(x) for x in v]
        else:
            lines.append("%s: %s" % (k, q(v)))
    records["%s/%s/%s.yaml" % (kind_dir, shard(rid), rid)] = "\n".join(lines) + "\n"


def phone_formats(area, local):
    """One number, every way people write it."""
    a, l = area, local
    return ["+49 %s %s" % (a, l), "0049%s%s" % (a, l), "0%s %s" % (a, l),
            "(0%s) %s-%s" % (a, l[:3], l[3:]), "+49 (0)%s %s %s %s" % (a, l[:3], l[3:5], l[5:]),
            "+49-%s-%s" % (a, l)]


def typo(word):
    """One slip of the keyboard that keeps a long word recognisable."""
    if len(word) < 5:
        return word[:1] + word[1] + "h" + word[2:] if len(word) >= 3 else word + "e"
    i = rng.randint(1, len(word) - 3)
    how = rng.choice(["drop", "double", "swap"])
    if how == "drop":
        return word[:i] + word[i + 1:]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


n_contacts = args.contacts
n_companies = max(8, n_contacts // 5)
planted = {"contacts": [], "companies": [], "decoys": []}


def pair(kind, a, b):
    planted[kind].append(sorted([a, b]))


# companies: distinct names (word, word, legal form), a domain each
companies = []
names_seen = set()
while len(companies) < n_companies:
    base = "%s %s" % (rng.choice(WORDS), rng.choice(SECOND))
    if len(names_seen) > len(WORDS) * len(SECOND) * 0.7:
        base = "%s %s %s" % (rng.choice(WORDS), rng.choice(WORDS), rng.choice(SECOND))
    if base in names_seen:
        continue
    names_seen.add(base)
    form = rng.choice(FORMS)
    name = (base + " " + form).strip()
    cid = unique(slug(name))
    domain = slug(base).replace("-", "") + ".example"
    companies.append((cid, name, base, domain))
    write("companies", cid, [("name", name), ("domain", domain)])

# company duplicates
for k in range(max(3, n_companies // 25)):
    cid, name, base, domain = companies[k * 3 % len(companies)]
    how = ["suffix", "near", "domain"][k % 3]
    if how == "suffix":
        dname = rng.choice([base.upper(), base + " Inc.", base + " Ltd", base + " GmbH & Co. KG"])
        fields = [("name", dname)]
    elif how == "near":
        w = base.split()
        dname = " ".join([typo(w[0])] + w[1:]) + " GmbH"
        fields = [("name", dname)]
    else:
        dname = "%s %s Holding" % (rng.choice(WORDS), rng.choice(WORDS))
        fields = [("name", dname), ("domain", "https://www.%s/about" % domain)]
    did = unique(slug(dname))
    write("companies", did, fields)
    pair("companies", cid, did)

# contacts: distinct names; four in five at a company, with its domain
contacts = []
name_seen = set()
used_phones = set()
n_base = n_contacts - n_contacts // 8
accented = list(ACCENTED)
rng.shuffle(accented)
while len(contacts) < n_base:
    if accented and len(contacts) % 9 == 4:
        first, last = accented.pop()
    else:
        first = rng.choice(FIRST)
        last = rng.choice(SYL_A) + rng.choice(SYL_B)
        if len(name_seen) > len(FIRST) * len(SYL_A) * len(SYL_B) * 0.7:
            last += "-" + rng.choice(SYL_A)
    if (first, last) in name_seen:
        continue
    name_seen.add((first, last))
    name = "%s %s" % (first, last)
    pid = unique(slug(name))
    comp = rng.choice(companies) if rng.random() < 0.8 else None
    mail = "%s.%s@%s" % (slug(first), slug(last), comp[3] if comp else "gmail.com")
    if not comp:
        mail = "%s.%s.%d@gmail.com" % (slug(first), slug(last), len(contacts))
    while True:
        area, local = rng.choice(AREAS), "%07d" % rng.randint(1000000, 9999999)
        if (area, local) not in used_phones:
            break
    used_phones.add((area, local))
    fmt = rng.randrange(6)
    fields = [("name", name), ("company", comp[0] if comp else None),
              ("emails", [mail]), ("phones", [phone_formats(area, local)[fmt]])]
    write("contacts", pid, fields)
    contacts.append(dict(id=pid, first=first, last=last, company=comp, mail=mail,
                         area=area, local=local, fmt=fmt))

# contact duplicates, one reason each
kinds = ["email", "phone", "accents", "reversed", "near"]
accented_ones = [c for c in contacts if (c["first"], c["last"]) in set(ACCENTED)]
pool = [c for c in contacts if c not in accented_ones]
rng.shuffle(pool)
for k in range(n_contacts // 8):
    how = kinds[k % 5]
    if how == "accents":
        if not accented_ones:
            how = "reversed"
        else:
            c = accented_ones.pop()
    if how != "accents":
        c = pool.pop()
    comp = c["company"][0] if c["company"] else None
    if how == "email":
        m = "".join(ch.upper() if rng.random() < 0.5 else ch for ch in c["mail"])
        if m == c["mail"]:
            m = m.upper()
        dname = "%s. %s" % (c["first"][0], c["last"])
        fields = [("name", dname), ("emails", [m])]
    elif how == "phone":
        other = [f for i, f in enumerate(phone_formats(c["area"], c["local"])) if i != c["fmt"]]
        dname = "%s. %s" % (c["first"][0], c["last"])
        fields = [("name", dname), ("phones", [rng.choice(other)]),
                  ("emails", ["%s%d@gmx.de" % (slug(c["last"]), k)])]
    elif how == "accents":
        dname = "%s %s" % (plain(c["first"]), plain(c["last"]))
        fields = [("name", dname), ("company", comp)]
    elif how == "reversed":
        dname = "%s, %s" % (c["last"], c["first"])
        fields = [("name", dname), ("company", comp)]
    else:
        if comp is None:
            # near names count within one company only: give both one
            comp = companies[k % len(companies)][0]
            rid = c["id"]
            path = "contacts/%s/%s.yaml" % (shard(rid), rid)
            records[path] = records[path].replace("name: ", "company: %s\nname: " % q(comp), 1)
        if rng.random() < 0.5 and len(c["last"]) >= 5:
            dname = "%s %s" % (c["first"], typo(c["last"]))
        else:
            dname = "%s %s" % (typo(c["first"]), c["last"])
        fields = [("name", dname), ("company", comp)]
    did = unique(slug(dname))
    write("contacts", did, fields)
    pair("contacts", c["id"], did)

# decoys: alike, yet not the same person
if len(companies) >= 3 and pool:
    a, b = companies[0][0], companies[1][0]
    decoys = [
        ("Maria Decoy-Garcia", a, None, None, "Maria Decoy-Garcia", b, None, None),
        ("Tom Decoysmith", a, None, None, "Tim Decoysmith", a, None, None),
        ("Pia Decoylab", a, "pia@contractor-decoy.example", None,
         "Udo Decoyworks", b, "udo@contractor-decoy.example", None),
        ("Eva Decoytel", a, None, "+49 30 7654321", "Ida Decoyphone", b, None, "+49 40 7654321"),
    ]
    for n1, c1, m1, p1, n2, c2, m2, p2 in decoys:
        got = []
        for n, c, m, p in ((n1, c1, m1, p1), (n2, c2, m2, p2)):
            rid = unique(slug(n))
            write("contacts", rid, [("name", n), ("company", c), ("emails", [m] if m else None),
                                    ("phones", [p] if p else None)])
            got.append(rid)
        planted["decoys"].append(sorted(got))

FARLEY_YAML = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                "examples", "crm", "farley.yaml")).read()
os.makedirs(args.dir, exist_ok=True)
subprocess.run(["git", "init", "-q", "-b", "main", args.dir], check=True)
fi = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=args.dir, stdin=subprocess.PIPE)
out = fi.stdin
files = [("farley.yaml", FARLEY_YAML),
         (".gitattributes", "".join("%s/** merge=farley\n" % k for k in
                                    ("companies", "contacts", "deals", "interactions", "tasks")))]
files += sorted(records.items())
out.write(b"commit refs/heads/main\n")
out.write(b"author Bench <bench@example.com> 1735725600 +0000\n")
out.write(b"committer Bench <bench@example.com> 1735725600 +0000\n")
msg = b"generated: %d records with planted duplicates" % len(records)
out.write(b"data %d\n%s\n" % (len(msg), msg))
for path, text in files:
    data = text.encode()
    out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
out.close()
if fi.wait():
    sys.exit("git fast-import failed")
subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=args.dir, check=True)
if args.planted:
    with open(args.planted, "w") as f:
        json.dump(planted, f, indent=1)
print("%s: %d contacts, %d companies, %d + %d planted pairs" % (
    args.dir, sum(p.startswith("contacts/") for p in records),
    sum(p.startswith("companies/") for p in records),
    len(planted["contacts"]), len(planted["companies"])))
