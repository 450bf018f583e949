"""The MkDocs side of openstack-workflow: plugins that put diagrams, ``src:`` links,
fonts and PDF books into the site, and the upstream-code lookups they share.

Each plugin is a subpackage with ``config.py`` (typed options) beside
``plugin.py``, registered under ``mkdocs.plugins`` in pyproject.toml. The
diagram renderer itself is the separate ``wsd`` package, which knows nothing
about MkDocs.
"""
