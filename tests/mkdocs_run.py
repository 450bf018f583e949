"""Helpers shared by the site and browser tests: run MkDocs and read its log."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("zh", "en")


def mkdocs_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    env.pop("WSD_BACKEND", None)  # the default, local, unless a test asks otherwise
    env.update(extra)
    return env


def run_mkdocs(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=mkdocs_env(**env),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=900)


LOG_LINE = re.compile(r"^(?:\x1b\[[0-9;]*m)*(DEBUG|INFO|WARNING|ERROR)\s*-\s*(.*)$")


def log_records(output: str, level: str) -> list[str]:
    """Messages logged at ``level`` by MkDocs (its console format: ``LEVEL  -  message``)."""
    found = []
    for line in output.splitlines():
        m = LOG_LINE.match(line.strip())
        if m and m.group(1) == level:
            found.append(m.group(2))
    return found
