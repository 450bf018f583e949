"""One built page of the site, cut down to its article and made part of a book.

Ids are prefixed with the page's key so a hundred pages can share one
document; links between pages become links inside the book; links to the
other language or to files the book does not hold are unwrapped, and links
to a page of another book (another release) go to that page on the website.
"""
from __future__ import annotations

import copy
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import markup

# Screen-only parts of Material's article and of our figures.
DROP_CLASSES = {"md-content__button", "headerlink", "md-source-file", "md-feedback",
                "wsd-toolbar", "wsd-source", "no-print",
                # The browser-print line (it links the website's copy of the page), the skip
                # link and the steps-as-text list: aids for a screen or a printed page, not a book.
                "ow-print-only", "wsd-skip", "wsd-steps"}
DROP_TAGS = {"script", "form", "button", "input", "noscript", "dialog", "template"}


@dataclass
class Chapter:
    key: str
    title: str
    article: ET.Element


def _find_article(root: ET.Element) -> ET.Element | None:
    for el in root.iter("article"):
        if "md-content__inner" in markup.classes(el):
            return el
    return None


ARTICLE_START = b'<article class="md-content__inner'
ARTICLE_END = b"</article>"


def _article_source(source: bytes) -> bytes:
    """The page's article alone, cut from the bytes before parsing: the header, the
    nav (every page repeats all of it) and the footer are a third of a page and of
    the time the parser takes, and the book drops them anyway."""
    start = source.find(ARTICLE_START)
    end = source.rfind(ARTICLE_END)
    if start < 0 or end < start:
        return source
    return (b'<!doctype html><html><head><meta charset="utf-8"></head><body>'
            + source[start:end + len(ARTICLE_END)] + b"</body></html>")


_loaded: dict[tuple[Path, str], Chapter] = {}


def load_cached(html_file: Path, key: str) -> Chapter:
    """``load``, parsing each page once per process: a worker writes both books of its
    language, and the guides are in both. The book changes what it gets, hence the copy."""
    if (html_file, key) not in _loaded:
        _loaded[html_file, key] = load(html_file, key)
    return copy.deepcopy(_loaded[html_file, key])


def load(html_file: Path, key: str) -> Chapter:
    root = markup.parse(_article_source(html_file.read_bytes()))
    article = _find_article(root)
    if article is None:
        raise ValueError(f"{html_file}: no <article class=\"md-content__inner\"> in this page")
    _drop_screen_parts(article)
    _unfold_for_print(article)
    h1 = next(article.iter("h1"), None)
    title = "".join(h1.itertext()).strip() if h1 is not None else key
    return Chapter(key, title, article)


def _drop_screen_parts(article: ET.Element) -> None:
    doomed = [(p, c) for p, c in markup.iter_with_parent(article)
              if markup.local(c.tag) in DROP_TAGS and not markup.is_svg(c)
              or markup.classes(c) & DROP_CLASSES]
    for parent, child in doomed:
        if child in list(parent):
            markup.remove(parent, child)


def _unfold_for_print(article: ET.Element) -> None:
    """Paper has no clicks: open every <details>, and set each content tab under its label."""
    for details in article.iter("details"):
        details.set("open", "open")
    for _parent, tabs in list(markup.iter_with_parent(article)):
        if "tabbed-set" not in markup.classes(tabs):
            continue
        labels_div = next((c for c in tabs if "tabbed-labels" in markup.classes(c)), None)
        content = next((c for c in tabs if "tabbed-content" in markup.classes(c)), None)
        if labels_div is None or content is None:
            continue
        names = ["".join(label.itertext()).strip() for label in labels_div]
        blocks = [b for b in content if "tabbed-block" in markup.classes(b)]
        for name, block in zip(names, blocks):
            title = ET.Element("p", {"class": "tab-label"})
            title.text = name
            title.tail = block.text
            block.text = None
            block.insert(0, title)
        markup.remove(tabs, labels_div)


def relink(chapter: Chapter, page_url: str, site_dir: Path, keys: dict[str, str],
           elsewhere: dict[str, str] | None = None) -> None:
    """Rewrite ids and hrefs of ``chapter`` for the book.

    page_url: the page's site-relative URL ("en/guide/boot/"); keys maps a
    site-relative page URL of this language to its chapter key; elsewhere maps
    the site-relative URL of a page in another book to its website address.
    """
    key = chapter.key
    for el in chapter.article.iter():
        if markup.is_svg(el) or not isinstance(el.tag, str):
            continue
        if el.get("id"):
            el.set("id", f"{key}--{el.get('id')}")
    first_h1 = next(chapter.article.iter("h1"), None)
    if first_h1 is not None:
        first_h1.set("id", key)

    base = "https://book.invalid/" + page_url
    for parent, el in list(markup.iter_with_parent(chapter.article)):
        tag = markup.local(el.tag)
        href = el.get("href")
        if tag == "a" and not markup.is_svg(el) and href is not None:
            target = _book_target(href, base, keys, elsewhere or {})
            if target is None:
                markup.unwrap(parent, el)
            elif target:
                el.set("href", target)
        elif tag == "img" and el.get("src"):
            absolute = urljoin(base, el.get("src"))
            if absolute.startswith("https://book.invalid/"):
                el.set("src", (site_dir / urlsplit(absolute).path.lstrip("/")).resolve().as_uri())


def _book_target(href: str, base: str, keys: dict[str, str],
                 elsewhere: dict[str, str] | None = None) -> str | None:
    """The book-internal target of a link, "" to keep it as is, None to drop it."""
    if href.startswith(("http://", "https://", "mailto:")):
        return ""
    absolute = urljoin(base, href)
    if not absolute.startswith("https://book.invalid/"):
        return ""
    parts = urlsplit(absolute)
    path = parts.path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    if path and not path.endswith("/") and "." not in posixpath.basename(path):
        path += "/"
    target_key = keys.get(path)
    if target_key is None:
        web = (elsewhere or {}).get(path)
        if web is None:
            return None
        return f"{web}#{parts.fragment}" if parts.fragment else web
    return f"#{target_key}--{parts.fragment}" if parts.fragment else f"#{target_key}"
