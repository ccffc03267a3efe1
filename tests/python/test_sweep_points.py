"""Each point of a sweep equals a separate run of that point: `simrun sweep` on a 2 x 2 grid (and
on an adaptive sweep that runs until the focal interval is narrow enough) gives, point by point,
exactly the alliance_formed_by/_lower/_upper, alliance_in_force, front_mean, front_sd,
formation_time_count and never_formed_count of `simrun SCENARIO --fixed --set ... -s SEED -n RUNS`.
Also checks the sweep file's layout (dimensions, design, attributes) through h5py and xarray.

Environment (set by tests/CMakeLists.txt): SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP. Run with
/usr/bin/python3; exits non-zero on failure.
"""
import os
import pathlib
import subprocess

import h5py
import numpy as np
import xarray as xr

SEED = 4242
GRID = """\
name: points_grid
scenario: {scenario}
seed: {seed}
runs: 300
focal: [RUS-PAK]
set: [calendar.ticks=8]
design: {{kind: grid}}
parameters:
  - {{path: parameters.lambda, values: [2, 4.5]}}
  - {{path: "links.RUS>IND.arms_export_share", values: [0.2, 0.38]}}
"""
ADAPTIVE = """\
scenario: {scenario}
seed: {seed}
target_half_width: 0.015
max_runs: 1500
batch: 250
focal: [RUS-PAK]
set: [calendar.ticks=30]
design: {{kind: latin_hypercube, points: 3, seed: 5}}
parameters:
  - {{path: parameters.w_entrapment, range: [0.3, 1.0]}}
  - {{path: parameters.lambda, distribution: {{loguniform: [2, 8]}}}}
"""
COMPARED = ["alliance_formed_by", "alliance_formed_by_lower", "alliance_formed_by_upper", "alliance_in_force",
            "alliance_in_force_lower", "alliance_in_force_upper", "front_mean", "front_sd", "formation_time_count",
            "never_formed_count"]


def env_path(name):
    value = os.environ.get(name)
    assert value, f"environment variable {name} must be set"
    return pathlib.Path(value)


def run(cmd):
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"{' '.join(map(str, cmd))} exited {r.returncode}:\n{r.stdout}\n{r.stderr}"
    return r.stdout


def check_points(simrun, scenario, tmp, sweep_file, name):
    out = tmp / f"{name}.h5"
    run([simrun, "sweep", sweep_file, "-o", out, "--force", "-q"])
    with h5py.File(out, "r") as f:
        assert f.attrs["filetype"] == "simrun-sweep"
        assert list(f.attrs["format_version"]) == [1, 1]
        assert f.attrs["seed"] == SEED
        points = f["point"].shape[0]
        fixed = f["sweep/fixed_overrides"][()].decode().split()
        for p in range(points):
            sets = fixed + f["point_overrides"][p].decode().split()
            runs = int(f["runs"][p])
            single = tmp / f"{name}_point{p}.h5"
            cmd = [simrun, scenario, "--fixed", "-s", SEED, "-n", runs, "-o", single, "--force", "-q"]
            for s in sets:
                cmd += ["--set", s]
            run(cmd)
            with h5py.File(single, "r") as g:
                for var in COMPARED:
                    a, b = f[var][p], g[var][()]
                    assert a.shape == b.shape, f"{name} point {p} {var}: shape {a.shape} vs {b.shape}"
                    assert np.array_equal(a, b, equal_nan=True), f"{name} point {p} {var} differs from the single run"
                focal = f["focal_probability"][p, 0]
                ticks = g["alliance_formed_by"].shape[0] - 1
                dyad = [d.decode() for d in g["dyad"][()]].index("RUS-PAK")
                assert focal == g["alliance_formed_by"][ticks, dyad]
    return out


def main():
    simrun = env_path("SIMRUN")
    source = env_path("SIMRUN_SOURCE_DIR")
    tmp = env_path("TEST_TMP")
    tmp.mkdir(parents=True, exist_ok=True)
    scenario = source / "scenarios" / "baseline.yaml"

    grid = tmp / "grid.yaml"
    grid.write_text(GRID.format(scenario=scenario, seed=SEED))
    out = check_points(simrun, scenario, tmp, grid, "grid")
    with h5py.File(out, "r") as f:
        assert [p.decode() for p in f["parameter"][()]] == ["parameters.lambda", "links.RUS>IND.arms_export_share"]
        assert np.array_equal(f["design"][()], [[2, 0.2], [2, 0.38], [4.5, 0.2], [4.5, 0.38]])
        assert list(f["runs"][()]) == [300] * 4
        assert f["alliance_formed_by"].shape == (4, 9, 10)
        assert f["front_mean"].shape == (4, 9, 10, 3)
        assert "sobol_first" not in f
    ds = xr.open_dataset(out, engine="h5netcdf")
    assert ds.alliance_formed_by.dims == ("point", "tick", "dyad")
    assert float(ds.focal_probability.sel(focal="RUS-PAK", point=0)) == float(ds.alliance_formed_by.sel(dyad="RUS-PAK", point=0)[-1])
    ds.close()

    adaptive = tmp / "adaptive.yaml"
    adaptive.write_text(ADAPTIVE.format(scenario=scenario, seed=SEED))
    out = check_points(simrun, scenario, tmp, adaptive, "adaptive")
    with h5py.File(out, "r") as f:
        runs = f["runs"][()]
        lo, hi = f["focal_probability_lower"][:, 0], f["focal_probability_upper"][:, 0]
        for p, n in enumerate(runs):
            assert n % 250 == 0 or n == 1500, runs
            assert (hi[p] - lo[p]) / 2 <= 0.015 or n == 1500, (p, n, lo[p], hi[p])
        assert f.attrs["runs_policy"] == "adaptive"
    print("test_sweep_points: every point equals its separate run (grid and adaptive)")


if __name__ == "__main__":
    main()
