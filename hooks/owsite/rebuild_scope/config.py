"""Options of the ``ow-rebuild-scope`` plugin."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class RebuildScopeConfig(Config):
    enabled = c.Type(bool, default=True)
    # Folders (relative to mkdocs.yml) whose files pages include or read at
    # build time. An edit to a file in one of them re-renders only the pages
    # whose Markdown names that file; an edit anywhere else re-renders all.
    include_roots = c.Type(list, default=["diagrams"])
    # Folders whose edit changes every page (release data, symbol indexes).
    global_roots = c.Type(list, default=["data"])
