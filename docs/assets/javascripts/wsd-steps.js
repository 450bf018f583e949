/* Deep links into sequence diagrams: #step-<diagram>-<n> (issue 15 item 2).
 *
 * The renderer wraps each message in <g class="wsd-step" id="step-…">. When the
 * page's hash names one, on load and on every hashchange:
 *   - the page scrolls so the step sits below the sticky header AND below the
 *     participant row that wsd-fit.js pins there, so the reader sees which
 *     lifelines the arrow joins; a step near the top of the diagram is shown
 *     with the diagram's own participant row above it instead;
 *   - a diagram that scrolls sideways (wsd-fit.js) is scrolled so the arrow
 *     is in view too;
 *   - a translucent band (<rect class="wsd-step-hl">) is put behind the step,
 *     across the whole diagram, and taken away after HOLD_MS or at the next
 *     click, whichever comes first.
 * Smooth scrolling only on a hashchange, and never with prefers-reduced-motion.
 */
(function () {
  "use strict";

  var HOLD_MS = 4000;
  var GAP_PX = 12;          // between what covers the page top and the step
  var BAND_PAD = 4;         // diagram units above and below the step's own box
  var PIN_PAD = 12;         // wsd-fit.js pins the head row's box plus this (diagram units)
  var NS = "http://www.w3.org/2000/svg";

  var shown = null;         // { rect, timer } of the band on screen
  var touched = false;      // the reader scrolled or clicked since the page opened

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function stepFromHash() {
    var name = location.hash.slice(1);
    if (!name) return null;
    try { name = decodeURIComponent(name); } catch (e) { /* keep it as written */ }
    var el = document.getElementById(name);
    if (!el || !el.classList || !el.classList.contains("wsd-step")) return null;
    var svg = el.ownerSVGElement;
    return svg && svg.classList.contains("wsd") ? { step: el, svg: svg } : null;
  }

  function viewBoxWidth(svg) {
    var view = svg.viewBox && svg.viewBox.baseVal;
    return view && view.width ? view.width : parseFloat(svg.getAttribute("width")) || 1;
  }

  // Material's header sticks to the top of the window.
  function headerHeight() {
    var header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().height : 0;
  }

  // Height on screen of the participant row pinned under the header (wsd-fit.js),
  // and where the diagram's own row ends, in page coordinates.
  function headRow(svg, scale) {
    var row = svg.querySelector("g.wsd-head-row");
    if (!row) return null;
    var b = row.getBBox();
    if (!(b.height > 0)) return null;
    var top = svg.getBoundingClientRect().top + window.scrollY;
    return {
      pinned: (b.height + PIN_PAD) * scale + 1,
      top: top + (b.y - PIN_PAD / 2) * scale,
      bottom: top + (b.y + b.height + PIN_PAD / 2) * scale
    };
  }

  function scrollPage(svg, step, smooth) {
    var scale = svg.getBoundingClientRect().width / viewBoxWidth(svg);
    var box = step.getBoundingClientRect();
    var stepTop = box.top + window.scrollY;
    var stepBottom = box.bottom + window.scrollY;
    var header = headerHeight();
    var head = headRow(svg, scale);
    var target = stepTop - header - (head ? head.pinned : 0) - GAP_PX;
    // Close to the top of the diagram, its own participant row and the step fit
    // on one screen together: show both rather than the pinned copy.
    if (head && stepBottom - head.top + GAP_PX <= window.innerHeight - header) {
      target = Math.min(target, head.top - header - GAP_PX);
    }
    target = Math.max(0, Math.round(target));
    if (Math.abs(target - window.scrollY) <= 1) return;   // there already (or ending the nudge below)
    if (target > 0 && target < window.scrollY) {
      // Material shows its "back to top" button while the page moves up, right
      // over the pinned participant names; end with a 1 px move down instead.
      window.scrollTo({ top: target - 1, behavior: smooth ? "smooth" : "auto" });
      afterScroll(smooth, function () { window.scrollTo({ top: target, behavior: "auto" }); });
    } else {
      window.scrollTo({ top: target, behavior: smooth ? "smooth" : "auto" });
    }
  }

  // Runs ``then`` once the scroll just asked for has been seen by scroll
  // listeners (Material's among them) in a frame of its own.
  function afterScroll(smooth, then) {
    var type = smooth ? "scrollend" : "scroll";
    var done = false;
    var once = function () {
      if (done) return;
      done = true;
      window.removeEventListener(type, once);
      requestAnimationFrame(function () { requestAnimationFrame(then); });
    };
    window.addEventListener(type, once);
    setTimeout(once, smooth ? 1500 : 300);   // no event came (no scrollend, or nothing moved)
  }

  // The canvas wsd-fit.js lets scroll sideways, if this diagram has one that does.
  function scrollSideways(svg, step, smooth) {
    var canvas = svg.parentNode;
    if (!canvas || !canvas.classList || !canvas.classList.contains("wsd-canvas")) return;
    if (canvas.scrollWidth <= canvas.clientWidth + 1) return;
    var arrow = step.querySelector(".wsd-message") || step;
    var a = arrow.getBoundingClientRect();
    var port = canvas.getBoundingClientRect();
    var left = a.left - port.left + canvas.scrollLeft;
    var want = a.width < canvas.clientWidth
      ? left - (canvas.clientWidth - a.width) / 2
      : left - GAP_PX;
    var max = canvas.scrollWidth - canvas.clientWidth;
    canvas.scrollTo({ left: Math.max(0, Math.min(max, want)), behavior: smooth ? "smooth" : "auto" });
  }

  function clearBand() {
    if (!shown) return;
    clearTimeout(shown.timer);
    if (shown.rect.parentNode) shown.rect.parentNode.removeChild(shown.rect);
    shown = null;
  }

  function showBand(svg, step) {
    clearBand();
    var b = step.getBBox();
    var rect = document.createElementNS(NS, "rect");
    rect.setAttribute("class", "wsd-step-hl");
    rect.setAttribute("x", "0");
    rect.setAttribute("y", String(b.y - BAND_PAD));
    rect.setAttribute("width", String(viewBoxWidth(svg)));
    rect.setAttribute("height", String(b.height + 2 * BAND_PAD));
    rect.setAttribute("aria-hidden", "true");
    // Behind every arrow and label, over the lifelines, bars and frames, so the
    // band reads as the row itself.
    var messages = svg.querySelector("g.wsd-messages");
    var before = messages && messages.parentNode === svg ? messages : step;
    before.parentNode.insertBefore(rect, before);
    shown = { rect: rect, timer: setTimeout(clearBand, HOLD_MS) };
  }

  function go(smooth) {
    var found = stepFromHash();
    if (!found) return;
    var motion = smooth && !reducedMotion();
    scrollSideways(found.svg, found.step, motion);
    scrollPage(found.svg, found.step, motion);
    showBand(found.svg, found.step);
  }

  function start() {
    if (!stepFromHash()) return;
    // After wsd-fit.js has sized the diagrams (its DOMContentLoaded handler ran before this frame).
    requestAnimationFrame(function () { go(false); });
    // The browser's own jump to the fragment can land after that; correct it
    // once everything is loaded, unless the reader has moved on already.
    window.addEventListener("load", function () {
      if (!touched) requestAnimationFrame(function () { go(false); });
    }, { once: true });
  }

  // Any click ends the highlight; a click on a step link starts a new one
  // through hashchange, or here when the hash is that step already (no hashchange).
  document.addEventListener("click", function (event) {
    touched = true;
    clearBand();
    var link = event.target && event.target.closest ? event.target.closest("a[href*='#step-']") : null;
    if (link && link.hash === location.hash && link.pathname === location.pathname) {
      setTimeout(function () { go(true); }, 0);
    }
  }, true);
  ["wheel", "touchstart", "keydown"].forEach(function (type) {
    window.addEventListener(type, function () { touched = true; }, { passive: true, capture: true });
  });
  window.addEventListener("hashchange", function () { go(true); });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    // Material's instant navigation swaps the page without a load event.
    window.document$.subscribe(function () { start(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
