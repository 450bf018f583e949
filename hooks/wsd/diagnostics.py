"""Diagnostics shared by every stage: one message tied to a file position."""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int
    col: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"


class WsdError(Exception):
    """Raised when a diagram has at least one error.

    ``diagnostics`` keeps every diagnostic (errors and warnings) so a caller can
    show the warnings that came with the failure too.
    """

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


@dataclass
class Reporter:
    """Collects diagnostics for one file; stages report into it and go on."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, line: int, col: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.file, line, col, ERROR, message))

    def warning(self, line: int, col: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.file, line, col, WARNING, message))

    @property
    def failed(self) -> bool:
        return any(d.severity == ERROR for d in self.diagnostics)

    def sorted(self) -> list[Diagnostic]:
        # Stable order by position, so output does not depend on which stage
        # happened to notice a problem first.
        return sorted(self.diagnostics, key=lambda d: (d.line, d.col))

    def raise_if_failed(self) -> None:
        if self.failed:
            raise WsdError(self.sorted())
