"""Write a discovery result to its own HDF5 file (filetype "simrun-discovery", docs/output-format.md).

The file is written under a temporary name in the target directory and renamed when complete, so a
failure leaves nothing behind; an existing file is replaced only with force=True and only if it is a
regular file that is not the input.
"""
from __future__ import annotations

import os
import pathlib
import tempfile

import h5py
import numpy as np

FORMAT_VERSION = (1, 0)


def _strings(values) -> np.ndarray:
    return np.array([str(v) for v in values], dtype=h5py.string_dtype())


def _column(group: h5py.Group, name: str, values, dim: str, units: str, long_name: str) -> None:
    values = np.asarray(values)
    data = _strings(values) if values.dtype.kind in "OUS" else values
    ds = group.create_dataset(name, data=data)
    ds.attrs["units"], ds.attrs["long_name"], ds.attrs["dimension"] = units, long_name, dim


def check_output(output: pathlib.Path, source: pathlib.Path, force: bool) -> None:
    """Refuse an output that is the input, not a regular file, or exists without force."""
    if output.exists() or output.is_symlink():
        if output.resolve() == source.resolve():
            raise FileExistsError(f"{output}: is the input file; choose another -o")
        if output.is_symlink() or not output.is_file():
            raise FileExistsError(f"{output}: exists and is not a regular file")
        if not force:
            raise FileExistsError(f"{output}: already exists (use --force to overwrite)")


def write(output, source, settings: dict, prim=None, cart=None) -> None:
    """Store the settings, the PRIM trajectory and chosen box, and the CART leaves."""
    output, source = pathlib.Path(output), pathlib.Path(source)
    fd, partial = tempfile.mkstemp(prefix=f".{output.name}.partial-", dir=output.resolve().parent)
    os.close(fd)
    try:
        with h5py.File(partial, "w") as f:
            f.attrs["filetype"] = "simrun-discovery"
            f.attrs["format_version"] = np.array(FORMAT_VERSION, dtype=np.int64)
            f.attrs["source"] = str(source)
            for key, value in settings.items():
                f.attrs[key] = value if value is not None else ""
            if prim is not None:
                _write_prim(f.create_group("prim"), prim, settings.get("units", "cases"))
            if cart is not None:
                _write_cart(f.create_group("cart"), cart)
        os.replace(partial, output)
    except BaseException:
        pathlib.Path(partial).unlink(missing_ok=True)
        raise


def _write_prim(g: h5py.Group, p, units: str) -> None:
    t = p.trajectory
    g.attrs["chosen_box"] = -1 if p.chosen is None else p.chosen
    traj = g.create_group("trajectory")
    _column(traj, "coverage", t["coverage"], "box", "1", "share of the cases of interest inside the box")
    _column(traj, "density", t["density"], "box", "1", "share of the box's rows that are cases of interest")
    _column(traj, "mass", t["mass"], "box", "1", f"share of all {units} inside the box")
    _column(traj, "res_dim", t["res_dim"], "box", "1", "number of restricted inputs")
    _column(traj, "n", t["n"], "box", units, f"{units} inside the box")
    _column(traj, "step", t["step"], "box", "1", "initial, peel or paste")
    i = p.chosen if p.chosen is not None else len(t) - 1
    box = p.box(i)
    b = g.create_group("box")
    b.attrs["box"] = i
    b.attrs["rule"] = p.rules(i)
    _column(b, "input", box.index, "restriction", "1", "restricted input")
    _column(b, "min", box["min"].astype(float), "restriction", "input's units", "lower limit (inclusive)")
    _column(b, "max", box["max"].astype(float), "restriction", "input's units", "upper limit (inclusive)")
    _column(b, "qp_lower", box["qp_lower"].astype(float), "restriction", "1",
            "quasi-p-value of the lower limit (one-sided binomial test; NaN: side not restricted)")
    _column(b, "qp_upper", box["qp_upper"].astype(float), "restriction", "1",
            "quasi-p-value of the upper limit (one-sided binomial test; NaN: side not restricted)")


def _write_cart(g: h5py.Group, c) -> None:
    leaves = c.leaves
    for name, long_name in (("coverage", "share of the cases of interest in the leaf"),
                            ("density", "share of the leaf's rows that are cases of interest"),
                            ("mass", "share of all rows in the leaf"), ("res_dim", "number of restricted inputs")):
        _column(g, name, leaves[name], "leaf", "1", long_name)
    _column(g, "rule", [c.rules(i) for i in leaves.index], "leaf", "1", "the leaf's box as a rule")
    g.attrs["tree"] = c.text()
