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
import sys
from collections.abc import Iterable
from pathlib import Path

from . import check, render
from .diagnostics import Diagnostic, WsdError
from .output import OutputError, write_output
from .source import decode


def _read(path: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text, or the diagnostics that say why there is none."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [Diagnostic(path, 1, 1, "error", f"cannot read: {reason}")]
    try:
        return decode(data, path), []
    except WsdError as err:
        return None, err.diagnostics


def _emit(diagnostics: Iterable[Diagnostic]) -> None:
    for d in diagnostics:
        print(d, file=sys.stderr)


def _target(args: argparse.Namespace, name: str, seen: dict[str, str]) -> Path | None | Diagnostic:
    """Where ``name``'s SVG goes: a path, None for stdout, or why it cannot go anywhere."""
    if args.output:
        return Path(args.output)
    if not args.outdir:
        return None
    target = Path(args.outdir) / (Path(name).stem + ".svg")
    if target.name in seen:
        return Diagnostic(name, 1, 1, "error", f"output {target} would overwrite "
                          f"the one rendered from {seen[target.name]}")
    seen[target.name] = name
    return target


def cmd_render(args: argparse.Namespace) -> int:
    if args.output and len(args.files) != 1:
        print("wsd render: -o takes exactly one input file; use -d OUTDIR for several",
              file=sys.stderr)
        return 2
    if not args.output and not args.outdir and len(args.files) != 1:
        print("wsd render: give -o OUT.svg or -d OUTDIR", file=sys.stderr)
        return 2
    failed = False
    if args.outdir:
        try:
            Path(args.outdir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            # Every file is still checked, and each says it has nowhere to go.
            print(f"wsd render: cannot create folder {args.outdir}: "
                  f"{exc.strerror or exc}", file=sys.stderr)
            failed = True
    seen: dict[str, str] = {}
    for name in args.files:
        text, problems = _read(name)
        if text is None:
            _emit(problems)
            failed = True
            continue
        target = _target(args, name, seen)
        if isinstance(target, Diagnostic):
            _emit([target])
            failed = True
            continue
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
            try:
                sys.stdout.write(result.svg)
                sys.stdout.flush()
            except BrokenPipeError:
                return 1
            continue
        try:
            write_output(target, result.svg)
        except OutputError as exc:
            _emit([Diagnostic(name, 1, 1, "error", f"cannot write {target}: {exc.args[0]}")])
            failed = True
    return 1 if failed else 0


def cmd_check(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        text, problems = _read(name)
        diagnostics = problems if text is None else check(text, filename=name)
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
