"""Stage 2: statements -> a diagram model.

Here live the rules of the language that span lines: participants in order of
first use, activation bars bound to the previous message, groups and their
branches, and which source reference applies to which step.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias, assert_never

from . import parse as p
from .diagnostics import Reporter

# Where a bar or a destroy mark sits: the arrow of message row ``row``
# ("line"), or the top of row ``row`` ("top"; row may equal len(rows), the
# bottom of the diagram) when no message came before.
Anchor: TypeAlias = tuple[int, Literal["line", "top"]]
EdgeKind = Literal["start", "else", "end"]


@dataclass(slots=True)
class Participant:
    name: str
    label: tuple[str, ...]
    shape: p.Shape
    index: int
    line: int
    declared: bool = False
    used: bool = False
    created_row: int | None = None
    destroyed: Anchor | None = None
    destroyed_line: int = 0


@dataclass(slots=True)
class Message:
    line: int
    source: int
    target: int
    dashed: bool
    open_head: bool
    both_ends: bool
    text: tuple[str, ...]
    ref: p.SourceRef | None
    creates: bool = False

    @property
    def is_self(self) -> bool:
        return self.source == self.target


@dataclass(slots=True)
class Note:
    line: int
    placement: p.Placement
    first: int     # leftmost participant index
    last: int      # rightmost participant index (== first unless spanning)
    text: tuple[str, ...]
    ref: p.SourceRef | None


@dataclass(slots=True)
class GroupEdge:
    """A group's opening, `else` divider or closing row."""
    line: int
    kind: EdgeKind
    group: int     # index into Diagram.groups
    label: str = ""


# Every kind of row; layout matches on this union, so the type checker names
# each function a new kind of row must reach.
Row: TypeAlias = Message | Note | GroupEdge


@dataclass(slots=True)
class Group:
    keyword: str
    label: str
    line: int
    depth: int
    start_row: int
    else_rows: list[int] = field(default_factory=list)
    end_row: int = -1


@dataclass(slots=True)
class Span:
    """One activation bar; ``depth`` 0 sits on the lifeline, 1 is nested."""
    participant: int
    depth: int
    start: Anchor
    end: Anchor | None   # None: still open at the end, drawn to the bottom
    line: int
    col: int


@dataclass(slots=True)
class Diagram:
    title: tuple[str, ...] | None = None
    participants: list[Participant] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    directives: dict[str, str] = field(default_factory=dict)
    refs: list[p.SourceRef] = field(default_factory=list)


