"""analysis/sweep.ipynb runs headless on small fresh sweeps: first on a 3 x 2 grid alone (heat map and
curves; the Saltelli part says how to make its file and draws nothing), then with a Saltelli sweep of
3 parameters as well (Sobol bar chart); every cell executes without an error, the figures are
drawn, and the notebook reports the files it read.

Environment (set by tests/CMakeLists.txt): SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP. Run with
/usr/bin/python3; exits non-zero on failure. The notebook is executed in memory.
"""
import os
import pathlib
import subprocess

from notebooks import execute, figure_cells, markdown_text

GRID = """\
name: notebook_grid
scenario: {scenario}
runs: 200
focal: [RUS-PAK]
set: [calendar.ticks=16]
design: {{kind: grid}}
parameters:
  - {{path: parameters.lambda, values: [2, 4, 8]}}
  - {{path: parameters.w_entrapment, values: [0.3, 0.9]}}
"""
SALTELLI = """\
name: notebook_sobol
scenario: {scenario}
runs: 200
focal: [{{dyad: RUS-PAK, pact: consultation}}]  # a typed outcome: the chart names the pact type
set: [calendar.ticks=16]
design: {{kind: saltelli, base_samples: 16, seed: 3, bootstrap: 200}}
parameters:
  - {{path: parameters.lambda, range: [2, 8]}}
  - {{path: parameters.w_entrapment, range: [0.3, 0.9]}}
  - {{path: parameters.r_min, range: [0.35, 0.5]}}
"""


def env_path(name):
    value = os.environ.get(name)
    assert value, f"environment variable {name} must be set"
    return pathlib.Path(value)


def sweep(simrun, spec, out):
    cmd = [str(simrun), "sweep", str(spec), "-o", str(out), "--force", "-q"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"{' '.join(cmd)} exited {r.returncode}:\n{r.stdout}\n{r.stderr}"


def main():
    simrun = env_path("SIMRUN")
    source = env_path("SIMRUN_SOURCE_DIR")
    tmp = env_path("TEST_TMP")
    tmp.mkdir(parents=True, exist_ok=True)
    scenario = source / "scenarios" / "baseline.yaml"
    (tmp / "grid.yaml").write_text(GRID.format(scenario=scenario))
    (tmp / "sobol.yaml").write_text(SALTELLI.format(scenario=scenario))
    sweep(simrun, tmp / "grid.yaml", tmp / "grid.h5")
    sweep(simrun, tmp / "sobol.yaml", tmp / "sobol.h5")

    alone = execute("sweep.ipynb", {"SIMRUN_SWEEP_GRID": tmp / "grid.h5", "SIMRUN_SWEEP_SOBOL": ""})
    assert figure_cells(alone) == 2, f"the grid alone drew {figure_cells(alone)} figures, expected 2"
    assert "part (b) skipped" in markdown_text(alone), "without a Saltelli file the notebook did not say so"
    nb = execute("sweep.ipynb", {"SIMRUN_SWEEP_GRID": tmp / "grid.h5", "SIMRUN_SWEEP_SOBOL": tmp / "sobol.h5"})
    figures = figure_cells(nb)
    assert figures >= 3, f"only {figures} cells drew a figure"
    text = markdown_text(nb)
    assert str(tmp / "grid.h5") in text and str(tmp / "sobol.h5") in text, "the notebook did not read the given files"
    assert "saltelli design, 80 points" in text, "the notebook did not describe the Saltelli sweep"
    print(f"test_sweep_notebook: all cells ran, {figures} cells drew figures")


if __name__ == "__main__":
    main()
