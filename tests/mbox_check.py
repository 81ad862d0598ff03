#!/usr/bin/env python3
"""mbox_check.py: mail for t5400-import-mbox and what farley should make of
it, worked out with Python's email package (not GMime, which farley-mbox
uses), so the two readings check each other.

    mbox_check.py mbox OUT [FILE...]   an mbox of the FILEs (real messages)
                                       and of the messages made here
    mbox_check.py one NAME OUT         one made message, alone, as a file
    mbox_check.py check MAIL JSON ME   compare `farley ls interaction
                                       --format=json` (JSON) with the
                                       messages of MAIL (an mbox file or a
                                       Maildir); ME: my addresses, by commas

check prints "checked N" (the messages it found imported) and one line per
difference, and fails when there is one.  A message counts as imported
when a record has its Message-ID.
"""
import datetime
import email
import email.header
import email.policy
import email.utils
import json
import mailbox
import os
import sys
import time
from email.message import EmailMessage

FROM_LINE = b"From sender@example.org Sat Jan  1 12:34:56 2000\n"
FROM_LINE_DATE = "2000-01-01T12:34:56Z"
ME = "A U Thor <author@example.com>"
JANE = "Jane Doe <jane@acme.example>"


def made():
    """The messages made here, by name, as bytes."""
    out = {}

    m = EmailMessage()
    m["From"] = ME
    m["To"] = JANE
    m["Cc"] = "Bob Stranger <bob@stranger.example>, A U Thor <AUTHOR@example.com>"
    m["Subject"] = "Angebot f\u00fcr Q3 \u2013 10 % Rabatt"
    m["Date"] = "Mon, 02 Mar 2026 09:15:00 +0100"
    m["Message-ID"] = "<out-base64@farley.test>"
    m.set_content("Hallo Jane,\n\nanbei das Angebot f\u00fcr Q3 \u2013 "
                  "gr\u00fc\u00dfe aus K\u00f6ln.\n\nA. U. Thor\n",
                  charset="utf-8", cte="base64")
    out["out-base64"] = m

    m = EmailMessage()
    m["From"] = "Jane Doe <Jane@ACME.example>"
    m["To"] = ME
    m["Subject"] = email.header.Header("Gr\u00fc\u00dfe aus K\u00f6ln",
                                       "iso-8859-1").encode()
    m["Date"] = "Tue, 03 Mar 2026 17:02:09 -0500"
    m["Message-ID"] = "<alternative-latin1@farley.test>"
    m.set_content("Liebe Gr\u00fc\u00dfe,\r\nJane   \r\n\r\n-- \r\nAcme\r\n",
                  charset="iso-8859-1", cte="quoted-printable")
    m.add_alternative("<p>Liebe Gr&uuml;&szlig;e,<br>Jane</p>", subtype="html")
    out["alternative-latin1"] = m

    m = EmailMessage()
    m["From"] = JANE
    m["To"] = ME
    m["Subject"] = "HTML only"
    m["Date"] = "Wed, 04 Mar 2026 08:00:00 +0000"
    m["Message-ID"] = "<html-only@farley.test>"
    m.set_content(
        "<html><head><title>Offer</title><style>p {color: red}</style>"
        "</head><body><p>Hello&nbsp;Jane,</p>\n<p>Prices:<br>&euro;10 &amp; "
        "&lt;more&gt;&#33;</p><ul><li>one</li>\n<li>two</li></ul>"
        "<script>var x = '<p>no</p>';</script><div>Bye</div></body></html>",
        subtype="html", charset="utf-8", cte="quoted-printable")
    out["html-only"] = m

    m = EmailMessage()
    m["From"] = JANE
    m["To"] = ME
    m["Subject"] = "Offer attached"
    m["Date"] = "Thu, 05 Mar 2026 10:30:00 +0100"
    m["Message-ID"] = "<attachments@farley.test>"
    m.set_content("See attached.\n")
    m.add_attachment(b"%PDF-1.4 not really\n", maintype="application",
                     subtype="pdf", filename="offer Q3.pdf")
    m.add_attachment(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png",
                     filename="ch\u00e4rt.png")
    out["attachments"] = m

    m = EmailMessage()
    m["From"] = JANE
    m["To"] = ME
    m["Date"] = "Fri, 06 Mar 2026 11:00:00 +0100"
    m["Message-ID"] = "<no-subject@farley.test>"
    m.set_content("No subject here.\n")
    out["no-subject"] = m

    raw = (b"From: " + JANE.encode() + b"\nTo: " + ME.encode() + b"\n"
           b"Subject: A long subject that the sender's mailer\n"
           b"\tfolded over  two lines\n"
           b"Date: Fri, 06 Mar 2026 12:00:00 +0100\n"
           b"Message-ID: <folded-subject@farley.test>\n\nFolded.\n")
    out["folded-subject"] = email.message_from_bytes(raw, policy=email.policy.default)

    for name, sender in (("farley-me", "Me at home <me@home.example>"),
                         ("option-me", "<alias@me.example>")):
        m = EmailMessage()
        m["From"] = sender
        m["To"] = JANE
        m["Subject"] = "From " + name
        m["Date"] = "Sat, 07 Mar 2026 09:00:00 +0100"
        m["Message-ID"] = "<%s@farley.test>" % name
        m.set_content("Sent by me.\n")
        out[name] = m

    m = EmailMessage()
    m["From"] = JANE
    m["To"] = ME
    m["Subject"] = "Long"
    m["Date"] = "Sun, 08 Mar 2026 09:00:00 +0100"
    m["Message-ID"] = "<long-body@farley.test>"
    m.set_content("".join("line %05d of a long mail\n" % i for i in range(4000)))
    out["long-body"] = m

    m = EmailMessage()
    m["From"] = "Carol Unknown <carol@unknown.example>"
    m["To"] = ME
    m["Subject"] = "Who am I?"
    m["Date"] = "Mon, 09 Mar 2026 09:00:00 +0100"
    m["Message-ID"] = "<unknown-sender@farley.test>"
    m.set_content("Hello stranger.\n")
    out["unknown-sender"] = m

    m = EmailMessage()
    m["From"] = ME
    m["To"] = "me@home.example"
    m["Subject"] = "Note to self"
    m["Date"] = "Mon, 09 Mar 2026 10:00:00 +0100"
    m["Message-ID"] = "<only-me@farley.test>"
    m.set_content("Remember the milk.\n")
    out["only-me"] = m
    return {k: v.as_bytes(policy=email.policy.SMTP.clone(linesep="\n"))
            for k, v in out.items()}


