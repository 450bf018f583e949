"""Step anchors in built pages: one ``g.wsd-step`` per message, ids unique on the page.

The ids are the targets of deep links (``#step-live-migrate-12``) from the
state index and anywhere else (issue 15 item 2).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import wsd
from miniproject import GOOD_DIAGRAM, make_project
from mkdocs_run import ROOT, run_mkdocs
from site_html import html_pages

STEP_ID_RE = re.compile(r"step-(.+)-(\d+)")


class _Figures(HTMLParser):
    """Every id in the page, and per diagram figure its file, its step groups (id, data-step)
    and the diagram's text from the figure's source block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.figures: list[tuple[str, list[tuple[str | None, str | None]]]] = []
        self.sources: list[str] = []
        self.inside = False
        self.in_source = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        classes = (a.get("class") or "").split()
        if tag == "figure" and "wsd-figure" in classes:
            self.figures.append((a.get("data-wsd-file") or "", []))
            self.sources.append("")
            self.inside = True
        elif tag == "g" and "wsd-step" in classes:
            assert self.inside, "a step group outside a diagram figure"
            self.figures[-1][1].append((a.get("id"), a.get("data-step")))
        elif tag == "details" and "wsd-source" in classes and self.inside:
            self.in_source = True

    def handle_data(self, data: str) -> None:
        if self.in_source:
            self.sources[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure":
            self.inside = False
        if tag == "summary" and self.in_source:
            self.sources[-1] = ""     # the text after the summary is the diagram's
        if tag == "details":
            self.in_source = False


def scan(path: Path) -> _Figures:
    parser = _Figures()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def steps_of(path: Path) -> list[wsd.Step]:
    return wsd.steps(wsd.load(path.read_bytes(), filename=str(path)))


def test_same_stem_twice_on_a_page_gets_deterministic_unique_ids(tmp_path):
    other = GOOD_DIAGRAM.replace("202 Accepted", "202").replace(
        "nova_api-->-client: 202", "nova_api->nova_api: check\nnova_api-->-client: 202")
    body = ('```sequence\n--8<-- "diagrams/demo.wsd"\n```\n\n'
            '```sequence\n--8<-- "diagrams/old/demo.wsd"\n```\n\n'
            '```sequence\n--8<-- "diagrams/demo.wsd"\n```\n')
    make_project(tmp_path, diagrams={"diagrams/demo.wsd": GOOD_DIAGRAM,
                                     "diagrams/old/demo.wsd": other},
                 pages={"index.md": "# Three\n\n" + body})
    seen = []
    for _ in range(2):   # the second build comes from the cache: the same ids
        done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
        assert done.returncode == 0, done.stdout
        for language in ("", "en/"):
            page = scan(tmp_path / "site" / language / "index.html")
            assert len(page.ids) == len(set(page.ids))
            seen.append([[ident for ident, _ in groups] for _, groups in page.figures])
    assert seen[0] == [["step-demo-1", "step-demo-2"],
                       ["step-demo--2-1", "step-demo--2-2", "step-demo--2-3"],
                       ["step-demo--3-1", "step-demo--3-2"]]
    assert all(ids == seen[0] for ids in seen)


def test_every_operation_page_has_one_step_group_per_message_with_unique_ids(built_site):
    pages = 0
    for path in html_pages(built_site):
        page = scan(path)
        if not page.figures:
            continue
        pages += 1
        assert len(page.ids) == len(set(page.ids)), path
        slugs = set()
        for (filename, groups), text in zip(page.figures, page.sources, strict=True):
            expected = wsd.steps(wsd.load(text, filename=filename))
            if filename.endswith(".wsd"):
                assert expected == [] or [s.message.line for s in expected] == \
                    [s.message.line for s in steps_of(ROOT / filename)]
            assert len(groups) == len(expected), (path, filename)
            assert [int(n or 0) for _, n in groups] == [s.number for s in expected]
            if not groups:
                continue
            match = STEP_ID_RE.fullmatch(groups[0][0] or "")
            assert match, (path, groups[0])
            slug = match.group(1)
            # The file's stem, made unique only when the page repeats it.
            stem = Path(filename).stem if filename.endswith(".wsd") else "inline-"
            assert slug == stem or slug.startswith((stem + "--", "inline-")), (path, slug)
            assert slug not in slugs
            slugs.add(slug)
            assert [ident for ident, _ in groups] == [wsd.step_id(slug, s.number) for s in expected]
    assert pages >= 100, pages


def test_live_migrate_step_ids_are_named_after_the_file(built_site):
    for language in ("", "en/"):
        page = scan(built_site / language / "nova/live-migrate/index.html")
        [(filename, groups)] = page.figures
        assert filename == "diagrams/nova/2026.1/live-migrate.wsd"
        assert groups[0][0] == "step-live-migrate-1"
        assert groups[-1][0] == f"step-live-migrate-{len(steps_of(ROOT / filename))}"
