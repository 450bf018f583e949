"""`make serve` on a copy of the project: an edit shows on its page, only the pages it
concerns are rendered again, and the search index never holds a page twice (issue 10 item 6).

Runs a real `mkdocs serve --dirty` (what `make serve` runs) and waits on its
livereload long-poll the way the page's own script does. The rebuild's scope is
read from the plugin's log line; the page and the index are fetched over HTTP.
"""
from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.serve

ROOT = Path(__file__).resolve().parents[2]
COPY = ["mkdocs.yml", "docs", "diagrams", "hooks", "overrides", "data"]
LIVERELOAD_RE = re.compile(r"livereload\((\d+), (\d+)\)")
SCOPE_RE = re.compile(r"rebuild (\w+): (.*); rendering (\w+) page\(s\)")


def fetch(url: str, timeout: float = 5) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return reply.read().decode("utf-8")
    except OSError:
        return ""


class Serve:
    def __init__(self, project: Path, log: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}/openstack-workflow/"
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=subprocess.DEVNULL, stderr=log.open("w"))

    def wait_for(self, path: str, text: str, seconds: float = 300) -> str:
        deadline = time.monotonic() + seconds
        while True:
            page = fetch(self.base + path)
            if text in page:
                return page
            if time.monotonic() > deadline or self.process.poll() is not None:
                pytest.fail(f"{path} never showed {text!r}:\n{self.log.read_text()[-3000:]}")
            epoch = LIVERELOAD_RE.search(page)
            if epoch:   # long-poll for the next build, as the page's script does
                fetch(f"{self.base.split('/openstack-workflow/')[0]}/livereload/{epoch[1]}/{epoch[2]}", 60)
            else:
                time.sleep(0.2)

    def scopes(self) -> list[tuple[str, str, str]]:
        return SCOPE_RE.findall(self.log.read_text())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def index_pages(serve: Serve, lang: str) -> list[str]:
    return [doc[0] for doc in json.loads(fetch(serve.base + f"search/{lang}.json"))["docs"]]


def test_edits_under_serve_dirty_render_what_they_concern_and_keep_the_index_whole(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    cache = ROOT / ".cache"
    if cache.is_dir():   # rendered diagrams: the first build then takes seconds, not a minute
        shutil.copytree(cache, project / ".cache")
    serve = Serve(project, tmp_path / "serve.log")
    try:
        serve.wait_for("liberty/nova/pause/", "wsd-figure")
        before = {lang: index_pages(serve, lang) for lang in ("zh", "en")}
        assert before["zh"] and len(set(before["zh"])) == len(before["zh"])

        # A diagram: its pages show the edit; every other page is left as it was.
        wsd = project / "diagrams/nova/liberty/pause.wsd"
        wsd.write_text(wsd.read_text(encoding="utf-8").replace("\ntitle ", "\ntitle [edited-wsd] ", 1),
                       encoding="utf-8")
        serve.wait_for("liberty/nova/pause/", "edited-wsd")
        serve.wait_for("en/liberty/nova/pause/", "edited-wsd")
        scopes = serve.scopes()
        for lang in ("zh", "en"):
            # The pages whose Markdown names the file (the operation page, and the
            # contributing guide, which uses it as its example), of some 130.
            naming = [md for md in (project / "docs" / lang).rglob("*.md")
                      if "diagrams/nova/liberty/pause.wsd" in md.read_text(encoding="utf-8")]
            assert 1 <= len(naming) <= 3
            assert (lang, "1 included file(s) changed", str(len(naming))) in scopes, scopes

        # A page's body: that page only, and its search entry replaced, not added.
        page = project / "docs/zh/liberty/nova/pause.md"
        text = page.read_text(encoding="utf-8")
        heading = text.index("\n## ")
        page.write_text(text[:heading] + "\n\n编辑标记 edited-body。\n" + text[heading:], encoding="utf-8")
        serve.wait_for("liberty/nova/pause/", "edited-body")
        assert [scope[2] for scope in serve.scopes()[-2:]] == ["0", "0"], serve.scopes()[-2:]
        after = {lang: index_pages(serve, lang) for lang in ("zh", "en")}
        assert after == before
        zh = json.loads(fetch(serve.base + "search/zh.json"))["docs"]
        [entry] = [doc for doc in zh if doc[0] == "liberty/nova/pause/"]
        assert "edited-body" in json.dumps(entry, ensure_ascii=False)

        # A heading: other pages may show it (navigation, titles), so every page renders.
        page.write_text(page.read_text(encoding="utf-8").replace("\n## ", "\n## [edited-heading] ", 1),
                        encoding="utf-8")
        serve.wait_for("liberty/nova/pause/", "edited-heading")
        assert [scope[2] for scope in serve.scopes()[-2:]] == ["every", "every"], serve.scopes()[-2:]
        assert {lang: index_pages(serve, lang) for lang in ("zh", "en")} == before
    finally:
        serve.stop()
