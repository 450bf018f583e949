"""The state index in the built site: every written value has its entry, in both languages, at its release."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from mkdocs_run import ROOT
from owsite.states.extract import index_model
from site_html import html_pages, scan

INDEX = {"2026.1": "states/index.html", "Liberty": "liberty/states/index.html"}
LANGUAGE_ROOT = {"zh": "", "en": "en/"}
STEP_HREF_RE = re.compile(r"^(?:\.\./)+(?:liberty/)?(?:nova|cinder|neutron|magnum|sahara)/([a-z0-9-]+)/#step-\1-\d+$")


@pytest.fixture(scope="module")
def model():
    return index_model(ROOT)


def index_page(site: Path, language: str, series: str) -> Path:
    return site / LANGUAGE_ROOT[language] / INDEX[series]


def entry_html(site: Path, language: str, series: str, anchor: str) -> str:
    text = index_page(site, language, series).read_text(encoding="utf-8")
    start = text.index(f'<h3 id="{anchor}"')
    end = text.find("<h", start + 4)
    return text[start:end if end > 0 else len(text)]


def test_the_model_covers_both_series_and_every_project(model):
    assert set(model) == {"2026.1", "Liberty"}
    assert {e.project for e in model["2026.1"]} == {"nova", "cinder", "neutron", "magnum"}
    assert {e.project for e in model["Liberty"]} == {"nova", "sahara"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_written_value_has_its_entry_in_its_release_index(built_site, model, language):
    for series, entries in model.items():
        ids = set(scan(index_page(built_site, language, series)).ids)
        missing = [e.anchor for e in entries if e.anchor not in ids]
        assert missing == [], (language, series)


def test_both_languages_have_the_same_entries_in_the_same_order(built_site):
    for series in INDEX:
        zh = scan(index_page(built_site, "zh", series)).headings
        en = scan(index_page(built_site, "en", series)).headings
        assert zh == en and len(zh) > 40, series


@pytest.mark.parametrize("series, anchor, page", [
    ("2026.1", "task_state-migrating", "nova/live-migrate/"),
    ("Liberty", "task_state-migrating", "liberty/nova/live-migrate/"),
    ("2026.1", "status-error_deleting", "cinder/delete-volume/"),
    ("2026.1", "status-attaching", "cinder/attach-volume/"),
    ("2026.1", "task_state-resize_migrating", "nova/resize/"),
    ("2026.1", "neutron-binding_vif_type-binding_failed", "neutron/bind-port/"),
    ("2026.1", "neutron-status-DOWN", "neutron/create-port/"),
    ("2026.1", "magnum-status-CREATE_IN_PROGRESS", "magnum/cluster-create/"),
    ("Liberty", "sahara-status-Spawning", "sahara/create-cluster/"),
    ("Liberty", "vm_state-building", "liberty/nova/boot/"),
])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_known_values_list_the_operations_that_write_them(built_site, language, series, anchor, page):
    html = entry_html(built_site, language, series, anchor)
    index_url = "/" + LANGUAGE_ROOT[language] + INDEX[series].removesuffix("index.html")
    targets = {urlsplit(urljoin(index_url, href)).path.lstrip("/")
               for href in re.findall(r'href="([^"]+)"', html)}
    assert LANGUAGE_ROOT[language] + page in targets


def test_the_index_names_value_writer_function_and_step(built_site):
    html = entry_html(built_site, "en", "2026.1", "task_state-migrating")
    assert "<code>task_state=migrating</code>" in html
    assert "<td>nova-api</td>" in html
    assert 'href="https://github.com/openstack/nova/blob/33.0.2/nova/compute/api.py#L' in html
    assert re.search(r'href="\.\./nova/live-migrate/#step-live-migrate-\d+"', html)
    liberty = entry_html(built_site, "en", "Liberty", "task_state-migrating")
    assert "https://github.com/openstack/nova/blob/12.0.0/nova/compute/api.py#L" in liberty


def test_the_liberty_entries_carry_the_liberty_prose(built_site):
    now = entry_html(built_site, "en", "2026.1", "task_state-scheduling")
    then = entry_html(built_site, "en", "Liberty", "task_state-scheduling")
    assert "Placement" in now and "no Placement" in then
    assert "Written for 2026.1" not in then and "Written for 2026.1" not in now
    # A note written for 2026.1 only is marked as such on the Liberty index.
    assert "Written for 2026.1" in entry_html(built_site, "en", "Liberty", "task_state-deleting")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_step_link_has_the_step_anchor_form(built_site, language):
    for series in INDEX:
        page = index_page(built_site, language, series)
        steps = [h for h in scan(page).links if "#step-" in h]
        assert len(steps) > 100
        wrong = [h for h in steps if not STEP_HREF_RE.match(h)]
        assert wrong == [], (language, series)


def test_the_first_screen_has_the_jump_list_before_the_first_entry(built_site):
    text = index_page(built_site, "en", "2026.1").read_text(encoding="utf-8")
    jump = text.index('class="ow-states-jump"')
    assert jump < text.index('<h2 id="nova"')
    head = text[jump:text.index("</div>", jump)]
    for anchor in ("task_state-migrating", "status-error_deleting", "neutron-status-DOWN",
                   "magnum-status-CREATE_IN_PROGRESS"):
        assert f'href="#{anchor}"' in head
    assert 'href="../liberty/states/"' in text[:jump]


def test_links_from_state_tables_resolve_to_index_entries(built_site):
    checked = 0
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in html_pages(built_site):
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'class="ow-state-link" href="([^"]+)"', text):
            path, _, fragment = href.partition("#")
            target = (page.parent / path / "index.html").resolve()
            if target not in ids:
                ids[target] = set(scan(target).ids) if target.is_file() else set()
            if fragment not in ids[target]:
                broken.append(f"{page.relative_to(built_site)}: {href}")
            checked += 1
    assert broken == []
    assert checked > 500


def test_a_state_table_links_its_values(built_site):
    text = (built_site / "en" / "nova" / "live-migrate" / "index.html").read_text(encoding="utf-8")
    section = text[text.index('<h2 id="states"'):]
    section = section[:section.index("<h2", 10)]
    assert '<a class="ow-state-link" href="../../states/#task_state-migrating"><code>task_state=migrating</code></a>' \
        in section
    liberty = (built_site / "liberty" / "nova" / "live-migrate" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../states/#task_state-migrating"' in liberty   # liberty/nova/x/ -> liberty/states/


def test_home_page_and_nav_lead_to_the_index(built_site):
    for language in ("zh", "en"):
        home = built_site / LANGUAGE_ROOT[language] / "index.html"
        assert "states/" in scan(home).links
    pause = (built_site / "en" / "liberty" / "nova" / "pause" / "index.html").read_text(encoding="utf-8")
    assert "State index (Liberty)" in pause
