"""The ``ow-i18n-fixes`` plugin: what mkdocs-static-i18n gets wrong for this site."""
