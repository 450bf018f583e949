"""Turn references to upstream code into URLs at the release a page or diagram describes.

Two callers share this module: ``source_links`` (``src:`` links in page prose)
and ``diagram_fence`` (the renderer's ``resolve`` callback for diagram steps).
Both must agree on what exists, so both ask ``symbol_index``.
"""
from __future__ import annotations

import hashlib

from symbol_index import DATA_DIR, DEFAULT_RELEASE, Release, SymbolIndex

SAHARA_RELEASE = Release("sahara", "3.0.0")

# Which series each indexed release belongs to: a step or link whose path lies in
# another project's tree (``nova/…`` in a Cinder diagram) resolves against that
# project's release of the same series, so flows that cross projects link both sides.
SERIES = {
    Release("nova", "12.0.0"): "liberty", Release("nova", "13.0.0"): "mitaka",
    Release("sahara", "3.0.0"): "liberty", Release("nova", "33.0.2"): "2026.1",
    Release("cinder", "28.0.0"): "2026.1", Release("neutron", "28.0.1"): "2026.1",
    Release("magnum", "22.0.0"): "2026.1",
}
PROJECTS = {r.project for r in SERIES}

_index = SymbolIndex()


def parse_release(value: str | None, path: str = "") -> Release:
    """``"nova 13.0.0"`` -> Release; paths under ``sahara/`` default to Sahara 3.0.0."""
    if value:
        parts = str(value).split()
        if len(parts) != 2:
            raise LookupError(f"release must read '<project> <tag>', not {value!r}")
        return Release(parts[0], parts[1])
    if path.startswith("sahara/"):
        return SAHARA_RELEASE
    return Release(*DEFAULT_RELEASE)


def release_for_path(release: Release, path: str) -> Release:
    """``release`` itself, or the release of the same series of the project whose tree ``path`` is in."""
    top = path.split("/", 1)[0]
    if top == release.project or top not in PROJECTS:
        return release
    series = SERIES.get(release)
    for other, other_series in SERIES.items():
        if other.project == top and other_series == series:
            return other
    raise LookupError(f"{path} belongs to {top}, which has no release in the series of "
                      f"{release.project} {release.tag}")


def url_for(release: Release, path: str, name: str | None) -> str:
    """The upstream URL of ``path`` (and ``name`` in it); LookupError naming what is missing."""
    url = _index.url(release, path, name or None)
    if url is None:
        raise LookupError(_index.explain(release, path, name))
    return url


def resolve_src(target: str, page_release: str | None) -> str:
    """``nova/compute/api.py#API.pause`` or ``setup.cfg`` -> URL at the page's release;
    ``@12.0.0/nova/compute/api.py#API.pause`` -> URL at another tag of the same project
    (a page comparing two releases links each side at its own tag)."""
    tag = None
    if target.startswith("@"):
        tag, _, target = target[1:].partition("/")
        if not tag:
            raise LookupError(f"src:@{target} names no tag")
    path, _, name = target.partition("#")
    if not path:
        raise LookupError(f"src:{target} names no file")
    release = parse_release(None if path.startswith("sahara/") else page_release, path)
    if tag is not None:
        release = Release(release.project, tag)
    return url_for(release_for_path(release, path), path, name)


def resolve_diagram_ref(ref, directives: dict) -> str:
    """The renderer's ``resolve`` callback: a ``SourceRef`` -> URL at the diagram's release."""
    release = parse_release(directives.get("release"), ref.path)
    return url_for(release_for_path(release, ref.path), ref.path, ref.name)


def fingerprint() -> str:
    """Changes whenever an index changes, so cached diagrams with stale links are not reused."""
    digest = hashlib.sha256()
    for path in sorted(DATA_DIR.glob("*.json")):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()
