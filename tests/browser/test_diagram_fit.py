"""Inline diagrams on a laptop and a phone: width on screen, text size, scrolling cue, pinned participants.

The share of operation diagrams that show their whole width with text of at
least 10 px is printed (run with ``-s`` to see it) and held to
REQUIRED_FIT_SHARE_*; benchmarks/bench_diagram_fit.py prints the same figures
for any git ref, for before/after comparisons.
"""
from __future__ import annotations

import pytest
from test_browser import diagram_pages

pytestmark = pytest.mark.browser

MIN_TEXT_PX = 10.0
PROJECTS = ("nova/", "liberty/", "cinder/", "neutron/", "magnum/", "sahara/")
LAPTOP = {"width": 1440, "height": 900}
DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}

# Issue 13's target: 90% of operation diagrams show their whole width with
# text >= 10 px at 1440x900, and 100% at 1920 (4 of 45 in the audit).
REQUIRED_FIT_SHARE_1440 = 0.90
REQUIRED_FIT_SHARE_1920 = 1.00
# Every diagram fits a 1440 laptop now, so the sideways-scroll case is tried
# where the widest ones still cannot: a small laptop and a phone.
SMALL_LAPTOP = {"width": 1024, "height": 768}

# One entry per diagram of the page, measured as the reader sees it.
MEASURE_JS = """
async (figures) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const column = document.querySelector(".md-content__inner").getBoundingClientRect().width;
  const page = document.documentElement;
  const out = [];
  for (const fig of figures) {
    const canvas = fig.querySelector(".wsd-canvas");
    const svg = canvas.querySelector(":scope > svg.wsd");
    const style = getComputedStyle(canvas);
    const room = canvas.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const box = svg.getBoundingClientRect();
    const natural = svg.viewBox.baseVal.width;
    const font = Math.min(...[...svg.querySelectorAll("text[font-size]")]
        .map(t => parseFloat(t.getAttribute("font-size"))));
    const figure = fig.getBoundingClientRect();
    // The title on screen at the start, the middle and the end of a sideways scroll.
    const title = svg.querySelector("text.wsd-title");
    const titleIn = [];
    const range = canvas.scrollWidth - canvas.clientWidth;
    for (const at of [0, 0.5, 1]) {
      canvas.scrollLeft = range * at;
      await frame();
      if (!title) { titleIn.push(true); continue; }
      const t = title.getBoundingClientRect(), port = canvas.getBoundingClientRect();
      const px = parseFloat(getComputedStyle(title).fontSize) * box.width / natural;
      const inside = t.left >= port.left - 0.5 && t.right <= port.right + 0.5;
      // Wider than the screen even at the text floor (a long title on a phone):
      // then it fills the screen's width, start or end cut.
      const fills = px <= 10.05 && t.left <= port.left + 20 && t.right >= port.right - 20;
      titleIn.push((inside || fills) && px >= 9.99);
    }
    canvas.scrollLeft = 0;
    out.push({
      file: fig.dataset.wsdFile, natural, width: box.width, room, font,
      scale: box.width / natural, text: box.width / natural * font,
      figureLeft: figure.left, figureRight: figure.right, figureWidth: figure.width,
      column, pageWidth: page.clientWidth, pageScrollWidth: page.scrollWidth,
      scrolls: range > 1, titleIn,
    });
  }
  return out;
}
"""


def sized_page(new_page, viewport: dict):
    page = new_page()
    page.set_viewport_size(viewport)
    return page


def operation_pages(language: str) -> list[str]:
    prefix = "" if language == "zh" else "en/"
    return [prefix + p for p in diagram_pages(language) if p.startswith(PROJECTS)]


