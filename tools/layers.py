#!/usr/bin/env python3
"""layers.py: check that lib/ calls point one way.

    layers.py ARCHITECTURE.md OBJ...        check real objects (uses nm)
    layers.py ARCHITECTURE.md --graph FILE  check a fixture graph
                                            ("caller-module callee-module" lines)

The layer of every module comes from the module table in
docs/ARCHITECTURE.md (rows "| `name` | layer | ..."), so the document and
the test cannot drift apart.  An object lib/index-sync.o belongs to the
module `index-sync` when the table names it, else to `index`.

Fails (exit 1) on: an object whose module the table does not name, a call
from a module into one of a higher layer, any cycle among modules (calls
within one layer are allowed, circles are not), and any cycle among the
object files themselves (the files of one module, say index-*.c, call one
another one way too).  Prints what it
found; exit 0 and "layers: N modules, M calls, ok" when all is well.
"""
import os
import re
import subprocess
import sys

LAYERS = ["base", "yaml-text", "model", "record-ops", "storage", "derived"]


def read_table(path):
    layer = {}
    row = re.compile(r"^\|\s*`([a-z0-9-]+)`\s*\|\s*([a-z-]+)\s*\|")
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = row.match(line)
            if m and m.group(2) in LAYERS:
                layer[m.group(1)] = LAYERS.index(m.group(2))
    if not layer:
        sys.exit("layers: no module table in %s" % path)
    return layer


def module_of(obj, layer):
    name = os.path.basename(obj)
    if name.endswith(".o"):
        name = name[:-2]
    if name in layer:
        return name
    base = name.split("-")[0]
    return base if base in layer else None


def nm(obj, defined):
    args = ["nm", "--defined-only" if defined else "--undefined-only", obj]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    syms = set()
    for line in out.splitlines():
        parts = line.split()
        if defined and len(parts) == 3 and parts[1] in "TDRBGSV":
            syms.add(parts[2])
        elif not defined and len(parts) == 2 and parts[0] == "U":
            syms.add(parts[1])
    return syms


def file_cycle(objs):
    """A circle of calls between object files, even within one module."""
    owner, files = {}, {}
    for o in objs:
        f = os.path.basename(o)[:-2]
        files[o] = f
        for s in nm(o, True):
            owner[s] = f
    edges = {}
    for o, f in files.items():
        for s in nm(o, False):
            g = owner.get(s)
            if g and g != f:
                edges.setdefault((f, g), s)
    return find_cycle(set(files.values()), edges)


def graph_from_objects(objs, layer, problems):
    owner, mods = {}, {}
    for o in objs:
        m = module_of(o, layer)
        if m is None:
            problems.append("%s: module not in the table of "
                            "docs/ARCHITECTURE.md" % o)
            continue
        mods[o] = m
        for s in nm(o, True):
            owner[s] = m
    edges = {}
    for o, m in mods.items():
        for s in nm(o, False):
            callee = owner.get(s)
            if callee and callee != m:
                edges.setdefault((m, callee), s)
    return set(mods.values()), edges


def graph_from_file(path):
    edges = {}
    mods = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].split()
            if len(line) == 2:
                edges[(line[0], line[1])] = "(fixture)"
                mods.update(line)
    return mods, edges


def find_cycle(mods, edges):
    succ = {m: sorted(b for (a, b) in edges if a == m) for m in mods}
    state, stack = {}, []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in succ.get(m, []):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if not state.get(n):
                c = visit(n)
                if c:
                    return c
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(mods):
        if not state.get(m):
            c = visit(m)
            if c:
                return c
    return None


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    layer = read_table(argv[1])
    problems = []
    if argv[2] == "--graph":
        mods, edges = graph_from_file(argv[3])
        for m in sorted(mods):
            if m not in layer:
                problems.append("%s: module not in the table" % m)
    else:
        mods, edges = graph_from_objects(argv[2:], layer, problems)
        fc = file_cycle(argv[2:])
        if fc:
            problems.append("files call each other in a circle: " + " -> ".join(fc))
    for (a, b), sym in sorted(edges.items()):
        if a in layer and b in layer and layer[b] > layer[a]:
            problems.append("upward call: %s (%s) -> %s (%s) via %s" % (
                a, LAYERS[layer[a]], b, LAYERS[layer[b]], sym))
    cycle = find_cycle(mods, edges)
    if cycle:
        problems.append("cycle: " + " -> ".join(cycle))
    for p in problems:
        print("layers: " + p)
    if problems:
        return 1
    print("layers: %d modules, %d calls, ok" % (len(mods), len(edges)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
