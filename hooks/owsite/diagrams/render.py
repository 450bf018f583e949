"""Render diagram text through the cache: locally with the wsd package, or with the online service.

Knows nothing about MkDocs or pages; the plugin turns what comes back
(entries, warnings, exceptions) into figures and log lines.
"""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import wsd

from ..upstream import Release, Upstream
from . import online
from .cache import DiagramCache, key_for


@dataclass(frozen=True)
class OnlineOptions:
    url: str
    style: str
    timeout: float
    retries: int


def renderer_fingerprint(*packages: Path) -> str:
    """Hash of everything that shapes a cache entry: the renderer's code and fonts
    and this package, which writes the entries. A change in either invalidates them."""
    packages = packages or (Path(wsd.__file__).resolve().parent, Path(__file__).resolve().parent)
    digest = hashlib.sha256()
    for package in packages:
        digest.update(package.name.encode())
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(package).as_posix().encode())
                digest.update(len(path.read_bytes()).to_bytes(8, "big"))
                digest.update(path.read_bytes())
    return digest.hexdigest()


def valid_local_entry(entry: Any) -> bool:
    """The shape ``DiagramRenderer.local`` writes; anything else on disk is rendered again."""
    if not isinstance(entry, dict) or set(entry) != {"svg", "title", "width", "height", "warnings"}:
        return False
    if not isinstance(entry["svg"], str) or not entry["svg"].lstrip().startswith("<svg"):
        return False
    if entry["title"] is not None and not isinstance(entry["title"], str):
        return False
    if not all(isinstance(entry[k], (int, float)) and not isinstance(entry[k], bool) for k in ("width", "height")):
        return False
    if not isinstance(entry["warnings"], list):
        return False
    return all(isinstance(w, list) and len(w) == 4 and type(w[0]) is int and type(w[1]) is int
               and isinstance(w[2], str) and isinstance(w[3], str) for w in entry["warnings"])


def _valid_png_entry(entry: Any) -> bytes | None:
    if not isinstance(entry, dict) or set(entry) != {"png"} or not isinstance(entry["png"], str):
        return None
    try:
        png = base64.b64decode(entry["png"], validate=True)
    except ValueError:
        return None
    return png if png.startswith(b"\x89PNG") else None


class DiagramRenderer:
    def __init__(self, cache: DiagramCache, options: OnlineOptions, fingerprint: str, upstream: Upstream):
        self.cache = cache
        self.options = options
        self.fingerprint = fingerprint
        self.upstream = upstream
        self.rendered = 0
        self.reused = 0
        self.online_down: str | None = None  # why the service failed; stop asking until reset()

    def reset(self) -> None:
        self.rendered = self.reused = 0
        self.online_down = None

    def local(self, text: str, filename: str, id_prefix: str,
              page_release: Release | None = None, step_prefix: str | None = None) -> dict[str, Any]:
        """``{svg, title, width, height, warnings: [[line, col, severity, message]]}``; raises wsd.WsdError.

        ``filename`` is not part of the key: diagnostics are stored by line and
        named by the caller, so zh and en pages share one entry. ``step_prefix``
        is the slug of the steps' ids (``wsd.step_id``), None for no ids.
        """
        # The page's release is the default of a diagram without `# @release`.
        key = key_for("local", self.fingerprint, self.upstream.fingerprint(), str(page_release), id_prefix,
                      str(step_prefix), text)
        entry = self.cache.get(key)
        if entry is not None and valid_local_entry(entry):
            self.reused += 1
            return entry
        if entry is not None:
            self.cache.forget(key)  # valid JSON, wrong shape: render again and overwrite it
        problem = self.upstream.directive_error(text)
        if problem is not None:
            raise wsd.WsdError([wsd.Diagnostic(filename, problem[0], 1, "error", problem[1])])
        result = wsd.render(text, filename=filename, id_prefix=id_prefix, step_prefix=step_prefix,
                            resolve=partial(self.upstream.resolve_diagram_ref, default=page_release))
        entry = {
            "svg": result.svg,
            "title": result.title,
            "width": result.width,
            "height": result.height,
            "warnings": [[d.line, d.col, d.severity, d.message] for d in result.warnings],
        }
        self.rendered += 1
        self.cache.put(key, entry)
        return entry

    def online(self, text: str) -> bytes:
        """PNG bytes; raises online.OnlineUnavailable or online.OnlineRejected."""
        opts = self.options
        key = key_for("online", opts.url, opts.style, text)
        entry = self.cache.get(key)
        cached = _valid_png_entry(entry) if entry is not None else None
        if cached is not None:
            self.reused += 1
            return cached
        if entry is not None:
            self.cache.forget(key)
        if self.online_down:
            raise online.OnlineUnavailable(self.online_down)
        try:
            png = online.render_png(text, url=opts.url, style=opts.style,
                                    timeout=opts.timeout, retries=opts.retries)
        except online.OnlineUnavailable as exc:
            self.online_down = str(exc)
            raise
        self.rendered += 1
        self.cache.put(key, {"png": base64.b64encode(png).decode("ascii")})
        return png
