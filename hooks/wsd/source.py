"""Diagram source: bytes -> text -> lines, the way editors and git count them.

Only ``\\n``, ``\\r\\n`` and ``\\r`` end a line. ``str.splitlines`` also
breaks at U+000B, U+000C, U+001C-U+001E, U+0085, U+2028 and U+2029, which
editors, git and ``wc -l`` do not, so every later diagnostic would point
past the real line. A UTF-8 byte order mark is dropped: it is invisible, and
kept it would turn a first ``title`` into an unknown word or a first
participant ``A`` into a second one that looks the same.
"""
from __future__ import annotations

import re

from .diagnostics import Diagnostic, WsdError

BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines of ``text``; a final line break does not start another line."""
    lines = _LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def strip_bom(text: str) -> str:
    return text[1:] if text.startswith(BOM) else text


def decode(data: bytes, filename: str = "<stdin>") -> str:
    """UTF-8 ``data`` as text without a BOM; raises WsdError at the first bad byte.

    The error names the line and column (in characters) of that byte, so an
    editor can jump to it, instead of a byte offset from the file's start.
    """
    try:
        return strip_bom(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        good = strip_bom(data[:exc.start].decode("utf-8"))
        lines = split_lines(good + "x")   # "x": a break just before the byte opens its line
        line, col = len(lines), len(lines[-1])
        bad = data[exc.start:exc.end].hex(" ").upper()
        message = f"invalid UTF-8 (byte {bad}); save the file as UTF-8"
        raise WsdError([Diagnostic(filename, line, col, "error", message)]) from None
