"""Site chrome in a real browser: language switch, failed requests, 404 pages, print, axe."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
# axe-core from npm, installed by the Makefile (make .venv/.axe) so the tests run offline.
AXE = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


def site_path(url: str, site_url: str) -> str:
    return url.split("#")[0].split("?")[0][len(site_url):]


def open_page(new_page, site_url, path, **options):
    page = new_page(**options)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.failed = failed
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    return page


def switch_language(page, lang: str) -> None:
    page.hover(".md-header__option .md-select")
    page.click(f'.md-select__link[hreflang="{lang}"]')
    page.wait_for_load_state("load")


@pytest.mark.parametrize("start, anchor, other", [
    ("nova/live-migrate/", None, "en/nova/live-migrate/"),
    ("en/nova/boot/", None, "nova/boot/"),
    ("liberty/nova/pause/", None, "en/liberty/nova/pause/"),
    ("en/liberty/nova/boot/", None, "liberty/nova/boot/"),
])
def test_the_language_switch_keeps_the_anchor(new_page, site_url, start, anchor, other):
    page = open_page(new_page, site_url, start)
    if anchor is None:  # the page's last second-level heading: an id both languages share
        anchor = "#" + page.eval_on_selector_all("article h2[id]", "hs => hs[hs.length - 1].id")
    page.goto(site_url + start + anchor)
    lang = "en" if other.startswith("en/") else "zh"
    switch_language(page, lang)
    assert site_path(page.url, site_url) == other
    assert page.url.endswith(anchor)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("id => !!document.getElementById(id)", anchor[1:])


@pytest.mark.parametrize("path", ["", "en/", "nova/boot/", "en/nova/live-migrate/", "liberty/nova/boot/",
                                  "en/guide/reading/", "cinder/create-volume/", "operations/"])
def test_no_request_fails_on_a_page_view(new_page, site_url, path):
    page = open_page(new_page, site_url, path)
    page.wait_for_timeout(500)  # Material's own late fetches (search index, sitemap)
    assert page.failed == []
    assert page.foreign_requests == []


@pytest.mark.parametrize("path, lang", [("", "zh"), ("en/", "en"), ("nova/boot/", "zh"),
                                        ("en/liberty/nova/boot/", "en")])
def test_the_current_language_is_marked(new_page, site_url, path, lang):
    page = open_page(new_page, site_url, path)
    marked = page.eval_on_selector_all(".md-select__link[aria-current]",
                                       "links => links.map(a => [a.hreflang, a.getAttribute('aria-current')])")
    assert marked == [[lang, "true"]]


def test_language_links_are_relative_on_every_home_and_404(built_site):
    for name in ("index.html", "en/index.html", "404.html", "en/404.html"):
        text = (built_site / name).read_text(encoding="utf-8")
        assert not re.search(r'(href|src)="/openstack-workflow/', text), name


@pytest.mark.parametrize("missing, lang, likely", [
    ("en/nova/no-such-page/", "en", "en/nova/"),
    ("en/liberty/nova/live-migrate.html", "en", "en/liberty/nova/live-migrate/"),
    ("liberty/cinder/create-volume/", "zh", "cinder/create-volume/"),
    ("nova/bot/", "zh", "nova/"),
])
def test_the_404_page_speaks_the_addresss_language_and_offers_likely_pages(
        new_page, site_url, missing, lang, likely):
    page = new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.url != site_url + missing else None)
    response = page.goto(site_url + missing)
    assert response.status == 404
    page.wait_for_selector(".ow-404__likely a")
    assert failed == []  # the 404 page's own styles, scripts and sitemap all load
    assert page.evaluate("document.documentElement.lang").startswith(lang)
    shown = page.eval_on_selector_all(".ow-404", "bs => bs.filter(b => b.offsetParent).map(b => b.lang)")
    assert [s[:2] for s in shown] == [lang]
    heading = page.inner_text(".ow-404:not([hidden]) h1")
    assert ("not found" in heading) == (lang == "en")
    links = page.eval_on_selector_all(".ow-404:not([hidden]) .ow-404__likely a", "as => as.map(a => a.href)")
    assert site_url + likely in links
    home = page.eval_on_selector(".ow-404:not([hidden]) .ow-404__home", "a => a.href")
    assert home == site_url + ("en/" if lang == "en" else "")
    # Every page offered exists.
    for link in links:
        assert page.request.get(link).status == 200, link
    assert page.eval_on_selector_all(".md-select__link[aria-current]", "as => as.map(a => a.hreflang)") == [lang]


def test_the_404_page_works_under_another_mount_path(browser, built_site):
    """Served at /mirror/ instead of /openstack-workflow/: styles load and links stay inside the mount."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Mirror(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            if not path.startswith("/mirror/"):
                return str(built_site / "__outside__")
            return super().translate_path("/" + path[len("/mirror/"):])

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (built_site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Mirror, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/mirror/"
    context = browser.new_context()
    try:
        page = context.new_page()
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url)
                if r.status >= 400 and not r.url.endswith("/nova/nope/") else None)
        page.on("requestfailed", lambda r: failed.append(r.url))
        assert page.goto(base + "en/nova/nope/").status == 404
        page.wait_for_selector(".ow-404__likely a")
        assert failed == []
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        local = [h for h in hrefs if h.startswith(f"http://127.0.0.1:{server.server_address[1]}/")]
        assert local and all(h.startswith(base) for h in local), [h for h in local if not h.startswith(base)]
        # The home page's language links are relative too.
        page.goto(base + "en/")
        page.hover(".md-header__option .md-select")
        page.click('.md-select__link[hreflang="zh"]')
        page.wait_for_load_state("load")
        assert page.url == base
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_en_404_exists_in_english(new_page, site_url):
    page = new_page()
    assert page.goto(site_url + "en/404.html").status == 200
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "Page not found" in page.inner_text("article h1")


