"""Options of the ``ow-i18n-fixes`` plugin."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class I18nFixesConfig(Config):
    enabled = c.Type(bool, default=True)
