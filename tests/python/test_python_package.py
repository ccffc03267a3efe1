"""The Python package python/simrun on real files: `simrun.run` calls the binary and opens the result;
`simrun.open` gives dyads in either order, Wilson bands attached to their variable, the per-run
table, a sweep's points as a MultiIndex that pivots a grid in one call and its per-point table;
`simrun.export` writes tidy CSV tables; `python3 -m simrun FILE` prints the summary; discovery
reads a sweep's points. Environment (ctest): SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP, PYTHONPATH.
"""
import os
import pathlib
import subprocess
import sys

import numpy as np
import pandas as pd

import simrun
from simrun.discovery import inputs

RUNS, SEED, TICKS = 200, 5, 8
GRID = """\
name: package_grid
scenario: {scenario}
seed: 11
runs: 100
focal: [RUS-PAK]
set: [calendar.ticks=4]
design: {{kind: grid}}
parameters:
  - {{path: parameters.lambda, values: [2, 6]}}
  - {{path: parameters.w_entrapment, values: [0.3, 0.9, 1.2]}}
"""


def env_path(name: str) -> pathlib.Path:
    value = os.environ.get(name)
    assert value, f"environment variable {name} must be set"
    return pathlib.Path(value)


def check_experiment(source: pathlib.Path, tmp: pathlib.Path) -> pathlib.Path:
    out = tmp / "package_baseline.h5"
    ds = simrun.run(source / "scenarios" / "baseline.yaml", set={"parameters.lambda": 3}, runs=RUNS, seed=SEED,
                    ticks=TICKS, output=out, force=True)
    assert ds.simrun.kind == "experiment" and ds.simrun.path == str(out)
    assert int(ds.attrs["runs"]) == RUNS and int(ds.attrs["seed"]) == SEED and int(ds.attrs["ticks"]) == TICKS
    assert "parameters.lambda=3" in simrun.files.read_text(out, "scenario/overrides")
    a = ds.alliance_formed_by.sel(dyad="PAK-RUS")
    assert a.equals(ds.alliance_formed_by.sel(dyad="RUS-PAK")), "dyad order matters"
    assert ds.alliance_formed_by.attrs["ancillary_variables"] == "alliance_formed_by_lower alliance_formed_by_upper"
    band = ds.simrun.band("alliance_formed_by", dyad="PAK-RUS")
    assert list(band.columns) == ["p", "lower", "upper"] and list(band.index[[0, -1]]) == ["2018Q2", "2020Q2"]
    assert ((band.lower <= band.p + 1e-15) & (band.p <= band.upper)).all()
    runs = ds.simrun.runs
    assert len(runs) == RUNS * ds.sizes["dyad"] and {"formed", "first_tick", "final_front_military"} <= set(runs)
    focal = runs[runs.dyad == simrun.dyads.canonical("PAK-RUS", runs.dyad.unique())]
    assert focal.formed.mean() == band.p.iloc[-1], "per-run table disagrees with the aggregate"
    assert "formation_hazard" in ds.simrun.resolved_scenario and "actors" in ds.simrun.scenario
    try:
        ds.simrun.draws
        raise AssertionError("a file without /draws gave a per-draw table")
    except KeyError as e:
        assert "no /draws group" in str(e), e
    try:
        simrun.run(source / "scenarios" / "baseline.yaml", set={"parameters.no_such_key": 1}, runs=10,
                   output=tmp / "bad.h5", force=True)
        raise AssertionError("a bad --set was accepted")
    except RuntimeError as e:
        assert "exited 2" in str(e) and "no_such_key" in str(e), e
    assert not (tmp / "bad.h5").exists()
    return out


def check_sweep(simrun_bin: pathlib.Path, source: pathlib.Path, tmp: pathlib.Path) -> pathlib.Path:
    spec = tmp / "grid.yaml"
    spec.write_text(GRID.format(scenario=source / "scenarios" / "baseline.yaml"))
    out = tmp / "grid.h5"
    done = subprocess.run([str(simrun_bin), "sweep", str(spec), "-o", str(out), "--force", "-q"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    ds = simrun.open(out)
    assert ds.simrun.kind == "sweep"
    assert list(ds.indexes["point"].names) == ["lambda", "w_entrapment"], ds.indexes["point"]
    grid = ds.focal_probability.sel(focal="PAK-RUS").unstack("point")
    assert grid.dims == ("lambda", "w_entrapment") and grid.shape == (2, 3), grid
    assert list(grid["lambda"].values) == [2, 6] and list(grid["w_entrapment"].values) == [0.3, 0.9, 1.2]
    flat = ds.focal_probability.sel(focal="RUS-PAK").values
    assert np.array_equal(np.sort(grid.values.reshape(-1)), np.sort(flat))
    points = ds.simrun.points
    assert len(points) == 6 and {"lambda", "w_entrapment", "p", "lower", "upper", "runs"} <= set(points)
    row = points[(points["lambda"] == 6) & (points.w_entrapment == 1.2)].iloc[0]
    assert row.p == float(grid.sel({"lambda": 6, "w_entrapment": 1.2})), row
    table = inputs.from_file(out, "PAK-RUS", "alliance")
    assert list(table.x.columns) == ["lambda", "w_entrapment"] and table.units == "points"
    assert np.allclose(table.y, flat), "discovery's outcome is not the focal probability at the horizon"
    return out


def check_export(experiment: pathlib.Path, sweep: pathlib.Path, tmp: pathlib.Path) -> None:
    target = tmp / "csv"
    if target.exists():
        for f in target.iterdir():
            f.unlink()
        target.rmdir()
    files = simrun.export(experiment, target)
    names = {f.name for f in files}
    assert {"root__attributes.csv", "root__run-dyad.csv", "root__tick-dyad.csv", "scenario__yaml.yaml"} <= names, names
    per_run = pd.read_csv(target / "root__run-dyad.csv")
    assert len(per_run) == RUNS * 10 and {"run", "dyad", "run_formed"} <= set(per_run.columns)
    by_tick = pd.read_csv(target / "root__tick-dyad.csv")
    assert "quarter" in by_tick and by_tick.quarter.iloc[0] == "2018Q2"
    try:
        simrun.export(experiment, target)
        raise AssertionError("export overwrote without force")
    except FileExistsError as e:
        assert "--force" in str(e)
    simrun.export(experiment, target, force=True)
    sweep_files = {f.name for f in simrun.export(sweep, tmp / "sweep_csv", force=True)}
    assert "root__point-parameter.csv" in sweep_files, sweep_files


def check_summary(experiment: pathlib.Path) -> None:
    done = subprocess.run([sys.executable, "-m", "simrun", str(experiment)], capture_output=True, text=True)
    assert done.returncode == 0 and "RUS-PAK" in done.stdout and "95% Wilson" in done.stdout, done


def main() -> None:
    source, tmp = env_path("SIMRUN_SOURCE_DIR"), env_path("TEST_TMP")
    tmp.mkdir(parents=True, exist_ok=True)
    experiment = check_experiment(source, tmp)
    sweep = check_sweep(env_path("SIMRUN"), source, tmp)
    check_export(experiment, sweep, tmp)
    check_summary(experiment)
    print("test_python_package: run, open, tables, pivots, export and summary all work")


if __name__ == "__main__":
    main()
