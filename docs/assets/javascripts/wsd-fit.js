/* Inline sequence diagrams sized to the screen rather than to the prose column.
 *
 * For each figure (hooks/owsite/diagrams/figure.py), once fonts are in:
 *   1. If the diagram is wider than the column, the figure grows to the right
 *      up to the window's edge, over the table of contents (wsd.css stacks
 *      it above the sticky sidebars, opaque, so it covers them while it is on
 *      screen and they show again past it). If that is still not enough room
 *      at the smallest readable scale, it grows to the left, over the
 *      navigation too.
 *   2. If the diagram is still wider than the figure, it is scaled down, but
 *      never so far that its smallest text drops below MIN_TEXT_PX.
 *   3. Past that it scrolls sideways: a scrollbar pinned at the bottom of the
 *      window, fading edges and a hint say so, and the title follows the
 *      visible part.
 *   4. While the reader is inside a diagram taller than the window, a copy of
 *      its top participant row (<g class="wsd-head-row">) is pinned under the
 *      page header, at the same scale and sideways offset as the diagram.
 *
 * Sizes are set through custom properties on the figure and rules scoped to
 * .wsd-canvas, so a picture moved into the full-screen view keeps none of them.
 */
(function () {
  "use strict";

  var MIN_TEXT_PX = 10;
  var GUTTER_PX = 8;   // kept free between a grown figure and the window's edge

  var WORDS = {
    zh: { hint: "← 左右滚动查看整张图 →" },
    en: { hint: "← Scroll sideways to see the whole diagram →" }
  };

  function words() {
    var lang = (document.documentElement.lang || "zh").slice(0, 2);
    return WORDS[lang] || WORDS.en;
  }

  var fits = [];

  function visibleBox(el) {
    if (!el) return null;
    var box = el.getBoundingClientRect();
    return box.width > 0 && getComputedStyle(el).visibility !== "hidden" ? box : null;
  }

  function smallestFont(svg) {
    var smallest = Infinity;
    svg.querySelectorAll("text[font-size]").forEach(function (t) {
      var size = parseFloat(t.getAttribute("font-size"));
      if (size > 0 && size < smallest) smallest = size;
    });
    return smallest === Infinity ? 13 : smallest;
  }

  function headBox(svg) {
    var row = svg.querySelector("g.wsd-head-row");
    if (!row) return null;
    var b = row.getBBox();
    return b.height > 0 ? { row: row, y: b.y - 6, h: b.height + 12 } : null;
  }

  function Fit(figure, canvas, svg) {
    this.figure = figure;
    this.canvas = canvas;
    this.svg = svg;
    var view = svg.viewBox.baseVal;
    this.w = view && view.width ? view.width : parseFloat(svg.getAttribute("width"));
    this.h = view && view.height ? view.height : parseFloat(svg.getAttribute("height"));
    this.font = smallestFont(svg);
    this.floor = Math.min(1, MIN_TEXT_PX / this.font);
    this.scale = 1;
    this.title = svg.querySelector("text.wsd-title");
    this.build();
  }

  Fit.prototype.build = function () {
    var self = this;
    var figure = this.figure;
    figure.dataset.wsdFont = String(this.font);

    // The canvas is wrapped so the fading edges can sit over it without scrolling with it.
    this.pane = document.createElement("div");
    this.pane.className = "wsd-pane";
    this.canvas.parentNode.insertBefore(this.pane, this.canvas);
    this.pane.appendChild(this.canvas);

    var head = headBox(this.svg);
    if (head) {
      this.head = head;
      this.pin = document.createElement("div");
      this.pin.className = "wsd-pin";
      this.pin.setAttribute("aria-hidden", "true");
      var clip = document.createElement("div");
      clip.className = "wsd-pin__clip";
      var ns = "http://www.w3.org/2000/svg";
      // Class "wsd" on a group, not on the copy's <svg>: "svg.wsd" stays the
      // one real diagram of the figure for other scripts and the tests.
      var copy = document.createElementNS(ns, "svg");
      copy.setAttribute("class", "wsd-pin__svg");
      var themed = document.createElementNS(ns, "g");
      themed.setAttribute("class", "wsd");
      copy.setAttribute("viewBox", "0 " + head.y + " " + this.w + " " + head.h);
      copy.setAttribute("focusable", "false");
      var back = document.createElementNS(ns, "rect");
      back.setAttribute("class", "wsd-background");
      back.setAttribute("x", "0");
      back.setAttribute("y", String(head.y));
      back.setAttribute("width", String(this.w));
      back.setAttribute("height", String(head.h));
      themed.appendChild(back);
      var row = head.row.cloneNode(true);
      row.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      themed.appendChild(row);
      copy.appendChild(themed);
      clip.appendChild(copy);
      this.pin.appendChild(clip);
      this.pinSvg = copy;
      this.pinClip = clip;
      figure.insertBefore(this.pin, this.pane);
    }

    this.bar = document.createElement("div");
    this.bar.className = "wsd-scrollbar";
    // The canvas itself scrolls by keyboard, wheel and touch; this is a second
    // handle on it for pointers, so assistive technology need not see it.
    this.bar.setAttribute("aria-hidden", "true");
    var hint = document.createElement("span");
    hint.className = "wsd-scrollbar__hint";
    hint.textContent = words().hint;
    this.track = document.createElement("div");
    this.track.className = "wsd-scrollbar__track";
    this.track.tabIndex = -1;
    this.span = document.createElement("div");
    this.span.className = "wsd-scrollbar__span";
    this.track.appendChild(this.span);
    this.bar.appendChild(hint);
    this.bar.appendChild(this.track);
    this.pane.parentNode.insertBefore(this.bar, this.pane.nextSibling);

    // Each side follows the other; the equality test stops the echo.
    this.canvas.addEventListener("scroll", function () {
      if (self.track.scrollLeft !== self.canvas.scrollLeft) self.track.scrollLeft = self.canvas.scrollLeft;
      self.sideways();
    }, { passive: true });
    this.track.addEventListener("scroll", function () {
      if (self.canvas.scrollLeft !== self.track.scrollLeft) self.canvas.scrollLeft = self.track.scrollLeft;
    }, { passive: true });
  };

  // The column the figure sits in, measured with the figure at its own size.
  Fit.prototype.measure = function () {
    var figure = this.figure;
    figure.classList.remove("is-wide", "is-full");
    figure.style.removeProperty("--wsd-out-left");
    figure.style.removeProperty("--wsd-out-right");
    var column = figure.getBoundingClientRect();
    var canvas = this.canvas.getBoundingClientRect();
    var style = getComputedStyle(this.canvas);
    // Everything between the figure's edge and the picture: borders and padding.
    this.chrome = column.width - canvas.width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    return column;
  };

  Fit.prototype.layout = function () {
    if (!this.canvas.contains(this.svg)) return;   // shown full screen right now
    var column = this.measure();
    var pageWidth = document.documentElement.clientWidth;
    var nav = visibleBox(document.querySelector(".md-sidebar--primary"));
    var right = pageWidth - GUTTER_PX;
    var leftWithNav = nav && nav.right > 0 ? nav.right + GUTTER_PX : GUTTER_PX;
    var leftNoNav = GUTTER_PX;
    if (pageWidth < 600) { right = pageWidth; leftWithNav = leftNoNav = 0; }   // phones: edge to edge
    var natural = this.w + this.chrome;
    var fitted = Math.ceil(this.w * this.floor) + this.chrome;   // the smallest it may be drawn

    var outLeft = 0;
    var outRight = 0;
    if (natural > column.width) {
      outRight = Math.max(0, Math.min(natural, right - column.left) - column.width);
      var width = column.width + outRight;
      if (width < fitted && column.left > leftWithNav) {
        outLeft = Math.min(column.left - leftWithNav, fitted - width);
        width += outLeft;
      }
      if (width < fitted && leftWithNav > leftNoNav) {
        // Still not enough at the smallest readable size: take the navigation's room too.
        outLeft = Math.min(column.left - leftNoNav, outLeft + fitted - width);
      }
    }
    var figure = this.figure;
    figure.style.setProperty("--wsd-out-left", outLeft + "px");
    figure.style.setProperty("--wsd-out-right", outRight + "px");
    figure.classList.toggle("is-wide", outLeft + outRight > 0);

    var room = column.width + outLeft + outRight - this.chrome;
    var scale = Math.min(1, room / this.w);
    this.scrolls = scale < this.floor;
    this.scale = Math.max(scale, this.floor);
    figure.style.setProperty("--wsd-width", (this.w * this.scale).toFixed(1) + "px");
    figure.style.setProperty("--wsd-height", (this.h * this.scale).toFixed(1) + "px");
    figure.dataset.wsdScale = this.scale.toFixed(4);
    figure.classList.add("is-fitted");
    figure.classList.toggle("is-scaled", this.scale < 1);
    figure.classList.toggle("is-scrolling", this.scrolls);
    if (this.scrolls) this.canvas.tabIndex = 0; else this.canvas.removeAttribute("tabindex");

    // The same scroll range as the canvas, so both can share scrollLeft.
    var range = this.canvas.scrollWidth - this.canvas.clientWidth;
    this.span.style.width = (range + this.track.clientWidth) + "px";
    this.track.scrollLeft = this.canvas.scrollLeft;
    if (this.pinSvg) {
      this.pinSvg.setAttribute("width", (this.w * this.scale).toFixed(1));
      this.pinSvg.setAttribute("height", (this.head.h * this.scale).toFixed(1));
    }
    this.sideways();
    this.vertical();
  };

  // After a sideways scroll: edge cues, the pinned row's offset, the title.
  Fit.prototype.sideways = function () {
    var c = this.canvas;
    var max = c.scrollWidth - c.clientWidth;
    this.pane.classList.toggle("is-more-left", c.scrollLeft > 1);
    this.pane.classList.toggle("is-more-right", c.scrollLeft < max - 1);
    if (!this.canvas.contains(this.svg)) return;
    var box = this.svg.getBoundingClientRect();
    var port = c.getBoundingClientRect();
    if (this.pinSvg) {
      this.pinSvg.style.transform = "translateX(" + (box.left - port.left).toFixed(2) + "px)";
    }
    // Inside the canvas's padding: at either end of the scroll the diagram stops there.
    var style = getComputedStyle(c);
    var padLeft = parseFloat(style.paddingLeft);
    var inner = c.clientWidth - padLeft - parseFloat(style.paddingRight);
    if (this.title) this.placeTitle(port.left + padLeft - box.left, inner);
  };

  // The title inside the part of the diagram on screen: moved there, and if
  // it is wider than that part, made smaller down to the text floor (a long
  // title on a phone), else shown from its start.
  Fit.prototype.placeTitle = function (offset, visible) {
    var t = this.title;
    var size = parseFloat(t.getAttribute("font-size")) || 17;
    var from = offset / this.scale;   // diagram units from here on
    var room = visible / this.scale - 8;
    var now = parseFloat(getComputedStyle(t).fontSize) || size;
    var natural = t.getBBox().width * size / now;
    var fitted = Math.max(MIN_TEXT_PX / this.scale, Math.min(size, size * room / natural));
    this.figure.style.setProperty("--wsd-title-size", fitted.toFixed(2) + "px");
    var b = t.getBBox();   // at the new size; its own transform does not count here
    var width = b.width;
    var left = b.x;
    var shift = 0;
    if (left < from || left + width > from + visible / this.scale) {
      var want = width <= room ? from + (visible / this.scale - width) / 2 : from + 4;
      shift = Math.max(0, Math.min(this.w - width, want)) - left;
    }
    this.figure.style.setProperty("--wsd-title-shift", shift.toFixed(1) + "px");
  };

  // After a page scroll: show the pinned row once the real one has gone under the header.
  Fit.prototype.vertical = function () {
    if (!this.pin) return;
    var inside = this.canvas.contains(this.svg);
    var top = pinTop();
    var box = inside ? this.svg.getBoundingClientRect() : null;
    var headBottom = box ? box.top + (this.head.y + this.head.h) * this.scale : 0;
    var pinned = this.head.h * this.scale;
    var show = !!box && headBottom < top && box.bottom > top + pinned * 2;
    this.figure.classList.toggle("is-pinned", show);
  };

  // Material's header sticks to the top of the window; the pinned row sits under it.
  function pinTop() {
    var header = document.querySelector(".md-header");
    return header ? header.offsetHeight : 0;
  }

  var queued = false;
  function onScroll() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () {
      queued = false;
      fits.forEach(function (f) { f.vertical(); });
    });
  }

  function layoutAll() {
    document.documentElement.style.setProperty("--wsd-pin-top", pinTop() + "px");
    fits.forEach(function (f) { f.layout(); });
  }

  function start() {
    document.querySelectorAll(".wsd-figure").forEach(function (figure) {
      var canvas = figure.querySelector(":scope > .wsd-canvas");
      var svg = canvas && canvas.querySelector(":scope > svg.wsd");
      if (svg && !figure.dataset.wsdFit) {
        figure.dataset.wsdFit = "1";
        fits.push(new Fit(figure, canvas, svg));
      }
    });
    if (!fits.length) return;
    document.documentElement.classList.add("wsd-fit");
    layoutAll();
    var timer = 0;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(layoutAll, 100);
    });
    window.addEventListener("scroll", onScroll, { passive: true });
    // The full-screen view takes the picture away and puts it back; lay out again then.
    var watcher = new MutationObserver(function () { layoutAll(); });
    fits.forEach(function (f) { watcher.observe(f.canvas, { childList: true }); });
  }

  // Sizes come from the SVG's own attributes, so there is no need to wait for
  // fonts, except for the title's width, measured again once they are in.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(function () { fits.forEach(function (f) { f.sideways(); }); });
  }
})();
