"""The renderer is imported as the installed ``wsd`` package (pyproject.toml, ``make`` installs it
editable); pytest's default import mode puts this folder, with its helpers, on the path."""
