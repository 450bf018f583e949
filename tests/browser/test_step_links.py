"""Deep links into a diagram (#step-<diagram>-<n>, wsd-steps.js) in a real Chromium (issue 15 item 2)."""
from __future__ import annotations

from collections import Counter

import pytest
import wsd
from mkdocs_run import ROOT

pytestmark = pytest.mark.browser

PAGE = "nova/live-migrate/"
DIAGRAM = ROOT / "diagrams/nova/2026.1/live-migrate.wsd"
STEPS = wsd.steps(wsd.load(DIAGRAM.read_bytes(), filename=str(DIAGRAM)))
DEEP = STEPS[len(STEPS) * 3 // 4].number     # far below the first screen
LATER = STEPS[-3].number
EARLY = STEPS[1].number                      # just under the participant row

# Resolves once the page has not scrolled (window or any diagram canvas) for a few frames.
SETTLED = """() => new Promise(resolve => {
  const where = () => [scrollX, scrollY].concat(
    [...document.querySelectorAll('.wsd-canvas')].map(c => c.scrollLeft)).join(',');
  let last = where(), still = 0;
  const tick = () => {
    const now = where();
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= 8) resolve(now); else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})"""


def step_id(n: int) -> str:
    return wsd.step_id("live-migrate", n)


def open_step(new_page, site_url, n: int, **options):
    page = new_page(**options)
    page.goto(f"{site_url}{PAGE}#{step_id(n)}")
    page.wait_for_load_state("load")
    page.locator("rect.wsd-step-hl").wait_for(state="attached")
    page.evaluate(SETTLED)
    return page


def header_bottom(page) -> float:
    return page.locator(".md-header").bounding_box()["y"] + page.locator(".md-header").bounding_box()["height"]


def assert_step_in_view(page, n: int) -> dict:
    box = page.locator(f"#{step_id(n)}").bounding_box()
    view = page.viewport_size
    assert box is not None
    assert box["y"] >= header_bottom(page), (box, header_bottom(page))
    assert box["y"] + box["height"] <= view["height"], (box, view)
    pin = page.locator(".wsd-figure.is-pinned .wsd-pin__svg")
    if pin.count():
        pinned = pin.first.bounding_box()
        assert pinned["y"] + pinned["height"] <= box["y"] + 0.5, (pinned, box)
    return box


def assert_band_behind(page, n: int) -> None:
    band = page.locator("rect.wsd-step-hl")
    assert band.count() == 1
    svg = page.locator("svg.wsd").first
    view_width = svg.evaluate("s => s.viewBox.baseVal.width")
    assert float(band.get_attribute("width")) == pytest.approx(view_width)
    box = page.locator(f"#{step_id(n)}").bounding_box()
    hl = band.bounding_box()
    middle = box["y"] + box["height"] / 2
    assert hl["y"] <= middle <= hl["y"] + hl["height"]
    # Behind the arrows: it comes before the messages group in the SVG.
    assert band.evaluate("r => r.nextElementSibling.classList.contains('wsd-messages')")


def test_a_deep_step_link_lands_below_the_header_with_its_row_highlighted(new_page, site_url):
    page = open_step(new_page, site_url, DEEP)
    assert page.evaluate("scrollY") > 1500          # far down the page: the link moved it
    assert_step_in_view(page, DEEP)
    assert_band_behind(page, DEEP)
    # Material's "back to top" button (shown while the page moves up) would sit
    # over the participant names: the landing ends on a move down, so it stays hidden.
    # (Material fades it with opacity and sets the hidden property, which is what counts here.)
    page.wait_for_timeout(600)
    assert page.evaluate("document.querySelector('.md-top').hidden") is True
    # The next click anywhere takes the band away.
    page.locator("article h1").click()
    assert page.locator("rect.wsd-step-hl").count() == 0


def test_the_participant_names_are_in_view_at_a_deep_step(new_page, site_url):
    page = open_step(new_page, site_url, DEEP)
    if page.locator(".wsd-pin").count() == 0:
        pytest.skip("no pinned participant row on this page: wsd-fit.js (branch fit) is not merged here")
    pin = page.locator(".wsd-figure.is-pinned .wsd-pin__svg")
    assert pin.count() == 1, "the participant row is not pinned at a deep step"
    pinned = pin.bounding_box()
    step = assert_step_in_view(page, DEEP)
    assert header_bottom(page) - 1 <= pinned["y"] and pinned["y"] + pinned["height"] <= step["y"] + 0.5
    # The pinned copy holds the participant names.
    names = pin.locator("text.wsd-participant-label").all_text_contents()
    assert "nova-conductor" in " ".join(names)


def test_an_early_step_shows_the_diagrams_own_participant_row(new_page, site_url):
    page = open_step(new_page, site_url, EARLY)
    step = assert_step_in_view(page, EARLY)
    row = page.locator("svg.wsd g.wsd-head-row").first.bounding_box()
    assert row["y"] >= header_bottom(page) and row["y"] + row["height"] <= step["y"]


def test_the_band_goes_by_itself_after_about_four_seconds(new_page, site_url):
    page = open_step(new_page, site_url, DEEP)
    page.wait_for_timeout(2500)
    assert page.locator("rect.wsd-step-hl").count() == 1
    page.locator("rect.wsd-step-hl").wait_for(state="detached", timeout=4000)


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_a_hashchange_moves_to_the_other_step(new_page, site_url, motion):
    page = open_step(new_page, site_url, DEEP, reduced_motion=motion)
    before = page.evaluate("scrollY")
    page.evaluate("h => { location.hash = h; }", "#" + step_id(LATER))
    if motion == "reduce":
        # No smooth scrolling: in place two frames later.
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    else:
        page.evaluate(SETTLED)
    assert page.evaluate("scrollY") > before
    assert_step_in_view(page, LATER)
    assert_band_behind(page, LATER)


def test_on_a_phone_the_diagram_scrolls_sideways_to_the_arrow(new_page, site_url):
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site_url + PAGE)
    page.wait_for_load_state("load")
    canvas = page.locator(".wsd-canvas").first
    assert canvas.evaluate("c => c.scrollWidth > c.clientWidth + 100"), "the diagram fits: nothing to test"
    # In the second half of the diagram, the step whose arrow (narrower than the
    # canvas) starts furthest right: off screen until the canvas scrolls.
    n = page.evaluate("""() => {
      const canvas = document.querySelector('.wsd-canvas');
      const arrow = g => g.querySelector('.wsd-message').getBoundingClientRect();
      const steps = [...document.querySelectorAll('svg.wsd .wsd-step')];
      const half = steps.slice(steps.length / 2).filter(g => arrow(g).width < canvas.clientWidth * 0.8);
      half.sort((a, b) => arrow(b).left - arrow(a).left);
      return Number(half[0].dataset.step);
    }""")
    start = page.locator(f"#{step_id(n)} .wsd-message").first.bounding_box()
    assert start["x"] > page.viewport_size["width"], "the chosen arrow is already on screen"
    page.evaluate("h => { location.hash = h; }", "#" + step_id(n))
    page.locator("rect.wsd-step-hl").wait_for(state="attached")
    page.evaluate(SETTLED)
    assert canvas.evaluate("c => c.scrollLeft") > 0
    arrow = page.locator(f"#{step_id(n)} .wsd-message").first.bounding_box()
    port = canvas.bounding_box()
    assert port["x"] - 1 <= arrow["x"] and arrow["x"] + arrow["width"] <= port["x"] + port["width"] + 1
    assert_step_in_view(page, n)


def test_every_step_id_on_the_page_is_unique_and_every_step_has_one(new_page, site_url):
    page = new_page()
    page.goto(site_url + PAGE)
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    repeated = [i for i, count in Counter(ids).items() if count > 1]
    assert repeated == []
    steps = page.evaluate("[...document.querySelectorAll('svg.wsd .wsd-step')].map(g => [g.id, g.dataset.step])")
    assert steps == [[step_id(s.number), str(s.number)] for s in STEPS]


def test_a_link_to_the_step_already_in_the_hash_lands_there_again(new_page, site_url):
    page = open_step(new_page, site_url, DEEP)
    page.locator("article h1").click()                 # the band goes
    assert page.locator("rect.wsd-step-hl").count() == 0
    page.evaluate("""h => {
      const a = document.createElement('a');
      a.href = h; a.id = 'again'; a.textContent = 'again';
      document.querySelector('article h1').after(a);
    }""", "#" + step_id(DEEP))
    page.locator("#again").click()                     # same hash: no hashchange event
    page.locator("rect.wsd-step-hl").wait_for(state="attached")
    page.evaluate(SETTLED)
    assert_step_in_view(page, DEEP)
    assert_band_behind(page, DEEP)
