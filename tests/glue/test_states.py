"""The state index in-process: extraction from small diagrams, anchors, notes and page links."""
from __future__ import annotations

from pathlib import Path

import pytest
from owsite.releases import Catalog
from owsite.states import notes
from owsite.states.extract import all_writes, anchor_id, diagram_writes, entries, label_pairs
from owsite.states.links import Linker
from owsite.states.page import Renderer, index_path
from owsite.states.plugin import StatesPlugin
from owsite.upstream import Upstream

CATALOG = Catalog.load()
UPSTREAM = Upstream(CATALOG)
NOVA = CATALOG.get("nova", "33.0.2")

PAUSE = """# @release nova 33.0.2
title Pause
participant "client" as client
participant "nova-api" as nova_api
participant "database" as database
participant "nova-compute" as nova_compute
# nova/compute/api.py API.pause
client->nova_api: POST pause
nova_api->database: task_state=pausing\\n(expected_task_state=None)
nova_api->>nova_compute: pause_instance
# nova/compute/manager.py ComputeManager.pause_instance
alt the driver raises an exception
  nova_compute->database: vm_state=error, task_state=None
else paused
  nova_compute->database: vm_state=paused, task_state=None\\npower_state=PAUSED
end
"""


def writes_of(text: str, name: str = "diagrams/nova/2026.1/pause.wsd"):
    return diagram_writes(text, name, NOVA, UPSTREAM)


@pytest.mark.parametrize("project, label, expected", [
    ("nova", ("vm_state=paused, task_state=None", "power_state=PAUSED"),
     [("vm_state", "paused"), ("task_state", "None"), ("power_state", "PAUSED")]),
    ("nova", ("migration.status=running",), [("migration_status", "running")]),
    ("nova", ("migration record, status=pre-migrating",), [("migration_status", "pre-migrating")]),
    ("nova", ("find migration status=finished",), []),                    # a lookup, not a write
    ("nova", ("migration with status=accepted",), []),
    ("nova", ("status=in-use, attach_status=attached",), []),             # Cinder's fields, not Nova's
    ("cinder", ("INSERT snapshot", "status=creating, progress=0%"), [("snapshot_status", "creating")]),
    ("cinder", ("backup status=error, fail_reason",), [("backup_status", "error")]),
    ("cinder", ("migration_status=error",), []),                           # not the volume status
    ("cinder", ("previous_status=available or in-use",), []),
    ("cinder", ("volume status=previous_status",), []),
    ("cinder", ("status=attaching, attach_status=attaching",),
     [("status", "attaching"), ("attach_status", "attaching")]),
    ("neutron", ("ml2_port_bindings binding:vif_type=ovs", "(or binding_failed), vif_details"),
     [("binding_vif_type", "ovs"), ("binding_vif_type", "binding_failed")]),
    ("neutron", ("dest binding status=ACTIVE,",), [("binding_status", "ACTIVE")]),
    ("neutron", ("INSERT routers status=ACTIVE,",), []),
    ("magnum", ("cluster status=CREATE_COMPLETE", "or CREATE_FAILED"),
     [("status", "CREATE_COMPLETE"), ("status", "CREATE_FAILED")]),
    ("magnum", ("nodegroups status=DELETE_IN_PROGRESS",), []),
])
def test_a_label_is_split_into_the_status_fields_of_its_project(project, label, expected):
    assert label_pairs(project, label) == expected


def test_a_write_records_operation_writer_function_step_next_and_failure():
    found = {(w.field, w.value): w for w in writes_of(PAUSE)}
    pausing = found[("task_state", "pausing")]
    assert (pausing.project, pausing.series, pausing.page) == ("nova", "2026.1", "nova/pause/")
    assert pausing.writer == "nova-api" and pausing.function == "API.pause"
    assert pausing.function_url and pausing.function_url.startswith(
        "https://github.com/openstack/nova/blob/33.0.2/nova/compute/api.py#L")
    assert (pausing.step, pausing.anchor) == (2, "step-pause-2")
    # Normal path: the success branch clears it; the exception branch is the failure value.
    assert pausing.next is not None and (pausing.next.value, pausing.next.step) == ("None", 5)
    assert [(m.value, m.step) for m in pausing.failure] == [("None", 4)]
    paused = found[("vm_state", "paused")]
    assert paused.next is None and [m.value for m in paused.failure] == ["error"]
    # A write inside the failure branch has no failure value of its own.
    error = found[("vm_state", "error")]
    assert error.failure == () and error.next is None


