"""Generate the state index pages and link operation pages' state values to them.

``on_config`` reads every diagram and the note files (once per change, not
once per language); ``on_files`` adds ``states/index.md`` (and
``liberty/states/index.md``) for the language being built, after
mkdocs-static-i18n has rebuilt the file list (it drops files that are not in
``docs/``); ``on_page_content`` links the values in each page's ``#states``
section. A note with no diagram behind it, or a note file TOML cannot read,
stops the build with ``file:line:column``.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..pages import current_language, path_in_language
from ..releases import Catalog
from . import notes as notes_module
from .config import StatesConfig
from .extract import Entry, all_writes, entries
from .links import Linker
from .notes import Note, NoteError
from .page import PageSpec, Renderer, Titles, index_path


def _stamp(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


class StatesPlugin(BasePlugin[StatesConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root = Path(".")
        self.catalog: Catalog | None = None
        self.model: dict[str, list[Entry]] = {}
        self.notes: dict[tuple[str, str, str], Note] = {}
        self.specs: dict[str, PageSpec] = {}
        self.title = Titles(self.root / "docs")
        self._stamp: tuple[tuple[str, int, int], ...] | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.root = Path(config.config_file_path or ".").resolve().parent
        data = self.root / "data" / "releases.toml"
        notes_dir = self.root / self.config.notes_dir
        watched = ([data] + sorted((self.root / "diagrams").glob("*/*/*.wsd"))
                   + sorted(notes_dir.glob("*.toml")))
        stamp = _stamp(watched)
        if stamp == self._stamp:
            return config  # the other language's build, or a serve rebuild with nothing changed
        self.catalog = Catalog.load(data) if data.is_file() else Catalog.load()
        self.model = entries(all_writes(self.root, self.catalog))
        written: dict[tuple[str, str, str], set[str]] = {}
        for series, series_entries in self.model.items():
            for entry in series_entries:
                written.setdefault((entry.project, entry.field, entry.value), set()).add(series)
        try:
            loaded = notes_module.load(notes_dir, self.root) if notes_dir.is_dir() else []
            notes_module.check(loaded, written)
        except NoteError as exc:
            raise PluginError("ow-states: the state notes do not match the diagrams:\n" + str(exc)) from None
        self.notes = {(n.project, n.field, n.value): n for n in loaded}
        self.specs = {series: index_path(self.catalog, series) for series in self.model}
        self.title = Titles(self.root / "docs")
        self._stamp = stamp
        return config

    def _file(self, config: MkDocsConfig, locale: str | None, prefix: str, spec: PageSpec,
              content: str | None) -> File:
        src = f"{locale}/{spec.path}" if locale else spec.path
        dest = prefix + spec.path.removesuffix(".md") + ".html"
        if content is None:
            return File(src, config.docs_dir, config.site_dir, config.use_directory_urls, dest_uri=dest)
        file = File.generated(config, src, content=content)
        file.dest_uri = dest
        return file

    # After i18n (-100), which rebuilds the file list from docs/ and drops generated files.
    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled or self.catalog is None:
            return files
        locale, default = current_language(config)
        language = locale or "zh"
        prefix = "" if default else f"{language}/"
        i18n = config.plugins.get("i18n")
        languages = [str(lang.locale) for lang in i18n.config.languages if lang.build] if i18n else []
        default_locale = str(i18n.default_language) if i18n else language
        for series, series_entries in self.model.items():
            spec = self.specs[series]
            others = [s for s in self.specs.values() if s.series != series]
            content = Renderer(self.catalog, language if language in ("zh", "en") else "zh", prefix, spec,
                               self.title).render(series_entries, self.notes, others)
            file = self._file(config, locale, prefix, spec, content)
            if locale:
                # What mkdocs-static-i18n records on the files it builds: the language
                # switch and the sitemap read the other languages' URLs from `alternates`.
                alternates = {}
                for other in languages:
                    other_prefix = "" if other == default_locale else f"{other}/"
                    alternates[other] = file if other == locale else \
                        self._file(config, other, other_prefix, spec, None)
                vars(file).update(alternates=alternates, locale=locale, locale_alternate_of=locale,
                                  localization=locale, norm_src_uri=spec.path)
            files.append(file)
        return files

    def on_page_content(self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not (self.config.enabled and self.config.link_pages and self.catalog) or 'id="states"' not in html_text:
            return html_text
        path = path_in_language(page)
        release = self.catalog.for_page(path)
        series_entries = self.model.get(release.series)
        spec = self.specs.get(release.series)
        if not series_entries or spec is None:
            return html_text
        locale, default = current_language(config)
        prefix = "" if default else f"{locale}/"
        base = get_relative_url(prefix + spec.url, page.url)
        base = base if base.endswith("/") else base + "/"
        linker = Linker(release.project, series_entries, lambda anchor: f"{base}#{anchor}")
        return linker.link_page(html_text)
