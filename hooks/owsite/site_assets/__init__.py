"""The ``ow-site-assets`` plugin: the diagram font, served from the renderer's own files."""
