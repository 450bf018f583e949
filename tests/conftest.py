"""Fixtures shared by the site, browser and PDF tests: one strict build of the real site per session.

With ``OW_TEST_SITE_DIR`` set (CI sets it to ``site``) the build, and the
books the PDF tests make from it, land there, so CI publishes what it tested
instead of building the site and the books again.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs_run import ROOT, run_mkdocs


@dataclass
class Build:
    site: Path
    output: str
    returncode: int


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    """``mkdocs build --strict`` of the whole project, once per session."""
    wanted = os.environ.get("OW_TEST_SITE_DIR")
    site = (ROOT / wanted).resolve() if wanted else tmp_path_factory.mktemp("site")
    done = run_mkdocs(["build", "--strict", "--site-dir", str(site)], cwd=ROOT)
    return Build(site, done.stdout, done.returncode)


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    if site_build.returncode != 0:
        pytest.fail("the strict build failed:\n" + site_build.output[-4000:], pytrace=False)
    return site_build.site
