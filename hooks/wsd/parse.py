"""Stage 1: WSD text -> statements with positions.

The parser only recognises the shape of each line. What a statement means
(which participant is active, where a group ends) is decided by ``model``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, TypeAlias

from .diagnostics import Reporter
from .source import split_lines, strip_bom

# Longest first, so `-->>` is never read as `-->` followed by `>`.
ARROWS = ("<-->", "<->", "-->>", "->>", "-->", "->")
GROUP_KEYWORDS = ("alt", "opt", "loop", "par")
# Words of the wider WSD language (premium features) that we do not draw.
UNSUPPORTED = ("autonumber", "option", "state", "ref", "parallel", "include",
               "create", "seq", "box")

# Alternatives in ARROWS order: at one position the longest arrow wins.
_ARROW_RE = re.compile("|".join(re.escape(arrow) for arrow in ARROWS))
_KEYWORD_RE = re.compile(r"([A-Za-z]+)(?=\s|:|$)")
_DIRECTIVE_RE = re.compile(r"#\s*@([A-Za-z][\w-]*)\s*(.*)$")
_REF_RE = re.compile(r"#\s*(?P<path>[\w./-]+\.py)\s+(?P<name>[A-Za-z_][\w.]*)(?:\(\))?\s*$")
_REF_LIKE_RE = re.compile(r"#\s*[\w./-]+\.py\b")
_NOTE_RE = re.compile(r"note\s+(left\s+of|right\s+of|over)(?=\s|:|$)\s*", re.IGNORECASE)
_END_NOTE_RE = re.compile(r"end\s+note$", re.IGNORECASE)
_PARTICIPANT_RE = re.compile(r"(participant|actor)(?::([A-Za-z]+))?(?=\s|$)\s*", re.IGNORECASE)
_AS_WORD_RE = re.compile("as", re.IGNORECASE)
# Characters XML 1.0 cannot hold, even escaped: they would break the SVG.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SHAPES = {"actor": "actor"}
_BOX_SHAPES = ("database", "collections", "cloud", "queue", "participant")


Shape = Literal["box", "actor"]
Placement = Literal["left", "right", "over"]
Verb = Literal["activate", "deactivate", "destroy"]
_VERBS: dict[str, Verb] = {"activate": "activate", "deactivate": "deactivate",
                           "destroy": "destroy"}
_PLACEMENTS: dict[str, Placement] = {"left": "left", "right": "right", "over": "over"}


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A `# path/to/file.py Name` comment; applies to the statements after it."""
    path: str
    name: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Title:
    line: int
    col: int
    text: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Participant:
    line: int
    col: int
    name: str              # what later lines use to refer to it
    label: tuple[str, ...]  # what the box shows
    shape: Shape


@dataclass(frozen=True, slots=True)
class Signal:
    line: int
    col: int
    source: str
    target: str
    arrow: str             # one of ARROWS
    modifier: str          # "", "+", "-" or "*"
    text: tuple[str, ...]
    source_col: int
    target_col: int


@dataclass(frozen=True, slots=True)
class Note:
    line: int
    col: int
    placement: Placement
    targets: tuple[str, ...]
    text: tuple[str, ...]
    target_col: int


@dataclass(frozen=True, slots=True)
class Activation:
    line: int
    col: int
    verb: Verb
    name: str
    name_col: int


@dataclass(frozen=True, slots=True)
class GroupStart:
    line: int
    col: int
    keyword: str
    label: str


@dataclass(frozen=True, slots=True)
class Else:
    line: int
    col: int
    label: str


@dataclass(frozen=True, slots=True)
class End:
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Directive:
    line: int
    col: int
    key: str
    value: str


@dataclass(frozen=True, slots=True)
class Reference:
    line: int
    col: int
    ref: SourceRef


# Every statement the parser can produce; ``model.build`` matches on this
# union, so the type checker names it when a new kind is added here.
Statement: TypeAlias = (Title | Participant | Signal | Note | Activation | GroupStart | Else
                        | End | Directive | Reference)


def text_lines(text: str) -> tuple[str, ...]:
    """`\\n` (backslash, n) breaks a line in every text of the language."""
    return tuple(part.strip() for part in text.split("\\n"))


