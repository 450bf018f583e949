"""Render ```` ```sequence ```` fences to inline SVG figures with the ``wsd`` package.

The fence is declared in mkdocs.yml (so the site still builds, showing text,
with the plugin disabled); ``on_config`` swaps in this plugin's formatter.
Errors are logged at ERROR, so ``mkdocs build --strict`` fails, while
``mkdocs serve`` keeps running and shows the error box where the figure would be.

Flow per page: ``on_page_markdown`` notes which page is being converted; the
formatter renders (through the cache) and returns the figure with a
placeholder for the SVG; ``on_post_page`` puts the SVG in; ``on_post_build``
writes the downloadable .svg files.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import wsd
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..pages import path_in_language
from ..upstream import Release, Upstream
from . import figure, online
from .cache import DiagramCache
from .config import DiagramsConfig
from .render import DiagramRenderer, OnlineOptions, renderer_fingerprint
from .sources import DiagramSources, Origin, refused_includes

log = logging.getLogger("mkdocs.plugins.ow-diagrams")

ASSET_FOLDER = "assets/diagrams"
PLACEHOLDER_RE = re.compile(r"<!--wsd-svg [0-9a-f]{64}-->")


@dataclass
class PageContext:
    path: str = "<page>"          # docs/zh/nova/pause.md, as diagnostics name it
    raw: str | None = None        # the page file as written, for line numbers of inline fences
    url: str = ""                 # page.url, for links relative to the page
    language: str = "zh"
    release: Release | None = None  # what the page describes; diagrams without `# @release` follow it
    prefixes: set[str] = field(default_factory=set)
    step_slugs: set[str] = field(default_factory=set)  # slugs of the step ids used in the page so far
    fences: int = 0               # sequence fences formatted so far: the next one's index in the page


class DiagramsPlugin(BasePlugin[DiagramsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.renderer: DiagramRenderer | None = None
        self.sources: DiagramSources | None = None
        self.page = PageContext()
        self.outputs: dict[str, bytes] = {}   # site-relative path -> bytes
        self.svgs: dict[str, str] = {}        # placeholder -> inline SVG (see _format)
        self.reported: set[str] = set()       # messages already logged this build
        self._settings: tuple[Any, ...] | None = None

    # Defining on_startup keeps this instance across `mkdocs serve` rebuilds,
    # and with it the renderer's in-memory cache.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        pass

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        cache_dir = root / self.config.cache_dir
        opts = OnlineOptions(self.config.online_url, self.config.online_style,
                             float(self.config.online_timeout), self.config.online_retries)
        settings = (cache_dir, opts)
        if self.renderer is None or self._settings != settings:
            # Kept across i18n's per-language builds (and serve rebuilds): its memory cache is the point.
            self.renderer = DiagramRenderer(DiagramCache(cache_dir), opts, renderer_fingerprint(), Upstream())
            self._settings = settings
        else:
            # Read the release data and indexes afresh: serve rebuilds reuse this instance.
            self.renderer.upstream = Upstream()
        self.sources = DiagramSources(root)
        fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
        ours = {"name": "sequence", "class": "wsd", "format": self._format}
        for number, fence in enumerate(fences):
            if fence.get("name") == "sequence":
                fences[number] = ours
                break
        else:
            fences.append(ours)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.sources is not None:
            self.sources.scan()
        self.outputs = {}
        self._warn_cache()

    @event_priority(-50)  # after i18n has tagged the page with its locale
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        release = None
        if self.renderer is not None:
            try:
                release = self.renderer.upstream.page_release((page.meta or {}).get("release"),
                                                              path_in_language(page))
            except LookupError:
                pass  # ow-source-links reports a bad front matter release once per page
        self.page = PageContext(
            path=f"{Path(config.docs_dir).name}/{page.file.src_uri}",
            raw=page.file.content_string,
            url=page.url,
            language=getattr(page.file, "locale", None) or config.theme.get("language") or "zh",
            release=release,
        )
        if self.sources is not None:
            # Snippets runs after this event: take refused includes out before it reads them.
            refused, markdown = refused_includes(markdown, self.page.path, self.sources.root,
                                                 self.config.include_roots)
            for line in refused:
                self._report(logging.ERROR, line)
        return markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return PLACEHOLDER_RE.sub(lambda m: self.svgs.get(m.group(0), m.group(0)), output)

    @event_priority(0)
    def _write_outputs(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        for rel, data in self.outputs.items():
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    @event_priority(-300)  # after i18n's nested builds; the logged totals add up over a build
    def _summarise(self, config: MkDocsConfig) -> None:
        if self.renderer is None:
            return
        if self.renderer.rendered or self.renderer.reused:
            log.info("diagrams: %d rendered, %d reused from cache", self.renderer.rendered, self.renderer.reused)
        self._warn_cache()
        self.renderer.reset()
        self.reported.clear()
        # Every page of this build has had its SVG put in; serve's next rebuild starts empty.
        self.svgs.clear()

    def _warn_cache(self) -> None:
        """A cache that cannot be written costs time, not correctness: say so once, and go on.

        Logged at INFO, not WARNING: a read-only cache (a CI mount, a shared
        checkout) must not fail a strict build that is otherwise right.
        """
        cache = self.renderer.cache if self.renderer is not None else None
        if cache is not None and cache.write_error:
            log.info("warning: diagram cache not written (%s); diagrams are rendered again next build",
                     cache.write_error)
            cache.write_error = None

    on_post_build = CombinedEvent(_write_outputs, _summarise)

    def _report(self, level: int, message: str) -> None:
        if message not in self.reported:
            self.reported.add(message)
            log.log(level, message)

    def _online_picture(self, renderer: DiagramRenderer, source: str, origin: Origin,
                        title: str | None, stem: str) -> tuple[str, str] | None:
        """(img markup, asset path) of the online PNG, or None after a warning: then local SVG it is."""
        try:
            png = renderer.online(source)
        except online.OnlineRejected as exc:
            self._report(logging.WARNING, f"{origin.filename}:1:1: warning: {self.config.online_url} rejected "
                                          f"the diagram ({exc}); using the local renderer")
            return None
        except online.OnlineUnavailable as exc:
            self._report(logging.WARNING, f"{origin.filename}:1:1: warning: online renderer unreachable "
                                          f"({exc}); using the local renderer")
            return None
        asset = f"{ASSET_FOLDER}/{stem}.png"
        self.outputs[asset] = png
        return figure.png_image(get_relative_url(asset, self.page.url), title), asset

    def _id_prefix(self, text: str) -> str:
        base = "wsd-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        prefix, n = base, 1
        while prefix in self.page.prefixes:  # the same diagram twice on one page
            n += 1
            prefix = f"{base}-{n}"
        self.page.prefixes.add(prefix)
        return prefix

    def _step_slug(self, stem: str) -> str:
        """The slug of a diagram's step ids (``step-<slug>-<n>``): its file's stem, and for a
        second diagram with the same stem on the page ``<stem>--2`` (then ``--3``), so
        every id on the page stays unique and a given page always gets the same ids."""
        slug, n = stem, 1
        while slug in self.page.step_slugs:
            n += 1
            slug = f"{stem}--{n}"
        self.page.step_slugs.add(slug)
        return slug

    def _format(self, source: str, language: str, css_class: str, options: dict[str, Any],
                md: Any, **kwargs: Any) -> str:
        """The SuperFences formatter of ```` ```sequence ````.

        SuperFences drops a fence whose formatter raises, silently: so nothing
        may escape from here. Anything unexpected is an ERROR (a strict build
        fails) and an error box where the figure would be.
        """
        try:
            return self._format_fence(source)
        except Exception as exc:
            filename = self.page.path
            try:
                if self.sources is not None:
                    filename = self.sources.locate(source, self.page.path, self.page.raw).filename
            except Exception:
                pass
            line = f"{filename}:1:1: error: diagram not rendered: {exc!r}"
            self._report(logging.ERROR, line)
            return figure.error_box(diagnostics=[line], text=source, filename=filename,
                                    language=self.page.language)

    def _format_fence(self, source: str) -> str:
        assert self.renderer is not None and self.sources is not None, "on_config has not run"
        # An included file's UTF-8 BOM reaches the fence at the start of its first line.
        source = "\n".join(line.removeprefix("\ufeff") for line in source.split("\n"))
        page = self.page
        index, page.fences = page.fences, page.fences + 1
        origin = self.sources.locate(source, page.path, page.raw, index)
        stem = origin.diagram or f"inline-{hashlib.sha256(source.encode('utf-8')).hexdigest()[:10]}"
        # Step anchors are named after the file (step-live-migrate-12), not the path:
        # the zh and en pages, and a new release's copy of the diagram, keep them.
        steps_slug = self._step_slug(stem.rsplit("/", 1)[-1])
        try:
            entry = self.renderer.local(source, origin.filename, self._id_prefix(source), page.release,
                                        steps_slug)
        except wsd.WsdError as err:
            lines = [origin.diagnostic(d.line, d.col, d.severity, d.message) for d in err.diagnostics]
            for line in lines:
                self._report(logging.ERROR if ": error: " in line else logging.WARNING, line)
            return figure.error_box(diagnostics=lines, text=source,
                                    filename=origin.filename, language=page.language)
        except Exception as exc:  # a renderer bug must not take `serve` down
            line = f"{origin.filename}:1:1: error: renderer crashed: {exc!r}"
            self._report(logging.ERROR, line)
            return figure.error_box(diagnostics=[line], text=source,
                                    filename=origin.filename, language=page.language)
        for line_no, col, severity, message in entry["warnings"]:
            self._report(logging.WARNING, origin.diagnostic(line_no, col, severity, message))

        # The SVG goes in after the search plugin has read the page (on_post_page):
        # parsing thousands of SVG elements per page was most of what diagrams cost
        # a build, and run-together labels are noise in the index. The caption and
        # the surrounding prose stay searchable.
        placeholder = f"<!--wsd-svg {hashlib.sha256(entry['svg'].encode('utf-8')).hexdigest()}-->"
        self.svgs[placeholder] = figure.page_svg(entry["svg"])
        picture_and_asset = (self._online_picture(self.renderer, source, origin, entry["title"], stem)
                             if self.config.backend == "online" else None)
        if picture_and_asset is not None:
            (picture, asset), raster = picture_and_asset, True
        else:
            picture, raster = placeholder, False
            asset = f"{ASSET_FOLDER}/{stem}.svg"
            self.outputs[asset] = figure.download_svg(entry["svg"])
        return figure.figure(
            picture=picture, title=entry["title"], text=source, filename=origin.filename,
            download_url=get_relative_url(asset, page.url), download_name=Path(asset).name,
            language=page.language, raster=raster, svg=entry["svg"],
        )
