"""ow-rebuild-scope: which pages an edit under `mkdocs serve --dirty` re-renders (issue 10 item 6)."""
from __future__ import annotations

from owsite.rebuild_scope.plugin import decide, outline

ROOTS = {"docs_dir": "docs", "include_roots": ["diagrams"], "global_roots": ["data"]}
BEFORE = {"docs/zh/a.md": 1, "docs/en/a.md": 1, "diagrams/nova/x.wsd": 1, "data/releases.toml": 1,
          "docs/assets/site.css": 1}




def test_an_edited_diagram_renders_only_the_pages_that_include_it():
    scope = decide(BEFORE, {**BEFORE, "diagrams/nova/x.wsd": 2}, **ROOTS)
    assert not scope.everything and scope.includes == {"diagrams/nova/x.wsd"}


def test_a_body_edit_renders_only_its_page_and_an_outline_edit_every_page():
    now = {**BEFORE, "docs/zh/a.md": 2}
    body = decide(BEFORE, now, **ROOTS, outline_changed=lambda path: False)
    assert not body.everything and not body.includes
    assert decide(BEFORE, now, **ROOTS, outline_changed=lambda path: path == "docs/zh/a.md").everything


def test_added_or_removed_pages_and_diagrams_and_release_data_render_every_page():
    unchanged = {"outline_changed": lambda path: False}
    assert decide(BEFORE, {**BEFORE, "docs/zh/b.md": 1}, **ROOTS, **unchanged).everything
    assert decide(BEFORE, {k: v for k, v in BEFORE.items() if k != "docs/en/a.md"}, **ROOTS, **unchanged).everything
    assert decide(BEFORE, {**BEFORE, "diagrams/nova/y.wsd": 1}, **ROOTS, **unchanged).everything
    assert decide(BEFORE, {**BEFORE, "data/releases.toml": 2}, **ROOTS, **unchanged).everything


def test_a_stylesheet_edit_renders_nothing_more():
    scope = decide(BEFORE, {**BEFORE, "docs/assets/site.css": 2}, **ROOTS)
    assert not scope.everything and not scope.includes


def test_the_outline_is_front_matter_and_heading_lines(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: A\n---\n# Pause {#top}\n\nBody one.\n\n## States\n\ntext\n", encoding="utf-8")
    first = outline(page)
    assert first == "---\ntitle: A\n---\n# Pause {#top}\n## States"
    page.write_text("---\ntitle: A\n---\n# Pause {#top}\n\nBody two, longer.\n\n## States\n\nmore\n",
                    encoding="utf-8")
    assert outline(page) == first
    page.write_text("---\ntitle: A\n---\n# Pause {#top}\n\nBody two.\n\n## State changes\n", encoding="utf-8")
    assert outline(page) != first
