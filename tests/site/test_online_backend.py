"""The opt-in websequencediagrams.com backend, against a fake of the service on 127.0.0.1."""
from __future__ import annotations

import socket

import pytest

from mkdocs_run import log_records, run_mkdocs
from fake_wsd_server import FakeWsd
from miniproject import GOOD_DIAGRAM, make_project

from owsite.diagrams import online as online_renderer


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"  # nothing listens once the socket is closed


def test_client_posts_the_text_and_style_then_fetches_the_named_png():
    with FakeWsd() as fake:
        png = online_renderer.render_png("a->b: hi", url=fake.url, style="napkin", retries=0)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert fake.posts == [{"message": "a->b: hi", "style": "napkin", "apiVersion": "1", "format": "png"}]
    assert fake.gets == ["/?png=img1"]


def test_client_retries_a_failing_service():
    with FakeWsd(fail_first=2) as fake:
        png = online_renderer.render_png("a->b: hi", url=fake.url, style="rose", retries=2)
    assert png.startswith(b"\x89PNG")
    assert len(fake.posts) == 3


def test_client_gives_up_after_its_retries():
    with FakeWsd(fail_first=5) as fake:
        with pytest.raises(online_renderer.OnlineUnavailable):
            online_renderer.render_png("a->b: hi", url=fake.url, style="rose", retries=1)
    assert len(fake.posts) == 2


def test_client_reports_the_services_errors_without_retrying():
    with FakeWsd() as fake:
        with pytest.raises(online_renderer.OnlineRejected) as caught:
            online_renderer.render_png("a->b: hi\nSYNTAX ERROR", url=fake.url, style="rose", retries=3)
    assert caught.value.errors == ["Line 2: Syntax error."]
    assert len(fake.posts) == 1


def test_build_uses_the_png_and_caches_it(tmp_path):
    with FakeWsd() as fake:
        make_project(tmp_path, options={"backend": "online", "online_url": fake.url, "online_style": "vs2010"})
        first = run_mkdocs(["build", "--strict"], cwd=tmp_path)
        assert first.returncode == 0, first.stdout
        assert [p["style"] for p in fake.posts] == ["vs2010"]  # en reused zh's image
        html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
        assert 'class="wsd-image" src="assets/diagrams/demo.png"' in html
        assert "下载 PNG" in html
        assert (tmp_path / "site/assets/diagrams/demo.png").read_bytes().startswith(b"\x89PNG")
        second = run_mkdocs(["build", "--strict"], cwd=tmp_path)
        assert second.returncode == 0, second.stdout
        assert len(fake.posts) == 1, "a cached image was asked for again"


def test_build_falls_back_to_the_local_renderer_with_a_warning_when_unreachable(tmp_path):
    make_project(tmp_path, options={"backend": "online", "online_url": closed_port_url(),
                                    "online_retries": 0, "online_timeout": 2})
    done = run_mkdocs(["build"], cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    warnings = log_records(done.stdout, "WARNING")
    assert len(warnings) == 1 and "online renderer unreachable" in warnings[0], warnings
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert 'class="wsd"' in html and "wsd-image" not in html
    # The fallback is a warning, so a strict build stops on it.
    assert run_mkdocs(["build", "--strict"], cwd=tmp_path).returncode != 0


def test_build_falls_back_when_the_service_rejects_the_text(tmp_path):
    text = GOOD_DIAGRAM.replace("title Pause, shortened", "title Pause SYNTAX ERROR")
    with FakeWsd() as fake:
        make_project(tmp_path, diagrams={"diagrams/demo.wsd": text},
                     options={"backend": "online", "online_url": fake.url})
        done = run_mkdocs(["build"], cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert any("Line 2: Syntax error." in w for w in log_records(done.stdout, "WARNING"))
    assert 'class="wsd"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_an_unknown_backend_is_a_clear_configuration_error(tmp_path):
    make_project(tmp_path, options={"backend": "cloud"})
    done = run_mkdocs(["build"], cwd=tmp_path)
    assert done.returncode != 0
    # MkDocs' own config error, naming the plugin and the option; no traceback.
    assert "Plugin 'ow-diagrams' option 'backend'" in done.stdout, done.stdout
    assert "'cloud'" in done.stdout and "Traceback" not in done.stdout


@pytest.mark.parametrize("answer", [[], None, "x", {"img": 5}, {"errors": "no"}, {"img": ""}])
def test_client_turns_a_malformed_answer_into_unavailable(answer):
    with FakeWsd(answer=answer) as fake:
        with pytest.raises(online_renderer.OnlineUnavailable):
            online_renderer.render_png("a->b: hi", url=fake.url, style="rose", retries=0)
    assert fake.gets == []


@pytest.mark.parametrize("img", ["http://169.254.169.254/latest/meta-data/?png=img1",
                                 "//169.254.169.254/?png=img1", "https://127.0.0.1/?png=img1"])
def test_client_fetches_the_image_only_from_the_services_origin(img):
    with FakeWsd(answer={"img": img, "errors": []}) as fake:
        with pytest.raises(online_renderer.OnlineUnavailable) as caught:
            online_renderer.render_png("a->b: hi", url=fake.url, style="rose", retries=0)
    assert "another origin" in str(caught.value) and fake.gets == []


@pytest.mark.parametrize("answer", [[], None, "x", {"img": 5}])
def test_a_malformed_answer_fails_the_strict_build_and_keeps_the_diagram(tmp_path, answer):
    with FakeWsd(answer=answer) as fake:
        make_project(tmp_path, options={"backend": "online", "online_url": fake.url, "online_retries": 0})
        done = run_mkdocs(["build", "--strict"], cwd=tmp_path)
    assert done.returncode != 0
    assert "online renderer unreachable" in done.stdout
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8") if (tmp_path / "site").exists() else None
    if html is not None:  # mkdocs may leave the aborted site; the diagram must not be missing from it
        assert "wsd-figure" in html
