"""PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999, Statistics and Computing 9:123-143),
as scenario discovery practises it (Bryant & Lempert 2010, Technological Forecasting and Social
Change 77:34-49; Kwakkel & Jaxa-Rozen 2016, Environmental Modelling & Software 79:311-321).

Starting from the box that holds every row, *peeling* repeatedly removes the peel_alpha share of the
rows at the low or the high end of one input (or one value of a categorical input), choosing the
peel that raises the box's mean outcome most per row removed; it stops before the box's mass would
fall below mass_min or when no peel raises the mean. *Pasting* then widens a restricted side again by
paste_alpha of the rows beyond it while that raises the mean. Every accepted step is a box of the
*peeling trajectory*: the analyst picks one on the coverage-density trade-off (here by default the
box of highest coverage whose density reaches `threshold`).

Details follow the scenario-discovery implementations (Bryant's sdtoolkit, the EMA Workbench), so
that results are comparable: limits are placed midway between data values ("sdtoolkit quantile"),
a peel or paste is scored by the change of the mean divided by the change in the number of rows
(the Workbench's default "lenient1" objective), ties go to the box restricting fewer inputs and then
to the earlier candidate (inputs in column order; per input the high end before the low end when
peeling, the low end before the high end when pasting). Quasi-p-values test each restriction with a
one-sided binomial test (Bryant & Lempert 2010), and `resample` measures how often re-running PRIM on
half the data restricts each input (the Workbench's reproducibility statistics).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats as sps

from .boxes import initial_box, inside, is_numeric, restricted, statistics
from .rules import describe


def sdtoolkit_quantile(values: np.ndarray, q: float) -> float:
    """The limit at quantile q, midway between the two distinct sorted values around position (n-1)q
    (moving outward past ties), as sdtoolkit places PRIM's limits."""
    v = np.sort(np.asarray(values, dtype=float))
    position = (len(v) - 1) * q
    lo, hi = math.floor(position), math.ceil(position)
    if q > 0.5:
        while v[lo] == v[hi] and lo > 0:
            lo -= 1
    else:
        while v[lo] == v[hi] and hi < len(v) - 1:
            hi += 1
    return float((v[lo] + v[hi]) / 2)


def lenient_objective(y_old: np.ndarray, y_new: np.ndarray) -> float:
    """Change of the mean outcome per row removed (peel) or added (paste); 0 if the mean is unchanged."""
    mean_old = y_old.mean()
    mean_new = y_new.mean() if len(y_new) else 0.0
    if mean_new == mean_old:
        return 0.0
    return float((mean_new - mean_old) / abs(len(y_new) - len(y_old)))