def measure(page, url: str) -> list[dict]:
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    # Once wsd-fit.js has sized the figures (a build without it, for a before
    # figure, is measured as it loads).
    page.wait_for_function("!document.querySelector('script[src*=\"wsd-fit.js\"]') || "
                           "document.querySelectorAll('.wsd-figure').length === 0 || "
                           "document.querySelector('.wsd-figure[data-wsd-scale]') !== null")
    return page.eval_on_selector_all(".wsd-figure", MEASURE_JS)


def fits(row: dict) -> bool:
    """The whole width on screen, and the smallest text at least 10 px."""
    return row["width"] <= row["room"] + 0.5 and row["text"] >= MIN_TEXT_PX - 0.01


def share(rows: list[dict]) -> float:
    return sum(fits(r) for r in rows) / len(rows)


def report(label: str, rows: list[dict]) -> str:
    wide = sorted((r for r in rows if not fits(r)), key=lambda r: -r["natural"])
    lines = [f"{label}: {sum(fits(r) for r in rows)}/{len(rows)} diagrams whole on screen "
             f"with text >= {MIN_TEXT_PX:g} px ({share(rows):.0%})"]
    lines += [f"  scrolls: {r['file']} natural {r['natural']:.0f} px, shown {r['width']:.0f} "
              f"of room {r['room']:.0f}" for r in wide[:12]]
    return "\n".join(lines)


def structural_problems(path: str, rows: list[dict]) -> list[str]:
    problems = []
    for r in rows:
        name = f"{path} {r['file']}"
        if r["text"] < MIN_TEXT_PX - 0.01:
            problems.append(f"{name}: text drawn at {r['text']:.2f} px")
        cramped = r["natural"] > r["room"] + 0.5 and r["figureWidth"] <= r["column"] + 0.5
        if cramped and r["column"] < r["pageWidth"] - 20:
            problems.append(f"{name}: {r['natural']:.0f} px wide but kept in the {r['column']:.0f} px column")
        if r["figureLeft"] < -0.5 or r["figureRight"] > r["pageWidth"] + 0.5:
            problems.append(f"{name}: figure leaves the window ({r['figureLeft']:.0f}..{r['figureRight']:.0f})")
        if r["pageScrollWidth"] > r["pageWidth"]:
            problems.append(f"{name}: the page scrolls sideways ({r['pageScrollWidth']} > {r['pageWidth']})")
        if not all(r["titleIn"]):
            problems.append(f"{name}: title off screen at sideways scroll 0/50/100%: {r['titleIn']}")
        if not fits(r) and not r["scrolls"]:
            problems.append(f"{name}: does not fit yet does not scroll")
    return problems


def sweep(new_page, site_url, paths: list[str], viewport: dict) -> tuple[list[dict], list[str]]:
    page = sized_page(new_page, viewport)
    rows, problems = [], []
    for path in paths:
        measured = measure(page, site_url + path)
        assert measured, f"{path}: no diagram"
        rows += measured
        problems += structural_problems(path, measured)
    assert page.foreign_requests == []
    return rows, problems


def test_operation_diagrams_fit_a_1440_laptop(new_page, site_url):
    paths = operation_pages("zh") + operation_pages("en")[:3]
    rows, problems = sweep(new_page, site_url, paths, LAPTOP)
    print("\n" + report("1440x900", rows))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
    # Every diagram wider than the prose column got more than the column.
    assert any(r["figureWidth"] > r["column"] + 100 for r in rows)
    assert share(rows) >= REQUIRED_FIT_SHARE_1440, report("1440x900", rows)


def test_operation_diagrams_fit_a_1920_screen(new_page, site_url):
    rows, problems = sweep(new_page, site_url, operation_pages("zh"), DESKTOP)
    print("\n" + report("1920x1080", rows))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
    assert share(rows) >= REQUIRED_FIT_SHARE_1920, report("1920x1080", rows)


