"""One PDF book per release series and language, made from the built site with WeasyPrint.

``build_books`` is the single entry point: ``make pdf`` reaches it through
``python -m pdfbook`` and the ``ow-pdf`` plugin calls it after a site build
when enabled (``OW_PDF=1``). It reads only ``site/`` and ``mkdocs.yml``: no network.

An appendix (extra chapters after a book's nav pages, e.g. a state index per
release) comes from a function ``appendices(edition, language, chapters)``
returning ``book.Appendix`` items, passed as ``build_books(..., appendices=...)``;
``chapters`` maps each page of the book (``nova/pause/``) to its chapter key, the
target of in-book links. It runs in the parent process, before the books are
split among the workers.

The books are written by ``jobs`` processes, one per language when there are
enough languages, so a worker parses the guide pages its two books share once.
"""
from __future__ import annotations

import datetime as _dt
import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from owsite.releases import Catalog

from . import book, editions, outline, render


@dataclass
class BookResult:
    locale: str
    series: str
    path: Path
    site_pages: int
    pdf_pages: int
    diagrams: int
    size: int
    seconds: float
    assemble_seconds: float = 0.0   # reading and parsing the site's pages, relinking, fitting diagrams
    layout_seconds: float = 0.0     # WeasyPrint's layout
    write_seconds: float = 0.0      # PDF serialisation, fonts subset
    cpu_seconds: float = 0.0        # CPU time of the book's process: the figure a busy machine spoils least


# The appendix of a book: extra chapters after the nav's pages, per release and language,
# given the book's chapter keys by page URL.
Appendices = Callable[[editions.Edition, outline.Language, dict[str, str]], Sequence[book.Appendix]]


def file_name(locale: str, edition: editions.Edition | None = None) -> str:
    """The book's file name; without an edition, the current release's."""
    return (edition or editions.editions(Catalog.load())[0]).file_name(locale)


def release_text(sources: list[str], series: str | None = None) -> str:
    """The releases of ``series`` the book's pages describe, as data/releases.toml assigns
    them to the pages' paths, in the data's order: "Nova <tag> (<series>), Sahara <tag> (<series>)".
    The guides, shared by every book, describe the current release and are left out of the others'."""
    catalog = Catalog.load()
    described = {catalog.for_page(src) for src in sources}
    return ", ".join(f"{r.project.capitalize()} {r.tag} ({r.series})"
                     for r in catalog.releases if r in described and series in (None, r.series))


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
              language: outline.Language, progress: Callable[[str], None] = print,
              edition: editions.Edition | None = None,
              elsewhere: dict[str, str] | None = None,
              appendix: Sequence[book.Appendix] = ()) -> BookResult:
    """One book. ``elsewhere`` maps the site-relative URL of a page in another book
    to its address on the website, where links to it then go; ``appendix`` chapters
    come after the nav's pages."""
    started = time.perf_counter()
    cpu_started = time.process_time()
    edition = edition or editions.editions(Catalog.load())[0]
    say = lambda msg: progress(f"[{edition.slug or 'current'}-{language.locale}] {msg}")  # noqa: E731
    sources = [entry.src for entry in entries if entry.src]
    source = book.assemble(language, entries, site_dir, release_text(sources, edition.series),
                           build_date(), say, edition.series, elsewhere or {}, appendix)
    assembled = time.perf_counter()
    out_file = out_dir / edition.file_name(language.locale)
    done = render.write_pdf(source.tree, out_file, site_dir.resolve().as_uri() + "/",
                            font_css(), source.page_css, say)
    result = BookResult(language.locale, edition.series, out_file, source.pages, done.pages,
                        source.diagrams, out_file.stat().st_size, time.perf_counter() - started,
                        assembled - started, done.layout_seconds, done.write_seconds,
                        time.process_time() - cpu_started)
    say(f"wrote {out_file} ({result.pdf_pages} pages, {result.size / 1e6:.1f} MB, "
        f"{result.seconds:.1f} s, {result.cpu_seconds:.1f} s CPU: assemble {result.assemble_seconds:.1f}, "
        f"layout {result.layout_seconds:.1f}, write {result.write_seconds:.1f})")
    return result


def _worker(args):
    entries, site_dir, out_dir, language, edition, elsewhere, appendix = args
    return build_one(entries, site_dir, out_dir, language, lambda m: print(m, flush=True),
                     edition, elsewhere, appendix)


def _group_worker(group):
    return [_worker(task) for task in group]


def build_books(config_file: Path, site_dir: Path, out_dir: Path,
                locales: list[str] | None = None, jobs: int = 2,
                series: list[str] | None = None,
                appendices: Appendices | None = None) -> list[BookResult]:
    """Every book: one per release series (``editions``) and language, ``jobs`` at a time.
    ``appendices(edition, language, chapters)`` gives each book's extra chapters, put after its pages."""
    config = outline.load(config_file)
    languages = [lang for lang in outline.languages(config)
                 if not locales or lang.locale in locales]
    if locales and len(languages) != len(locales):
        known = ", ".join(lang.locale for lang in outline.languages(config))
        raise ValueError(f"unknown language in {locales}; the site has: {known}")
    catalog = Catalog.load()
    all_editions = editions.editions(catalog)
    wanted = [e for e in all_editions if not series or e.series.lower() in {s.lower() for s in series}]
    if series and len(wanted) != len(series):
        known = ", ".join(e.series for e in all_editions)
        raise ValueError(f"unknown release series in {series}; the books are: {known}")
    site_url = (config.get("site_url") or "").rstrip("/") + "/"
    # The config is loaded once, here: loading it imports every plugin and hook.
    tasks = []
    for lang in languages:
        per_edition = {e: outline.entries(editions.nav_of(config["nav"], e, catalog), lang)
                       for e in all_editions}
        for edition in wanted:
            mine = {lang.prefix + x.url for x in per_edition[edition] if x.src}
            elsewhere = {lang.prefix + x.url: site_url + lang.prefix + x.url
                         for other, xs in per_edition.items() if other != edition
                         for x in xs if x.src and lang.prefix + x.url not in mine}
            chapters = {x.url: x.key for x in per_edition[edition] if x.src}
            appendix = list(appendices(edition, lang, chapters)) if appendices else []
            tasks.append((per_edition[edition], site_dir, out_dir, lang, edition, elsewhere, appendix))
    # One worker per language when that keeps every process busy: the books of a
    # language share the guides, parsed once per process (``pages.load_cached``).
    by_language: dict[str, list] = {}
    for task in tasks:
        by_language.setdefault(task[3].locale, []).append(task)
    groups = list(by_language.values())
    if len(groups) < min(jobs, len(tasks)):
        groups = [[task] for task in tasks]
    # Most pages first, so the workers finish together.
    groups.sort(key=lambda group: -sum(len(task[0]) for task in group))
    if jobs > 1 and len(groups) > 1:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(groups))) as pool:
            done = pool.map(_group_worker, groups, chunksize=1)
    else:
        done = [_group_worker(group) for group in groups]
    return [result for results in done for result in results]
