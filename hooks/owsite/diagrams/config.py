"""Options of the ``ow-diagrams`` plugin; the defaults live here and nowhere else."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

BACKENDS = ("local", "online")


class DiagramsConfig(Config):
    enabled = c.Type(bool, default=True)
    # local: the wsd package draws SVG. online: websequencediagrams.com draws a
    # PNG in `online_style`; when it cannot, the local SVG is used with a warning.
    backend = c.Choice(BACKENDS, default="local")
    online_url = c.Type(str, default="https://www.websequencediagrams.com/")
    online_style = c.Type(str, default="modern-blue")
    online_timeout = c.Type((int, float), default=10.0)
    online_retries = c.Type(int, default=2)
    # Relative to mkdocs.yml; shared by every build and language.
    cache_dir = c.Type(str, default=".cache/wsd")
    # Folders (relative to mkdocs.yml) a page may include with `--8<--`; an
    # include whose real path (symlinks resolved) is elsewhere is an error.
    include_roots = c.ListOfItems(c.Type(str), default=["diagrams"])
