"""Command line: ``python -m wsd render|check`` (with hooks/ on PYTHONPATH).

    python -m wsd render IN.wsd -o OUT.svg
    python -m wsd render A.wsd B.wsd -d OUTDIR
    python -m wsd render IN.wsd                 (SVG on stdout)
    python -m wsd check [--strict] FILE...

Diagnostics go to stderr as ``FILE:LINE:COL: severity: message``. Exit 0 when
all is well, 1 when any file has an error (or a warning under --strict), 2 on
bad usage. An output file is written whole or not at all.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from . import check, render
from .diagnostics import Diagnostic, WsdError


def _read(path: str) -> tuple[str | None, Diagnostic | None]:
    try:
        return Path(path).read_text(encoding="utf-8"), None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return None, Diagnostic(path, 1, 1, "error", f"cannot read: {reason}")


def _write_atomically(target: Path, data: str) -> None:
    # A temporary file in the same directory, renamed into place: a failed
    # run never leaves a half-written or stale-looking SVG behind.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _emit(diagnostics) -> None:
    for d in diagnostics:
        print(d, file=sys.stderr)


def cmd_render(args) -> int:
    if args.output and len(args.files) != 1:
        print("wsd render: -o takes exactly one input file; use -d OUTDIR for several",
              file=sys.stderr)
        return 2
    if not args.output and not args.outdir and len(args.files) != 1:
        print("wsd render: give -o OUT.svg or -d OUTDIR", file=sys.stderr)
        return 2
    if args.outdir:
        Path(args.outdir).mkdir(parents=True, exist_ok=True)
    failed = False
    seen: dict[str, str] = {}
    for name in args.files:
        text, problem = _read(name)
        if problem:
            _emit([problem])
            failed = True
            continue
        if args.output:
            target = Path(args.output)
        elif args.outdir:
            target = Path(args.outdir) / (Path(name).stem + ".svg")
            if target.name in seen:
                _emit([Diagnostic(name, 1, 1, "error", f"output {target} would overwrite "
                                  f"the one rendered from {seen[target.name]}")])
                failed = True
                continue
            seen[target.name] = name
        else:
            target = None
        try:
            result = render(text, filename=name)
        except WsdError as exc:
            _emit(exc.diagnostics)
            failed = True
            continue
        _emit(result.warnings)
        if args.strict and result.warnings:
            failed = True
            continue
        if target is None:
            sys.stdout.write(result.svg)
        else:
            _write_atomically(target, result.svg)
    return 1 if failed else 0


def cmd_check(args) -> int:
    failed = False
    for name in args.files:
        text, problem = _read(name)
        diagnostics = [problem] if problem else check(text, filename=name)
        _emit(diagnostics)
        if any(d.severity == "error" or args.strict for d in diagnostics):
            failed = True
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wsd",
                                     description="Render WSD sequence diagrams to SVG.")
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("render", help="render files to SVG")
    r.add_argument("files", nargs="+", metavar="FILE")
    r.add_argument("-o", "--output", help="output SVG (one input file)")
    r.add_argument("-d", "--outdir", help="output directory (any number of files)")
    r.add_argument("--strict", action="store_true", help="treat warnings as failures")
    c = sub.add_parser("check", help="parse and lay out, print diagnostics")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--strict", action="store_true", help="treat warnings as failures")
    args = parser.parse_args(argv)
    return cmd_render(args) if args.command == "render" else cmd_check(args)


if __name__ == "__main__":
    sys.exit(main())
