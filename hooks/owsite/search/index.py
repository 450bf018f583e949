"""The per-language search index: one file per language, sections as plain text.

A page is cut into sections at its headings (Material's own HTML parser, so a
section is what Material would have indexed). Titles and text are stored as
plain text with no markup and no zero-width characters: the worker matches
Chinese as substrings, so nothing needs jieba's U+200B segmentation, and
readers copy clean titles. The file is::

    {"config": {"lang": [lang], "separator": ...},
     "docs": [[page_url, [[anchor, title, text], ...]], ...]}

with anchor "" for the page's own entry. Under ``--dirty`` only edited pages
are rebuilt, so an index is merged with the one on disk: a rebuilt page's old
sections are dropped, pages no longer in the build are dropped, nothing else
is kept twice.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from material.plugins.search.plugin import Parser  # type: ignore[import-untyped]

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")

# What the page-side highlighter (Material's ``?h=`` feature) treats as word breaks.
SEPARATOR = r'[\s\u3000\-、。，．？！；：（）=(),:;!"/\[\]<>]+|\.(?!\d)'

Section = tuple[str, str, str]  # anchor, title, text

# Words readers type for what the pages call otherwise; both directions match.
SYNONYMS: dict[str, list[tuple[str, ...]]] = {
    "zh": [("热迁移", "在线迁移")],
}


def synonyms(lang: str) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for group in SYNONYMS.get(lang, []):
        for word in group:
            table[word] = [other for other in group if other != word]
    return table


class SearchIndexError(ValueError):
    pass


def plain(fragments: Iterable[str]) -> str:
    """HTML fragments to one line of text without markup or zero-width characters."""
    text = html.unescape(TAG.sub(" ", "".join(fragments)))
    return SPACE.sub(" ", ZERO_WIDTH.sub("", text)).strip()


CODE = re.compile(r"<code>(.*?)</code>", re.S)


def identifiers(fragments: Iterable[str]) -> str:
    """The distinct code spans of a section, in order of first appearance."""
    found = (plain([m]) for m in CODE.findall("".join(fragments)))
    return " ".join(dict.fromkeys(code for code in found if code))


def page_sections(content: str, title: str, identifiers_only: Iterable[str] = ()) -> list[Section]:
    """The sections of a page's HTML; the first one is the page's own entry. Sections
    whose id is in ``identifiers_only`` keep only their code spans' identifiers."""
    parser = Parser()
    parser.feed(content)
    parser.close()
    compact = frozenset(identifiers_only)
    sections: list[Section] = [("", title, "")]
    for section in parser.data:
        if section.is_excluded():
            continue
        heading = plain(section.title)
        text = identifiers(section.text) if section.id in compact else plain(section.text)
        if section.el.tag == "h1" or not sections[1:] and not section.id:
            # The h1 and whatever precedes the first h2 are the page's own entry.
            _, page_title, page_text = sections[0]
            if section.el.tag == "h1" and heading:
                page_title = heading
            sections[0] = ("", page_title, f"{page_text} {text}".strip())
        else:
            sections.append((section.id or "", heading or title, text))
    return sections


def load(path: Path) -> dict[str, list[list[str]]]:
    """Pages of an index written earlier, in order; {} when there is none."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {url: sections for url, sections in data["docs"]}
    except (ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(f"{path}: not a search index written by ow-search ({error})") from error


def merge(old: Mapping[str, list], new: Mapping[str, list], pages: set[str]) -> dict[str, list]:
    """Old pages still in the build and not rebuilt, then the rebuilt ones."""
    merged = {url: sections for url, sections in old.items() if url in pages and url not in new}
    merged.update(new)
    return dict(sorted(merged.items()))


def dump(lang: str, pages: Mapping[str, list]) -> str:
    data = {
        "config": {"lang": [lang], "separator": SEPARATOR, "synonyms": synonyms(lang)},
        "docs": [[url, [list(s) for s in sections]] for url, sections in pages.items()],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")>')
SEARCH_FIELD_LABEL = re.compile(r'class="md-search__input"[^>]*?aria-label="([^"]*)"')


def name_search_dialog(output: str) -> str:
    """Give Material's search dialog the search field's label as its accessible name."""
    label = SEARCH_FIELD_LABEL.search(output)
    if label is None:
        return output
    return SEARCH_DIALOG.sub(lambda m: f'{m[1]} aria-label="{label[1]}">', output, count=1)


def count_sections(path: Path) -> int:
    return sum(len(sections) for sections in load(path).values())
