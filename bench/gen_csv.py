#!/usr/bin/env python3
"""Write N realistic contacts as a Google Contacts export, for timing
`farley import csv`.

    python3 bench/gen_csv.py N OUT.csv [--seed S]

The columns are those of Google Contacts' current "Google CSV" export
(First Name ... Labels, E-mail N - Label/Value, Phone N - Label/Value,
Address 1 - ..., Organization Name/Title, Website 1 - ...), written as
Google writes them: UTF-8, CRLF, quotes only where needed.  The same N and
seed give the same file.  About one contact in five shares a company with
others (N/5 companies), some have two addresses in one cell ("a ::: b"),
multi-line notes, a birthday with or without a year.  Every e-mail address
is unique and names are drawn from thousands, so nearly every row is a
contact of its own (the import takes two rows with one name at one company
for one person).
"""
import argparse
import csv
import random

ap = argparse.ArgumentParser()
ap.add_argument("n", type=int)
ap.add_argument("out")
ap.add_argument("--seed", type=int, default=42)
args = ap.parse_args()
rng = random.Random(args.seed)

FIRST = ["Jane", "John", "Anna", "Lukas", "Sophie", "Mehmet", "Chloé", "Ole",
         "Priya", "Tom", "Grete", "Marco", "Inès", "Kai", "Lea", "Jürgen", "Zoë",
         "Ana", "Li", "Wei", "Fatima", "Olu", "Sven", "Mia", "Noah", "Emma"]
LAST = ["Doe", "Weiß", "Schmidt", "Yılmaz", "Dubois", "Hansen", "Patel", "Becker",
        "Rossi", "Novak", "Fischer", "Wagner", "Müller", "García", "Øster",
        "Kowalski", "Nguyen", "O'Brien", "Smith", "Tanaka"]
MIDDLE = ["", "", "", "", "Maria", "J.", "Lee", "Anne"]
# made-up surnames, so that two people of one company rarely share a name
# (the import would take them for one person)
SYLLABLES = ["Ber", "Kal", "Mon", "Dra", "Vel", "Sor", "Tim", "Hal", "Rud", "Nes",
             "Lor", "Fen", "Gar", "Pel", "Wik", "Zan", "Quo", "Jor", "Bri", "Cas"]
ENDINGS = ["mann", "ström", "ski", "ez", "ini", "sen", "berg", "ová", "ic", "ley",
           "ford", "eau", "hoff", "ander", "quist", "etti", "ovic", "ton", "ard", "in"]
WORDS = ("alpha bravo cobalt delta ember falcon granite harbor indigo juniper "
         "kestrel lumen meridian nimbus orbit prairie quartz river summit tundra "
         "umber vertex willow xenon yonder zephyr").split()
FORMS = ["GmbH", "AG", "Ltd", "Inc.", "S.A.", "LLC", "", "", ""]
TITLES = ["CEO", "CTO", "Head of Sales", "Buyer", "Engineer", "Office Manager",
          "Consultant", "Account Manager", "Designer", "CFO"]
CITIES = [("Berlin", "10115", "Germany"), ("München", "80331", "Germany"),
          ("Paris", "75002", "France"), ("London", "EC1A 1BB", "United Kingdom"),
          ("New York", "10001", "United States"), ("Zürich", "8001", "Switzerland"),
          ("Kraków", "31-000", "Poland"), ("Tokyo", "100-0001", "Japan")]
STREETS = ["Hauptstraße", "Rue de la Paix", "High Street", "Main Street",
           "Bahnhofstrasse", "Ulica Długa", "Chūō-dōri"]
LABELS = ["Clients", "Suppliers", "Friends", "Conference 2025", "Newsletter"]
NOTES = ["Met at the trade fair.", "Prefers e-mail.\nCall after 3pm.",
         "Budget approved for Q3.", "Introduced by a partner, \"warm\" lead.",
         "Speaks German and French."]

HEADER = ["First Name", "Middle Name", "Last Name", "Phonetic First Name",
          "Phonetic Middle Name", "Phonetic Last Name", "Name Prefix",
          "Name Suffix", "Nickname", "File As", "Organization Name",
          "Organization Title", "Organization Department", "Birthday", "Notes",
          "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
          "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label",
          "Phone 1 - Value", "Phone 2 - Label", "Phone 2 - Value",
          "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street",
          "Address 1 - City", "Address 1 - PO Box", "Address 1 - Region",
          "Address 1 - Postal Code", "Address 1 - Country",
          "Address 1 - Extended Address", "Website 1 - Label",
          "Website 1 - Value"]

companies = []
for i in range(max(1, args.n // 5)):
    name = "%s %s" % (rng.choice(WORDS).capitalize(), rng.choice(WORDS).capitalize())
    form = rng.choice(FORMS)
    domain = "%s-%d.example" % (name.lower().replace(" ", ""), i)
    companies.append(((name + " " + form).strip(), domain))


def ascii_part(s):
    return "".join(c for c in s.lower() if c.isascii() and c.isalnum())


with open(args.out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(HEADER)
    for i in range(args.n):
        first = rng.choice(FIRST)
        last = rng.choice(LAST) if rng.random() < 0.3 else \
            rng.choice(SYLLABLES) + rng.choice(SYLLABLES).lower() + rng.choice(ENDINGS)
        middle = rng.choice(MIDDLE)
        company, domain = rng.choice(companies)
        row = dict.fromkeys(HEADER, "")
        row.update({
            "First Name": first, "Middle Name": middle, "Last Name": last,
            "File As": "%s, %s" % (last, first),
            "Organization Name": company,
            "Organization Title": rng.choice(TITLES),
            "Labels": " ::: ".join(["* myContacts"] + rng.sample(LABELS, rng.randint(0, 2))),
            "E-mail 1 - Label": "* Work",
            "E-mail 1 - Value": "%s.%s.%d@%s" % (ascii_part(first), ascii_part(last), i, domain),
            "Phone 1 - Label": "Mobile",
            "Phone 1 - Value": "+49 1%02d %07d" % (rng.randint(50, 79), rng.randint(0, 9999999)),
        })
        if rng.random() < 0.3:
            row["E-mail 2 - Label"] = "Home"
            row["E-mail 2 - Value"] = "%s%d@mail.example ::: %s.%d@post.example" % (
                ascii_part(first), i, ascii_part(last), i)
        if rng.random() < 0.4:
            row["Phone 2 - Label"] = rng.choice(["Work", "Home", "Work Fax"])
            row["Phone 2 - Value"] = "+33 1 %02d %02d %02d %02d" % tuple(
                rng.randint(0, 99) for _ in range(4))
        if rng.random() < 0.6:
            city, postcode, country = rng.choice(CITIES)
            street = "%s %d" % (rng.choice(STREETS), rng.randint(1, 200))
            row.update({"Address 1 - Label": "Work", "Address 1 - Street": street,
                        "Address 1 - City": city, "Address 1 - Postal Code": postcode,
                        "Address 1 - Country": country,
                        "Address 1 - Formatted": "%s\n%s %s\n%s" % (street, postcode, city, country)})
        r = rng.random()
        if r < 0.2:
            row["Birthday"] = "%04d-%02d-%02d" % (rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
        elif r < 0.25:
            row["Birthday"] = "--%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.3:
            row["Notes"] = rng.choice(NOTES)
        if rng.random() < 0.5:
            row["Website 1 - Label"] = "Work"
            row["Website 1 - Value"] = "https://www." + domain
        w.writerow([row[h] for h in HEADER])