def test_a_narrow_diagram_stays_in_the_column(new_page, site_url):
    page = sized_page(new_page, LAPTOP)
    [row] = measure(page, site_url + "liberty/nova/unlock/")
    assert row["natural"] < row["column"] - 40
    assert fits(row) and row["scale"] == pytest.approx(1, abs=1e-3)
    assert row["figureWidth"] <= row["column"] + 0.5
    figure = page.locator(".wsd-figure")
    assert "is-wide" not in figure.get_attribute("class")
    assert not page.locator(".wsd-scrollbar").is_visible()


def _scroll_into_diagram(page, fraction: float) -> None:
    """Scroll the window so the point ``fraction`` of the way down the diagram is mid-screen."""
    page.evaluate("""(fraction) => new Promise(done => {
        const svg = document.querySelector(".wsd-canvas > svg.wsd");
        const box = svg.getBoundingClientRect();
        window.scrollTo(0, window.scrollY + box.top + box.height * fraction - innerHeight / 2);
        requestAnimationFrame(() => requestAnimationFrame(done));
    })""", fraction)


def _scroll_sideways(page, fraction: float) -> None:
    page.evaluate("""(fraction) => new Promise(done => {
        const canvas = document.querySelector(".wsd-canvas");
        canvas.scrollLeft = (canvas.scrollWidth - canvas.clientWidth) * fraction;
        requestAnimationFrame(() => requestAnimationFrame(done));
    })""", fraction)


def _edges(page) -> dict:
    return page.eval_on_selector(".wsd-pane", """pane => ({
        left: getComputedStyle(pane, "::before").opacity, right: getComputedStyle(pane, "::after").opacity})""")


def _wait_for_fades(page) -> None:
    page.wait_for_timeout(300)   # the fades' opacity transition


@pytest.mark.parametrize("viewport", [SMALL_LAPTOP, PHONE], ids=["1024", "390"])
def test_a_diagram_wider_than_the_screen_scrolls_with_a_cue_and_a_scrollbar_in_reach(new_page, site_url, viewport):
    page = sized_page(new_page, viewport)
    [row] = measure(page, site_url + "nova/boot/")
    assert not fits(row) and row["scrolls"]
    assert row["text"] >= MIN_TEXT_PX - 0.01
    _scroll_into_diagram(page, 0.5)
    bar = page.locator(".wsd-scrollbar")
    assert bar.is_visible()
    box = bar.bounding_box()
    height = viewport["height"]
    # Pinned at the window's bottom while the reader is mid-way down the diagram.
    assert height - 80 <= box["y"] and box["y"] + box["height"] <= height + 0.5, box
    assert page.locator(".wsd-scrollbar__hint").is_visible()
    _wait_for_fades(page)
    assert _edges(page) == {"left": "0", "right": "1"}
    # The pinned bar drives the diagram, and the diagram's own scroll moves the bar.
    moved = page.eval_on_selector(".wsd-scrollbar__track", """track => new Promise(done => {
        track.scrollLeft = 200;
        requestAnimationFrame(() => requestAnimationFrame(() =>
            done(document.querySelector(".wsd-canvas").scrollLeft)));
    })""")
    assert moved == pytest.approx(200, abs=1)
    _scroll_sideways(page, 1)
    track = page.eval_on_selector(".wsd-scrollbar__track", "t => [t.scrollLeft, t.scrollWidth - t.clientWidth]")
    assert track[0] == pytest.approx(track[1], abs=1)
    _wait_for_fades(page)
    assert _edges(page) == {"left": "1", "right": "0"}


PINNED_JS = """
() => {
  const svg = document.querySelector(".wsd-canvas > svg.wsd");
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const clip = document.querySelector(".wsd-pin__clip").getBoundingClientRect();
  const pinned = [...document.querySelectorAll(".wsd-pin__svg .wsd-participant, .wsd-pin__svg .wsd-actor")];
  const names = [...document.querySelectorAll(".wsd-pin__svg .wsd-participant-label")].map(t => t.textContent);
  const lifelines = [...svg.querySelectorAll("line.wsd-lifeline")].map(l => l.getBoundingClientRect().left);
  const centres = pinned.map(r => { const b = r.getBoundingClientRect(); return b.left + b.width / 2; });
  const heads = [...svg.querySelectorAll(".wsd-head-row .wsd-participant-label")].map(t => t.textContent);
  return {headerBottom: header.bottom, clipTop: clip.top, clipBottom: clip.bottom,
          clipLeft: clip.left, clipRight: clip.right, names, heads, lifelines, centres,
          visible: getComputedStyle(document.querySelector(".wsd-pin")).visibility};
}
"""


