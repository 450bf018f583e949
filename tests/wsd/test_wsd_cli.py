"""The command line contract: exit codes, stderr format, no half-written files."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = "title ok\nA->+B: hello\nB-->-A: done\n"
WARN = "A->B: hello\ndeactivate B\n"
BAD = "A->B: hello\nthis is not wsd\n"


def run(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    return subprocess.run([sys.executable, "-m", "wsd", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


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
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# -- output handling (issue 14, item 8) ------------------------------------------

def no_traceback(done):
    assert "Traceback" not in done.stderr, done.stderr


def test_output_into_a_missing_folder_is_a_diagnostic(tmp_path):
    (tmp_path / "a.wsd").write_text(GOOD)
    done = run("render", "a.wsd", "-o", "missing/a.svg", cwd=tmp_path)
    no_traceback(done)
    assert done.returncode == 1
    assert done.stderr.startswith("a.wsd:1:1: error: cannot write missing/a.svg: ")
    assert "does not exist" in done.stderr


def test_output_naming_a_folder_is_a_diagnostic(tmp_path):
    (tmp_path / "a.wsd").write_text(GOOD)
    (tmp_path / "out").mkdir()
    done = run("render", "a.wsd", "-o", "out", cwd=tmp_path)
    no_traceback(done)
    assert done.returncode == 1
    assert "cannot write out: it is a directory" in done.stderr
    assert list((tmp_path / "out").iterdir()) == []


def test_outdir_naming_a_file_reports_every_input_and_keeps_the_file(tmp_path):
    for name in ("one", "two"):
        (tmp_path / f"{name}.wsd").write_text(GOOD)
    (tmp_path / "bad.wsd").write_text(BAD)
    (tmp_path / "out").write_text("a file")
    done = run("render", "one.wsd", "bad.wsd", "two.wsd", "-d", "out", cwd=tmp_path)
    no_traceback(done)
    assert done.returncode == 1
    assert "cannot create folder out" in done.stderr
    # The files after the failure were still read and rendered.
    assert "bad.wsd:2:1: error: not a statement" in done.stderr
    assert "two.wsd:1:1: error: cannot write out/two.svg" in done.stderr
    assert (tmp_path / "out").read_text() == "a file"


def test_one_unwritable_output_does_not_stop_the_others(tmp_path):
    for name in ("one", "two"):
        (tmp_path / f"{name}.wsd").write_text(GOOD)
    (tmp_path / "out" / "one.svg").mkdir(parents=True)
    done = run("render", "one.wsd", "two.wsd", "-d", "out", cwd=tmp_path)
    no_traceback(done)
    assert done.returncode == 1
    assert "one.wsd:1:1: error: cannot write out/one.svg: it is a directory" in done.stderr
    assert (tmp_path / "out" / "two.svg").read_text().startswith("<svg ")


def test_a_symlink_is_written_through_not_replaced(tmp_path):
    (tmp_path / "a.wsd").write_text(GOOD)
    (tmp_path / "real.svg").write_text("old")
    (tmp_path / "link.svg").symlink_to("real.svg")
    done = run("render", "a.wsd", "-o", "link.svg", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "link.svg").is_symlink()
    assert (tmp_path / "real.svg").read_text().startswith("<svg ")


def test_a_fifo_nobody_reads_is_refused_and_stays_a_fifo(tmp_path):
    (tmp_path / "a.wsd").write_text(GOOD)
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    done = run("render", "a.wsd", "-o", "pipe.svg", cwd=tmp_path)
    no_traceback(done)
    assert done.returncode == 1
    assert "cannot write pipe.svg: it is a FIFO that nobody reads" in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_fifo_with_a_reader_gets_the_svg_and_stays_a_fifo(tmp_path):
    (tmp_path / "a.wsd").write_text(GOOD)
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    # The reader opens first (non-blocking), so the writer finds it there.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        done = run("render", "a.wsd", "-o", "pipe.svg", cwd=tmp_path)
        chunks = []
        while chunk := os.read(reader, 65536):
            chunks.append(chunk)
    finally:
        os.close(reader)
    assert done.returncode == 0, done.stderr
    assert b"".join(chunks).startswith(b"<svg ")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_outputs_follow_the_umask(tmp_path, umask, mode):
    (tmp_path / "a.wsd").write_text(GOOD)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    done = subprocess.run([sys.executable, "-m", "wsd", "render", "a.wsd", "-o", "a.svg"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
                          umask=umask, check=False)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE((tmp_path / "a.svg").stat().st_mode) == mode


def test_a_replaced_output_keeps_its_mode(tmp_path):
    (tmp_path / "a.wsd").write_text(GOOD)
    (tmp_path / "a.svg").write_text("old")
    (tmp_path / "a.svg").chmod(0o640)
    assert run("render", "a.wsd", "-o", "a.svg", cwd=tmp_path).returncode == 0
    assert stat.S_IMODE((tmp_path / "a.svg").stat().st_mode) == 0o640


def test_invalid_utf8_and_bom_through_the_cli(tmp_path):
    (tmp_path / "bad.wsd").write_bytes(b"A->B: ok\nB->C: caf\xe9\n")
    (tmp_path / "bom.wsd").write_bytes(b"\xef\xbb\xbftitle T\nA->B: x\n")
    done = run("check", "bad.wsd", "bom.wsd", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("bad.wsd:2:10: error: invalid UTF-8")
    assert "bom.wsd" not in done.stderr
