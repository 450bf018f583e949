"""Search finds what operators type (issue 13): state names, identifiers, Chinese words.

Every miss the issue lists is a query here, in both languages, against the
built site in Chromium; ranking is checked by the first result's page.
"""
from __future__ import annotations

import json
import re

import pytest
from test_browser import open_page, pages_mentioning, search, site_path

pytestmark = pytest.mark.browser

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

# State names bare and as field=value, exception names, config options, functions.
FOUND = ["migrating", "scheduling", "spawning", "pausing", "deleting", "building",
         "task_state=spawning", "error_deleting", "binding_failed", "CREATE_IN_PROGRESS",
         "NoValidHost", "live_migration_completion_timeout", "vif_plugging_timeout",
         "schedule_and_build_instances", "_build_and_run_instance", "ComputeTaskManager"]


def first_pages(page, site_url, query: str) -> list[str]:
    return [site_path(h, site_url) for h in search(page, query)]


@pytest.mark.parametrize("start", ["", "en/"])
def test_operator_terms_are_found_on_pages_that_mention_them(new_page, site_url, built_site, start):
    page = open_page(new_page, site_url, start)
    language = "en" if start else "zh"
    missing, wrong = [], []
    for query in FOUND:
        hits = first_pages(page, site_url, query)
        if not hits:
            missing.append(query)
            continue
        mentioning = pages_mentioning(language, query.split("=")[-1], built_site)
        if hits[0] not in mentioning:
            wrong.append((query, hits[0]))
        if not all(h.startswith("en/") == bool(start) for h in hits):
            wrong.append((query, "other language", hits))
    assert not missing, f"no result from /{start} for {missing}"
    assert not wrong, wrong


@pytest.mark.parametrize("start, query, expected", [
    ("", "暂停", {"nova/pause/"}),
    ("", "快照", {"nova/create-image/", "cinder/create-snapshot/"}),
    ("", "热迁移", {"nova/live-migrate/"}),
    ("", "pause", {"nova/pause/"}),
    ("", "live migration", {"nova/live-migrate/"}),
    ("en/", "pause", {"en/nova/pause/"}),
    ("en/", "live migration", {"en/nova/live-migrate/"}),
    ("en/", "live-migrate", {"en/nova/live-migrate/"}),
    ("en/", "snapshot", {"en/nova/create-image/", "en/cinder/create-snapshot/"}),
])
def test_an_operation_page_comes_first_for_its_name(new_page, site_url, start, query, expected):
    page = open_page(new_page, site_url, start)
    hits = first_pages(page, site_url, query)
    assert hits and hits[0] in expected, hits[:5]


@pytest.mark.parametrize("start", ["", "en/"])
def test_no_valid_host_finds_the_scheduler_not_novnc(new_page, site_url, start):
    page = open_page(new_page, site_url, start)
    hits = first_pages(page, site_url, "No valid host")
    assert hits and "novnc" not in hits[0] and "vnc" not in hits[0], hits[:5]
    assert hits[0].split("#")[0] in pages_mentioning("en" if start else "zh", "NoValidHost"), hits[:5]


def test_a_chinese_query_matches_and_marks_the_whole_word(new_page, site_url):
    page = open_page(new_page, site_url, "")
    hits = first_pages(page, site_url, "调度")
    assert hits and not any("resize" in h for h in hits[:3]), hits[:5]
    marks = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
    assert marks and set(marks) == {"调度"}, sorted(set(marks))


@pytest.mark.parametrize("start, query", [("", "暂停"), ("", "调度"), ("", "task_state=spawning"),
                                          ("en/", "pause"), ("en/", "NoValidHost")])
def test_results_carry_no_zero_width_characters(new_page, site_url, start, query):
    page = open_page(new_page, site_url, start)
    search(page, query)
    shown = page.inner_text(".md-search-result")
    assert not ZERO_WIDTH.search(shown), [hex(ord(c)) for c in shown if ZERO_WIDTH.match(c)][:3]


