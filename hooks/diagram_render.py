"""Render diagram text through the cache: locally with hooks/wsd, or with the online service.

Knows nothing about MkDocs or pages; the fence hook turns what comes back
(entries, warnings, exceptions) into figures and log lines.
"""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import online_renderer
import source_resolver
import wsd
from diagram_cache import DiagramCache, key_for
from diagram_options import DiagramOptions


def renderer_fingerprint(package: Path = Path(wsd.__file__).resolve().parent) -> str:
    """Hash of the renderer's code and fonts: any change there invalidates cached SVGs."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class DiagramRenderer:
    def __init__(self, cache: DiagramCache, options: DiagramOptions, fingerprint: str):
        self.cache = cache
        self.options = options
        self.fingerprint = fingerprint
        self.rendered = 0
        self.reused = 0
        self.online_down: str | None = None  # why the service failed; stop asking until reset()

    def reset(self) -> None:
        self.rendered = self.reused = 0
        self.online_down = None

    def local(self, text: str, filename: str, id_prefix: str) -> dict:
        """``{svg, title, width, height, warnings: [[line, col, severity, message]]}``; raises wsd.WsdError.

        ``filename`` is not part of the key: diagnostics are stored by line and
        named by the caller, so zh and en pages share one entry.
        """
        key = key_for("local", self.fingerprint, source_resolver.fingerprint(), id_prefix, text)
        entry = self.cache.get(key)
        if entry is not None:
            self.reused += 1
            return entry
        result = wsd.render(text, filename=filename, id_prefix=id_prefix,
                            resolve=source_resolver.resolve_diagram_ref)
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
        """PNG bytes; raises online_renderer.OnlineUnavailable or OnlineRejected."""
        opts = self.options
        key = key_for("online", opts.online_url, opts.online_style, text)
        entry = self.cache.get(key)
        if entry is not None:
            self.reused += 1
            return base64.b64decode(entry["png"])
        if self.online_down:
            raise online_renderer.OnlineUnavailable(self.online_down)
        try:
            png = online_renderer.render_png(text, url=opts.online_url, style=opts.online_style,
                                             timeout=opts.online_timeout, retries=opts.online_retries)
        except online_renderer.OnlineUnavailable as exc:
            self.online_down = str(exc)
            raise
        self.rendered += 1
        self.cache.put(key, {"png": base64.b64encode(png).decode("ascii")})
        return png
