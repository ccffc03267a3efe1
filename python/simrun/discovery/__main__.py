"""Command line of scenario discovery (`simrun discover` runs this):

    python3 -m simrun.discovery FILE.h5 --outcome RUS-PAK --type consultation --above 0.2
    python3 -m simrun.discovery cases.csv --outcome failed --inputs cost,yield

prints the chosen PRIM box as a rule with its coverage and density, the restrictions with their
quasi-p-values, the CART leaves that reach the density threshold, and writes everything to an HDF5
file (default: FILE's name with .discovery.h5). Bad input: one line on stderr, exit code 2.
"""
from __future__ import annotations

import argparse
import pathlib
import sys

from . import inputs, store
from .cart import cart
from .prim import prim


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="simrun discover", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help="a predictive run or sweep (HDF5), or a CSV with a header row")
    p.add_argument("--outcome", required=True, help="the dyad (either order, e.g. RUS-PAK), or a CSV column")
    p.add_argument("--type", default="alliance",
                   help="alliance (default), defence, consultation, nonaggression, or an event kind (crisis, visit, ...)")
    p.add_argument("--quarter", help="outcome by this quarter (e.g. 2022Q4; default: the horizon)")
    cut = p.add_mutually_exclusive_group()
    cut.add_argument("--above", type=float, help="cases of interest: outcome > this")
    cut.add_argument("--below", type=float, help="cases of interest: outcome < this")
    p.add_argument("--inputs", help="CSV only: comma-separated input columns (default: every other column)")
    p.add_argument("--method", choices=("prim", "cart", "both"), default="both")
    p.add_argument("--threshold", type=float, default=0.8, help="density the chosen box must reach (default 0.8)")
    p.add_argument("--peel-alpha", type=float, default=0.05)
    p.add_argument("--paste-alpha", type=float, default=0.05)
    p.add_argument("--mass-min", type=float, default=0.05)
    p.add_argument("-o", "--output", help="HDF5 result (default: FILE with .discovery.h5)")
    p.add_argument("--force", action="store_true", help="overwrite an existing output")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    return p


def load(args) -> inputs.Table:
    path = pathlib.Path(args.file)
    if not path.is_file():
        raise inputs.InputError(f"{path}: no such file" if not path.exists() else f"{path}: not a regular file")
    if path.suffix.lower() == ".csv":
        cols = [c.strip() for c in args.inputs.split(",")] if args.inputs else None
        return inputs.from_csv(path, args.outcome, cols)
    return inputs.from_file(path, args.outcome, args.type, args.quarter)


def report(table, y, args, p, c) -> str:
    lines = []
    what = table.outcome
    if args.above is not None or args.below is not None:
        sign, value = (">", args.above) if args.above is not None else ("<", args.below)
        lines.append(f"Cases of interest: {what} {sign} {value:g} in {int(y.sum())} of {len(y)} {table.units}.")
    elif p is not None and p.binary or c is not None and c.binary:
        lines.append(f"Cases of interest: {what} = 1 in {int(y.sum())} of {len(y)} {table.units}.")
    else:
        lines.append(f"Outcome: {what} (continuous; PRIM raises its mean) over {len(y)} {table.units}.")
    lines.append(f"Inputs: {', '.join(map(str, table.x.columns))}.")
    if p is not None:
        i = p.chosen
        if i is None:
            i = int(p.trajectory["density"].idxmax())
            lines.append(f"\nPRIM: no box reaches density {args.threshold:g}; the densest box ({i}):")
        else:
            lines.append(f"\nPRIM box {i} (highest coverage with density >= {args.threshold:g}; "
                         f"peel_alpha {args.peel_alpha:g}, paste_alpha {args.paste_alpha:g}, mass_min {args.mass_min:g}):")
        lines.append("  " + p.rules(i, table.labels, table.units))
        box = p.box(i)
        if len(box) and p.binary:
            lines.append("  restriction quasi-p-values (one-sided binomial test; < 0.05: the restriction matters):")
            for name, row in box.iterrows():
                qp = [f"{side} {v:.2g}" for side, v in (("lower", row.qp_lower), ("upper", row.qp_upper)) if v == v]
                lines.append(f"    {name}: {', '.join(qp)}")
    if c is not None:
        chosen = c.chosen
        lines.append(f"\nCART ({len(c.leaves)} leaves, each holding >= {args.mass_min:.0%} of the {table.units}): "
                     f"{len(chosen)} with density >= {args.threshold:g}")
        for i in chosen[:5] or [int(c.leaves["density"].idxmax())]:
            lines.append(("  " if chosen else "  the densest leaf: ") + c.rules(i, table.labels, table.units))
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        table = load(args)
        y = inputs.cases_of_interest(table.y, args.above, args.below)
        source = pathlib.Path(args.file)
        output = pathlib.Path(args.output) if args.output else source.with_suffix(".discovery.h5")
        store.check_output(output, source, args.force)
        p = prim(table.x, y, args.threshold, args.peel_alpha, args.paste_alpha, args.mass_min) \
            if args.method in ("prim", "both") else None
        c = cart(table.x, y, args.mass_min, threshold=args.threshold) if args.method in ("cart", "both") else None
        settings = {"outcome": table.outcome, "units": table.units, "above": args.above, "below": args.below,
                    "threshold": args.threshold, "peel_alpha": args.peel_alpha, "paste_alpha": args.paste_alpha,
                    "mass_min": args.mass_min, "command_line": " ".join(["simrun discover", *(argv or sys.argv[1:])])}
        store.write(output, source, {k: v for k, v in settings.items() if v is not None}, p, c)
    except (inputs.InputError, FileExistsError, ValueError, KeyError, OSError) as e:
        message = e.args[0] if e.args else str(e)
        print(f"simrun discover: {message}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(report(table, y, args, p, c))
        print(f"\nWritten: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
