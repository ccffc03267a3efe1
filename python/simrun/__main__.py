"""`python3 -m simrun FILE.h5`: a one-screen summary of an experiment file.
`python3 -m simrun export FILE.h5 --csv DIR [--force]`: tidy CSV tables (what `simrun export` runs)."""
import argparse
import pathlib
import sys

from .export import export
from .reader import summary


def export_main(argv) -> int:
    parser = argparse.ArgumentParser(prog="simrun export", description="Write the tidy CSV tables of a simrun "
                                     "result file (one per group and set of dimensions) into a directory.")
    parser.add_argument("file", help="an experiment, sweep or comparison file (HDF5)")
    parser.add_argument("--csv", required=True, metavar="DIR", help="the directory to write (created if needed)")
    parser.add_argument("--force", action="store_true", help="overwrite tables of the same name in DIR")
    args = parser.parse_args(argv)
    try:
        if pathlib.Path(args.file).exists() and not pathlib.Path(args.file).is_file():
            raise OSError(f"{args.file}: not a regular file")
        files = export(args.file, args.csv, force=args.force)
    except (OSError, ValueError, KeyError) as e:
        print(f"simrun export: {e}", file=sys.stderr)
        return 2
    print(f"Wrote {len(files)} files to {args.csv}: tidy CSV tables (one row per observation) and the texts")
    return 0


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["export"]:
        return export_main(argv[1:])
    if len(argv) != 1:
        print("usage: python3 -m simrun RESULT.h5 | python3 -m simrun export RESULT.h5 --csv DIR [--force]",
              file=sys.stderr)
        return 2
    try:
        print(summary(argv[0]))
    except (OSError, ValueError, KeyError) as e:
        print(f"simrun: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
