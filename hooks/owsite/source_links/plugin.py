"""Resolve ``src:`` links in page prose to upstream code at the page's release.

``[`API.pause`](src:nova/compute/api.py#API.pause)`` becomes a link to the
line of ``API.pause`` at the page's release (``owsite.upstream`` decides
which). Only real links are rewritten, after Markdown has run, so examples in
code blocks stay as written. An unknown file or name is logged at ERROR with
the page and line, so a strict build fails.
"""
from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..pages import path_in_language
from ..upstream import Release, Upstream
from .config import SourceLinksConfig

log = logging.getLogger("mkdocs.plugins.ow-source-links")

HREF_RE = re.compile(r'href="src:([^"]*)"')


def places_of(raw: str, target: str) -> list[tuple[int, int]]:
    """(line, column) of each place the page links to ``src:target``, in order.

    Links first (``](src:…``, ``]: src:…``, ``<src:…>``, ``href="src:…``), so an
    example of the same text in prose or code does not take a link's place; any
    other mention after them.
    """
    escaped = re.escape(f"src:{target}")
    end = r"(?=[\s)\">#]|$)" if "#" in target else r"(?=[\s)\">]|$)"
    links = [m.start(1) for m in re.finditer(rf'(?:\]\(\s*<?|\]:\s*<?|<|href=")({escaped}){end}', raw)]
    others = [m.start() for m in re.finditer(escaped + end, raw) if m.start() not in links]
    places = []
    for index in links + others:
        line_start = raw.rfind("\n", 0, index) + 1
        places.append((raw.count("\n", 0, index) + 1, index - line_start + 1))
    return places


def line_of(raw: str, target: str) -> int:
    """Line of the page where ``src:target`` is first linked; 1 when it cannot be found."""
    places = places_of(raw, target)
    return places[0][0] if places else 1


def rewrite_links(html_text: str, upstream: Upstream, release: Release, raw: str,
                  page_path: str) -> tuple[str, list[str]]:
    """(HTML with every ``href="src:…"`` resolved, error lines for the ones that cannot be)."""
    errors: list[str] = []
    seen: dict[str, int] = {}  # target -> links to it met so far: the n-th link is the n-th place

    def replace(match: re.Match[str]) -> str:
        target = html.unescape(match.group(1))
        nth = seen.get(target, 0)
        seen[target] = nth + 1
        try:
            url = upstream.resolve_src(target, release)
        except LookupError as exc:
            places = places_of(raw, target)
            line, column = places[min(nth, len(places) - 1)] if places else (1, 1)
            errors.append(f"{page_path}:{line}:{column}: error: "
                          f"unknown source link src:{target}: {exc.args[0]}")
            return 'href="#" class="src-link src-link--broken"'
        return f'href="{html.escape(url)}" class="src-link"'

    return HREF_RE.sub(replace, html_text), errors


class SourceLinksPlugin(BasePlugin[SourceLinksConfig]):
    def __init__(self) -> None:
        self.upstream: Upstream | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Fresh each build, so a serve rebuild sees edited release data and indexes.
        self.upstream = Upstream()
        return config

    def on_page_content(self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or self.upstream is None:
            return html_text
        page_path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        try:
            release = self.upstream.page_release((page.meta or {}).get("release"),
                                                 path_in_language(page))
        except LookupError as exc:
            log.error(f"{page_path}:1: error: front matter release: {exc.args[0]}")
            return html_text
        out, errors = rewrite_links(html_text, self.upstream, release, page.file.content_string, page_path)
        for error in errors:
            log.error(error)
        return out
