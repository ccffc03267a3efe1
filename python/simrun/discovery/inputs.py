"""The table of inputs and the outcome to discover scenarios in, from a simrun file or a CSV.

* a predictive run (group /draws): one row per draw, its parameter values as inputs, the outcome
  its per-draw probability (share of the draw's runs);
* a sweep: one row per point, the design's parameter values as inputs, the point's probability;
* a CSV: one row per case, any columns as inputs, one column as the outcome.

The outcome of a simrun file is P(<type> for <dyad> by <quarter>): `alliance` (alliance_formed_by),
a pact type `defence`, `consultation` or `nonaggression` (pact_formed_by), or an event kind such as
`crisis` or `visit` (event_by); the quarter defaults to the horizon.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import xarray as xr

from ..dyads import canonical
from ..opening import open as open_result
from ..tables import point_parameters, short_names

PACT_TYPES = ("defence", "consultation", "nonaggression")


class InputError(ValueError):
    """Bad input for discovery: the message names the file, the field and what was expected."""


@dataclass
class Table:
    """Inputs x (one row per case), outcome y, and what they are."""
    x: pd.DataFrame
    y: np.ndarray
    outcome: str                      # "P(consultation pact RUS-PAK by 2027Q4)"
    units: str                        # "draws", "points", "rows"
    labels: dict = field(default_factory=dict)   # input -> readable label


def outcome_array(ds: xr.Dataset, path, dyad: str, kind: str, quarter: str | None,
                  quarters: list[str] | None = None) -> tuple[xr.DataArray, str]:
    """The outcome variable over the leading case dimension (draw or point) and its description;
    `quarters` labels the ticks when `ds` has none (the /draws group: the root's `quarter`)."""
    if kind == "alliance":
        name, extra = "alliance_formed_by", {}
    elif kind in PACT_TYPES:
        name, extra = "pact_formed_by", {"pact_type": kind}
    else:
        name, extra = "event_by", {"event_kind": kind}
    if name not in ds:
        raise InputError(f"{path}: --type {kind}: the file has no {name} (this simrun version writes "
                         f"{', '.join(v for v in ('alliance_formed_by', 'pact_formed_by', 'event_by') if v in ds)})")
    var = ds[name]
    for dim, label in extra.items():
        labels = [str(v) for v in ds[dim].values]
        if label not in labels:
            raise InputError(f"{path}: --type {kind}: not a {dim} of the file (expected one of {', '.join(labels)})")
        var = var.sel({dim: label})
    try:
        var = var.sel(dyad=canonical(dyad, ds["dyad"].values))
    except KeyError as e:
        raise InputError(f"{path}: --outcome {dyad}: {e.args[0]}") from None
    when = "the horizon"
    if "tick" in var.dims:
        quarters = quarters or [str(q) for q in ds["quarter"].values]
        if quarter is None:
            var, when = var.isel(tick=-1), quarters[-1]
        elif quarter in quarters:
            var, when = var.isel(tick=quarters.index(quarter)), quarter
        else:
            raise InputError(f"{path}: --quarter {quarter}: not a quarter of the file "
                             f"(expected {quarters[0]}..{quarters[-1]})")
    what = "alliance" if kind == "alliance" else f"{kind} pact" if kind in PACT_TYPES else f"event {kind}"
    return var, f"P({what} {dyad} by {when})"


def _parameter_labels(ds: xr.Dataset, names: list[str]) -> dict:
    """Readable labels "name (units)" where the file gives parameter units."""
    labels = {}
    for units_name in ("parameter_units", "units"):
        if units_name in ds and ds[units_name].dims == ("parameter",):
            for short, unit in zip(names, ds[units_name].values):
                unit = str(unit)
                if unit and unit != "1":
                    labels[short] = f"{short} ({unit})"
    return labels


def from_file(path, dyad: str, kind: str = "alliance", quarter: str | None = None) -> Table:
    """Inputs and outcome of a predictive run (its /draws) or of a sweep (its points): `path` is a
    file or a Dataset opened with simrun.open / returned by simrun.run."""
    ds = path if isinstance(path, xr.Dataset) else open_result(path)
    path = ds.simrun.path
    if ds.simrun.kind == "sweep":
        var, what = outcome_array(ds, path, dyad, kind, quarter)
        x = point_parameters(ds)
        return Table(x, np.asarray(var.values, dtype=float).reshape(-1), what, "points",
                     _parameter_labels(ds, list(x.columns)))
    try:
        draws = ds.simrun.draws_dataset
    except KeyError:
        raise InputError(f"{path}: no inputs that vary: discovery needs a predictive run (a scenario with "
                         "priors, group /draws) or a sweep file") from None
    var, what = outcome_array(draws, path, dyad, kind, quarter, [str(q) for q in ds["quarter"].values])
    table = ds.simrun.draws
    names = short_names([str(p) for p in draws["parameter"].values])
    x = table[names]
    return Table(x, np.asarray(var.values, dtype=float).reshape(-1), what, "draws", _parameter_labels(draws, names))


def from_csv(path, outcome: str, inputs: list[str] | None = None) -> Table:
    """Inputs and outcome from a CSV with a header row: `outcome` is a column, `inputs` the columns to
    search (default: every other column)."""
    try:
        frame = pd.read_csv(path)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read as CSV: {e}") from None
    if outcome not in frame:
        raise InputError(f"{path}: --outcome {outcome}: no such column (columns: {', '.join(frame.columns)})")
    inputs = inputs or [c for c in frame.columns if c != outcome]
    missing = [c for c in inputs if c not in frame]
    if missing:
        raise InputError(f"{path}: --inputs: no column {missing[0]!r} (columns: {', '.join(frame.columns)})")
    y = pd.to_numeric(frame[outcome], errors="coerce")
    if y.isna().any():
        line = int(np.flatnonzero(y.isna().to_numpy())[0]) + 2  # header is line 1
        raise InputError(f"{path}:{line}: column {outcome}: expected a number, got {frame[outcome].iloc[line - 2]!r}")
    x = frame[inputs]
    if x.isna().any().any():
        column = x.columns[x.isna().any()][0]
        line = int(np.flatnonzero(x[column].isna().to_numpy())[0]) + 2
        raise InputError(f"{path}:{line}: column {column}: missing value")
    return Table(x, y.to_numpy(dtype=float), outcome, "rows")


def cases_of_interest(y: np.ndarray, above: float | None, below: float | None) -> np.ndarray:
    """y > above, or y < below, as 0/1; y itself when neither is given."""
    if above is not None and below is not None:
        raise InputError("give --above or --below, not both")
    if above is not None:
        return (y > above).astype(float)
    if below is not None:
        return (y < below).astype(float)
    return y
