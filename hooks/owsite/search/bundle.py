"""Patches to Material's page script so the search index loads late and per language.

Material's bundle fetches ``search/search_index.json`` on every page view (it
waits for the reader only on ``file:`` URLs), and its ``?h=`` highlighter
subscribes to the index too. Three edits, each checked to apply exactly once:

* the index URL becomes ``search/<html lang>.json``, the reader's language only;
* the worker is set up when the search toggle first opens (focus on the search
  box, a click on its icon, or the ``/``, ``s``, ``f`` shortcuts), on any protocol;
* the ``?h=`` highlighter gets the separator from a constant instead of the index.

A Material upgrade that changes this code fails the build with the edit named.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable

from .index import SEPARATOR


class BundlePatchError(RuntimeError):
    pass


INDEX_URL = 'new URL("search/search_index.json",'
LAZY = re.compile(r'([\w$]+)\(location\.protocol!=="file:"\),([\w$]+)\("search"\)\)')
HIGHLIGHT = re.compile(r'(function [\w$]+\(e,\{index\$:t,location\$:r\}\)\{return [\w$]+\(\[)t,')


def _once(source: str, name: str, what: str, pattern: re.Pattern[str] | str,
          replace: Callable[[re.Match[str]], str] | str) -> str:
    if isinstance(pattern, str):
        count = source.count(pattern)
        if count == 1:
            assert isinstance(replace, str)
            return source.replace(pattern, replace)
    else:
        patched, count = pattern.subn(replace, source)
        if count == 1:
            return patched
    raise BundlePatchError(
        f"{name}: expected Material's {what} once, found it {count} times; "
        "check owsite/search/bundle.py against this Material version")


def patch_bundle(source: str, name: str) -> str:
    if "/*ow-search*/" in source:
        return source
    source = _once(source, name, "search index URL", INDEX_URL,
                   'new URL("search/"+document.documentElement.lang+".json",')
    source = _once(source, name, "eager index load", LAZY,
                   lambda m: f'{m[1]}(!1),{m[2]}("search"))')
    constant = json.dumps({"config": {"separator": SEPARATOR}})
    of = LAZY.search(source)
    # The observable factory Material uses for a constant, found by the edit above.
    of_name = re.search(r'([\w$]+)\(!1\),[\w$]+\("search"\)\)', source)
    assert of is None and of_name is not None
    source = _once(source, name, "?h= highlighter's index", HIGHLIGHT,
                   lambda m: f"{m[1]}{of_name[1]}({constant}),")
    return "/*ow-search*/" + source
