"""scripts/hindcast.py: the scores on a hand-made experiment file and record whose answer is worked
out below, the hazard derived from cumulative probabilities, the contract for bad input, and the
machinery on a real (small) baseline run (its numbers are not checked against a target: the
hindcast is a measurement, docs/validation.md reports it).

Environment (tests/CMakeLists.txt): SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP. Run with /usr/bin/python3.
"""
import json
import math
import os
import pathlib
import shutil
import subprocess
import sys

import h5py
import numpy as np
import yaml

ROOT = pathlib.Path(os.environ["SIMRUN_SOURCE_DIR"])
TMP = pathlib.Path(os.environ["TEST_TMP"])
SCRIPT = ROOT / "scripts" / "hindcast.py"
sys.path.insert(0, str(ROOT / "scripts"))
import hindcast_scores as hs  # noqa: E402

RUNS = 1000
DEFENCE_PER_YEAR = 0.04

RECORD = """\
pre_origin: 2018Q2
scored_from: 2018Q3
complete_through: 2019Q2
definitions: {crisis: c, visit: v, defence_pact: d, aid_cut: a}
events:
  - {quarter: 2018Q2, dyad: IND-USA, kind: visit, confidence: certain, what: w, source: s}
  - {quarter: 2018Q4, dyad: PAK-IND, kind: crisis, confidence: certain, what: w, source: s}
  - {quarter: 2019Q1, dyad: USA-IND, kind: visit, confidence: certain, what: w, source: s}
  - {quarter: 2019Q2, dyad: USA-PAK, kind: visit, confidence: verify, what: w, source: s}
"""


# The pre-period record (2010Q1-2018Q2 in the real data): 4 quarters on the same three dyads, one
# visit on USA-IND and one crisis on IND-PAK: pooled Jeffreys rates (1 + 1/2) / (12 + 1) for both,
# per-dyad (1 + 1/2) / (4 + 1) on the dyad with the event and (0 + 1/2) / 5 elsewhere; arms deals 0.5 / 13.
PRE_RECORD = """\
pre_origin: 2017Q2
scored_from: 2017Q3
complete_through: 2018Q2
definitions: {crisis: c, visit: v, arms_deal: a}
events:
  - {quarter: 2017Q4, dyad: USA-IND, kind: visit, confidence: certain, what: w, source: s}
  - {quarter: 2018Q1, dyad: IND-PAK, kind: crisis, confidence: certain, what: w, source: s}
"""


def make_experiment(path, with_events=True):
    """Three actors, 4 quarters from 2018Q3; crisis with a constant hazard of 0.1 on every dyad
    (P by tick t = 1 - 0.9^t), visits and defence pacts with probability 0."""
    t = np.arange(5)
    event_by = np.zeros((5, 3, 3))
    event_by[:, :, 0] = (1 - 0.9 ** t)[:, None]
    with h5py.File(path, "w") as f:
        f.attrs.update(runs=RUNS, start_quarter="2018Q3", scenario_name="synthetic", seed=1, git_commit="test")
        f["actor"] = np.array(["USA", "IND", "PAK"], dtype=h5py.string_dtype())
        f["dyad"] = np.array(["USA-IND", "USA-PAK", "IND-PAK"], dtype=h5py.string_dtype())
        f["event_kind"] = np.array(["crisis", "visit", "defence_pact"], dtype=h5py.string_dtype())
        if with_events:
            f["event_by"] = event_by


def make_base_rates(path):
    rates = [{"source": "atop", "pacts": "bilateral", "sample": "major_regional", "window": "1946-2018", "type": t, "quantity": "onset",
              "rate": DEFENCE_PER_YEAR if t == "defence" else 0.01} for t in ("defence", "consultation", "nonaggression")]
    path.write_text(json.dumps({"rates": rates}))


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=900)


def run_synthetic(*args):
    """The script on the synthetic files, with the synthetic pre-period record."""
    pre = TMP / "pre_record.yaml"
    pre.write_text(PRE_RECORD)
    return run(*args, "--pre-record", pre)


