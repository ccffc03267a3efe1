"""simrun's results depend on the seed and the scenario only: never on the number of threads or
on scheduling, and two scenario variants run with the same seed share their random numbers.

1. Baseline, -n 3000 -s 11, run with -j 1, -j 2 and -j 2 again: every dataset of the file (all
   groups, recursively) is bit-identical between -j 1 and -j 2 and between the two -j 2 runs, and
   so are the dataset and group attributes; the root attributes are identical except
   creation_time, command_line and threads. (3000 runs are two waves of 2048 in the CLI, so the
   wave hand-over is covered too.)
2. The same with -s 12 differs (alliance_formed_by, run_final_front, the seed attribute).
3. Common random numbers: the baseline and the baseline with --set dyads.RUS-PAK.military=0.281
   (a tiny change), same seed. Every draw is addressed by (seed, run, tick, category, index)
   (sim/model/rng.hpp), and in sim/model/shocks.cpp apply_shocks draws a crisis from the dyad's
   crisis_rate only (or a scripted crisis), a defence step from its step_rate only, a threat
   shock from global.threat_shock_rate only and an export shock from the actor's
   export_shock_rate only. Those rates are the run's copy of the scenario's numbers, which only
   scripted events change, and scripted events fire by window and their own draw
   (sim/model/scripted_events.cpp); the baseline has none. So none of these four events depends
   on the state of the run: their per-run counts (run_events and run_dyad_events) must be
   identical in every run, while the RUS-PAK fronts do change. Most other per-run outcomes
   (run_formed) are identical too.

Environment (set by tests/CMakeLists.txt): SIMRUN (the binary), SIMRUN_SOURCE_DIR (repository
root), TEST_TMP (scratch directory). Run with /usr/bin/python3; exits non-zero on failure.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import unittest

import h5py
import numpy as np

SIMRUN = os.environ.get("SIMRUN", "")
SOURCE = pathlib.Path(os.environ.get("SIMRUN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
TMP = pathlib.Path(os.environ.get("TEST_TMP", "/tmp/test_determinism"))
BASELINE = SOURCE / "scenarios" / "baseline.yaml"
RUNS, SEED, TRAJECTORIES = 3000, 11, 100

# Root attributes allowed to differ between runs of the same experiment.
VOLATILE_ROOT_ATTRS = {"creation_time", "command_line", "threads"}
# Attributes holding object references (HDF5 dimension scales): compared by the names they point to.
REFERENCE_ATTRS = {"DIMENSION_LIST", "REFERENCE_LIST"}

FILES = {}


def simrun(name, *args):
    """Runs simrun --fixed -q -n RUNS ARGS baseline.yaml -o TMP/name.h5 and returns the path."""
    out = TMP / f"{name}.h5"
    cmd = [SIMRUN, "--fixed", "-q", "-n", str(RUNS), "-o", str(out), *args, str(BASELINE)]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if run.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {run.returncode}:\n{run.stdout}\n{run.stderr}")
    assert out.exists(), f"{out} was not written"
    return out


def setUpModule():
    assert SIMRUN, "SIMRUN must name the simrun binary"
    shutil.rmtree(TMP, ignore_errors=True)
    TMP.mkdir(parents=True)
    # --trajectories: the per-tick trajectory datasets are compared too.
    FILES["j1"] = simrun("seed11_j1", "-s", str(SEED), "-j", "1", "--trajectories", str(TRAJECTORIES))
    FILES["j2"] = simrun("seed11_j2", "-s", str(SEED), "-j", "2", "--trajectories", str(TRAJECTORIES))
    FILES["j2b"] = simrun("seed11_j2_again", "-s", str(SEED), "-j", "2", "--trajectories", str(TRAJECTORIES))
    FILES["s12"] = simrun("seed12_j2", "-s", "12", "-j", "2", "--trajectories", str(TRAJECTORIES))
    FILES["variant"] = simrun("seed11_rus_pak_military", "-s", str(SEED), "-j", "2",
                              "--set", "dyads.RUS-PAK.military=0.281")


def is_string(dtype):
    return h5py.check_string_dtype(dtype) is not None


def as_text(values):
    """String data as a list of str (h5py gives bytes or str depending on the type)."""
    flat = np.asarray(values, dtype=object).ravel()
    return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in flat]


def read(ds):
    """A dataset's values; strings as a flat list of str, numbers as a numpy array."""
    if is_string(ds.dtype):
        return as_text(ds[()])
    return ds[()]


