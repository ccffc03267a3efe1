"""Shared by the notebook tests: execute a committed notebook of analysis/ headless, in memory.

`execute(name, env)` checks that the committed notebook keeps no outputs, runs every cell with the
kernel in analysis/ and the given environment variables set (nothing is written to analysis/), and
returns the executed notebook; `figure_cells` and `markdown_text` read its outputs.
"""
import os
import pathlib

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

import nbclient  # noqa: E402
import nbformat  # noqa: E402


def execute(name: str, env: dict, timeout: int = 300):
    analysis = pathlib.Path(os.environ["SIMRUN_SOURCE_DIR"]) / "analysis"
    nb = nbformat.read(analysis / name, as_version=4)
    for cell in nb.cells:  # the committed notebook keeps no outputs
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name} has saved outputs"
    os.environ.update({k: str(v) for k, v in env.items()})
    client = nbclient.NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                     resources={"metadata": {"path": str(analysis)}})
    try:
        client.execute()  # raises CellExecutionError if any cell raises
    except nbclient.exceptions.CellExecutionError as e:
        raise AssertionError(f"a cell of {name} failed:\n{e}") from None
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    return nb


def figure_cells(nb) -> int:
    """How many code cells drew a figure (image/png output)."""
    return sum(1 for c in nb.cells if c.cell_type == "code" and any("image/png" in o.get("data", {}) for o in c.outputs))


def markdown_text(nb) -> str:
    """Everything the code cells displayed as Markdown."""
    return "".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.outputs)