def check_known_answer():
    exp, rec, rates, out = TMP / "exp.h5", TMP / "record.yaml", TMP / "rates.json", TMP / "scores.json"
    make_experiment(exp)
    rec.write_text(RECORD)
    make_base_rates(rates)
    res = run_synthetic(exp, "--record", rec, "--base-rates", rates, "--output", out)
    assert res.returncode == 0, res.stderr
    p = json.loads(out.read_text())
    # 3 dyads x 3 kinds x 4 quarters, less the USA-PAK visit cell of 2019Q2 (verify only).
    n = 35
    assert p["cells"] == n and p["events"] == 2, (p["cells"], p["events"])
    assert p["unscored_kinds"] == ["aid_cut"], p["unscored_kinds"]
    # Subsets: the crisis cells are the only ones the model forecasts above 0; defence is the pact kind.
    assert [(k, v["cells"], v["events"]) for k, v in p["summary"].items()] == \
        [("all cells", n, 2), ("modelled cells", 12, 1), ("pact kinds", 12, 0)], p["summary"]
    assert math.isclose(p["summary"]["modelled cells"]["model"]["brier"], (11 * 0.01 + 0.81) / 12, rel_tol=1e-9)
    s = p["summary"]["all cells"]
    # Model: crisis 0.1 in 12 cells (one event), visits and pacts 0 (one visit event).
    assert math.isclose(s["model"]["brier"], (11 * 0.01 + 0.81 + 1.0) / n, rel_tol=1e-9), s["model"]
    log_model = (11 * -math.log(0.9) - math.log(0.1) + 10 * -math.log(0.999) - math.log(0.001)
                 + 12 * -math.log(0.999)) / n
    assert math.isclose(s["model"]["log"], log_model, rel_tol=1e-9), s["model"]
    # Persistence: misses the crisis (2018Q4) and repeats it (2019Q1); repeats the 2018Q2 visit in
    # 2018Q3, misses the 2019Q1 visit and repeats it in 2019Q2: five errors of 1.
    assert math.isclose(s["persistence"]["brier"], 5 / n, rel_tol=1e-9), s["persistence"]
    # Climatology: the record's frequency for crisis (1/12) and visits (1/11); for defence (no
    # event) 0.
    clim = (11 / 144 + 121 / 144 + 10 / 121 + 100 / 121) / n
    assert math.isclose(s["climatology"]["brier"], clim, rel_tol=1e-9), s["climatology"]
    # Base rate: the pre-period's pooled rate 1.5/13 for crisis and visits; ATOP's for defence.
    q = 1 - (1 - DEFENCE_PER_YEAR) ** 0.25
    r = 1.5 / 13
    base = (11 * r * r + (1 - r) ** 2 + 10 * r * r + (1 - r) ** 2 + 12 * q * q) / n
    assert math.isclose(s["base rate"]["brier"], base, rel_tol=1e-9), s["base rate"]
    assert math.isclose(s["model"]["bss"], 1 - s["model"]["brier"] / base, rel_tol=1e-9)
    # t0 rates: per dyad, 0.3 where the pre-period had the event (rounded to 4 decimals), 0.1
    # elsewhere. Crises: IND-PAK (event in 2018Q4) 0.3, the two others 0.1; visits: USA-IND (event
    # in 2019Q1) 0.3, USA-PAK 0.1 in 3 cells (2019Q2 is verify only), IND-PAK 0.1.
    held = (3 * 0.09 + 0.49 + 8 * 0.01 + 3 * 0.09 + 0.49 + 7 * 0.01 + 12 * q * q) / n
    assert math.isclose(s["t0 rates"]["brier"], held, rel_tol=1e-9), s["t0 rates"]
    assert math.isclose(s["model_skill"]["t0 rates"]["bss"], 1 - s["model"]["brier"] / held, rel_tol=1e-9)
    assert math.isclose(s["model_skill"]["climatology"]["bss"], 1 - s["model"]["brier"] / clim, rel_tol=1e-9)
    for name in ("model", "base rate", "climatology", "t0 rates", "persistence"):
        row = s[name]
        for key in ("brier_ci", "log_ci", "bss_ci"):
            lo, hi = row[key]
            assert math.isfinite(lo) and lo <= hi, (name, key, row[key])
    assert [(e["quarter"], e["dyad"], e["kind"]) for e in p["per_event"]] == \
        [("2019Q1", "USA-IND", "visit"), ("2018Q4", "IND-PAK", "crisis")], p["per_event"]
    # By dyad: the kinds with events (crisis, visit), every dyad; the squared errors add up.
    assert [(r["kind"], r["dyad"]) for r in p["per_dyad"]] == \
        [(k, d) for k in ("crisis", "visit") for d in ("IND-PAK", "USA-IND", "USA-PAK")], p["per_dyad"]
    crisis_sum = sum(r["model sum"] for r in p["per_dyad"] if r["kind"] == "crisis")
    assert math.isclose(crisis_sum, 11 * 0.01 + 0.81, rel_tol=1e-9), crisis_sum
    # No overwrite without --force.
    res = run_synthetic(exp, "--record", rec, "--base-rates", rates, "--output", out)
    assert res.returncode == 2 and "--force" in res.stderr, res
    return exp, rec, rates


