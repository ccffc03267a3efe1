"""Predictive runs through the user's path: `simrun scenarios/baseline.yaml` (which has priors)
with few draws and runs, read back with h5py and xarray.

1. The file holds /draws (parameters (draw, parameter) with names, units, sources and priors;
   per-draw outcome probabilities with a leading draw dimension) and /predictive (per-dyad
   summary at the horizon), and xarray opens both groups with named dimensions.
2. The numbers agree with each other exactly: the root's alliance_formed_by is the mean over
   draws of /draws/alliance_formed_by, /predictive/probability is its last tick, each parameter
   lies inside its prior's support, the quantiles are ordered.
3. -j 1 and -j 2 give bit-identical datasets (the run of draw d is d*R + r, whatever the thread).
4. Common random numbers: pinning one input (--set parameters.lambda=4) leaves every other
   input's column of the parameter table identical.
5. --fixed writes no /draws and says "fixed"; the printed summary leads with what its
   intervals cover.
6. `simrun compare` pairs draws as it pairs runs: comparing the baseline with itself gives a
   difference of exactly 0 in every draw; comparing it with a variant that moves one input's prior
   gives per-draw probabilities of A equal to the baseline's own predictive run (same draws and
   runs), and the two sides share the draws of every other input.

Environment (set by tests/CMakeLists.txt): SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP. Run with
/usr/bin/python3; exits non-zero on failure.
"""
import os
import pathlib
import subprocess
import sys
import unittest

import h5py
import numpy as np
import xarray as xr

SIMRUN = os.environ.get("SIMRUN", "")
SOURCE = pathlib.Path(os.environ.get("SIMRUN_SOURCE_DIR", "."))
TMP = pathlib.Path(os.environ.get("TEST_TMP", "/tmp/simrun_test_predictive"))
BASELINE = SOURCE / "scenarios" / "baseline.yaml"
DRAWS, RUNS = 40, 25   # 1,000 runs: a second or two


def simrun(name, *args):
    out = TMP / f"{name}.h5"
    cmd = [SIMRUN, "-o", str(out), "--force", "--draws", str(DRAWS), "-n", str(RUNS), "-s", "7", *args, str(BASELINE)]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {run.returncode}:\n{run.stdout}\n{run.stderr}")
    return out, run.stdout


def datasets(path):
    out = {}
    with h5py.File(path) as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                out[name] = obj[()]
        f.visititems(visit)
    return out


