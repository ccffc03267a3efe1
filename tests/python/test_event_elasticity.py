"""scripts/event_elasticity.py: the baseline's event_elasticity is the estimate the script makes
from pre-2018 data (the 2014-18 replay against the pre-period record), and a scenario with
another value is caught (exit 1, one line naming the field). The estimate is a measurement on
data before the hindcast period; nothing here checks the hindcast.

Environment (tests/CMakeLists.txt): SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP. Run with /usr/bin/python3.
"""
import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(os.environ["SIMRUN_SOURCE_DIR"])
TMP = pathlib.Path(os.environ["TEST_TMP"])
SCRIPT = ROOT / "scripts" / "event_elasticity.py"


def run(scenario, runs):
    return subprocess.run([sys.executable, str(SCRIPT), "--simrun", os.environ["SIMRUN"], "--runs", str(runs),
                           "--check", str(scenario)], capture_output=True, text=True, timeout=900)


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    TMP.mkdir(parents=True)
    res = run(ROOT / "scenarios" / "baseline.yaml", 20000)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "**(estimate)**" in res.stdout and "event_elasticity = " in res.stdout, res.stdout
    # The prototype's value (= lambda) must be caught: it is picked in about 1% of resamples.
    edited = TMP / "baseline_kappa4.yaml"
    text = (ROOT / "scenarios" / "baseline.yaml").read_text()
    assert "  event_elasticity: 0\n" in text
    edited.write_text(text.replace("  event_elasticity: 0\n", "  event_elasticity: 4\n", 1))
    res = run(edited, 2000)
    assert res.returncode == 1 and res.stderr.count("\n") == 1, res
    assert "field 'parameters.event_elasticity': expected 0" in res.stderr, res.stderr
    print("event_elasticity: ok")


if __name__ == "__main__":
    main()
