"""data/releases.toml and the lookups that read it, in-process."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from owsite.check import check_files
from owsite.releases import Catalog, Release, UnknownRelease, release_directive
from owsite.upstream import Upstream

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Catalog.load()
UPSTREAM = Upstream(CATALOG)


class Ref:
    def __init__(self, path: str, name: str | None = None):
        self.path, self.name = path, name


def test_every_listed_release_has_its_index():
    for release in CATALOG.releases:
        assert release.index is not None and release.index.is_file(), release


def test_every_index_in_data_symbols_is_listed():
    listed = {r.index for r in CATALOG.releases}
    assert set((ROOT / "data/symbols").glob("*.json")) <= listed


@pytest.mark.parametrize("path, expected", [
    ("liberty/nova/pause.md", "nova 12.0.0"),
    ("nova/pause.md", "nova 33.0.2"),
    ("sahara/create-cluster.md", "sahara 3.0.0"),
    ("cinder/create-volume.md", "cinder 28.0.0"),
    ("neutron/create-port.md", "neutron 28.0.1"),
    ("magnum/create-cluster.md", "magnum 22.0.0"),
    ("guide/boot.md", "nova 33.0.2"),
    ("index.md", "nova 33.0.2"),
])
def test_a_page_release_comes_from_its_path(path, expected):
    assert str(CATALOG.for_page(path)) == expected


def test_front_matter_wins_over_the_path():
    assert str(UPSTREAM.page_release("nova 13.0.0", "liberty/nova/x.md")) == "nova 13.0.0"


def test_a_release_not_in_the_data_is_refused():
    with pytest.raises(UnknownRelease, match="nova 99.0.0 is not a release"):
        CATALOG.parse("nova 99.0.0")
    with pytest.raises(UnknownRelease):
        CATALOG.parse("../symbols/nova 12.0.0")
    with pytest.raises(UnknownRelease):
        CATALOG.parse("nova")


def test_series_and_newest():
    assert CATALOG.newest("nova").tag == "33.0.2"
    assert CATALOG.get("nova", "12.0.0").series == "Liberty"
    assert CATALOG.in_series("sahara", "Liberty") == Release("sahara", "3.0.0")


def test_src_links_resolve_at_the_page_release_and_other_tags():
    liberty = CATALOG.get("nova", "12.0.0")
    url = UPSTREAM.resolve_src("nova/compute/api.py#API.pause", liberty)
    assert url.startswith("https://github.com/openstack/nova/blob/12.0.0/nova/compute/api.py#L")
    newer = UPSTREAM.resolve_src("@33.0.2/nova/compute/api.py#API.pause", liberty)
    assert "/nova/blob/33.0.2/" in newer
    assert UPSTREAM.resolve_src("sahara/service/api.py", liberty) == \
        "https://github.com/openstack/sahara/blob/3.0.0/sahara/service/api.py"
    with pytest.raises(LookupError, match="no release in the series"):
        UPSTREAM.resolve_src("cinder/volume/api.py#API.create", liberty)
    with pytest.raises(LookupError, match="has no API.levitate in nova 12.0.0"):
        UPSTREAM.resolve_src("nova/compute/api.py#API.levitate", liberty)


def test_diagram_refs_use_the_directive():
    url = UPSTREAM.resolve_diagram_ref(Ref("nova/compute/api.py", "API.pause"), {"release": "nova 13.0.0"})
    assert "/nova/blob/13.0.0/" in url
    with pytest.raises(LookupError):
        UPSTREAM.resolve_diagram_ref(Ref("nova/compute/api.py", "API.pause"),
                                     {"release": "../symbols/nova 12.0.0"})


def test_a_release_directive_not_in_the_data_is_an_error_at_its_line():
    text = "title t\n# @release ../symbols/nova 12.0.0\n# nova/compute/api.py API.pause\na->b: x\n"
    assert release_directive(text) == (2, "../symbols/nova 12.0.0")
    line, message = UPSTREAM.directive_error(text)
    assert line == 2 and "../symbols/nova 12.0.0" in message
    assert UPSTREAM.directive_error("# @release nova 12.0.0\na->b: x\n") is None


def test_the_check_command_fails_a_directive_not_in_the_data(tmp_path, capsys):
    bad = tmp_path / "bad.wsd"
    bad.write_text("# @release ../symbols/nova 12.0.0\n# nova/compute/api.py API.pause\na->b: x\n")
    assert check_files([str(bad)], UPSTREAM) == 1
    assert f"{bad}:1:1: error: @release: " in capsys.readouterr().err


def test_the_check_command_passes_every_diagram_of_the_repository():
    files = [str(p) for p in sorted((ROOT / "diagrams").rglob("*.wsd"))]
    assert check_files(files, UPSTREAM) == 0


def test_the_old_check_command_still_works(tmp_path):
    bad = tmp_path / "bad.wsd"
    bad.write_text("# @release nova 12.0.0\n# nova/compute/api.py API.levitate\na->b: x\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, str(ROOT / "hooks/symbol_index.py"), "check", str(bad)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert "has no API.levitate in nova 12.0.0" in done.stderr


def test_the_fingerprint_follows_content_not_mtime(tmp_path):
    data = tmp_path / "releases.toml"
    index = tmp_path / "x-1.0.json"
    index.write_text('{"files": {}}')
    data.write_text('default_project = "x"\n[[release]]\nproject = "x"\ntag = "1.0"\nseries = "S"\n'
                    'url = "u/{tag}/{path}"\nindex = "x-1.0.json"\n')
    before = Catalog.load(data).fingerprint()
    os.utime(index, (1, 1))
    assert Catalog.load(data).fingerprint() == before
    index.write_text('{"files": {"a.py": {}}}')
    assert Catalog.load(data).fingerprint() != before


def test_a_release_listed_twice_is_refused(tmp_path):
    entry = '[[release]]\nproject = "x"\ntag = "1.0"\nseries = "S"\nurl = "u"\nindex = "i.json"\n'
    data = tmp_path / "releases.toml"
    data.write_text('default_project = "x"\n' + entry + entry)
    with pytest.raises(ValueError, match="listed twice: x 1.0"):
        Catalog.load(data)
