"""The 404 pages: served by GitHub Pages for every miss, at any depth and under any mount path.

A 404 page cannot use links relative to itself (it answers for ``/a/b/c``
as much as for ``/x``), and MkDocs writes it with root-absolute links under
``site_url``'s path, which fail on any other host or path. Here the links
are made relative to a ``<base>`` that a first inline script computes from
the address: the mount is ``site_url``'s path when the address starts with
it, else everything before the first segment that is one of the site's own
top-level folders. The same script picks the language from the path.
"""
from __future__ import annotations

import json
import re

HEAD = "<head>"
CONFIG = re.compile(r'<script id="__config" type="application/json">.*?</script>', re.S)

MOUNT_SCRIPT = """<script>(function () {
  var site = %(site)s, tops = %(tops)s, path = location.pathname, mount = "/";
  if (path.indexOf(site) === 0) {
    mount = site;
  } else {
    var parts = path.split("/");
    for (var i = 1; i < parts.length; i++) {
      if (tops.indexOf(parts[i]) >= 0) { mount = parts.slice(0, i).join("/") + "/"; break; }
    }
  }
  var rest = path.slice(mount.length);
  window.__owNotFound = {site: site, mount: mount, rest: rest};
  if (/^en(\\/|$)/.test(rest)) { document.documentElement.lang = "en"; }
  document.write('<base href="' + mount.replace(/"/g, "%%22") + '">');
})();</script>"""

# Material reads its base and search paths from this JSON when its bundle starts.
CONFIG_SCRIPT = """<script>(function () {
  var config = document.getElementById("__config"), info = window.__owNotFound;
  if (config && info) { config.textContent = config.textContent.split('"' + info.site).join('"' + info.mount); }
})();</script>"""


LANGUAGE_LINK = re.compile(r'<a href="[^"]*" hreflang="(?P<lang>zh|en)" class="md-select__link"[^>]*>')


def language_menu_to_homes(page_html: str, *, language: str, site_path: str) -> str:
    """On a 404 page the menu leads to each language's home (chrome.js moves the mark to the
    language the address picks); mkdocs-static-i18n gives the English one another page's links."""
    def repl(match: re.Match[str]) -> str:
        lang = match["lang"]
        href = site_path + ("en/" if lang == "en" else "")
        current = ' aria-current="true"' if lang == language else ""
        return f'<a href="{href}" hreflang="{lang}" class="md-select__link"{current}>'
    return LANGUAGE_LINK.sub(repl, page_html)


def written(tag: str) -> str:
    """``tag`` as a script that writes it, so that only the parser (after <base>) sees its URL."""
    return "<script>document.write(" + json.dumps(tag).replace("</", "<\\/") + ")</script>"


def mount_independent(page_html: str, *, site_path: str, top_folders: list[str]) -> str:
    """``page_html`` (a 404 page written with ``site_path``-absolute links) working under any mount."""
    script = MOUNT_SCRIPT % {"site": json.dumps(site_path), "tops": json.dumps(sorted(top_folders))}
    out = page_html.replace(HEAD, HEAD + script, 1)
    # Subresources are written by script, after the <base>: Chromium's preload scanner would
    # otherwise fetch them relative to the missing page's own address first (and get 404s).
    site = re.escape(site_path)
    resource = re.compile(r'<link [^>]*href="' + site + r'[^"]*"[^>]*>|<script src="' + site
                          + r'[^"]*"></script>|<img [^>]*src="' + site + r'[^"]*"[^>]*>')
    out = resource.sub(lambda m: written(m.group(0).replace(f'="{site_path}', '="')), out)
    out = re.sub(r'(href|src)="' + site, r'\1="', out)
    out = out.replace('href=""', 'href="./"')
    match = CONFIG.search(out)
    if match:
        out = out[:match.end()] + CONFIG_SCRIPT + out[match.end():]
    return out
