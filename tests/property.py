"""The property test of the index (t2900): random adds, sets, removals,
hand edits with and without commits, checkouts of older commits and pulls
from a second clone; after every step the incrementally updated index must
answer every query of brute.py exactly like the brute-force scan, and now
and then exactly like an index rebuilt from scratch.

    python3 property.py REPO OTHER-CLONE STEPS SEED
"""
import datetime, os, random, re, shutil, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import brute

repo, other, steps, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
TODAY = datetime.date(2026, 11, 24)
counter = [0]
failures = []


def run(*cmd, cwd=None, check=True):
    p = subprocess.run(cmd, cwd=cwd or repo, capture_output=True, text=True)
    if check and p.returncode:
        raise SystemExit("command failed (%d): %s\n%s%s" % (p.returncode, " ".join(cmd),
                                                           p.stdout, p.stderr))
    return p.stdout


def farley_answers():
    out = {}
    for name, kind, expr, _ in brute.answers(repo, TODAY):
        cmd = ["farley", "ls"] + ([kind] if kind else []) + ["--where", expr, "--format=ids"]
        out[name] = sorted(run(*cmd).split())
    return out


def compare(step, what, rebuild=False):
    want = {name: ids for name, kind, expr, ids in brute.answers(repo, TODAY)}
    got = farley_answers()
    for name in want:
        if got[name] != want[name]:
            failures.append((step, what, name, sorted(set(got[name]) ^ set(want[name]))[:5]))
    if rebuild:
        # the same answers from an index built from scratch; then put the
        # incrementally updated one back and carry on with it
        fdir = os.path.join(repo, ".git", "farley")
        saved = os.path.join(repo, ".git", "saved-index")
        shutil.rmtree(saved, ignore_errors=True)
        shutil.copytree(fdir, saved)
        run("farley", "index", "--rebuild", "-q")
        rebuilt = farley_answers()
        for name in want:
            if rebuilt[name] != got[name]:
                failures.append((step, what + " (rebuild vs incremental)", name,
                                 sorted(set(got[name]) ^ set(rebuilt[name]))[:5]))
        shutil.rmtree(fdir)
        shutil.copytree(saved, fdir)


def ids(kind):
    return run("farley", "ls", kind, "--format=ids").split()


def pick(kind):
    return rng.choice(ids(kind))


def path_of(rid):
    return run("farley", "show", rid, "--format=tsv").splitlines()[1].split("\t")[2]


def op_add():
    counter[0] += 1
    n = counter[0]
    kind = rng.choice(["company", "contact", "deal", "deal", "task"])
    if kind == "company":
        args = ["Ac Prop %d" % n if rng.random() < 0.5 else "Prop Co %d" % n,
                "industry=" + rng.choice(["retail", "food", "software"])]
        if rng.random() < 0.5:
            args.append("tags=vip")
    elif kind == "contact":
        args = ["Prop Person %d" % n, "company=" + pick("companies")]
    elif kind == "deal":
        args = ["Prop deal %d" % n, "stage=" + rng.choice(["lead", "proposal", "won"]),
                "value=%d.%02d" % (rng.randint(0, 20000), rng.randint(0, 99))]
        if rng.random() < 0.7:
            args.append("close=2026-%02d-%02d" % (rng.randint(11, 12), rng.randint(1, 28)))
        if rng.random() < 0.3:
            args.append("score=%d" % rng.randint(0, 10))
        if rng.random() < 0.3:
            args.append("tier=gold")
    else:
        args = ["Prop task %d" % n, "owner=" + rng.choice(["alice", "bob"])]
    run("farley", "add", kind, *args)
    return "add " + kind


def op_set():
    d = pick("deals")
    field = rng.choice(["stage", "value", "close", "score", "tier", "close="])
    if field == "stage":
        a = "stage=" + rng.choice(["lead", "qualified", "proposal", "won", "lost"])
    elif field == "value":
        a = "value=%d" % rng.randint(0, 30000)
    elif field == "close":
        a = "close=2026-12-%02d" % rng.randint(1, 28)
    elif field == "score":
        a = "score=%d" % rng.randint(0, 10)
    elif field == "tier":
        a = "tier=" + rng.choice(["gold", "silver", ""])
    else:
        a = "close="
    run("farley", "set", d, a)
    if rng.random() < 0.3:
        run("farley", "set", pick("companies"), rng.choice(["tags+=vip", "tags-=vip"]))
    return "set " + a


def op_rm():
    kind = rng.choice(["interactions", "tasks"])
    run("farley", "rm", pick(kind))
    return "rm " + kind


def hand_edit():
    p = os.path.join(repo, path_of(pick("deals")))
    text = open(p, encoding="utf-8").read()
    text = re.sub(r"(?m)^stage: .*$", "stage: " + rng.choice(["proposal", "won", "lead"]), text)
    if "value:" in text and rng.random() < 0.5:
        text = re.sub(r"(?m)^value: .*$", "value: %d" % rng.randint(0, 25000), text)
    open(p, "w", encoding="utf-8").write(text)
    return p


def op_hand_commit():
    hand_edit()
    run("git", "commit", "-qam", "hand edit")
    return "hand edit, committed"


def op_hand_index(step):
    hand_edit()
    os.makedirs(os.path.join(repo, "companies", "zz"), exist_ok=True)
    with open(os.path.join(repo, "companies", "zz", "zz-hand-%d.yaml" % step), "w") as f:
        f.write("name: Acme hand %d\ntags: [vip]\n" % step)
    run("farley", "index", "-q")
    compare(step, "hand edit, farley index")
    run("git", "add", "-A", "companies", "deals")
    run("git", "commit", "-qm", "commit the hand edits")
    return "hand edit, farley index, then commit"


def op_checkout(step):
    n = int(run("git", "rev-list", "--count", "HEAD"))
    back = rng.randint(1, min(6, n - 1))
    run("git", "checkout", "-q", "HEAD~%d" % back)
    compare(step, "checkout HEAD~%d" % back)
    run("git", "checkout", "-q", "main")
    return "checkout HEAD~%d and back" % back


def op_pull():
    run("git", "pull", "-q", "--no-rebase", "--no-edit", repo, "main", cwd=other)
    counter[0] += 1
    run("farley", "add", "company", "Pulled %d" % counter[0], "tags=vip", cwd=other)
    run("farley", "set", run("farley", "ls", "companies", "--limit", "1", "--format=ids",
                             cwd=other).strip(), "industry=retail", cwd=other)
    run("git", "pull", "-q", "--no-rebase", "--no-edit", other, "main")
    return "pull from the other clone"


def op_nocommit(step):
    run("farley", "set", pick("deals"), "stage=proposal", "--no-commit")
    compare(step, "set --no-commit")
    if subprocess.run(["git", "diff", "--cached", "--quiet"], cwd=repo).returncode:
        run("git", "commit", "-qm", "commit the staged set")  # (it may have been one already)
    return "set --no-commit, then commit"


ops = [op_add, op_add, op_set, op_set, op_rm, op_hand_commit, op_hand_index,
       op_checkout, op_pull, op_nocommit]
compare(0, "start", rebuild=True)
for step in range(1, steps + 1):
    op = rng.choice(ops)
    what = op(step) if op.__code__.co_argcount else op()
    compare(step, what, rebuild=(step % 5 == 0))
    print("step %d: %s" % (step, what))
for f in failures:
    print("MISMATCH at step %d (%s): %s differs by %s" % f)
print("%d steps, %d mismatches" % (steps, len(failures)))
sys.exit(1 if failures else 0)
