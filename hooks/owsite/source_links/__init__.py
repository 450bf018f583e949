"""The ``ow-source-links`` plugin: ``src:`` links in prose, resolved to upstream code."""