def test_error_written_in_an_else_branch_counts_as_the_failure_value():
    text = """# @release magnum 22.0.0
participant "magnum-conductor" as magnum_conductor
participant "database" as database
# magnum/conductor/handlers/cluster_conductor.py Handler.cluster_create
magnum_conductor->database: INSERT cluster status=CREATE_IN_PROGRESS
alt heat accepted the stack
  magnum_conductor->database: cluster status=CREATE_COMPLETE
else
  magnum_conductor->database: cluster status=ERROR
end
"""
    magnum = CATALOG.get("magnum", "22.0.0")
    found = {w.value: w for w in diagram_writes(text, "diagrams/magnum/2026.1/c.wsd", magnum, UPSTREAM)}
    start = found["CREATE_IN_PROGRESS"]
    assert start.next is not None and start.next.value == "CREATE_COMPLETE"
    assert [m.value for m in start.failure] == ["ERROR"]


def test_a_write_in_another_branch_is_not_the_next_value():
    text = """participant "nova-api" as nova_api
participant "database" as database
alt soft
  nova_api->database: task_state=rebooting
else hard
  nova_api->database: task_state=rebooting_hard
end
nova_api->database: task_state=None
"""
    found = {w.value: w for w in writes_of(text, "diagrams/nova/2026.1/reboot.wsd")}
    assert found["rebooting"].next is not None and found["rebooting"].next.value == "None"
    assert found["rebooting"].next.step == 3


@pytest.mark.parametrize("project, field, value, anchor", [
    ("nova", "task_state", "migrating", "task_state-migrating"),
    ("cinder", "status", "error_deleting", "status-error_deleting"),
    ("neutron", "status", "DOWN", "neutron-status-DOWN"),
    ("neutron", "binding_vif_type", "binding_failed", "neutron-binding_vif_type-binding_failed"),
    ("magnum", "status", "CREATE_IN_PROGRESS", "magnum-status-CREATE_IN_PROGRESS"),
])
def test_anchor_scheme(project, field, value, anchor):
    assert anchor_id(project, field, value) == anchor


def test_a_new_diagram_adds_its_states_with_no_other_edit(tmp_path):
    folder = tmp_path / "diagrams" / "nova" / "2026.1"
    folder.mkdir(parents=True)
    (folder / "frobnicate.wsd").write_text(
        '# @release nova 33.0.2\nparticipant "nova-api" as nova_api\nparticipant "database" as database\n'
        "# nova/compute/api.py API.pause\nnova_api->database: task_state=frobnicating\n", encoding="utf-8")
    model = entries(all_writes(tmp_path, CATALOG, UPSTREAM))
    [entry] = model["2026.1"]
    assert (entry.anchor, entry.writes[0].page, entry.writes[0].step) == (
        "task_state-frobnicating", "nova/frobnicate/", 1)
    spec = index_path(CATALOG, "2026.1")
    markdown = Renderer(CATALOG, "en", "en/", spec, lambda lang, url: None).render(model["2026.1"], {}, [])
    assert "### `task_state=frobnicating` {#task_state-frobnicating}" in markdown
    assert 'href="../nova/frobnicate/#step-frobnicate-1"' in markdown   # from en/states/
    assert index_path(CATALOG, "Liberty").url == "liberty/states/"


def test_note_files_are_read_with_their_positions(tmp_path):
    (tmp_path / "nova.toml").write_text(
        '# c\n\n["task_state"."pausing"]\nzh = "暂停中。"\nen = "Pausing."\n', encoding="utf-8")
    [note] = notes.load(tmp_path)
    assert (note.field, note.value, note.line, note.col) == ("task_state", "pausing", 3, 1)
    assert note.prose("en", liberty=False) == "Pausing."
    # No Liberty variant: the Liberty index shows the current text under a caveat.
    assert note.prose("en", liberty=True) == f"*{notes.LIBERTY_CAVEAT['en']}* Pausing."
    assert note.prose("zh", liberty=True).startswith("*（这段说明按 2026.1 写成")
    notes.check([note], {("nova", "task_state", "pausing"): {"2026.1"}})


