#!/usr/bin/python3
"""Writes the generated sections of docs/sensitivity.md from a Saltelli sweep file.

The Sobol table ("sobol table": first and total indices with their bootstrap intervals, the
direction of each input's effect and the mean probability in the bottom and top quarter of its
range) and the facts about the run ("sobol run": points, runs, the focal outcome's spread, the
build) come from the file `simrun sweep scenarios/sweeps/reference_sobol.yaml` writes; the prose
around them is hand-written and must be re-read when the numbers move.

Usage: scripts/sensitivity_doc.py [results/reference_sobol.h5] [--doc docs/sensitivity.md] [--section sobol]
       scripts/sensitivity_doc.py results/posterior_sobol.h5 --section "posterior sobol"

--section NAME writes the sections "NAME run" and "NAME table" (the study on the posterior has its
own pair).
"""
import argparse
import os
import re
import sys

import h5py
import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import doc_sections  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def read(path):
    with h5py.File(path, "r") as f:
        if text(f.attrs["filetype"]) != "simrun-sweep" or text(f.attrs["design"]) != "saltelli":
            raise SystemExit(f"error: {path}: not the file of a Saltelli sweep")
        s = {k: f.attrs[k] for k in ("points", "runs_per_point", "base_samples", "bootstrap_resamples", "seed",
                                     "git_commit", "simrun_version", "end_quarter", "sweep_file")}
        s["posterior"] = text(f.attrs["posterior"]) if "posterior" in f.attrs else ""
        s["drawn"] = [text(x) for x in f["posterior_drawn"][()]] if "posterior_drawn" in f else []
        s["distribution"] = [text(x) for x in f["parameter_distribution"][()]]
        s["parameters"] = [text(p) for p in f["parameter"][()]]
        s["focal"] = text(f["focal"][0])
        s["pact"] = text(f["focal_pact_type"][0]) if "focal_pact_type" in f else "defence"
        for k in ("sobol_first", "sobol_first_lower", "sobol_first_upper", "sobol_total", "sobol_total_lower",
                  "sobol_total_upper"):
            s[k] = f[k][0]
        s["variance"] = float(f["focal_variance"][0])
        s["p"] = f["focal_probability"][:, 0]
        s["design"] = f["design"][()]
        s["block"] = f["saltelli_block"][()]
    return s


def interval(v, lo, hi):
    return f"{v:.3f} [{lo:.3f}, {hi:.3f}]".replace("-", "−")


def table(s):
    ab = s["block"] <= 1  # the A and B points: independent draws of every input
    p = s["p"][ab]
    rows = ["| rank | input (`--set` path) | first order S1 [95% CI] | total ST [95% CI] | "
            "Spearman ρ with P | mean P, bottom → top quarter of the range |", "|---|---|---|---|---|---|"]
    order = np.argsort(-s["sobol_total"], kind="stable")
    for rank, i in enumerate(order, 1):
        x = s["design"][ab, i]
        rho = stats.spearmanr(x, p).correlation
        q1, q3 = np.quantile(x, [0.25, 0.75])
        st = interval(s["sobol_total"][i], s["sobol_total_lower"][i], s["sobol_total_upper"][i])
        if s["sobol_total_lower"][i] >= 0.1:
            st = "**" + st.replace(" [", "** [", 1)
        rows.append(f"| {rank} | `{s['parameters'][i]}` | "
                    f"{interval(s['sobol_first'][i], s['sobol_first_lower'][i], s['sobol_first_upper'][i])} | {st} | "
                    f"{rho:+.2f} | {p[x <= q1].mean():.4f} → {p[x >= q3].mean():.4f} |".replace("|-", "|−").replace(" -", " −"))
    return "\n".join(rows)


def run_facts(s):
    p = s["p"]
    d = len(s["parameters"])
    posterior = ""
    if s["posterior"]:
        bounds = [[float(x) for x in re.findall(r"[-+0-9.eE]+", r.split("uniform")[-1])] for r in s["distribution"]]
        ranges = "; ".join(f"`{n}` {lo:.3g}–{hi:.3g}" for n, (lo, hi) in zip(s["parameters"], bounds))
        posterior = (f" On the posterior `{os.path.basename(s['posterior'])}`: ranges (central 95% of each marginal) "
                     f"{ranges}; drawn per run: {', '.join(f'`{x}`' for x in s['drawn']) or 'none'}.")
    return (f"Focal outcome: P({s['focal']} new {s['pact']} pact by {text(s['end_quarter'])}), "
            f"{int(s['runs_per_point']):,} runs per point (seed {int(s['seed'])}). N = {int(s['base_samples'])}, "
            f"d = {d}: N (d + 2) = {int(s['points']):,} points, "
            f"{int(s['points']) * int(s['runs_per_point']):,} runs; {int(s['bootstrap_resamples']):,} bootstrap "
            f"resamples. Over the points P ranges from {p.min():.3f} to {p.max():.3f} (median {np.median(p):.3f}, "
            f"mean {p.mean():.4f}); its variance over the A and B points is {s['variance']:.3g} (standard "
            f"deviation {np.sqrt(s['variance']):.4f}). ΣS1 = {s['sobol_first'].sum():.2f}, "
            f"ΣST = {s['sobol_total'].sum():.2f}. Written by simrun {text(s['simrun_version'])} "
            f"(`git_commit` {text(s['git_commit'])}).{posterior}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sweep", nargs="?", default=os.path.join(ROOT, "results", "reference_sobol.h5"))
    parser.add_argument("--doc", default=os.path.join(ROOT, "docs", "sensitivity.md"))
    parser.add_argument("--section", default="sobol", help="sections NAME run and NAME table (default: sobol)")
    args = parser.parse_args()
    s = read(args.sweep)
    try:
        doc_sections.replace(args.doc, f"{args.section} run", run_facts(s))
        doc_sections.replace(args.doc, f"{args.section} table", table(s))
    except (doc_sections.SectionError, OSError) as err:
        raise SystemExit(f"error: {err}")
    print(f"{args.doc}: Sobol sections written from {args.sweep}")


if __name__ == "__main__":
    main()
