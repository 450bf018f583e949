"""How many operation diagrams show their whole width with text of at least 10 px, per screen size.

    .venv/bin/python benchmarks/bench_diagram_fit.py [--ref main] [--site DIR] [--all-en]

Without --site, builds the site first: the checkout as it is, or with --ref
the tree of that git ref (exported to a temporary directory; the renderer and
plugins are still this environment's, so --ref compares the pages' CSS and
scripts, and the diagrams as this renderer draws them). Then serves it under
/openstack-workflow/ and measures every operation page in real Chromium with
the measurement of tests/browser/test_diagram_fit.py, at 1440x900, 1920x1080
and 390x844. The issue's target: 90% at 1440, 100% at 1920.
"""
from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
import test_diagram_fit as fit  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
MOUNT = "/openstack-workflow/"
SIZES = [("1440x900", fit.LAPTOP), ("1920x1080", fit.DESKTOP), ("390x844", fit.PHONE)]


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def translate_path(self, path):
        return super().translate_path("/" + path[len(MOUNT):] if path.startswith(MOUNT) else "/__outside__")


def build(project: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("OW_PDF", None)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stdout[-3000:]}")


def export(ref: str, target: Path) -> None:
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)


def measure_site(site: Path, paths: list[str]) -> None:
    from playwright.sync_api import sync_playwright
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{MOUNT}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            for label, size in SIZES:
                page = browser.new_page(viewport=size)
                rows = []
                for path in paths:
                    rows += fit.measure(page, base + path)
                page.close()
                print(fit.report(label, rows), flush=True)
            browser.close()
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", help="measure this git ref's tree instead of the checkout")
    parser.add_argument("--site", type=Path, help="measure this built site; no build")
    parser.add_argument("--all-en", action="store_true", help="the English pages too (same diagrams)")
    args = parser.parse_args()
    paths = fit.operation_pages("zh") + (fit.operation_pages("en") if args.all_en else [])
    print(f"{len(paths)} operation pages")
    if args.site:
        measure_site(args.site, paths)
        return
    with tempfile.TemporaryDirectory(prefix="bench-fit-") as tmp:
        project = ROOT
        if args.ref:
            project = Path(tmp) / "tree"
            project.mkdir()
            export(args.ref, project)
        site = Path(tmp) / "site"
        build(project, site)
        measure_site(site, paths)


if __name__ == "__main__":
    main()
