"""The ``ow-diagrams`` plugin: ```` ```sequence ```` fences rendered to inline SVG figures."""
