"""The book's outline: the site's nav, per language, as a flat list of entries.

Read from ``mkdocs.yml`` (the same nav the site shows) rather than scraped from
HTML, so the PDF follows the nav order exactly and survives theme changes.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # MkDocs is imported late at run time: the CLI's --help stays fast
    from mkdocs.config.defaults import MkDocsConfig


@dataclass(frozen=True)
class Entry:
    level: int              # 1 for top-level nav items
    title: str | None       # nav title (translated); None: take the page's own h1
    src: str | None         # "guide/boot.md"; None for a section heading

    @property
    def url(self) -> str:
        """Directory URL of the page relative to its language root: "guide/boot/"."""
        path = PurePosixPath(self.src or "")
        if path.name in ("index.md", "README.md"):
            parent = str(path.parent)
            return "" if parent == "." else parent + "/"
        return str(path.with_suffix("")) + "/"

    @property
    def key(self) -> str:
        """Id-safe name of the page, unique within the book."""
        return "p-" + (self.url.strip("/").replace("/", "-") or "index")


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    prefix: str             # "" for the default language, "en/" for others
    site_name: str
    nav_translations: dict


def languages(config: MkDocsConfig) -> list[Language]:
    """Languages from the i18n plugin's options, the default one first."""
    plugin = config["plugins"]["i18n"]
    result = []
    for lang in plugin.config["languages"]:
        if lang.get("build") is False:
            continue
        default = bool(lang.get("default"))
        result.append(Language(
            locale=lang["locale"], name=lang.get("name") or lang["locale"],
            prefix="" if default else f"{lang['locale']}/",
            site_name=lang.get("site_name") or config["site_name"],
            nav_translations=dict(lang.get("nav_translations") or {}),
        ))
    result.sort(key=lambda lang: lang.prefix != "")
    return result


def entries(nav: list, language: Language) -> list[Entry]:
    out: list[Entry] = []

    def title_of(title):
        if title is None:
            return None
        return language.nav_translations.get(title, title)

    def walk(items, level):
        for item in items:
            if isinstance(item, str):
                out.append(Entry(level, None, item))
                continue
            ((title, value),) = item.items()
            if isinstance(value, list):
                out.append(Entry(level, title_of(title), None))
                walk(value, level + 1)
            elif isinstance(value, str) and "://" not in value:
                out.append(Entry(level, title_of(title), value))
            # external links in the nav have no place in a book

    walk(nav, 1)
    return out


def load(config_file: Path) -> MkDocsConfig:
    """The validated MkDocs config (plugins loaded) of ``config_file``."""
    from mkdocs.config import load_config  # imported late: the CLI's --help stays fast
    return load_config(str(config_file))
