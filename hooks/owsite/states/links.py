"""Link the state values of an operation page's ``#states`` section to their index entries.

Runs on the HTML of the page (after Markdown), limited to the section from
``<h2 id="states">`` to the next ``<h2``, so the pages stay as written. A
value is linked when it is unambiguous: ``task_state=migrating`` names its
field; a bare `` `pausing` `` takes the field its table column is headed with
(`` `status` ``), or is linked when the page's project has one field with that value.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable

from .extract import Entry

SECTION_RE = re.compile(r'<h2 id="states"[^>]*>.*?(?=<h2\b|\Z)', re.S)
TABLE_RE = re.compile(r"<table\b.*?</table>", re.S)
ROW_RE = re.compile(r"<tr\b.*?</tr>", re.S)
CELL_RE = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.S)
# A link, left alone, or a code span outside any link.
TOKEN_RE = re.compile(r"<a\b.*?</a>|<code>([^<]*)</code>", re.S)
PAIR_RE = re.compile(r"^([A-Za-z_][\w:. ]*?)=([A-Za-z0-9][\w-]*)$")
WORD_RE = re.compile(r"^[A-Za-z0-9][\w-]*$")

# How a page spells a field -> the key in each project (Nova pages write a migration's status as `status=`).
LABELS: dict[str, dict[str, str]] = {
    "nova": {"vm_state": "vm_state", "task_state": "task_state", "power_state": "power_state",
             "status": "migration_status", "migration status": "migration_status",
             "migration.status": "migration_status"},
    "cinder": {"status": "status", "attach_status": "attach_status",
               "snapshot status": "snapshot_status", "backup status": "backup_status"},
    "neutron": {"status": "status", "binding:vif_type": "binding_vif_type",
                "binding status": "binding_status"},
    "magnum": {"status": "status"},
    "sahara": {"status": "status"},
}


class Linker:
    """Links for one page: the index entries of the page's series, and where that index is."""

    def __init__(self, project: str, entries: list[Entry], href: Callable[[str], str]):
        self.project = project
        self.href = href               # anchor -> URL of the index entry, relative to the page
        self.known: dict[tuple[str, str], str] = {}
        self.by_value: dict[str, set[str]] = {}
        for entry in entries:
            if entry.project == project:
                self.known[(entry.field, entry.value)] = entry.anchor
                self.by_value.setdefault(entry.value, set()).add(entry.anchor)

    def column_field(self, header: str) -> str | None:
        """The field a table column is headed with (`` `status` `` or `` `vm_state` ``), if any."""
        text = html.unescape(re.sub(r"<[^>]+>", "", header)).strip().lower()
        labels = LABELS.get(self.project, {})
        if text in labels:
            return labels[text]
        return None

    def anchor(self, code: str, column: str | None, before: str = "") -> str | None:
        code = html.unescape(code).strip()
        # "snapshot `deleting`" in a `status` column is the snapshot's status.
        words = re.sub(r"<[^>]+>", " ", before).split()
        qualified = LABELS.get(self.project, {}).get(f"{words[-1].lower()} status") if words else None
        if qualified:
            column = qualified
        pair = PAIR_RE.match(code)
        if pair:
            key = LABELS.get(self.project, {}).get(pair[1].strip())
            return self.known.get((key, pair[2])) if key else None
        if not WORD_RE.match(code):
            return None
        if column is not None:
            return self.known.get((column, code))
        found = self.by_value.get(code, set())
        return next(iter(found)) if len(found) == 1 else None

    def link_text(self, text: str, column: str | None = None) -> str:
        def replace(match: re.Match[str]) -> str:
            if match[1] is None:
                return match[0]     # an existing link
            anchor = self.anchor(match[1], column, text[max(0, match.start() - 40):match.start()])
            if anchor is None:
                return match[0]
            return (f'<a class="ow-state-link" href="{html.escape(self.href(anchor))}">'
                    f"{match[0]}</a>")
        return TOKEN_RE.sub(replace, text)

    def link_table(self, table: str) -> str:
        headers: list[str | None] = []

        def row(match: re.Match[str]) -> str:
            nonlocal headers
            cells = CELL_RE.findall(match[0])
            if cells and all(open_tag.startswith("<th") for open_tag, _, _ in cells):
                headers = [self.column_field(inner) for _, inner, _ in cells]
                return match[0]
            index = 0

            def cell(m: re.Match[str]) -> str:
                nonlocal index
                column = headers[index] if index < len(headers) else None
                index += 1
                return m[1] + self.link_text(m[2], column) + m[3]
            return CELL_RE.sub(cell, match[0])
        return ROW_RE.sub(row, table)

    def link_section(self, section: str) -> str:
        pieces: list[str] = []
        last = 0
        for table in TABLE_RE.finditer(section):
            pieces.append(self.link_text(section[last:table.start()]))
            pieces.append(self.link_table(table[0]))
            last = table.end()
        pieces.append(self.link_text(section[last:]))
        return "".join(pieces)

    def link_page(self, page_html: str) -> str:
        return SECTION_RE.sub(lambda m: self.link_section(m[0]), page_html, count=1)

