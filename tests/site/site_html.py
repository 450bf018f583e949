"""Read built HTML pages: ids, headings, links and loaded resources (stdlib parser only)."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Elements and attributes through which a page loads something (as opposed to linking to it).
LOADING = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",),
    "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
LOADING_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch",
                     "preconnect", "dns-prefetch", "apple-touch-icon"}


@dataclass
class Page:
    path: Path
    lang: str | None = None
    ids: list[str] = field(default_factory=list)
    headings: list[tuple[str, str | None]] = field(default_factory=list)  # (tag, id) in the article
    links: list[str] = field(default_factory=list)
    loads: list[str] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_article = 0
        self.figure: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.page.lang = a.get("lang")
        if a.get("id") is not None:
            self.page.ids.append(a["id"])
        if tag == "article":
            self.in_article += 1
        if self.in_article and tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.page.headings.append((tag, a.get("id")))
        if tag == "a" and a.get("href") is not None:
            self.page.links.append(a["href"])
        for attr in LOADING.get(tag, ()):
            if a.get(attr):
                self.page.loads.append(a[attr])
        if tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").lower().split())
            if rels & LOADING_LINK_RELS:
                self.page.loads.append(a["href"])
        classes = set((a.get("class") or "").split())
        if tag == "figure" and "wsd-figure" in classes:
            self.figure = {"file": a.get("data-wsd-file"), "svg": False, "caption": ""}
            self.page.figures.append(self.figure)
        if tag == "svg" and "wsd" in classes and self.figure is not None:
            self.figure["svg"] = True
        if tag == "div" and "wsd-error" in classes:
            self.page.figures.append({"file": None, "svg": False, "error": True})

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        if tag == "figure":
            self.figure = None


def scan(path: Path) -> Page:
    page = Page(path)
    scanner = _Scanner(page)
    scanner.feed(path.read_text(encoding="utf-8"))
    scanner.close()
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)