def same_values(a, b):
    """Exact equality: for numbers, np.array_equal and identical bytes (so NaNs and -0.0 count)."""
    if isinstance(a, list) or isinstance(b, list):
        return a == b
    a, b = np.asarray(a), np.asarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc") \
        and a.tobytes() == b.tobytes()


def attr_value(obj, name):
    """An attribute as a comparable value (object references resolved to the names they point to)."""
    v = obj.attrs[name]
    if name in REFERENCE_ATTRS:
        refs = v.ravel() if isinstance(v, np.ndarray) and v.dtype.names is None else v
        names = []
        for r in np.asarray(refs, dtype=object).ravel():
            if isinstance(r, h5py.Reference):
                names.append(obj.file[r].name if r else None)
            elif isinstance(r, np.ndarray) or isinstance(r, (list, tuple, np.void)):
                names.append(tuple(obj.file[x].name if isinstance(x, h5py.Reference) and x else repr(x) for x in r))
            else:
                names.append(repr(r))
        return names
    if isinstance(v, bytes):
        return v.decode("utf-8")
    if isinstance(v, np.ndarray) and v.dtype.kind in "OSU":
        return as_text(v)
    return v


def collect(f):
    """{path: object} for every group and dataset in the file, recursively."""
    objects = {"/": f}
    f.visititems(lambda name, obj: objects.__setitem__("/" + name, obj))
    return objects


class FileComparison:
    """Differences between two files: datasets (all, recursively) and attributes."""

    def __init__(self, path_a, path_b, ignore_root_attrs=frozenset()):
        self.differences = []
        with h5py.File(path_a, "r") as fa, h5py.File(path_b, "r") as fb:
            oa, ob = collect(fa), collect(fb)
            if set(oa) != set(ob):
                self.differences.append(f"objects only in one file: {sorted(set(oa) ^ set(ob))}")
            self.n_datasets = 0
            for path in sorted(set(oa) & set(ob)):
                a, b = oa[path], ob[path]
                if type(a) is not type(b):
                    self.differences.append(f"{path}: a {type(a).__name__} against a {type(b).__name__}")
                    continue
                if isinstance(a, h5py.Dataset):
                    self.n_datasets += 1
                    if a.dtype != b.dtype or a.shape != b.shape:
                        self.differences.append(f"{path}: {a.dtype}{a.shape} against {b.dtype}{b.shape}")
                    elif not same_values(read(a), read(b)):
                        self.differences.append(f"{path}: values differ")
                ignore = ignore_root_attrs if path == "/" else frozenset()
                names_a, names_b = set(a.attrs) - ignore, set(b.attrs) - ignore
                if names_a != names_b:
                    self.differences.append(f"{path}: attributes only in one file: {sorted(names_a ^ names_b)}")
                for name in sorted(names_a & names_b):
                    va, vb = attr_value(a, name), attr_value(b, name)
                    if not same_values(va, vb):
                        self.differences.append(f"{path} attribute {name}: {va!r} against {vb!r}")


class ThreadCountDoesNotMatter(unittest.TestCase):
    def check_identical(self, a, b):
        cmp = FileComparison(FILES[a], FILES[b], VOLATILE_ROOT_ATTRS)
        self.assertGreater(cmp.n_datasets, 40, "too few datasets compared: is the file complete?")
        self.assertEqual(cmp.differences, [], f"{FILES[a].name} and {FILES[b].name} differ")

    def test_one_and_two_threads_identical(self):
        self.check_identical("j1", "j2")

    def test_two_runs_with_two_threads_identical(self):
        self.check_identical("j2", "j2b")

    def test_the_comparison_would_see_a_difference(self):
        # Guard against a comparison that passes everything: it must report the volatile
        # attributes when they are not ignored, and the -s 12 data.
        cmp = FileComparison(FILES["j1"], FILES["j2"])
        self.assertTrue(any("attribute threads" in d for d in cmp.differences), cmp.differences)
        self.assertTrue(any("attribute command_line" in d for d in cmp.differences), cmp.differences)
        cmp = FileComparison(FILES["j2"], FILES["s12"], VOLATILE_ROOT_ATTRS)
        self.assertIn("/alliance_formed_by: values differ", cmp.differences)

    def test_volatile_root_attributes(self):
        with h5py.File(FILES["j1"], "r") as f1, h5py.File(FILES["j2"], "r") as f2:
            self.assertEqual(int(f1.attrs["threads"]), 1)
            self.assertEqual(int(f2.attrs["threads"]), 2)
            self.assertIn("-j 1", attr_value(f1, "command_line"))
            self.assertIn("-j 2", attr_value(f2, "command_line"))
            for f in (f1, f2):
                self.assertEqual(int(f.attrs["seed"]), SEED)
                self.assertEqual(int(f.attrs["runs"]), RUNS)
                self.assertEqual(f["run_formed"].shape[0], RUNS)
                self.assertEqual(f["trajectory_front"].shape[0], TRAJECTORIES)


