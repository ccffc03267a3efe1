"""Validation against the alliance data (issue 10 items 4 and 7): the baseline's pacts compared with
the data's plausible ranges in data/base_rates.json (scripts/base_rates.py; the ranges and why they
are what they are: docs/validation.md, "Base rates"). Can fail: the ranges come from ATOP/COW, not
from the model, and no model constant was set to hit them.

1. Every non-focal dyad's probability of a new pact of each type within 10 years: the baseline's
   P(formed by 2027Q4) over 38 quarters is put on 10 years at a constant hazard,
   P10 = 1 - (1 - P)^(40/38). Fails if the 95% Wilson lower bound of P10 lies above the range.
2. Each type's mean duration: the pacts in force at t0 (coded from ATOP in the scenario) survive
   to tick T with probability S = mean over those dyads of P(tie of that type or stronger at T)
   (an upgrade is not an end); at a constant hazard the mean duration is (T/4) / -ln S years.
   Fails if its 95% interval (Wilson on S with n = runs: dyads of one run are not counted as
   independent) lies wholly outside the range.
Tolerances are the Monte Carlo 95% intervals (4,000 runs, seed 20180701): the model is given its
own sampling error, so a fail is a real departure from the data.

Environment: SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP (tests/CMakeLists.txt). Run with /usr/bin/python3.
"""
import json
import math
import sys

import numpy as np

from validation_run import env_path, labelled, report, run_scenario, wilson

RUNS, SEED = 4000, 20180701
FOCAL = "RUS-PAK"
ORDER = ["nonaggression", "consultation", "defence"]  # the model's order, weakest first


def ten_year(p, ticks):
    return 1.0 - (1.0 - p) ** (40.0 / ticks)


def check_onsets(path, ranges, failures):
    formed, dims, runs, ticks = labelled(path, "pact_formed_by")
    dyads, types = dims["dyad"], dims["pact_type"]
    for ptype in ORDER:
        hi_range = ranges["onset_10y"][ptype][1]
        worst = []
        for di, dyad in enumerate(dyads):
            if dyad == FOCAL:
                continue
            p = float(formed[ticks, di, types.index(ptype)])
            lo, hi = wilson(p, runs)
            p10, lo10 = ten_year(p, ticks), ten_year(lo, ticks)
            worst.append((p10, dyad, lo10, ten_year(hi, ticks)))
            if lo10 > hi_range:
                failures.append(f"{dyad} {ptype}: P(10 y) = {p10:.3f} [{lo10:.3f}, {ten_year(hi, ticks):.3f}] "
                                f"above the data's range [0, {hi_range:.3f}]")
        p10, dyad, lo10, hi10 = max(worst)
        passed = lo10 <= hi_range
        report(f"BR-{ptype}", f"a non-focal dyad's chance of a new {ptype} pact is within the data's range",
               f"every non-focal dyad: 95% Wilson lower bound of P(10 y) ≤ {hi_range:.3f} (ATOP)",
               f"highest: {dyad} {p10:.3f} [{lo10:.3f}, {hi10:.3f}] ({runs:,} runs)", passed)


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
    check_onsets(path, ranges, failures)
    check_durations(path, ranges, failures)
    assert not failures, "outside the data's plausible range:\n  " + "\n  ".join(failures)
    print("validation against base rates: ok")


if __name__ == "__main__":
    main()
