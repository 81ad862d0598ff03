#!/usr/bin/env python3
"""Write an mbox of N realistic messages, always the same for a seed.

    python3 bench/gen_mbox.py N OUT [--seed S] [--contacts K] [--crm DIR]

The messages go between me (me@farley-bench.example, half of them from
me) and K people (default 500) of K/5 companies, a few also to or from
someone unknown: plain text in UTF-8 or ISO-8859-1 (8bit, quoted-printable
or base64), a third multipart/alternative with an HTML part, one in ten
with a PDF attached, one in twenty HTML only; subjects with umlauts as
RFC 2047 encoded words, replies with quoted text, dates over two years.

--crm DIR also writes the K contacts and their companies into DIR, a
repository made with `farley init`, and commits them: the repository the
import is measured against (bench/import-mbox.md).
"""
import argparse
import datetime
import os
import random
import subprocess
import sys
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

ap = argparse.ArgumentParser()
ap.add_argument("n", type=int)
ap.add_argument("out")
ap.add_argument("--seed", type=int, default=7)
ap.add_argument("--contacts", type=int, default=500)
ap.add_argument("--crm")
args = ap.parse_args()
rng = random.Random(args.seed)
random.seed(args.seed)  # the email package draws its MIME boundaries from it

FIRST = ["Jane", "John", "Anna", "Lukas", "Sophie", "Mehmet", "Chloé", "Ole",
         "Priya", "Tom", "Grete", "Marco", "Inès", "Kai", "Lea", "Jürgen", "Zoë",
         "Ana", "Li", "Wei", "Björn", "Émile", "Noor", "Sven", "Ada"]
LAST = ["Doe", "Weiß", "Schmidt", "Yılmaz", "Dubois", "Hansen", "Patel",
        "Becker", "Rossi", "Novak", "Fischer", "Wagner", "Müller", "García",
        "Øster", "Keller", "Lindqvist", "Moreau", "Kowalski", "Jansen"]
FIRMS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark",
         "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Gringotts", "Wonka",
         "Oceanic", "Nakatomi", "Duff", "Monarch", "Aperture", "Massive", "Vehement"]
FORMS = ["GmbH", "AG", "Ltd", "Inc.", "S.A.", "ApS", "B.V.", "Oy"]
TOPICS = ["Angebot", "Rechnung", "Lieferung", "Termin", "Vertrag", "Rückfrage",
          "Offer", "Invoice", "Delivery", "Meeting", "Contract", "Question",
          "Preisanpassung", "Kündigung", "Verlängerung", "Schulung", "Grüße"]
WORDS = ("the offer for next quarter includes support and training as discussed "
         "we would like to confirm the delivery date and the price per unit "
         "bitte schicken Sie uns die unterlagen bis freitag damit wir prüfen "
         "können ob alles passt danke für ihre geduld mit freundlichen grüßen "
         "let me know if the meeting on tuesday still works for your team "
         "außerdem brauchen wir eine übersicht der offenen posten und zahlungen").split()
ME = ("Me Myself", "me@farley-bench.example")
START = datetime.datetime(2024, 1, 1, 8, 0, tzinfo=datetime.timezone.utc)


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
        elif not unicodedata.combining(ch):
            dash = True
    return "".join(out)[:48].rstrip("-")


