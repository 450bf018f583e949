"""MkDocs hook: keep the root 404.html in the default language (Chinese).

mkdocs-static-i18n builds every extra language into the same site_dir after
the default one, and each build writes ``404.html`` at the root, so the last
language wins (static-i18n #284). Save the default language's page right
after its build and put it back once every language is done.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

_saved: dict[str, bytes] = {}


def _is_default_language_build(config) -> bool:
    i18n = config.plugins.get("i18n")
    return i18n is not None and i18n.is_default_language_build


@event_priority(50)  # before i18n (-100) starts the other languages' builds
def _save_404(config):
    page = Path(config.site_dir) / "404.html"
    if _is_default_language_build(config) and page.is_file():
        _saved[config.site_dir] = page.read_bytes()


@event_priority(-200)  # after i18n's nested builds
def _restore_404(config):
    data = _saved.get(config.site_dir)
    if data is not None:
        (Path(config.site_dir) / "404.html").write_bytes(data)


on_post_build = CombinedEvent(_save_404, _restore_404)
