#!/usr/bin/env python3
"""How each figure of make bench grows with the repository.

    python3 bench/growth.py SMALL.json LARGE.json [--out FILE]

Reads two results of bench/bench.py (its .json beside the .md), run at two
sizes, and prints each figure at both sizes with the ratio large/small
beside the ratio of the record counts: writes and reads that do not depend
on the size should stay near 1x, a build near the size ratio.
"""
import argparse, json, re

ap = argparse.ArgumentParser()
ap.add_argument("small")
ap.add_argument("large")
ap.add_argument("--out", default=None)
args = ap.parse_args()
small, large = (json.load(open(p)) for p in (args.small, args.large))
size = large["records"] / small["records"]


def number(measured):
    m = re.match(r"\s*([0-9.]+)", measured)
    return float(m.group(1)) if m else None


lines = ["Growth from %d to %d records (%.1fx the records).\n" % (
    small["records"], large["records"], size),
    "| operation | at %d | at %d | growth |" % (small["records"], large["records"]),
    "|---|---|---|---|"]
for a, b in zip(small["rows"], large["rows"]):
    x, y = number(a["measured"]), number(b["measured"])
    growth = "%.2fx" % (y / x) if x and y is not None else "-"
    # the row names carry counts that differ between the sizes: the larger one's
    lines.append("| %s | %s | %s | %s |" % (b["what"], a["measured"], b["measured"], growth))
text = "\n".join(lines) + "\n"
print(text)
if args.out:
    open(args.out, "w").write(text)
    print("written to", args.out)