def test_a_note_for_a_value_no_diagram_writes_is_an_error_with_its_position(tmp_path):
    (tmp_path / "nova.toml").write_text(
        '["task_state"."pausing"]\nzh = "暂停中。"\nen = "Pausing."\n\n'
        '  ["task_state"."dreaming"]\n  zh = "做梦。"\n  en = "Dreaming."\n', encoding="utf-8")
    loaded = notes.load(tmp_path, tmp_path)
    with pytest.raises(notes.NoteError) as caught:
        notes.check(loaded, {("nova", "task_state", "pausing"): {"2026.1"}})
    assert caught.value.messages == [
        "nova.toml:5:3: no nova diagram writes task_state=dreaming; a note must explain a value the index lists"]


@pytest.mark.parametrize("text, position, words", [
    ('["task_state"."pausing"]\nzh = "a"\nen = "b\n', "nova.toml:3:8:", "illegal character"),
    ('["task_state"."pausing"]\nzh = "a"\n', "nova.toml:1:1:", "zh without en"),
    ('["task_state"."pausing"]\nzh = "a"\nen = "b"\nfr = "c"\n', "nova.toml:4:1:", "unknown key 'fr'"),
])
def test_a_malformed_note_file_is_an_error_with_line_and_column(tmp_path, text, position, words):
    (tmp_path / "nova.toml").write_text(text, encoding="utf-8")
    with pytest.raises(notes.NoteError) as caught:
        notes.load(tmp_path, tmp_path)
    [message] = caught.value.messages
    assert message.startswith(position) and words in message.lower(), message


def test_the_project_notes_match_the_diagrams():
    root = Path(__file__).resolve().parents[2]
    model = entries(all_writes(root, CATALOG, UPSTREAM))
    written: dict[tuple[str, str, str], set[str]] = {}
    for series, series_entries in model.items():
        for entry in series_entries:
            written.setdefault((entry.project, entry.field, entry.value), set()).add(series)
    loaded = notes.load(root / "data" / "state-notes", root)
    assert len(loaded) > 100
    notes.check(loaded, written)


PAGE = """<h1>Pause</h1><p><code>task_state=pausing</code> outside the section</p>
<h2 id="states">States</h2>
<p>It writes <code>task_state=pausing</code> and then <code>vm_state=paused</code>.</p>
<table><thead><tr><th>Step</th><th><code>status</code></th></tr></thead>
<tbody><tr><td><code>pausing</code></td><td><code>accepted</code> and snapshot <code>creating</code></td></tr>
<tr><td><a href="x"><code>pausing</code></a></td><td><code>error</code></td></tr></tbody></table>
<h2 id="rpc">RPC</h2><p><code>task_state=pausing</code></p>
"""


def test_state_values_in_the_states_section_link_to_the_index():
    model = entries(writes_of(PAUSE) + writes_of(
        '# @release nova 33.0.2\nparticipant "a" as a\nparticipant "database" as database\n'
        "a->database: migration status=accepted\na->database: migration status=error\n",
        "diagrams/nova/2026.1/m.wsd"))["2026.1"]
    linker = Linker("nova", model, lambda anchor: f"../../states/#{anchor}")
    out = linker.link_page(PAGE)
    before, section, after = out.split('<h2 id="states">')[0], out.split('<h2 id="states">')[1].split(
        '<h2 id="rpc">')[0], out.split('<h2 id="rpc">')[1]
    assert "ow-state-link" not in before and "ow-state-link" not in after
    assert section.count('href="../../states/#task_state-pausing"') == 2   # `task_state=pausing` and bare
    assert 'href="../../states/#vm_state-paused"' in section
    # A Nova page's `status` column is the migration's status.
    assert 'href="../../states/#migration_status-accepted"><code>accepted' in section
    assert 'href="../../states/#migration_status-error"><code>error' in section
    # "snapshot `creating`" is no Nova field: left alone; an existing link is not nested.
    assert "snapshot <code>creating</code>" in section
    assert '<a href="x"><code>pausing</code></a>' in section


def test_plugin_loads_with_its_defaults_and_has_an_enabled_switch():
    plugin = StatesPlugin()
    errors, warnings = plugin.load_config({})
    assert errors == [] and warnings == []
    assert plugin.config.enabled is True and plugin.config.notes_dir == "data/state-notes"
    errors, _ = StatesPlugin().load_config({"enabled": "yes"})
    assert errors


