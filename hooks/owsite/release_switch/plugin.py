"""Name the release under a page's title and link the same page at the project's other release.

``nova/pause.md`` (Nova 33.0.2) and ``liberty/nova/pause.md`` (Nova 12.0.0)
are paired through the ``folder`` of each release in ``data/releases.toml``;
where the other release has no such page the switch says so and links the
project's index there. Search results get the same release label from a
prefix map written into every page, so a reader can tell the two apart.
"""
from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..pages import path_in_language
from ..releases import Catalog, Release
from .config import ReleaseSwitchConfig

WORDS = {
    "zh": {"this": "本页描述 {name}", "to": "切换到 {name}",
           "missing": "{name} 没有这一页，见 {index}", "index": "{project} 操作（{series}）"},
    "en": {"this": "This page describes {name}", "to": "Switch to {name}",
           "missing": "{name} has no such page; see {index}", "index": "{project} operations ({series})"},
}


def display_name(release: Release, language: str) -> str:
    project = release.project.capitalize()
    return f"{project} {release.tag}（{release.series}）" if language == "zh" \
        else f"{project} {release.tag} ({release.series})"


def page_url(path: str) -> str:
    """``liberty/nova/pause.md`` -> ``liberty/nova/pause/``; ``nova/index.md`` -> ``nova/``."""
    stem = path.removesuffix(".md")
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


@dataclass(frozen=True)
class Counterpart:
    release: Release
    path: str
    exists: bool


def counterparts(catalog: Catalog, release: Release, path: str, docs_root: Path) -> list[Counterpart]:
    """The same page at each other release of the project (or that release's index when it has none)."""
    base = path[len(release.folder):] if release.folder and path.startswith(release.folder) else path
    found = []
    for other in catalog.siblings(release):
        target = other.folder + base
        if (docs_root / target).is_file():
            found.append(Counterpart(other, target, True))
            continue
        index = other.folder + f"{release.project}/index.md"
        if (docs_root / index).is_file():
            found.append(Counterpart(other, index, False))
    return found


def owns(release: Release, path: str) -> bool:
    return any(path.startswith(prefix) for prefix in release.pages)


class ReleaseSwitchPlugin(BasePlugin[ReleaseSwitchConfig]):
    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.labels_script = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.catalog = Catalog.load()  # fresh each build: serve sees edited release data
        # The same for every page, so made once per build rather than once per page.
        labels = {prefix: f"{release.project.capitalize()} {release.series}"
                  for release in self.catalog.with_pages() for prefix in release.pages}
        self.labels_script = (f'<script type="application/json" id="ow-releases">'
                              f'{html.escape(json.dumps(labels, sort_keys=True), quote=False)}</script>')
        return config

    def bar(self, page: Page) -> str:
        assert self.catalog is not None
        path = path_in_language(page)
        english = getattr(page.file, "locale", None) == "en" or page.file.src_uri.startswith("en/")
        language = "en" if english else "zh"
        front = (page.meta or {}).get("release")
        # The folder decides the pairing; the front matter may name another tag of the project
        # (Liberty's trigger-crash-dump is traced at 13.0.0), which is what the bar shows.
        framing = self.catalog.for_page(path)
        release = self.catalog.parse(str(front)) if front else framing
        docs_root = Path(page.file.abs_src_path or "")
        docs_root = Path(str(docs_root)[: -len(path)]) if str(docs_root).endswith(path) else docs_root.parent
        others = [c for c in counterparts(self.catalog, framing, path, docs_root)
                  if c.path != path and c.release.project == release.project]
        mine = owns(framing, path)
        if not mine and not any(c.exists for c in others):
            return ""  # a page about the site, not about a release
        words = WORDS[language]
        this = words["this"].format(name=display_name(release, language))
        parts = [f'<span class="ow-release__this">{html.escape(this)}</span>']
        own_url = page_url(path)
        # The language prefix of the page's URL ("en/" or ""): the other page is in the same language.
        language_prefix = page.url[: len(page.url) - len(own_url)] if page.url.endswith(own_url) else ""
        for other in others:
            if not mine and not other.exists:
                continue
            href = html.escape(get_relative_url(language_prefix + page_url(other.path), page.url))
            name = display_name(other.release, language)
            if other.exists:
                switch = words["to"].format(name=name)
                parts.append(f'<a class="ow-release__switch" href="{href}">{html.escape(switch)}</a>')
            else:
                index = words["index"].format(project=other.release.project.capitalize(),
                                              series=other.release.series)
                link = f'<a class="ow-release__switch" href="{href}">{html.escape(index)}</a>'
                parts.append(f'<span class="ow-release__missing">'
                             f'{html.escape(words["missing"].format(name=name, index="{}")).format(link)}</span>')
        return f'<p class="ow-release" data-release="{html.escape(str(release))}">{" ".join(parts)}</p>'

    def on_page_content(self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or self.catalog is None:
            return html_text
        bar = self.bar(page)
        if not bar:
            return html_text
        end = html_text.find("</h1>")
        if end < 0:
            return bar + html_text
        end += len("</h1>")
        return html_text[:end] + bar + html_text[end:]

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Give search-language.js the page-prefix -> release label map for result badges."""
        if not self.config.enabled or not self.labels_script:
            return output
        return output.replace("</head>", self.labels_script + "</head>", 1)
