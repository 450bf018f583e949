"""``python -m owsite check FILE...``: a diagram's syntax and its references, as the build sees them.

The renderer reads the statements, reference comments and ``@release``
directive; ``upstream`` looks each reference up. One command, so a writer
does not need to know which of the two would complain.
"""
from __future__ import annotations

import sys
from pathlib import Path

import wsd

from .upstream import Upstream


def check_files(names: list[str], upstream: Upstream, strict: bool = False) -> int:
    """Print every problem to stderr; the number of files with one."""
    failed = 0
    for name in names:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{name}:1:1: error: cannot read: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
            failed += 1
            continue
        problem = upstream.directive_error(text)
        if problem is not None:
            # Every reference would fail the same way; the directive's line is the one to fix.
            print(wsd.Diagnostic(name, problem[0], 1, "error", problem[1]), file=sys.stderr)
            failed += 1
            continue
        shown = [d for d in wsd.check(text, filename=name, resolve=upstream.resolve_diagram_ref)
                 if strict or d.severity == "error"]
        for diagnostic in shown:
            print(diagnostic, file=sys.stderr)
        failed += bool(shown)
    return failed
