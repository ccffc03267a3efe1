"""Markdown for the generated "hindcast" section of docs/validation.md (scripts/hindcast.py)."""

NAMES = ("model", "base rate", "climatology", "t0 rates", "persistence")


def _ci(pair, sign=False):
    f = "{:+.3f}" if sign else "{:.4f}"
    return f"[{f.format(pair[0])}, {f.format(pair[1])}]"


def render(p):
    e = p["experiment"]
    lines = [
        f"Experiment: scenario `{e['scenario']}`, {e['runs']:,} runs, seed {e['seed']}, simrun commit "
        f"`{e['commit']}`. Scored: {p['quarters'][0]}–{p['quarters'][1]}, {p['cells']:,} (dyad, kind, quarter) "
        f"cells, {p['events']} certain events. Not scored (no output or no record of the kind): "
        f"{', '.join(p['unscored_kinds']) or 'none'}. Model forecast: {e.get('forecast', 'hazard from event_by')}.",
        "",
        "Scores are means over cells (Brier: squared error; log: negative log-likelihood in nats, forecasts",
        "clipped to [0.001, 0.999]); lower is better. Skill = 1 − score / score of the reference",
        "forecaster; in the first table of each set the reference is the base rate. Intervals: 95%",
        "percentile block bootstrap over the dyads (2,000 resamples of the 10 dyads with all their",
        "cells); they cover which dyads the period happened to test, not the",
        "Monte Carlo error of the model's probabilities (small at these run counts) nor errors in the",
        "record.",
    ]
    for label, summary in p["summary"].items():
        lines += ["", f"**{label}** ({summary['cells']:,} cells, {summary['events']} events):", "",
                  "| forecaster | Brier [95%] | Brier skill vs base rate [95%] | log score [95%] | log skill vs base rate [95%] |",
                  "|---|---|---|---|---|"]
        for name in NAMES:
            s = summary[name]
            lines.append(f"| {name} | {s['brier']:.4f} {_ci(s['brier_ci'])} | {s['bss']:+.3f} {_ci(s['bss_ci'], True)} "
                         f"| {s['log']:.4f} {_ci(s['log_ci'])} | {s['lss']:+.3f} {_ci(s['lss_ci'], True)} |")
        lines += ["", "The model's skill against each reference:", "",
                  "| reference | Brier skill [95%] | log skill [95%] |", "|---|---|---|"]
        for ref, s in summary["model_skill"].items():
            lines.append(f"| {ref} | {s['bss']:+.3f} {_ci(s['bss_ci'], True)} | {s['lss']:+.3f} {_ci(s['lss_ci'], True)} |")
    lines += ["", "By kind (Brier score; skill of the model vs the base rate):", "",
              "| kind | cells | events | " + " | ".join(NAMES) + " | model skill |",
              "|---|---|---|" + "---|" * (len(NAMES) + 1)]
    for r in p["per_kind"]:
        skill = "–" if r["bss"] != r["bss"] else f"{r['bss']:+.3f}"
        lines.append(f"| {r['kind']} | {r['cells']} | {r['events']} | " + " | ".join(f"{r[n]:.2e}" for n in NAMES)
                     + f" | {skill} |")
    lines += ["", "By dyad, for the kinds with events (sums of squared errors over the dyad's cells; a positive "
              "difference is the model's loss to the base rate):", "",
              "| kind | dyad | cells | events | model's mean probability | model | base rate | t0 rates | model − base rate |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in p.get("per_dyad", []):
        lines.append(f"| {r['kind']} | {r['dyad']} | {r['cells']} | {r['events']} | {r['mean model']:.3f} "
                     f"| {r['model sum']:.3f} | {r['base rate sum']:.3f} | {r['t0 rates sum']:.3f} "
                     f"| {r['model sum'] - r['base rate sum']:+.3f} |")
    lines += ["", "Per event (certain entries of the record; the forecasters' probability for that quarter):", "",
              "| quarter | dyad | kind | model | base rate | climatology | t0 rates | persistence |",
              "|---|---|---|---|---|---|---|---|"]
    for r in p["per_event"]:
        lines.append(f"| {r['quarter']} | {r['dyad']} | {r['kind']} | {r['model']:.3f} | {r['base rate']:.3f} "
                     f"| {r['climatology']:.3f} | {r['t0 rates']:.3f} | {r['persistence']:.0f} |")
    return "\n".join(lines)
