"""Find which file under ``diagrams/`` a fence body came from.

Snippets expands ``--8<-- "diagrams/nova/liberty/pause.wsd"`` before the fence sees
its body, so the fence only knows the text. Matching that text against the
files lets a diagnostic name ``diagrams/nova/liberty/pause.wsd:LINE`` instead of the
page that included it.
"""
from __future__ import annotations

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

    def diagnostic(self, line: int, col: int, severity: str, message: str) -> str:
        """``FILE:LINE:COL: severity: message`` for a line of the fence body."""
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
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # Snippets reports unreadable includes itself.
            by_text.setdefault(normalise(text), rel)
        self._by_text = by_text

    def locate(self, body: str, page_path: str | None, page_markdown: str | None) -> Origin:
        rel = self._by_text.get(normalise(body))
        if rel is not None:
            stem = rel[len(self.folder) + 1:].removesuffix(".wsd")
            return Origin(rel, 0, stem)
        return Origin(page_path or "<page>", _line_in(page_markdown, body), None)


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