def test_the_build_stops_on_a_note_no_diagram_backs_naming_file_line_and_column(tmp_path):
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError
    folder = tmp_path / "diagrams" / "nova" / "2026.1"
    folder.mkdir(parents=True)
    (folder / "pause.wsd").write_text(
        'participant "nova-api" as nova_api\nparticipant "database" as database\n'
        "nova_api->database: task_state=pausing\n", encoding="utf-8")
    notes_dir = tmp_path / "data" / "state-notes"
    notes_dir.mkdir(parents=True)
    (notes_dir / "nova.toml").write_text(
        '["task_state"."pausing"]\nzh = "暂停中。"\nen = "Pausing."\n\n'
        '["task_state"."unpausing"]\nzh = "恢复中。"\nen = "Unpausing."\n', encoding="utf-8")
    plugin = StatesPlugin()
    plugin.load_config({})
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    with pytest.raises(PluginError) as caught:
        plugin.on_config(config)  # type: ignore[arg-type]
    assert "data/state-notes/nova.toml:5:1: no nova diagram writes task_state=unpausing" in str(caught.value)
    # With the note's value written by a new diagram, the same files build.
    (folder / "unpause.wsd").write_text(
        'participant "nova-api" as nova_api\nparticipant "database" as database\n'
        "nova_api->database: task_state=unpausing\n", encoding="utf-8")
    plugin.on_config(config)  # type: ignore[arg-type]
    assert [e.anchor for e in plugin.model["2026.1"]] == ["task_state-pausing", "task_state-unpausing"]


def test_the_pdf_appendix_names_pages_instead_of_linking_them():
    import io
    import re

    import pypdf
    import weasyprint
    from owsite.states.appendix import appendix_html

    writes = writes_of(PAUSE)
    model = entries(writes)["2026.1"]
    title, body = appendix_html(CATALOG, "2026.1", model, {}, "en", lambda lang, url: "Pause a server",
                                lambda url: {"nova/pause/": "p-nova-pause"}.get(url))
    assert title == "Appendix: state index (2026.1)"
    hrefs = re.findall(r'href="([^"]+)"', body)
    assert hrefs and all(h == "#p-nova-pause" or h.startswith("https://github.com/") for h in hrefs)
    assert "step-pause-" not in body     # no web anchors in the book
    document = (f'<html><body><h1 id="p-nova-pause">Pause</h1><p>text</p>'
                f'<h1 style="break-before: page">{title}</h1>{body}</body></html>')
    pdf = pypdf.PdfReader(io.BytesIO(weasyprint.HTML(string=document).write_pdf()))
    text = " ".join(page.extract_text() for page in pdf.pages[1:])
    assert "task_state=pausing" in text and "Pause a server (p. 1)" in text


def test_each_book_gets_its_releases_index_in_place_of_the_index_page():
    from owsite.states.book import book_appendices
    from pdfbook import editions, outline

    root = Path(__file__).resolve().parents[2]
    appendices = book_appendices(root)
    by_series = {e.series: e for e in editions.editions(CATALOG)}
    zh = outline.Language("zh", "中文", "", "书", {})
    [current] = appendices(by_series["2026.1"], zh, {"states/": "p-states",
                                                     "nova/live-migrate/": "p-nova-live-migrate"})
    assert current.replaces == "states/" and current.title == "附录：状态索引（2026.1）"
    assert 'id="p-states--task_state-migrating"' in current.html
    assert 'href="#p-nova-live-migrate"' in current.html
    assert "cinder" in current.html.lower() and "status=error_deleting" in current.html
    en = outline.Language("en", "English", "en/", "Book", {})
    # A book whose nav has no index page still gets the appendix, after its pages.
    [liberty] = appendices(by_series["Liberty"], en, {"liberty/nova/pause/": "p-liberty-nova-pause"})
    assert liberty.replaces is None and liberty.title == "Appendix: state index (Liberty)"
    assert 'id="states-task_state-pausing"' in liberty.html and 'href="#p-liberty-nova-pause"' in liberty.html
    assert "status=error_deleting" not in liberty.html   # Cinder is not in the Liberty book
