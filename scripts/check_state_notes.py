"""Check data/state-notes/*.toml against the states the diagrams write.

Every (field, value) with a note must occur in that project's diagrams, every
note must carry both languages (and both Liberty variants or neither), and the
values still without a note are listed. Exit status 1 on any error.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# How the diagrams spell each field, mapped to the key used in the notes. A field
# starts a word or follows a literal "\n" (a line break inside a .wsd label), so
# `migration_status=` or `rebuild_block_device_mapping` do not count as others.
FIELD_PATTERN = re.compile(
    r"(?:(?<=\\n)|(?<![A-Za-z_.:]))(vm_state|task_state|power_state|migration[ .]status|attach_status"
    r"|snapshot status|backup status|binding:vif_type|binding status|status)=([A-Za-z_0-9-]+)"
)
FIELD_KEYS = {
    "migration status": "migration_status",
    "migration.status": "migration_status",
    "snapshot status": "snapshot_status",
    "backup status": "backup_status",
    "binding:vif_type": "binding_vif_type",
    "binding status": "binding_status",
}
LANG_PAIRS = (("zh", "en"), ("zh_liberty", "en_liberty"))


def diagram_states(project: str) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for wsd in sorted((ROOT / "diagrams" / project).rglob("*.wsd")):
        for match in FIELD_PATTERN.finditer(wsd.read_text(encoding="utf-8")):
            key = (FIELD_KEYS.get(match[1], match[1]), match[2])
            found.setdefault(key, set()).add(wsd.parent.name)
    return found


def main() -> int:
    errors: list[str] = []
    for path in sorted((ROOT / "data" / "state-notes").glob("*.toml")):
        project = path.stem
        notes = tomllib.loads(path.read_text(encoding="utf-8"))
        states = diagram_states(project)
        written = 0
        for field, values in notes.items():
            for value, note in values.items():
                written += 1
                where = f"{path.relative_to(ROOT)}: [{field!r}.{value!r}]"
                if (field, value) not in states:
                    errors.append(f"{where}: no {project} diagram writes {field}={value}")
                elif "en_liberty" in note and "liberty" not in states[(field, value)]:
                    errors.append(f"{where}: a Liberty note, but no Liberty diagram writes it")
                for zh, en in LANG_PAIRS:
                    if (zh in note) != (en in note):
                        errors.append(f"{where}: {zh} and {en} must come together")
                for key in note:
                    if key not in {k for pair in LANG_PAIRS for k in pair}:
                        errors.append(f"{where}: unknown key {key!r}")
        missing = sorted(f"{f}={v}" for f, v in states if v not in notes.get(f, {}))
        print(f"{project}: {written} notes; without a note ({len(missing)}): {' '.join(missing)}")
    for message in errors:
        print(message, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
