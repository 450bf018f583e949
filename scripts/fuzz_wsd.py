"""Fuzz the renderer through its command line, for release checks.

    python scripts/fuzz_wsd.py [--cases 20000] [--seed 1] [--batch 200] [--keep DIR]

Writes generated and mutated diagrams (the repository's own diagrams,
mutated byte by byte with markup, line endings, invalid UTF-8, BOMs and WSD
keywords) in batches, renders each batch twice with ``python -m wsd render -d``
and checks: exit status 0 or 1, no traceback, every stderr line a
``FILE:LINE:COL: severity: message`` diagnostic, every SVG well-formed with
only the whitelisted elements, and both runs byte-identical. Failing inputs
are copied to ``--keep`` (default ``fuzz-failures/``). The in-process
counterpart is tests/wsd/test_wsd_fuzz.py (``WSD_FUZZ_EXAMPLES`` sets its
budget).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ELEMENTS = {"svg", "rect", "line", "path", "polygon", "text", "tspan", "g", "a", "title",
            "style"}
DIAGNOSTIC = re.compile(r"^case\d+\.wsd:\d+:\d+: (error|warning): .")
TOKENS = ["<", ">", "&", '"', "]]>", "<script>x</script>", "\\n", "\n", "\r", "\r\n",
          "\x00", "\x0b", "\x0c", "\x85", "\u2028", "\ufeff", "\u202e", "中文", "𝔘", ":",
          "->", "-->>", "<->", "+", "-", "*", ",", "#", "# nova/a.py F.g", "note over A",
          "end note", "alt", "else", "end", "activate", "deactivate", "destroy",
          "participant", "actor", "as", "title", " " * 200, "\t"]


def mutate(rng: random.Random, seeds: list[bytes]) -> bytes:
    if rng.random() < 0.15:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(300)))
    if rng.random() < 0.15:
        return "".join(rng.choice(TOKENS) for _ in range(rng.randrange(80))).encode()
    data = bytearray(rng.choice(seeds))
    for _ in range(rng.randint(1, 10)):
        pos = rng.randint(0, len(data))
        roll = rng.random()
        if roll < 0.25 and data:
            del data[pos:pos + rng.randint(1, 60)]
        elif roll < 0.6:
            data[pos:pos] = rng.choice(TOKENS).encode()
        elif roll < 0.75:
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        elif roll < 0.9 and data:
            data[pos:pos] = data[pos:pos + rng.randint(1, 400)]
        elif data:
            data[min(pos, len(data) - 1)] ^= rng.randint(1, 255)
    return bytes(data)


def render(files: list[Path], out: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    # Relative names, so each diagnostic starts with the file's own name.
    return subprocess.run([sys.executable, "-m", "wsd", "render", *(p.name for p in files),
                           "-d", str(out)], cwd=files[0].parent, env=env, capture_output=True,
                          text=True, errors="replace", check=False, timeout=600)


def problems(done: subprocess.CompletedProcess[str], out: Path) -> list[str]:
    found = []
    if done.returncode not in (0, 1):
        found.append(f"exit status {done.returncode}")
    if "Traceback" in done.stderr:
        found.append("traceback:\n" + done.stderr[-3000:])
    # Split at \n only: a message may quote U+2028 or U+0085 from the input.
    for line in done.stderr.split("\n"):
        if line and not DIAGNOSTIC.match(line) and not line.startswith((" ", "\t")):
            found.append(f"stderr line is not a diagnostic: {line[:200]!r}")
    for svg in sorted(out.glob("*.svg")):
        try:
            root = ET.parse(svg).getroot()
        except ET.ParseError as exc:
            found.append(f"{svg.name}: not well-formed: {exc}")
            continue
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag not in ELEMENTS:
                found.append(f"{svg.name}: element <{tag}> outside the whitelist")
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    seeds = [p.read_bytes() for p in sorted(ROOT.glob("diagrams/**/*.wsd"))] or [b"A->B: x\n"]
    failures = 0
    start = time.perf_counter()
    for first in range(0, args.cases, args.batch):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            files = []
            for i in range(first, min(first + args.batch, args.cases)):
                path = folder / f"case{i}.wsd"
                path.write_bytes(mutate(rng, seeds))
                files.append(path)
            runs = [render(files, folder / name) for name in ("one", "two")]
            found = problems(runs[0], folder / "one")
            one = {p.name: p.read_bytes() for p in (folder / "one").glob("*.svg")}
            two = {p.name: p.read_bytes() for p in (folder / "two").glob("*.svg")}
            if one != two or runs[0].stderr != runs[1].stderr:
                found.append("two runs differ")
            if found:
                failures += 1
                keep = args.keep / f"batch{first}"
                keep.mkdir(parents=True, exist_ok=True)
                for path in files:
                    shutil.copy(path, keep / path.name)
                print(f"batch from case {first}: " + "\n  ".join(found[:5]), flush=True)
        done = min(first + args.batch, args.cases)
        print(f"{done}/{args.cases} cases, {failures} failing batches, "
              f"{time.perf_counter() - start:.0f} s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
