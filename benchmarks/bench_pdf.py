"""Benchmark: write the four PDF books from a built site and print where the time goes.

    python benchmarks/bench_pdf.py [--site site] [--jobs 2] [--out DIR]

Needs a built site (`make build`, or `mkdocs build --site-dir DIR` and `--site DIR`).
Runs `build_books` in this process the way `make pdf` does, then prints per book the
time to assemble its HTML (read and parse the site's pages, relink, fit diagrams),
WeasyPrint's layout and the PDF write, and the wall time of all four together with
the load average before and after, as the figures mean little on a busy machine.
Target (issue 11 item 7): all four in under 120 s on two cores, each under 20 MB.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 120.0
TARGET_MB = 20.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=Path, default=ROOT / "site")
    ap.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None, help="default: a temporary directory")
    args = ap.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html: no built site; run `make build` first", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT / "hooks"))
    import pdfbook

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        out = args.out or Path(tmp)
        load_before = os.getloadavg()
        started = time.perf_counter()
        # As `make pdf` does: each book ends with its release's state index.
        from owsite.states.book import book_appendices
        appendices = book_appendices(args.config.resolve().parent)
        results = pdfbook.build_books(args.config, args.site, out, jobs=args.jobs, appendices=appendices)
        total = time.perf_counter() - started
        load_after = os.getloadavg()
    print()
    print(f"{'book':<36} {'pages':>5} {'MB':>5} {'assemble':>8} {'layout':>7} {'write':>6} {'total':>6} {'CPU':>6}")
    for r in results:
        print(f"{r.path.name:<36} {r.pdf_pages:>5} {r.size / 1e6:>5.1f} {r.assemble_seconds:>8.1f} "
              f"{r.layout_seconds:>7.1f} {r.write_seconds:>6.1f} {r.seconds:>6.1f} {r.cpu_seconds:>6.1f}")
    cpu = sum(r.seconds for r in results)
    print(f"all {len(results)} books: {total:.1f} s wall with --jobs {args.jobs} "
          f"({cpu:.1f} s summed over books); target {TARGET_SECONDS:.0f} s")
    print("load average (1, 5, 15 min): before " + " ".join(f"{x:.2f}" for x in load_before)
          + ", after " + " ".join(f"{x:.2f}" for x in load_after) + f"; {os.cpu_count()} CPUs")
    # Each worker writes the books of one language; on an idle machine with a core per
    # worker the wall time is about the busiest worker's CPU time.
    per_language: dict[str, float] = {}
    for r in results:
        per_language[r.locale] = per_language.get(r.locale, 0.0) + r.cpu_seconds
    print("CPU time per worker (language): " + ", ".join(f"{k} {v:.1f} s" for k, v in per_language.items())
          + f"; idle-machine estimate {max(per_language.values()):.1f} s")
    too_big = [r.path.name for r in results if r.size / 1e6 >= TARGET_MB]
    if too_big:
        print(f"over {TARGET_MB:.0f} MB: {', '.join(too_big)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
