"""Find which file under ``diagrams/`` a fence body came from.

Snippets expands ``--8<-- "diagrams/nova/liberty/pause.wsd"`` before the fence sees
its body, so the fence only knows the text. Matching that text against the
files lets a diagnostic name ``diagrams/nova/liberty/pause.wsd:LINE`` instead of the
page that included it.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


def normalise(text: str) -> str:
    """Line-ending and trailing-blank insensitive form; leading lines are kept so lines still match."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


@dataclass(frozen=True)
class Origin:
    filename: str      # as shown in diagnostics, relative to the project root
    line_offset: int   # add to a line number of the body to get a line of `filename`
    diagram: str | None  # "nova/pause" when the body is a diagrams/ file
    # When known, where each body line was written: (file, line, columns of indent
    # the fence took off). Ranged snippets and snippets mixed with page lines need it.
    lines: tuple[tuple[str, int, int], ...] = ()

    def diagnostic(self, line: int, col: int, severity: str, message: str) -> str:
        """``FILE:LINE:COL: severity: message`` for a line of the fence body."""
        if 1 <= line <= len(self.lines):
            filename, number, indent = self.lines[line - 1]
            return f"{filename}:{number}:{col + indent}: {severity}: {message}"
        return f"{self.filename}:{line + self.line_offset}:{col}: {severity}: {message}"


class DiagramSources:
    def __init__(self, root: Path, folder: str = "diagrams"):
        self.root = Path(root)
        self.folder = folder
        self._by_text: dict[str, str] = {}

    def scan(self) -> None:
        """Re-read every .wsd file; called once per build so serve sees edits."""
        by_text: dict[str, str] = {}
        base = self.root / self.folder
        for path in sorted(base.rglob("*.wsd")):
            rel = path.relative_to(self.root).as_posix()
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue  # Snippets reports unreadable includes itself.
            by_text.setdefault(normalise(text), rel)
        self._by_text = by_text

    def locate(self, body: str, page_path: str | None, page_markdown: str | None,
               fence_index: int | None = None) -> Origin:
        rel = self._by_text.get(normalise(body))
        if rel is not None:
            stem = rel[len(self.folder) + 1:].removesuffix(".wsd")
            return Origin(rel, 0, stem)
        page = page_path or "<page>"
        if page_markdown and fence_index is not None:
            lines = self._line_map(body, page, page_markdown, fence_index)
            if lines:
                files = {f for f, _, _ in lines}
                filename = files.pop() if len(files) == 1 else page
                return Origin(filename, 0, None, lines)
        return Origin(page, _line_in(page_markdown, body), None)

    def _line_map(self, body: str, page: str, markdown: str,
                  index: int) -> tuple[tuple[str, int, int], ...]:
        """Where each line of the ``index``-th sequence fence of the page came from; () if unsure."""
        fences = _sequence_fences(markdown)
        if index >= len(fences):
            return ()
        mapped: list[tuple[str, int, int, str]] = []  # file, line, indent, text
        for number, indent, text in fences[index]:
            match = _INLINE_RE.match(text)
            if match is None or match.group("escape"):
                mapped.append((page, number, indent, text))
                continue
            spec = match.group("path")
            target = _target(spec)
            try:
                file_text = (self.root / target).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                return ()
            file_lines = file_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            if file_lines and file_lines[-1] == "":
                file_lines.pop()
            start, end = _range(spec[len(target):], len(file_lines))
            extra = len(match.group("indent"))
            mapped.extend((target, n, indent + extra, file_lines[n - 1]) for n in range(start, end + 1))
        wanted = [line.rstrip() for line in body.replace("\r\n", "\n").split("\n")]
        while wanted and not wanted[-1]:
            wanted.pop()
        # Snippets may add a blank line after an included file: a blank body line
        # the page does not have is given its neighbour's place (nothing is reported on it).
        result: list[tuple[str, int, int]] = []
        at = 0
        for line in wanted:
            if at < len(mapped) and mapped[at][3].strip() == line.strip():
                result.append(mapped[at][:3])
                at += 1
            elif not line.strip() and result:
                result.append(result[-1])
            else:
                return ()  # the page is not what the fence saw (another plugin changed it): don't guess
        return tuple(result)


_FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?sequence\b")


