"""Independent figures for t8100: SLA state of every case of the farley
repository in the current directory, worked out from the YAML files and
git history alone, as farley-cases(1) and farley-report(1) describe them.

    python3 service_expect.py NOW report [FROM TO]   -> JSON of report service
    python3 service_expect.py NOW queue [OWNER]      -> JSON of farley cases

NOW is an RFC 3339 time ("2026-03-10T12:00Z").
"""
import glob, json, re, statistics, subprocess, sys
from datetime import datetime, timedelta, timezone

import yaml


def instant(s):
    s = str(s)
    if len(s) == 10:
        s += "T00:00Z"
    s = s.replace("Z", "+00:00")
    return datetime.fromisoformat(s).timestamp()


def day_of(s):
    return str(s)[:10]


cfg = yaml.safe_load(open("farley.yaml")) or {}
statuses = cfg.get("case_statuses") or [
    "new", "open", "pending", {"name": "resolved", "closed": True},
    {"name": "closed", "closed": True}]
closed = {s["name"] for s in statuses if isinstance(s, dict) and s.get("closed")}
first_status = statuses[0] if isinstance(statuses[0], str) else statuses[0]["name"]
units = {"m": 60, "h": 3600, "d": 86400, "w": 604800}


def dur(s):
    return sum(int(n) * units[u] for n, u in re.findall(r"(\d+)([mhdw])", str(s)))


sla = {p: (dur(t.get("respond", "0m")) if t.get("respond") else 0,
           dur(t.get("resolve", "0m")) if t.get("resolve") else 0)
       for p, t in (cfg.get("sla") or {}).items()}


def load(folder):
    out = {}
    for f in glob.glob(folder + "/**/*.yaml", recursive=True):
        out[f.rsplit("/", 1)[1][:-5]] = yaml.safe_load(open(f))
    return out


cases, inters = load("cases"), load("interactions")
now = instant(sys.argv[1])


def clock(cid, c):
    k = {"id": cid, "c": c, "prio": c.get("priority", "normal"),
         "open": c.get("status", first_status) not in closed,
         "opened": instant(c["opened"]) if c.get("opened") else None}
    k["respond"], k["resolve"] = sla.get(k["prio"], (0, 0))
    resp = [(instant(x["date"]), str(x["date"])) for x in inters.values()
            if x.get("case") == cid and x.get("direction") == "out"
            and k["opened"] is not None and k["opened"] <= instant(x["date"]) <= now]
    k["resp"] = min(resp) if resp else None
    k["resolved"] = (instant(c["resolved"]) if not k["open"] and c.get("resolved")
                     else None)

    def judge(target, at):
        if not target or k["opened"] is None:
            return "none"
        if at is not None:
            return "met" if at - k["opened"] <= target else "breached"
        if not k["open"]:
            return "none"
        return "breached" if now - k["opened"] > target else "pending"
    k["rs"] = judge(k["respond"], k["resp"][0] if k["resp"] else None)
    k["ss"] = judge(k["resolve"], k["resolved"])
    dues = []
    if k["opened"] is not None and k["open"] and k["respond"] and not k["resp"]:
        dues.append(k["opened"] + k["respond"])
    if k["opened"] is not None and k["open"] and k["resolve"]:
        dues.append(k["opened"] + k["resolve"])
    k["due"] = min(dues) if dues else None
    return k


clocks = [clock(i, c) for i, c in cases.items()]


def pct(m, b):
    return None if m + b == 0 else "%.1f" % (100.0 * m / (m + b))


def med(v):
    return None if not v else "%.2f" % (statistics.median(v) / 3600.0)


def row(by, group, ks):
    return {"by": by, "group": group, "cases": len(ks),
            "response_met": sum(k["rs"] == "met" for k in ks),
            "response_breached": sum(k["rs"] == "breached" for k in ks),
            "response_pct": pct(sum(k["rs"] == "met" for k in ks),
                                sum(k["rs"] == "breached" for k in ks)),
            "resolution_met": sum(k["ss"] == "met" for k in ks),
            "resolution_breached": sum(k["ss"] == "breached" for k in ks),
            "resolution_pct": pct(sum(k["ss"] == "met" for k in ks),
                                  sum(k["ss"] == "breached" for k in ks)),
            "median_response_hours": med([k["resp"][0] - k["opened"] for k in ks if k["resp"]]),
            "median_resolution_hours": med([k["resolved"] - k["opened"]
                                            for k in ks if k["resolved"] is not None])}


def reopens(cid):
    """How often git history saw the case's status go closed -> open."""
    path = subprocess.run(["git", "ls-files", "cases/*/%s.yaml" % cid],
                          capture_output=True, text=True).stdout.strip()
    revs = subprocess.run(["git", "rev-list", "--first-parent", "--reverse", "HEAD",
                           "--", path], capture_output=True, text=True).stdout.split()
    n, last = 0, None
    for r in revs:
        blob = subprocess.run(["git", "show", "%s:%s" % (r, path)],
                              capture_output=True, text=True).stdout
        st = (yaml.safe_load(blob) or {}).get("status") if blob else None
        if last in closed and st is not None and st not in closed:
            n += 1
        last = st
    return n


if sys.argv[2] == "report":
    lo = sys.argv[3] if len(sys.argv) > 3 else "0000-00-00"
    hi = sys.argv[4] if len(sys.argv) > 4 else "9999-99-99"
    sel = [k for k in clocks if k["opened"] is not None
           and lo <= day_of(k["c"]["opened"]) <= hi]
    rows = [row("all", "all", sel)]
    for p in sorted({day_of(k["c"]["opened"])[:7] for k in sel}):
        rows.append(row("period", p, [k for k in sel if day_of(k["c"]["opened"])[:7] == p]))
    for o in sorted({k["c"].get("owner", "(none)") for k in sel}):
        rows.append(row("owner", o, [k for k in sel if k["c"].get("owner", "(none)") == o]))
    backlog = []
    for s in statuses:
        name = s if isinstance(s, str) else s["name"]
        if name in closed:
            continue
        ks = [k for k in clocks if k["c"].get("status", first_status) == name]
        b = {"status": name}
        for p in ["urgent", "high", "normal", "low"]:
            b[p] = sum(k["prio"] == p for k in ks)
        b["total"] = len(ks)
        backlog.append(b)
    reo = [{"id": k["id"], "times": reopens(k["id"])} for k in sel]
    reo = sorted([r for r in reo if r["times"]], key=lambda r: r["id"])
    print(json.dumps({"compliance": rows, "backlog": backlog, "reopened": reo},
                     indent=1, sort_keys=True))
else:
    owner = sys.argv[3] if len(sys.argv) > 3 else None
    q = [k for k in clocks if k["open"] and (owner is None or k["c"].get("owner") == owner)]
    prio = {"low": 0, "normal": 1, "high": 2, "urgent": 3}
    q.sort(key=lambda k: (not (k["rs"] == "breached" or k["ss"] == "breached"),
                          k["due"] is None, k["due"] or 0, -prio[k["prio"]],
                          k["opened"] or 0, k["id"]))
    out = []
    for k in q:
        left = None if k["due"] is None else int((k["due"] - now) / 60)
        out.append({"id": k["id"], "left_minutes": left,
                    "breached": k["rs"] == "breached" or k["ss"] == "breached",
                    "first_response": k["resp"][1] if k["resp"] else None})
    print(json.dumps(out, indent=1, sort_keys=True))