class Prim:
    """One PRIM box search over inputs `x` and outcome `y` (see `prim`)."""

    def __init__(self, x: pd.DataFrame, y, threshold: float = 0.8, peel_alpha: float = 0.05,
                 paste_alpha: float = 0.05, mass_min: float = 0.05):
        self.x, self.y = _validated(x, y, peel_alpha, paste_alpha, mass_min)
        self.binary = bool(np.isin(np.unique(self.y), [0.0, 1.0]).all())
        self.threshold, self.peel_alpha, self.paste_alpha, self.mass_min = threshold, peel_alpha, paste_alpha, mass_min
        self.initial = initial_box(self.x)
        self._total = float(self.y.sum()) if self.y.min() >= 0 else float("nan")
        self._boxes, self._masks, self._steps = [], [], []
        self._record(self.initial, np.ones(len(self.y), dtype=bool), "initial")
        self._search(self._peel_candidates, self._accept_peel, "peel")
        self._search(self._paste_candidates, self._accept_paste, "paste")
        self.trajectory = pd.DataFrame(
            [dict(statistics(self.y, m, self._total, len(self.y)), res_dim=len(restricted(b, self.initial)), step=s)
             for b, m, s in zip(self._boxes, self._masks, self._steps)])
        self.trajectory.index.name = "box"

    # -- the search ------------------------------------------------------------------------------
    def _record(self, box: dict, mask: np.ndarray, step: str) -> None:
        self._boxes.append(box)
        self._masks.append(mask)
        self._steps.append(step)

    def _search(self, candidates, accept, step: str) -> None:
        """Take the best-scoring candidate step while `accept` allows it."""
        while True:
            box, mask = self._boxes[-1], self._masks[-1]
            y_old = self.y[mask]
            best, best_key = None, None
            for new_box, new_mask in candidates(box, mask):
                key = (lenient_objective(y_old, self.y[new_mask]),
                       len(self.initial) - len(restricted(new_box, self.initial)))
                if best_key is None or key > best_key:
                    best, best_key = (new_box, new_mask), key
            if best is None or not accept(mask, best[1], best_key[0]):
                return
            self._record(best[0], best[1], step)

    def _accept_peel(self, old: np.ndarray, new: np.ndarray, score: float) -> bool:
        return new.sum() / len(self.y) >= self.mass_min and new.sum() < old.sum() and score > 0

    def _accept_paste(self, old: np.ndarray, new: np.ndarray, score: float) -> bool:
        return (new.sum() / len(self.y) >= self.mass_min and new.sum() > old.sum() and score > 0
                and self.y[new].mean() > self.y[old].mean())

    def _peel_candidates(self, box: dict, mask: np.ndarray):
        for name in self.x.columns:
            column = self.x[name].to_numpy()
            limit = box[name]
            if isinstance(limit, frozenset):
                for value in sorted(limit, key=str) if len(limit) > 1 else []:
                    yield {**box, name: limit - {value}}, mask & (column != value)
                continue
            values = column[mask]
            high = sdtoolkit_quantile(values, 1 - self.peel_alpha)
            yield {**box, name: (limit[0], high)}, mask & (column <= high)
            low = sdtoolkit_quantile(values, self.peel_alpha)
            yield {**box, name: (low, limit[1])}, mask & (column >= low)

    def _paste_candidates(self, box: dict, mask: np.ndarray):
        res = restricted(box, self.initial)
        for name in [n for n in self.x.columns if n in res]:
            column = self.x[name].to_numpy()
            limit, full = box[name], self.initial[name]
            others = inside(self.x, box, [r for r in res if r != name])
            if isinstance(limit, frozenset):
                for value in sorted(full - limit, key=str):
                    new = {**box, name: limit | {value}}
                    yield new, inside(self.x, new, res)
                continue
            below = column[others & (column >= full[0]) & (column <= limit[0])]
            low = sdtoolkit_quantile(below, 1 - self.paste_alpha) if below.size else full[0]
            new = {**box, name: (low, limit[1])}
            yield new, inside(self.x, new, res)
            above = column[others & (column >= limit[1]) & (column <= full[1])]
            high = sdtoolkit_quantile(above, self.paste_alpha) if above.size else full[1]
            new = {**box, name: (limit[0], high)}
            yield new, inside(self.x, new, res)

    # -- results ---------------------------------------------------------------------------------
    @property
    def chosen(self) -> int | None:
        """The box of highest coverage whose density reaches `threshold` (None if none does)."""
        ok = self.trajectory[self.trajectory["density"] >= self.threshold]
        if ok.empty:
            return None
        return int(ok.sort_values(["coverage", "res_dim"], ascending=[False, True], kind="stable").index[0])

    def limits(self, i: int) -> dict:
        """Box i's limits on every input ((low, high) or a set of values)."""
        return dict(self._boxes[i])

    def restricted(self, i: int) -> list[str]:
        """The inputs box i restricts."""
        return restricted(self._boxes[i], self.initial)

    def mask(self, i: int) -> np.ndarray:
        """Which rows of x box i holds."""
        return self._masks[i].copy()

    def box(self, i: int | None = None) -> pd.DataFrame:
        """Box i's limits on its restricted inputs (min, max; categories for categorical inputs) with
        the quasi-p-value of each restricted side (NaN for a side left at the data's limit)."""
        i = self._index(i)
        qp = self.quasi_p(i)
        rows = []
        for name in self.restricted(i):
            limit = self._boxes[i][name]
            row = {"input": name}
            if isinstance(limit, frozenset):
                row.update(min=np.nan, max=np.nan, categories=sorted(limit, key=str))
            else:
                row.update(min=limit[0], max=limit[1], categories=None)
            row.update(qp_lower=qp[name][0], qp_upper=qp[name][1])
            rows.append(row)
        columns = ["min", "max", "categories", "qp_lower", "qp_upper"]
        return pd.DataFrame(rows, columns=["input"] + columns).set_index("input")

    def quasi_p(self, i: int) -> dict[str, tuple[float, float]]:
        """One-sided binomial quasi-p-value of each restricted side of box i (Bryant & Lempert 2010):
        P(at least the box's cases of interest | the density of the box without that restriction).
        Binary outcomes only (NaN otherwise)."""
        box, res = self._boxes[i], self.restricted(i)
        n_box, k_box = int(self._masks[i].sum()), int(round(self.y[self._masks[i]].sum()))
        result = {}
        for name in res:
            sides = []
            limit, full = box[name], self.initial[name]
            for side in (0, 1):
                if isinstance(limit, frozenset):
                    relaxed = {**box, name: full} if side == 0 else None
                elif limit[side] != full[side]:
                    relaxed = {**box, name: tuple(full[s] if s == side else limit[s] for s in (0, 1))}
                else:
                    relaxed = None
                if relaxed is None or not self.binary:
                    sides.append(float("nan"))
                    continue
                m = inside(self.x, relaxed, res)
                p = float(self.y[m].mean())
                sides.append(float(sps.binomtest(k_box, n_box, p, alternative="greater").pvalue))
            result[name] = tuple(sides)
        return result

    def drop(self, i: int, names) -> pd.Series:
        """Statistics of box i with the restrictions on `names` removed (e.g. those whose quasi-p-value
        is not significant): coverage, density, mass, mean, n, k, res_dim."""
        names = [names] if isinstance(names, str) else list(names)
        box = {**self._boxes[i], **{n: self.initial[n] for n in names}}
        mask = inside(self.x, box)
        row = statistics(self.y, mask, self._total, len(self.y))
        row["res_dim"] = len(restricted(box, self.initial))
        return pd.Series(row)

    def resample(self, i: int | None = None, iterations: int = 10, fraction: float = 0.5,
                 seed: int = 0) -> pd.DataFrame:
        """How reproducible box i's restrictions are: PRIM is re-run `iterations` times on a random
        `fraction` of the rows (without replacement; numpy generator seeded with `seed`); in each
        re-run's trajectory the box closest in coverage (and, separately, in density) to box i is
        taken, and the table gives the % of re-runs in which it restricts each input."""
        i = self._index(i)
        rng = np.random.default_rng(seed)
        target = self.trajectory.loc[i]
        counts = {"reproduce coverage": dict.fromkeys(self.x.columns, 0),
                  "reproduce density": dict.fromkeys(self.x.columns, 0)}
        size = int(len(self.y) * fraction)
        for _ in range(iterations):
            rows = rng.choice(len(self.y), size=size, replace=False)
            again = Prim(self.x.iloc[rows], self.y[rows], self.threshold, self.peel_alpha,
                         self.paste_alpha, self.mass_min)
            for column, stat in (("reproduce coverage", "coverage"), ("reproduce density", "density")):
                j = int((again.trajectory[stat] - target[stat]).abs().idxmin())
                for name in again.restricted(j):
                    counts[column][name] += 1
        table = pd.DataFrame(counts) * 100.0 / iterations
        table.index.name = "input"
        return table.sort_values(list(counts), ascending=False, kind="stable")

    def rules(self, i: int | None = None, labels: dict | None = None, units: str = "cases") -> str:
        """Box i as a readable rule with its coverage, density and mass (see rules.describe)."""
        i = self._index(i)
        return describe(self._boxes[i], self.restricted(i), self.trajectory.loc[i], self.binary, self.initial,
                        labels, units)

    def _index(self, i: int | None) -> int:
        if i is None:
            i = self.chosen if self.chosen is not None else len(self._boxes) - 1
        if not 0 <= i < len(self._boxes):
            raise IndexError(f"box {i}: the trajectory has boxes 0..{len(self._boxes) - 1}")
        return i


