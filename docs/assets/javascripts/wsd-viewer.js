/* Full-screen view of a sequence diagram, behaving like a map or image viewer.
 *
 * Wheel and two-finger trackpad scroll pan (the viewport scrolls natively);
 * Ctrl/⌘+wheel (also what Chromium sends for a trackpad pinch) and a touch
 * pinch zoom around the pointer; arrows, PgUp/PgDn, Home/End pan; + - 0 f and
 * the toolbar zoom. A press that moves less than DRAG_PX is a click, so links
 * in the diagram work; more is a drag that pans. The dialog keeps focus until
 * it closes and gives it back to the opener.
 *
 * The figure's own picture (the inline <svg>, or the online backend's <img>)
 * is moved into the overlay and put back on close, rather than cloned: a clone
 * of the SVG would duplicate every id (markers, clip paths) in the document.
 */
(function () {
  "use strict";

  var MIN_SCALE = 0.05;
  var MAX_SCALE = 8;
  var STEP = 1.25;
  var PAD = 16;
  var DRAG_PX = 5;
  var READABLE_PX = 11;   // smallest text size the view opens at, when fitting would go below 10 px
  var LEGIBLE_PX = 10;

  var WORDS = {
    zh: { close: "关闭（Esc）", zoomIn: "放大（+）", zoomOut: "缩小（-）", actual: "实际大小（0）",
          fit: "适合宽度（F）", dialog: "时序图全屏查看", zoom: "缩放比例" },
    en: { close: "Close (Esc)", zoomIn: "Zoom in (+)", zoomOut: "Zoom out (-)", actual: "Actual size (0)",
          fit: "Fit width (F)", dialog: "Sequence diagram, full screen", zoom: "Zoom level" }
  };

  function words() {
    var lang = (document.documentElement.lang || "zh").slice(0, 2);
    return WORDS[lang] || WORDS.en;
  }

  function button(cls, label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "wsd-overlay__button " + cls;
    b.title = label;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  function naturalSize(picture) {
    if (picture.tagName.toLowerCase() === "img") {
      return { w: picture.naturalWidth || picture.width, h: picture.naturalHeight || picture.height };
    }
    var w = 0, h = 0;
    if (picture.viewBox && picture.viewBox.baseVal && picture.viewBox.baseVal.width) {
      w = picture.viewBox.baseVal.width;
      h = picture.viewBox.baseVal.height;
    } else {
      w = parseFloat(picture.getAttribute("width"));
      h = parseFloat(picture.getAttribute("height"));
    }
    return { w: w || 800, h: h || 600 };
  }

  function smallestFont(picture) {
    var smallest = Infinity;
    if (picture.querySelectorAll) {
      picture.querySelectorAll("text[font-size]").forEach(function (t) {
        var size = parseFloat(t.getAttribute("font-size"));
        if (size > 0 && size < smallest) smallest = size;
      });
    }
    return smallest === Infinity ? 13 : smallest;
  }

  function focusables(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll("button, [href], [tabindex]:not([tabindex='-1'])"),
      function (el) { return !el.disabled && el.getClientRects().length > 0 && !el.closest("[aria-hidden='true']"); });
  }

  // A copy of the top participant row, pinned over the viewport while the real one is scrolled away.
  function headCopy(svg) {
    var row = svg.querySelector && svg.querySelector("g.wsd-head-row");
    if (!row) return null;
    var b = row.getBBox();
    if (!(b.height > 0)) return null;
    var ns = "http://www.w3.org/2000/svg";
    var size = naturalSize(svg);
    var y = Math.max(0, b.y - 6), h = b.height + 12;
    var copy = document.createElementNS(ns, "svg");
    copy.setAttribute("class", "wsd-overlay__head");
    copy.setAttribute("viewBox", "0 " + y + " " + size.w + " " + h);
    copy.setAttribute("aria-hidden", "true");
    copy.setAttribute("focusable", "false");
    // Class "wsd" on a group, so "svg.wsd" stays the one real diagram.
    var themed = document.createElementNS(ns, "g");
    themed.setAttribute("class", "wsd");
    var back = document.createElementNS(ns, "rect");
    back.setAttribute("class", "wsd-background");
    back.setAttribute("x", "0");
    back.setAttribute("y", String(y));
    back.setAttribute("width", String(size.w));
    back.setAttribute("height", String(h));
    themed.appendChild(back);
    var clone = row.cloneNode(true);
    clone.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    clone.querySelectorAll("a").forEach(function (a) { a.removeAttribute("href"); });
    themed.appendChild(clone);
    copy.appendChild(themed);
    // The palette's --wsd-* values are set on svg.wsd; carry them over to the copy.
    var style = getComputedStyle(svg);
    var names = (svg.querySelector("style") || { textContent: "" }).textContent.match(/--wsd-[a-z-]+/g) || [];
    names.forEach(function (name) {
      var value = style.getPropertyValue(name);
      if (value) copy.style.setProperty(name, value.trim());
    });
    return { svg: copy, top: y, bottom: y + h, h: h };
  }

  function open(figure) {
    var canvas = figure.querySelector(".wsd-canvas");
    var picture = canvas && canvas.querySelector("svg.wsd, img");
    if (!picture || document.querySelector(".wsd-overlay")) return;
    var t = words();
    var returnFocus = document.activeElement;
    var title = figure.querySelector("figcaption");

    var overlay = document.createElement("div");
    overlay.className = "wsd-overlay";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", t.dialog + (title ? ": " + title.textContent : ""));

    var bar = document.createElement("div");
    bar.className = "wsd-overlay__bar";
    var heading = document.createElement("span");
    heading.className = "wsd-overlay__title";
    heading.textContent = title ? title.textContent : "";
    var zoomOut = button("wsd-zoom-out", t.zoomOut, "−");
    var readout = document.createElement("output");
    readout.className = "wsd-zoom-level";
    readout.setAttribute("aria-label", t.zoom);
    var zoomIn = button("wsd-zoom-in", t.zoomIn, "+");
    var actual = button("wsd-actual", t.actual, "1:1");
    var fit = button("wsd-fit", t.fit, "↔");
    var close = button("wsd-close", t.close, "×");
    [heading, zoomOut, readout, zoomIn, actual, fit, close].forEach(function (b) { bar.appendChild(b); });

    var frame = document.createElement("div");
    frame.className = "wsd-overlay__frame";
    var viewport = document.createElement("div");
    viewport.className = "wsd-overlay__viewport";
    viewport.tabIndex = 0;
    var stage = document.createElement("div");
    stage.className = "wsd-overlay__stage";
    viewport.appendChild(stage);
    frame.appendChild(viewport);
    overlay.appendChild(bar);
    overlay.appendChild(frame);

    var size = naturalSize(picture);
    var font = smallestFont(picture);
    var savedStyle = picture.getAttribute("style");
    var placeholder = document.createComment("wsd");
    picture.parentNode.replaceChild(placeholder, picture);
    stage.appendChild(picture);

    // The rest of the page is inert while the dialog is open: no focus, no clicks, hidden from AT.
    var inerted = [];
    Array.prototype.forEach.call(document.body.children, function (el) {
      if (!el.inert) { el.inert = true; inerted.push(el); }
    });
    document.body.appendChild(overlay);
    document.documentElement.classList.add("wsd-overlay-open");

    var head = picture.tagName.toLowerCase() === "svg" ? headCopy(picture) : null;
    if (head) frame.appendChild(head.svg);

    var view = { scale: 1, offX: PAD, offY: PAD };

    // Sizes the stage and the picture for view.scale; the picture is drawn at
    // its displayed size (not a CSS transform), so text stays sharp.
    function layout() {
      var vw = viewport.clientWidth, vh = viewport.clientHeight;
      var cw = size.w * view.scale, ch = size.h * view.scale;
      view.offX = cw + 2 * PAD < vw ? (vw - cw) / 2 : PAD;
      view.offY = PAD;
      stage.style.width = Math.max(vw, cw + 2 * PAD) + "px";
      stage.style.height = Math.max(vh, ch + 2 * PAD) + "px";
      picture.style.width = cw + "px";
      picture.style.height = ch + "px";
      picture.style.left = view.offX + "px";
      picture.style.top = view.offY + "px";
      overlay.dataset.scale = view.scale.toFixed(4);
      readout.textContent = Math.round(view.scale * 100) + "%";
      zoomOut.disabled = view.scale <= MIN_SCALE + 1e-9;
      zoomIn.disabled = view.scale >= MAX_SCALE - 1e-9;
      pinHead();
    }

    function pinHead() {
      if (!head) return;
      var s = view.scale;
      head.svg.style.width = size.w * s + "px";
      head.svg.style.height = head.h * s + "px";
      head.svg.style.transform = "translateX(" + (view.offX - viewport.scrollLeft) + "px)";
      // Shown once the real row has scrolled under the top edge.
      var hidden = viewport.scrollTop > view.offY + head.top * s + 2;
      head.svg.classList.toggle("is-shown", hidden);
    }

    function clampScale(s) { return Math.min(MAX_SCALE, Math.max(MIN_SCALE, s)); }

    // New scale, keeping the diagram point under (cx, cy) of the viewport where it is.
    function zoomTo(next, cx, cy) {
      next = clampScale(next);
      var dx = (viewport.scrollLeft + cx - view.offX) / view.scale;
      var dy = (viewport.scrollTop + cy - view.offY) / view.scale;
      view.scale = next;
      layout();
      viewport.scrollLeft = dx * next + view.offX - cx;
      viewport.scrollTop = dy * next + view.offY - cy;
      pinHead();
    }

    function zoomCentre(next) {
      zoomTo(next, viewport.clientWidth / 2, viewport.clientHeight / 2);
    }

    function fitScale() {
      return clampScale(Math.min(1, (viewport.clientWidth - 2 * PAD) / size.w));
    }

    function fitWidth() {
      view.scale = fitScale();
      layout();
      viewport.scrollLeft = 0;
    }

    // Opens where the text is readable: fitted width if its text stays ≥ 10 px,
    // else the smallest text at READABLE_PX, from the top-left corner.
    function initial() {
      var s = fitScale();
      if (s * font < LEGIBLE_PX) s = clampScale(READABLE_PX / font);
      view.scale = s;
      layout();
      viewport.scrollLeft = 0;
      viewport.scrollTop = 0;
    }

    function onWheel(event) {
      if (!(event.ctrlKey || event.metaKey)) return;  // a plain wheel scrolls the viewport natively
      event.preventDefault();
      var unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? viewport.clientHeight : 1;
      var delta = Math.max(-200, Math.min(200, event.deltaY * unit));
      var box = viewport.getBoundingClientRect();
      zoomTo(view.scale * Math.pow(2, -delta / 300), event.clientX - box.left, event.clientY - box.top);
    }

    // Pointers: one pans once it has moved DRAG_PX; two pinch.
    var pointers = {};
    var press = null;
    var pinch = null;
    var dragged = false;

    function pointerList() { return Object.keys(pointers).map(function (k) { return pointers[k]; }); }

    function startPinch() {
      var p = pointerList();
      var box = viewport.getBoundingClientRect();
      pinch = {
        dist: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) || 1,
        scale: view.scale,
        cx: (p[0].x + p[1].x) / 2 - box.left,
        cy: (p[0].y + p[1].y) / 2 - box.top
      };
      pinch.dx = (viewport.scrollLeft + pinch.cx - view.offX) / view.scale;
      pinch.dy = (viewport.scrollTop + pinch.cy - view.offY) / view.scale;
    }

    function onDown(event) {
      if (event.pointerType === "mouse" && event.button !== 0) return;
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      var count = pointerList().length;
      if (count === 1) {
        dragged = false;
        press = { id: event.pointerId, x: event.clientX, y: event.clientY,
                  left: viewport.scrollLeft, top: viewport.scrollTop, moving: false };
      } else if (count === 2) {
        press = null;
        dragged = true;
        startPinch();
      }
    }

    function onMove(event) {
      if (!pointers[event.pointerId]) return;
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      if (pinch && pointerList().length >= 2) {
        var p = pointerList();
        var box = viewport.getBoundingClientRect();
        var dist = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) || 1;
        var cx = (p[0].x + p[1].x) / 2 - box.left, cy = (p[0].y + p[1].y) / 2 - box.top;
        view.scale = clampScale(pinch.scale * dist / pinch.dist);
        layout();
        // The diagram point first under the fingers' midpoint follows the midpoint.
        viewport.scrollLeft = pinch.dx * view.scale + view.offX - cx;
        viewport.scrollTop = pinch.dy * view.scale + view.offY - cy;
        pinHead();
        return;
      }
      if (!press || press.id !== event.pointerId) return;
      var mx = event.clientX - press.x, my = event.clientY - press.y;
      if (!press.moving && Math.hypot(mx, my) < DRAG_PX) return;
      if (!press.moving) {
        press.moving = true;
        dragged = true;
        viewport.setPointerCapture(event.pointerId);
        viewport.classList.add("is-dragging");
      }
      viewport.scrollLeft = press.left - mx;
      viewport.scrollTop = press.top - my;
    }

    function onUp(event) {
      delete pointers[event.pointerId];
      if (pinch && pointerList().length < 2) pinch = null;
      if (press && press.id === event.pointerId) {
        press = null;
        viewport.classList.remove("is-dragging");
      }
    }

    // A drag ends with a click on whatever is under it: that is not a click on a link.
    function onClick(event) {
      if (dragged) {
        event.preventDefault();
        event.stopPropagation();
        dragged = false;
      }
    }

    // Keep focus where it is (and no text selection starts) when pressing on the diagram.
    function onMouseDown(event) {
      if (!event.target.closest("a")) event.preventDefault();
    }

    function onKey(event) {
      var page = viewport.clientHeight * 0.9;
      var line = 48;
      var mod = event.ctrlKey || event.metaKey;
      var k = event.key;
      if (k === "Escape") { shut(); }
      else if (k === "Tab") { trap(event); return; }
      else if (event.altKey) { return; }
      else if (k === "+" || k === "=") { zoomCentre(view.scale * STEP); }
      else if (k === "-" || k === "_") { zoomCentre(view.scale / STEP); }
      else if (k === "0") { zoomCentre(1); }
      else if (mod) { return; }
      else if (k === "f" || k === "F") { fitWidth(); }
      else if (k === "ArrowDown") { viewport.scrollTop += line; }
      else if (k === "ArrowUp") { viewport.scrollTop -= line; }
      else if (k === "ArrowRight") { viewport.scrollLeft += line; }
      else if (k === "ArrowLeft") { viewport.scrollLeft -= line; }
      else if (k === "PageDown" || (k === " " && !event.shiftKey && event.target === viewport)) { viewport.scrollTop += page; }
      else if (k === "PageUp" || (k === " " && event.shiftKey && event.target === viewport)) { viewport.scrollTop -= page; }
      else if (k === "Home") { viewport.scrollTop = 0; viewport.scrollLeft = 0; }
      else if (k === "End") { viewport.scrollTop = viewport.scrollHeight; }
      else { return; }
      event.preventDefault();
    }

    function trap(event) {
      var items = focusables(overlay);
      if (!items.length) { event.preventDefault(); return; }
      var first = items[0], last = items[items.length - 1];
      var inside = overlay.contains(document.activeElement);
      if (event.shiftKey && (!inside || document.activeElement === first)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (!inside || document.activeElement === last)) {
        event.preventDefault();
        first.focus();
      }
    }

    function onFocusIn(event) {
      if (!overlay.contains(event.target)) viewport.focus();
    }

    function onResize() { zoomCentre(view.scale); }

    function shut() {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("focusin", onFocusIn, true);
      window.removeEventListener("resize", onResize);
      stage.removeChild(picture);
      if (savedStyle === null) picture.removeAttribute("style");
      else picture.setAttribute("style", savedStyle);
      placeholder.parentNode.replaceChild(picture, placeholder);
      overlay.remove();
      inerted.forEach(function (el) { el.inert = false; });
      document.documentElement.classList.remove("wsd-overlay-open");
      if (returnFocus && returnFocus.focus) returnFocus.focus();
      window.dispatchEvent(new Event("resize"));  // let the inline layout measure its picture again
    }

    zoomIn.addEventListener("click", function () { zoomCentre(view.scale * STEP); });
    zoomOut.addEventListener("click", function () { zoomCentre(view.scale / STEP); });
    actual.addEventListener("click", function () { zoomCentre(1); });
    fit.addEventListener("click", fitWidth);
    close.addEventListener("click", shut);
    viewport.addEventListener("wheel", onWheel, { passive: false });
    viewport.addEventListener("scroll", pinHead, { passive: true });
    viewport.addEventListener("pointerdown", onDown);
    viewport.addEventListener("pointermove", onMove);
    viewport.addEventListener("pointerup", onUp);
    viewport.addEventListener("pointercancel", onUp);
    viewport.addEventListener("mousedown", onMouseDown);
    viewport.addEventListener("click", onClick, true);
    viewport.addEventListener("dragstart", function (event) { event.preventDefault(); });
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("focusin", onFocusIn, true);
    window.addEventListener("resize", onResize);

    initial();
    viewport.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest && event.target.closest(".wsd-open");
    if (trigger) open(trigger.closest(".wsd-figure"));
  });
})();
