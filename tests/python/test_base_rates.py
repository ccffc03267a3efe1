"""scripts/base_rates.py: the hazards on a hand-made alliance file whose answer is known, the
contract for bad input and overwrites, and the committed data/base_rates.json being what the
script computes from data/alliances/ (so the table the tests read cannot drift from the data).

Environment (tests/CMakeLists.txt): SIMRUN_SOURCE_DIR, TEST_TMP. Run with /usr/bin/python3.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(os.environ["SIMRUN_SOURCE_DIR"])
TMP = pathlib.Path(os.environ["TEST_TMP"])
SCRIPT = ROOT / "scripts" / "base_rates.py"

ATOP_HEADER = "atopid,member,phase,yrent,yrexit,bilat,defense,offense,neutral,nonagg,consul"
COW_HEADER = "version4id,ccode,mem_st_year,mem_end_year,defense,neutrality,nonaggression,entente"


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          timeout=600)


def write(path, lines):
    path.write_text("\n".join(lines) + "\n")
    return path


def find(rates, **keys):
    hits = [r for r in rates if all(r[k] == v for k, v in keys.items())]
    assert len(hits) == 1, (keys, len(hits))
    return hits[0]


def check_known_answer():
    """One US-Russia defence pact in force 2000-2009 and one India-Pakistan consultation pact from
    2015 (open): among the 21 major-power dyads 1946-2018 the defence tie is held 10 dyad-years
    (prev = 3 in 2001-2010) and ends once (2010): hazard 1/10, mean duration 10 years; one onset."""
    atop = write(TMP / "atop.csv", [ATOP_HEADER, "1,2,0,2000,2009,1,1,0,0,0,1", "1,365,0,2000,2009,1,1,0,0,0,1",
                                    "2,750,0,2015,0,0,0,0,0,0,1", "2,770,0,2015,0,0,0,0,0,0,1"])
    cow = write(TMP / "cow.csv", [COW_HEADER, "1,2,2000,2009,1,0,0,0", "1,365,2000,2009,1,0,0,0"])
    out = TMP / "rates.json"
    res = run("--atop", atop, "--cow", cow, "--output", out, "--doc", "")
    assert res.returncode == 0, res.stderr
    rates = json.loads(out.read_text())["rates"]
    term = find(rates, source="atop", pacts="bilateral", sample="major", window="1946-2018", type="defence", quantity="termination")
    assert (term["events"], term["exposure"]) == (1, 10), term
    assert abs(term["mean_duration"] - 10.0) < 1e-9, term
    onset = find(rates, source="atop", pacts="bilateral", sample="major", window="1946-2018", type="defence",
                 quantity="onset")
    assert onset["events"] == 1 and onset["exact_lower"] < onset["rate"] < onset["exact_upper"], onset
    # India-Pakistan is a comparable regional dyad (same region), not a major-power dyad; pact 2 is
    # multilateral (bilat 0): counted among all pacts, not among bilateral ones.
    def consultation_onsets(pacts, sample):
        return find(rates, source="atop", pacts=pacts, sample=sample, window="1990-2018", type="consultation",
                    quantity="onset")["events"]
    assert consultation_onsets("all", "major_regional") == 1
    assert consultation_onsets("bilateral", "major_regional") == 0
    assert consultation_onsets("all", "major") == 0
    # No overwrite without --force; with it, the same numbers.
    res = run("--atop", atop, "--cow", cow, "--output", out, "--doc", "")
    assert res.returncode == 2 and "--force" in res.stderr and str(out) in res.stderr, res
    assert run("--atop", atop, "--cow", cow, "--output", out, "--doc", "", "--force").returncode == 0
    return atop, cow


def check_bad_input(atop, cow):
    bad = write(TMP / "bad.csv", [ATOP_HEADER, "1,2,0,2000,2009,1,1,0,0,0,1", "1,365,0,20x0,2009,1,1,0,0,0,1"])
    out = TMP / "never.json"
    res = run("--atop", bad, "--cow", cow, "--output", out, "--doc", "")
    assert res.returncode == 2, res
    assert res.stderr.strip().count("\n") == 0, res.stderr
    assert f"{bad}:3: field 'yrent': expected an integer" in res.stderr, res.stderr
    assert not out.exists()
    missing = write(TMP / "missing.csv", ["atopid,member", "1,2"])
    res = run("--atop", missing, "--cow", cow, "--output", out, "--doc", "")
    assert res.returncode == 2 and f"{missing}:1: field 'phase'" in res.stderr, res.stderr
    assert not out.exists()


def check_committed_table():
    """data/base_rates.json and the doc section are exactly what the script computes now."""
    doc = TMP / "validation.md"
    shutil.copy(ROOT / "docs" / "validation.md", doc)
    out = TMP / "base_rates.json"
    res = run("--output", out, "--doc", doc)
    assert res.returncode == 0, res.stderr
    committed = json.loads((ROOT / "data" / "base_rates.json").read_text())
    assert json.loads(out.read_text()) == committed, "data/base_rates.json is stale: run scripts/base_rates.py --force"
    assert doc.read_text() == (ROOT / "docs" / "validation.md").read_text(), \
        "docs/validation.md base-rate section is stale: run scripts/base_rates.py --force"
    ranges = committed["plausible_range"]
    for name in ("defence", "consultation", "nonaggression"):
        lo, hi = ranges["onset_10y"][name]
        assert lo == 0.0 and 0.0 < hi < 1.0, (name, lo, hi)
        assert ranges["mean_duration_years"][name][0] > 1.0, name


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    TMP.mkdir(parents=True)
    atop, cow = check_known_answer()
    check_bad_input(atop, cow)
    check_committed_table()
    print("base rates: ok")


if __name__ == "__main__":
    main()
