"""The ``ow-search`` plugin: fixes to Material's search index and worker after the build."""