class SeedMatters(unittest.TestCase):
    def test_other_seed_differs(self):
        with h5py.File(FILES["j2"], "r") as a, h5py.File(FILES["s12"], "r") as b:
            self.assertEqual(int(b.attrs["seed"]), 12)
            for name in ("alliance_formed_by", "run_final_front"):
                self.assertEqual(a[name].shape, b[name].shape, name)
                self.assertFalse(np.array_equal(a[name][()], b[name][()]), f"{name} is the same with seed 12")
            # Not a wholesale change of the experiment: the scenario and dimensions are the same.
            self.assertEqual(as_text(a["dyad"][()]), as_text(b["dyad"][()]))
            self.assertEqual(as_text([a["scenario/yaml"][()]]), as_text([b["scenario/yaml"][()]]))


class CommonRandomNumbers(unittest.TestCase):
    # Draws that depend on a rate of the scenario only (see the module docstring).
    STATE_FREE_EVENTS = ("crisis", "defence_step", "threat_shock", "export_shock")

    @classmethod
    def setUpClass(cls):
        with h5py.File(FILES["j2"], "r") as a, h5py.File(FILES["variant"], "r") as b:
            cls.events = as_text(a["event"][()])
            cls.dyads = as_text(a["dyad"][()])
            cls.base = {k: a[k][()] for k in ("run_events", "run_dyad_events", "run_formed", "run_final_front")}
            cls.var = {k: b[k][()] for k in ("run_events", "run_dyad_events", "run_formed", "run_final_front")}
            cls.overrides = as_text([b["scenario/overrides"][()]])[0]
            cls.front = as_text(a["front"][()])

    def test_override_applied(self):
        self.assertEqual(self.overrides.strip(), "dyads.RUS-PAK.military=0.281")
        d, m = self.dyads.index("RUS-PAK"), self.front.index("military")
        changed = self.base["run_final_front"][:, d, m] != self.var["run_final_front"][:, d, m]
        # The variant is really a different experiment: RUS-PAK's military front ends elsewhere.
        self.assertGreater(changed.mean(), 0.9, "the RUS-PAK military front did not change")

    def test_state_free_events_identical_in_every_run(self):
        for name in self.STATE_FREE_EVENTS:
            e = self.events.index(name)
            base, var = self.base["run_events"][:, e], self.var["run_events"][:, e]
            self.assertGreater(base.sum(), 100, f"too few {name} events for a meaningful check")
            bad = np.flatnonzero(base != var)
            self.assertEqual(bad.size, 0, f"{name} counts differ in runs {bad[:10]}")
            bad = np.argwhere(self.base["run_dyad_events"][:, :, e] != self.var["run_dyad_events"][:, :, e])
            self.assertEqual(bad.size, 0, f"per-dyad {name} counts differ at (run, dyad) {bad[:10].tolist()}")

    def test_most_outcomes_shared(self):
        same_runs = (self.base["run_formed"] == self.var["run_formed"]).all(axis=1)
        self.assertGreater(same_runs.mean(), 0.95, "variants share too few outcomes for common random numbers")
        same_events = (self.base["run_events"] == self.var["run_events"]).all(axis=1)
        self.assertGreater(same_events.mean(), 0.95)


if __name__ == "__main__":
    result = unittest.main(verbosity=2, exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
