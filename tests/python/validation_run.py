"""Shared helpers of the Python validation tests: run simrun on a scenario, read labelled arrays
back with h5py, Wilson intervals, and a report line for docs/validation.md's results table.
"""
import math
import os
import pathlib
import subprocess

import h5py

Z95 = 1.959963984540054


def env_path(name):
    value = os.environ.get(name)
    assert value, f"environment variable {name} must be set"
    return pathlib.Path(value)


def run_scenario(scenario, out, runs, seed, extra=()):
    """Runs simrun and returns the path of its output file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [str(env_path("SIMRUN")), str(scenario), "-n", str(runs), "-s", str(seed), "-o", str(out), "--force", "-q",
           *extra]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    assert res.returncode == 0, f"{' '.join(cmd)} exited {res.returncode}:\n{res.stderr}"
    return out


def labelled(path, name):
    """(array, {dimension name: labels}) of a dataset whose axes carry dimension scales."""
    with h5py.File(path, "r") as f:
        assert name in f, f"{path}: no dataset '{name}'"
        data = f[name][()]
        dims = {}
        for axis, scales in enumerate(f[name].dims):
            scale = scales[0]
            dim = scale.name.lstrip("/")
            dims[dim] = list(scale.asstr()[()]) if scale.dtype.kind in "OS" else list(scale[()])
        return data, dims, int(f.attrs["runs"]), int(f.attrs["ticks"])


def wilson(p, n, z=Z95):
    """95% Wilson score interval of a proportion p observed in n runs."""
    if n == 0:
        return (0.0, 1.0)
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def report(fact, claim, test, result, passed):
    """Appends a row to the validation report (SIMRUN_VALIDATION_REPORT, read by
    scripts/update-validation.sh), in the format of the C++ suite's rows."""
    path = os.environ.get("SIMRUN_VALIDATION_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"| {fact} | {claim} | {test} | {result} | {'pass' if passed else '**FAIL**'} |\n")
