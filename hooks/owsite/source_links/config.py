"""Options of the ``ow-source-links`` plugin."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SourceLinksConfig(Config):
    enabled = c.Type(bool, default=True)
