"""Build timings of the whole site, printed as a table.

    .venv/bin/python benchmarks/bench_build.py [--runs 3] [--reloads 3] [--no-strict]

Works on a copy of the project in a temporary directory, so the checkout's
.cache/ and site/ are left alone. Measures, each as a whole `mkdocs build`
process (what `make build` runs):

- cold: diagram cache emptied first, so every diagram is rendered;
- warm: the cache from the previous run, so every diagram is a cache hit;
- no diagrams: the ow-diagrams plugin disabled in mkdocs.yml, so every
  ```sequence fence is a plain code block (the fence's fallback);
- edit to reload: a real `mkdocs serve --dirty` on 127.0.0.1, as `make serve`
  runs it; the time from writing an edited diagrams/nova/liberty/pause.wsd to
  the served page containing the edit (waiting on the livereload long-poll, as
  the page's script does, then fetching the page). The same for a paragraph
  added to a page (docs/zh/liberty/nova/pause.md), which re-renders that page,
  for an edit to its heading, which re-renders every page, and for a diagram
  edit under plain `mkdocs serve` for comparison.

--pages N first copies operation pages (outside the nav) into the scratch
project until it has N pages in both languages, to measure a bigger site.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ["mkdocs.yml", "docs", "diagrams", "hooks", "overrides", "data"]
PYTHON = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
ENV.pop("WSD_BACKEND", None)
ENV.pop("OW_PDF", None)


def copy_project(target: Path) -> None:
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)


def timed_build(project: Path, strict: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one build process; CPU time is less sensitive to a busy machine."""
    args = [PYTHON, "-m", "mkdocs", "build", "--site-dir", "site"] + (["--strict"] if strict else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"build failed in {project}:\n{done.stdout[-3000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LIVERELOAD_RE = re.compile(r"livereload\((\d+), (\d+)\)")


def fetch(url: str, timeout: float = 5) -> str:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return reply.read().decode("utf-8")
    except OSError:
        return ""


def grow(project: Path, pages: int) -> None:
    """Copy operation pages under docs/<lang>/bench-copy-<n>/ until the site has `pages` pages."""
    docs = project / "docs"
    sources = sorted((docs / "zh" / "nova").glob("*.md"))
    count, round_ = sum(1 for _ in docs.rglob("*.md")), 0
    while count < pages:
        round_ += 1
        for source in sources:
            if count >= pages:
                break
            for language in ("zh", "en"):
                target = docs / language / f"bench-copy-{round_}" / source.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(docs / language / "nova" / source.name, target)
                count += 1


def edit_to_reload(project: Path, trials: int, edited: str, dirty: bool = True,
                   heading: bool = True) -> list[float]:
    port = free_port()
    serve = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", *(["--dirty"] if dirty else []),
                              "--dev-addr", f"127.0.0.1:{port}"],
                             cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/openstack-workflow/liberty/nova/pause/"
    wsd = project / edited
    original = wsd.read_text(encoding="utf-8")
    times = []
    try:
        deadline = time.monotonic() + 300
        while "wsd-figure" not in fetch(url):
            if time.monotonic() > deadline or serve.poll() is not None:
                sys.exit("mkdocs serve did not come up")
            time.sleep(0.2)
        time.sleep(1.0)  # let the watcher settle after the first build
        for trial in range(trials):
            token = f"edited {trial} {time.time_ns()}"
            if wsd.suffix == ".wsd":
                text = original.replace("\ntitle ", f"\ntitle [{token}] ", 1)
            elif heading:
                text = original.replace("\n# ", f"\n# [{token}] ", 1)
            else:   # a new paragraph: the page's outline (front matter, headings) is unchanged
                text = original.rstrip("\n") + f"\n\n{token}\n"
            assert text != original, f"{edited} has no title line to edit"
            epoch = LIVERELOAD_RE.search(fetch(url))
            started = time.perf_counter()
            wsd.write_text(text, encoding="utf-8")
            # What the page's own livereload script does: long-poll until a
            # newer build is visible, then reload; repeat if that build
            # predates the edit.
            while True:
                fetch(f"http://127.0.0.1:{port}/livereload/{epoch[1]}/{epoch[2]}", timeout=70)
                page = fetch(url)
                if token in page:
                    break
                if time.perf_counter() - started > 120:
                    sys.exit("the edit never showed")
                epoch = LIVERELOAD_RE.search(page) or epoch
            times.append(time.perf_counter() - started)
            time.sleep(1.0)
    finally:
        wsd.write_text(original, encoding="utf-8")
        serve.terminate()
        try:
            serve.wait(timeout=10)
        except subprocess.TimeoutExpired:
            serve.kill()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement (median)")
    parser.add_argument("--reloads", type=int, default=3, help="edits under serve")
    parser.add_argument("--no-strict", action="store_true", help="measure even if the site has warnings")
    parser.add_argument("--pages", type=int, default=0, help="grow the site to this many pages first")
    parser.add_argument("--reloads-only", action="store_true", help="skip the whole-build timings")
    args = parser.parse_args()
    strict = not args.no_strict

    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        project = Path(tmp)
        copy_project(project)
        if args.pages:
            grow(project, args.pages)
        cache = project / ".cache/wsd"

        config = project / "mkdocs.yml"
        with_fence = config.read_text(encoding="utf-8")
        without = with_fence.replace("  - ow-diagrams:\n", "  - ow-diagrams:\n      enabled: false\n", 1)
        assert without != with_fence, "mkdocs.yml no longer lists the ow-diagrams plugin with options"
        # Interleaved, so a busy moment on the machine hits every kind of build alike.
        cold, warm, plain = [], [], []
        for _ in range(0 if args.reloads_only else args.runs):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(timed_build(project, strict))
            warm.append(timed_build(project, strict))
            config.write_text(without, encoding="utf-8")
            plain.append(timed_build(project, strict))
            config.write_text(with_fence, encoding="utf-8")

        if args.reloads_only:
            timed_build(project, strict=False)   # fills the diagram cache, as a previous serve would have
        reloads = {}
        if args.reloads:
            reloads["edit .wsd -> page (serve)"] = edit_to_reload(
                project, args.reloads, "diagrams/nova/liberty/pause.wsd")
            reloads["edit .md body -> page"] = edit_to_reload(
                project, args.reloads, "docs/zh/liberty/nova/pause.md", heading=False)
            reloads["edit .md heading -> page"] = edit_to_reload(
                project, args.reloads, "docs/zh/liberty/nova/pause.md")
            reloads[".wsd, serve without --dirty"] = edit_to_reload(
                project, args.reloads, "diagrams/nova/liberty/pause.wsd", dirty=False)
        pages = sum(1 for _ in (project / "docs").rglob("*.md"))

    diagrams = len(list((ROOT / "diagrams").rglob("*.wsd")))
    print(f"site: {pages} pages (both languages), {diagrams} diagrams; {args.runs} interleaved runs each")
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'measurement':<28}{'wall min':>9}{'median':>8}{'CPU min':>9}{'vs no diagrams':>16}{'target':>10}")
    base_wall, base_cpu = min((w for w, _ in plain), default=0), min((c for _, c in plain), default=0)
    for name, runs, limit in (("no diagrams (code blocks)", plain, None), ("cold (cache emptied)", cold, 1.5),
                              ("warm (cache hits)", warm, 1.2)):
        if not runs:
            continue
        wall, cpu = min(w for w, _ in runs), min(c for _, c in runs)
        ratio = "" if limit is None else f"{wall / base_wall - 1:+.0%} / {cpu / base_cpu - 1:+.0%}"
        target = "" if limit is None else f"<= {limit - 1:+.0%}"
        print(f"{name:<28}{wall:>9.2f}{statistics.median(w for w, _ in runs):>8.2f}{cpu:>9.2f}"
              f"{ratio:>16}{target:>10}")
    for name, times in reloads.items():
        if times:
            target = "< 3 s" if name.startswith(("edit .wsd", "edit .md body")) else ""
            print(f"{name:<28}{min(times):>9.2f}{statistics.median(times):>8.2f}{'':>9}{'':>16}{target:>10}"
                  f"   (each: {', '.join(f'{t:.2f}' for t in times)})")
    print("(ratios: wall / CPU, from the fastest run of each kind)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
