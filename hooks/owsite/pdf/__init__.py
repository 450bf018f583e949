"""The ``ow-pdf`` plugin: the PDF books, written after a build when asked for."""
