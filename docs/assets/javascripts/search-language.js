/* Search results in the reader's language first.
 *
 * mkdocs-static-i18n gives both languages one search index, and Material
 * lists hits by score alone, so an English reader may see Chinese pages first.
 * Reorder each rendered batch of results: the current language's pages first,
 * each group in Material's own order. A result is English when its path,
 * relative to the site root, starts with "en/".
 */
(function () {
  "use strict";

  function siteRoot() {
    var node = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(node.textContent).base || "."; } catch (e) { /* keep "." */ }
    var root = new URL(base, location.href).pathname;
    return root.endsWith("/") ? root : root + "/";
  }

  var ROOT = siteRoot();
  var CURRENT = (document.documentElement.lang || "zh").slice(0, 2) === "en" ? "en" : "zh";

  function languageOf(item) {
    var link = item.querySelector("a[href]");
    if (!link) return CURRENT;
    var path = new URL(link.getAttribute("href"), location.href).pathname;
    var rest = path.indexOf(ROOT) === 0 ? path.slice(ROOT.length) : path.replace(/^\//, "");
    return rest.indexOf("en/") === 0 || rest === "en" ? "en" : "zh";
  }

  // Page-prefix -> release label, written into each page by the ow-release-switch plugin.
  var RELEASES = {};
  try { RELEASES = JSON.parse(document.getElementById("ow-releases").textContent); } catch (e) { /* none */ }

  function releaseOf(item) {
    var link = item.querySelector("a[href]");
    if (!link) return "";
    var path = new URL(link.getAttribute("href"), location.href).pathname;
    var rest = path.indexOf(ROOT) === 0 ? path.slice(ROOT.length) : path.replace(/^\//, "");
    rest = rest.replace(/^en\//, "");
    var best = "";
    Object.keys(RELEASES).forEach(function (prefix) {
      if (rest.indexOf(prefix) === 0 && prefix.length > best.length) best = prefix;
    });
    return best ? RELEASES[best] : "";
  }

  // Both releases of Nova have pages of the same name: say which one a hit is.
  function label(item) {
    var title = item.querySelector("h1, h2");
    if (!title || title.querySelector(".ow-search-release")) return;
    var release = releaseOf(item);
    if (!release) return;
    var badge = document.createElement("span");
    badge.className = "ow-search-release";
    badge.textContent = release;
    title.appendChild(badge);
  }

  // Chinese page text is indexed with jieba's words joined by U+200B; drop them
  // from what the reader sees (and may copy) in titles and snippets.
  var ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff]/g;

  function cleanText(item) {
    var walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (ZERO_WIDTH.test(node.data)) node.data = node.data.replace(ZERO_WIDTH, "");
      ZERO_WIDTH.lastIndex = 0;
    }
  }

  function reorder(list) {
    Array.prototype.forEach.call(list.children, cleanText);
    Array.prototype.forEach.call(list.children, label);
    var items = Array.prototype.slice.call(list.children);
    var mine = items.filter(function (item) { return languageOf(item) === CURRENT; });
    var others = items.filter(function (item) { return languageOf(item) !== CURRENT; });
    var wanted = mine.concat(others);
    // Only touch the DOM when out of order, so our own moves do not loop the observer.
    if (wanted.every(function (item, i) { return item === items[i]; })) return;
    wanted.forEach(function (item) { list.appendChild(item); });
  }

  function watch() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    new MutationObserver(function () { reorder(list); }).observe(list, { childList: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
