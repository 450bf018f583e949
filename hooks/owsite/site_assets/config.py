"""Options of the ``ow-site-assets`` plugin."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SiteAssetsConfig(Config):
    enabled = c.Type(bool, default=True)
