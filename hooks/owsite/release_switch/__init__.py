"""The ``ow-release-switch`` plugin: the release a page describes, and the same page at the other release."""