@pytest.mark.parametrize("sideways", [0, 0.5], ids=["left", "scrolled"])
def test_participants_stay_named_mid_way_down_the_boot_diagram(new_page, site_url, sideways):
    page = sized_page(new_page, LAPTOP)
    measure(page, site_url + "nova/boot/")
    pin = page.locator(".wsd-pin")
    assert pin.evaluate("p => getComputedStyle(p).visibility") == "hidden"  # the real row is on screen
    _scroll_into_diagram(page, 0.5)
    _scroll_sideways(page, sideways)
    got = page.evaluate(PINNED_JS)
    assert got["visible"] == "visible"
    assert got["clipTop"] == pytest.approx(got["headerBottom"], abs=1)   # right under the header
    assert got["clipBottom"] - got["clipTop"] > 20
    assert got["names"] == got["heads"] and len(got["names"]) >= 8
    # Each pinned box centred on its lifeline (boxes and lifelines in the same order).
    assert len(got["centres"]) == len(got["lifelines"])
    on_screen = [(c, x) for c, x in zip(got["centres"], got["lifelines"])
                 if got["clipLeft"] <= x <= got["clipRight"]]
    assert len(on_screen) >= 4
    for centre, lifeline in on_screen:
        assert centre == pytest.approx(lifeline, abs=2)
    # Past the diagram the pinned row goes away with it.
    page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    page.wait_for_function("getComputedStyle(document.querySelector('.wsd-pin')).visibility === 'hidden'")


@pytest.mark.parametrize("path", ["nova/boot/", "nova/pause/", "liberty/nova/lock/", "en/cinder/attach-volume/"])
def test_on_a_phone_text_stays_readable_and_wide_diagrams_scroll(new_page, site_url, path):
    page = sized_page(new_page, PHONE)
    rows = measure(page, site_url + path)
    problems = structural_problems(path, rows)
    assert not problems, problems
    for r in rows:
        # Edge to edge: all of the phone's width goes to the diagram.
        assert r["figureLeft"] == pytest.approx(0, abs=0.5) or fits(r)
        assert r["figureRight"] == pytest.approx(r["pageWidth"], abs=0.5) or fits(r)
        if not fits(r):
            assert r["text"] == pytest.approx(MIN_TEXT_PX, abs=0.05), "scaled no further than needed"
            assert page.locator(".wsd-scrollbar__hint").first.is_visible()


def test_the_full_screen_view_still_gets_the_diagram_and_gives_it_back(new_page, site_url):
    page = sized_page(new_page, LAPTOP)
    [before] = measure(page, site_url + "nova/live-migrate/")
    page.locator(".wsd-open").first.click()
    page.locator(".wsd-overlay").wait_for(state="visible")
    assert page.locator(".wsd-figure svg.wsd").count() == 0
    # The page's sizing stays on the page: the viewer's copy is not held at the inline width.
    assert before["scale"] < 0.9
    shown = page.eval_on_selector(".wsd-overlay svg.wsd", "s => parseFloat(getComputedStyle(s).width)")
    assert shown != pytest.approx(before["width"], abs=1)
    page.keyboard.press("Escape")
    page.locator(".wsd-overlay").wait_for(state="detached")
    [after] = page.eval_on_selector_all(".wsd-figure", MEASURE_JS)
    assert after["width"] == pytest.approx(before["width"], abs=0.5)