def write_mbox(path, messages):
    with open(path, "wb") as f:
        for raw in messages:
            f.write(FROM_LINE)
            for line in raw.splitlines(keepends=True):
                if line.startswith(b"From "):
                    line = b">" + line
                f.write(line)
            if not raw.endswith(b"\n"):
                f.write(b"\n")
            f.write(b"\n")


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def messages(path):
    """(message, From_ line date or None) of an mbox or a Maildir."""
    if os.path.isdir(path):
        for sub in ("new", "cur"):
            d = os.path.join(path, sub)
            for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
                with open(os.path.join(d, name), "rb") as f:
                    yield parse(f.read()), None
        return
    for m in mailbox.mbox(path, factory=None, create=False):
        yield parse(m.as_bytes()), m.get_from()


def unwanted(c):
    o = ord(c)
    return (o < 0x20 and c not in "\t\n") or o == 0x7F or 0x80 <= o <= 0x9F \
        or o in (0xFEFF, 0xFFFE)


def tidy(text):
    """What farley-mbox does to text: see text_tidy() in its text.c."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = "".join(c for c in text if not unwanted(c))
    lines = [l if l == "-- " else l.rstrip(" \t") for l in text.split("\n")]
    while lines and not lines[0].strip(" \t"):
        lines.pop(0)
    return "\n".join(lines).rstrip(" \t\n\r\f\v")


def one_line(s):
    s = " ".join(str(s or "").split())
    return s if len(s) <= 200 else s[:200] + "..."


def date_of(msg, from_line):
    try:
        dt = email.utils.parsedate_to_datetime(str(msg["Date"]))
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is None and from_line:
        t = time.strptime(from_line.split(" ", 1)[1].strip(), "%a %b %d %H:%M:%S %Y")
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", t)
    if dt is None:
        return None
    off = dt.utcoffset() or datetime.timedelta(0)
    s = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if not off:
        return s + "Z"
    mins = int(off.total_seconds() // 60)
    sign = "-" if mins < 0 else "+"
    return "%s%s%02d:%02d" % (s, sign, abs(mins) // 60, abs(mins) % 60)


SIGNATURES = ("application/pgp-signature", "application/pkcs7-signature",
              "application/x-pkcs7-signature")


def expected_body(msg):
    body = msg.get_body(preferencelist=("plain", "html"))
    text = None  # None: HTML, checked by the test itself
    if body is not None and body.get_content_type() == "text/plain":
        text = tidy(body.get_content())
        if len(text.encode()) > 65536:
            cut = text.encode()[:65536].decode("utf-8", "ignore")
            text = cut.rstrip(" \t\n\r\f\v") + "\n[truncated]"
    elif body is None:
        text = ""
    names = []
    for part in msg.walk():
        if part is body or part.is_multipart() or \
           part.get_content_type() in SIGNATURES:
            continue
        name = part.get_filename()
        if name:
            names.append(" ".join(name.split()))
        elif part.is_attachment():
            names.append("(unnamed %s)" % part.get_content_type())
    if names:
        attached = "Attachments: " + ", ".join(names)
        if text is None:
            return None, attached
        text = (text + "\n\n" if text else "") + attached
    return text, None


def check(path, ls_json, me):
    mine = {a.strip().lower() for a in me.split(",") if a.strip()}
    with open(ls_json, encoding="utf-8") as f:
        records = {r.get("message_id"): r for r in json.load(f)}
    bad = []
    n = 0
    for msg, from_line in messages(path):
        mid = "".join(str(msg["Message-ID"] or "").split()).strip("<>")
        rec = records.get(mid)
        if not mid or rec is None:
            continue
        n += 1
        want = {
            "summary": one_line(msg["Subject"]) or "(no subject)",
            "channel": "email",
            "date": date_of(msg, from_line),
        }
        senders = [a.lower() for _, a in email.utils.getaddresses(
            [str(v) for v in msg.get_all("From", [])])]
        want["direction"] = "out" if any(a in mine for a in senders) else "in"
        text, attached = expected_body(msg)
        if text is not None:
            want["body"] = text
        elif attached and not rec.get("body", "").endswith(attached):
            bad.append("%s: body does not end with %r" % (mid, attached))
        for key, value in want.items():
            got = rec.get(key, "") if key != "body" else rec.get("body", "")
            if got != value:
                bad.append("%s: %s: farley %r, Python %r" % (mid, key, got, value))
    print("checked %d" % n)
    for b in bad:
        print(b)
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "mbox":
        msgs = []
        for p in argv[2:]:
            with open(p, "rb") as f:
                msgs.append(f.read())
        msgs.extend(made().values())
        write_mbox(argv[1], msgs)
        return 0
    if len(argv) == 3 and argv[0] == "one":
        with open(argv[2], "wb") as f:
            f.write(made()[argv[1]])
        return 0
    if len(argv) == 4 and argv[0] == "check":
        return check(argv[1], argv[2], argv[3])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
