"""The four PDF books (two releases x two languages), made once per test session from
the session's strict site build."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]



@dataclass
class Books:
    out: Path
    site: Path
    log: str

    def pdf(self, book: str) -> Path:
        """book: "zh", "en" (the current release) or "liberty-zh", "liberty-en"."""
        return self.out / f"openstack-workflow-{book}.pdf"


@pytest.fixture(scope="session")
def books(built_site) -> Books:
    # Where `make pdf` puts them, so the pages' download links can be followed.
    out = built_site / "pdf"
    done = subprocess.run([sys.executable, "-m", "pdfbook", "--site", str(built_site), "--out", str(out)],
                          cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        pytest.fail(f"python -m pdfbook failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}", pytrace=False)
    return Books(out, built_site, done.stdout)
