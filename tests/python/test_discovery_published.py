"""simrun.discovery.prim reproduces a published scenario-discovery result on its own data.

Data: Bryant & Lempert (2010), "Thinking inside the box", Technological Forecasting and Social
Change 77(1):34-49: 882 runs of their biofuels model, nine inputs, case of interest "Greater than
90%" (89 cases); tests/python/data/README.md gives the provenance.

What is matched: the analysis of that paper as the EMA Workbench replicates it (its example
"sd_prim_bryant_and_lempert.py" / "Performing Scenario Discovery in Python": PRIM with
peel_alpha = 0.1, box 21 of the peeling trajectory, as Bryant & Lempert inspect it). The reference
figures below were produced by running the Workbench's own PRIM (EMA Workbench 3.0, commit
819a4b6c, `prim.Prim(x, y, peel_alpha=0.1).find_box()`) on the same CSV outside this repository;
its published notebook prints the same box 21 (coverage 0.752809, density 0.770115, mass 0.0986395,
4 restricted inputs, the limits and quasi-p-values below) and, after dropping the non-significant
cellulosic-cost restriction, the 3-input box (coverage 0.764045, density 0.715789, mass 0.10771)
that restricts total biomass, demand elasticity and biomass backstop price, the three
uncertainties Bryant & Lempert's box is made of. Counts are exact (the algorithm is deterministic),
limits are compared to the printed precision.

Also runs the command line (`python3 -m simrun.discovery`, what `simrun discover` executes) on the
CSV and checks its rule and its HDF5 output. Environment: SIMRUN_SOURCE_DIR, TEST_TMP (ctest).
"""
import os
import pathlib
import subprocess
import sys

import h5py
import numpy as np
import pandas as pd

sys.path.insert(0, str(pathlib.Path(os.environ["SIMRUN_SOURCE_DIR"]) / "python"))  # also on PYTHONPATH in ctest
from simrun.discovery import prim  # noqa: E402

DATA = pathlib.Path(os.environ["SIMRUN_SOURCE_DIR"]) / "tests" / "python" / "data" / "bryant_lempert_2010.csv"
OUTCOME = "Greater than 90%"

# The Workbench's peeling trajectory (boxes 0..27): rows n and cases of interest k per box.
REF_N = [882, 792, 710, 638, 573, 513, 458, 412, 368, 329, 296, 264, 237, 213, 191, 170, 152, 136, 121,
         108, 97, 87, 78, 70, 63, 56, 50, 45]
REF_K = [89] * 11 + [88, 87, 86, 85, 82, 81, 78, 75, 74, 71, 67, 65, 61, 57, 52, 48, 45]
REF_RES_DIM = [0, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 6, 6]
# Box 21: limits (min, max) on its restricted inputs and quasi-p-values of the restricted sides.
REF_BOX21 = {
    "Cellulosic cost": ((72.650002, 133.699997), (0.157413335, None)),
    "Total biomass": ((450.0, 755.799988), (None, 4.716968553e-06)),
    "Demand elasticity": ((-0.422, -0.202), (1.18492991e-16, None)),
    "Biomass backstop price": ((150.049995, 199.600006), (3.51511253e-11, None)),
}


def inputs():
    data = pd.read_csv(DATA, index_col=False)
    return data.iloc[:, 2:11], data[OUTCOME].to_numpy()


def check_trajectory(p) -> None:
    t = p.trajectory
    assert list(t["n"]) == REF_N, list(t["n"])
    assert list(t["k"].astype(int)) == REF_K, list(t["k"])
    assert list(t["res_dim"]) == REF_RES_DIM, list(t["res_dim"])
    assert set(t["step"][1:]) == {"peel"}, "the Workbench's trajectory has no accepted paste here"
    row = t.loc[21]
    assert (row.coverage, row.density, row.mass) == (67 / 89, 67 / 87, 87 / 882), row


def check_box21(p) -> None:
    box = p.box(21)
    assert set(box.index) == set(REF_BOX21), box
    for name, ((lo, hi), (qp_lo, qp_hi)) in REF_BOX21.items():
        assert np.isclose(box.loc[name, "min"], lo, atol=1e-5) and np.isclose(box.loc[name, "max"], hi, atol=1e-5), box
        for got, want in ((box.loc[name, "qp_lower"], qp_lo), (box.loc[name, "qp_upper"], qp_hi)):
            assert (np.isnan(got) if want is None else np.isclose(got, want, rtol=1e-6)), (name, got, want)
    # Bryant & Lempert drop restrictions whose quasi-p-value is not significant: cellulosic cost.
    dropped = p.drop(21, "Cellulosic cost")
    assert (dropped.n, dropped.k, dropped.res_dim) == (95, 68, 3), dropped


def check_reproducibility(p) -> None:
    """Re-running on random halves (10 resamples, seed 42) restricts the three inputs of the box every
    time and never the three that no box restricts; the Workbench gives the same table."""
    table = p.resample(21, iterations=10, seed=42)
    for name in ("Total biomass", "Demand elasticity", "Biomass backstop price"):
        assert table.loc[name, "reproduce coverage"] == 100.0, table
    for name in ("Feedstock distribution", "Oil elasticity", "oil supply shift"):
        assert table.loc[name, "reproduce coverage"] == 0.0, table


def check_command_line(tmp: pathlib.Path) -> None:
    csv = tmp / "bryant.csv"
    data = pd.read_csv(DATA, index_col=False)
    pd.concat([data.iloc[:, 2:11], data[[OUTCOME]]], axis=1).to_csv(csv, index=False)
    out = tmp / "bryant.discovery.h5"
    cmd = [sys.executable, "-m", "simrun.discovery", str(csv), "--outcome", OUTCOME, "--peel-alpha", "0.1",
           "--threshold", "0.77", "--method", "prim", "-o", str(out), "--force"]
    env = dict(os.environ, PYTHONPATH=str(pathlib.Path(os.environ["SIMRUN_SOURCE_DIR"]) / "python"))
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "PRIM box 21" in run.stdout and "75% of the cases of interest (coverage), 77% of the box" in run.stdout, run.stdout
    assert "Total biomass < 756" in run.stdout and "Demand elasticity > -0.422" in run.stdout, run.stdout
    with h5py.File(out, "r") as f:
        assert f.attrs["filetype"] == "simrun-discovery" and int(f["prim"].attrs["chosen_box"]) == 21
        assert set(f["prim/box/input"].asstr()[()]) == set(REF_BOX21)
        assert list(f["prim/trajectory/n"][()]) == REF_N
    again = subprocess.run(cmd[:-1], capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 2 and "already exists" in again.stderr and again.stderr.count("\n") == 1, again.stderr


def main() -> None:
    x, y = inputs()
    assert len(y) == 882 and y.sum() == 89
    p = prim(x, y, peel_alpha=0.1)
    check_trajectory(p)
    check_box21(p)
    check_reproducibility(p)
    tmp = pathlib.Path(os.environ["TEST_TMP"])
    tmp.mkdir(parents=True, exist_ok=True)
    check_command_line(tmp)
    print("test_discovery_published: Bryant & Lempert (2010) box 21 and the Workbench trajectory reproduced")


if __name__ == "__main__":
    main()
