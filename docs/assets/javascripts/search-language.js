/* A release badge on each search hit.
 *
 * Both Nova releases have pages of the same name, so each hit's title says
 * which release it describes. The data is the page-prefix -> label map the
 * ow-release-switch plugin writes into every page as #ow-releases. Each
 * language loads only its own search index (ow-search), so hits are already
 * in the reader's language.
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

  function watch() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    new MutationObserver(function () {
      Array.prototype.forEach.call(list.children, label);
    }).observe(list, { childList: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
