"""Dyad labels in either order: "PAK-RUS" names the same pair as "RUS-PAK".

simrun labels an unordered pair "A-B" with A before B in the scenario's actor order. `DyadIndex` is
an xarray index for a `dyad` (or `focal`) coordinate that accepts either order in `.sel`, so
`ds.alliance_formed_by.sel(dyad="PAK-RUS")` works; `canonical` does the same for plain lists
(e.g. the `dyad` column of a per-run DataFrame).
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import xarray as xr
from xarray.indexes import PandasIndex

#: coordinates whose labels are dyads
DYAD_COORDS = ("dyad", "focal")


def reversed_label(label: str) -> str:
    """"B-A" for "A-B"; a label without "-" is returned unchanged."""
    a, sep, b = str(label).partition("-")
    return f"{b}-{a}" if sep else str(label)


def canonical(label: str, labels: Iterable[str]) -> str:
    """The member of `labels` that names the same pair as `label` (either order); KeyError if none."""
    labels = [str(x) for x in labels]
    if label in labels:
        return label
    if reversed_label(label) in labels:
        return reversed_label(label)
    raise KeyError(f"unknown dyad {label!r}; known: {', '.join(labels)}")


class DyadIndex(PandasIndex):
    """A pandas-backed index whose `sel` also finds a dyad given in the other order."""

    def _fix(self, value):
        if isinstance(value, str):
            known = self.index
            if value not in known and reversed_label(value) in known:
                return reversed_label(value)
            return value
        if isinstance(value, (list, tuple, np.ndarray)):
            return [self._fix(v) for v in value]
        return value

    def sel(self, labels, method=None, tolerance=None):
        return super().sel({k: self._fix(v) for k, v in labels.items()}, method=method, tolerance=tolerance)


def with_dyad_index(ds: xr.Dataset) -> xr.Dataset:
    """`ds` with a DyadIndex on each dyad-labelled dimension coordinate it has."""
    for name in DYAD_COORDS:
        if name in ds.indexes and name in ds.dims:
            ds = ds.drop_indexes(name).set_xindex(name, DyadIndex)
    return ds
