"""Options of the ``ow-release-switch`` plugin."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ReleaseSwitchConfig(Config):
    enabled = c.Type(bool, default=True)
