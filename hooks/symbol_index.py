"""Look up upstream symbols (file -> dotted name -> line) at a release.

The indexes under ``data/symbols/<project>-<tag>.json`` are built by
``scripts/build_symbol_index.py`` from a checkout of the upstream repository.
This module only reads them; it knows nothing about MkDocs or the renderer, so
the site, the checks and the command line below share one notion of "exists".

    python hooks/symbol_index.py check diagrams/nova/*.wsd
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data" / "symbols"
DEFAULT_RELEASE = ("nova", "12.0.0")
URL_TEMPLATE = "https://github.com/openstack/{project}/blob/{tag}/{path}#L{line}"
FILE_URL_TEMPLATE = "https://github.com/openstack/{project}/blob/{tag}/{path}"

# `# @release nova 12.0.0` declares which upstream tree a diagram describes.
RELEASE_RE = re.compile(r"^\s*#\s*@release\s+(?P<project>[\w.-]+)\s+(?P<tag>\S+)\s*$")
# `# nova/compute/api.py API.pause` or `... API.pause()`: a reference comment.
REF_RE = re.compile(r"^\s*#\s*(?P<path>[\w./-]+\.py)\s+(?P<name>[A-Za-z_][\w.]*)(?:\(\))?\s*$")


@dataclass(frozen=True)
class Release:
    project: str
    tag: str


class UnknownRelease(LookupError):
    pass


class SymbolIndex:
    """Lazily loads one JSON index per (project, tag)."""

    def __init__(self, data_dir: Path = DATA_DIR):
        self.data_dir = Path(data_dir)
        self._cache: dict[tuple[str, str], dict[str, dict[str, int]]] = {}

    def files(self, release: Release) -> dict[str, dict[str, int]]:
        key = (release.project, release.tag)
        if key not in self._cache:
            path = self.data_dir / f"{release.project}-{release.tag}.json"
            if not path.is_file():
                raise UnknownRelease(f"no symbol index for {release.project} {release.tag} ({path})")
            self._cache[key] = json.loads(path.read_text(encoding="utf-8"))["files"]
        return self._cache[key]

    def has_file(self, release: Release, path: str) -> bool:
        return path in self.files(release)

    def line(self, release: Release, path: str, name: str | None) -> int | None:
        """Line of ``name`` in ``path``; 1 for a bare file; None when unknown."""
        symbols = self.files(release).get(path)
        if symbols is None:
            return None
        if not name:
            return 1
        return symbols.get(name.removesuffix("()"))

    def explain(self, release: Release, path: str, name: str | None) -> str:
        """Why a lookup failed, worded for a diagnostic."""
        files = self.files(release)
        if path not in files:
            return f"{path} does not exist in {release.project} {release.tag}"
        return f"{path} has no {name} in {release.project} {release.tag}"

    def url(self, release: Release, path: str, name: str | None = None) -> str | None:
        line = self.line(release, path, name)
        if line is None:
            return None
        if not name:
            return FILE_URL_TEMPLATE.format(project=release.project, tag=release.tag, path=path)
        return URL_TEMPLATE.format(project=release.project, tag=release.tag, path=path, line=line)


def release_of(text: str, default: tuple[str, str] = DEFAULT_RELEASE) -> Release:
    for line in text.splitlines():
        m = RELEASE_RE.match(line)
        if m:
            return Release(m["project"], m["tag"])
    return Release(*default)


def check_text(index: SymbolIndex, text: str, filename: str) -> list[str]:
    """Diagnostics ``FILE:LINE:COL: error: ...`` for every reference the index lacks."""
    release = release_of(text)
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        m = REF_RE.match(line)
        if m and index.line(release, m["path"], m["name"]) is None:
            col = m.start("path") + 1
            problems.append(f"{filename}:{number}:{col}: error: "
                            f"{index.explain(release, m['path'], m['name'])}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "check":
        print("usage: python hooks/symbol_index.py check FILE...", file=sys.stderr)
        return 2
    index = SymbolIndex()
    failed = 0
    for name in argv[1:]:
        try:
            problems = check_text(index, Path(name).read_text(encoding="utf-8"), name)
        except (OSError, UnknownRelease) as exc:
            problems = [f"{name}:1:1: error: {exc}"]
        for p in problems:
            print(p, file=sys.stderr)
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
