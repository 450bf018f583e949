"""The Markdown of one state-index page (a series, a language), from the extracted writes and the notes.

Structure is generated; the only written prose is the notes and the few
sentences in ``WORDS``. Links are raw HTML with page-relative URLs: a step
anchor lives inside an SVG the diagram plugin adds after MkDocs has checked
Markdown links, so MkDocs must not validate them.
"""
from __future__ import annotations

import html
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import get_relative_url

from ..releases import Catalog
from .extract import FIELDS, Entry, Mark, Write, anchor_id
from .notes import Note

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "状态索引",
        "title_series": "状态索引（{series}）",
        "intro": ("虚拟机、卷、端口或集群停在某个状态不动时，在这里按值查到写入它的每一个操作步骤："
                  "哪个进程写的、在哪个函数里、正常情况下接下来写什么值、失败分支写什么值。"
                  "本页在构建时从时序图生成，描述 {releases}。"),
        "other": "其他版本：{links}。",
        "ids": ("锚点规则：每个值的锚点是 `#<字段>-<值>`，值与图中写法相同（区分大小写），"
                "如 `#task_state-migrating`、`#status-error_deleting`。Nova 与 Cinder 的字段名互不重复，"
                "使用不带前缀的锚点；其他项目的锚点以项目名开头，如 `#neutron-status-DOWN`、"
                "`#magnum-status-CREATE_IN_PROGRESS`。"),
        "step": "步骤 {n}",
        "none": "—",
        "jump": "快速跳转",
        "no_page": "（无页面）",
        "reading": ("“正常情况下接着写”是同一张图中之后同一字段的下一次写入（不计另一分支）；"
                    "“失败分支写”取自该步所在或其后的 `alt`/`opt` 中条件写明错误、失败、异常或超时的分支，"
                    "以及 `else` 分支里写入的 `error`。"),
    },
    "en": {
        "title": "State index",
        "title_series": "State index ({series})",
        "intro": ("When a server, volume, port or cluster stays in a state, look the value up here to find "
                  "every operation step that writes it: which process writes it, in which function, what "
                  "the same field is set to next on the normal path, and what failure branches write "
                  "instead. The page is generated from the sequence diagrams at build time and describes "
                  "{releases}."),
        "other": "Other release: {links}.",
        "ids": ("Anchors: each value's anchor is `#<field>-<value>`, with the value spelled as the diagrams "
                "write it (case matters), such as `#task_state-migrating` or `#status-error_deleting`. Nova's "
                "and Cinder's field names do not overlap, so their anchors have no prefix; other projects' "
                "anchors start with the project, such as `#neutron-status-DOWN` or "
                "`#magnum-status-CREATE_IN_PROGRESS`."),
        "step": "step {n}",
        "none": "—",
        "jump": "Jump to a value",
        "no_page": "(no page)",
        "reading": ("“Next on the normal path” is the next write of the same field later in the same diagram "
                    "(another branch does not count); “failure branches write” comes from the `alt`/`opt` "
                    "branches around or after the step whose guard names an error, failure, exception or "
                    "timeout, and from `error` written in an `else` branch."),
    },
}
COLUMNS = {
    "zh": ("操作", "写入者", "函数", "步骤", "正常情况下接着写", "失败分支写"),
    "en": ("Operation", "Writer", "Function", "Step", "Next on the normal path", "Failure branches write"),
}
PROJECT_NAMES = {"nova": "Nova", "cinder": "Cinder", "neutron": "Neutron", "magnum": "Magnum", "sahara": "Sahara"}


def field_label(field_name: str) -> str:
    """How the diagrams and the operator's CLI spell a field key."""
    return {"binding_vif_type": "binding:vif_type", "migration_status": "migration status",
            "snapshot_status": "snapshot status", "backup_status": "backup status",
            "binding_status": "binding status"}.get(field_name, field_name)


def state_text(field_name: str, value: str) -> str:
    """``task_state=migrating``: the literal form an operator types or sees."""
    return f"{field_label(field_name)}={value}"


@dataclass(frozen=True)
class PageSpec:
    series: str
    url: str            # language-neutral URL of the index page: states/ or liberty/states/
    path: str           # its source path under the language folder: states/index.md


def index_path(catalog: Catalog, series: str) -> PageSpec:
    """Where a series' index lives: beside the series' pages (``liberty/states/``), or at the root."""
    folders = sorted({r.folder for r in catalog.with_pages() if r.series == series and r.folder})
    folder = folders[0] if folders else ""
    return PageSpec(series, f"{folder}states/", f"{folder}states/index.md")


def _code(text: str) -> str:
    return f"<code>{html.escape(text)}</code>"


def _link(href: str, inner: str) -> str:
    return f'<a href="{html.escape(href)}">{inner}</a>'


