"""ow-search in-process: sections, the per-language index file, its merge, Material's bundle patch."""
from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest
from owsite.search.bundle import BundlePatchError, patch_bundle
from owsite.search.index import SearchIndexError, dump, load, merge, name_search_dialog, page_sections, plain, synonyms

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
MATERIAL = Path(material.__file__).parent / "templates"

PAGE = """
<h1 id="pause">Pause a server</h1>
<p>nova-api sets <code>task_state=pausing</code> &amp; casts.</p>
<h2 id="states">State transitions</h2>
<p>\u200b暂停\u200b虚拟机\u200b and <code>ComputeManager.pause_instance</code></p>
<h2 id="fails">When it fails</h2>
<p>NoValidHost</p>
"""


def test_a_page_is_cut_into_plain_sections_at_its_headings():
    sections = page_sections(PAGE, "Pause")
    assert [s[0] for s in sections] == ["", "states", "fails"]
    assert sections[0] == ("", "Pause a server", "nova-api sets task_state=pausing & casts.")
    assert sections[1][1] == "State transitions"
    assert sections[1][2] == "暂停虚拟机 and ComputeManager.pause_instance"
    assert not any(ZERO_WIDTH.search(part) for section in sections for part in section)


def test_plain_drops_markup_entities_and_zero_width_characters():
    assert plain(["<p>a\u200bb &lt;c&gt;\n\n  d</p>"]) == "ab <c> d"


def test_a_page_without_headings_is_one_entry_named_by_its_title():
    assert page_sections("<p>text</p>", "Home") == [("", "Home", "text")]


def test_merge_replaces_rebuilt_pages_and_drops_pages_no_longer_built():
    old = {"a/": [["", "A", "old"]], "b/": [["", "B", "b"]], "gone/": [["", "G", "g"]]}
    new = {"a/": [["", "A", "new"], ["x", "X", "x"]]}
    merged = merge(old, new, pages={"a/", "b/"})
    assert merged == {"a/": [["", "A", "new"], ["x", "X", "x"]], "b/": [["", "B", "b"]]}


def test_the_index_file_round_trips_and_names_its_language(tmp_path):
    path = tmp_path / "zh.json"
    path.write_text(dump("zh", {"nova/pause/": [("", "暂停", "t")]}), encoding="utf-8")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["config"]["lang"] == ["zh"]
    assert data["config"]["synonyms"]["热迁移"] == ["在线迁移"]
    assert load(path) == {"nova/pause/": [["", "暂停", "t"]]}


def test_synonyms_go_both_ways_and_only_for_their_language():
    assert synonyms("zh")["在线迁移"] == ["热迁移"]
    assert synonyms("en") == {}


def test_a_foreign_file_in_the_index_place_is_a_clear_error(tmp_path):
    path = tmp_path / "en.json"
    path.write_text('{"docs": [{"location": "x"}]}', encoding="utf-8")
    with pytest.raises(SearchIndexError, match="en.json"):
        load(path)


def test_the_search_dialog_is_named_by_the_search_field_label():
    html = ('<div class="md-search" data-md-component="search" role="dialog"><input type="text" '
            'class="md-search__input" name="query" aria-label="搜索" placeholder="搜索">')
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索">' in \
        name_search_dialog(html)


def material_bundle() -> str:
    [bundle] = (MATERIAL / "assets/javascripts").glob("bundle.*.min.js")
    return bundle.read_text(encoding="utf-8")


def test_materials_bundle_is_patched_to_load_the_readers_index_on_first_search():
    source = material_bundle()
    assert 'new URL("search/search_index.json",' in source
    patched = patch_bundle(source, "bundle.js")
    assert 'new URL("search/"+document.documentElement.lang+".json",' in patched
    assert 'search_index.json' not in patched
    assert 'location.protocol!=="file:"),' not in patched  # no eager load on http(s)
    assert '{index$:t,location$:r}){return z([t,' not in patched
    assert patch_bundle(patched, "bundle.js") == patched  # once only


def test_an_unknown_bundle_fails_with_the_edit_named():
    with pytest.raises(BundlePatchError, match="search index URL"):
        patch_bundle("(()=>{})();", "assets/javascripts/bundle.x.min.js")


def test_table_sections_are_indexed_as_their_distinct_identifiers():
    content = ('<h1>Boot</h1><p>Intro.</p>'
               '<h2 id="states">State transitions</h2><table><tr><td>Accept the request</td>'
               '<td><a href="../../states/#vm_state-building"><code>building</code></a></td>'
               '<td><a class="src-link" href="https://x/"><code>API._populate_instance_for_create</code></a></td>'
               '</tr><tr><td>Again</td><td><code>building</code></td><td><code>a &lt; b</code></td></tr></table>'
               '<h2 id="fails">When it fails</h2><p>Look at <code>nova-compute.log</code> first.</p>')
    sections = page_sections(content, "Boot", identifiers_only=["states"])
    assert sections[1] == ("states", "State transitions", "building API._populate_instance_for_create a < b")
    # Other sections keep their prose.
    assert sections[2] == ("fails", "When it fails", "Look at nova-compute.log first.")
    # Without the option every section is plain text.
    assert "Accept the request" in page_sections(content, "Boot")[1][2]
