"""analysis/uncertainty.ipynb runs headless on what a user has: it makes a predictive run of the
baseline itself through `simrun.run` (the binary is $SIMRUN) and a fixed run of the same size, and
shows the typed headline, the spread over draws, the inputs' correlations and fixed versus
predictive; every cell executes without an error and the notebook says what its intervals cover.

Environment (set by tests/CMakeLists.txt): SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP, PYTHONPATH.
"""
import os
import pathlib

from notebooks import execute, figure_cells, markdown_text


def main() -> None:
    tmp = pathlib.Path(os.environ["TEST_TMP"])
    tmp.mkdir(parents=True, exist_ok=True)
    os.environ.pop("SIMRUN_RESULT", None)
    os.environ["TMPDIR"] = str(tmp)  # simrun.run writes its results to a temporary directory
    nb = execute("uncertainty.ipynb", {})
    figures = figure_cells(nb)
    assert figures >= 2, f"only {figures} cells drew a figure"
    text = markdown_text(nb)
    assert "200 draws x 100 runs" in text and "inputs: predictive" in text, text[:500]
    assert "Binomial noise of one draw's probability" in text, text
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "consultation" in html and "predictive 95% MC" in html, "the tables did not show the typed, predictive answer"
    print(f"test_uncertainty_notebook: all cells ran, {figures} cells drew figures")


if __name__ == "__main__":
    main()