class Renderer:
    def __init__(self, catalog: Catalog, language: str, prefix: str, spec: PageSpec,
                 titles: Callable[[str, str], str | None]):
        self.catalog = catalog
        self.language = language
        self.words = WORDS[language]
        self.prefix = prefix         # "" or "en/": where this language's pages live
        self.spec = spec
        self.own_url = prefix + spec.url
        self.titles = titles         # (language, page path) -> the page's title

    def href(self, url: str, fragment: str = "") -> str:
        target = get_relative_url(self.prefix + url, self.own_url)
        if target in (".", "./"):
            target = "./"
        elif not target.endswith("/"):
            target += "/"
        return target + (f"#{fragment}" if fragment else "")

    def mark(self, project: str, field_name: str, mark: Mark, write: Write, known: set[str]) -> str:
        anchor = anchor_id(project, field_name, mark.value)
        value = _code(mark.value)
        value = _link(f"#{anchor}", value) if anchor in known else value
        step = self.words["step"].format(n=mark.step).replace(" ", "&nbsp;")
        if write.page:
            step = _link(self.href(write.page, mark.anchor), step)
        return f"{value}（{step}）" if self.language == "zh" else f"{value} ({step})"

    def row(self, write: Write, known: set[str]) -> str:
        none = self.words["none"]
        if write.page:
            title = self.titles(self.language, write.page) or write.slug
            operation = _link(self.href(write.page), html.escape(title))
            step = _link(self.href(write.page, write.anchor),
                         self.words["step"].format(n=write.step).replace(" ", "&nbsp;"))
        else:
            operation = f"{_code(write.slug)} {self.words['no_page']}"
            step = self.words["step"].format(n=write.step).replace(" ", "&nbsp;")
        if write.function:
            function = _code(write.function)
            function = _link(write.function_url, function) if write.function_url else function
        else:
            function = none
        nxt = self.mark(write.project, write.field, write.next, write, known) if write.next else none
        failure = "<br>".join(self.mark(write.project, write.field, m, write, known)
                              for m in write.failure) or none
        cells = (operation, html.escape(write.writer), function, step, nxt, failure)
        return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    def table(self, entry: Entry, known: set[str]) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS[self.language])
        writes = sorted(entry.writes, key=lambda w: (w.slug, w.step))
        rows = "\n".join(self.row(w, known) for w in writes)
        # No class: Material styles and wraps (for sideways scrolling) only plain tables.
        # Left out of search: the heading and the note find the entry, and the rows,
        # the operation pages' own text again, would make the index page the heaviest
        # part of the search index.
        return f"<table data-search-exclude>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>"

    def render(self, entries: list[Entry], notes: dict[tuple[str, str, str], Note],
               others: list[PageSpec]) -> str:
        w = self.words
        series = self.spec.series
        liberty = series.lower() == "liberty"
        projects = [p for p in dict.fromkeys(e.project for e in entries)]
        releases = []
        for project in projects:
            release = self.catalog.in_series(project, series)
            name = PROJECT_NAMES.get(project, project.capitalize())
            releases.append(f"{name} {release.tag}" if release else name)
        joined = ("、" if self.language == "zh" else ", ").join(releases)
        joined = f"{joined}（{series}）" if self.language == "zh" else f"{joined} ({series})"
        title = w["title"] if self.spec.url == "states/" else w["title_series"].format(series=series)
        out = [f"# {title} {{#states-index}}", "", w["intro"].format(releases=joined), ""]
        if others:
            links = ", ".join(
                _link(self.href(o.url), html.escape(w["title_series"].format(series=o.series)))
                for o in others)
            out += [f'<p class="ow-states-other">{w["other"].format(links=links)}</p>', ""]
        known = {e.anchor for e in entries}
        # The first screen: every value, per project and field, one line each.
        out += [f'<div class="ow-states-jump" aria-label="{html.escape(w["jump"])}" data-search-exclude>']
        for project in projects:
            name = PROJECT_NAMES.get(project, project.capitalize())
            out.append(f'<p><strong>{html.escape(name)}</strong></p><ul>')
            for field_name in _fields(project, entries):
                values = [e for e in entries if e.project == project and e.field == field_name]
                items = " ".join(_link(f"#{e.anchor}", _code(e.value)) for e in values)
                colon = "：" if self.language == "zh" else ": "
                out.append(f"<li>{_code(field_label(field_name))}{colon}{items}</li>")
            out.append("</ul>")
        out += ["</div>", "", w["ids"], "", w["reading"], ""]
        for project in projects:
            release = self.catalog.in_series(project, series)
            name = PROJECT_NAMES.get(project, project.capitalize())
            heading = f"{name} {release.tag}" if release else name
            out += [f"## {heading} {{#{project}}}", ""]
            for entry in (e for e in entries if e.project == project):
                out += [f"### `{state_text(entry.field, entry.value)}` {{#{entry.anchor}}}", ""]
                note = notes.get((entry.project, entry.field, entry.value))
                if note is not None:
                    out += [note.prose(self.language, liberty), ""]
                out += [self.table(entry, known), ""]
        return "\n".join(out)


def _fields(project: str, entries: list[Entry]) -> list[str]:
    present = list(dict.fromkeys(e.field for e in entries if e.project == project))
    order = FIELDS.get(project, ())
    return sorted(present, key=lambda f: order.index(f) if f in order else len(order))


def page_title(markdown: str) -> str | None:
    """The first ``# `` heading of a page, without its attribute list."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            title = line[2:].strip()
            if title.endswith("}") and "{" in title:
                title = title[: title.rindex("{")].strip()
            return title
    return None


def docs_page(url: str) -> str:
    """``nova/pause/`` -> ``nova/pause.md``."""
    return posixpath.normpath(url.rstrip("/")) + ".md"


class Titles:
    """(language, page URL) -> the title of that page's Markdown, read once; the
    default language's file stands in where a language has none."""

    def __init__(self, docs: Path):
        self.docs = docs
        self.seen: dict[tuple[str, str], str | None] = {}

    def __call__(self, language: str, url: str) -> str | None:
        key = (language, url)
        if key not in self.seen:
            path = self.docs / language / docs_page(url)
            if not path.is_file():
                path = self.docs / docs_page(url)
            self.seen[key] = page_title(path.read_text(encoding="utf-8")) if path.is_file() else None
        return self.seen[key]
