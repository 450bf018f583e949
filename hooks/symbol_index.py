"""Look up upstream symbols (file -> dotted name -> line) at a release.

The indexes under ``data/symbols/<project>-<tag>.json`` are built by
``scripts/build_symbol_index.py`` from a checkout of the upstream repository.
The lookups know nothing about MkDocs or the renderer; the site, the checks and
the command line below share them, so all agree on what "exists" means. The
command line checks diagrams exactly as the site build does:

    python hooks/symbol_index.py check diagrams/nova/liberty/*.wsd
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data" / "symbols"
DEFAULT_RELEASE = ("nova", "12.0.0")
URL_TEMPLATE = "https://github.com/openstack/{project}/blob/{tag}/{path}#L{line}"
FILE_URL_TEMPLATE = "https://github.com/openstack/{project}/blob/{tag}/{path}"


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


def main(argv: list[str]) -> int:
    """Check diagrams the way the site build does: the renderer reads the reference
    comments and the release directive, ``source_resolver`` looks each one up."""
    if len(argv) < 2 or argv[0] != "check":
        print("usage: python hooks/symbol_index.py check FILE...", file=sys.stderr)
        return 2
    import source_resolver
    import wsd

    failed = 0
    for name in argv[1:]:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except OSError as exc:
            print(f"{name}:1:1: error: {exc.strerror}", file=sys.stderr)
            failed += 1
            continue
        errors = [d for d in wsd.check(text, filename=name, resolve=source_resolver.resolve_diagram_ref)
                  if d.severity == "error"]
        for d in errors:
            print(d, file=sys.stderr)
        failed += bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
