"""ow-search under dirty rebuilds: a rebuilt page's sections replace its old ones, never pile up."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from miniproject import make_project
from mkdocs.commands.build import build
from mkdocs.config import load_config

PAGES = {
    "index.md": "# Home\n\nWelcome.\n",
    "pause.md": "# Pause\n\n## What it does\n\n`task_state=pausing` first.\n\n## When it fails\n\nNoValidHost.\n",
}


def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path, pages=PAGES)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - ow-source-links\n", "  - ow-source-links\n  - ow-search\n"),
                      encoding="utf-8")
    return root


def run(root: Path, *, dirty: bool) -> None:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()


def sections(root: Path, lang: str) -> list[tuple[str, str, str]]:
    data = json.loads((root / "site/search" / f"{lang}.json").read_text(encoding="utf-8"))
    assert data["config"]["lang"] == [lang]
    return [(url, anchor, text) for url, page in data["docs"] for anchor, _, text in page]


def test_each_language_has_its_own_index(tmp_path):
    root = project(tmp_path)
    run(root, dirty=False)
    zh, en = sections(root, "zh"), sections(root, "en")
    assert {url for url, _, _ in zh} == {"", "pause/"}
    assert {url for url, _, _ in en} == {"en/", "en/pause/"}
    assert ("pause/", "what-it-does", "task_state=pausing first.") in zh
    assert not (root / "site/search/search_index.json").exists()


def test_a_dirty_rebuild_replaces_the_edited_pages_sections(tmp_path):
    root = project(tmp_path)
    run(root, dirty=False)
    before = sections(root, "zh")
    page = root / "docs/zh/pause.md"
    time.sleep(0.05)
    page.write_text(PAGES["pause.md"].replace("first.", "then paused."), encoding="utf-8")
    later = time.time() + 5
    os.utime(page, (later, later))
    for _ in range(3):
        run(root, dirty=True)
        after = sections(root, "zh")
        assert len(after) == len(before), after
        assert ("pause/", "what-it-does", "task_state=pausing then paused.") in after
        assert ("pause/", "what-it-does", "task_state=pausing first.") not in after
        # The home page was not rebuilt: its entry comes from the index on disk.
        assert ("", "", "Welcome.") in after
        assert len(set(after)) == len(after)
