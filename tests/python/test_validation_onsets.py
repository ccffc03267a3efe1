"""Validation against the alliance data (issue 10 items 4 and 7): every non-focal dyad's probability
of a new pact of each type within 10 years in the baseline, against the data's plausible range in
data/base_rates.json (scripts/base_rates.py; the range and why: docs/validation.md, "Base rates").
Can fail: the range comes from ATOP, not from the model, and no model constant was set to hit it.

The baseline's P(formed by 2027Q4) over 38 quarters is put on 10 years at a constant hazard,
P10 = 1 - (1 - P)^(40/38). Fails if the 95% Wilson lower bound of P10 lies above the range: the
model is given its own Monte Carlo error (4,000 runs, seed 20180701), so a fail is a real
departure from the data.

Environment: SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP (tests/CMakeLists.txt). Run with /usr/bin/python3.
"""
import json

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


def main():
    root, tmp = env_path("SIMRUN_SOURCE_DIR"), env_path("TEST_TMP")
    ranges = json.loads((root / "data" / "base_rates.json").read_text())["plausible_range"]
    path = run_scenario(root / "scenarios" / "baseline.yaml", tmp / "baseline.h5", RUNS, SEED)
    failures = []
    check_onsets(path, ranges, failures)
    assert not failures, "outside the data's plausible range:\n  " + "\n  ".join(failures)
    print("pact onsets within the data's range: ok")


if __name__ == "__main__":
    main()
