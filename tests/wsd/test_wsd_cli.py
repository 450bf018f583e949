"""The command line contract: exit codes, stderr format, no half-written files."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD = "title ok\nA->+B: hello\nB-->-A: done\n"
WARN = "A->B: hello\ndeactivate B\n"
BAD = "A->B: hello\nthis is not wsd\n"


def run(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    return subprocess.run([sys.executable, "-m", "wsd", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


def test_render_one_file(tmp_path):
    (tmp_path / "a.wsd").write_text(GOOD)
    done = run("render", "a.wsd", "-o", "a.svg", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert (tmp_path / "a.svg").read_text().startswith("<svg ")


def test_warnings_go_to_stderr_and_still_render(tmp_path):
    (tmp_path / "w.wsd").write_text(WARN)
    done = run("render", "w.wsd", "-o", "w.svg", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr == "w.wsd:2:12: warning: 'B' is not active; this deactivation is ignored\n"
    assert (tmp_path / "w.svg").is_file()


def test_error_exits_1_and_creates_no_file(tmp_path):
    (tmp_path / "bad.wsd").write_text(BAD)
    done = run("render", "bad.wsd", "-o", "bad.svg", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("bad.wsd:2:1: error: not a statement: 'this is not wsd'")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.wsd"]


def test_error_keeps_an_existing_output_untouched(tmp_path):
    (tmp_path / "bad.wsd").write_text(BAD)
    (tmp_path / "bad.svg").write_text("previous")
    assert run("render", "bad.wsd", "-o", "bad.svg", cwd=tmp_path).returncode == 1
    assert (tmp_path / "bad.svg").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.svg", "bad.wsd"]


def test_many_files_into_a_directory(tmp_path):
    for name, text in (("one", GOOD), ("two", WARN), ("three", BAD)):
        (tmp_path / f"{name}.wsd").write_text(text)
    done = run("render", "one.wsd", "two.wsd", "three.wsd", "-d", "out", cwd=tmp_path)
    assert done.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["one.svg", "two.svg"]
    assert "three.wsd:2:1: error:" in done.stderr


def test_check_and_strict(tmp_path):
    (tmp_path / "g.wsd").write_text(GOOD)
    (tmp_path / "w.wsd").write_text(WARN)
    (tmp_path / "b.wsd").write_text(BAD)
    assert run("check", "g.wsd", "w.wsd", cwd=tmp_path).returncode == 0
    strict = run("check", "--strict", "g.wsd", "w.wsd", cwd=tmp_path)
    assert strict.returncode == 1 and strict.stderr.startswith("w.wsd:2:12: warning:")
    assert run("check", "b.wsd", cwd=tmp_path).returncode == 1
    assert not list(tmp_path.glob("*.svg"))


def test_missing_file_is_reported_with_its_name(tmp_path):
    done = run("check", "nope.wsd", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("nope.wsd:1:1: error: cannot read")


def test_bad_usage_exits_2(tmp_path):
    (tmp_path / "a.wsd").write_text(GOOD)
    assert run("render", "a.wsd", "a.wsd", "-o", "x.svg", cwd=tmp_path).returncode == 2


def test_renderer_stands_alone_without_mkdocs(tmp_path):
    code = ("import sys, wsd; wsd.render('A->B: x'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('mkdocs', 'material', 'pymdownx', 'fontTools', 'weasyprint')))")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
