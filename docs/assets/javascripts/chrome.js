/* Site chrome: the language menu keeps the reader's place, the PDF banner can be
 * closed for good, and the 404 page offers the pages the reader probably wanted.
 */
(function () {
  "use strict";

  /* Language menu: the same page in the other language at the same heading
     (both languages share heading ids). The plugin writes the links relative to
     the page; here the anchor is added, and kept up to date as the reader moves. */
  function carryAnchor() {
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      if (!link.hasAttribute("data-ow-href")) {
        link.setAttribute("data-ow-href", link.getAttribute("href"));
      }
      var url = new URL(link.getAttribute("data-ow-href"), document.baseURI);
      url.hash = location.hash;
      link.href = url.href;
    });
  }
  carryAnchor();
  window.addEventListener("hashchange", carryAnchor);
  // toc.follow and the reader's scrolling do not always change location.hash:
  // take the anchor at the moment of the click as well.
  document.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest(".md-select__link[hreflang]")) {
      carryAnchor();
    }
  }, true);

  /* The PDF banner's close button. */
  document.querySelectorAll(".ow-pdf-close").forEach(function (button) {
    button.addEventListener("click", function () {
      try { localStorage.setItem("ow.pdf-banner", "closed"); } catch (e) { /* private mode */ }
      var banner = button.closest("[data-md-component=announce]");
      if (banner) { banner.hidden = true; }
      var header = document.querySelector("a.md-header__button.md-logo");
      if (header instanceof HTMLElement) { header.focus(); }
    });
  });

  /* 404: links worked out from the address (see the ow-i18n-fixes plugin's not_found.py). */
  var info = window.__owNotFound;
  if (!info || !document.querySelector(".ow-404")) { return; }
  var english = /^en(\/|$)/.test(info.rest);
  var lang = english ? "en" : "zh";
  var rest = english ? info.rest.replace(/^en\/?/, "") : info.rest;
  var prefix = english ? "en/" : "";
  document.querySelectorAll(".ow-404").forEach(function (block) {
    block.hidden = block.getAttribute("data-ow-lang") !== lang;
  });
  if (english) { document.title = "404 - Page not found"; }
  document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
    if (link.getAttribute("hreflang") === lang) { link.setAttribute("aria-current", "true"); }
    else { link.removeAttribute("aria-current"); }
  });
  var words = rest.split(/[\/\-_.]+/).filter(function (w) { return w && !/^(index|html?|liberty)$/.test(w); });
  document.querySelectorAll(".ow-404[data-ow-lang=" + lang + "]").forEach(function (block) {
    block.querySelector(".ow-404__home").setAttribute("href", info.mount + prefix);
    block.querySelector(".ow-404__search").setAttribute(
      "href", info.mount + prefix + (words.length ? "?q=" + encodeURIComponent(words.join(" ")) : ""));
  });

  // Candidates: the same page at the other release, cleaned-up forms of the
  // address, the project's overview. Only those the sitemap lists are shown.
  var clean = rest.replace(/index\.html?$/, "").replace(/\.html?$/, "/").replace(/\/*$/, "/").toLowerCase();
  var candidates = [clean];
  if (/^liberty\//.test(clean)) { candidates.push(clean.slice("liberty/".length)); }
  else { candidates.push("liberty/" + clean); }
  var project = clean.replace(/^liberty\//, "").split("/")[0];
  if (project) { candidates.push(project + "/"); candidates.push("liberty/" + project + "/"); }
  fetch(info.mount + "sitemap.xml").then(function (response) {
    return response.ok ? response.text() : "";
  }).then(function (text) {
    var known = {};
    var doc = new DOMParser().parseFromString(text, "application/xml");
    doc.querySelectorAll("loc").forEach(function (loc) {
      var path = new URL(loc.textContent.trim()).pathname;
      if (path.indexOf(info.site) === 0) { known[path.slice(info.site.length)] = true; }
    });
    var seen = {};
    document.querySelectorAll(".ow-404[data-ow-lang=" + lang + "] .ow-404__likely").forEach(function (list) {
      candidates.forEach(function (candidate) {
        if (!candidate || candidate === "/" || seen[candidate] || !known[candidate]) { return; }
        seen[candidate] = true;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = info.mount + prefix + candidate;
        link.textContent = link.pathname;
        item.appendChild(link);
        list.appendChild(item);
      });
      if (!list.children.length) { list.previousElementSibling.hidden = true; list.hidden = true; }
    });
  });
})();
