/* Full-screen view of a sequence diagram, with zoom (wheel, buttons, keys) and pan (drag).
 *
 * The figure's own picture (the inline <svg>, or the online backend's <img>)
 * is moved into the overlay and put back on close, rather than cloned: a clone
 * of the SVG would duplicate every id (markers, clip paths) in the document.
 */
(function () {
  "use strict";

  var MIN_SCALE = 0.1;
  var MAX_SCALE = 8;
  var STEP = 1.25;

  var WORDS = {
    zh: { close: "关闭", zoomIn: "放大", zoomOut: "缩小", fit: "适合宽度", dialog: "时序图全屏查看" },
    en: { close: "Close", zoomIn: "Zoom in", zoomOut: "Zoom out", fit: "Fit width", dialog: "Sequence diagram, full screen" }
  };

  function words() {
    var lang = (document.documentElement.lang || "zh").slice(0, 2);
    return WORDS[lang] || WORDS.en;
  }

  function button(cls, label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.title = label;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  function naturalSize(picture) {
    if (picture.tagName.toLowerCase() === "img") {
      return { w: picture.naturalWidth || picture.width, h: picture.naturalHeight || picture.height };
    }
    var w = parseFloat(picture.getAttribute("width"));
    var h = parseFloat(picture.getAttribute("height"));
    if (!(w > 0 && h > 0) && picture.viewBox && picture.viewBox.baseVal) {
      w = picture.viewBox.baseVal.width;
      h = picture.viewBox.baseVal.height;
    }
    return { w: w || 800, h: h || 600 };
  }

  function open(figure) {
    var canvas = figure.querySelector(".wsd-canvas");
    var picture = canvas && canvas.firstElementChild;
    if (!picture || document.querySelector(".wsd-overlay")) return;
    var t = words();
    var returnFocus = document.activeElement;

    var overlay = document.createElement("div");
    overlay.className = "wsd-overlay";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", t.dialog);

    var bar = document.createElement("div");
    bar.className = "wsd-overlay__bar";
    var zoomOut = button("wsd-zoom-out", t.zoomOut, "−");
    var zoomIn = button("wsd-zoom-in", t.zoomIn, "+");
    var fit = button("wsd-fit", t.fit, "↔");
    var close = button("wsd-close", t.close, "×");
    [zoomOut, zoomIn, fit, close].forEach(function (b) { bar.appendChild(b); });

    var viewport = document.createElement("div");
    viewport.className = "wsd-overlay__viewport";
    var stage = document.createElement("div");
    stage.className = "wsd-overlay__stage";
    viewport.appendChild(stage);
    overlay.appendChild(bar);
    overlay.appendChild(viewport);

    var size = naturalSize(picture);
    var placeholder = document.createComment("wsd");
    canvas.replaceChild(placeholder, picture);
    stage.appendChild(picture);
    stage.style.width = size.w + "px";
    stage.style.height = size.h + "px";
    document.body.appendChild(overlay);
    document.documentElement.classList.add("wsd-overlay-open");

    var view = { scale: 1, x: 0, y: 0 };

    function apply() {
      stage.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.scale + ")";
      overlay.dataset.scale = view.scale.toFixed(4);
    }

    function fitWidth() {
      var box = viewport.getBoundingClientRect();
      view.scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.min(1.5, (box.width - 32) / size.w)));
      view.x = Math.max(16, (box.width - size.w * view.scale) / 2);
      view.y = 16;
      apply();
    }

    // Zoom keeping the point (cx, cy) of the viewport where it is.
    function zoomAt(factor, cx, cy) {
      var next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
      var k = next / view.scale;
      view.x = cx - (cx - view.x) * k;
      view.y = cy - (cy - view.y) * k;
      view.scale = next;
      apply();
    }

    function zoomCentre(factor) {
      var box = viewport.getBoundingClientRect();
      zoomAt(factor, box.width / 2, box.height / 2);
    }

    // The wheel zooms about the cursor, as in map viewers; dragging pans.
    function onWheel(event) {
      event.preventDefault();
      var box = viewport.getBoundingClientRect();
      zoomAt(event.deltaY < 0 ? STEP : 1 / STEP, event.clientX - box.left, event.clientY - box.top);
    }

    var drag = null;
    function onDown(event) {
      if (event.button !== 0) return;
      drag = { x: event.clientX - view.x, y: event.clientY - view.y, id: event.pointerId };
      viewport.setPointerCapture(event.pointerId);
      viewport.classList.add("is-dragging");
    }
    function onMove(event) {
      if (!drag || drag.id !== event.pointerId) return;
      view.x = event.clientX - drag.x;
      view.y = event.clientY - drag.y;
      apply();
    }
    function onUp(event) {
      if (!drag || drag.id !== event.pointerId) return;
      drag = null;
      viewport.classList.remove("is-dragging");
    }

    function onKey(event) {
      if (event.key === "Escape") { shut(); }
      else if (event.key === "+" || event.key === "=") { zoomCentre(STEP); }
      else if (event.key === "-") { zoomCentre(1 / STEP); }
      else if (event.key === "0") { fitWidth(); }
      else { return; }
      event.preventDefault();
    }

    function shut() {
      document.removeEventListener("keydown", onKey, true);
      stage.removeChild(picture);
      canvas.replaceChild(picture, placeholder);
      overlay.remove();
      document.documentElement.classList.remove("wsd-overlay-open");
      if (returnFocus && returnFocus.focus) returnFocus.focus();
    }

    zoomIn.addEventListener("click", function () { zoomCentre(STEP); });
    zoomOut.addEventListener("click", function () { zoomCentre(1 / STEP); });
    fit.addEventListener("click", fitWidth);
    close.addEventListener("click", shut);
    viewport.addEventListener("wheel", onWheel, { passive: false });
    viewport.addEventListener("pointerdown", onDown);
    viewport.addEventListener("pointermove", onMove);
    viewport.addEventListener("pointerup", onUp);
    viewport.addEventListener("pointercancel", onUp);
    document.addEventListener("keydown", onKey, true);

    fitWidth();
    close.focus();
  }

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest && event.target.closest(".wsd-open");
    if (trigger) open(trigger.closest(".wsd-figure"));
  });
})();