companies = []
for i in range(max(1, args.contacts // 5)):
    name = "%s %s %d" % (rng.choice(FIRMS), rng.choice(FORMS), i)
    companies.append((name, "%s%d.example" % (slug(name.split()[0]), i)))
people = []
for i in range(args.contacts):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    comp = companies[i % len(companies)]
    email = "%s.%s.%d@%s" % (slug(first), slug(last), i, comp[1])
    people.append(("%s %s" % (first, last), email, comp))


def sentence():
    n = rng.randint(6, 16)
    s = " ".join(rng.choice(WORDS) for _ in range(n))
    return s[0].upper() + s[1:] + "."


def paragraph():
    return " ".join(sentence() for _ in range(rng.randint(2, 5)))


def wrap(text, width=72):
    lines, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = (line + " " + w).strip()
    lines.append(line)
    return "\n".join(lines)


def body_text(name, reply):
    parts = ["Hallo %s," % name.split()[0] if rng.random() < 0.5
             else "Dear %s," % name.split()[0]]
    parts += [wrap(paragraph()) for _ in range(rng.randint(1, 6))]
    parts.append("Viele Grüße\n%s" % ME[0])
    text = "\n\n".join(parts) + "\n"
    if reply:
        quoted = "\n".join("> " + l for l in wrap(paragraph()).split("\n"))
        text += "\nAm Montag schrieb %s:\n%s\n" % (name, quoted)
    return text


def html_of(text):
    from html import escape
    paras = text.strip().split("\n\n")
    return ("<html><head><style>p{margin:0}</style></head><body>" +
            "".join("<p>%s</p>" % escape(p).replace("\n", "<br>") for p in paras) +
            "</body></html>")


def message(i):
    person = people[rng.randrange(len(people))]
    others = [people[rng.randrange(len(people))] for _ in range(rng.choice([0, 0, 0, 1, 2]))]
    outgoing = rng.random() < 0.5
    m = EmailMessage()
    me = '"%s" <%s>' % ME
    them = ['"%s" <%s>' % (p[0], p[1]) for p in [person] + others]
    if rng.random() < 0.03:
        them.append('"Someone New" <new%d@unknown.example>' % i)
    if outgoing:
        m["From"] = me
        m["To"] = them[0]
        if them[1:]:
            m["Cc"] = ", ".join(them[1:])
    else:
        m["From"] = them[0]
        m["To"] = me
        if them[1:]:
            m["Cc"] = ", ".join(them[1:])
    reply = rng.random() < 0.4
    subject = "%s %s" % (rng.choice(TOPICS), rng.choice(WORDS))
    m["Subject"] = ("Re: " if reply else "") + subject + " #%d" % i
    when = START + datetime.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
    tz = datetime.timezone(datetime.timedelta(hours=rng.choice([-5, 0, 1, 2])))
    m["Date"] = format_datetime(when.astimezone(tz))
    m["Message-ID"] = "<%d.%d@farley-bench.example>" % (i, args.seed)
    text = body_text(person[0], reply)
    charset = "utf-8" if rng.random() < 0.7 else "iso-8859-1"
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        charset = "utf-8"
    cte = rng.choice(["8bit", "quoted-printable", "base64"])
    kind = rng.random()
    if kind < 0.05:
        m.set_content(html_of(text), subtype="html", charset="utf-8",
                      cte="quoted-printable")
    else:
        m.set_content(text, charset=charset, cte=cte)
        if kind < 0.35:
            m.add_alternative(html_of(text), subtype="html", charset="utf-8",
                              cte="quoted-printable")
    if rng.random() < 0.1:
        blob = bytes(rng.getrandbits(8) for _ in range(rng.randint(2000, 30000)))
        m.add_attachment(blob, maintype="application", subtype="pdf",
                         filename="%s-%d.pdf" % (slug(subject), i))
    return m.as_bytes(policy=SMTP.clone(linesep="\n"))


def write_mbox():
    with open(args.out, "wb") as f:
        for i in range(args.n):
            raw = message(i)
            f.write(b"From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n")
            for line in raw.splitlines(keepends=True):
                f.write(b">" + line if line.startswith(b"From ") else line)
            f.write(b"\n")


def write_crm(root):
    today = datetime.date.today().isoformat()
    files = []
    for name, domain in companies:
        cid = slug(name)
        path = os.path.join("companies", cid.replace("-", "")[:2], cid + ".yaml")
        files.append((path, "name: %s\ndomain: %s\ncreated: %s\n" % (name, domain, today)))
    for name, email, comp in people:
        pid = slug("%s %s" % (name, email.split("@")[0].split(".")[-1]))
        path = os.path.join("contacts", pid.replace("-", "")[:2], pid + ".yaml")
        files.append((path, "name: %s\ncompany: %s\nemails:\n  - %s\ncreated: %s\n"
                      % (name, slug(comp[0]), email, today)))
    for path, text in files:
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
    subprocess.run(["git", "-C", root, "add", "companies", "contacts"], check=True)
    subprocess.run(["git", "-C", root, "commit", "-q", "-m",
                    "bench: %d contacts of %d companies" % (len(people), len(companies))],
                   check=True)
    subprocess.run(["git", "-C", root, "config", "user.email", ME[1]], check=True)


write_mbox()
if args.crm:
    write_crm(args.crm)
sys.exit(0)
