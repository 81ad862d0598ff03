"""The flat rows of a report (t3400), checked against its JSON.

    python3 report_rows.py NAME GOT.csv GOT.json [GOT.ndjson [GOT.tsv]]

NAME is pipeline, forecast or a `farley report` name.  The CSV must be one
header and rows of its width, with no cell packing a structure
(key=value;key=value), and hold exactly the JSON's figures: the rows are
worked out here from the JSON tree, independently of farley, as
farley-report(1) describes them.  The ndjson must be the same rows as
objects, the tsv the same cells.
"""
import csv, json, re, sys
from decimal import Decimal

name, csv_file, json_file = sys.argv[1:4]
ndjson_file = sys.argv[4] if len(sys.argv) > 4 else None
tsv_file = sys.argv[5] if len(sys.argv) > 5 else None
tree = json.load(open(json_file), parse_float=Decimal)


def docs(t):
    return [t] + t.get("other_currencies", [])


# What the rows must be, from the JSON.
if name == "pipeline":
    want = []
    for d in docs(tree):
        want += [dict(currency=d["currency"], **s) for s in d["stages"]]
        want.append(dict(currency=d["currency"], stage="total", **d["total"]))
elif name == "forecast":
    want = []
    for d in docs(tree):
        head = dict(currency=d["currency"], by=d["by"])
        want += [dict(head, **p) for p in d["periods"]]
        want += [dict(head, period=k, **d[k])
                 for k in ("overdue", "earlier", "later", "undated", "total")]
elif name == "stages":
    want = tree["stages"]  # the backward moves are another table: json only
elif name == "slips":
    want = tree["deals"]  # and the totals add up the rows
elif name == "velocity":
    want = [tree]
elif name == "service":
    want = tree["compliance"]  # backlog and reopened: json only
else:
    assert isinstance(tree, list), (name, tree)
    want = tree
assert want, "%s: the fixture should give rows" % name

columns = []
for row in want:
    for k, v in row.items():
        assert not isinstance(v, (dict, list)), (name, "nested in json", k, v)
        if k not in columns:
            columns.append(k)


def cell(v):
    """A JSON value as the CSV writes it (RFC 4180, formulas defused)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, Decimal)):
        return v
    return "'" + v if v[:1] in ("=", "+", "-", "@", "\t", "\r") else v


def same(got, v):
    if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
        return got != "" and Decimal(got) == Decimal(v)
    return got == v


rows = list(csv.reader(open(csv_file, newline="")))
header, body = rows[0], rows[1:]
assert header == columns, (name, "header", header, columns)
assert sum(1 for r in rows if r == header) == 1, (name, "more than one header")
packed = re.compile(r"[A-Za-z_][\w.]*=[^;]*;[A-Za-z_][\w.]*=")
for r in rows:
    assert len(r) == len(header), (name, "row width", r, header)
    for c in r:
        assert not packed.search(c), (name, "packed cell", c)
assert len(body) == len(want), (name, "rows", len(body), len(want))
for got, w in zip(body, want):
    for k, c in zip(header, got):
        assert same(c, cell(w.get(k))), (name, k, c, w.get(k), w)

if ndjson_file:
    objs = [json.loads(l, parse_float=Decimal) for l in open(ndjson_file)]
    assert objs == [{k: v for k, v in w.items()} for w in want], (name, "ndjson", objs)

if tsv_file:
    lines = open(tsv_file).read().split("\n")
    assert lines[-1] == "", (name, "tsv ends with a newline")
    cells = [l.split("\t") for l in lines[:-1]]
    unescape = lambda s: re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), s)
    cells = [[unescape(c) for c in l] for l in cells]
    assert cells[0] == header, (name, "tsv header", cells[0])
    for t, c in zip(cells[1:], body):
        # the same cells, without csv's formula guard
        assert t == [x[1:] if x.startswith("'") else x for x in c], (name, "tsv", t, c)
    assert len(cells) == len(rows), (name, "tsv rows")
print("ok", name, len(body), "rows")
