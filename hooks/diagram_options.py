"""Typed options of the diagram fence, read from ``extra.diagrams`` in mkdocs.yml."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BACKENDS = ("local", "online")


@dataclass(frozen=True)
class DiagramOptions:
    backend: str = "local"
    online_url: str = "https://www.websequencediagrams.com/"
    online_style: str = "modern-blue"
    online_timeout: float = 10.0
    online_retries: int = 2
    cache_dir: Path = Path(".cache/wsd")

    @classmethod
    def from_config(cls, config) -> "DiagramOptions":
        raw = dict((config.get("extra") or {}).get("diagrams") or {})
        root = Path(config.config_file_path or ".").resolve().parent
        backend = str(raw.get("backend") or cls.backend).strip().lower()
        if backend not in BACKENDS:
            raise ValueError(f"mkdocs.yml: extra.diagrams.backend must be one of "
                             f"{', '.join(BACKENDS)}, not {backend!r}")
        cache_dir = Path(raw.get("cache_dir") or cls.cache_dir)
        return cls(
            backend=backend,
            online_url=str(raw.get("online_url") or cls.online_url),
            online_style=str(raw.get("online_style") or cls.online_style),
            online_timeout=float(raw.get("online_timeout") or cls.online_timeout),
            online_retries=int(raw.get("online_retries", cls.online_retries)),
            cache_dir=cache_dir if cache_dir.is_absolute() else root / cache_dir,
        )
