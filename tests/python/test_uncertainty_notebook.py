"""analysis/uncertainty.ipynb runs headless on what a user has: it makes a predictive run of the
baseline itself through `simrun.run` (the binary is $SIMRUN) and a fixed run of the same size, and
shows the typed headline, the spread over draws, the predictive band over the quarters beside its
Monte Carlo band, the inputs' correlations and fixed versus predictive; it then runs
`simrun calibrate` on the 2014-18 calibration and shows prior against posterior (marginals, a table
with the sd ratio, pairs). Every cell executes without an error (the notebook asserts that the
posterior weights sum to 1, that generation 0 is the equally weighted prior sample at tolerance inf
and that every particle lies inside its prior's support) and the notebook says what its intervals
cover.

Environment (set by tests/CMakeLists.txt): SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP, PYTHONPATH.
"""
import os
import pathlib

from notebooks import execute, figure_cells, markdown_text


def main() -> None:
    tmp = pathlib.Path(os.environ["TEST_TMP"])
    tmp.mkdir(parents=True, exist_ok=True)
    os.environ.pop("SIMRUN_RESULT", None)
    os.environ.pop("SIMRUN_POSTERIOR", None)  # the notebook runs the calibration itself
    os.environ["TMPDIR"] = str(tmp)  # simrun.run writes its results to a temporary directory
    nb = execute("uncertainty.ipynb", {})
    figures = figure_cells(nb)
    assert figures >= 5, f"only {figures} cells drew a figure (band, marginals and pairs are missing)"
    text = markdown_text(nb)
    assert "200 draws x 100 runs" in text and "inputs: predictive" in text, text[:500]
    assert "Binomial noise of one draw's probability" in text, text
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "consultation" in html and "predictive 95% MC" in html, "the tables did not show the typed, predictive answer"
    assert "per-draw 10%" in html and "MC 95% lower" in html, "the band table over the quarters is missing"
    assert "calibrated here in" in text and "the posterior weights sum to 1" in text, "the calibration did not run"
    assert "every particle lies inside its prior's support" in text, text
    for column in ("prior mean", "posterior mean", "posterior sd", "sd ratio", "sd ratio 90%", "lambda"):
        assert column in html, f"the prior/posterior table lacks {column}"
    print(f"test_uncertainty_notebook: all cells ran, {figures} cells drew figures")


if __name__ == "__main__":
    main()
