"""The HTML around a rendered diagram, and the box shown instead when it fails.

No element here carries an ``id``: a page may show several diagrams, and the
SVG's own ids are already made unique by the renderer's ``id_prefix``.
Behaviour (full-screen view, zoom, pan) lives in assets/javascripts/wsd-viewer.js
and keys on these class names.
"""
from __future__ import annotations

from html import escape

LABELS = {
    "zh": {
        "open": "全屏查看",
        "source": "WSD 源码",
        "download": "下载 SVG",
        "download_png": "下载 PNG",
        "error": "时序图有错误",
    },
    "en": {
        "open": "Full screen",
        "source": "WSD source",
        "download": "Download SVG",
        "download_png": "Download PNG",
        "error": "This diagram has errors",
    },
}


def labels(language: str) -> dict[str, str]:
    return LABELS.get((language or "zh").split("-")[0], LABELS["en"])


def _source_block(text: str, filename: str, words: dict[str, str]) -> str:
    # Excluded from search: the diagram's own text is already indexed from the SVG.
    return (
        f'<details class="wsd-source" data-search-exclude>'
        f'<summary>{escape(words["source"])} · <code>{escape(filename)}</code></summary>'
        f'<pre><code>{escape(text)}</code></pre></details>'
    )


def figure(*, picture: str, title: str | None, text: str, filename: str,
           download_url: str, download_name: str, language: str, raster: bool = False) -> str:
    """``picture`` is the inline SVG, or an ``<img>`` for the online backend's PNG."""
    words = labels(language)
    caption = f"<figcaption>{escape(title)}</figcaption>" if title else ""
    download = words["download_png" if raster else "download"]
    return (
        f'<figure class="wsd-figure" data-wsd-file="{escape(filename)}">'
        f'<div class="wsd-toolbar" data-search-exclude>'
        f'<button type="button" class="wsd-open" title="{escape(words["open"])}">{escape(words["open"])}</button>'
        f'<a class="wsd-download" href="{escape(download_url)}" download="{escape(download_name)}">'
        f'{escape(download)}</a>'
        f'</div>'
        f'<div class="wsd-canvas">{picture}</div>'
        f'{caption}'
        f'{_source_block(text, filename, words)}'
        f'</figure>'
    )


def png_image(url: str, title: str | None) -> str:
    return f'<img class="wsd-image" src="{escape(url)}" alt="{escape(title or "")}" loading="lazy">'


def error_box(*, diagnostics: list[str], text: str, filename: str, language: str) -> str:
    words = labels(language)
    return (
        f'<div class="admonition failure wsd-error" role="alert">'
        f'<p class="admonition-title">{escape(words["error"])}</p>'
        f'<pre><code>{escape(chr(10).join(diagnostics))}</code></pre>'
        f'{_source_block(text, filename, words)}'
        f'</div>'
    )
