"""Where a page sits: its path under the language folder, and the language being built."""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def path_in_language(page: Page) -> str:
    """``zh/liberty/nova/pause.md`` -> ``liberty/nova/pause.md``: releases own paths in every language.

    mkdocs-static-i18n's folder layout puts each language's tree under its
    locale and tags the file with ``locale``; without the plugin the path is kept.
    """
    src_uri = page.file.src_uri
    locale = getattr(page.file, "locale", None)
    if locale and src_uri.startswith(f"{locale}/"):
        return src_uri[len(locale) + 1:]
    return src_uri


def current_language(config: MkDocsConfig) -> tuple[str | None, bool]:
    """(locale being built, whether it is the default one); (None, True) without the i18n plugin."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return None, True
    return str(i18n.current_language), bool(getattr(i18n, "is_default_language_build", True))
