"""PRIM and CART recover a box planted in synthetic data, and reject bad input.

2,000 cases, five uniform inputs x1..x5 on [0, 1] and a categorical input `regime` (a, b, c), fixed
seed. Inside the planted box 0.2 <= x1 <= 0.6, x3 >= 0.7, regime in {a, b} (expected mass
0.4 x 0.3 x 2/3 = 8%) a case is of interest with probability 0.9, outside with 0.03.

Tolerances: PRIM's chosen box (highest coverage with density >= 0.8) may extend beyond the planted
box, but only while the density stays >= 0.8: at most (0.9 - 0.8) / (0.8 - 0.03) = 13% extra rows,
i.e. a band of width <= 0.13 x 0.4 = 0.052 in x1 or 0.13 x 0.3 = 0.039 in x3; it may also stop short
by one last peel of 5% of its rows (<= 0.05 x 0.4 = 0.02). Each limit must therefore lie within 0.06
of the planted one. Coverage and density must exceed 0.6 and 0.8 (planted: about 0.72 of the cases
lie in the box, at density 0.9: binomial standard errors about 0.03 at n = 163 cases in the box).
"""
import os
import pathlib
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, str(pathlib.Path(os.environ["SIMRUN_SOURCE_DIR"]) / "python"))  # also on PYTHONPATH in ctest
from simrun.discovery import cart, prim  # noqa: E402

TOL = 0.06


def planted(seed: int = 20180701):
    rng = np.random.default_rng(seed)
    n = 2000
    x = pd.DataFrame({f"x{i}": rng.uniform(0, 1, n) for i in range(1, 6)})
    x["regime"] = rng.choice(["a", "b", "c"], n)
    inside = (x.x1 >= 0.2) & (x.x1 <= 0.6) & (x.x3 >= 0.7) & (x.regime != "c")
    p = np.where(inside, 0.9, 0.03)
    return x, (rng.uniform(0, 1, n) < p).astype(int), p


def check_prim_binary(x, y) -> None:
    p = prim(x, y, threshold=0.8)
    i = p.chosen
    assert i is not None, p.trajectory
    box, row = p.box(i), p.trajectory.loc[i]
    assert set(box.index) == {"x1", "x3", "regime"}, box
    assert abs(box.loc["x1", "min"] - 0.2) < TOL and abs(box.loc["x1", "max"] - 0.6) < TOL, box
    assert abs(box.loc["x3", "min"] - 0.7) < TOL and np.isnan(box.loc["x3", "qp_upper"]), box
    assert box.loc["regime", "categories"] == ["a", "b"], box
    assert row.density >= 0.8 and row.coverage > 0.6, row
    significant = box[["qp_lower", "qp_upper"]].min(axis=1)
    assert (significant < 1e-6).all(), box          # every restriction matters
    rule = p.rules(i)
    assert "x1 <" in rule and "x3 >" in rule and "regime in {a, b}" in rule, rule
    # Trajectory invariants: mass falls while peeling, density rises, coverage never rises.
    peel = p.trajectory[p.trajectory.step != "paste"]
    assert (np.diff(peel["mass"]) < 0).all() and (np.diff(peel["density"]) > 0).all()
    assert (np.diff(peel["coverage"]) <= 1e-12).all()
    assert peel["mass"].iloc[-1] >= 0.05
    stable = p.resample(i, iterations=6, seed=1)
    assert (stable.loc[["x1", "x3", "regime"], "reproduce coverage"] >= 80).all(), stable


def check_prim_continuous(x, p_true) -> None:
    """The same box from a continuous outcome (the probability itself, as a per-draw probability)."""
    p = prim(x, p_true, threshold=0.8)
    box = p.box(p.chosen)
    assert set(box.index) == {"x1", "x3", "regime"}, box
    assert abs(box.loc["x1", "min"] - 0.2) < TOL and abs(box.loc["x3", "min"] - 0.7) < TOL, box


def check_cart(x, y) -> None:
    t = cart(x, y, mass_min=0.05, threshold=0.8)
    assert t.chosen, t.leaves
    best = t.chosen[0]
    box = t.box(best)
    assert {"x1", "x3"} <= set(box.index), box
    assert abs(box.loc["x1", "max"] - 0.6) < TOL and abs(box.loc["x3", "min"] - 0.7) < TOL, box
    assert "regime != c" in t.rules(best) or "regime" not in " ".join(box.index), t.rules(best)
    assert (t.leaves["mass"] >= 0.05 - 1e-12).all() and abs(t.leaves["mass"].sum() - 1) < 1e-12


def check_bad_input(x, y) -> None:
    for call, message in ((lambda: prim(x, y[:-1]), "rows"), (lambda: prim(x, y, peel_alpha=1.5), "peel_alpha"),
                          (lambda: prim(x.values, y), "DataFrame"), (lambda: prim(x, np.full(len(y), np.nan)), "NaN")):
        try:
            call()
        except (ValueError, TypeError) as e:
            assert message in str(e), e
        else:
            raise AssertionError(f"no error for {message}")


def main() -> None:
    x, y, p_true = planted()
    check_prim_binary(x, y)
    check_prim_continuous(x, p_true)
    check_cart(x, y)
    check_bad_input(x, y)
    print("test_discovery_planted: PRIM (binary and continuous) and CART recover the planted box")


if __name__ == "__main__":
    main()
