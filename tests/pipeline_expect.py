"""Expected pipeline and forecast figures for t3000, computed from the deal
files with PyYAML and Python's decimal module, independently of farley.

    python3 pipeline_expect.py pipeline|pipeline-bob|forecast GOT.json TODAY
"""
import datetime, glob, json, sys
from decimal import Decimal as D, ROUND_HALF_UP

import yaml

STAGES = [("lead", D("0.10")), ("qualified", D("0.25")), ("proposal", D("0.50")),
          ("negotiation", D("0.75"))]
CLOSED = {"won", "lost"}
what, got_file, today = sys.argv[1], sys.argv[2], datetime.date.fromisoformat(sys.argv[3])


def cents(x):
    return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)  # half away from zero


deals = []
for p in glob.glob("deals/*/*.yaml"):
    d = yaml.safe_load(open(p))
    d["value"] = D(str(d.get("value", 0)))
    d["currency"] = d.get("currency", "EUR")
    deals.append(d)


def prob(d):
    if "probability" in d:
        return D(str(d["probability"]))
    return dict(STAGES)[d["stage"]]


def pipeline(cur, owner=None):
    out = {"currency": cur, "stages": []}
    tc, tv, tw = 0, D(0), D(0)
    for name, _ in STAGES:
        ds = [d for d in deals if d["stage"] == name and d["currency"] == cur
              and (owner is None or d.get("owner") == owner)]
        v = sum((d["value"] for d in ds), D(0))
        w = sum((d["value"] * prob(d) for d in ds), D(0))
        out["stages"].append({"stage": name, "count": len(ds), "value": cents(v),
                              "weighted": cents(w)})
        tc, tv, tw = tc + len(ds), tv + v, tw + w
    out["total"] = {"count": tc, "value": cents(tv), "weighted": cents(tw)}
    return out


def month_add(y, m, k):
    m += k
    return y + (m - 1) // 12, (m - 1) % 12 + 1


def forecast(cur):
    periods = []
    for k in range(6):
        y, m = month_add(today.year, today.month, k)
        ds = [d for d in deals if d["currency"] == cur and "close" in d
              and d["close"].year == y and d["close"].month == m]
        open_ = [d for d in ds if d["stage"] not in CLOSED and d["close"] >= today]
        won = [d for d in ds if d["stage"] == "won"]
        periods.append({"period": "%04d-%02d" % (y, m), "count": len(open_),
                        "value": cents(sum((d["value"] for d in open_), D(0))),
                        "weighted": cents(sum((d["value"] * prob(d) for d in open_), D(0))),
                        "won": cents(sum((d["value"] for d in won), D(0)))})
    late = [d for d in deals if d["currency"] == cur and d["stage"] not in CLOSED
            and "close" in d and d["close"] < today]
    return periods, {"count": len(late),
                     "value": cents(sum((d["value"] for d in late), D(0))),
                     "weighted": cents(sum((d["value"] * prob(d) for d in late), D(0)))}


def num(x):
    return x if isinstance(x, int) else cents(D(x))


got = json.load(open(got_file), parse_float=D)
# one shape whatever the data: the repository currency's object, the
# others in its other_currencies list
assert isinstance(got, dict) and isinstance(got["other_currencies"], list), got
got = [got] + got["other_currencies"]
if what == "pipeline":
    want = [pipeline("EUR"), pipeline("USD")]
    assert len(got) == 2, got
    for g, w in zip(got, want):
        assert g["currency"] == w["currency"]
        assert [s["stage"] for s in g["stages"]] == [s["stage"] for s in w["stages"]]
        for gs, ws in zip(g["stages"], w["stages"]):
            for k in ("count", "value", "weighted"):
                assert num(gs[k]) == ws[k], (g["currency"], gs["stage"], k, gs[k], ws[k])
        for k in ("count", "value", "weighted"):
            assert num(g["total"][k]) == w["total"][k], (k, g["total"][k], w["total"][k])
elif what == "pipeline-bob":
    w = pipeline("EUR", "bob")
    for gs, ws in zip(got[0]["stages"], w["stages"]):
        for k in ("count", "value", "weighted"):
            assert num(gs[k]) == ws[k], (gs, ws)
elif what == "forecast":
    for g in got:
        periods, late = forecast(g["currency"])
        assert [p["period"] for p in g["periods"]] == [p["period"] for p in periods]
        for gp, wp in zip(g["periods"], periods):
            for k in ("count", "value", "weighted", "won"):
                assert num(gp[k]) == wp[k], (g["currency"], gp["period"], k, gp[k], wp[k])
        for k in ("count", "value", "weighted"):
            assert num(g["overdue"][k]) == late[k], ("overdue", k, g["overdue"][k], late[k])
        # every open deal is in exactly one row, and total is all of them
        opened = [d for d in deals if d["currency"] == g["currency"] and d["stage"] not in CLOSED]
        rows = g["periods"] + [g[k] for k in ("overdue", "earlier", "later", "undated")]
        assert sum(r["count"] for r in rows) == g["total"]["count"] == len(opened), g
        assert sum(num(r["value"]) for r in rows) == num(g["total"]["value"]), g
        assert num(g["total"]["value"]) == cents(sum((d["value"] for d in opened), D(0))), g
print("ok")
