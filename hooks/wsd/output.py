"""Writing an SVG where the command line was told to, and nothing else.

A regular file is replaced atomically (a temporary file in the same folder,
renamed over it), so a failed run leaves no half-written or stale-looking
SVG. Nothing that is not a regular file is ever replaced: a symlink is
written through to the file it names, a character device (``/dev/null``, a
terminal) and a FIFO with a reader are written to directly, and anything
else (a directory, a block device, a socket, a FIFO nobody reads) is refused
with a reason. New files get the mode the umask allows, as any tool's would.
"""
from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
from pathlib import Path

_CHUNK = 1 << 20   # characters encoded at a time


class OutputError(Exception):
    """The output cannot be written; ``args[0]`` says why, for a diagnostic."""


def _umask() -> int:
    # os.umask can only be read by setting it; the CLI is single-threaded.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_output(target: Path, data: str) -> None:
    """Write ``data`` (UTF-8, `\\n` line ends) to ``target``; raises OutputError."""
    real = Path(os.path.realpath(target))
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None
    if st is None:
        if not real.parent.is_dir():
            raise OutputError(f"folder {real.parent} does not exist")
        _replace(real, data, 0o666 & ~_umask())
    elif stat.S_ISREG(st.st_mode):
        _replace(real, data, stat.S_IMODE(st.st_mode))
    elif stat.S_ISDIR(st.st_mode):
        raise OutputError("it is a directory (use -d DIR to write into a directory)")
    elif stat.S_ISCHR(st.st_mode):
        _write_in_place(real, data, os.O_WRONLY)
    elif stat.S_ISFIFO(st.st_mode):
        # Without a reader, opening a FIFO for writing would wait forever.
        _write_in_place(real, data, os.O_WRONLY | os.O_NONBLOCK)
    else:
        raise OutputError("it is not a regular file (a block device or a socket); "
                          "not replaced")


def _write_in_place(path: Path, data: str, flags: int) -> None:
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError("it is a FIFO that nobody reads; not replaced") from None
        raise OutputError(exc.strerror or str(exc)) from None
    try:
        if flags & os.O_NONBLOCK:
            # The reader is there: wait for it as a normal write would.
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        # Encoded a slice at a time: a large SVG is not held twice.
        for at in range(0, len(data), _CHUNK):
            view = memoryview(data[at:at + _CHUNK].encode("utf-8"))
            while view:
                view = view[os.write(fd, view):]
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def _replace(path: Path, data: str, mode: int) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            for at in range(0, len(data), _CHUNK):
                out.write(data[at:at + _CHUNK])
            os.fchmod(out.fileno(), mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(exc.strerror or str(exc)) from None
        raise
