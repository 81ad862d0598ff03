#!/usr/bin/env python3
"""vcard_expect.py: what `farley import vcard` should make of a vCard file,
worked out with python3-vobject, which parses the file independently of
farley's reader.

    vcard_expect.py FILE.vcf            print the expected contacts (JSON)
    vcard_expect.py FILE.vcf ACTUAL     compare with `farley ls contacts
                                        --format json` saved in ACTUAL

The mapping is the one docs/import-vcard.md describes: FN (else N) is the
name; EMAIL and TEL, preferred first; ORG's first part the company; TITLE;
NOTEs joined by a blank line; CATEGORIES the tags; the preferred, else the
work, else the first ADR; BDAY; UID and URL as custom fields.  Only the
fields a card has are compared.  vobject reads vCard 3.0 and 4.0 well; it
cannot read 2.1's quoted-printable soft line breaks, so t5200 checks those
files against values written out by hand.
"""
import json
import re
import sys

import vobject


def pref(prop):
    if "PREF" in prop.params:
        try:
            return max(1, min(100, int(prop.params["PREF"][0])))
        except ValueError:
            return 1
    types = [t.strip().lower() for v in prop.params.get("TYPE", [])
             for t in v.split(",")]
    return 1 if "pref" in types else 0


def ordered(card, name):
    props = card.contents.get(name, [])
    return sorted(props, key=lambda p: pref(p) or 1000)


def flat(x):
    return ",".join(x) if isinstance(x, list) else x


def one_line(s):
    s = flat(s)
    s = re.sub(r"[ \t]*\n[ \n]*", " ", s.strip(" \t\n"))
    return s.replace("\t", " ")


def street_line(s):
    s = flat(s)
    return re.sub(r"[ \t]*\n[ \n]*", ", ", s.strip(" \t\n"))


def date(v):
    v = v.strip()
    m = re.match(r"^--(\d\d)-?(\d\d)$", v)
    if m:
        return "birthday_md", "%s-%s" % m.groups()
    m = re.match(r"^(\d{4})-?(\d\d)-?(\d\d)(T.*)?$", v)
    if m:
        return "birthday", "%s-%s-%s" % m.groups()[:3]
    return None, None


def expect(card):
    c = {}
    fn = [p for p in ordered(card, "fn") if p.value.strip()]
    if fn:
        c["name"] = one_line(fn[0].value)
    elif "n" in card.contents:
        n = card.n.value

        def words(x):
            return " ".join(x) if isinstance(x, list) else x
        c["name"] = one_line(" ".join(w for w in (words(n.given),
                                                  words(n.additional),
                                                  words(n.family)) if w))
    emails = [p.value.strip() for p in ordered(card, "email") if p.value.strip()]
    if emails:
        c["emails"] = emails
    phones = []
    for p in ordered(card, "tel"):
        v = one_line(p.value)
        if v.lower().startswith("tel:"):
            v = v[4:]
        v = v.replace(";ext=", " ext. ")
        if v:
            phones.append(v)
    if phones:
        c["phones"] = phones
    org = ordered(card, "org")
    if org and org[0].value and one_line(org[0].value[0]):
        c["company_name"] = one_line(org[0].value[0])
    title = ordered(card, "title")
    if title and title[0].value.strip():
        c["title"] = one_line(title[0].value)
    notes = [p.value.strip(" \t\n") for p in ordered(card, "note")]
    notes = [n.replace("\r\n", "\n") for n in notes if n]
    if notes:
        c["notes"] = "\n\n".join(notes)
    tags = []
    for p in card.contents.get("categories", []):
        for t in p.value:
            t = one_line(t)
            if t and t not in tags:
                tags.append(t)
    if tags:
        c["tags"] = tags
    adrs = ordered(card, "adr")
    adr = ([a for a in adrs if pref(a)] +
           [a for a in adrs
            if "work" in ",".join(a.params.get("TYPE", [])).lower()] +
           adrs)
    if adr:
        a = adr[0].value
        address = {}
        street = ", ".join(street_line(x) for x in (a.street, a.extended, a.box)
                           if street_line(x))
        if street:
            address["street"] = street
        for key, v in (("city", a.city), ("region", a.region),
                       ("postcode", a.code), ("country", a.country)):
            if street_line(v):
                address[key] = street_line(v)
        if address:
            c["address"] = address
    for p in ordered(card, "bday"):
        key, v = date(p.value)
        if key:
            c[key] = v
            break
    uid = ordered(card, "uid")
    if uid and uid[0].value.strip():
        c["uid"] = uid[0].value.strip()
    url = ordered(card, "url")
    if url and url[0].value.strip():
        # Gmail writes "http\://", an escape vobject leaves in a URI
        c["url"] = url[0].value.strip().replace("\\:", ":")
    return c


def read(path):
    text = open(path, "rb").read().decode("utf-8")
    # CR CR LF (an iOS export): vobject would see blank lines in between
    text = text.replace("\r\r\n", "\r\n")
    return [expect(card) for card in vobject.readComponents(text)]


def compare(expected, actual, companies):
    bad = 0
    by_name = {r["name"]: r for r in actual if r.get("kind") == "contact"}
    for e in expected:
        r = by_name.get(e["name"])
        if r is None:
            print("missing: %s" % e["name"])
            bad += 1
            continue
        for key, want in e.items():
            if key == "company_name":
                got = companies.get(r.get("company"))
            else:
                got = r.get(key)
            if got != want:
                print("%s: %s: want %r, got %r" % (e["name"], key, want, got))
                bad += 1
    return bad


def main():
    expected = read(sys.argv[1])
    if len(sys.argv) == 2:
        json.dump(expected, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    actual = json.load(open(sys.argv[2], encoding="utf-8"))
    companies = {}
    if len(sys.argv) > 3:
        companies = {r["id"]: r["name"]
                     for r in json.load(open(sys.argv[3], encoding="utf-8"))}
    return 1 if compare(expected, actual, companies) else 0


if __name__ == "__main__":
    sys.exit(main())
