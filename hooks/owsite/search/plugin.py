"""``ow-search``: after the build, clean the search index and patch Material's worker."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .config import SearchConfig
from .index import SearchPatchError, clean_index_file, patch_segmenter

log = logging.getLogger("mkdocs.plugins.ow-search")


class SearchPlugin(BasePlugin[SearchConfig]):
    # Last, after Material's search and mkdocs-static-i18n have written the index.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        for index in sorted(site.glob("**/search/search_index.json")):
            changed = clean_index_file(index)
            log.debug("ow-search: %s: %d titles cleaned", index, changed)
        for worker in sorted(site.glob("**/assets/javascripts/workers/search.*.min.js")):
            try:
                text = worker.read_text(encoding="utf-8")
                patched = patch_segmenter(text, str(worker.relative_to(site)))
            except SearchPatchError as error:
                raise PluginError(str(error)) from error
            if patched != text:
                worker.write_text(patched, encoding="utf-8")
