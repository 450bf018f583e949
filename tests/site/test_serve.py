"""``mkdocs serve`` on a small project: an edited diagram shows on save; an error shows in the page."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from mkdocs_run import mkdocs_env
from miniproject import GOOD_DIAGRAM, make_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as reply:
        return reply.read().decode("utf-8")


def wait_for(url: str, predicate, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} never matched; last page:\n{last[-2000:]}")


@pytest.fixture
def served(tmp_path):
    make_project(tmp_path)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=tmp_path, env=mkdocs_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        yield tmp_path, f"http://127.0.0.1:{port}/mini/", proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_serve_shows_edits_and_errors_and_keeps_running(served):
    root, url, proc = served
    wait_for(url, lambda html: "Pause, shortened" in html)
    wsd = root / "diagrams/demo.wsd"

    wsd.write_text(GOOD_DIAGRAM.replace("Pause, shortened", "Pause, edited"), encoding="utf-8")
    wait_for(url, lambda html: "<figcaption>Pause, edited</figcaption>" in html)

    wsd.write_text(GOOD_DIAGRAM.replace("API.pause", "API.nothing_here"), encoding="utf-8")
    html = wait_for(url, lambda html: "wsd-error" in html)
    assert "diagrams/demo.wsd:5:1: error: nova/compute/api.py has no API.nothing_here" in html
    assert proc.poll() is None, "serve stopped on a diagram error"

    wsd.write_text(GOOD_DIAGRAM, encoding="utf-8")
    wait_for(url, lambda html: "<figcaption>Pause, shortened</figcaption>" in html and "wsd-error" not in html)
    assert proc.poll() is None
