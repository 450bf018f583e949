"""MkDocs hook: render ```` ```sequence ```` fences to inline SVG figures with hooks/wsd.

The fence is declared in mkdocs.yml (so the site still builds, showing text,
without this hook); ``on_config`` swaps in ``format_fence``. Errors are
logged at ERROR, so ``mkdocs build --strict`` fails, while ``mkdocs serve``
keeps running and shows the error box where the figure would be.

Flow per page: ``on_page_markdown`` notes which page is being converted;
``format_fence`` renders (through the cache) and returns the figure with a
placeholder for the SVG; ``on_post_page`` puts the SVG in; ``on_post_build``
writes the downloadable .svg files.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

import diagram_figure
import online_renderer
import wsd
from diagram_cache import DiagramCache
from diagram_options import DiagramOptions
from diagram_render import DiagramRenderer, renderer_fingerprint
from diagram_sources import DiagramSources

log = logging.getLogger("mkdocs.hooks.diagram_fence")

ASSET_FOLDER = "assets/diagrams"
PLACEHOLDER_RE = re.compile(r"<!--wsd-svg [0-9a-f]{64}-->")


@dataclass
class PageContext:
    path: str = "<page>"          # docs/zh/nova/pause.md, as diagnostics name it
    raw: str | None = None        # the page file as written, for line numbers of inline fences
    url: str = ""                 # page.url, for links relative to the page
    language: str = "zh"
    prefixes: set = field(default_factory=set)


@dataclass
class State:
    options: DiagramOptions | None = None
    renderer: DiagramRenderer | None = None
    sources: DiagramSources | None = None
    page: PageContext = field(default_factory=PageContext)
    outputs: dict = field(default_factory=dict)   # site-relative path -> bytes
    svgs: dict = field(default_factory=dict)      # placeholder -> inline SVG (see format_fence)
    reported: set = field(default_factory=set)    # messages already logged this build


STATE = State()
RENDERER_FINGERPRINT = renderer_fingerprint()


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    options = DiagramOptions.from_config(config)
    if STATE.renderer is None or STATE.options != options:
        # Kept across serve rebuilds and i18n's per-language builds: its memory cache is the point.
        STATE.renderer = DiagramRenderer(DiagramCache(options.cache_dir), options, RENDERER_FINGERPRINT)
    STATE.options = options
    STATE.sources = DiagramSources(root)
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    ours = {"name": "sequence", "class": "wsd", "format": format_fence}
    for number, fence in enumerate(fences):
        if fence.get("name") == "sequence":
            fences[number] = ours
            break
    else:
        fences.append(ours)
    return config


def on_pre_build(config):
    STATE.sources.scan()
    STATE.outputs = {}


@event_priority(-50)  # after i18n has tagged the page with its locale
def on_page_markdown(markdown, page, config, files):
    STATE.page = PageContext(
        path=f"{Path(config.docs_dir).name}/{page.file.src_uri}",
        raw=page.file.content_string,
        url=page.url,
        language=getattr(page.file, "locale", None) or config.theme.get("language") or "zh",
    )
    return markdown


def on_post_page(output, page, config):
    return PLACEHOLDER_RE.sub(lambda m: STATE.svgs.get(m.group(0), m.group(0)), output)


@event_priority(0)
def _write_outputs(config):
    site = Path(config.site_dir)
    for rel, data in STATE.outputs.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


@event_priority(-300)  # after i18n's nested builds; the logged totals add up over a build
def _summarise(config):
    if STATE.renderer.rendered or STATE.renderer.reused:
        log.info("diagrams: %d rendered, %d reused from cache", STATE.renderer.rendered, STATE.renderer.reused)
    STATE.renderer.reset()
    STATE.reported.clear()


on_post_build = CombinedEvent(_write_outputs, _summarise)


def _report(level: int, message: str) -> None:
    if message not in STATE.reported:
        STATE.reported.add(message)
        log.log(level, message)


def _diagnostic(origin, line: int, col: int, severity: str, message: str) -> str:
    return f"{origin.filename}:{line + origin.line_offset}:{col}: {severity}: {message}"


def _online_picture(source: str, origin, title: str | None, page_url: str, stem: str):
    """(img markup, asset path) of the online PNG, or None after a warning: then local SVG it is."""
    try:
        png = STATE.renderer.online(source)
    except online_renderer.OnlineRejected as exc:
        _report(logging.WARNING, f"{origin.filename}:1:1: warning: {STATE.options.online_url} rejected "
                                 f"the diagram ({exc}); using the local renderer")
        return None
    except online_renderer.OnlineUnavailable as exc:
        _report(logging.WARNING, f"{origin.filename}:1:1: warning: online renderer unreachable "
                                 f"({exc}); using the local renderer")
        return None
    asset = f"{ASSET_FOLDER}/{stem}.png"
    STATE.outputs[asset] = png
    return diagram_figure.png_image(get_relative_url(asset, page_url), title), asset


def _id_prefix(text: str) -> str:
    base = "wsd-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    prefix, n = base, 1
    while prefix in STATE.page.prefixes:  # the same diagram twice on one page
        n += 1
        prefix = f"{base}-{n}"
    STATE.page.prefixes.add(prefix)
    return prefix


def format_fence(source, language, css_class, options, md, **kwargs):
    page = STATE.page
    origin = STATE.sources.locate(source, page.path, page.raw)
    try:
        entry = STATE.renderer.local(source, origin.filename, _id_prefix(source))
    except wsd.WsdError as err:
        lines = [_diagnostic(origin, d.line, d.col, d.severity, d.message) for d in err.diagnostics]
        for line in lines:
            _report(logging.ERROR if ": error: " in line else logging.WARNING, line)
        return diagram_figure.error_box(diagnostics=lines, text=source,
                                        filename=origin.filename, language=page.language)
    except Exception as exc:  # a renderer bug must not take `serve` down
        line = f"{origin.filename}:1:1: error: renderer crashed: {exc!r}"
        _report(logging.ERROR, line)
        return diagram_figure.error_box(diagnostics=[line], text=source,
                                        filename=origin.filename, language=page.language)
    for line, col, severity, message in entry["warnings"]:
        _report(logging.WARNING, _diagnostic(origin, line, col, severity, message))

    stem = origin.diagram or f"inline-{hashlib.sha256(source.encode('utf-8')).hexdigest()[:10]}"
    # The SVG goes in after the search plugin has read the page (on_post_page):
    # parsing thousands of SVG elements per page was most of what diagrams cost
    # a build, and run-together labels are noise in the index. The caption and
    # the surrounding prose stay searchable.
    placeholder = f"<!--wsd-svg {hashlib.sha256(entry['svg'].encode('utf-8')).hexdigest()}-->"
    STATE.svgs[placeholder] = entry["svg"]
    online = (_online_picture(source, origin, entry["title"], page.url, stem)
              if STATE.options.backend == "online" else None)
    if online is not None:
        (picture, asset), raster = online, True
    else:
        picture, raster = placeholder, False
        asset = f"{ASSET_FOLDER}/{stem}.svg"
        STATE.outputs[asset] = ('<?xml version="1.0" encoding="UTF-8"?>\n' + entry["svg"]).encode("utf-8")
    return diagram_figure.figure(
        picture=picture, title=entry["title"], text=source, filename=origin.filename,
        download_url=get_relative_url(asset, page.url), download_name=Path(asset).name,
        language=page.language, raster=raster,
    )
