#!/usr/bin/env python3
"""make bench: sweep's two paths against the Python peer and the disk.

A sweep of 4 groups of 10 values over robomimic's bc.json (10,000
configs) is written into a fresh directory by
  fast  sweep-add ... | sweep-script           (the fast path)
  full  sweep-add ... | sweep-expand | sweep-name | sweep-script
  peer  bench/peer.py, what robomimic's ConfigGenerator does
  floor split, writing as many files of the same size
in interleaved rounds; it prints medians and ratios, the seed's 8-run sweep
wall time, sweep-expand drawing 10^5 runs of 6 distributions against
expanding a 10^5-run grid of 6 parameters, and each stage's peak memory
at 10^4 and 10^5 runs.

BENCH_ROUNDS (default 5) sets the rounds; BENCH_BIG=0 skips 10^5.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(TOP, "bin")
ENV = dict(os.environ, PATH=BIN + os.pathsep + os.environ["PATH"])
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))

LR = ["0.1", "0.01", "0.001", "0.0001", "0.00001",
      "0.2", "0.02", "0.002", "0.0002", "0.00002"]


def params(extra_group=0):
    p = [("train.seed", "seed", [str(i) for i in range(1, 11)]),
         ("train.batch_size", "bs", [str(i) for i in range(10, 101, 10)]),
         ("algo.rnn.hidden_dim", "hd", [str(i) for i in range(100, 1001, 100)]),
         ("algo.optim_params.policy.learning_rate.initial", "lr", LR)]
    if extra_group:
        p.append(("train.num_epochs", "ep",
                  [str(i) for i in range(1, extra_group + 1)]))
    return p


def add_chain(base, ps):
    cmd = ""
    for i, (key, name, values) in enumerate(ps):
        cmd += "sweep-add " + ("-b %s " % base if i == 0 else "")
        cmd += "-k %s -n %s %s | " % (key, name, " ".join(values))
    return cmd


def sh(cmd, cwd):
    subprocess.run(["bash", "-c", "set -eo pipefail; " + cmd], cwd=cwd,
                   env=ENV, check=True, stdout=subprocess.DEVNULL)


def timed(cmd, cwd):
    # what earlier runs wrote is on disk first, so that no run pays for
    # another's writeback
    subprocess.run(["sync"], check=True)
    t = time.perf_counter()
    sh(cmd, cwd)
    return time.perf_counter() - t


def peer_params(ps):
    return json.dumps([{"key": k, "name": n, "group": i,
                        "values": [json.loads(v) for v in vs]}
                       for i, (k, n, vs) in enumerate(ps)])


def median(xs):
    return statistics.median(xs)


def compare(work):
    base = os.path.join(work, "base.json")
    chain = add_chain(base, params())
    peer = "python3 %s %s out/out.sh '%s' out" % (
        os.path.join(TOP, "bench", "peer.py"), base, peer_params(params()))
    # the floor: as many files, of the configs' mean size
    sh("mkdir out && " + chain + "sweep-script -q -o out -s out/out.sh", work)
    sizes = [os.path.getsize(os.path.join(work, "out", f))
             for f in os.listdir(os.path.join(work, "out"))
             if f.endswith(".json")]
    n, size = len(sizes), sum(sizes) // len(sizes)
    with open(os.path.join(work, "blob"), "wb") as f:
        f.write(os.urandom(size * n))
    shutil.rmtree(os.path.join(work, "out"))
    runs = {
        "fast": "mkdir out && " + chain + "sweep-script -q -o out -s out/out.sh",
        "full": "mkdir out && " + chain +
                "sweep-expand | sweep-name | sweep-script -q -o out -s out/out.sh",
        "peer": "mkdir out && " + peer,
        "floor": "mkdir out && cd out && split -a 5 -b %d ../blob" % size,
    }
    times = {k: [] for k in runs}
    for r in range(ROUNDS):
        for k, cmd in runs.items():
            times[k].append(timed(cmd, work))
            if k != "floor":
                got = len([f for f in os.listdir(os.path.join(work, "out"))
                           if f.endswith(".json")])
                assert got == n, (k, got)
            shutil.rmtree(os.path.join(work, "out"))
        print("  round %d: %s" % (r + 1, "  ".join(
            "%s %.2fs" % (k, v[-1]) for k, v in times.items())), flush=True)
    m = {k: median(v) for k, v in times.items()}
    print("\n%d configs of %d bytes, medians of %d rounds:" % (n, size, ROUNDS))
    for k in runs:
        print("  %-5s %6.2f s" % (k, m[k]))
    checks = [
        ("fast path vs peer", m["peer"] / m["fast"], ">=", 3.0),
        ("fast path / floor", m["fast"] / m["floor"], "<=", 1.5),
        ("full pipeline vs peer", m["peer"] / m["full"], ">=", 2.0),
        ("full pipeline / floor", m["full"] / m["floor"], "<=", 2.5),
    ]
    print()
    for what, ratio, op, goal in checks:
        ok = ratio >= goal if op == ">=" else ratio <= goal
        print("  %-22s %5.2fx  (target %s %.1fx) %s" % (
            what, ratio, op, goal, "ok" if ok else "MISSED"))


def seed(work):
    d = os.path.join(work, "seed")
    times = {"full": [], "fast": []}
    spec = os.path.join(TOP, "tests", "seed-spec")
    for _ in range(10):
        for k in times:
            os.makedirs(d)
            shutil.copy(os.path.join(TOP, "examples", "base.json"), d)
            tail = ("sweep-expand | sweep-name | " if k == "full" else "")
            times[k].append(timed("%s %s/base.json | %ssweep-script -q -s %s/out.sh"
                                  % (spec, d, tail, d), work))
            shutil.rmtree(d)
    print("\nthe seed's 8-run sweep, end to end (median of 10): "
          "full pipeline %.1f ms, fast path %.1f ms (target < 50 ms)"
          % (median(times["full"]) * 1e3, median(times["fast"]) * 1e3))


# sampling: 10^5 runs drawn from 6 distributions against the 10^5 runs of
# a 6-parameter grid of the same base, both through sweep-expand
DRAWN = [("train.seed", "seed", "--int-uniform=1:10"),
         ("train.batch_size", "bs", "--int-uniform=10:100"),
         ("algo.rnn.hidden_dim", "hd", "--int-uniform=100:1000"),
         ("algo.optim_params.policy.learning_rate.initial", "lr",
          "--log-uniform=1e-5:0.2"),
         ("train.num_epochs", "ep", "--int-uniform=1:10"),
         ("algo.optim_params.policy.regularization.L2", "wd",
          "--uniform=0:0.01")]


def sampling(work):
    base = os.path.join(work, "base.json")
    grid = params(10) + [("algo.optim_params.policy.regularization.L2",
                          "wd", ["0.001"])]
    sh(add_chain(base, grid)[:-2] + " > grid.spec", work)
    sh(" | ".join("sweep-add %s-k %s -n %s %s" % (
        "-b %s " % base if i == 0 else "", k, n, d)
        for i, (k, n, d) in enumerate(DRAWN)) + " > drawn.spec", work)
    runs = {"grid": "sweep-expand < grid.spec > /dev/null",
            "sample": "sweep-expand --sample=100000 < drawn.spec > /dev/null",
            "sobol": "sweep-expand --sample=100000 --sobol --seed=1 "
                     "< drawn.spec > /dev/null"}
    times = {k: [timed(c, work) for _ in range(ROUNDS)]
             for k, c in runs.items()}
    m = {k: median(v) for k, v in times.items()}
    print("\n10^5 runs of 6 parameters through sweep-expand (median of %d): "
          "grid %.2f s, drawn %.2f s, drawn with --sobol %.2f s" %
          (ROUNDS, m["grid"], m["sample"], m["sobol"]))
    for k in ("sample", "sobol"):
        ratio = m[k] / m["grid"]
        print("  %-22s %5.2fx  (target <= 1.0x) %s" % (
            "%s / grid" % k, ratio, "ok" if ratio <= 1.0 else "MISSED"))


def peak_kb(cmd, cwd, stdin, stdout):
    t = os.path.join(cwd, "time.out")
    with open(stdin) as i, open(stdout, "w") as o:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t, "bash", "-c",
                        cmd], cwd=cwd, env=ENV, stdin=i, stdout=o, check=True)
    with open(t) as f:
        return int(f.read().split()[-1])


def memory(work, extra, label):
    base = os.path.join(work, "base.json")
    spec, runs, named = (os.path.join(work, x) for x in ("spec", "runs", "named"))
    sh(add_chain(base, params(extra))[:-2] + " > spec", work)
    null = "/dev/null"
    got = [
        ("sweep-add", peak_kb("sweep-add -k train.cuda -n '' false", work, spec, null)),
        ("sweep-expand", peak_kb("sweep-expand", work, spec, runs)),
        ("sweep-name", peak_kb("sweep-name", work, runs, named)),
        ("sweep-script (runs)", peak_kb("sweep-script -q -o o1 -s o1/s", work, named, null)),
        ("sweep-script (spec)", peak_kb("sweep-script -q -o o2 -s o2/s", work, spec, null)),
    ]
    for d in ("o1", "o2"):
        shutil.rmtree(os.path.join(work, d))
    for f in (runs, named):
        os.remove(f)
    print("\npeak memory at %s runs: %s" % (label, ", ".join(
        "%s %.1f MB" % (k, v / 1024) for k, v in got)))


def main():
    work = tempfile.mkdtemp(prefix="sweep-bench.", dir=os.environ.get("BENCH_DIR"))
    try:
        shutil.copy(os.path.join(TOP, "tests", "fixtures", "robomimic", "bc.json"),
                    os.path.join(work, "base.json"))
        print("bench in %s, %d rounds" % (work, ROUNDS), flush=True)
        compare(work)
        seed(work)
        sampling(work)
        memory(work, 0, "10^4")
        if os.environ.get("BENCH_BIG", "1") != "0":
            memory(work, 10, "10^5")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