@pytest.mark.parametrize("path, book", [("en/nova/boot/", "pdf/openstack-workflow-en.pdf"),
                                        ("liberty/nova/live-migrate/", "pdf/openstack-workflow-liberty-zh.pdf"),
                                        ("nova/live-migrate/", "pdf/openstack-workflow-zh.pdf")])
def test_print_shows_the_article_the_whole_diagram_and_the_pdf_book(new_page, site_url, path, book):
    page = open_page(new_page, site_url, path)
    assert not page.is_visible(".ow-print-pdf")  # print only
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".wsd-toolbar",
                   ".md-banner", ".md-select", ".ow-release__switch"):
        assert not page.is_visible(hidden), hidden
    assert page.is_visible(".ow-print-pdf")
    assert page.eval_on_selector(".ow-print-pdf a:last-child", "a => a.href") == site_url + book
    # A4 at 96 px/in less Chromium's default 1 cm margins: the printable width.
    page.set_viewport_size({"width": 718, "height": 1047})
    printable = page.evaluate("document.querySelector('article').getBoundingClientRect().width")
    svg = page.eval_on_selector("svg.wsd", "s => s.getBoundingClientRect().width")
    assert 0 < svg <= printable <= 718
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 1
    # No blank page: every page of the printout has text on it.
    from io import BytesIO

    from pypdf import PdfReader
    reader = PdfReader(BytesIO(pdf))
    blank = [i for i, p in enumerate(reader.pages) if not (p.extract_text() or "").strip()
             and not p.get("/Resources", {}).get("/XObject")]
    assert blank == []


def test_the_pdf_banner_closes_for_good_from_the_keyboard(new_page, site_url):
    page = open_page(new_page, site_url, "en/nova/boot/")
    assert page.is_visible(".ow-pdf")
    page.focus(".ow-pdf")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('ow-pdf-close')")
    page.keyboard.press("Enter")
    assert not page.is_visible(".ow-pdf")
    page.goto(site_url + "nova/pause/")
    page.wait_for_load_state("load")
    assert not page.is_visible(".ow-pdf")


def run_axe(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, n: v.nodes.length,
                                       where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return list(result)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "nova/boot/", "en/nova/live-migrate/", "en/guide/reading/"])
def test_axe_finds_no_serious_violation(new_page, site_url, path, scheme):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make .venv/.axe` (axe-core from npm)")
    page = open_page(new_page, site_url, path, color_scheme=scheme)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
        "slate" if scheme == "dark" else "default")
    violations = [v for v in run_axe(page) if v["impact"] in SERIOUS]
    assert violations == [], json.dumps(violations)
