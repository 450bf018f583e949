"""The steps of a diagram as an ordered list: its text alternative for readers who cannot see the SVG.

Built from the parsed model (``wsd.parse`` and ``wsd.model``), one list item per
message, in the order drawn: "nova-api → nova-conductor: build (cast) —
nova/compute/api.py API.create". The links are those the SVG already carries,
matched by the reference's ``path name`` title.
"""
from __future__ import annotations

import re
from html import escape, unescape

from wsd import model, parse
from wsd.diagnostics import Reporter
from wsd.source import strip_bom

WORDS = {
    "zh": {"summary": "文字版步骤", "skip": "跳过时序图"},
    "en": {"summary": "Steps as text", "skip": "Skip diagram"},
}

_LINK_RE = re.compile(r'<a href="([^"]*)"[^>]*class="wsd-ref"[^>]*><title>([^<]*)</title>')


def words(language: str) -> dict[str, str]:
    return WORDS.get((language or "zh").split("-")[0], WORDS["en"])


def links_in(svg: str) -> dict[str, str]:
    """``"path name"`` -> URL, for every linked step of a rendered SVG."""
    return {unescape(title): unescape(url) for url, title in _LINK_RE.findall(svg)}


def steps(text: str) -> list[tuple[str, str | None]]:
    """(step text, ``path name`` of its code or None) per message; [] if the text does not parse."""
    report = Reporter("<diagram>")
    diagram = model.build(parse.parse(strip_bom(text), report), report)
    if report.failed:
        return []
    names = [" ".join(line for line in p.label if line) or p.name for p in diagram.participants]
    found = []
    for row in diagram.rows:
        if not isinstance(row, model.Message):
            continue
        label = " ".join(line for line in row.text if line)
        step = f"{names[row.source]} → {names[row.target]}" + (f": {label}" if label else "")
        ref = f"{row.ref.path} {row.ref.name}" if row.ref else None
        found.append((step, ref))
    return found


def steps_html(text: str, svg: str, language: str) -> str:
    """A closed ``<details>`` holding the ordered list; empty when the diagram has no message."""
    found = steps(text)
    if not found:
        return ""
    links = links_in(svg)
    items = []
    for step, ref in found:
        code = ""
        if ref:
            url = links.get(ref)
            inner = f"<code>{escape(ref)}</code>"
            code = (f' — <a href="{escape(url)}" target="_blank" rel="noopener">{inner}</a>' if url
                    else f" — {inner}")
        items.append(f"<li>{escape(step)}{code}</li>")
    return (f'<details class="wsd-steps" data-search-exclude>'
            f'<summary>{escape(words(language)["summary"])}</summary>'
            f'<ol>{"".join(items)}</ol></details>')