class _Builder:
    def __init__(self, report: Reporter):
        self.report = report
        self.d = Diagram()
        self.by_name: dict[str, Participant] = {}
        self.open: dict[int, list[int]] = {}   # participant -> stack of span indexes
        self.group_stack: list[int] = []
        self.last_signal: int | None = None
        self.ref: p.SourceRef | None = None
        self.title_line = 0

    # -- participants -------------------------------------------------
    def participant(self, name: str, line: int, col: int) -> Participant:
        part = self.by_name.get(name)
        if part is None:
            part = Participant(name, p.text_lines(name), "box", len(self.d.participants), line)
            self.by_name[name] = part
            self.d.participants.append(part)
        if part.destroyed is not None:
            self.report.error(line, col, f"'{name}' is used after it was destroyed "
                              f"at line {part.destroyed_line}")
        part.used = True
        return part

    def declare(self, st: p.Participant) -> None:
        part = self.by_name.get(st.name)
        if part is not None and part.declared:
            self.report.warning(st.line, st.col, f"participant '{st.name}' is declared again "
                                f"(first at line {part.line}); the later label is used")
        if part is None:
            part = Participant(st.name, st.label, st.shape, len(self.d.participants), st.line)
            self.by_name[st.name] = part
            self.d.participants.append(part)
        # A late declaration keeps the column of the first use and only
        # changes how the box looks.
        part.label, part.shape, part.declared = st.label, st.shape, True

    # -- activation ---------------------------------------------------
    def anchor(self) -> Anchor:
        if self.last_signal is None:
            return (len(self.d.rows), "top")
        return (self.last_signal, "line")

    def activate(self, part: Participant, at: Anchor, line: int, col: int) -> None:
        stack = self.open.setdefault(part.index, [])
        if stack:
            first = self.d.spans[stack[-1]].line
            self.report.warning(line, col, f"'{part.name}' is already active (since line "
                                f"{first}); the new bar is drawn nested")
        stack.append(len(self.d.spans))
        self.d.spans.append(Span(part.index, len(stack) - 1, at, None, line, col))

    def deactivate(self, part: Participant, at: Anchor, line: int, col: int) -> None:
        stack = self.open.get(part.index)
        if not stack:
            self.report.warning(line, col, f"'{part.name}' is not active; "
                                "this deactivation is ignored")
            return
        self.d.spans[stack.pop()].end = at

    # -- statements ---------------------------------------------------
    def signal(self, st: p.Signal) -> None:
        source = self.participant(st.source, st.line, st.source_col)
        creates = st.modifier == "*"
        if creates:
            known = self.by_name.get(st.target)
            if known is not None and (known.used or known.created_row is not None):
                self.report.error(st.line, st.target_col, f"'{st.target}' is created here but "
                                  f"was already used (line {known.line})")
                return
        target = self.participant(st.target, st.line, st.target_col)
        if creates and source is target:
            self.report.error(st.line, st.target_col, "a participant cannot create itself")
            return
        row = len(self.d.rows)
        arrow = st.arrow
        self.d.rows.append(Message(
            st.line, source.index, target.index, dashed="--" in arrow,
            open_head=arrow.endswith(">>"), both_ends=arrow.startswith("<"),
            text=st.text, ref=self.ref, creates=creates))
        if creates:
            target.created_row = row
        self.last_signal = row
        at: Anchor = (row, "line")
        if st.modifier == "+":
            self.activate(target, at, st.line, st.target_col)
        elif st.modifier == "-":
            self.deactivate(source, at, st.line, st.source_col)

    def note(self, st: p.Note) -> None:
        indexes = [self.participant(t, st.line, st.target_col).index for t in st.targets]
        self.d.rows.append(Note(st.line, st.placement, min(indexes), max(indexes),
                                st.text, self.ref))

    def activation(self, st: p.Activation) -> None:
        if st.verb != "activate" and st.name not in self.by_name:
            # Creating a column only to end it would draw an empty lifeline.
            self.report.warning(st.line, st.name_col, f"'{st.name}' is not a participant; "
                                f"this {st.verb} is ignored")
            return
        part = self.participant(st.name, st.line, st.name_col)
        at = self.anchor()
        if st.verb == "activate":
            self.activate(part, at, st.line, st.name_col)
        elif st.verb == "deactivate":
            self.deactivate(part, at, st.line, st.name_col)
        else:
            for span in self.open.pop(part.index, []):
                self.d.spans[span].end = at
            part.destroyed, part.destroyed_line = at, st.line

    def group_start(self, st: p.GroupStart) -> None:
        index = len(self.d.groups)
        self.d.groups.append(Group(st.keyword, st.label, st.line, len(self.group_stack),
                                   len(self.d.rows)))
        self.d.rows.append(GroupEdge(st.line, "start", index, st.label))
        self.group_stack.append(index)

    def group_else(self, st: p.Else) -> None:
        if not self.group_stack:
            self.report.error(st.line, st.col, "'else' outside a group (alt, opt, loop, par)")
            return
        index = self.group_stack[-1]
        self.d.groups[index].else_rows.append(len(self.d.rows))
        self.d.rows.append(GroupEdge(st.line, "else", index, st.label))

    def group_end(self, line: int, col: int) -> None:
        if not self.group_stack:
            self.report.error(line, col, "'end' without an open group")
            return
        index = self.group_stack.pop()
        self.d.groups[index].end_row = len(self.d.rows)
        self.d.rows.append(GroupEdge(line, "end", index))

    def build(self, statements: list[p.Statement]) -> Diagram:
        for st in statements:
            match st:
                case p.Signal():
                    self.signal(st)
                case p.Note():
                    self.note(st)
                case p.Activation():
                    self.activation(st)
                case p.Reference():
                    self.ref = st.ref
                    self.d.refs.append(st.ref)
                case p.Directive():
                    self.d.directives[st.key] = st.value
                case p.Participant():
                    self.declare(st)
                case p.GroupStart():
                    self.group_start(st)
                case p.Else():
                    self.group_else(st)
                case p.End():
                    self.group_end(st.line, st.col)
                case p.Title():
                    if self.d.title is not None:
                        self.report.warning(st.line, st.col, "second 'title' replaces the "
                                            f"one at line {self.title_line}")
                    self.d.title, self.title_line = st.text, st.line
                case _:
                    assert_never(st)
        self.finish()
        return self.d

    def finish(self) -> None:
        while self.group_stack:
            group = self.d.groups[self.group_stack[-1]]
            self.report.warning(group.line, 1, f"'{group.keyword}' is never closed by 'end'; "
                                "it is closed at the end of the diagram")
            self.group_end(group.line, 1)
        for stack in self.open.values():
            for index in stack:
                span = self.d.spans[index]
                name = self.d.participants[span.participant].name
                self.report.warning(span.line, span.col, f"activation of '{name}' is never "
                                    "deactivated; its bar runs to the end")
        if not self.d.participants:
            self.report.warning(1, 1, "the diagram has no participants")


def build(statements: list[p.Statement], report: Reporter) -> Diagram:
    return _Builder(report).build(statements)
