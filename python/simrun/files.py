"""What kind of simrun file a path is, checked from its root attributes (docs/output-format.md)."""
from __future__ import annotations

import os

import h5py
import numpy as np

#: filetype attribute -> the major format version this package reads
SUPPORTED = {
    "simrun-experiment": 2,
    "simrun-sweep": 1,
    "simrun-comparison": 1,
}


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def check_header(attrs, path) -> str:
    """The file's `filetype` after checking it and its format major version; ValueError otherwise."""
    filetype = _text(attrs.get("filetype", ""))
    if filetype not in SUPPORTED:
        raise ValueError(f"{path}: not a simrun file (root attribute filetype is {filetype!r}, "
                         f"expected one of {', '.join(sorted(SUPPORTED))})")
    version = np.atleast_1d(np.asarray(attrs.get("format_version", [])))
    if version.size < 1 or int(version[0]) != SUPPORTED[filetype]:
        raise ValueError(f"{path}: format_version {version.tolist()} of a {filetype} file is not supported: "
                         f"this reader reads major version {SUPPORTED[filetype]} (see docs/output-format.md)")
    return filetype


def open_h5(path) -> h5py.File:
    """The HDF5 file at `path`, read-only; OSError naming the path if it is missing or not HDF5."""
    try:
        return h5py.File(path, "r")
    except OSError as e:
        if not os.path.exists(path):
            raise FileNotFoundError(f"{path}: no such file") from None
        raise OSError(f"{path}: not an HDF5 file ({e})") from None


def file_kind(path) -> str:
    """`experiment`, `sweep` or `comparison` (the filetype without its "simrun-" prefix)."""
    with open_h5(path) as f:
        return check_header(f.attrs, path).removeprefix("simrun-")


def read_text(path, name: str) -> str:
    """A scalar string dataset of the file (e.g. "scenario/yaml"), after checking the header."""
    with open_h5(path) as f:
        check_header(f.attrs, path)
        if name not in f:
            raise KeyError(f"{path}: no dataset {name!r}")
        return f[name].asstr()[()]


def has_group(path, name: str) -> bool:
    with open_h5(path) as f:
        return name in f and isinstance(f[name], h5py.Group)