def check_event_in(rec, rates):
    """With `event_in` (format 2.1) the model's forecast is P(event in the quarter) as written, not
    the hazard recovered from event_by: crisis 0.3 in every quarter against event_by's 0.1."""
    exp, out = TMP / "exp_in.h5", TMP / "scores_in.json"
    make_experiment(exp)
    with h5py.File(exp, "a") as f:
        event_in = np.zeros((5, 3, 3))
        event_in[1:, :, 0] = 0.3
        f["event_in"] = event_in
    res = run_synthetic(exp, "--record", rec, "--base-rates", rates, "--output", out)
    assert res.returncode == 0, res.stderr
    p = json.loads(out.read_text())
    assert p["experiment"]["forecast"] == "event_in", p["experiment"]
    brier = p["summary"]["modelled cells"]["model"]["brier"]
    assert math.isclose(brier, (11 * 0.09 + 0.49) / 12, rel_tol=1e-9), brier


def check_hazard():
    h = hs.hazard_from_cumulative(np.array([0.0, 0.5, 0.995, 0.999]), runs=1000)
    # 0 -> 0.5: 0.5; 0.5 -> 0.995: 0.99; then 5 runs left (< 10): 0.99 carried forward.
    assert np.allclose(h, [0.5, 0.99, 0.99]), h


def check_bad_input(exp, rec, rates):
    bad = TMP / "bad.yaml"
    bad.write_text(RECORD.replace("2018Q4", "2018Q5"))
    res = run_synthetic(exp, "--record", bad, "--base-rates", rates)
    assert res.returncode == 2 and res.stderr.count("\n") == 1, res
    assert f"{bad}:7: field 'quarter': expected a quarter like 2019Q1, got '2018Q5'" in res.stderr, res.stderr
    bad.write_text(RECORD.replace("dyad: PAK-IND", "dyad: PAK-XXX"))
    res = run_synthetic(exp, "--record", bad, "--base-rates", rates)
    assert res.returncode == 2 and f"{bad}:7: field 'dyad'" in res.stderr, res.stderr
    bad.write_text(RECORD.replace("confidence: verify", "confidence: maybe"))
    res = run_synthetic(exp, "--record", bad, "--base-rates", rates)
    assert res.returncode == 2 and f"{bad}:9: field 'confidence'" in res.stderr, res.stderr
    old = TMP / "old.h5"
    make_experiment(old, with_events=False)
    res = run_synthetic(old, "--record", rec, "--base-rates", rates, "--output", TMP / "never.json")
    assert res.returncode == 2 and "'event_by'" in res.stderr, res.stderr
    assert not (TMP / "never.json").exists()


def check_real_run():
    """The machinery on a real small baseline run (200 runs): every certain in-window event of a
    scored kind appears in the per-event table, the scores are proper numbers, and the doc section
    is written. The skill itself is measured, not checked (docs/validation.md reports it)."""
    simrun = os.environ["SIMRUN"]
    out = TMP / "baseline.h5"
    res = subprocess.run([simrun, str(ROOT / "scenarios" / "baseline.yaml"), "--fixed", "-n", "200", "-s", "20180701", "-o",
                          str(out), "--force", "-q"], capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr
    doc = TMP / "validation.md"
    shutil.copy(ROOT / "docs" / "validation.md", doc)
    scores = TMP / "real.json"
    res = run(out, "--output", scores, "--doc", doc)
    assert res.returncode == 0, res.stderr
    p = json.loads(scores.read_text())
    with h5py.File(out, "r") as f:
        kinds = set(f["event_kind"].asstr()[()])
    record = yaml.safe_load((ROOT / "data" / "record" / "record_2018_2026.yaml").read_text())
    only = record.get("scored_dyads", {})
    expected = {(e["quarter"], "-".join(sorted(e["dyad"].split("-"))), e["kind"]) for e in record["events"]
                if e["confidence"] == "certain" and e["kind"] in kinds
                and record["scored_from"] <= e["quarter"] <= record["complete_through"]
                and (e["kind"] not in only or e["dyad"] in only[e["kind"]])}
    got = {(e["quarter"], "-".join(sorted(e["dyad"].split("-"))), e["kind"]) for e in p["per_event"]}
    assert got == expected, (sorted(got ^ expected))
    assert p["events"] == len(expected) and p["cells"] > 10 * len(kinds), (p["events"], p["cells"])
    for group, forecasters in p["summary"].items():  # all cells, modelled cells, pact kinds
        for name, s in ((k, v) for k, v in forecasters.items() if isinstance(v, dict) and k != "model_skill"):
            assert 0.0 <= s["brier"] <= 1.0 and 0.0 <= s["log"] < 7.0, (group, name, s)
            assert s["brier_ci"][0] <= s["brier_ci"][1] and s["bss_ci"][0] <= s["bss_ci"][1], (group, name, s)
        assert forecasters["base rate"]["bss"] == 0.0, group
    text = doc.read_text()
    assert "| model |" in text and "(generated by scripts/hindcast.py)" not in text


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    TMP.mkdir(parents=True)
    check_hazard()
    exp, rec, rates = check_known_answer()
    check_bad_input(exp, rec, rates)
    check_event_in(rec, rates)
    check_real_run()
    print("hindcast: ok")


if __name__ == "__main__":
    main()
