"""The 2014-18 history replay against targets stated before it was run with typed pacts
(tests/validation/targets_historical_2014.yaml: each target is an observed outcome of 2014Q1-2018Q2
and the rule under which the model fails it; committed before this test first ran). Can fail: the
targets come from ATOP and the record, and no model constant was set to meet them.

Environment: SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP (tests/CMakeLists.txt). Run with /usr/bin/python3.
"""
import numpy as np
import yaml

from validation_run import env_path, labelled, report, run_scenario, wilson

MIN_JOINT = 0.05   # R1: the record must not lie in the model's 5% tail
MAX_SINGLE = 0.95  # R2, R3: idem for one event that did not happen


def joint_no_pact(path):
    formed, dims, runs, ticks = labelled(path, "pact_formed_by")
    p = formed[ticks].ravel()
    return float(np.prod(1.0 - p)), runs, dims["pact_type"]


def single(path, dyad, kind):
    event_by, dims, runs, ticks = labelled(path, "event_by")
    p = float(event_by[ticks, dims["dyad"].index(dyad), dims["event_kind"].index(kind)])
    return p, wilson(p, runs), runs


def main():
    root, tmp = env_path("SIMRUN_SOURCE_DIR"), env_path("TEST_TMP")
    spec = yaml.safe_load((root / "tests" / "validation" / "targets_historical_2014.yaml").read_text())
    path = run_scenario(root / spec["scenario"], tmp / "historical_2014.h5", spec["runs"], spec["seed"])
    failures = []
    for target in spec["targets"]:
        if target["output"] == "pact_formed_by":
            joint, runs, types = joint_no_pact(path)
            passed = joint >= MIN_JOINT
            result = f"P(no new pact on any dyad, {len(types)} types) ≈ {joint:.3f} ({runs:,} runs)"
            test = f"product of 1 − P(formed by 2018Q2) ≥ {MIN_JOINT}"
        else:
            p, (lo, hi), runs = single(path, target["dyad"], target["event_kind"])
            passed = lo <= MAX_SINGLE
            result = f"P({target['event_kind']} on {target['dyad']} by 2018Q2) = {p:.3f} [{lo:.3f}, {hi:.3f}] ({runs:,} runs)"
            test = f"95% Wilson lower bound ≤ {MAX_SINGLE}"
        report(f"{target['id']} (2014-18)", target["claim"], test, result, passed)
        print(f"{target['id']}: {result} -> {'pass' if passed else 'FAIL'}")
        if not passed:
            failures.append(f"{target['id']}: {result}")
    assert not failures, "2014-18 replay misses its stated targets:\n  " + "\n  ".join(failures)


if __name__ == "__main__":
    main()
