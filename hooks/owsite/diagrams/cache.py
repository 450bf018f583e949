"""Rendered diagrams keyed by a hash of everything that shapes them.

The i18n plugin builds the site once per language and ``mkdocs serve``
rebuilds it on every save, so the same text reaches the renderer many times.
Results live in memory for the process and on disk (one JSON file per key)
across processes. Failures are never cached: they must be reported each time.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def key_for(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class DiagramCache:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._memory: dict[str, dict[str, Any]] = {}
        self.hits = 0
        self.misses = 0
        self.write_error: str | None = None  # why the disk copy failed; the build goes on

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        entry = self._memory.get(key)
        if entry is None:
            try:
                entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                # Missing or damaged (e.g. a build killed mid-write): render again.
                self.misses += 1
                return None
            self._memory[key] = entry
        self.hits += 1
        return entry

    def forget(self, key: str) -> None:
        """Drop an entry the caller found invalid, so it is rendered again."""
        self._memory.pop(key, None)

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Keep ``entry``; a disk that refuses it (read-only, full) is noted in write_error, not raised."""
        self._memory[key] = entry
        try:
            self._write(key, entry)
        except OSError as exc:
            self.write_error = f"{self.directory}: {exc.strerror or exc}"

    def _write(self, key: str, entry: dict[str, Any]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(entry, out, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