def _unquoted(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each stretch of ``text`` outside double quotes.

    A quote left open runs to the end. Searching these stretches with str
    and re methods, rather than a loop over every character, keeps parsing a
    100,000-line diagram well under a second.
    """
    start = 0
    while True:
        quote = text.find('"', start)
        if quote < 0:
            yield start, len(text)
            return
        yield start, quote
        close = text.find('"', quote + 1)
        if close < 0:
            return
        start = close + 1


def _split_outside_quotes(text: str, sep: str) -> int:
    """Index of the first ``sep`` not inside double quotes, or -1."""
    for start, end in _unquoted(text):
        at = text.find(sep, start, end)
        if at >= 0:
            return at
    return -1


def _find_arrow(head: str) -> tuple[int, str] | None:
    """The leftmost arrow outside quotes, the longest one at that place."""
    for start, end in _unquoted(head):
        m = _ARROW_RE.search(head, start, end)
        if m:
            return m.start(), m.group()
    return None


def _unquote(name: str) -> str:
    name = name.strip()
    if len(name) >= 2 and name[0] == '"' and name[-1] == '"':
        return name[1:-1].strip()
    return name


class _Parser:
    def __init__(self, text: str, report: Reporter):
        self.lines = split_lines(strip_bom(text))
        self.report = report
        self.out: list[Statement] = []

    def run(self) -> list[Statement]:
        index = 0
        while index < len(self.lines):
            index = self.statement(index)
        return self.out

    def statement(self, index: int) -> int:
        raw = self.lines[index]
        number = index + 1
        # Before the blank test: strip() would hide a form feed or U+000B.
        if not self.xml_safe(raw, number):
            return index + 1
        body = raw.strip()
        if not body:
            return index + 1
        col = len(raw) - len(raw.lstrip()) + 1
        if body.startswith("#"):
            self.comment(body, number, col)
            return index + 1
        m = _KEYWORD_RE.match(body)
        keyword = m.group(1).lower() if m else ""
        if keyword == "title":
            self.title(body, number, col)
            return index + 1
        colon = _split_outside_quotes(body, ":")
        head = body if colon < 0 else body[:colon]
        found = _find_arrow(head)
        if found:
            self.signal(body, colon, found, number, col)
            return index + 1
        if keyword == "note":
            return self.note(body, index, col)
        if keyword in ("participant", "actor"):
            self.participant(body, number, col)
        elif keyword in _VERBS:
            self.activation(_VERBS[keyword], body, number, col)
        elif keyword in GROUP_KEYWORDS:
            label = body[len(keyword):].strip()
            self.out.append(GroupStart(number, col, keyword, _strip_colon(label)))
        elif keyword == "else":
            self.out.append(Else(number, col, _strip_colon(body[4:].strip())))
        elif keyword == "end":
            self.end(body, number, col)
        elif keyword in UNSUPPORTED:
            self.report.error(number, col, f"'{keyword}' is not supported by this renderer")
        else:
            shown = body if len(body) <= 40 else body[:37] + "..."
            self.report.error(number, col, f"not a statement: '{shown}' "
                              "(expected a message such as 'A->B: text', a note, "
                              "a participant, activate/deactivate or a group)")
        return index + 1

    def xml_safe(self, raw: str, number: int) -> bool:
        bad = _NOT_XML_RE.search(raw)
        if bad:
            self.report.error(number, bad.start() + 1, f"character U+{ord(bad.group()):04X} "
                              "cannot appear in a diagram (it cannot be written to SVG)")
        return bad is None

    def comment(self, body: str, number: int, col: int) -> None:
        m = _DIRECTIVE_RE.match(body)
        if m:
            self.out.append(Directive(number, col, m.group(1), m.group(2).strip()))
            return
        m = _REF_RE.match(body)
        if m:
            ref = SourceRef(m["path"], m["name"], number, col)
            self.out.append(Reference(number, col, ref))
        elif _REF_LIKE_RE.match(body):
            # A reference with a typo would silently lose its link; say so.
            self.report.warning(number, col, "comment starts with a file name but is not "
                                "a reference '# path/to/file.py Name'; ignored")

    def title(self, body: str, number: int, col: int) -> None:
        text = _strip_colon(body[5:].strip())
        if not text:
            self.report.error(number, col, "'title' needs a text")
            return
        self.out.append(Title(number, col, text_lines(text)))

    def signal(self, body: str, colon: int, found: tuple[int, str], number: int, col: int) -> None:
        at, arrow = found
        head = body if colon < 0 else body[:colon]
        text = "" if colon < 0 else body[colon + 1:].strip()
        source = _unquote(head[:at])
        rest = head[at + len(arrow):]
        modifier = ""
        stripped = rest.lstrip()
        if stripped[:1] in ("+", "-", "*"):
            modifier = stripped[0]
            rest = stripped[1:]
        target = _unquote(rest)
        target_col = col + len(head) - len(rest.lstrip())
        if not source:
            self.report.error(number, col, f"message '{arrow}' has no sender before the arrow")
            return
        if not target:
            self.report.error(number, col + at + len(arrow),
                              f"message '{arrow}' has no receiver after the arrow")
            return
        for name, name_col in ((source, col), (target, target_col)):
            if _find_arrow(name) or name.startswith(("+", "-", "*")):
                self.report.error(number, name_col, f"participant name '{name}' contains an "
                                  "arrow or modifier; only one arrow and one of + - * are allowed")
                return
        self.out.append(Signal(number, col, source, target, arrow, modifier,
                               text_lines(text), col, target_col))

    def participant(self, body: str, number: int, col: int) -> None:
        m = _PARTICIPANT_RE.match(body)
        if not m:
            self.report.error(number, col, "expected 'participant NAME' or 'actor NAME'")
            return
        kind = m.group(1).lower()
        shape_word = (m.group(2) or "").lower()
        if kind == "actor" and shape_word:
            self.report.error(number, col, "'actor' takes no ':shape'")
            return
        if shape_word and shape_word not in _SHAPES and shape_word not in _BOX_SHAPES:
            self.report.error(number, col, f"unknown participant shape '{shape_word}'")
            return
        shape: Shape = "actor" if kind == "actor" or shape_word == "actor" else "box"
        rest = body[m.end():].strip()
        alias = None
        named = _split_alias(rest)
        if named and named[0].startswith('"') == named[0].endswith('"'):
            rest, alias = named
        if rest.startswith('"') and not (len(rest) >= 2 and rest.endswith('"')):
            self.report.error(number, col + m.end(), "unclosed '\"' in participant name")
            return
        label = _unquote(rest)
        if not label:
            self.report.error(number, col, f"'{kind}' needs a name")
            return
        if ":" in label and not rest.startswith('"'):
            self.report.error(number, col + m.end(), "a participant name containing ':' "
                              "must be in double quotes")
            return
        name = alias or label
        self.out.append(Participant(number, col, name, text_lines(label), shape))

    def activation(self, verb: Verb, body: str, number: int, col: int) -> None:
        name = _unquote(body[len(verb):])
        if not name:
            self.report.error(number, col, f"'{verb}' needs a participant name")
            return
        name_col = col + len(verb) + (len(body[len(verb):]) - len(body[len(verb):].lstrip()))
        self.out.append(Activation(number, col, verb, name, name_col))

    def end(self, body: str, number: int, col: int) -> None:
        rest = body[3:].strip().lower()
        if not rest or rest in GROUP_KEYWORDS:
            self.out.append(End(number, col))
        elif rest == "note":
            self.report.error(number, col, "'end note' without a note block to close")
        else:
            self.report.error(number, col, f"unexpected 'end {rest}'; a group is closed by 'end'")

    def note(self, body: str, index: int, col: int) -> int:
        number = index + 1
        m = _NOTE_RE.match(body)
        if not m:
            self.report.error(number, col, "expected 'note left of A', 'note right of A' "
                              "or 'note over A[,B]'")
            return index + 1
        placement = _PLACEMENTS[m.group(1).split()[0].lower()]
        rest = body[m.end():]
        colon = _split_outside_quotes(rest, ":")
        targets_text = rest if colon < 0 else rest[:colon]
        target_col = col + m.end()
        targets = tuple(_unquote(t) for t in targets_text.split(","))
        if not all(targets):
            self.report.error(number, target_col, f"'note {m.group(1)}' needs participant "
                              "names (e.g. 'note over A: text' or 'note over A,B: text')")
            return index + 1
        if placement != "over" and len(targets) > 1:
            self.report.error(number, target_col, f"'note {placement} of' takes one participant;"
                              " use 'note over A,B' to span several")
            return index + 1
        if colon >= 0:
            text = text_lines(rest[colon + 1:].strip())
            self.out.append(Note(number, col, placement, targets, text, target_col))
            return index + 1
        # No colon: a block note whose lines run up to `end note`.
        lines: list[str] = []
        for j in range(index + 1, len(self.lines)):
            line = self.lines[j].strip()
            if _END_NOTE_RE.match(line):
                block: list[str] = []
                for block_line in lines:
                    block.extend(text_lines(block_line))
                while block and not block[-1]:
                    block.pop()
                self.out.append(Note(number, col, placement, targets, tuple(block), target_col))
                return j + 1
            if self.xml_safe(self.lines[j], j + 1):
                lines.append(line)
        self.report.error(number, col, "note block is never closed by 'end note'")
        return len(self.lines)


def _split_alias(rest: str) -> tuple[str, str] | None:
    """``NAME as ALIAS`` -> (NAME, ALIAS): ALIAS is the last word, after a word `as`.

    Split from the right in one pass; a regular expression with a lazy NAME
    backtracked over every blank of a long run (40,000 blanks: 6 s).
    """
    parts = rest.rsplit(None, 2)
    if len(parts) == 3 and _AS_WORD_RE.fullmatch(parts[1]):
        return parts[0], parts[2]
    return None


def _strip_colon(text: str) -> str:
    return text[1:].strip() if text.startswith(":") else text


def parse(text: str, report: Reporter) -> list[Statement]:
    """Statements of ``text`` in order; problems go to ``report``."""
    return _Parser(text, report).run()
