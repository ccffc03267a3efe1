"""`simrun export FILE.h5 --csv DIR`: every group of a result file as tidy CSV tables for R or Excel.

One CSV per group and set of dimensions: `<group>__<dims>.csv` (e.g. `root__tick-dyad.csv` holds
every (tick, dyad) variable of the root group, one row per tick and dyad, the quarter label next to
the tick's date). Root attributes go to `root__attributes.csv`, texts such as the scenario to
`<group>__<name>.yaml` (or `.txt`).
Nothing is overwritten without force=True, and a failed export leaves no partial table behind.
"""
from __future__ import annotations

import csv
import os
import pathlib
import shutil
import tempfile

import h5py

from .files import check_header, open_h5
from .tables import by_dims


def _groups(path) -> list[str]:
    """The file's groups holding dimensioned data (root first); text-only groups are excluded."""
    found = []
    with open_h5(path) as f:
        check_header(f.attrs, path)
        f.visit(lambda name: found.append(name) if isinstance(f[name], h5py.Group) else None)
    return [""] + sorted(found)


def _texts(path) -> dict[str, str]:
    """Scalar string datasets (scenario YAML and the like), keyed by their path with '__' for '/'."""
    texts = {}
    with open_h5(path) as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and obj.shape == () and obj.dtype.kind == "O":
                texts[name.replace("/", "__")] = obj.asstr()[()]
        f.visititems(visit)
    return texts


def _write_tables(path, staging: pathlib.Path) -> list[str]:
    """All tables and texts of `path` into `staging`; returns the file names."""
    import xarray as xr
    from .opening import open as open_result
    names = ["root__attributes.csv"]
    with open_h5(path) as f:
        rows = [(k, " ".join(map(str, v)) if getattr(v, "ndim", 0) else (v.decode() if isinstance(v, bytes) else v))
                for k, v in f.attrs.items()]
    with open(staging / names[0], "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["attribute", "value"])
        writer.writerows(rows)
    for group in _groups(path):
        ds = open_result(path) if group == "" else xr.open_dataset(path, engine="h5netcdf", group=group)
        with ds:
            if "point" in ds.indexes and ds.indexes["point"].nlevels > 1:
                ds = ds.reset_index("point", drop=True)
            for dims, frame in by_dims(ds).items():
                name = f"{group.replace('/', '__') or 'root'}__{'-'.join(dims) or 'scalars'}.csv"
                frame.to_csv(staging / name, index=False)
                names.append(name)
    for name, text in _texts(path).items():
        filename = f"{name}.yaml" if name.endswith("yaml") else f"{name}.txt"
        (staging / filename).write_text(text, encoding="utf-8")
        names.append(filename)
    return names


def export(path, directory, force: bool = False) -> list[pathlib.Path]:
    """Write the tidy CSV tables of `path` into `directory` (created if needed); returns the files.

    An existing file of the same name is replaced only with force=True, and never when it is not a
    regular file. The tables are written to a scratch directory first and moved in when complete.
    """
    directory = pathlib.Path(directory)
    if directory.exists() and not directory.is_dir():
        raise FileExistsError(f"{directory}: exists and is not a directory")
    parent = directory.resolve().parent
    staging = pathlib.Path(tempfile.mkdtemp(prefix=f".{directory.name}.partial-", dir=parent))
    try:
        names = _write_tables(path, staging)
        targets = [directory / n for n in names]
        for target in targets:
            if target.is_symlink() or (target.exists() and not target.is_file()):
                raise FileExistsError(f"{target}: exists and is not a regular file")
            if target.exists() and not force:
                raise FileExistsError(f"{target}: already exists (use --force to overwrite)")
        if not directory.exists():
            os.replace(staging, directory)
            return targets
        for name, target in zip(names, targets):
            os.replace(staging / name, target)
        return targets
    finally:
        shutil.rmtree(staging, ignore_errors=True)

