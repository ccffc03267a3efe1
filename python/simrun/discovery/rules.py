"""A box as a sentence: "India's share of Russian arms exports < 0.31 and pipeline start rate > 0.014:
62% of the cases of interest, 81% of the box"."""
from __future__ import annotations


def number(value: float) -> str:
    """Three significant digits, no exponent for ordinary magnitudes."""
    return f"{value:.3g}"


def condition(name: str, limit, initial, dummy: bool = False) -> str:
    """One restriction as text ("x < 0.31", "0.2 < x < 0.5", "x in {a, b}"); `dummy`: `name` is a
    one-hot column "input=value" (CART), read as "input = value" or "input != value"."""
    if dummy:
        column, _, value = name.partition("=")
        return f"{column} != {value}" if limit[1] < 1 else f"{column} = {value}"
    if isinstance(limit, frozenset):
        return f"{name} in {{{', '.join(sorted(map(str, limit)))}}}"
    low = limit[0] != initial[0]
    high = limit[1] != initial[1]
    if low and high:
        return f"{number(limit[0])} < {name} < {number(limit[1])}"
    if low:
        return f"{name} > {number(limit[0])}"
    return f"{name} < {number(limit[1])}"


def describe(box: dict, names: list[str], stats, binary: bool, initial: dict, labels: dict | None = None,
             units: str = "cases", dummies=()) -> str:
    """The restrictions of `box` on `names` joined by "and", then coverage, density and mass.

    labels: readable names of the inputs ({"parameters.lambda": "logit precision"}); units: what a
    row is ("draws", "points", "cases"); `initial` (the box holding every row) tells which sides of
    a numeric limit are restricted; `dummies`: one-hot columns ("input=value")."""
    labels = labels or {}
    parts = [condition(labels.get(n, n), box[n], initial[n], n in dummies) for n in names]
    rule = " and ".join(parts) if parts else "(no restriction: every row)"
    if binary:
        tail = (f"{stats['coverage']:.0%} of the cases of interest (coverage), {stats['density']:.0%} of the "
                f"box (density); the box holds {stats['mass']:.0%} of the {units} ({int(stats['n'])})")
    else:
        tail = (f"mean outcome {stats['mean']:.3g} in the box, {stats['coverage']:.0%} of the outcome's total "
                f"(coverage); the box holds {stats['mass']:.0%} of the {units} ({int(stats['n'])})")
    return f"{rule}: {tail}"
