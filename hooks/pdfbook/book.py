"""Assemble one book: cover, contents, then every nav page of the book in order."""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import diagrams, markup, pages
from .outline import Entry, Language

WORDS = {
    "zh": {"contents": "目录", "release": "图中代码对应的版本", "built": "构建日期",
           "subtitle": "读 OpenStack 源码：操作时序图"},
    "en": {"contents": "Contents", "release": "Code release the diagrams describe",
           "built": "Built on", "subtitle": "Reading OpenStack's source: operations, step by step"},
}


@dataclass
class BookSource:
    html: str
    pages: int          # site pages in the book
    diagrams: int
    page_css: str       # @page rules for diagrams wider than A3


def _words(locale: str) -> dict:
    return WORDS.get(locale.split("-")[0], WORDS["en"])


def assemble(language: Language, entries: list[Entry], site_dir: Path, release: str,
             build_date: str, progress: Callable[[str], None], series: str = "",
             elsewhere: dict[str, str] | None = None) -> BookSource:
    words = _words(language.locale)
    page_entries = [e for e in entries if e.src]
    keys = {language.prefix + e.url: e.key for e in page_entries}
    body: list[str] = []
    toc: list[str] = []
    pending_parts: list[Entry] = []
    n_diagrams = 0
    page_css: list[str] = []
    for entry in entries:
        if entry.src is None:
            pending_parts.append(entry)
            toc.append(f'<li class="toc-part toc-l{entry.level}">{html.escape(entry.title or "")}</li>')
            continue
        page_no = page_entries.index(entry) + 1
        progress(f"page {page_no}/{len(page_entries)} {language.prefix}{entry.url or '(home)'}")
        html_file = site_dir / language.prefix / entry.url / "index.html"
        if not html_file.is_file():
            raise FileNotFoundError(f"{html_file}: the nav names {entry.src} but the built site has "
                                    "no such page (run the site build first)")
        chapter = pages.load(html_file, entry.key)
        pages.relink(chapter, language.prefix + entry.url, site_dir, keys, elsewhere)
        n_diagrams += diagrams.prepare(chapter.article, page_css)
        toc.append(f'<li class="toc-l{entry.level}"><a href="#{entry.key}">{html.escape(chapter.title)}</a></li>')
        body.append(_chapter_html(chapter, entry, pending_parts))
        pending_parts = []
    doc = f"""<!doctype html>
<html lang="{html.escape(language.locale)}">
<head><meta charset="utf-8"><title>{html.escape(language.site_name)}</title></head>
<body class="lang-{html.escape(language.locale)}">
<section class="cover">
  <p class="cover-kicker">OpenStack{html.escape(" · " + series if series else "")}</p>
  <h1 class="cover-title">{html.escape(language.site_name)}</h1>
  <p class="cover-subtitle">{html.escape(words['subtitle'])}</p>
  <dl class="cover-facts">
    <dt>{html.escape(words['release'])}</dt><dd>{html.escape(release)}</dd>
    <dt>{html.escape(words['built'])}</dt><dd>{html.escape(build_date)}</dd>
  </dl>
</section>
<nav class="toc"><h1 class="toc-title">{html.escape(words['contents'])}</h1>
<ol>{''.join(toc)}</ol></nav>
{''.join(body)}
</body></html>"""
    return BookSource(doc, len(page_entries), n_diagrams, "".join(page_css))


def _chapter_html(chapter: pages.Chapter, entry: Entry, parts: list[Entry]) -> str:
    level = entry.level
    marks = "".join(
        f'<p class="part-mark" style="bookmark-level: {p.level}">{html.escape(p.title or "")}</p>'
        for p in parts)
    for el in chapter.article.iter():
        tag = markup.local(el.tag) if not markup.is_svg(el) else ""
        if tag == "h1":
            el.set("style", f"bookmark-level: {level}")
        elif tag == "h2":
            el.set("style", f"bookmark-level: {level + 1}")
        elif tag in ("h3", "h4", "h5", "h6"):
            el.set("style", "bookmark-level: none")
    inner = "".join(_children_html(chapter.article))
    return f'<section class="chapter" data-key="{entry.key}">{marks}{inner}</section>\n'


def _children_html(el):
    if el.text:
        yield html.escape(el.text, quote=False)
    for child in el:
        yield markup.write(child)
        if child.tail:
            yield html.escape(child.tail, quote=False)
