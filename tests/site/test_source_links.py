"""``src:`` links in prose resolve against the symbol index, or fail the build naming page and line."""
from __future__ import annotations

from mkdocs_run import log_records, run_mkdocs
from miniproject import make_project
from owsite.upstream import Release, SymbolIndex

INDEX = SymbolIndex()


# Root pages describe the newest Nova (data/releases.toml); these tests pin Liberty.
LIBERTY = "---\nrelease: nova 12.0.0\n---\n"


def built(tmp_path, text: str, strict: bool = True, page: str = "index.md"):
    make_project(tmp_path, pages={"index.md": "# Home\n", page: text})
    done = run_mkdocs(["build", "--strict"] if strict else ["build"], cwd=tmp_path)
    html_file = tmp_path / "site" / page.replace(".md", "/index.html").replace("index/index.html", "index.html")
    html = html_file.read_text(encoding="utf-8") if done.returncode == 0 else ""
    return done, html


def test_a_function_link_points_at_its_line_at_the_release(tmp_path):
    line = INDEX.line(Release("nova", "12.0.0"), "nova/compute/api.py", "API.pause")
    done, html = built(tmp_path, LIBERTY + "# P\n\nSee [`API.pause`](src:nova/compute/api.py#API.pause).\n")
    assert done.returncode == 0, done.stdout
    assert (f'href="https://github.com/openstack/nova/blob/12.0.0/nova/compute/api.py#L{line}" '
            f'class="src-link"') in html


def test_a_file_link_has_no_line(tmp_path):
    done, html = built(tmp_path, LIBERTY + "# P\n\n[`setup.cfg`](src:setup.cfg)\n")
    assert done.returncode == 0, done.stdout
    assert 'href="https://github.com/openstack/nova/blob/12.0.0/setup.cfg"' in html


def test_front_matter_selects_another_release(tmp_path):
    line = INDEX.line(Release("nova", "13.0.0"), "nova/compute/api.py", "API.pause")
    done, html = built(tmp_path, "---\nrelease: nova 13.0.0\n---\n# P\n\n[x](src:nova/compute/api.py#API.pause)\n")
    assert done.returncode == 0, done.stdout
    assert f"nova/blob/13.0.0/nova/compute/api.py#L{line}" in html


def test_sahara_paths_resolve_against_sahara(tmp_path):
    done, html = built(tmp_path, LIBERTY + "# P\n\n[x](src:sahara/service/api.py)\n")
    assert done.returncode == 0, done.stdout
    assert 'href="https://github.com/openstack/sahara/blob/3.0.0/sahara/service/api.py"' in html


def test_an_unknown_name_fails_the_strict_build_naming_page_and_line(tmp_path):
    done, _ = built(tmp_path, LIBERTY + "# P\n\nText.\n\n[x](src:nova/compute/api.py#API.levitate)\n")
    assert done.returncode != 0
    errors = log_records(done.stdout, "ERROR")
    assert "docs/zh/index.md:8:5: error: unknown source link src:nova/compute/api.py#API.levitate: " \
           "nova/compute/api.py has no API.levitate in nova 12.0.0" in errors


def test_an_unknown_file_fails_the_build(tmp_path):
    done, _ = built(tmp_path, LIBERTY + "# P\n\n[x](src:nova/compute/apl.py#API.pause)\n")
    assert done.returncode != 0
    assert any("nova/compute/apl.py does not exist in nova 12.0.0" in e
               for e in log_records(done.stdout, "ERROR"))


def test_examples_in_code_are_left_alone(tmp_path):
    done, html = built(tmp_path, "# P\n\n`[x](src:nova/not/there.py#Nope)`\n")
    assert done.returncode == 0, done.stdout
    assert "src:nova/not/there.py#Nope" in html


def test_an_at_tag_prefix_links_another_release_of_the_same_project(tmp_path):
    old = INDEX.line(Release("nova", "12.0.0"), "nova/compute/api.py", "API.pause")
    new = INDEX.line(Release("nova", "33.0.2"), "nova/compute/api.py", "API.pause")
    assert old != new
    done, html = built(tmp_path, "---\nrelease: nova 33.0.2\n---\n# P\n\n"
                       "[a](src:@12.0.0/nova/compute/api.py#API.pause) "
                       "[b](src:nova/compute/api.py#API.pause)\n")
    assert done.returncode == 0, done.stdout
    assert f"nova/blob/12.0.0/nova/compute/api.py#L{old}" in html
    assert f"nova/blob/33.0.2/nova/compute/api.py#L{new}" in html


def test_an_at_tag_prefix_with_an_unknown_tag_fails_the_build(tmp_path):
    done, _ = built(tmp_path, "# P\n\n[a](src:@99.9.9/nova/compute/api.py#API.pause)\n")
    assert done.returncode != 0


def test_a_path_in_another_project_links_that_project_at_the_same_series(tmp_path):
    line = INDEX.line(Release("nova", "33.0.2"), "nova/compute/api.py", "API.pause")
    done, html = built(tmp_path, "---\nrelease: cinder 28.0.0\n---\n# P\n\n"
                       "[a](src:nova/compute/api.py#API.pause) [b](src:cinder/volume/api.py#API.create)\n")
    assert done.returncode == 0, done.stdout
    assert f"openstack/nova/blob/33.0.2/nova/compute/api.py#L{line}" in html
    assert "openstack/cinder/blob/28.0.0/cinder/volume/api.py#L" in html


def test_a_path_in_a_project_without_a_release_in_the_series_fails(tmp_path):
    done, _ = built(tmp_path, "---\nrelease: nova 12.0.0\n---\n# P\n\n[a](src:cinder/volume/api.py#API.create)\n")
    assert done.returncode != 0
    assert "no release in the series" in done.stdout


def test_a_root_page_describes_the_newest_nova(tmp_path):
    line = INDEX.line(Release("nova", "33.0.2"), "nova/compute/api.py", "API.pause")
    done, html = built(tmp_path, "# P\n\n[x](src:nova/compute/api.py#API.pause)\n")
    assert done.returncode == 0, done.stdout
    assert f"nova/blob/33.0.2/nova/compute/api.py#L{line}" in html


def test_a_page_under_liberty_describes_nova_12_without_front_matter(tmp_path):
    line = INDEX.line(Release("nova", "12.0.0"), "nova/compute/api.py", "API.pause")
    done, html = built(tmp_path, "# P\n\n[x](src:nova/compute/api.py#API.pause)\n", page="liberty/nova/pause.md")
    assert done.returncode == 0, done.stdout
    assert f"nova/blob/12.0.0/nova/compute/api.py#L{line}" in html


def test_a_page_under_sahara_describes_sahara(tmp_path):
    done, html = built(tmp_path, "# P\n\n[x](src:setup.cfg)\n", page="sahara/create-cluster.md")
    assert done.returncode == 0, done.stdout
    assert 'href="https://github.com/openstack/sahara/blob/3.0.0/setup.cfg"' in html


def test_a_front_matter_release_not_in_the_data_fails_the_build(tmp_path):
    done, _ = built(tmp_path, "---\nrelease: nova 99.0.0\n---\n# P\n\n[x](src:setup.cfg)\n")
    assert done.returncode != 0
    assert any("nova 99.0.0 is not a release in releases.toml" in e for e in log_records(done.stdout, "ERROR"))
