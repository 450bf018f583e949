"""Assemble one book: cover, contents, then every nav page of the book in order."""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
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


@dataclass(frozen=True)
class Appendix:
    """A chapter after the nav's pages: a title and the HTML of its body (no <h1>; the
    title becomes it). Links in it are kept as written, so make them absolute or
    point them at chapter keys (``#p-nova-pause``).

    ``replaces`` names a nav page (``states/``) the appendix stands in for: that
    page is not printed where the nav puts it, the appendix takes its chapter key,
    and links to the page and its anchors land in the appendix. Ids in ``html``
    must then read ``<key>--<anchor>``, as relinked pages' ids do."""
    title: str
    html: str
    replaces: str | None = None


@dataclass
class BookSource:
    tree: ET.Element    # the whole book as one <html> element
    pages: int          # site pages in the book
    diagrams: int
    page_css: str       # @page rules for diagrams wider than A3


def _words(locale: str) -> dict:
    return WORDS.get(locale.split("-")[0], WORDS["en"])


def assemble(language: Language, entries: list[Entry], site_dir: Path, release: str,
             build_date: str, progress: Callable[[str], None], series: str = "",
             elsewhere: dict[str, str] | None = None,
             appendix: Sequence[Appendix] = ()) -> BookSource:
    words = _words(language.locale)
    # Links to a page an appendix replaces still resolve: its key goes to the appendix.
    keys = {language.prefix + e.url: e.key for e in entries if e.src}
    replaced = {extra.replaces: keys.get(language.prefix + extra.replaces)
                for extra in appendix if extra.replaces}
    missing = [url for url, key in replaced.items() if key is None]
    if missing:
        raise ValueError(f"an appendix replaces {missing}, which the book's nav does not have")
    entries = [e for e in entries if not (e.src and e.url in replaced)]
    page_entries = [e for e in entries if e.src]
    body: list[ET.Element] = []
    appendix_html: list[str] = []
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
        chapter = pages.load_cached(html_file, entry.key)
        pages.relink(chapter, language.prefix + entry.url, site_dir, keys, elsewhere)
        n_diagrams += diagrams.prepare(chapter.article, page_css)
        toc.append(f'<li class="toc-l{entry.level}"><a href="#{entry.key}">{html.escape(chapter.title)}</a></li>')
        body.append(_chapter_html(chapter, entry, pending_parts))
        pending_parts = []
    for number, extra in enumerate(appendix, 1):
        key = replaced[extra.replaces] if extra.replaces else f"appendix-{number}"
        toc.append(f'<li class="toc-l1"><a href="#{key}">{html.escape(extra.title)}</a></li>')
        appendix_html.append(f'<section class="chapter appendix" data-key="{key}">'
                    f'<h1 id="{key}" style="bookmark-level: 1">{html.escape(extra.title)}</h1>'
                    f'{extra.html}</section>\n')
    skeleton = f"""<!doctype html>
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
{''.join(appendix_html)}
</body></html>"""
    # The chapters join the parsed skeleton as trees: serialising a hundred pages only
    # for WeasyPrint's pure-Python parser to read them again cost as much as reading the site.
    root = markup.parse(skeleton)
    body_el = next(root.iter("body"))
    appendix_els = list(body_el)[2:]
    for el in appendix_els:
        body_el.remove(el)
    body_el.extend(body)
    body_el.extend(appendix_els)
    return BookSource(root, len(page_entries), n_diagrams, "".join(page_css))


def _chapter_html(chapter: pages.Chapter, entry: Entry, parts: list[Entry]) -> ET.Element:
    level = entry.level
    section = ET.Element("section", {"class": "chapter", "data-key": entry.key})
    for p in parts:
        mark = ET.SubElement(section, "p", {"class": "part-mark", "style": f"bookmark-level: {p.level}"})
        mark.text = p.title or ""
    for el in chapter.article.iter():
        tag = markup.local(el.tag) if not markup.is_svg(el) else ""
        if tag == "h1":
            el.set("style", f"bookmark-level: {level}")
        elif tag == "h2":
            el.set("style", f"bookmark-level: {level + 1}")
        elif tag in ("h3", "h4", "h5", "h6"):
            el.set("style", "bookmark-level: none")
    # The article's content moves into the section; its own text goes first.
    if chapter.article.text:
        if len(section):
            section[-1].tail = chapter.article.text
        else:
            section.text = chapter.article.text
    section.extend(list(chapter.article))
    return section
