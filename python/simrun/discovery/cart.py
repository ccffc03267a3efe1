"""CART (Breiman et al. 1984) for scenario discovery, with scikit-learn's decision tree (Debian:
python3-sklearn): each leaf is a box, described like a PRIM box by its limits, coverage, density
and mass (Lempert et al. 2008, Technological Forecasting and Social Change 75:1009-1026, compare
CART with PRIM in this way).

A binary outcome grows a classification tree (Gini), a continuous one a regression tree; leaves must
hold at least mass_min of the rows, which keeps boxes as interpretable as PRIM's.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .boxes import initial_box, inside, restricted, statistics
from .rules import describe


class Cart:
    """A fitted tree and its leaves as boxes (see `cart`)."""

    def __init__(self, x: pd.DataFrame, y, mass_min: float = 0.05, max_depth: int | None = None,
                 threshold: float = 0.8, random_state: int = 0):
        from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor
        original = x.reset_index(drop=True)
        self.x = pd.get_dummies(original, prefix_sep="=", dtype=float)
        self.dummies = set(self.x.columns) - set(original.columns)
        self.y = np.asarray(y, dtype=float).reshape(-1)
        if len(self.y) != len(self.x):
            raise ValueError(f"x has {len(self.x)} rows but y has {len(self.y)} values")
        self.binary = bool(np.isin(np.unique(self.y), [0.0, 1.0]).all())
        self.threshold = threshold
        leaf = max(1, math.ceil(mass_min * len(self.y)))
        model = DecisionTreeClassifier if self.binary else DecisionTreeRegressor
        self.tree = model(min_samples_leaf=leaf, max_depth=max_depth, random_state=random_state)
        self.tree.fit(self.x.to_numpy(), self.y)
        self.initial = initial_box(self.x)
        self._boxes = self._leaf_boxes()
        total = float(self.y.sum()) if self.y.min() >= 0 else float("nan")
        self.leaves = pd.DataFrame(
            [dict(statistics(self.y, inside(self.x, b), total, len(self.y)),
                  res_dim=len(restricted(b, self.initial))) for b in self._boxes])
        self.leaves.index.name = "leaf"

    def _leaf_boxes(self) -> list[dict]:
        """Each leaf's box: the split thresholds on the path from the root (x <= t goes left)."""
        t = self.tree.tree_
        names = list(self.x.columns)
        boxes = []

        def walk(node: int, box: dict) -> None:
            if t.children_left[node] == -1:
                boxes.append(box)
                return
            name, cut = names[t.feature[node]], float(t.threshold[node])
            low, high = box[name]
            walk(t.children_left[node], {**box, name: (low, min(high, cut))})
            walk(t.children_right[node], {**box, name: (max(low, np.nextafter(cut, np.inf)), high)})

        walk(0, dict(self.initial))
        return boxes

    def box(self, i: int) -> pd.DataFrame:
        """Leaf i's limits on the inputs it restricts (x <= t on the left of a split, x > t on the right)."""
        rows = [{"input": n, "min": self._boxes[i][n][0], "max": self._boxes[i][n][1]}
                for n in restricted(self._boxes[i], self.initial)]
        return pd.DataFrame(rows, columns=["input", "min", "max"]).set_index("input")

    def mask(self, i: int) -> np.ndarray:
        return inside(self.x, self._boxes[i])

    @property
    def chosen(self) -> list[int]:
        """Leaves whose density reaches `threshold`, by coverage (largest first)."""
        ok = self.leaves[self.leaves["density"] >= self.threshold]
        return list(ok.sort_values("coverage", ascending=False, kind="stable").index)

    def rules(self, i: int, labels: dict | None = None, units: str = "cases") -> str:
        return describe(self._boxes[i], restricted(self._boxes[i], self.initial), self.leaves.loc[i],
                        self.binary, self.initial, labels, units, self.dummies)

    def text(self) -> str:
        """The whole tree as indented text (scikit-learn's export_text)."""
        from sklearn.tree import export_text
        return export_text(self.tree, feature_names=list(map(str, self.x.columns)), show_weights=True)

    def plot(self, ax=None, **kwargs):
        """Draw the tree with matplotlib (scikit-learn's plot_tree)."""
        from sklearn.tree import plot_tree
        classes = ["other", "of interest"] if self.binary else None
        return plot_tree(self.tree, feature_names=list(map(str, self.x.columns)), class_names=classes, filled=True,
                         ax=ax, impurity=False, proportion=True, **kwargs)


def cart(x: pd.DataFrame, y, mass_min: float = 0.05, max_depth: int | None = None, threshold: float = 0.8,
         random_state: int = 0) -> Cart:
    """Fit a CART tree of outcome `y` on inputs `x`; returns a `Cart` with `.leaves` (coverage, density,
    mass, res_dim per leaf), `.box(i)`, `.rules(i)`, `.chosen` (leaves with density >= threshold),
    `.text()` and `.plot()`. Categorical inputs are one-hot encoded ("input=value" columns)."""
    return Cart(x, y, mass_min, max_depth, threshold, random_state)
