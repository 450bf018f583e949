"""The HTML around a rendered diagram, and the box shown instead when it fails.

The only ``id`` here is the skip link's target, named after the SVG's own id
(unique in the page through the renderer's ``id_prefix``).
Behaviour (full-screen view, zoom, pan) lives in assets/javascripts/wsd-viewer.js
and keys on these class names.
"""
from __future__ import annotations

import base64
import re
from html import escape

import wsd

from . import text_alternative

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


_ROOT_ID_RE = re.compile(r'<svg [^>]*?\bid="([^"]+)"')


def _accessible_open(svg: str, title: str | None, language: str) -> tuple[str, str, str]:
    """(skip link before the figure, the figure's extra attributes, the skip link's target).

    A diagram holding links is a labelled group, not an image (a screen reader
    skips what is inside an image); the skip link jumps past its links.
    """
    match = _ROOT_ID_RE.search(svg)
    if not match:
        return "", "", ""
    target = f"{match.group(1)}-after"
    skip = (f'<a class="wsd-skip" href="#{escape(target)}">'
            f'{escape(text_alternative.words(language)["skip"])}</a>')
    label = f' aria-label="{escape(title)}"' if title else ""
    # The target sits after the figure: an empty focusable span, so focus lands past the links.
    after = f'<span class="wsd-after" id="{escape(target)}" tabindex="-1"></span>'
    return skip, f' role="group"{label}', after


def figure(*, picture: str, title: str | None, text: str, filename: str,
           download_url: str, download_name: str, language: str, raster: bool = False,
           svg: str = "") -> str:
    """``picture`` is the inline SVG, or an ``<img>`` for the online backend's PNG.

    ``svg`` is the rendered SVG (also when ``picture`` is a placeholder for it):
    the text alternative takes its links from it.
    """
    words = labels(language)
    caption = f"<figcaption>{escape(title)}</figcaption>" if title else ""
    download = words["download_png" if raster else "download"]
    skip, group, after = _accessible_open(svg, title, language) if svg else ("", "", "")
    steps = text_alternative.steps_html(text, svg, language) if svg else ""
    return (
        f'{skip}<figure class="wsd-figure" data-wsd-file="{escape(filename)}"{group}>'
        f'<div class="wsd-toolbar" data-search-exclude>'
        f'<button type="button" class="wsd-open" title="{escape(words["open"])}">{escape(words["open"])}</button>'
        f'<a class="wsd-download" href="{escape(download_url)}" download="{escape(download_name)}">'
        f'{escape(download)}</a>'
        f'</div>'
        f'<div class="wsd-canvas">{picture}</div>'
        f'{caption}'
        f'{steps}'
        f'{_source_block(text, filename, words)}'
        f'</figure>{after}'
    )


_ROLE_IMG = ' role="img" '


def page_svg(svg: str) -> str:
    """The SVG as inlined in a page: step links open upstream code in a new tab (the
    reader keeps their place in a long diagram), and a diagram holding links is
    not ``role="img"`` (its links would be hidden from screen readers)."""
    if 'class="wsd-ref"' not in svg:
        return svg
    svg = svg.replace('class="wsd-ref">', 'class="wsd-ref" target="_blank" rel="noopener">')
    head, sep, rest = svg.partition(">")
    return head.replace(_ROLE_IMG, ' role="group" ', 1) + sep + rest


def _font_face() -> str:
    woff2 = next(p for p in wsd.font_files() if p.suffix == ".woff2")
    data = base64.b64encode(woff2.read_bytes()).decode("ascii")
    return (f'@font-face{{font-family:"{wsd.FONT_NAME}";'
            f'src:url(data:font/woff2;base64,{data}) format("woff2")}}')


def download_svg(svg: str) -> bytes:
    """The downloadable file: standalone, with the diagram font embedded (OFL 1.1
    allows it) and no underlined labels."""
    style = (f"<style>{_font_face()}"
             ".wsd .wsd-ref text{text-decoration:none}</style>")
    head, sep, rest = svg.partition("</title>")
    body = head + sep + style + rest if sep else svg
    body = body.replace(' text-decoration="underline"', "")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")


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
