"""Benchmark: how the renderer's cost grows with the size of one diagram.

    python benchmarks/bench_scaling.py [--sizes 10000,100000] [--only NAME] [--hooks DIR]...

Each case is one fresh `python -m wsd render FILE -o OUT` (start-up
included), so the figures are what a build or `serve` pays for that file.
Printed per case: statements or bytes, wall seconds, the child's CPU
seconds (user + sys: what the wall time would be on an idle machine) and its
peak RSS.
Cases:

- ``shaped-N``: N statements generated like the project's diagrams (the
  generator of bench_render.py: notes, messages with bars, nested groups);
- ``nested-N``: N activations of one participant, each nested in the last,
  with a message between them;
- ``groups-N``: N/3 alt groups in a row, each holding one message;
- ``participant-spaces-N``: `participant a` + N blanks + `b` (a line that
  once made the parser backtrack quadratically).

``--hooks DIR`` (repeatable) renders with the renderer in ``DIR`` instead of
this checkout's ``hooks/``: give two (e.g. ``--hooks ../other-checkout/hooks
--hooks hooks``) to compare two checkouts case by case, each line then
naming its renderer; the target is checked for the last one. The figures
are the best of ``--runs`` renders.

Target (issue 14, item 13): 100,000 shaped statements under 5 s and 300 MB.
The figures are printed, not asserted: the machine's cores are shared.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# Run as a script, so this folder is on sys.path and bench_render imports.
from bench_render import diagram as shaped_diagram

ROOT = Path(__file__).resolve().parent.parent

TARGET_SECONDS = 5.0
TARGET_MB = 300.0


def shaped(n: int) -> str:
    return shaped_diagram(random.Random(n), 0, n, 11)


def nested(n: int) -> str:
    # A message between activations: each one asks how deep B's bars are.
    opened = "".join(f"A->B: in {i}\nactivate B\n" for i in range(n))
    return opened + "".join(f"B-->A: out {i}\ndeactivate B\n" for i in range(n))


def groups(n: int) -> str:
    return "".join(f"alt case {i}\nA->B: m{i}\nend\n" for i in range(n // 3))


def participant_spaces(n: int) -> str:
    return "participant a" + " " * n + "b\n"


CASES: dict[str, Callable[[int], str]] = {
    "shaped": shaped, "nested": nested, "groups": groups,
    "participant-spaces": participant_spaces,
}


def run_case(path: Path, out: Path, hooks: Path) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak RSS MB, exit code) of one fresh render of ``path`` by ``hooks``/wsd."""
    env = dict(os.environ, PYTHONPATH=str(hooks))
    code = ("import resource, sys\nfrom wsd.__main__ import main\n"
            "rc = main(sys.argv[1:])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
            "sys.exit(rc)\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, "render", str(path), "-o", str(out)],
                          env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "0"
    rss_mb = int(last) / 1024 if last.isdigit() else float("nan")
    return wall, cpu, rss_mb, done.returncode


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Scaling of the WSD renderer.")
    parser.add_argument("--sizes", default="10000,100000",
                        help="comma-separated sizes (statements, or blanks for spaces)")
    parser.add_argument("--only", choices=sorted(CASES), help="run one kind of case")
    parser.add_argument("--hooks", type=Path, action="append",
                        help="folder holding the wsd package to run (repeat to compare)")
    parser.add_argument("--runs", type=int, default=1, help="renders per case; best is shown")
    args = parser.parse_args(argv)
    renderers = [h.resolve() for h in args.hooks] if args.hooks else [ROOT / "hooks"]
    sizes = [int(s) for s in args.sizes.split(",")]
    ok, ran = True, False
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in CASES.items():
            if args.only and name != args.only:
                continue
            for n in sizes:
                path = Path(tmp) / f"{name}-{n}.wsd"
                path.write_text(make(n), encoding="utf-8")
                size = path.stat().st_size
                for hooks in renderers:
                    results = [run_case(path, Path(tmp) / "out.svg", hooks)
                               for _ in range(args.runs)]
                    wall = min(r[0] for r in results)
                    cpu = min(r[1] for r in results)
                    rss = max(r[2] for r in results)
                    rc = max(r[3] for r in results)
                    who = f" [{hooks}]" if len(renderers) > 1 else ""
                    print(f"{name}-{n}{who}: {size} bytes, {wall:.2f} s (CPU {cpu:.2f} s), "
                          f"peak RSS {rss:.0f} MB, exit {rc}", flush=True)
                    # The target is this checkout's; other renderers are for comparison.
                    if name == "shaped" and n == 100_000 and hooks == renderers[-1]:
                        ran = True
                        ok = ok and wall < TARGET_SECONDS and rss < TARGET_MB
    print(f"target for shaped-100000: < {TARGET_SECONDS:.0f} s and < {TARGET_MB:.0f} MB: "
          + ("not run" if not ran else "met" if ok else "NOT MET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
