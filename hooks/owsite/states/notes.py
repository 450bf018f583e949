"""The written prose of the state index: ``data/state-notes/<project>.toml``.

One table per value, ``["task_state"."migrating"]``, with ``zh`` and ``en``
and, where Liberty differs, ``zh_liberty`` and ``en_liberty``. The files are
checked against what the diagrams write, so a note cannot outlive its value;
every problem is reported as ``file:line:column: message``.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("zh", "en")
LIBERTY_CAVEAT = {
    "zh": "（这段说明按 2026.1 写成，Liberty 的命令和细节可能不同。）",
    "en": "(Written for 2026.1: at Liberty the commands and details may differ.)",
}
KEYS = frozenset({"zh", "en", "zh_liberty", "en_liberty"})
TOML_POSITION_RE = re.compile(r"\(at line (\d+), column (\d+)\)")
KEY_LINE_RE = re.compile(r"^(\s*)([A-Za-z_][\w-]*)\s*=")


class NoteError(ValueError):
    """One or more problems in the note files, each ``file:line:column: message``."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass(frozen=True)
class Note:
    project: str
    field: str
    value: str
    text: dict[str, str]          # zh, en, and maybe zh_liberty, en_liberty
    file: str
    line: int
    col: int

    def prose(self, language: str, liberty: bool) -> str:
        """The note for the current release, or for Liberty. A note with no Liberty
        variant is shown on the Liberty index under a caveat: its commands and
        details were checked against the current release only."""
        if liberty and f"{language}_liberty" in self.text:
            return self.text[f"{language}_liberty"]
        text = self.text.get(language, "")
        if liberty and text:
            return f"*{LIBERTY_CAVEAT.get(language, LIBERTY_CAVEAT['en'])}* {text}"
        return text


def _positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """Where each table header and each key in a table is written: (line, column)."""
    found: dict[tuple[str, ...], tuple[int, int]] = {}
    table: tuple[str, ...] = ()
    in_string = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if not in_string and stripped.startswith("["):
            try:
                parsed = tomllib.loads(stripped)
            except tomllib.TOMLDecodeError:
                parsed = {}
            path: list[str] = []
            while isinstance(parsed, dict) and len(parsed) == 1:
                key = next(iter(parsed))
                path.append(key)
                parsed = parsed[key]
            table = tuple(path)
            found.setdefault(table, (number, len(line) - len(stripped) + 1))
        elif not in_string:
            match = KEY_LINE_RE.match(line)
            if match:
                found.setdefault((*table, match[2]), (number, len(match[1]) + 1))
        if line.count('"""') % 2 == 1:
            in_string = not in_string
    return found


def load_file(path: Path, root: Path | None = None) -> list[Note]:
    """The notes of one project's file; NoteError for a file TOML cannot read or an unexpected shape."""
    shown = path.relative_to(root).as_posix() if root and path.is_relative_to(root) else str(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = TOML_POSITION_RE.search(str(exc))
        line, col = (int(where[1]), int(where[2])) if where else (1, 1)
        message = TOML_POSITION_RE.sub("", str(exc)).strip()
        raise NoteError([f"{shown}:{line}:{col}: {message}"]) from None
    positions = _positions(text)
    notes: list[Note] = []
    errors: list[str] = []
    for field_name, values in data.items():
        if not isinstance(values, dict):
            line, col = positions.get((field_name,), (1, 1))
            errors.append(f"{shown}:{line}:{col}: {field_name!r} must be a table of values, "
                          f'["{field_name}"."<value>"]')
            continue
        for value, body in values.items():
            line, col = positions.get((field_name, value), positions.get((field_name,), (1, 1)))
            if not isinstance(body, dict):
                errors.append(f"{shown}:{line}:{col}: [{field_name!r}.{value!r}] must be a table "
                              "with zh and en")
                continue
            for key, item in body.items():
                kline, kcol = positions.get((field_name, value, key), (line, col))
                if key not in KEYS:
                    errors.append(f"{shown}:{kline}:{kcol}: unknown key {key!r} (expected one of "
                                  f"{', '.join(sorted(KEYS))})")
                elif not isinstance(item, str) or not item.strip():
                    errors.append(f"{shown}:{kline}:{kcol}: {key} must be non-empty text")
            for zh, en in (("zh", "en"), ("zh_liberty", "en_liberty")):
                if (zh in body) != (en in body):
                    errors.append(f"{shown}:{line}:{col}: [{field_name!r}.{value!r}] has "
                                  f"{zh if zh in body else en} without {en if zh in body else zh}")
            if "zh" not in body and "en" not in body:
                errors.append(f"{shown}:{line}:{col}: [{field_name!r}.{value!r}] has no zh and en")
            notes.append(Note(path.stem, field_name, value,
                              {k: v for k, v in body.items() if isinstance(v, str)}, shown, line, col))
    if errors:
        raise NoteError(errors)
    return notes


def load(folder: Path, root: Path | None = None) -> list[Note]:
    """Every note under ``folder``; NoteError listing the problems of every file."""
    notes: list[Note] = []
    errors: list[str] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            notes.extend(load_file(path, root))
        except NoteError as exc:
            errors.extend(exc.messages)
    if errors:
        raise NoteError(errors)
    return notes


def check(notes: Iterable[Note], written: dict[tuple[str, str, str], set[str]]) -> None:
    """NoteError for a note no diagram backs: ``written`` maps (project, field, value) to the
    series whose diagrams write it."""
    errors: list[str] = []
    for note in notes:
        series = written.get((note.project, note.field, note.value))
        where = f"{note.file}:{note.line}:{note.col}"
        if not series:
            errors.append(f"{where}: no {note.project} diagram writes {note.field}={note.value}; "
                          "a note must explain a value the index lists")
        elif "zh_liberty" in note.text and "Liberty" not in series:
            errors.append(f"{where}: a Liberty variant, but no Liberty diagram writes "
                          f"{note.field}={note.value}")
    if errors:
        raise NoteError(errors)
