"""python -m owsite check [--strict] FILE...   (exit 1 when any file has an error)"""
from __future__ import annotations

import argparse
import sys

from .check import check_files
from .upstream import Upstream


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m owsite",
                                 description="Check diagrams the way the site build does.")
    commands = ap.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="syntax and upstream references of .wsd files")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("files", nargs="+", metavar="FILE")
    args = ap.parse_args(argv)
    return 1 if check_files(args.files, Upstream(), strict=args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
