"""Options of the ``ow-states`` plugin; the defaults live here and nowhere else."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class StatesConfig(Config):
    enabled = c.Type(bool, default=True)
    # Relative to mkdocs.yml: the written prose of each value, one file per project.
    notes_dir = c.Type(str, default="data/state-notes")
    # Link the values of each operation page's `#states` section to their index entries.
    link_pages = c.Type(bool, default=True)
