#!/usr/bin/env python3
"""make bench (imports): farley import against the SPEC's targets.

    python3 bench/import.py [--n N] [--runs R] [--out FILE]

Each import runs into a fresh repository (the CSV and JSON ones), or one
with the mail's correspondents as contacts (mbox), and is timed from the
outside with its peak memory from /usr/bin/time -v (the larger of farley
and its helper).  Beside each, what a user would do without farley: copy
the same record files in and `git add -A && git commit` them (the floor
of any import that ends in one commit).  Medians of --runs runs.
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--n", type=int, default=50000, help="contacts (csv, json)")
ap.add_argument("--mails", type=int, default=10000)
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--out", default=os.path.join(HERE, "results-import.md"))
ap.add_argument("--farley", default=os.path.join(HERE, "..", "farley"))
args = ap.parse_args()
FARLEY = os.path.abspath(args.farley)
env = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
           GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com",
           FARLEY_TODAY="2026-11-24")
work = tempfile.mkdtemp(prefix="farley-bench-import-")
rows = []


def run(cmd, cwd, **kw):
    return subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True,
                          text=True, **kw)


def fresh(name):
    d = os.path.join(work, name)
    shutil.rmtree(d, ignore_errors=True)
    run([FARLEY, "init", d], work)
    return d


def measure(cmd, setup):
    """Median seconds and the largest peak memory (MB) over the runs."""
    secs, mem = [], 0.0
    for _ in range(args.runs):
        cwd = setup()
        t = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        secs.append(time.perf_counter() - t)
        if p.returncode:
            sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr[-2000:]))
        for m in re.finditer(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr):
            mem = max(mem, int(m.group(1)) / 1024)
    return statistics.median(secs), mem


def row(what, secs, mem, target_s, floor=None):
    ratio = " (%.1fx the git floor, %.1f s)" % (secs / floor, floor) if floor else ""
    ok = secs <= target_s and mem < 200
    rows.append((what, "%.1f s, %.0f MB%s" % (secs, mem, ratio),
                 "< %g s, < 200 MB" % target_s, "yes" if ok else "**no**"))
    print("%-44s %6.1f s %5.0f MB%s  %s" % (what, secs, mem, ratio,
                                           "met" if ok else "MISSED"), flush=True)


def git_floor(src_repo):
    """Copy src_repo's record files into a new repository and commit them."""
    def setup():
        d = os.path.join(work, "floor")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        run(["git", "init", "-q"], d)
        for k in ("companies", "contacts", "deals", "interactions", "tasks"):
            if os.path.isdir(os.path.join(src_repo, k)):
                shutil.copytree(os.path.join(src_repo, k), os.path.join(d, k))
        return d
    secs = []
    for _ in range(args.runs):
        d = setup()
        t = time.perf_counter()
        run(["sh", "-c", "git add -A && git commit -qm import"], d)
        secs.append(time.perf_counter() - t)
    return statistics.median(secs)


# json: what farley export json writes
data = os.path.join(work, "contacts.json")
with open(data, "w") as f:
    json.dump([{"id": "c%06d" % i, "kind": "contact", "name": "Person %d" % i,
                "emails": ["p%d@example%d.com" % (i, i % 997)],
                "phones": ["+49 30 %07d" % i], "tags": ["bench"]}
               for i in range(args.n)], f)
secs, mem = measure([FARLEY, "import", "json", data], lambda: fresh("json"))
floor = git_floor(os.path.join(work, "json"))
row("import json, %d contacts" % args.n, secs, mem, 10, floor)
secs, mem = measure([FARLEY, "import", "json", data], lambda: os.path.join(work, "json"))
row("the same import again (changes nothing)", secs, mem, 10)

# csv: Google Contacts columns, from bench/gen_csv.py
gen_csv = os.path.join(HERE, "gen_csv.py")
if os.path.exists(gen_csv):
    data = os.path.join(work, "contacts.csv")
    subprocess.run([sys.executable, gen_csv, str(args.n), data], check=True)
    secs, mem = measure([FARLEY, "import", "csv", data], lambda: fresh("csv"))
    floor = git_floor(os.path.join(work, "csv"))
    row("import csv, %d contacts" % args.n, secs, mem, 10, floor)

# mbox: from bench/gen_mbox.py, into a repository with the correspondents
gen_mbox = os.path.join(HERE, "gen_mbox.py")
if os.path.exists(gen_mbox):
    data = os.path.join(work, "mail.mbox")
    subprocess.run([sys.executable, gen_mbox, str(args.mails), data], check=True)

    def with_contacts():
        # the 500 correspondents as contacts, made by the generator itself
        d = fresh("mbox")
        subprocess.run([sys.executable, gen_mbox, str(args.mails),
                        os.path.join(work, "scratch.mbox"), "--crm", d], check=True,
                       stdout=subprocess.DEVNULL)
        run([FARLEY, "index"], d)
        return d
    secs, mem = measure([FARLEY, "import", "mbox", data, "--me",
                         "me@farley-bench.example"], with_contacts)
    row("import mbox, %d messages" % args.mails, secs, mem, 30)

with open(args.out, "w") as f:
    f.write("Imports measured %s, %d cores; median of %d runs.\n\n" % (
        time.strftime("%Y-%m-%d"), os.cpu_count(), args.runs))
    f.write("| import | measured | target | met |\n|---|---|---|---|\n")
    for r in rows:
        f.write("| %s | %s | %s | %s |\n" % r)
shutil.rmtree(work, ignore_errors=True)
print("\nwritten to", args.out)
