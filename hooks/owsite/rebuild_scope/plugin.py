"""Keep ``mkdocs serve --dirty`` rebuilds small and still correct.

MkDocs's dirty mode re-renders a page only when its own Markdown file is newer
than its output. That misses what matters here: a page shows a diagram pulled
in from ``diagrams/`` by Snippets, and every page's links depend on the release
data under ``data/``. This plugin widens the set each rebuild renders:

- an edited file under an include root (``diagrams/``) re-renders the pages
  whose Markdown names it;
- an added or removed Markdown page, an edit to a page's outline (its front
  matter or a heading line, which other pages' navigation, titles and links
  read), or anything under a global root (``data/``) re-renders every page:
  the rule that makes plain dirty builds inaccurate;
- an edit to a page's body re-renders that page only (MkDocs sees it is newer);
- everything else (a stylesheet, a script) only needs copying, which MkDocs does.

A page is marked for rendering by giving its ``File`` its own text as in-memory
content: MkDocs then treats it as modified, and the text is unchanged.
Only active under ``mkdocs serve --dirty`` (``make serve``); a build renders all.
"""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from ..pages import current_language
from .config import RebuildScopeConfig

log = logging.getLogger("mkdocs.plugins.ow-rebuild-scope")

Snapshot = dict[str, int]   # path relative to the project root -> mtime in ns
HEADING = re.compile(r"^#{1,6}\s")


def outline(path: Path) -> str:
    """What other pages read from a Markdown page: its front matter and heading lines."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""   # unreadable: MkDocs reports it; treat it as changed
    kept: list[str] = []
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
        kept += lines[: end + 1]
    kept += [line.rstrip() for line in lines if HEADING.match(line)]
    return "\n".join(kept)


@dataclass(frozen=True)
class Scope:
    everything: bool
    includes: frozenset[str]   # changed include files, when not everything
    reason: str


def snapshot(root: Path, folders: list[str]) -> Snapshot:
    found: Snapshot = {}
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(root / folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "__pycache__"]
            for name in filenames:
                path = Path(dirpath, name)
                try:
                    found[path.relative_to(root).as_posix()] = path.stat().st_mtime_ns
                except FileNotFoundError:
                    continue   # removed between listing and stat: the next rebuild sees it gone
    return found


def decide(before: Snapshot, now: Snapshot, docs_dir: str, include_roots: list[str],
           global_roots: list[str], outline_changed: Callable[[str], bool] = lambda path: True) -> Scope:
    """What an edit between two snapshots requires to be rendered again;
    ``outline_changed(path)`` says whether an edited page's outline changed."""
    added, removed = now.keys() - before.keys(), before.keys() - now.keys()
    changed = {p for p in now.keys() & before.keys() if now[p] != before[p]}

    def under(path: str, roots: list[str]) -> bool:
        return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)

    for path in sorted(added | removed | changed):
        if under(path, global_roots):
            return Scope(True, frozenset(), f"{path} changed")
        if under(path, [docs_dir]) and path.endswith(".md") and (
                path in added or path in removed or outline_changed(path)):
            return Scope(True, frozenset(), f"{path}: added, removed or its outline changed")
        if (path in added or path in removed) and under(path, include_roots):
            return Scope(True, frozenset(), f"{path} was added or removed")
    includes = frozenset(p for p in changed if under(p, include_roots))
    return Scope(False, includes, f"{len(includes)} included file(s) changed")


class RebuildScopePlugin(BasePlugin[RebuildScopeConfig]):
    def __init__(self) -> None:
        self.active = False
        self.snapshots: dict[str, Snapshot] = {}   # per language: i18n builds each one in turn
        # per language: page path -> its outline as of that language's last build
        self.outlines: dict[str, dict[str, str]] = {}

    # Defining on_startup also keeps this instance, and its snapshots, across serve rebuilds.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.active = command == "serve" and dirty

    @event_priority(-250)  # after i18n (-100) has narrowed the files to one language
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not (self.active and self.config.enabled):
            return files
        root = Path(config.config_file_path or ".").resolve().parent
        docs_dir = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        roots = [docs_dir, *self.config.include_roots, *self.config.global_roots]
        now = snapshot(root, roots)
        language = current_language(config)[0] or str(config.theme.get("language") or "")
        before = self.snapshots.get(language)
        self.snapshots[language] = now
        known = self.outlines.setdefault(language, {})
        pages = [path for path in now if path.endswith(".md")]
        if before is None:
            # The first build renders everything: no output exists yet.
            known.update((path, outline(root / path)) for path in pages)
            return files
        edited = {path: outline(root / path) for path in pages if before.get(path) != now[path]}
        scope = decide(before, now, docs_dir, self.config.include_roots, self.config.global_roots,
                       lambda path: path not in known or known[path] != edited.get(path))
        known.update(edited)
        marked = 0
        for file in files.documentation_pages():
            if file.abs_src_path is None:
                continue   # generated in memory: MkDocs renders it every time anyway
            text = file.content_string
            if scope.everything or any(path in text for path in scope.includes):
                file.content_string = text
                marked += 1
        log.info("rebuild %s: %s; rendering %s page(s) plus those whose own file changed",
                 language or "site", scope.reason, "every" if scope.everything else marked)
        return files
