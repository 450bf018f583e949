"""The ``ow-rebuild-scope`` plugin: which pages a ``mkdocs serve --dirty`` rebuild renders."""