def _sequence_fences(markdown: str) -> list[list[tuple[int, int, str]]]:
    """Each sequence fence's body lines: (page line, indent taken off, text without it)."""
    fences: list[list[tuple[int, int, str]]] = []
    lines = markdown.replace("\r\n", "\n").split("\n")
    number = 0
    while number < len(lines):
        opener = _FENCE_RE.match(lines[number])
        number += 1
        if opener is None:
            continue
        indent, fence = len(opener.group("indent")), opener.group("fence")
        body: list[tuple[int, int, str]] = []
        while number < len(lines):
            line = lines[number]
            number += 1
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                break
            taken = min(indent, len(line) - len(line.lstrip()))
            body.append((number, taken, line[taken:]))
        fences.append(body)
    return fences


def _range(suffix: str, count: int) -> tuple[int, int]:
    """Snippets' ``:START:END`` (1-based, inclusive, either may be empty) as (start, end) lines."""
    parts = [p for p in suffix.split(":")[1:]]
    numbers = [int(p) if p.strip().lstrip("-").isdigit() else None for p in parts] + [None, None]
    start, end = numbers[0] or 1, numbers[1] or count
    if start < 0:
        start = max(count + start + 1, 1)
    if end < 0:
        end = count + end + 1
    return max(start, 1), min(end, count)


def _line_in(markdown: str | None, body: str) -> int:
    """Lines before ``body`` in the page, so body line 1 maps to its line in the page."""
    if not markdown:
        return 0
    wanted = [line.strip() for line in body.splitlines()]
    lines = markdown.splitlines()
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")) and "sequence" in line:
            following = [text.strip() for text in lines[number + 1:number + 1 + len(wanted)]]
            if following == wanted:
                return number + 1
    return 0


# `--8<-- "path"` on one line (optionally `path:START:END`), or a block of
# paths between two bare `--8<--` lines. A leading `;` escapes the marker.
_INLINE_RE = re.compile(r'^(?P<indent>\s*)(?P<escape>;*)--8<--[ \t]+(?P<q>["\'])(?P<path>.+?)(?P=q)\s*$')
_BLOCK_RE = re.compile(r'^\s*(;*)--8<--\s*$')
_RANGE_RE = re.compile(r'(?::-?\d*)+$|:[A-Za-z0-9_-]+$')


def _target(spec: str) -> str:
    """The file part of a snippet spec: ``a.wsd:1:25`` and ``a.wsd:section`` name ``a.wsd``."""
    return _RANGE_RE.sub("", spec.strip()) or spec.strip()


def include_problem(spec: str, root: Path, include_roots: list[str]) -> str | None:
    """Why a page may not include ``spec``, or None. Judged on the real path: symlinks resolved."""
    target = _target(spec)
    if "://" in target:
        return f"include {target!r} refused: URLs are not included"
    real = Path(os.path.realpath(root / target))
    real_root = Path(os.path.realpath(root))
    if not real.is_relative_to(real_root):
        return f"include {target!r} refused: its real path leaves the repository"
    allowed = [Path(os.path.realpath(real_root / r)) for r in include_roots]
    if not any(real.is_relative_to(folder) for folder in allowed):
        roots = ", ".join(f"{r.rstrip('/')}/" for r in include_roots)
        return f"include {target!r} refused: not under an include root ({roots})"
    return None


def refused_includes(markdown: str, page: str, root: Path, include_roots: list[str],
                     _depth: int = 0) -> tuple[list[str], str]:
    """(diagnostics, markdown without the refused include lines).

    Included files are checked too, since Snippets follows includes in them.
    """
    errors: list[str] = []
    out: list[str] = []
    in_block = False
    for number, line in enumerate(markdown.split("\n"), 1):
        if _BLOCK_RE.match(line):
            if not _BLOCK_RE.match(line).group(1):  # type: ignore[union-attr]
                in_block = not in_block
            out.append(line)
            continue
        match = _INLINE_RE.match(line)
        spec, column = None, 1
        if match and not match.group("escape"):
            spec, column = match.group("path"), match.start("path") + 1
        elif in_block and line.strip() and not line.lstrip().startswith(";"):
            spec, column = line.strip(), len(line) - len(line.lstrip()) + 1
        if spec is None:
            out.append(line)
            continue
        problem = include_problem(spec, root, include_roots)
        if problem is not None:
            errors.append(f"{page}:{number}:{column}: error: {problem}")
            out.append("")  # keep the line count; publish nothing of the file
            continue
        out.append(line)
        if _depth < 8:
            nested = root / _target(spec)
            try:
                text = nested.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue  # Snippets reports a missing or unreadable file itself
            inner, _ = refused_includes(text, nested.relative_to(root).as_posix(), root,
                                        include_roots, _depth + 1)
            if inner:
                errors.extend(inner)
                errors.append(f"{page}:{number}:{column}: error: include {_target(spec)!r} refused: "
                              f"it includes a refused file")
                out[-1] = ""
    return errors, "\n".join(out)
