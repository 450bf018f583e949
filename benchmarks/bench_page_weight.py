"""Bytes a reader downloads: the heaviest page's first view, and its language's search index.

    .venv/bin/python benchmarks/bench_page_weight.py SITE_DIR [--pages 'en/nova/*']

Serves SITE_DIR under /openstack-workflow/ (as GitHub Pages does) and opens
every page (or those matching --pages) in Chromium, recording each request
made until the network is idle without any interaction: that is the first
view. Each file is weighed as ``gzip -9`` of its bytes on disk (what a gzip
server sends, near enough). Then the search index that page's reader loads
once they search is weighed the same way: ``search/<lang>.json`` where
ow-search writes one, else Material's ``search/search_index.json`` (which the
old site fetched on every view, so it is already in the first view).

Prints the ten heaviest first views, then the heaviest one's breakdown and
the figure issue 13 caps at 400 KB: first view plus the index, counted once.
"""
from __future__ import annotations

import argparse
import fnmatch
import functools
import gzip
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pages_server import MOUNT, serve

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGET = 400 * 1024


@functools.cache
def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def local(site: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path)
    if not path.startswith(MOUNT):
        return None
    rel = path[len(MOUNT):]
    target = site / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


def pages(site: Path, pattern: str) -> list[str]:
    found = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        rel = "" if rel == "." else rel + "/"
        if fnmatch.fnmatch(rel, pattern):
            found.append(rel)
    return found


def index_for(site: Path, lang: str) -> Path | None:
    for candidate in (site / "search" / f"{lang}.json", site / "search" / "search_index.json"):
        if candidate.is_file():
            return candidate
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--pages", default="*", help="glob over page paths, e.g. 'en/nova/*'")
    options = parser.parse_args()
    site = options.site.resolve()

    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    views: list[tuple[int, str, str, list[tuple[int, str]]]] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            for rel in pages(site, options.pages):
                page = context.new_page()
                urls: list[str] = []
                page.on("request", lambda r, urls=urls: urls.append(r.url))
                page.goto(base + rel)
                page.wait_for_load_state("networkidle")
                lang = page.evaluate("document.documentElement.lang") or "zh"
                page.close()
                files = {}
                for url in urls:
                    path = local(site, url)
                    if path is not None:
                        files[path] = url
                weighed = sorted(((gzipped(f), f.relative_to(site).as_posix()) for f in files), reverse=True)
                views.append((sum(w for w, _ in weighed), rel, lang, weighed))
            browser.close()
    finally:
        server.shutdown()

    if not views:
        print("no pages matched", file=sys.stderr)
        return 1
    views.sort(reverse=True)
    print(f"{len(views)} pages; first view, gzip -9 bytes (no search interaction):")
    for total, rel, _, _ in views[:10]:
        print(f"  {total:>9,}  /{rel}")
    total, rel, lang, weighed = views[0]
    print(f"\nheaviest first view: /{rel} ({lang})")
    for weight, name in weighed:
        print(f"  {weight:>9,}  {name}")
    index = index_for(site, lang)
    loaded = {name for _, name in weighed}
    extra = 0
    if index is not None:
        name = index.relative_to(site).as_posix()
        extra = 0 if name in loaded else gzipped(index)
        state = "already in the first view" if name in loaded else "loaded on the first search"
        print(f"search index: {name}: {gzipped(index):,} bytes gzip -9 ({index.stat().st_size:,} raw), {state}")
    both = total + extra
    verdict = "within" if both <= TARGET else "OVER"
    print(f"first view + search index: {both:,} bytes ({both / 1024:.1f} KB), {verdict} the 400 KB target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
