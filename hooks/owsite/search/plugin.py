"""``ow-search``: a per-language search index, loaded on the first search.

Material's search plugin stays in the config for its search box and result
list, but indexes nothing: this plugin cuts each page into sections, writes
``search/<lang>.json`` per language, replaces Material's lunr worker with
``worker.js`` and patches Material's page script to fetch the reader's
language only, and only once they open search (see ``bundle.py``).
"""
from __future__ import annotations

import logging
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .bundle import BundlePatchError, patch_bundle
from .config import SearchConfig
from .index import SearchIndexError, dump, load, merge, name_search_dialog, page_sections

log = logging.getLogger("mkdocs.plugins.ow-search")

MATERIAL_SEARCH = ("material/search", "search")


class _NoEntries:
    """Stands in for Material's indexing: its index would be thrown away."""

    def __call__(self, page: Page) -> None:
        return None


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        # page url -> sections, per language, for pages built since the last write
        self.built: dict[str, dict[str, list[Any]]] = {}
        # every page url of the languages in the current build
        self.pages: dict[str, set[str]] = {}

    def _language(self, file: Any, config: MkDocsConfig) -> str:
        locale = getattr(file, "locale", None)
        if locale:
            return str(locale)
        return str(config.theme.get("language") or "en")

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        for name in MATERIAL_SEARCH:
            plugin = config.plugins.get(name)
            index = getattr(plugin, "search_index", None)
            if index is not None:
                index.add_entry_from_context = _NoEntries()
        return config

    # After mkdocs-static-i18n (-100) has given each file its language and URL.
    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        for file in files.documentation_pages():
            # The home page's file URL is "./", its page URL "".
            url = "" if file.url == "./" else file.url
            self.pages.setdefault(self._language(file, config), set()).add(url)
        return files

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if not self.config.enabled or (page.meta.get("search") or {}).get("exclude"):
            return context
        lang = self._language(page.file, config)
        title = str(page.meta.get("title") or page.title or "")
        self.built.setdefault(lang, {})[page.url] = page_sections(page.content or "", title,
                                                                 self.config.identifiers_only)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return output
        return name_search_dialog(output)

    # Last, after mkdocs-static-i18n's nested builds of the other languages.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        for lang, pages in self.pages.items():
            path = site / "search" / f"{lang}.json"
            try:
                old = load(path)
            except SearchIndexError as error:
                raise PluginError(str(error)) from error
            merged = merge(old, self.built.get(lang, {}), pages)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump(lang, merged), encoding="utf-8")
            log.debug("ow-search: %s: %d pages", path, len(merged))
        self.built.clear()
        self.pages.clear()
        self._replace_material_scripts(site)

    def _replace_material_scripts(self, site: Path) -> None:
        worker = package_files("owsite.search").joinpath("worker.js").read_text(encoding="utf-8")
        for path in sorted(site.glob("assets/javascripts/workers/search.*.min.js")):
            path.write_text(worker, encoding="utf-8")
        for path in sorted(site.glob("assets/javascripts/bundle.*.min.js")):
            text = path.read_text(encoding="utf-8")
            try:
                patched = patch_bundle(text, str(path.relative_to(site)))
            except BundlePatchError as error:
                raise PluginError(str(error)) from error
            if patched != text:
                path.write_text(patched, encoding="utf-8")
        # Material's own index holds no entries now; nothing fetches it.
        stale = site / "search" / "search_index.json"
        if stale.is_file():
            stale.unlink()
