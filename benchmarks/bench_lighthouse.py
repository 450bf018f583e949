"""Lighthouse accessibility (and the other category) scores of sample pages, printed as a table.

    .venv/bin/python benchmarks/bench_lighthouse.py --site /tmp/site [--lighthouse PATH]

Not a test: it prints figures. Serves an already built site (``mkdocs build``)
under /openstack-workflow/ on 127.0.0.1, as GitHub Pages would, and runs the
Lighthouse CLI from npm against Debian's chromium, both palettes. Lighthouse is
not installed by the Makefile (it is large and only this script needs it):

    npm i -E --prefix .venv/lighthouse lighthouse@12.2.3

(13.x needs Node 22; Debian's Node is 20.)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from pages_server import serve

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["", "nova/boot/", "en/nova/live-migrate/", "en/guide/reading/"]
CATEGORIES = ["accessibility", "best-practices", "seo"]


def run(lighthouse: Path, url: str, dark: bool, form_factor: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        flags = "--headless=new --no-sandbox --disable-gpu"
        if dark:
            flags += " --force-dark-mode --blink-settings=preferredColorScheme=0"
        subprocess.run([str(lighthouse), url, "--quiet", "--output=json", f"--output-path={out}",
                        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}",
                        *(["--preset=desktop"] if form_factor == "desktop" else [])],
                       check=True, env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"))
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {name: round(100 * (cat["score"] or 0)) for name, cat in report["categories"].items()}
    failing = [a for a, r in report["audits"].items()
               if r.get("score") == 0 and a in _ids(report, "accessibility")]
    scores["failing"] = ",".join(failing) or "-"  # type: ignore[assignment]
    return scores


def _ids(report: dict, category: str) -> set[str]:
    return {ref["id"] for ref in report["categories"][category]["auditRefs"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="a built site (mkdocs build --site-dir)")
    parser.add_argument("--lighthouse", type=Path,
                        default=ROOT / ".venv" / "lighthouse" / "node_modules" / ".bin" / "lighthouse")
    parser.add_argument("--form-factor", choices=["mobile", "desktop"], default="mobile",
                        help="Lighthouse's default emulation (mobile) or its desktop preset")
    args = parser.parse_args()
    if not args.lighthouse.exists():
        raise SystemExit(f"{args.lighthouse} is missing: npm i -E --prefix .venv/lighthouse lighthouse@12.2.3")
    server, base = serve(args.site)
    print(f"{'page':28} {'palette':8} " + " ".join(f"{c:>15}" for c in CATEGORIES) + "  failing a11y audits")
    try:
        for page in PAGES:
            for dark in (False, True):
                scores = run(args.lighthouse, base + page, dark, args.form_factor)
                print(f"{'/' + page:28} {'dark' if dark else 'light':8} "
                      + " ".join(f"{scores.get(c, 0):>15}" for c in CATEGORIES) + f"  {scores['failing']}",
                      flush=True)
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
