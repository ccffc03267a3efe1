#!/usr/bin/python3
"""End-to-end timing of the real `simrun` binary (docs/performance.md explains every figure).

  /usr/bin/python3 bench/end_to_end.py [--simrun build-bench/sim/simrun] [--reps 5]
                                       [--bench-ensemble build-bench/bench/bench_ensemble]
                                       [--bench-output build-bench/bench/bench_output]
                                       [--no-million] [--json results.json] [--wait-idle 120]

1. `simrun scenarios/baseline.yaml -n 10000 -j J` for J = 1 and 2, --reps times each, the two
   thread counts interleaved (so a burst of load from other processes hits both alike), every
   run under `/usr/bin/time -v`: wall time, user+sys CPU time, peak RSS. Reported: median and
   range; runs/s and ticks/s (runs x 38 / wall); the single-core figure also from CPU time
   (runs x 38 / (user + sys) of the -j 1 runs), which is what a quiet core delivers when other
   processes share the machine; speed-up = median wall(-j 1) / median wall(-j 2) and parallel
   efficiency = speed-up / 2 (also the median of the per-repetition ratios), and the cores each
   run actually got (CPU time / wall time). Linux schedules each login session as one group
   (autogroup): while another session keeps the CPUs busy, simrun gets about one CPU whatever
   -j says, so the 2-thread speed-up is only meaningful on an idle machine: --wait-idle S waits
   up to S seconds for one before each pair.
2. Share of the run spent on output, two ways:
   a. in-process (bench_ensemble): BM_Ensemble with write:0 (run_ensemble alone) and write:1
      (ExperimentWriter + run_ensemble + finish, as simrun does), same process, 1 thread,
      repetitions interleaved: share = (t_write - t_nowrite) / t_write, from process CPU time
      (robust to other processes' load) and from wall time;
   b. the writer alone (bench_output BM_WriteExperiment/runs:10000/actors:5) over the median
      wall time of `simrun -n 10000 -j 1`.
3. Peak RSS of `simrun -n R -j 1` for R = 10^4, 10^5, 10^6 (10^6 once; --no-million skips it).
Prints Markdown tables; --json also writes the raw numbers.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICKS = 38  # baseline calendar.ticks


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns wall s, user+sys s, peak RSS MiB."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as tf:
        full = ["/usr/bin/time", "-v", "-o", tf.name] + cmd
        r = subprocess.run(full, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.exit("failed: %s\n%s" % (" ".join(cmd), r.stderr))
        out = tf.read()
    def field(pattern):
        m = re.search(pattern, out)
        if not m:
            sys.exit("cannot parse /usr/bin/time output for %r:\n%s" % (pattern, out))
        return m.group(1)
    wall = field(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)")
    parts = [float(p) for p in wall.split(":")]
    secs = 0.0
    for p in parts:
        secs = secs * 60 + p
    cpu = float(field(r"User time \(seconds\): (\S+)")) + float(field(r"System time \(seconds\): (\S+)"))
    rss = int(field(r"Maximum resident set size \(kbytes\): (\d+)")) / 1024.0
    return secs, cpu, rss


def cpu_idle_fraction(seconds=1.0):
    """Share of all CPUs idle over the next `seconds` (from /proc/stat)."""
    def snap():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4]  # idle + iowait
    t0, i0 = snap()
    time.sleep(seconds)
    t1, i1 = snap()
    return (i1 - i0) / (t1 - t0) if t1 > t0 else 0.0


def wait_idle(max_wait):
    """Waits until the machine has been idle (>= 90% of both CPUs) for a second, at most
    max_wait seconds. Linux schedules each session as a group (autogroup): while another
    session keeps the CPUs busy, this one gets about one CPU whatever its thread count, so a
    2-thread run can only show its speed-up on an otherwise idle machine."""
    t_end = time.time() + max_wait
    while time.time() < t_end:
        if cpu_idle_fraction(1.0) >= 0.9:
            return True
    return False


def simrun_cmd(simrun, runs, threads, out):
    return [simrun, "scenarios/baseline.yaml", "--fixed", "-n", str(runs), "-j", str(threads), "-o", out, "--force", "-q"]


def med(xs):
    return statistics.median(xs)


def spread(xs):
    return "%.2f-%.2f" % (min(xs), max(xs))


def google_bench(binary, filt, reps):
    """Per benchmark name: (real times s, CPU times s) of every repetition. Repetitions of the
    selected benchmarks are interleaved at random, so load from other processes drifting during
    the measurement hits every benchmark alike."""
    r = subprocess.run([binary, "--benchmark_filter=" + filt, "--benchmark_repetitions=%d" % reps,
                        "--benchmark_enable_random_interleaving=true", "--benchmark_format=json"],
                       cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("failed: %s\n%s" % (binary, r.stderr))
    data = json.loads(r.stdout)
    times = {}
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    for b in data["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        real, cpu = times.setdefault(b["run_name"], ([], []))
        real.append(b["real_time"] * scale[b["time_unit"]])
        cpu.append(b["cpu_time"] * scale[b["time_unit"]])
    return times


def pick(times, prefix):
    """The timings of the one benchmark whose name starts with prefix + '/'."""
    hits = [v for k, v in times.items() if k.startswith(prefix + "/")]
    if len(hits) != 1:
        sys.exit("expected one benchmark named %s/..., found %s" % (prefix, sorted(times)))
    return hits[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--simrun", default=os.path.join(ROOT, "build-bench/sim/simrun"))
    ap.add_argument("--bench-ensemble", default=os.path.join(ROOT, "build-bench/bench/bench_ensemble"))
    ap.add_argument("--bench-output", default=os.path.join(ROOT, "build-bench/bench/bench_output"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--no-million", action="store_true", help="skip the single -n 1000000 run")
    ap.add_argument("--json", help="also write the raw numbers here")
    ap.add_argument("--wait-idle", type=float, default=0, metavar="S",
                    help="before each -j 1/-j 2 pair, wait up to S seconds for an idle machine (see wait_idle)")
    ap.add_argument("--tmp", default=os.environ.get("TMPDIR", "/tmp"))
    a = ap.parse_args()
    out = os.path.join(a.tmp, "simrun_e2e_%d.h5" % os.getpid())
    raw = {"reps": a.reps}

    # 1. 10^4 runs at 1 and 2 threads, interleaved.
    runs = 10000
    res = {1: [], 2: []}
    subprocess.run(simrun_cmd(a.simrun, 1000, 1, out), cwd=ROOT, stdout=subprocess.DEVNULL)  # warm the page cache
    idle_pairs = 0
    for rep in range(a.reps):
        if a.wait_idle > 0 and wait_idle(a.wait_idle):
            idle_pairs += 1
        for j in (1, 2):
            res[j].append(timed(simrun_cmd(a.simrun, runs, j, out)))
    size_mb = os.path.getsize(out) / 1e6
    raw["n1e4"] = {str(j): [dict(wall=w, cpu=c, rss=r) for (w, c, r) in res[j]] for j in res}
    wall = {j: [w for (w, _, _) in res[j]] for j in res}
    cpu = {j: [c for (_, c, _) in res[j]] for j in res}
    rss = {j: [r for (_, _, r) in res[j]] for j in res}
    speedup = med(wall[1]) / med(wall[2])
    paired = [w1 / w2 for w1, w2 in zip(wall[1], wall[2])]

    print("## simrun scenarios/baseline.yaml -n %d (%d repetitions, output %.1f MB)\n" % (runs, a.reps, size_mb))
    if a.wait_idle > 0:
        print("%d of %d repetition pairs started on an idle machine (waited up to %.0f s each).\n" % (idle_pairs, a.reps, a.wait_idle))
    print("| threads | wall s median (range) | runs/s | ticks/s | CPU s (user+sys) median | ticks/s per CPU-second | cores used (CPU/wall) | peak RSS MiB |")
    print("|---|---|---|---|---|---|---|---|")
    for j in (1, 2):
        w = med(wall[j])
        used = med([c / x for c, x in zip(cpu[j], wall[j])])
        print("| %d | %.2f (%s) | %.0f | %.0f | %.2f | %.0f | %.2f | %.1f |" % (
            j, w, spread(wall[j]), runs / w, runs * TICKS / w, med(cpu[j]), runs * TICKS / med(cpu[j]), used, max(rss[j])))
    print("\nspeed-up 2 threads vs 1: %.2fx (median of per-repetition ratios %.2fx, range %s); parallel efficiency %.0f%%" % (
        speedup, med(paired), spread(paired), 100 * speedup / 2))
    print("(a 2-thread run that used fewer than ~1.9 cores shared the machine with another session: its speed-up is not the code's)\n")
    raw["idle_pairs"] = idle_pairs
    raw["speedup"] = speedup
    raw["speedup_paired"] = paired

    # 2. Share of output.
    print("## Share of the run spent writing the HDF5 file\n")
    print("| method | without output | with output | output share |")
    print("|---|---|---|---|")
    if os.path.exists(a.bench_ensemble):
        t = google_bench(a.bench_ensemble, "BM_Ensemble/runs:10000/threads:1/.*/actors:5", a.reps)
        r0, c0 = pick(t, "BM_Ensemble/runs:10000/threads:1/write:0/actors:5")
        r1, c1 = pick(t, "BM_Ensemble/runs:10000/threads:1/write:1/actors:5")
        for what, x0, x1 in (("process CPU s", c0, c1), ("wall s", r0, r1)):
            m0, m1 = med(x0), med(x1)
            print("| in-process, bench_ensemble, 1 thread, %s (median of %d, interleaved) | %.3f (%s) | %.3f (%s) | %.1f%% |" % (
                what, a.reps, m0, spread(x0), m1, spread(x1), 100 * (m1 - m0) / m1))
        raw["ensemble_nowrite"], raw["ensemble_write"] = {"real": r0, "cpu": c0}, {"real": r1, "cpu": c1}
    if os.path.exists(a.bench_output):
        t = google_bench(a.bench_output, "BM_WriteExperiment/runs:10000/actors:5", a.reps)
        tw = med(pick(t, "BM_WriteExperiment/runs:10000/actors:5")[0])
        w1 = med(wall[1])
        print("| writer alone (bench_output, wall) / simrun -j 1 wall | %.3f s | %.3f s | %.1f%% |" % (w1 - tw, w1, 100 * tw / w1))
        raw["writer_s"] = tw
    print()

    # 3. Peak memory against the number of runs (1 thread).
    print("## Peak memory, 1 thread\n")
    print("| runs | wall s | peak RSS MiB | file MB |")
    print("|---|---|---|---|")
    mem = {}
    sizes = [10000, 100000] + ([] if a.no_million else [1000000])
    for n in sizes:
        if n == runs:
            w, r = med(wall[1]), max(rss[1])
            f = size_mb
        else:
            w, _, r = timed(simrun_cmd(a.simrun, n, 1, out))
            f = os.path.getsize(out) / 1e6
        mem[n] = r
        print("| %d | %.1f | %.1f | %.1f |" % (n, w, r, f))
    base = mem[10000]
    growth = {n: 100 * (mem[n] - base) / base for n in mem}
    print("\npeak RSS growth from 10^4 runs: " + ", ".join("%d runs %+.1f%%" % (n, g) for n, g in growth.items() if n != 10000))
    raw["rss_by_runs"] = mem
    os.remove(out)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(raw, f, indent=1)


if __name__ == "__main__":
    main()
