"""The ``sequence`` fence on a small project: errors, warnings, cache, inline diagrams."""
from __future__ import annotations

import re

import pytest

from mkdocs_run import log_records, run_mkdocs
from miniproject import GOOD_DIAGRAM, make_project

SUMMARY_RE = re.compile(r"diagrams: (\d+) rendered, (\d+) reused from cache")


def totals(output: str) -> tuple[int, int]:
    rendered = reused = 0
    for m in SUMMARY_RE.finditer(output):
        rendered += int(m.group(1))
        reused += int(m.group(2))
    return rendered, reused


SVG_RE = re.compile(r'<svg\b[^>]*\bclass="wsd"')


def svg_count(html: str) -> int:
    return len(SVG_RE.findall(html))


def page(root, language="zh", rel="index.html"):
    base = root / "site" if language == "zh" else root / "site" / language
    return (base / rel).read_text(encoding="utf-8")


def test_a_diagram_becomes_an_inline_svg_figure_in_both_languages(tmp_path):
    make_project(tmp_path)
    done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    for language, download in (("zh", "下载 SVG"), ("en", "Download SVG")):
        html = page(tmp_path, language)
        # It holds links, so it is a labelled group (not an image) with a skip link before it.
        assert ('<figure class="wsd-figure" data-wsd-file="diagrams/demo.wsd" role="group" '
                'aria-label="Pause, shortened">') in html
        assert html.index('class="wsd-skip"') < html.index('<figure class="wsd-figure"')
        assert svg_count(html) == 1
        assert "<figcaption>Pause, shortened</figcaption>" in html
        assert download in html
        assert 'class="wsd-source"' in html and "POST /servers/{id}/action" in html
    # The step after the reference comment links to the line of API.pause at 12.0.0.
    assert re.search(r'href="https://github\.com/openstack/nova/blob/12\.0\.0/nova/compute/api\.py#L\d+"',
                     page(tmp_path))
    svg = (tmp_path / "site/assets/diagrams/demo.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and svg_count(svg) == 1


def test_each_diagram_is_rendered_once_then_served_from_the_cache(tmp_path):
    make_project(tmp_path)
    first = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert first.returncode == 0, first.stdout
    # zh renders it; the en build of the same run reuses it.
    assert totals(first.stdout) == (1, 1)
    assert list((tmp_path / ".cache/wsd").rglob("*.json"))
    second = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert totals(second.stdout) == (0, 2)
    assert svg_count(page(tmp_path)) == 1

    (tmp_path / "diagrams/demo.wsd").write_text(GOOD_DIAGRAM.replace("202 Accepted", "202"), encoding="utf-8")
    third = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert totals(third.stdout) == (1, 1)


def test_a_damaged_cache_entry_is_rendered_again(tmp_path):
    make_project(tmp_path)
    assert run_mkdocs(["build", "--strict"], cwd=tmp_path).returncode == 0
    for entry in (tmp_path / ".cache/wsd").rglob("*.json"):
        entry.write_text('{"svg": "<svg', encoding="utf-8")
    again = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert again.returncode == 0, again.stdout
    assert totals(again.stdout) == (1, 1)
    assert svg_count(page(tmp_path)) == 1


def test_an_unknown_reference_fails_the_strict_build_naming_the_wsd_file_and_line(tmp_path):
    broken = GOOD_DIAGRAM.replace("API.pause", "API.pause_everything")
    make_project(tmp_path, diagrams={"diagrams/demo.wsd": broken})
    done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode != 0
    errors = log_records(done.stdout, "ERROR")
    assert errors == ["diagrams/demo.wsd:5:1: error: nova/compute/api.py has no API.pause_everything "
                      "in nova 12.0.0"]


def test_a_release_directive_not_in_the_data_fails_at_its_line(tmp_path):
    # A path, not a project: it must not reach the index files by name.
    broken = GOOD_DIAGRAM.replace("# @release nova 12.0.0", "# @release ../symbols/nova 12.0.0")
    make_project(tmp_path, diagrams={"diagrams/demo.wsd": broken})
    done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode != 0
    errors = log_records(done.stdout, "ERROR")
    assert len(errors) == 1 and errors[0].startswith("diagrams/demo.wsd:1:1: error: @release: "
                                                     "../symbols/nova 12.0.0 is not a release"), errors


def test_a_syntax_error_names_the_wsd_file_and_line(tmp_path):
    broken = GOOD_DIAGRAM + "this line is not wsd\n"
    make_project(tmp_path, diagrams={"diagrams/demo.wsd": broken})
    done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode != 0
    assert any(e.startswith("diagrams/demo.wsd:8:") and ": error: " in e
               for e in log_records(done.stdout, "ERROR")), done.stdout


def test_without_strict_the_page_shows_the_error_where_the_figure_would_be(tmp_path):
    broken = GOOD_DIAGRAM.replace("API.pause", "API.pause_everything")
    make_project(tmp_path, diagrams={"diagrams/demo.wsd": broken})
    done = run_mkdocs(["build"], cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    html = page(tmp_path)
    assert 'class="admonition failure wsd-error"' in html
    assert "diagrams/demo.wsd:5:1: error: nova/compute/api.py has no API.pause_everything" in html
    assert svg_count(html) == 0


def test_an_inline_diagram_error_names_the_page_and_its_line(tmp_path):
    inline = "---\ntitle: t\n---\n# Inline\n\nText.\n\n```sequence\ntitle ok\na->b: fine\nnot a statement\n```\n"
    make_project(tmp_path, pages={"index.md": inline})
    done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode != 0
    errors = log_records(done.stdout, "ERROR")
    # Line 11 of the file: the front matter counts.
    assert any(e.startswith("docs/zh/index.md:11:") for e in errors), errors
    assert any(e.startswith("docs/en/index.md:11:") for e in errors), errors


def test_a_renderer_warning_becomes_a_mkdocs_warning(tmp_path):
    # A deactivate of a participant that is not active is drawn, with a warning.
    warned = GOOD_DIAGRAM + "deactivate client\n"
    make_project(tmp_path, diagrams={"diagrams/demo.wsd": warned})
    strict = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert strict.returncode != 0
    warnings = log_records(strict.stdout, "WARNING")
    assert any(w.startswith("diagrams/demo.wsd:8:") and ": warning: " in w for w in warnings), strict.stdout
    # Also on a cache hit: the warning is stored with the result.
    relaxed = run_mkdocs(["build"], cwd=tmp_path)
    assert relaxed.returncode == 0
    assert totals(relaxed.stdout)[0] == 0
    assert any(w.startswith("diagrams/demo.wsd:8:") for w in log_records(relaxed.stdout, "WARNING"))
    assert svg_count(page(tmp_path)) == 1


def test_a_missing_include_fails_the_build(tmp_path):
    make_project(tmp_path, pages={"index.md": '# X\n\n```sequence\n--8<-- "diagrams/nope.wsd"\n```\n'})
    done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode != 0
    assert "diagrams/nope.wsd" in done.stdout


@pytest.mark.parametrize("diagram_count", [2])
def test_two_diagrams_on_one_page_share_no_id(tmp_path, diagram_count):
    body = "".join('```sequence\n--8<-- "diagrams/demo.wsd"\n```\n\n' for _ in range(diagram_count))
    make_project(tmp_path, pages={"index.md": "# Twice\n\n" + body})
    done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    ids = re.findall(r'\sid="([^"]+)"', page(tmp_path))
    assert ids and len(ids) == len(set(ids))
    assert svg_count(page(tmp_path)) == diagram_count


@pytest.mark.parametrize("entry", ["{}", "[]", "null", '"x"', '{"svg": 5, "title": null, "width": 1, '
                                   '"height": 1, "warnings": []}'])
def test_a_cache_entry_of_the_wrong_shape_is_rendered_again(tmp_path, entry):
    make_project(tmp_path)
    assert run_mkdocs(["build", "--strict"], cwd=tmp_path).returncode == 0
    for path in (tmp_path / ".cache/wsd").rglob("*.json"):
        path.write_text(entry, encoding="utf-8")
    again = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert again.returncode == 0, again.stdout
    assert totals(again.stdout) == (1, 1)
    assert svg_count(page(tmp_path)) == 1 and svg_count(page(tmp_path, "en")) == 1


def test_an_unwritable_cache_is_a_note_and_the_build_goes_on(tmp_path):
    # A file where the cache folder should be: unwritable even for root, unlike chmod.
    make_project(tmp_path, options={"cache_dir": "blocked/wsd"})
    (tmp_path / "blocked").write_text("not a folder", encoding="utf-8")
    done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "crashed" not in done.stdout and "diagram cache not written" in done.stdout
    assert svg_count(page(tmp_path)) == 1


def test_a_symlinked_include_that_leaves_the_repository_is_refused(tmp_path):
    secret = tmp_path / "outside.txt"
    secret.write_text("root:x:0:0:SECRET\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    make_project(project, pages={"index.md": '# P\n\n```sequence\n--8<-- "diagrams/notes.wsd"\n```\n\n'
                                             '--8<-- "includes/notes.txt"\n'})
    (project / "diagrams/notes.wsd").symlink_to(secret)
    (project / "includes").mkdir()
    (project / "includes/notes.txt").symlink_to(secret)
    done = run_mkdocs(["build", "--strict"], cwd=project)
    assert done.returncode != 0
    assert "docs/zh/index.md:4:9: error: include 'diagrams/notes.wsd' refused: its real path leaves" \
        in done.stdout
    assert "docs/zh/index.md:7:9: error: include 'includes/notes.txt' refused" in done.stdout
    assert "SECRET" not in done.stdout
    for html in (project / "site").rglob("*.html") if (project / "site").exists() else []:
        assert "SECRET" not in html.read_text(encoding="utf-8")


def test_an_include_outside_the_include_roots_is_refused(tmp_path):
    make_project(tmp_path, pages={"index.md": '# P\n\n--8<-- "mkdocs.yml"\n'})
    done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode != 0
    assert "docs/zh/index.md:3:9: error: include 'mkdocs.yml' refused: not under an include root (diagrams/)" \
        in done.stdout


def test_a_bom_in_an_included_diagram_is_dropped(tmp_path):
    make_project(tmp_path, diagrams={"diagrams/demo.wsd": "\ufeff" + GOOD_DIAGRAM})
    done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert svg_count(page(tmp_path)) == 1 and "\ufeff" not in page(tmp_path)


def test_a_ranged_snippet_is_reported_at_the_line_of_its_file(tmp_path):
    broken = GOOD_DIAGRAM.replace("API.pause", "API.pause_everything") + "a->b: later\n"
    make_project(tmp_path, diagrams={"diagrams/demo.wsd": broken},
                 pages={"index.md": '# Demo\n\n```sequence\n--8<-- "diagrams/demo.wsd:1:7"\n```\n'})
    done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode != 0
    assert any(e.startswith("diagrams/demo.wsd:5:") for e in log_records(done.stdout, "ERROR")), done.stdout


def test_a_snippet_plus_page_lines_maps_each_line_to_where_it_was_written(tmp_path):
    page_text = ('# Demo\n\n- item\n\n    ```sequence\n    --8<-- "diagrams/demo.wsd"\n'
                 '    client->nova_api: ok\n    this line is not wsd\n    ```\n')
    make_project(tmp_path, pages={"index.md": page_text})
    done = run_mkdocs(["build"], cwd=tmp_path)
    errors = [e for e in log_records(done.stdout, "ERROR") if e.startswith("docs/zh/")]
    assert errors and all(e.startswith("docs/zh/index.md:8:") for e in errors), done.stdout
    assert errors[0].startswith("docs/zh/index.md:8:5:")  # the fence's 4 columns of indent count


def test_an_indented_inline_fence_reports_page_columns(tmp_path):
    page_text = "# Demo\n\n- item\n\n    ```sequence\n    a->b: x\n    this line is not wsd\n    ```\n"
    make_project(tmp_path, pages={"index.md": page_text})
    plain = run_mkdocs(["build"], cwd=tmp_path)
    errors = [e for e in log_records(plain.stdout, "ERROR") if e.startswith("docs/zh/")]
    assert errors and errors[0].startswith("docs/zh/index.md:7:5:"), plain.stdout
