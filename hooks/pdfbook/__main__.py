"""python -m pdfbook [--site site] [--config mkdocs.yml] [--out site/pdf] [--lang zh] [--series Liberty] [--jobs 2]"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import build_books


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pdfbook",
                                 description="Write one PDF book per release series and language from the built site.")
    ap.add_argument("--config", default="mkdocs.yml", type=Path)
    ap.add_argument("--site", default="site", type=Path, help="the built site (mkdocs build)")
    ap.add_argument("--out", default=None, type=Path, help="default: SITE/pdf")
    ap.add_argument("--lang", action="append", help="only this locale (repeatable)")
    ap.add_argument("--series", action="append",
                    help="only the book of this release series (repeatable): 2026.1, Liberty")
    ap.add_argument("--jobs", type=int, default=2, help="books built at once")
    args = ap.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html: no built site here; run `make build` first", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        # The state index of each book's release is its appendix (owsite.states.book).
        from owsite.states.book import book_appendices
        appendices = book_appendices(args.config.resolve().parent)
        results = build_books(args.config, args.site, args.out or args.site / "pdf",
                              args.lang, args.jobs, args.series, appendices)
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for r in results:
        print(f"{r.path}: {r.series}, {r.pdf_pages} pages from {r.site_pages} site pages, "
              f"{r.diagrams} diagrams, {r.size / 1e6:.1f} MB")
    print(f"{len(results)} book(s) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
