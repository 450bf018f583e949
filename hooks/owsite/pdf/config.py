"""Options of the ``ow-pdf`` plugin."""
from __future__ import annotations

from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError


class Switch(c.Type[bool]):
    """A bool that also takes 1/0, so ``!ENV OW_PDF`` reads ``OW_PDF=1`` as YAML reads it (an int)."""

    def __init__(self, default: bool) -> None:
        super().__init__(bool, default=default)

    def run_validation(self, value: object) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
            return bool(value)
        if not isinstance(value, bool):
            raise ValidationError(f"Expected true, false, 1 or 0, not {value!r}")
        return value


class PdfConfig(Config):
    # Off unless asked: the books take a minute and `mkdocs serve` must stay
    # fast. `make pdf` does not use this: it runs `python -m pdfbook` over a
    # built site. mkdocs.yml turns it on with OW_PDF=1 for a single build.
    enabled = Switch(default=False)
    jobs = c.Type(int, default=2)
