"""``make build`` on a scratch project: site/ is replaced only by a build that passed."""
from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
from mkdocs_run import ROOT
from miniproject import GOOD_DIAGRAM, make_project

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def make_build(cwd) -> subprocess.CompletedProcess:
    venv = ROOT / ".venv"
    # -o: the scratch project has no requirements to install; use this checkout's venv.
    return subprocess.run(["make", "-f", str(ROOT / "Makefile"), f"VENV={venv}", "-o", f"{venv}/.requirements",
                           "build"], cwd=cwd, capture_output=True, text=True, timeout=300)


def leftovers(root):
    return sorted(p.name for p in root.iterdir() if p.name.startswith(("site.tmp.", "site.old.")))


def test_a_failed_strict_build_leaves_the_previous_site_untouched(tmp_path):
    make_project(tmp_path)
    first = make_build(tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    before = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert (tmp_path / "site/index.html").is_file()
    (tmp_path / "diagrams/demo.wsd").write_text(GOOD_DIAGRAM.replace("API.pause", "API.nope"), encoding="utf-8")
    failed = make_build(tmp_path)
    assert failed.returncode != 0
    after = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert after == before and "wsd-error" not in (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


def test_a_failed_first_build_publishes_no_site(tmp_path):
    make_project(tmp_path, diagrams={"diagrams/demo.wsd": GOOD_DIAGRAM.replace("API.pause", "API.nope")})
    assert make_build(tmp_path).returncode != 0
    assert not (tmp_path / "site").exists() and leftovers(tmp_path) == []


def test_two_builds_at_once_each_publish_a_whole_site(tmp_path):
    # Each build has its own site_dir, so the i18n 404 save/restore of one cannot see the other's files.
    make_project(tmp_path)
    with (tmp_path / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("  - ow-i18n-fixes\n")
    alone = make_build(tmp_path)
    assert alone.returncode == 0, alone.stdout + alone.stderr
    expected = (tmp_path / "site/404.html").read_bytes()
    for _ in range(3):
        with ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(make_build, [tmp_path, tmp_path]))
        assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
        assert (tmp_path / "site/404.html").read_bytes() == expected
        assert (tmp_path / "site/en/index.html").is_file() and leftovers(tmp_path) == []
