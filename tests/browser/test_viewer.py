"""The full-screen diagram viewer, and the diagram's accessibility, in a real Chromium."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

BOOT = "liberty/nova/boot/"


def open_viewer(new_page, site_url, path=BOOT, **options):
    page = new_page(**options)
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    opener = page.locator(".wsd-figure .wsd-open").first
    opener.click()
    overlay = page.locator(".wsd-overlay")
    overlay.wait_for(state="visible")
    return page, overlay


def scale(overlay) -> float:
    return float(overlay.get_attribute("data-scale"))


def scroll(overlay) -> tuple[float, float]:
    return tuple(overlay.locator(".wsd-overlay__viewport").evaluate("v => [v.scrollLeft, v.scrollTop]"))


def viewport_box(overlay):
    return overlay.locator(".wsd-overlay__viewport").bounding_box()


def test_the_svg_is_moved_into_the_viewer_and_back(new_page, site_url):
    page, overlay = open_viewer(new_page, site_url)
    figure = page.locator(".wsd-figure").first
    assert overlay.locator("svg.wsd").count() == 1
    assert figure.locator("svg.wsd").count() == 0  # moved, not cloned: ids stay unique
    page.keyboard.press("Escape")
    overlay.wait_for(state="detached")
    assert figure.locator("svg.wsd").count() == 1


def test_the_wheel_pans_and_leaves_the_zoom_alone(new_page, site_url):
    page, overlay = open_viewer(new_page, site_url)
    before_scale, before = scale(overlay), scroll(overlay)
    box = viewport_box(overlay)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 300)
    page.wait_for_function("s => document.querySelector('.wsd-overlay__viewport').scrollTop > s", arg=before[1])
    page.mouse.wheel(200, 0)
    page.wait_for_function("s => document.querySelector('.wsd-overlay__viewport').scrollLeft > s", arg=before[0])
    assert scale(overlay) == before_scale


def test_ctrl_wheel_zooms_around_the_pointer(new_page, site_url):
    page, overlay = open_viewer(new_page, site_url)
    page.keyboard.press("0")  # 100%: boot is far wider and taller than the window
    box = viewport_box(overlay)
    x, y = box["x"] + 400, box["y"] + 300
    # The diagram point under the pointer, in user units, before and after.
    under = "([x, y]) => { const s = document.querySelector('.wsd-overlay svg.wsd'); " \
            "const b = s.getBoundingClientRect(); const k = b.width / s.viewBox.baseVal.width; " \
            "return [(x - b.left) / k, (y - b.top) / k]; }"
    before = page.evaluate(under, [x, y])
    start = scale(overlay)
    page.mouse.move(x, y)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -100)
    page.keyboard.up("Control")
    page.wait_for_function("s => parseFloat(document.querySelector('.wsd-overlay').dataset.scale) > s", arg=start)
    after = page.evaluate(under, [x, y])
    zoom = scale(overlay)
    # Within 3 screen px.
    assert abs(before[0] - after[0]) * zoom < 3 and abs(before[1] - after[1]) * zoom < 3, (before, after)


def test_keys_pan_and_zoom(new_page, site_url):
    page, overlay = open_viewer(new_page, site_url)
    page.keyboard.press("0")
    assert scale(overlay) == 1
    left, top = scroll(overlay)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    moved = scroll(overlay)
    assert moved[0] > left and moved[1] > top
    page.keyboard.press("PageDown")
    assert scroll(overlay)[1] > moved[1] + 300
    page.keyboard.press("End")
    v = overlay.locator(".wsd-overlay__viewport")
    assert v.evaluate("v => Math.abs(v.scrollTop + v.clientHeight - v.scrollHeight) < 2")
    page.keyboard.press("Home")
    assert scroll(overlay) == (0, 0)
    page.keyboard.press("+")
    assert scale(overlay) == pytest.approx(1.25, rel=1e-3)
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert scale(overlay) == pytest.approx(0.8, rel=1e-3)
    page.keyboard.press("0")
    assert scale(overlay) == 1


def test_buttons_zoom_and_the_level_is_shown(new_page, site_url):
    page, overlay = open_viewer(new_page, site_url)
    readout = overlay.locator(".wsd-zoom-level")
    overlay.locator(".wsd-actual").click()
    assert readout.inner_text() == "100%"
    overlay.locator(".wsd-zoom-in").click()
    assert scale(overlay) == pytest.approx(1.25, rel=1e-3)
    assert readout.inner_text() == "125%"
    overlay.locator(".wsd-zoom-out").click()
    overlay.locator(".wsd-zoom-out").click()
    assert readout.inner_text() == "80%"
    overlay.locator(".wsd-fit").click()
    svg_width = overlay.locator("svg.wsd").bounding_box()["width"]
    assert svg_width <= viewport_box(overlay)["width"]
    assert readout.inner_text() == f"{round(scale(overlay) * 100)}%"


def test_a_click_on_a_diagram_link_opens_it_in_a_new_tab(new_page, site_url):
    page, overlay = open_viewer(new_page, site_url)
    # Upstream code is not reachable from the test machine: answer its host locally.
    page.context.route("https://github.com/**", lambda route: route.fulfill(body="upstream code"))
    page.keyboard.press("0")
    link = overlay.locator("svg.wsd a.wsd-ref").first
    href = link.get_attribute("href")
    assert link.get_attribute("target") == "_blank"
    with page.expect_popup() as popup:
        link.locator("text").first.click()
    popup.value.wait_for_load_state()
    assert popup.value.url == href
    assert page.locator(".wsd-overlay").count() == 1


def test_dragging_pans_without_selecting_text(new_page, site_url):
    page, overlay = open_viewer(new_page, site_url)
    page.keyboard.press("0")
    box = viewport_box(overlay)
    before = scroll(overlay)
    focused = page.evaluate("document.activeElement.className")
    page.mouse.move(box["x"] + 600, box["y"] + 500)
    page.mouse.down()
    page.mouse.move(box["x"] + 400, box["y"] + 300, steps=8)
    page.mouse.up()
    after = scroll(overlay)
    assert after[0] == pytest.approx(before[0] + 200, abs=2)
    assert after[1] == pytest.approx(before[1] + 200, abs=2)
    assert page.evaluate("String(getSelection())") == ""
    assert page.evaluate("document.activeElement.className") == focused
    assert page.locator(".wsd-overlay").count() == 1  # no link followed, nothing closed


def test_tab_stays_in_the_dialog_and_focus_returns_to_the_opener(new_page, site_url):
    page, overlay = open_viewer(new_page, site_url, "liberty/nova/pause/")
    for _ in range(40):
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.wsd-overlay')")
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("!!document.activeElement.closest('.wsd-overlay')")
    page.keyboard.press("Escape")
    overlay.wait_for(state="detached")
    assert page.evaluate("document.activeElement.classList.contains('wsd-open')")


def test_on_a_phone_it_opens_with_readable_text(new_page, site_url):
    page = new_page(is_mobile=True, has_touch=True, device_scale_factor=2)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + BOOT)
    page.wait_for_load_state("load")
    page.locator(".wsd-figure .wsd-open").first.tap()
    overlay = page.locator(".wsd-overlay")
    overlay.wait_for(state="visible")
    smallest = overlay.locator("svg.wsd").evaluate("""s => Math.min(...[...s.querySelectorAll('text')]
        .map(t => t.getBoundingClientRect().height).filter(h => h > 0))""")
    sizes = overlay.locator("svg.wsd").evaluate("""s => {
        const k = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
        return Math.min(...[...s.querySelectorAll('text[font-size]')].map(t => +t.getAttribute('font-size'))) * k; }""")
    assert 10 <= sizes <= 12, sizes
    assert smallest > 8
    assert scroll(overlay) == (0, 0)
    buttons = overlay.locator(".wsd-overlay__button")
    for i in range(buttons.count()):
        b = buttons.nth(i).bounding_box()
        assert b["width"] >= 44 and b["height"] >= 44


def test_a_touch_pinch_zooms(new_page, site_url):
    page = new_page(is_mobile=True, has_touch=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + BOOT)
    page.wait_for_load_state("load")
    page.locator(".wsd-figure .wsd-open").first.tap()
    overlay = page.locator(".wsd-overlay")
    overlay.wait_for(state="visible")
    start = scale(overlay)
    cdp = page.context.new_cdp_session(page)

    def touch(kind, points):
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [
            {"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]})

    touch("touchStart", [(150, 400), (240, 400)])
    for step in range(1, 6):
        touch("touchMove", [(150 - 15 * step, 400), (240 + 15 * step, 400)])
    touch("touchEnd", [])
    assert scale(overlay) > start * 1.5


def test_a_diagram_with_links_is_a_labelled_group_with_its_steps_as_text(new_page, site_url):
    for path, summary in (("liberty/nova/pause/", "文字版步骤"), ("en/liberty/nova/pause/", "Steps as text")):
        page = new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        figure = page.locator(".wsd-figure").first
        assert figure.get_attribute("role") == "group"
        assert figure.get_attribute("aria-label")
        svg = figure.locator("svg.wsd")
        assert svg.locator("a").count() > 0
        assert svg.get_attribute("role") != "img"
        # Nothing with role=img holds a link.
        assert page.evaluate("[...document.querySelectorAll('[role=img]')].every(e => !e.querySelector('a'))")
        steps = figure.locator(".wsd-steps")
        assert steps.locator("summary").inner_text() == summary
        messages = svg.locator("g.wsd-messages line.wsd-message, g.wsd-messages path.wsd-message").count()
        assert steps.locator("ol > li").count() == messages > 0
        assert "→" in steps.locator("ol > li").first.text_content()
        # The skip link is first hidden, shows on focus, and jumps past the figure.
        skip = page.locator(".wsd-skip").first
        assert skip.bounding_box()["width"] <= 1
        skip.focus()
        assert skip.bounding_box()["width"] > 20
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.classList.contains('wsd-after')")
