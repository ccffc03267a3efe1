"""Validation against the alliance data (issue 10 items 4 and 7): each pact type's mean duration in
the baseline against the data's plausible range in data/base_rates.json (scripts/base_rates.py;
the range and why: docs/validation.md, "Base rates"). Can fail: the range comes from ATOP/COW.

The pacts in force at t0 (coded from ATOP in the scenario) survive to tick T with probability
S = mean over the dyads holding the type of P(tie of that type or stronger at T) (an upgrade is not
an end); at a constant hazard the mean duration is (T/4) / -ln S years. Fails if its 95% interval
(Wilson on S with n = runs: dyads of one run are not counted as independent) lies wholly outside
the range. The model is given its own Monte Carlo error (4,000 runs, seed 20180701).

Environment: SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP (tests/CMakeLists.txt). Run with /usr/bin/python3.
"""
import json
import math
import sys

import numpy as np

from validation_run import env_path, labelled, report, run_scenario, wilson

RUNS, SEED = 4000, 20180701
ORDER = ["nonaggression", "consultation", "defence"]  # the model's order, weakest first


def check_durations(path, ranges, failures):
    in_force, dims, runs, ticks = labelled(path, "pact_in_force")
    types = dims["pact_type"]
    for k, ptype in enumerate(ORDER):
        at_least = [types.index(t) for t in ORDER[k:]]
        holders = [d for d in range(in_force.shape[1]) if in_force[0, d, types.index(ptype)] > 0.999]
        if not holders:
            print(f"note: no dyad holds a {ptype} pact at t0; its duration is not tested", file=sys.stderr)
            continue
        s = float(np.mean([in_force[ticks, d, at_least].sum() for d in holders]))
        lo, hi = wilson(s, runs)
        years = ticks / 4.0

        def duration(v):
            return math.inf if v >= 1.0 else years / -math.log(max(v, 1e-12))

        d, dlo, dhi = duration(s), duration(lo), duration(hi)
        rlo, rhi = ranges["mean_duration_years"][ptype]
        rhi = math.inf if rhi is None else rhi
        passed = not (dhi < rlo or dlo > rhi)
        text = (f"{ptype}: S({ticks}) = {s:.3f} over {len(holders)} dyad(s), mean duration {d:.0f} "
                f"[{dlo:.0f}, {dhi:.0f}] years; data [{rlo:.0f}, {rhi:.0f}]")
        if not passed:
            failures.append(text)
        report(f"BR-{ptype}-duration", f"{ptype} pacts last as long as in the data",
               f"95% interval of the mean duration meets the data's range [{rlo:.0f}, {rhi:.0f}] years",
               text.split(": ", 1)[1], passed)


def main():
    root, tmp = env_path("SIMRUN_SOURCE_DIR"), env_path("TEST_TMP")
    ranges = json.loads((root / "data" / "base_rates.json").read_text())["plausible_range"]
    path = run_scenario(root / "scenarios" / "baseline.yaml", tmp / "baseline.h5", RUNS, SEED)
    failures = []
    check_durations(path, ranges, failures)
    assert not failures, "outside the data's plausible range:\n  " + "\n  ".join(failures)
    print("pact durations within the data's range: ok")


if __name__ == "__main__":
    main()
