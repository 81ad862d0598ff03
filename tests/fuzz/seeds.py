#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets, tests/fuzz/corpus/TARGET/.

    python3 tests/fuzz/seeds.py [--farley ./farley]

Seeds are real inputs (tests/fixtures, examples/crm, what farley and
farley-mbox write) and the tricky ones the tests use; each is small.  The
files are committed: run this again only to add seeds (it rewrites the
files it makes and leaves others, such as a crasher copied in, alone).
"""
import glob
import hashlib
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")
MAX = 16 << 10


def put(target, name, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX:
        return
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


KINDS = {"companies": 0, "contacts": 1, "deals": 2, "interactions": 3, "tasks": 4}

RECORDS = [
    (2, "title: x\nstage: lead\n"),
    (2, "# hand-written\nstage: proposal   # moved in March\ntitle: Acme renewal\n"
        "tags: [a, b]  # flow\nvalue: 100\n"),
    (1, "name: Jane Doe\nemails:\n  - jane@acme.example\nphones: [\"+49 30 1234\"]\n"
        "address:\n  street: Main St 1\n  city: Berlin\n"),
    (1, "{name: Jane Doe, emails: [j@x.example]}\n"),
    (1, "  name: Indented\n  title: CEO\n"),
    (1, "name: Jane\nbackground: |\n  line one\n  line two\n\ntitle: CTO"),
    (0, "name: 'single ''quoted'''\nindustry: \"dq \\u00e9\"\nscore: 7\n"),
    (0, "name: Acme\r\nindustry: retail\r\n"),
    (4, "title: Call\ndue: 2026-11-30\nstatus: open\nnotes: >\n  folded\n  text\n"),
    (3, "date: 2026-11-20T09:00:00+01:00\nchannel: call\nsummary: One\n"),
    (1, "a: &x 1\nb: *x\n"), (1, "a: 1\na: 2\n"), (1, "a: !!python/object x\n"),
    (1, "a: [[1]]\n"), (1, "a: {b: {c: 1}}\n"), (1, "a: 1\n---\nb: 2\n"),
    (1, "- a\n- b\n"), (1, "a: \xff\n"), (1, "name: x\n<<<<<<< ours\n"),
    (1, "name: ~\ntags: []\naddress: {}\n"), (1, "---\nname: doc\n...\n"),
    (1, "name: x # c\n# trailing\n"), (1, "name: \"\\t tab\"\nnote: \"\"\n"),
]


def yamlrec():
    n = 0
    for kind, text in RECORDS:
        for op, value in ((0, "New value"), (1, ""), (2, "vip"), (3, "extra")):
            hdr = bytes([kind | (n % 7) << 3, op, len(value.encode())])
            raw = text.encode("latin-1" if "\xff" in text else "utf-8")
            put("yamlrec", "case-%02d-%d" % (n, op), hdr + value.encode() + raw)
        n += 1
    paths = sorted(glob.glob(os.path.join(ROOT, "examples/crm/*/*/*.yaml")))
    paths += sorted(glob.glob(os.path.join(ROOT, "examples/crm/interactions/*/*/*.yaml")))[:20]
    for i, p in enumerate(paths[::4]):
        kind = KINDS[os.path.relpath(p, os.path.join(ROOT, "examples/crm")).split("/")[0]]
        value = ["2026-12-24", "Renamed", "42.50", "0.5"][i % 4]
        hdr = bytes([kind | (i % 8) << 3, i % 4, len(value)])
        put("yamlrec", "crm-" + os.path.basename(p)[:-5], hdr + value.encode() + read(p))


WHERES = [
    "address.city=Berlin", "budget_cod=x", "budget_code=x and name=y", "close",
    "close<today-30d", "close>=2026-12-01", "company.industry=retail",
    "date>=2026-11-21", "name!~/x/", "name~/^acme \\/ co/i", "probability>0.5",
    "score>5", "stage=\\", "stage=a or stage=b and value>1", "tags=vip", "valu>1",
    "(stage=lead", "Stage=lead", "close<someday", "contacts=doe-jane or contact=doe-jane",
    "due<tomorrow", "due>=friday and due<\"", "name=\"", "name~/(/", "name~/(a+)+$/",
    "stage=lead stage=won", "stage=lead)", "stage=~x", "summary~/^racing/",
    "value>= and stage=x", "value>abc", "not (stage=won or stage=lost)",
    "name=\"Acme GmbH\" and tags!=eu", "value<=99.95", "email~/@acme\\.example$/i",
]
SORTS = ["", "-value", "close", "title", "value", "-valeu", "name,-close", "score"]


def query():
    for i, w in enumerate(WHERES):
        put("query", "where-%02d" % i, bytes([i % 6 | (8 if i % 3 == 0 else 0)])
            + w.encode() + b"\0" + SORTS[i % len(SORTS)].encode())


def merge():
    cases = [
        (1, "name: Jane Doe\n", "name: Jane Doe\ntitle: CEO\n", "name: Jane Doe\nphones: [\"+4930123\"]\n"),
        (1, "name: Jane Doe\ntitle: CTO\n", "# our note\nname:   Jane Doe   # keep\ntitle: CTO\n", "name: Jane Doe\ntitle: CEO\n"),
        (1, "name: J\ntags: [a, x]\n", "name: J\ntags: [a, x, b]\n", "name: J\ntags: [x, c]\n"),
        (1, "name: J\ntitle: CTO\nemails: [j@x.example]\n", "name: J\ntitle: CEO\nemails: [j@x.example]\n", "name: J\ntitle: Founder\nemails: [j@x.example]\n"),
        (1, "name: J\ntitle: CTO\n", "name: J\n", "name: J\ntitle: CTO\n"),
        (1, "name: J\n", "name: [unclosed\n", "name: J\n"),
        (1, "", "name: A\n", "name: B\n"),
        (2, "title: D\nvalue: 100\nstage: lead\n", "title: D\nvalue: 200\nstage: lead\n", "title: D\nvalue: 100\nstage: won\n"),
        (0, "name: C\naddress:\n  city: Berlin\n", "name: C\naddress:\n  city: Paris\n", "name: C\naddress:\n  city: Rome\n"),
        (4, "title: T\nstatus: open\n", "title: T\nstatus: done\n", "{title: T, status: open, due: 2026-01-01}\n"),
    ]
    for i, (k, b, o, t) in enumerate(cases):
        put("merge", "case-%02d" % i, bytes([k | (8 if i % 2 else 0)]) + b"\0".join(x.encode() for x in (b, o, t)))


def csv():
    for p in sorted(glob.glob(os.path.join(ROOT, "tests/fixtures/csv/*.csv"))):
        put("csv", os.path.basename(p), read(p))
    put("csv", "quoted.csv", 'Name,E-mail Address,Notes\n"Doe, Jane","j@x.example","two\r\nlines"\n"a""b",x,\n')
    put("csv", "semicolon.csv", "Company;Website;Amount\nAcme;https://acme.example;\"12.000,50 €\"\n")
    put("csv", "tab.csv", "First Name\tLast Name\tBirthday\nJane\tDoe\t4/2/1980\n")
    put("csv", "utf16.csv", "\ufeffName,Email\nJürgen,j@x.example\n".encode("utf-16-le"))
    put("csv", "utf16-bom.csv", b"\xff\xfe" + "Name,Email\nA,b@c.example\n".encode("utf-16-le"))
    put("csv", "utf32be.csv", "\ufeffName\nX\n".encode("utf-32-be"))
    put("csv", "cp1252.csv", b"Name,City\nM\xfcller,K\xf6ln\n")
    put("csv", "bom.csv", b"\xef\xbb\xbfName,Email\nA,a@b.example\n")
    put("csv", "unterminated.csv", 'Name,Notes\nA,"never closed\n')
    put("csv", "cr-only.csv", "Name,Email\rA,a@b.example\r")
    put("csv", "linkedin-preamble.csv", "Notes:\n\"When exporting...\"\n\nFirst Name,Last Name,Email Address,Company,Position,Connected On\nA,B,a@b.example,Acme,CEO,02 Apr 1980\n")
    put("csv", "google.csv", "Name,Given Name,E-mail 1 - Type,E-mail 1 - Value,Group Membership\nJ D,J,* Work,a@b.example ::: c@d.example,* myContacts ::: Friends\n")


def vcard():
    for p in sorted(glob.glob(os.path.join(ROOT, "tests/fixtures/vcard/*.vcf"))):
        put("vcard", os.path.basename(p), read(p))
    put("vcard", "qp-folded.vcf", "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=\r\n=FCrgen\r\nTEL;CELL;WORK:+49 30 1\r\nEND:VCARD\r\n")
    put("vcard", "nested-agent.vcf", "BEGIN:VCARD\nVERSION:2.1\nFN:A\nAGENT:\nBEGIN:VCARD\nFN:B\nEND:VCARD\nEND:VCARD\n")
    put("vcard", "v4.vcf", "BEGIN:VCARD\nVERSION:4.0\nFN:Dr. Jane Q. van Doe Jr.\nN:van Doe;Jane;Q.;Dr.;Jr.\nEMAIL;PREF=1;TYPE=\"work,voice\":j@x.example\nBDAY:--0402\nitem1.ADR;TYPE=home:;;Main St 1\\, Apt 2;Berlin;;10115;DE\nCATEGORIES:a\\,b,c\nUID:urn:uuid:00000000-0000-8000-8000-000000000000\nEND:VCARD\n")
    put("vcard", "no-end.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:X\n")
    put("vcard", "charset-bogus.vcf", "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=x-bogus:A\nEND:VCARD\n")
    put("vcard", "cp1252.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:M\xfcller\r\nNOTE:line\\nbreak\\\\ \\; semi\r\nEND:VCARD\r\n")
    put("vcard", "crcrlf.vcf", "BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nFN:A\r\r\n B\r\r\nEND:VCARD\r\r\n")


def jsonrec(farley):
    put("jsonrec", "array.json", '[{"id": "acme", "kind": "company", "name": "Acme", "tags": ["a", "b"], "address": {"city": "Berlin"}}]\n')
    put("jsonrec", "ndjson.json", '{"id":"big","kind":"deal","title":"Big","value":12000.5,"probability":0.25}\n{"id":"t1","kind":"task","title":"T","due":"2026-11-30"}\n')
    put("jsonrec", "bad-id.json", '[{"id": "Not Valid", "kind": "contact", "name": "x"}]')
    put("jsonrec", "bad-kind.json", '{"id": "x", "kind": "planet"}\n')
    put("jsonrec", "numbers.json", '[{"id":"d","kind":"deal","title":"D","value":1e400,"probability":-0,"n":123456789012345678901234567890}]')
    put("jsonrec", "escapes.json", '[{"id":"c","kind":"contact","name":"\\u00e9\\ud83d\\ude00\\n\\t","x":null,"y":true}]')
    put("jsonrec", "truncated.json", '[{"id": "a", "kind": "company", "name": "A"}, {"id": ')
    if not farley:
        return
    with tempfile.TemporaryDirectory() as tmp:
        crm = os.path.join(tmp, "crm")
        subprocess.run(["cp", "-r", os.path.join(ROOT, "examples/crm"), crm], check=True)
        git = ["git", "-c", "user.name=seeds", "-c", "user.email=seeds@example.org"]
        subprocess.run(["git", "init", "-q"], cwd=crm, check=True)
        subprocess.run(["git", "add", "-A"], cwd=crm, check=True)
        subprocess.run(git + ["commit", "-qm", "seeds"], cwd=crm, check=True)
        for kind in ("companies", "contacts", "deals", "interactions", "tasks"):
            out = subprocess.run([farley, "export", "json", kind], cwd=crm,
                                 check=True, capture_output=True).stdout
            put("jsonrec", "export-%s.json" % kind, out[:MAX - 2048] if len(out) < MAX else out[:8000])


def mail(mbox):
    lines = [
        '{"where": "inbox.mbox:120", "message_id": "abc@example.org", "date": "2026-03-05T14:30:00+01:00", "from": [{"name": "Jane Doe", "email": "jane@acme.example"}], "to": [{"name": null, "email": "me@example.org"}], "cc": [], "subject": "Pricing", "body": "Hello", "attachments": ["offer.pdf"]}',
        '{"where": "x:1", "date": "2026-03-05T14:30:00Z", "from": [{"email": "me@example.org"}], "subject": "  many\\n\\tspaces  ", "body": ""}',
        '{"where": "x:2", "subject": "no date"}',
        '{"where": "x:3", "date": 5}',
        '[1, 2, 3]', 'not json', '{"date": "2026-01-01", "from": "string not list"}',
        '{"date": "2026-01-01", "to": [{"email": "ME@EXAMPLE.ORG"}, {"email": "a@b"}, {"email": "a@b"}, {"name": "x"}]}',
    ]
    for i, line in enumerate(lines):
        put("mail", "line-%02d" % i, line)
    if not mbox:
        return
    for p in sorted(glob.glob(os.path.join(ROOT, "tests/fixtures/mail/*.eml"))):
        out = subprocess.run([mbox, p], capture_output=True).stdout
        for j, line in enumerate(out.splitlines()):
            put("mail", "%s-%d" % (os.path.basename(p)[:-4], j), line)


def dates():
    for i, s in enumerate(["2026-11-20", "2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31",
                           "2026-11-20T09:00:00+01:00", "2026-11-20T23:59Z", "2026-11-20T24:00Z",
                           "2026-11-21T23:30:00-05:00", "2026-01-01T00:00:60+14:00", "2026-1-1",
                           "30d", "2w", "3m", "1y", "99999999y", "0d", "today", "tomorrow",
                           "yesterday", "friday", "fri", "next friday", "+3d", "-2w",
                           "today+3d", "friday+1w", "next week", "last month", "next year",
                           "TODAY", "+2147483647d", "-99999999999y", "2026-11-20T09:00+99:99"]):
        put("date", "date-%02d" % i, s)


def money():
    for i, s in enumerate(["12000", "99.95", "-3.5", "0", ".5", "1.", "999999999999999.99",
                           "-999999999999999.99", "1000000000000000", "+1", "1e3", "0.001",
                           " 1", "--1", "0.25", "1", "0.000001", "1.0000001", "0.9999995",
                           "00000000000000000000001", "-0", "12,000.50"]):
        put("money", "amount-%02d" % i, s)


def ids():
    for i, s in enumerate(["Jane Doe", "Müller Bäckerei GmbH", "北京科技有限公司", "Ærøskøbing Ölstüberl",
                           "  --leading and trailing--  ", "a", "", "Ǆemal Čović", "ﬁne ﬂower",
                           "\x1b[31mred\x1b[0m\ttab\nnewline", "x" * 200, "a\u0301e\u0300",
                           "\xff\xfe invalid", "😀 emoji 😀", "İstanbul ß straße", "O'Brien & Co."]):
        data = s.encode("utf-8", "surrogateescape") if "\xff" not in s else b"\xff\xfe invalid"
        put("ids", "name-%02d" % i, bytes([(i * 7 + 48) % 256]) + data)


def main():
    farley = os.path.join(ROOT, "farley")
    mbox = os.path.join(ROOT, "farley-mbox")
    yamlrec()
    query()
    merge()
    csv()
    vcard()
    jsonrec(farley if os.access(farley, os.X_OK) else None)
    mail(mbox if os.access(mbox, os.X_OK) else None)
    dates()
    money()
    ids()


if __name__ == "__main__":
    sys.exit(main())
