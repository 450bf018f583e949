"""Where a page sits, as the release data sees it: its path under the language folder."""
from __future__ import annotations

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
