"""Options of the ``ow-search`` plugin."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    # Sections (by heading id) indexed as the distinct identifiers in their code
    # spans: the operation pages' state and RPC tables. Every function, state value
    # and topic in them stays findable; their row descriptions, which the prose
    # around them already says, would add a tenth to the index every reader downloads.
    identifiers_only = c.Type(list, default=["states", "rpc"])
