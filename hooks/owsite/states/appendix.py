"""The state index as a PDF appendix: the same entries, with page references instead of links.

A book has no URLs of its own, so each operation is named with the page its
chapter starts on (WeasyPrint's ``target-counter``) and each step by number;
upstream functions keep their web links. ``chapter_key`` maps an operation
page (``nova/pause/``) to the id its chapter has in the book, which the book
builder owns.
"""
from __future__ import annotations

import html
from collections.abc import Callable

import markdown  # type: ignore[import-untyped]  # no stubs in the pinned requirements

from ..releases import Catalog
from .extract import Entry, Mark, Write
from .notes import Note
from .page import PROJECT_NAMES, WORDS, state_text

PRINT_WORDS = {
    "zh": {"title": "附录：状态索引（{series}）",
           "intro": ("本附录由时序图生成，与网站的状态索引相同：每个状态值下列出写入它的操作步骤。"
                     "操作后的页码指向本书中该操作的一章，步骤号是该章时序图中的第几条消息。"),
           "page": "（第 {} 页）", "step": "步骤 {n}", "none": "—"},
    "en": {"title": "Appendix: state index ({series})",
           "intro": ("Generated from the sequence diagrams, like the website's state index: under each "
                     "status value, the operation steps that write it. The page after an operation is where "
                     "its chapter starts in this book; a step number counts the messages of that chapter's "
                     "diagram."),
           "page": " (p. {})", "step": "step {n}", "none": "—"},
}
COLUMNS = {
    "zh": ("操作", "写入者", "函数", "步骤", "正常情况下接着写", "失败分支写"),
    "en": ("Operation", "Writer", "Function", "Step", "Next on the normal path", "Failure branches write"),
}


def _css(language: str) -> str:
    before, _, after = PRINT_WORDS[language]["page"].partition("{}")
    return ("<style>a.ow-pageref { color: inherit; text-decoration: none; }"
            f' a.ow-pageref::after {{ content: "{before}" target-counter(attr(href), page) "{after}"; }}'
            " table.ow-states-print { font-size: 8pt; } </style>")


def _mark(mark: Mark, language: str) -> str:
    step = PRINT_WORDS[language]["step"].format(n=mark.step)
    return f"<code>{html.escape(mark.value)}</code>（{step}）" if language == "zh" \
        else f"<code>{html.escape(mark.value)}</code> ({step})"


def _row(write: Write, language: str, title: Callable[[str, str], str | None],
         chapter_key: Callable[[str], str | None]) -> str:
    words = PRINT_WORDS[language]
    name = html.escape((title(language, write.page) if write.page else None) or write.slug)
    key = chapter_key(write.page) if write.page else None
    operation = f'{name}<a class="ow-pageref" href="#{html.escape(key)}"></a>' if key else name
    function = words["none"]
    if write.function:
        code = f"<code>{html.escape(write.function)}</code>"
        function = f'<a href="{html.escape(write.function_url)}">{code}</a>' if write.function_url else code
    nxt = _mark(write.next, language) if write.next else words["none"]
    failure = "<br>".join(_mark(m, language) for m in write.failure) or words["none"]
    cells = (operation, html.escape(write.writer), function, words["step"].format(n=write.step), nxt, failure)
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def appendix_html(catalog: Catalog, series: str, entries: list[Entry], notes: dict[tuple[str, str, str], Note],
                  language: str, title: Callable[[str, str], str | None],
                  chapter_key: Callable[[str], str | None], id_prefix: str = "states-") -> tuple[str, str]:
    """(title, body HTML) of the appendix of ``series`` in ``language`` (``zh`` or ``en``);
    each value's heading has the id ``id_prefix`` + its anchor on the website."""
    words = PRINT_WORDS[language]
    liberty = series.lower() == "liberty"
    out = [_css(language), f"<p>{html.escape(words['intro'])}</p>",
           f"<p>{markdown.markdown(WORDS[language]['reading'])[3:-4]}</p>"]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS[language])
    for project in dict.fromkeys(e.project for e in entries):
        release = catalog.in_series(project, series)
        name = PROJECT_NAMES.get(project, project.capitalize())
        out.append(f"<h2>{html.escape(f'{name} {release.tag}' if release else name)}</h2>")
        for entry in (e for e in entries if e.project == project):
            out.append(f'<h3 id="{html.escape(id_prefix + entry.anchor)}"><code>'
                       f"{html.escape(state_text(entry.field, entry.value))}</code></h3>")
            note = notes.get((entry.project, entry.field, entry.value))
            if note is not None:
                out.append(markdown.markdown(note.prose(language, liberty)))
            rows = "".join(_row(w, language, title, chapter_key)
                           for w in sorted(entry.writes, key=lambda w: (w.slug, w.step)))
            out.append(f'<table class="ow-states-print"><thead><tr>{head}</tr></thead>'
                       f"<tbody>{rows}</tbody></table>")
    return words["title"].format(series=series), "\n".join(out)
