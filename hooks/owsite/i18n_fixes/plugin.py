"""Keep the root 404.html in the default language (Chinese).

mkdocs-static-i18n builds every extra language into the same site_dir after
the default one, and each build writes ``404.html`` at the root, so the last
language wins (static-i18n #284). Save the default language's page right
after its build and put it back once every language is done.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from .config import I18nFixesConfig


def is_default_language_build(config: MkDocsConfig) -> bool:
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "is_default_language_build", False))


class I18nFixesPlugin(BasePlugin[I18nFixesConfig]):
    def __init__(self) -> None:
        self.saved_404: dict[str, bytes] = {}  # site_dir -> the default language's 404.html

    @event_priority(50)  # before i18n (-100) starts the other languages' builds
    def _save_404(self, config: MkDocsConfig) -> None:
        page = Path(config.site_dir) / "404.html"
        if self.config.enabled and is_default_language_build(config) and page.is_file():
            self.saved_404[config.site_dir] = page.read_bytes()

    @event_priority(-200)  # after i18n's nested builds
    def _restore_404(self, config: MkDocsConfig) -> None:
        data = self.saved_404.get(config.site_dir)
        if data is not None:
            (Path(config.site_dir) / "404.html").write_bytes(data)

    on_post_build = CombinedEvent(_save_404, _restore_404)
