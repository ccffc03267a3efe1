"""scripts/event_rates.py: the per-dyad event rates of scenarios/baseline.yaml are those the script
estimates from the pre-period record (a hand edit of either is caught), the estimator on a
hand-made record whose answer is worked out below, and the contract for bad input.

Environment (tests/CMakeLists.txt): SIMRUN_SOURCE_DIR, TEST_TMP. Run with /usr/bin/python3.
"""
import math
import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(os.environ["SIMRUN_SOURCE_DIR"])
TMP = pathlib.Path(os.environ["TEST_TMP"])
SCRIPT = ROOT / "scripts" / "event_rates.py"
sys.path.insert(0, str(ROOT / "scripts"))
import event_rates as ev  # noqa: E402

RECORD = """\
pre_origin: 2009Q4
scored_from: 2010Q1
complete_through: 2010Q4
definitions: {visit: v, arms_deal: a, crisis: c}
events:
  - {quarter: 2010Q1, dyad: IND-USA, kind: visit, confidence: certain, what: w, source: s}
  - {quarter: 2010Q1, dyad: USA-IND, kind: visit, confidence: certain, what: second visit same quarter, source: s}
  - {quarter: 2010Q3, dyad: USA-IND, kind: visit, confidence: certain, what: w, source: s}
  - {quarter: 2010Q4, dyad: USA-IND, kind: visit, confidence: verify, what: w, source: s}
  - {quarter: 2011Q1, dyad: USA-IND, kind: visit, confidence: certain, what: after the window, source: s}
  - {quarter: 2010Q2, dyad: PAK-IND, kind: crisis, confidence: verify, what: w, source: s}
"""


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=300)


def check_baseline_matches():
    res = run("--check", ROOT / "scenarios" / "baseline.yaml")
    assert res.returncode == 0, res.stderr
    assert "30 dyad rates match" in res.stdout, res.stdout


def check_hand_edit_caught():
    edited = TMP / "baseline.yaml"
    text = (ROOT / "scenarios" / "baseline.yaml").read_text()
    assert text.count("    visit_rate: 0.4714\n") == 1  # CHN-RUS: 16 of 34 quarters
    edited.write_text(text.replace("    visit_rate: 0.4714\n", "    visit_rate: 0.3\n"))
    res = run("--check", edited)
    assert res.returncode == 1, res
    assert "dyads.CHN-RUS.visit_rate: 0.3, expected 0.4714 (16 of 34 quarters with a certain visit)" in res.stderr, res.stderr
    edited.write_text(text.replace('visit_rate: "pre_rates: 16 of 34 quarters', 'visit_rate: "[analyst] 16 of 34 quarters'))
    res = run("--check", edited)
    assert res.returncode == 1 and "dyads.CHN-RUS.visit_rate: source" in res.stderr, res.stderr


def check_known_answer():
    rec = TMP / "record.yaml"
    rec.write_text(RECORD)
    est = ev.estimate(rec)
    assert est["quarters"] == 4 and est["window"] == ("2010Q1", "2010Q4"), est
    rows = {(r["dyad"], r["kind"]): r for r in est["rows"]}
    assert len(rows) == 30
    # USA-IND visits: two certain quarters of four (two entries in 2010Q1 count once; the verify
    # entry and the one after the window do not): (2 + 1/2) / (4 + 1) = 0.5.
    v = rows[("USA-IND", "visit")]
    assert (v["k"], v["k_verify"], v["rate"]) == (2, 3, 0.5), v
    assert math.isclose(v["rate_verify"], round(3.5 / 5, 4)), v
    # Beta(2.5, 2.5) is symmetric about 1/2: the interval is too.
    assert math.isclose(v["lower"] + v["upper"], 1.0, rel_tol=1e-9), v
    # Nothing recorded: (0 + 1/2) / 5 = 0.1; the IND-PAK crisis is verify only.
    c = rows[("IND-PAK", "crisis")]
    assert (c["k"], c["k_verify"], c["rate"]) == (0, 1, 0.1), c
    assert rows[("RUS-PAK", "arms_deal")]["rate"] == 0.1


def check_bad_input():
    bad = TMP / "bad.yaml"
    bad.write_text(RECORD.replace("dyad: PAK-IND", "dyad: PAK-XXX"))
    res = run("--record", bad)
    assert res.returncode == 2 and res.stderr.count("\n") == 1 and f"{bad}:11: field 'dyad'" in res.stderr, res.stderr


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    TMP.mkdir(parents=True)
    check_baseline_matches()
    check_hand_edit_caught()
    check_known_answer()
    check_bad_input()
    print("event rates: ok")


if __name__ == "__main__":
    main()
