"""The installed package: command lines without PYTHONPATH, plugins registered with MkDocs."""
from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = {"ow-diagrams", "ow-source-links", "ow-i18n-fixes", "ow-site-assets", "ow-pdf"}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_the_plugins_are_registered_with_mkdocs():
    found = {ep.name: ep for ep in entry_points(group="mkdocs.plugins") if ep.name in PLUGINS}
    assert set(found) == PLUGINS
    for ep in found.values():
        assert ep.load().__module__.startswith("owsite.")


@pytest.mark.parametrize("module", ["wsd", "pdfbook", "owsite"])
def test_each_command_line_runs_from_anywhere_without_pythonpath(module, tmp_path):
    done = run("-m", module, "--help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout


def test_wsd_checks_a_diagram_without_pythonpath(tmp_path):
    (tmp_path / "a.wsd").write_text("a->b: hi\n")
    done = run("-m", "wsd", "check", "--strict", "a.wsd", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
