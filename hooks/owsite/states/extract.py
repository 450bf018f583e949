"""Every status value the diagrams write, read from the renderer's own model.

A write is a step whose receiver is the database participant (``database``,
or Nova's ``api_db``/``cell_db``) and whose label holds ``field=value``. The
label is only split into those pairs here; which field a pair is (``snapshot
status=creating`` is a snapshot's status, ``migration_status=`` in a Cinder
diagram is not the volume status) is decided by the project the step's code
belongs to and the word before the field. Nothing is listed by hand: a new
diagram adds its writes on the next build.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from wsd import model, parse
from wsd.diagnostics import Reporter
from wsd.steps import step_id, steps

from ..releases import Catalog, Release
from ..upstream import Upstream

DATABASES = frozenset({"database", "api_db", "cell_db"})

# The status fields of each project, by the key the notes and anchors use.
FIELDS: dict[str, tuple[str, ...]] = {
    "nova": ("vm_state", "task_state", "power_state", "migration_status"),
    "cinder": ("status", "attach_status", "snapshot_status", "backup_status"),
    "neutron": ("status", "binding_vif_type", "binding_status"),
    "magnum": ("status",),
    "sahara": ("status",),
}
# One `field=value` pair of a label: a field starts the label or follows a
# blank or punctuation; a value is a word as the code spells it.
PAIR_RE = re.compile(r"(?:^|(?<=[\s,;(]))([A-Za-z_][\w:.]*)=([A-Za-z0-9][\w-]*)")
# A guard of an `alt`/`opt` branch that names a failure.
FAILURE_RE = re.compile(r"error|fail|exception|timeout|timed out|raise", re.I)
# Rows that only look up a record (`find migration status=finished`,
# `migrations ... with status=accepted`) read a value, they do not write it.
LOOKUP_WORDS = frozenset({"find", "with", "where", "select"})
# `binding:vif_type=ovs (or binding_failed)`, `status=CREATE_COMPLETE or CREATE_FAILED`:
# a label that names the other value the same write may store.
ALTERNATIVE_RE = re.compile(r"\s*\(?or ([A-Za-z0-9][\w-]*)\b")


def field_key(project: str, qualifier: str, name: str, text: str) -> str | None:
    """The field a ``name=`` pair of a label writes, or None when it is no status field of ``project``."""
    if project == "nova":
        if name in ("vm_state", "task_state", "power_state"):
            return name
        if name == "migration.status" or (name == "status" and "migration" in text.lower()):
            return "migration_status"
        return None
    if project == "cinder":
        if name == "attach_status":
            return "attach_status"
        if name == "status":
            return {"snapshot": "snapshot_status", "backup": "backup_status"}.get(qualifier, "status")
        return None
    if project == "neutron":
        if name == "binding:vif_type":
            return "binding_vif_type"
        if name == "status":
            if qualifier == "binding":
                return "binding_status"
            # Routers, floating IPs and networks have a status too; the index lists ports.
            return None if qualifier in ("routers", "floatingips", "networks", "subnets") else "status"
        return None
    if project == "magnum":
        # Node groups follow the cluster's stack; the index lists the cluster.
        if name == "status" and qualifier not in ("nodegroups", "nodegroup", "default-worker"):
            return "status"
        return None
    if project == "sahara":
        return "status" if name == "status" else None
    return None


def label_pairs(project: str, lines: tuple[str, ...]) -> list[tuple[str, str]]:
    """(field key, value) for each status write in a message label."""
    text = " ".join(lines)
    words = text.split()
    if words and words[0].lower() in LOOKUP_WORDS:
        return []
    found: list[tuple[str, str]] = []
    for match in PAIR_RE.finditer(text):
        before = text[:match.start()].split()
        qualifier = before[-1].strip("(,;:").lower() if before else ""
        if qualifier in LOOKUP_WORDS:
            continue
        value = match[2]
        if value.endswith("_status"):
            continue  # `status=previous_status`: restores an earlier value, names none
        key = field_key(project, qualifier, match[1], text)
        if key is None:
            continue
        values = [value]
        alternative = ALTERNATIVE_RE.match(text, match.end())
        if alternative:
            values.append(alternative[1])
        found.extend((key, v) for v in values if (key, v) not in found)
    return found


@dataclass(frozen=True)
class Mark:
    """A value written at a step: what comes next, or what a failure writes."""
    value: str
    step: int
    anchor: str


@dataclass(frozen=True)
class Write:
    project: str
    field: str
    value: str
    series: str                 # the release series whose pages show the diagram
    diagram: str                # diagrams/nova/2026.1/live-migrate.wsd
    slug: str                   # live-migrate
    page: str | None            # language-neutral URL of the operation page: nova/live-migrate/
    release: Release            # the release the diagram is traced at (its function links)
    writer: str                 # display name of the sending process
    function: str | None        # `Class.method` of the step's reference
    function_url: str | None
    step: int
    anchor: str
    line: int
    next: Mark | None
    failure: tuple[Mark, ...]


@dataclass
class Entry:
    project: str
    field: str
    value: str
    writes: list[Write] = dataclasses.field(default_factory=list)

    @property
    def anchor(self) -> str:
        return anchor_id(self.project, self.field, self.value)


def anchor_id(project: str, field_name: str, value: str) -> str:
    """``task_state-migrating``; Cinder keeps plain ids too (its fields differ from Nova's);
    other projects' ids start with the project (``neutron-status-DOWN``)."""
    plain = f"{field_name}-{value}"
    return plain if project in ("nova", "cinder") else f"{project}-{plain}"


# -- branches ------------------------------------------------------------

def _places(diagram: model.Diagram) -> list[tuple[int, ...]]:
    """For each row, the enclosing (group, branch) pairs flattened to a tuple of pairs."""
    stack: list[list[int]] = []
    out: list[tuple[int, ...]] = []
    for row in diagram.rows:
        if isinstance(row, model.GroupEdge):
            if row.kind == "start":
                out.append(tuple(x for g, b in stack for x in (g, b)))
                stack.append([row.group, 0])
                continue
            if row.kind == "else" and stack:
                stack[-1][1] += 1
            elif row.kind == "end" and stack:
                stack.pop()
        out.append(tuple(x for g, b in stack for x in (g, b)))
    return out


def _pairs(flat: tuple[int, ...]) -> dict[int, int]:
    return {flat[i]: flat[i + 1] for i in range(0, len(flat), 2)}


def _exclusive(a: dict[int, int], b: dict[int, int]) -> bool:
    """Rows in different branches of one group never both run."""
    return any(g in b and b[g] != branch for g, branch in a.items())


def _branch_label(diagram: model.Diagram, group: int, branch: int) -> str:
    g = diagram.groups[group]
    if branch == 0:
        return g.label
    edge = diagram.rows[g.else_rows[branch - 1]]
    return edge.label if isinstance(edge, model.GroupEdge) else ""


@dataclass(frozen=True)
class _Raw:
    project: str
    field: str
    value: str
    step: int
    row: int
    where: dict[int, int]
    message: model.Message


def _failure_branch(diagram: model.Diagram, group: int, branch: int, value: str) -> bool:
    if diagram.groups[group].keyword not in ("alt", "opt"):
        return False
    if FAILURE_RE.search(_branch_label(diagram, group, branch)):
        return True
    return branch > 0 and value in ("error", "ERROR")


def _in_failure(diagram: model.Diagram, raw: _Raw) -> bool:
    return any(_failure_branch(diagram, g, b, raw.value) for g, b in raw.where.items())


def _follow(diagram: model.Diagram, raw: _Raw, same: list[_Raw], slug: str) -> tuple[Mark | None, tuple[Mark, ...]]:
    """What replaces ``raw``'s value next on the normal path, and what failure branches write instead."""
    mine_failing = _in_failure(diagram, raw)
    later = [w for w in same if w.row > raw.row and not _exclusive(raw.where, w.where)]
    normal = [w for w in later if mine_failing or not _in_failure(diagram, w)]
    nxt = normal[0] if normal else None
    failures: list[Mark] = []
    if not mine_failing:
        limit = nxt.row if nxt else len(diagram.rows)
        for w in same:
            if w is raw:
                continue
            for g, b in w.where.items():
                # A failure branch of an alt the write sits in, or of an alt that
                # starts after it and before the value is normally replaced.
                encloses = g in raw.where and raw.where[g] != b
                follows = (g not in raw.where and raw.row < diagram.groups[g].start_row < limit
                           and not _exclusive(raw.where, w.where))
                if (encloses or follows) and _failure_branch(diagram, g, b, w.value):
                    if all(m.value != w.value for m in failures):
                        failures.append(Mark(w.value, w.step, step_id(slug, w.step)))
                    break
    mark = Mark(nxt.value, nxt.step, step_id(slug, nxt.step)) if nxt else None
    return mark, tuple(failures)


# -- diagrams --------------------------------------------------------------

def page_release(catalog: Catalog, project: str, series_dir: str) -> Release | None:
    """The release whose pages show ``diagrams/<project>/<series_dir>/``."""
    for release in catalog.releases:
        if release.project == project and release.pages and release.series.lower() == series_dir.lower():
            return release
    return None


def page_path(release: Release, project: str, slug: str, docs: Path | None) -> str | None:
    """``liberty/nova/pause/`` for a diagram shown on a page; None when no page shows it."""
    md = f"{release.folder}{project}/{slug}.md"
    if docs is not None and not any((docs / lang / md).is_file() for lang in ("zh", "en")) \
            and not (docs / md).is_file():
        return None
    return f"{release.folder}{project}/{slug}/"


def diagram_writes(text: str, filename: str, page: Release, upstream: Upstream,
                   docs: Path | None = None) -> list[Write]:
    """Every status write of one diagram; ``filename`` is ``diagrams/<project>/<series>/<op>.wsd``."""
    report = Reporter(filename)
    diagram = model.build(parse.parse(text, report), report)
    slug = Path(filename).stem
    places = _places(diagram)
    names = [" ".join(l for l in p.label if l) or p.name for p in diagram.participants]
    base = upstream.diagram_release(dict(diagram.directives), "", page)
    raws: list[_Raw] = []
    releases: dict[int, Release] = {}
    for step in steps(diagram):
        msg = step.message
        if diagram.participants[msg.target].name not in DATABASES or msg.is_self:
            continue
        project, release = page.project, base
        if msg.ref is not None:
            try:
                release = upstream.release_for_path(base, msg.ref.path)
            except LookupError:
                continue  # code of a project with no release in this series
            project = release.project
        row = next(i for i, r in enumerate(diagram.rows) if r is msg)
        for key, value in label_pairs(project, msg.text):
            raws.append(_Raw(project, key, value, step.number, row, _pairs(places[row]), msg))
            releases[step.number] = release
    url = page_path(page, page.project, slug, docs)
    out: list[Write] = []
    for raw in raws:
        same = [w for w in raws if w.project == raw.project and w.field == raw.field]
        nxt, failure = _follow(diagram, raw, same, slug)
        ref = raw.message.ref
        function_url = None
        if ref is not None:
            try:
                function_url = upstream.resolve_diagram_ref(ref, dict(diagram.directives), page)
            except LookupError:
                function_url = None  # the diagram plugin reports the broken reference
        out.append(Write(
            project=raw.project, field=raw.field, value=raw.value, series=page.series,
            diagram=filename, slug=slug, page=url, release=releases[raw.step],
            writer=names[raw.message.source], function=ref.name if ref else None,
            function_url=function_url, step=raw.step, anchor=step_id(slug, raw.step),
            line=raw.message.line, next=nxt, failure=failure))
    return out


def all_writes(root: Path, catalog: Catalog | None = None, upstream: Upstream | None = None) -> list[Write]:
    """The writes of every diagram under ``root/diagrams`` whose folder a release with pages shows."""
    catalog = catalog or Catalog.load(root / "data" / "releases.toml")
    upstream = upstream or Upstream(catalog)
    docs = root / "docs"
    out: list[Write] = []
    for path in sorted((root / "diagrams").glob("*/*/*.wsd")):
        release = page_release(catalog, path.parent.parent.name, path.parent.name)
        if release is None:
            continue
        filename = path.relative_to(root).as_posix()
        out.extend(diagram_writes(path.read_text(encoding="utf-8-sig"), filename, release, upstream,
                                  docs if docs.is_dir() else None))
    return out


def entries(writes: Iterable[Write]) -> dict[str, list[Entry]]:
    """Writes grouped by series, then by (project, field, value), in a stable order."""
    by_key: dict[tuple[str, str, str, str], Entry] = {}
    for write in writes:
        key = (write.series, write.project, write.field, write.value)
        entry = by_key.setdefault(key, Entry(write.project, write.field, write.value))
        entry.writes.append(write)
    out: dict[str, list[Entry]] = {}
    for (series, *_), entry in by_key.items():
        out.setdefault(series, []).append(entry)
    for series_entries in out.values():
        series_entries.sort(key=sort_key)
    return out


def sort_key(entry: Entry) -> tuple[int, str, int, str, str]:
    projects = list(FIELDS)
    project = projects.index(entry.project) if entry.project in projects else len(projects)
    fields = FIELDS.get(entry.project, ())
    position = fields.index(entry.field) if entry.field in fields else len(fields)
    return (project, entry.project, position, entry.field, entry.value.lower())


def index_model(config: MkDocsConfig | Path) -> dict[str, list[Entry]]:
    """The state index of every series (``"2026.1"``, ``"Liberty"``): what the pages and the PDF show."""
    if isinstance(config, Path):
        root = config
    else:
        root = Path(config.config_file_path or ".").resolve().parent
    return entries(all_writes(root))
