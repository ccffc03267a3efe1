"""analysis/discovery.ipynb runs headless on what a user has: it makes a predictive run of the
baseline itself through `simrun.run` (the binary is $SIMRUN), finds the PRIM box and the CART tree on
the draws for a new RUS-PAK consultation pact, and draws the trajectory, the box, a scatter and the
tree; every cell executes without an error and the notebook reports the box as a rule.

Environment (set by tests/CMakeLists.txt): SIMRUN, SIMRUN_SOURCE_DIR, TEST_TMP, PYTHONPATH.
"""
import os
import pathlib

from notebooks import execute, figure_cells, markdown_text


def main() -> None:
    tmp = pathlib.Path(os.environ["TEST_TMP"])
    tmp.mkdir(parents=True, exist_ok=True)
    os.environ.pop("SIMRUN_DISCOVERY_FILE", None)
    os.environ["TMPDIR"] = str(tmp)  # simrun.run writes its result to a temporary directory
    nb = execute("discovery.ipynb", {})
    figures = figure_cells(nb)
    assert figures >= 5, f"only {figures} cells drew a figure"
    text = markdown_text(nb)
    assert "baseline" in text and "200 draws" in text and "consultation pact RUS-PAK" in text, text[:500]
    assert "of the cases of interest (coverage)" in text and "of the box (density)" in text, text
    assert "binomial standard error" in text, "the notebook did not say what its Monte Carlo error is"
    print(f"test_discovery_notebook: all cells ran, {figures} cells drew figures")


if __name__ == "__main__":
    main()
