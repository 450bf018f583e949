"""One PDF book per language, made from the built site with WeasyPrint.

``build_books`` is the single entry point: ``make pdf`` reaches it through
``python -m pdfbook`` and the ``ow-pdf`` plugin calls it after a site build
when enabled (``OW_PDF=1``). It reads only ``site/`` and ``mkdocs.yml``: no network.
"""
from __future__ import annotations

import datetime as _dt
import multiprocessing
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from owsite.releases import Catalog

from . import book, outline, render


@dataclass
class BookResult:
    locale: str
    path: Path
    site_pages: int
    pdf_pages: int
    diagrams: int
    size: int
    seconds: float


def file_name(locale: str) -> str:
    return f"openstack-workflow-{locale}.pdf"


def release_text(sources: list[str]) -> str:
    """The releases the book's pages describe, as data/releases.toml assigns them to
    the pages' paths, in the data's order: "Nova <tag> (<series>), Sahara <tag> (<series>)"."""
    catalog = Catalog.load()
    described = {catalog.for_page(src) for src in sources}
    return ", ".join(f"{r.project.capitalize()} {r.tag} ({r.series})"
                     for r in catalog.releases if r in described)


def build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (_dt.datetime.fromtimestamp(int(epoch), _dt.UTC) if epoch
            else _dt.datetime.now(_dt.UTC))
    return when.strftime("%Y-%m-%d")


def font_css() -> str:
    """@font-face rules for the diagram font, so WeasyPrint draws what the renderer measured."""
    try:
        import wsd
    except ImportError:
        return ""
    family = wsd.FONT_NAME
    rules = []
    for path in wsd.font_files():
        if path.suffix.lower() in (".ttf", ".otf"):
            rules.append(f'@font-face {{ font-family: "{family}"; src: url("{path.resolve().as_uri()}"); }}')
    return "\n".join(rules)


def build_one(entries: list[outline.Entry], site_dir: Path, out_dir: Path,
              language: outline.Language, progress: Callable[[str], None] = print) -> BookResult:
    started = time.perf_counter()
    say = lambda msg: progress(f"[{language.locale}] {msg}")  # noqa: E731
    sources = [entry.src for entry in entries if entry.src]
    source = book.assemble(language, entries, site_dir, release_text(sources), build_date(), say)
    out_file = out_dir / file_name(language.locale)
    pdf_pages = render.write_pdf(source.html, out_file, site_dir.resolve().as_uri() + "/",
                                 font_css() + source.page_css, say)
    result = BookResult(language.locale, out_file, source.pages, pdf_pages, source.diagrams,
                        out_file.stat().st_size, time.perf_counter() - started)
    say(f"wrote {out_file} ({result.pdf_pages} pages, {result.size / 1e6:.1f} MB, "
        f"{result.seconds:.1f} s)")
    return result


def _worker(args):
    entries, site_dir, out_dir, language = args
    return build_one(entries, site_dir, out_dir, language, lambda m: print(m, flush=True))


def build_books(config_file: Path, site_dir: Path, out_dir: Path,
                locales: list[str] | None = None, jobs: int = 2) -> list[BookResult]:
    config = outline.load(config_file)
    languages = [lang for lang in outline.languages(config)
                 if not locales or lang.locale in locales]
    if locales and len(languages) != len(locales):
        known = ", ".join(lang.locale for lang in outline.languages(config))
        raise ValueError(f"unknown language in {locales}; the site has: {known}")
    # The config is loaded once, here: loading it imports every plugin and hook.
    tasks = [(outline.entries(config["nav"], lang), site_dir, out_dir, lang) for lang in languages]
    if jobs > 1 and len(tasks) > 1:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(tasks))) as pool:
            return pool.map(_worker, tasks)
    return [_worker(task) for task in tasks]