@pytest.mark.parametrize("start, own, other", [("nova/boot/", "search/zh.json", "search/en.json"),
                                               ("en/nova/boot/", "search/en.json", "search/zh.json")])
def test_the_index_loads_on_the_first_search_and_only_in_the_readers_language(
        new_page, site_url, start, own, other):
    page = new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + start)
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 800)  # reading the page is not searching
    page.wait_for_timeout(300)
    assert not [u for u in requests if "/search/" in u], requests
    page.keyboard.press("/")  # Material's shortcut focuses the search field
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent"
                           ".match(/Initializing|正在初始化/)")
    assert [u for u in requests if u.endswith(own)] == [site_url + own]
    assert not [u for u in requests if u.endswith(other) or u.endswith("search_index.json")]


def test_the_search_dialog_has_an_accessible_name(new_page, site_url):
    page = open_page(new_page, site_url, "en/")
    label = page.get_attribute(".md-search[role=dialog]", "aria-label")
    assert label and label == page.get_attribute(".md-search__input", "aria-label")


STATE_FIXTURE = {
    "config": {"lang": ["en"], "separator": "[\\s]+"},
    "docs": [
        ["nova/live-migrate/", [
            ["", "Live-migrate a server", "migrating migrating migrating task_state=migrating"],
            ["fails", "When it fails", "A migrating server stays migrating; task_state=migrating."]]],
        ["guide/states/", [["", "Reading states", "migrating and spawning explained"]]],
        ["states/", [
            ["", "Server states", "Every value of vm_state and task_state."],
            ["task_state-spawning", "task_state=spawning", "The guest is being created."],
            ["task_state-migrating", "task_state=migrating", "Live migration is under way."]]],
    ],
}


@pytest.mark.parametrize("query", ["migrating", "task_state=migrating", "Migrating"])
def test_a_state_heading_ranks_first_for_its_value(new_page, site_url, query):
    """The state index (/states/) is built elsewhere: the worker is fed a fixture index."""
    page = open_page(new_page, site_url, "en/")
    worker = page.evaluate("JSON.parse(document.getElementById('__config').textContent).search")
    first = page.evaluate("""async ([url, index, query]) => {
        const worker = new Worker(new URL(url, location.href));
        const answer = (type) => new Promise(resolve => worker.addEventListener("message",
            e => { if (e.data.type === type) resolve(e.data.data); }, { once: false }));
        const ready = answer(1);
        worker.postMessage({ type: 0, data: index });
        await ready;
        const result = answer(3);
        worker.postMessage({ type: 2, data: query });
        const { items } = await result;
        worker.terminate();
        return items[0].map(item => item.location);
    }""", [worker, json.loads(json.dumps(STATE_FIXTURE)), query])
    assert first[0] == "states/#task_state-migrating", first


@pytest.mark.parametrize("start", ["", "en/"])
@pytest.mark.parametrize("query", ["migrating", "task_state=migrating", "error_deleting", "binding_failed"])
def test_the_built_state_index_entry_ranks_first(new_page, site_url, start, query):
    """Issue 15: a value typed bare or as field=value leads to its entry in the current index."""
    page = open_page(new_page, site_url, start)
    hits = search(page, query)
    # A bare value may belong to more than one field: either field's entry answers it.
    anchors = {"migrating": {"task_state-migrating", "migration_status-migrating"},
               "task_state=migrating": {"task_state-migrating"},
               "error_deleting": {"status-error_deleting"},
               "binding_failed": {"neutron-binding_vif_type-binding_failed"}}[query]
    # The first result is the index page; the first of its sections shown is the value's entry.
    assert site_path(hits[0], site_url) == start + "states/", hits[:5]
    sections = [h for h in hits if site_path(h, site_url) == start + "states/" and "#" in h]
    assert sections and sections[0].rsplit("#", 1)[1] in anchors, hits[:8]
