"""analysis/baseline.ipynb runs headless on a fresh simrun result: every cell executes without an
error and at least three cells draw a figure (image/png output).

Environment (set by tests/CMakeLists.txt): SIMRUN (the simrun binary), SIMRUN_SOURCE_DIR (the
repository root), TEST_TMP (a scratch directory, created here). Run with /usr/bin/python3; it
exits non-zero on failure. The notebook is executed in memory: nothing is written to analysis/.
"""
import os
import pathlib
import subprocess

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

import nbclient  # noqa: E402
import nbformat  # noqa: E402

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
    cmd = [str(simrun), str(source / "scenarios" / "baseline.yaml"), "--fixed", "-n", str(RUNS), "-o", str(result),
           "--force", "-q"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"{' '.join(cmd)} exited {run.returncode}:\n{run.stdout}\n{run.stderr}"
    assert result.exists(), f"{result} was not written"

    analysis = source / "analysis"
    notebook = analysis / "baseline.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:  # the committed notebook keeps no outputs
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "baseline.ipynb has saved outputs"

    os.environ["SIMRUN_RESULT"] = str(result)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(analysis)}})
    try:
        client.execute()  # raises CellExecutionError if any cell raises
    except nbclient.exceptions.CellExecutionError as e:
        raise AssertionError(f"a notebook cell failed:\n{e}") from None

    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    figure_cells = sum(1 for c in nb.cells if c.cell_type == "code"
                       and any("image/png" in o.get("data", {}) for o in c.outputs))
    assert figure_cells >= MIN_FIGURE_CELLS, f"only {figure_cells} cells produced a PNG figure"
    text = "".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.outputs)
    assert str(result) in text, "the notebook did not read SIMRUN_RESULT"
    assert f"{RUNS} runs" in text, "the notebook did not report the run count"
    print(f"test_notebook: all cells ran, {figure_cells} cells drew figures")


if __name__ == "__main__":
    main()
