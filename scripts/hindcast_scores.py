"""Scoring of probability forecasts of binary events: Brier and log scores, skill, and the
block bootstrap over dyads. Pure functions on arrays (no files), so the tests can check them by hand.
"""
import numpy as np

EPSILON = 1e-3  # forecasts are clipped to [EPSILON, 1 - EPSILON] for the log score only


def brier(p, y):
    return float(np.mean((p - y) ** 2))


def log_score(p, y):
    """Mean negative log-likelihood in nats (lower is better), forecasts clipped to
    [EPSILON, 1 - EPSILON] so that one confident miss costs at most ln(1000) = 6.9 nats."""
    q = np.clip(p, EPSILON, 1 - EPSILON)
    return float(np.mean(-(y * np.log(q) + (1 - y) * np.log(1 - q))))


def skill(score, reference):
    """Skill score 1 - score/reference (1 perfect, 0 no better than the reference, < 0 worse)."""
    return float("nan") if reference == 0 else 1.0 - score / reference


def hazard_from_cumulative(cum, runs, min_runs_left=10):
    """Per-quarter probability of the event from P(at least once by tick), ticks 0..T on axis 0.

    h_t = (E_t - E_{t-1}) / (1 - E_{t-1}): the probability of a first occurrence in quarter t given
    none before, which is the probability of an occurrence in t for an event whose rate does not
    depend on its own past. When fewer than `min_runs_left` runs are left without the event, the
    ratio is too noisy and the last hazard computed from enough runs is carried forward.
    """
    cum = np.asarray(cum, dtype=float)
    prev, cur = cum[:-1], cum[1:]
    left = 1.0 - prev
    ok = left * runs >= min_runs_left
    h = np.where(ok, (cur - prev) / np.where(left > 0, left, 1.0), np.nan)
    h = np.clip(h, 0.0, 1.0)
    for t in range(1, h.shape[0]):  # carry forward along ticks
        h[t] = np.where(np.isnan(h[t]), h[t - 1], h[t])
    return np.nan_to_num(h, nan=0.0)


def scores(forecasts, y):
    """{name: (brier, log)} for a dict of forecast arrays aligned with outcomes y."""
    return {name: (brier(p, y), log_score(p, y)) for name, p in forecasts.items()}


def block_bootstrap(forecasts, y, blocks, reference, replicates, seed):
    """Percentile 95% intervals of the mean Brier and log scores of every forecaster and of the
    Brier and log skill of each against `reference`, resampling whole blocks (dyads) with
    replacement: the cells of one dyad (its kinds and quarters) are dependent, the dyads are taken
    as exchangeable. Returns {name: {"brier": (lo, hi), "log": ..., "bss": ..., "lss": ...}}."""
    rng = np.random.default_rng(seed)
    ids = np.unique(blocks)
    index = {b: np.flatnonzero(blocks == b) for b in ids}
    per_block = {}
    for name, p in forecasts.items():
        q = np.clip(p, EPSILON, 1 - EPSILON)
        b_sq = (p - y) ** 2
        b_log = -(y * np.log(q) + (1 - y) * np.log(1 - q))
        per_block[name] = np.array([[b_sq[index[b]].sum(), b_log[index[b]].sum()] for b in ids])
    counts = np.array([len(index[b]) for b in ids], dtype=float)
    draws = rng.multinomial(len(ids), np.full(len(ids), 1.0 / len(ids)), size=replicates)
    n = draws @ counts
    means = {name: (draws @ sums) / n[:, None] for name, sums in per_block.items()}
    out = {}
    for name, m in means.items():
        ref = means[reference]
        with np.errstate(divide="ignore", invalid="ignore"):
            bss = 1.0 - m[:, 0] / ref[:, 0]
            lss = 1.0 - m[:, 1] / ref[:, 1]
        out[name] = {"brier": _pct(m[:, 0]), "log": _pct(m[:, 1]), "bss": _pct(bss), "lss": _pct(lss)}
    return out


def _pct(values):
    values = values[np.isfinite(values)]
    if values.size == 0:
        return (float("nan"), float("nan"))
    lo, hi = np.percentile(values, [2.5, 97.5])
    return (float(lo), float(hi))
