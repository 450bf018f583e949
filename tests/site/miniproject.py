"""A small MkDocs project wired to the real plugins, for behaviour that needs controlled input."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

from mkdocs_run import ROOT

GOOD_DIAGRAM = """\
# @release nova 12.0.0
title Pause, shortened
participant "client" as client
participant "nova-api" as nova_api
# nova/compute/api.py API.pause
client->+nova_api: POST /servers/{id}/action
nova_api-->-client: 202 Accepted
"""


def make_project(root: Path, *, diagrams: dict[str, str] | None = None,
                 pages: dict[str, str] | None = None, options: dict | None = None) -> Path:
    """Write mkdocs.yml, docs/{zh,en}/... and diagrams/...; returns ``root``."""
    settings = {"cache_dir": ".cache/wsd", **(options or {})}
    diagram_options = "".join(f"\n                {k}: {json.dumps(v)}" for k, v in settings.items())
    (root / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: mini
        site_url: http://127.0.0.1/mini/
        watch:
          - diagrams
        theme:
          name: mkdocs
          language: zh
        markdown_extensions:
          - attr_list
          - pymdownx.snippets:
              base_path: ["."]
              check_paths: true
          - pymdownx.superfences:
              custom_fences:
                - name: sequence
                  class: wsd-source
                  format: !!python/name:pymdownx.superfences.fence_code_format
        plugins:
          - i18n:
              docs_structure: folder
              languages:
                - locale: zh
                  default: true
                  name: 中文
                - locale: en
                  name: English
          - ow-diagrams:{diagram_options}
          - ow-source-links
        """), encoding="utf-8")
    for rel, text in (diagrams or {"diagrams/demo.wsd": GOOD_DIAGRAM}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    default_page = '# Demo\n\n```sequence\n--8<-- "diagrams/demo.wsd"\n```\n'
    for language in ("zh", "en"):
        for rel, text in (pages or {"index.md": default_page}).items():
            path = root / "docs" / language / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root
