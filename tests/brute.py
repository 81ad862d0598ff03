"""A brute-force reference for farley's queries, written independently of
farley: it reads every record file with PyYAML and evaluates each query as
plain Python.  Used by t2100 and the property test t2900.

    python3 brute.py REPO TODAY        prints "query-name<TAB>id id id ..."
"""
import datetime, decimal, os, re, sys

import yaml

# libyaml's C loader when PyYAML has it: same answers, ten times faster
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = {"companies": "company", "contacts": "contact", "deals": "deal",
         "interactions": "interaction", "tasks": "task"}


def load(repo):
    recs = []
    for folder, kind in KINDS.items():
        base = os.path.join(repo, folder)
        for root, dirs, files in os.walk(base):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for f in files:
                if not f.endswith(".yaml") or f.startswith("."):
                    continue
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    try:
                        d = yaml.load(fh, Loader=LOADER)
                    except yaml.YAMLError:
                        continue
                if not isinstance(d, dict):
                    continue
                d["_id"] = f[:-5]
                d["_kind"] = kind
                recs.append(d)
    return recs


def dec(v):
    return None if v is None else decimal.Decimal(str(v))


def date(v):
    if v is None:
        return None
    if isinstance(v, datetime.datetime):
        return v.date()
    if isinstance(v, datetime.date):
        return v
    return datetime.date.fromisoformat(str(v)[:10])  # as written


def aslist(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def queries(today):
    soon = today + datetime.timedelta(days=30)
    def num(v):
        """custom fields compare as numbers when their text is one"""
        if isinstance(v, bool) or v is None:
            return None
        try:
            return float(str(v)) if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?", str(v)) else None
        except ValueError:
            return None
    return [
        ("deal-value-proposal", "deals", "value>=10000 and stage=proposal",
         lambda r, db: r.get("value") is not None and dec(r["value"]) >= 10000
         and r.get("stage") == "proposal"),
        ("deal-closing-soon", "deals", "close<today+30d",
         lambda r, db: r.get("close") is not None and date(r["close"]) < soon),
        ("company-vip", "companies", "tags=vip",
         lambda r, db: "vip" in aslist(r.get("tags"))),
        ("company-not-vip", "companies", "not tags=vip",
         lambda r, db: "vip" not in aslist(r.get("tags"))),
        ("name-ac", "", "name~/^ac/i",
         lambda r, db: isinstance(r.get("name"), str)
         and re.match(r"(?i)ac", r["name"]) is not None),
        ("contact-retail", "contacts", "company.industry=retail",
         lambda r, db: db.get(("company", r.get("company")), {}).get("industry") == "retail"),
        ("deal-custom-tier", "deals", "tier=gold",
         lambda r, db: r.get("tier") == "gold"),
        ("deal-custom-score", "deals", "score>5",
         lambda r, db: num(r.get("score")) is not None and num(r["score"]) > 5),
        ("deal-no-close", "deals", "not close",
         lambda r, db: r.get("close") is None),
        ("deal-or-and", "deals", "(stage=lead or stage=won) and value<5000",
         lambda r, db: r.get("stage") in ("lead", "won") and r.get("value") is not None
         and dec(r["value"]) < 5000),
        ("interaction-calls-since", "interactions", "date>=2026-06-01 and channel=call",
         lambda r, db: date(r.get("date")) >= datetime.date(2026, 6, 1)
         and r.get("channel") == "call"),
        ("task-open-owner", "tasks", "status!=done and owner=alice",
         lambda r, db: r.get("status") != "done" and r.get("owner") == "alice"),
        # typed columns (owner, stage, value) negated: a record without the
        # field is one that does not match the term
        ("deal-not-owner", "deals", "owner!=alice and not value>10000",
         lambda r, db: r.get("owner") != "alice"
         and not (r.get("value") is not None and dec(r["value"]) > 10000)),
        ("deal-no-stage-or-owner", "deals", "not owner or stage!=proposal",
         lambda r, db: r.get("owner") is None or r.get("stage") != "proposal"),
    ]


def answers(repo, today):
    recs = load(repo)
    db = {(r["_kind"], r["_id"]): r for r in recs}
    out = []
    for name, kind, expr, pred in queries(today):
        want = KINDS.get(kind)
        ids = sorted(r["_id"] for r in recs
                     if (want is None or r["_kind"] == want) and pred(r, db))
        out.append((name, kind, expr, ids))
    return out


if __name__ == "__main__":
    repo, today = sys.argv[1], datetime.date.fromisoformat(sys.argv[2])
    for name, kind, expr, ids in answers(repo, today):
        print("%s\t%s" % (name, " ".join(ids)))
