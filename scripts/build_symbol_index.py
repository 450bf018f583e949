#!/usr/bin/env python3
"""Build a symbol index (file -> qualified name -> line) from a git checkout at a tag.

The project keeps only this derived index, never the upstream code: the index
holds paths, dotted names and line numbers so that diagram references can be
checked and linked without the upstream tree being present at build time.

    python scripts/build_symbol_index.py --repo /path/to/nova.git --project nova --tag 12.0.0

The release must be listed in data/releases.toml first; the index is written
to the file its entry names (``-o`` writes elsewhere, e.g. to compare).
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
import tempfile

from owsite.releases import Catalog


def git(repo: str, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", repo, *args], check=True,
                          capture_output=True).stdout


def list_files(repo: str, tag: str) -> list[str]:
    out = git(repo, "ls-tree", "-r", "--name-only", "-z", tag)
    return sorted(p for p in out.decode().split("\0") if p)


def is_test_path(path: str) -> bool:
    # Test trees are large and never the subject of a diagram step.
    return "/tests/" in f"/{path}"


def parse_any(source: bytes, path: str) -> ast.Module | None:
    """Parse old code: `async` as a plain name (Python < 3.7) or Python 2 syntax."""
    try:
        return ast.parse(source, filename=path)
    except SyntaxError:
        pass
    try:
        return ast.parse(source, filename=path, feature_version=(3, 4))
    except SyntaxError:
        pass
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from lib2to3 import refactor  # line numbers survive the rewrite
    tool = refactor.RefactoringTool(["lib2to3.fixes.fix_print", "lib2to3.fixes.fix_except",
                                     "lib2to3.fixes.fix_exec", "lib2to3.fixes.fix_raise"])
    try:
        text = str(tool.refactor_string(source.decode("utf-8", "replace") + "\n", path))
        return ast.parse(text, filename=path)
    except Exception as exc:  # noqa: BLE001 - report and move on, one file must not stop the index
        print(f"{path}: skipped, cannot parse ({exc})", file=sys.stderr)
        return None


def symbols_of(source: bytes, path: str) -> dict[str, int]:
    """Every class and function, nested ones included, keyed by dotted name."""
    tree = parse_any(source, path)
    if tree is None:
        return {}
    found: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                # A name defined twice (conditional definitions) keeps its first line.
                found.setdefault(name, child.lineno)
                visit(child, name + ".")
            elif isinstance(child, (ast.If, ast.Try, ast.With)):
                visit(child, prefix)

    visit(tree, "")
    return found


def build(repo: str, tag: str, project: str, include_tests: bool) -> dict:
    commit = git(repo, "rev-parse", f"{tag}^{{commit}}").decode().strip()
    files: dict[str, dict[str, int]] = {}
    for path in list_files(repo, tag):
        if not include_tests and is_test_path(path):
            continue
        if path.endswith(".py"):
            files[path] = symbols_of(git(repo, "show", f"{tag}:{path}"), path)
        else:
            files[path] = {}
    return {"project": project, "tag": tag, "commit": commit, "files": files}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", required=True, help="git directory (bare or .git)")
    ap.add_argument("--tag", required=True)
    ap.add_argument("--project", required=True, help="short name, e.g. nova")
    ap.add_argument("--include-tests", action="store_true")
    ap.add_argument("-o", "--output", help="default: the index file data/releases.toml names")
    args = ap.parse_args(argv)
    try:
        entry = Catalog.load().get(args.project, args.tag)
    except LookupError as exc:
        print(f"error: {exc.args[0]}; add an entry to data/releases.toml first", file=sys.stderr)
        return 2
    args.output = args.output or str(entry.index)
    repo = args.repo
    if os.path.isdir(os.path.join(repo, ".git")):
        repo = os.path.join(repo, ".git")
    index = build(repo, args.tag, args.project, args.include_tests)
    text = json.dumps(index, indent=0, sort_keys=True, separators=(",", ":")) + "\n"
    out_dir = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(out_dir, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_dir, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, args.output)
    n = sum(len(v) for v in index["files"].values())
    print(f"{args.output}: {len(index['files'])} files, {n} symbols at {args.tag} ({index['commit'][:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
