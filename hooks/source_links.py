"""MkDocs hook: resolve ``src:`` links in page prose to upstream code at the page's release.

``[`API.pause`](src:nova/compute/api.py#API.pause)`` becomes a link to the line
of ``API.pause`` at Nova 12.0.0 (or the release in the page's front matter,
``release: nova 13.0.0``; ``sahara/`` paths use Sahara 3.0.0). Only real links
are rewritten, after Markdown has run, so examples in code blocks stay as
written. An unknown file or name is logged at ERROR with the page and line.
"""
from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import source_resolver

log = logging.getLogger("mkdocs.hooks.source_links")

HREF_RE = re.compile(r'href="src:([^"]*)"')


def _line_of(raw: str, target: str) -> int:
    needle = f"src:{target}"
    index = raw.find(needle)
    return raw.count("\n", 0, index) + 1 if index >= 0 else 1


def on_page_content(html_text, page, config, files):
    page_path = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    release = (page.meta or {}).get("release")

    def replace(match: re.Match) -> str:
        target = html.unescape(match.group(1))
        try:
            url = source_resolver.resolve_src(target, release)
        except LookupError as exc:
            line = _line_of(page.file.content_string, target)
            log.error(f"{page_path}:{line}: error: unknown source link src:{target}: {exc.args[0]}")
            return 'href="#" class="src-link src-link--broken"'
        return f'href="{html.escape(url)}" class="src-link"'

    return HREF_RE.sub(replace, html_text)
