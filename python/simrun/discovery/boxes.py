"""Box limits over a table of inputs: which rows a box holds, what it restricts, and its statistics.

A box is a dict {input: limit}: (low, high) for a numeric input (inclusive), a frozenset of allowed
values for a categorical one. The initial box holds every row: each numeric input's (min, max) and
each categorical input's full set of values.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def initial_box(x: pd.DataFrame) -> dict:
    """The box that holds every row of `x`."""
    box = {}
    for name, column in x.items():
        if is_numeric(column):
            box[name] = (float(column.min()), float(column.max()))
        else:
            box[name] = frozenset(column.unique().tolist())
    return box


def inside(x: pd.DataFrame, box: dict, names=None) -> np.ndarray:
    """Boolean mask of the rows of `x` inside `box` (on `names` only, default every input of the box)."""
    mask = np.ones(len(x), dtype=bool)
    for name in names if names is not None else box:
        limit = box[name]
        values = x[name].to_numpy()
        if isinstance(limit, frozenset):
            mask &= np.isin(values, list(limit))
        else:
            mask &= (values >= limit[0]) & (values <= limit[1])
    return mask


def restricted(box: dict, initial: dict) -> list[str]:
    """The inputs whose limits differ from the initial box, in the inputs' order."""
    return [name for name in initial if box[name] != initial[name]]


def statistics(y: np.ndarray, mask: np.ndarray, total: float, n_all: int) -> dict:
    """coverage, density, mass, mean, n, k of the rows in `mask`.

    For a binary outcome k is the number of cases of interest in the box, coverage k / (all cases of
    interest), density k / n. For a continuous outcome y >= 0 (a probability per draw, say) the same
    formulas use sums of y: coverage is the share of the outcome's total inside the box and density
    its mean there.
    """
    yb = y[mask]
    n = int(mask.sum())
    k = float(yb.sum())
    return {"coverage": k / total if total > 0 else np.nan, "density": k / n if n else np.nan,
            "mass": n / n_all, "mean": k / n if n else np.nan, "n": n, "k": k}