class Predictive(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        TMP.mkdir(parents=True, exist_ok=True)
        cls.path, cls.stdout = simrun("j2", "-j", "2")

    def test_xarray_reads_the_draw_table(self):
        draws = xr.open_dataset(self.path, engine="h5netcdf", group="draws")
        self.assertEqual(draws["parameters"].dims, ("draw", "parameter"))
        self.assertEqual(draws.sizes["draw"], DRAWS)
        names = [str(p) for p in draws["parameter"].values]
        for expected in ("parameters.lambda", "parameters.w_loss", "parameters.commitment_cost",
                         "parameters.w_autonomy", "parameters.w_entrapment", "links.RUS>IND.arms_export_share"):
            self.assertIn(expected, names)
        self.assertEqual(draws["alliance_formed_by"].dims, ("draw", "tick", "dyad"))
        self.assertEqual(str(draws["parameter_units"].sel(parameter="parameters.commitment_cost").values), "utility")
        self.assertTrue(all(str(s) for s in draws["parameter_source"].values))
        lam = draws["parameters"].sel(parameter="parameters.lambda")
        self.assertTrue(((lam >= 2) & (lam <= 8)).all())
        pred = xr.open_dataset(self.path, engine="h5netcdf", group="predictive")
        self.assertEqual(pred["probability"].dims, ("dyad", "pact_type"))
        self.assertEqual([str(t) for t in pred["pact_type"].values], ["defence", "consultation", "nonaggression"])
        self.assertIn("RUS-PAK", [str(d) for d in pred["dyad"].values])
        self.assertEqual(draws["pact_formed_by"].dims, ("draw", "tick", "dyad", "pact_type"))

    def test_numbers_agree(self):
        with h5py.File(self.path) as f:
            self.assertEqual(f.attrs["inputs"], "predictive")
            self.assertEqual(int(f.attrs["runs"]), DRAWS * RUNS)
            per_draw = f["draws/alliance_formed_by"][()]
            root = f["alliance_formed_by"][()]
            # mean over draws of k_d/R equals K/(D R): exact up to rounding of the division
            np.testing.assert_allclose(per_draw.mean(axis=0), root, rtol=0, atol=1e-12)
            # the headline alliance is a new defence pact (pact_type 0)
            pacts = f["pact_formed_by"][()]
            np.testing.assert_allclose(pacts[..., 0], root, rtol=0, atol=0)
            np.testing.assert_allclose(f["draws/pact_formed_by"][()].mean(axis=0), pacts, rtol=0, atol=1e-12)
            np.testing.assert_allclose(f["predictive/probability"][()], pacts[-1], rtol=0, atol=0)
            plo, phi = f["pact_formed_by_lower"][()], f["pact_formed_by_upper"][()]
            self.assertTrue(((plo <= pacts) & (pacts <= phi)).all())
            self.assertIn("Monte Carlo", f["pact_formed_by_lower"].attrs["long_name"])
            lo, hi = f["alliance_formed_by_lower"][()], f["alliance_formed_by_upper"][()]
            self.assertTrue(((lo <= root) & (root <= hi)).all())
            q = [f["predictive/" + n][()] for n in ("draw_q025", "draw_q10", "draw_median", "draw_q90", "draw_q975")]
            for a, b in zip(q, q[1:]):
                self.assertTrue((a <= b).all())
            params, lower, upper = f["draws/parameters"][()], f["draws/prior_lower"][()], f["draws/prior_upper"][()]
            self.assertTrue(((params >= lower) & (params <= upper)).all())
            share = f["predictive/input_share"][()]
            ok = np.isnan(share) | ((share >= 0) & (share <= 1))
            self.assertTrue(ok.all())

    def test_summary_leads_with_what_intervals_cover(self):
        lines = self.stdout.splitlines()
        self.assertIn("under input uncertainty", lines[1])
        self.assertIn("Monte Carlo interval", lines[2])
        self.assertIn("does NOT show how uncertain the inputs make the answer", lines[3])
        self.assertTrue(any(l.strip().startswith("RUS-PAK") for l in lines))
        self.assertTrue(any(l.split()[:2] == ["RUS-PAK", "consultation"] for l in lines if l.strip()))

    def test_one_thread_identical(self):
        one, _ = simrun("j1", "-j", "1")
        a, b = datasets(self.path), datasets(one)
        self.assertEqual(sorted(a), sorted(b))
        for name in a:
            nan_ok = np.asarray(a[name]).dtype.kind == "f"  # a share is NaN where no run formed
            self.assertTrue(np.array_equal(a[name], b[name], equal_nan=nan_ok), f"{name} differs between -j 1 and -j 2")

    def test_pinning_one_input_keeps_the_other_draws(self):
        pinned, _ = simrun("pinned", "-j", "2", "--set", "parameters.lambda=4")
        a = xr.open_dataset(self.path, engine="h5netcdf", group="draws")
        b = xr.open_dataset(pinned, engine="h5netcdf", group="draws")
        names_b = [str(p) for p in b["parameter"].values]
        self.assertNotIn("parameters.lambda", names_b)
        for name in names_b:
            self.assertTrue(np.array_equal(a["parameters"].sel(parameter=name).values,
                                           b["parameters"].sel(parameter=name).values), name)

    def test_fixed_runs_at_point_values(self):
        fixed, out = simrun("fixed", "--fixed", "-q")
        with h5py.File(fixed) as f:
            self.assertEqual(f.attrs["inputs"], "fixed")
            self.assertNotIn("draws", f)
            self.assertEqual(int(f.attrs["runs"]), RUNS)


class PredictiveCompare(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        TMP.mkdir(parents=True, exist_ok=True)

    def compare(self, name, b, *args):
        out = TMP / f"{name}.h5"
        cmd = [SIMRUN, "compare", str(BASELINE), str(b), "-o", str(out), "--force", "--draws", str(DRAWS), "-n", str(RUNS),
               "-s", "7", "-j", "2", *args]
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        if run.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} exited {run.returncode}:\n{run.stdout}\n{run.stderr}")
        return out, run.stdout

    def test_self_comparison_differs_by_nothing(self):
        out, stdout = self.compare("self", BASELINE)
        self.assertIn("under input uncertainty", stdout.splitlines()[0])
        with h5py.File(out) as f:
            self.assertEqual(f.attrs["inputs"], "predictive")
            self.assertTrue((f["paired_draws/difference"][()] == 0).all())
            self.assertNotIn("mcnemar_p", f)  # McNemar assumes independent pairs

    def test_a_side_is_the_baseline_predictive_run(self):
        variant = TMP / "w_loss_lower.yaml"
        variant.write_text(f"extends: {BASELINE}\nparameters:\n  priors:\n"
                           "    w_loss: {dist: uniform, low: 0.5, high: 2.5, source: \"[analyst] test variant\"}\n")
        out, _ = self.compare("variant", variant)
        single, _ = simrun("single_for_compare", "-j", "2")
        with h5py.File(out) as f, h5py.File(single) as g:
            np.testing.assert_array_equal(f["a/draws/alliance_formed_by"][()], g["draws/alliance_formed_by"][()])
            np.testing.assert_array_equal(f["a_alliance_formed_by"][()], g["alliance_formed_by"][()])
            names = list(f["a/draws/parameter"].asstr()[()])
            pa, pb = f["a/draws/parameters"][()], f["b/draws/parameters"][()]
            for k, name in enumerate(names):
                if name != "parameters.w_loss":
                    np.testing.assert_array_equal(pa[:, k], pb[:, k], err_msg=name)
            k = names.index("parameters.w_loss")
            # the same uniform through both quantile functions: B's value is A's shifted by -0.5
            np.testing.assert_allclose(pb[:, k], pa[:, k] - 0.5, atol=1e-12)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
