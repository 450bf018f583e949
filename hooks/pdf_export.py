"""MkDocs hook: write the PDF books after the last language is built, when OW_PDF=1.

Off by default so `mkdocs serve` stays fast; `make pdf` runs the same code
through `python -m pdfbook` over an already built site.
"""
from __future__ import annotations

import os
from pathlib import Path

import pdfbook
from mkdocs.plugins import event_priority

_root_site_dir: str | None = None


def _nested(config) -> bool:
    plugin = config.plugins.get("i18n")
    return bool(plugin is not None and getattr(plugin, "building", False))


@event_priority(100)
def on_config(config):
    global _root_site_dir
    if not _nested(config):
        # i18n rewrites site_dir for the other languages' builds; keep the root.
        _root_site_dir = config.site_dir
    return config


@event_priority(-200)  # after i18n (-100) has built every other language
def on_post_build(config):
    if os.environ.get("OW_PDF") != "1" or _nested(config):
        return
    site_dir = Path(_root_site_dir or config.site_dir)
    pdfbook.build_books(Path(config.config_file_path), site_dir, site_dir / "pdf")
