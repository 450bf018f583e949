"""``python hooks/symbol_index.py check FILE...``, kept for the commands people know.

The check lives in ``owsite`` now: ``python -m owsite check FILE...``. Run as
a script, this file's folder is on the path, so it works without the
project's virtualenv too.
"""
import sys

from owsite.__main__ import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
