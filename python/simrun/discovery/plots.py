"""Plots of a PRIM search (matplotlib): the coverage-density trade-off, a box's limits, and the cases
in the plane of two inputs with the box drawn over them."""
from __future__ import annotations

import numpy as np


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt
        ax = plt.figure().gca()
    return ax


def tradeoff(p, ax=None, annotate: bool = True):
    """Coverage against density of every box of the trajectory, coloured by restricted inputs; the
    chosen box circled."""
    ax = _axes(ax)
    t = p.trajectory
    points = ax.scatter(t["coverage"], t["density"], c=t["res_dim"], cmap="viridis", s=18)
    ax.figure.colorbar(points, ax=ax, label="restricted inputs")
    if p.chosen is not None:
        c = t.loc[p.chosen]
        ax.scatter([c.coverage], [c.density], s=140, facecolors="none", edgecolors="red",
                   label=f"box {p.chosen} (chosen)")
        ax.legend(loc="lower left")
    if annotate:
        for i in t.index[:: max(1, len(t) // 10)]:
            ax.annotate(str(i), (t.loc[i, "coverage"], t.loc[i, "density"]), fontsize=7,
                        xytext=(3, 3), textcoords="offset points")
    ax.axhline(p.threshold, color="grey", lw=0.8, ls=":")
    ax.set(xlabel="coverage (share of the cases of interest in the box)",
           ylabel="density (share of the box that is of interest)", title="PRIM peeling trajectory")
    return ax


def limits(p, i=None, ax=None, labels: dict | None = None):
    """Box i's limits on each restricted numeric input as a bar over the input's range (0-1 scaled),
    with the quasi-p-value of each restricted side."""
    ax = _axes(ax)
    box = p.box(i)
    box = box[box["categories"].isna()]
    labels = labels or {}
    for row, (name, r) in enumerate(box.iterrows()):
        lo, hi = p.initial[name]
        span = hi - lo if hi > lo else 1.0
        a, b = (r["min"] - lo) / span, (r["max"] - lo) / span
        ax.plot([0, 1], [row, row], color="lightgrey", lw=8, solid_capstyle="butt")
        ax.plot([a, b], [row, row], color="tab:blue", lw=8, solid_capstyle="butt")
        for x, value, qp in ((a, r["min"], r["qp_lower"]), (b, r["max"], r["qp_upper"])):
            if qp == qp:  # a restricted side
                ax.annotate(f"{value:.3g}\nqp {qp:.1g}", (x, row), xytext=(0, 9), textcoords="offset points",
                            ha="center", fontsize=7)
    ax.set_yticks(range(len(box)), [labels.get(n, n) for n in box.index])
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.7, len(box) - 0.3)
    ax.set_xlabel("position within the input's sampled range (0 = minimum, 1 = maximum)")
    return ax


def scatter(p, a: str, b: str, i=None, ax=None):
    """The cases in the plane of inputs a and b (cases of interest in colour) with box i's limits."""
    from matplotlib.patches import Rectangle
    ax = _axes(ax)
    i = p._index(i)
    interest = p.y > 0.5 if p.binary else p.y >= np.quantile(p.y, 0.9)
    ax.scatter(p.x[a][~interest], p.x[b][~interest], s=8, color="lightgrey", label="other")
    ax.scatter(p.x[a][interest], p.x[b][interest], s=10, color="tab:red", label="of interest")
    box = p.limits(i)
    (xa, xb), (ya, yb) = box[a], box[b]
    ax.add_patch(Rectangle((xa, ya), xb - xa, yb - ya, fill=False, lw=1.5))
    ax.set(xlabel=a, ylabel=b, title=f"box {i}")
    ax.legend(loc="best", fontsize=7)
    return ax