def _validated(x, y, peel_alpha, paste_alpha, mass_min):
    if not isinstance(x, pd.DataFrame):
        raise TypeError("x must be a pandas DataFrame (one column per input)")
    y = np.asarray(y, dtype=float).reshape(-1)
    if len(y) != len(x):
        raise ValueError(f"x has {len(x)} rows but y has {len(y)} values")
    if len(y) == 0:
        raise ValueError("no rows to search")
    if not np.isfinite(y).all():
        raise ValueError("y has NaN or infinite values")
    if x.isna().any().any():
        raise ValueError(f"x has missing values in {', '.join(x.columns[x.isna().any()].astype(str))}")
    for name, value in (("peel_alpha", peel_alpha), ("paste_alpha", paste_alpha)):
        if not 0 < value < 1:
            raise ValueError(f"{name} must be in (0, 1), got {value}")
    if not 0 <= mass_min < 1:
        raise ValueError(f"mass_min must be in [0, 1), got {mass_min}")
    x = x.reset_index(drop=True)
    for name in x.columns:
        if not is_numeric(x[name]):
            x[name] = x[name].astype(object)
    return x, y


def prim(x: pd.DataFrame, y, threshold: float = 0.8, peel_alpha: float = 0.05, paste_alpha: float = 0.05,
         mass_min: float = 0.05) -> Prim:
    """Find one PRIM box: `x` one row per case and one column per input (numeric or categorical), `y`
    the outcome per row, binary (1 = case of interest) or continuous (PRIM then raises its mean).
    Returns a `Prim` with `.trajectory` (coverage, density, mass, mean, res_dim per box), `.box(i)`,
    `.quasi_p(i)`, `.resample(i)`, `.rules(i)` and `.chosen` (the box of highest coverage whose
    density reaches `threshold`)."""
    return Prim(x, y, threshold, peel_alpha, paste_alpha, mass_min)
