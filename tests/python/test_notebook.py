"""analysis/baseline.ipynb runs headless on a fresh simrun result: every cell executes without an
error and at least three cells draw a figure (image/png output).

Environment (set by tests/CMakeLists.txt): SIMRUN (the simrun binary), SIMRUN_SOURCE_DIR (the
repository root), TEST_TMP (a scratch directory, created here). Run with /usr/bin/python3; it
exits non-zero on failure. The notebook is executed in memory: nothing is written to analysis/.
"""
import os
import pathlib
import subprocess

from notebooks import execute, figure_cells, markdown_text

RUNS = 300
MIN_FIGURE_CELLS = 3


def env_path(name: str) -> pathlib.Path:
    value = os.environ.get(name)
    assert value, f"environment variable {name} must be set"
    return pathlib.Path(value)


def main() -> None:
    simrun = env_path("SIMRUN")
    source = env_path("SIMRUN_SOURCE_DIR")
    tmp = env_path("TEST_TMP")
    tmp.mkdir(parents=True, exist_ok=True)
    result = tmp / "notebook_baseline.h5"
    cmd = [str(simrun), str(source / "scenarios" / "baseline.yaml"), "-n", str(RUNS), "-o", str(result),
           "--force", "-q"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"{' '.join(cmd)} exited {run.returncode}:\n{run.stdout}\n{run.stderr}"
    assert result.exists(), f"{result} was not written"

    nb = execute("baseline.ipynb", {"SIMRUN_RESULT": result})
    figures = figure_cells(nb)
    assert figures >= MIN_FIGURE_CELLS, f"only {figures} cells produced a PNG figure"
    text = markdown_text(nb)
    assert str(result) in text, "the notebook did not read SIMRUN_RESULT"
    assert f"{RUNS} runs" in text, "the notebook did not report the run count"
    print(f"test_notebook: all cells ran, {figures} cells drew figures")


if __name__ == "__main__":
    main()
