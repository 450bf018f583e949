"""The ``ow-release-switch`` plugin: which release a page describes, and a link to the same page at the project's other release."""
