"""Clean Material's search index and fix its query segmentation.

Material's Chinese indexing joins jieba's words with U+200B so its tokenizer
splits them; the same characters end up in result titles, which readers copy.
Titles are rendered as they are stored, so they lose the zero-width characters
here; a title still matches a query by prefix (Material appends ``*`` to every
term), and the page text keeps its segmentation.

Material's worker segments a Chinese query greedily against the index, but
its loop stops one character short of the query's end, so a two-character word
such as 调度 is cut to 调 and matches 调整 and 调用. The worker is patched to
consider the whole query.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

# In the minified worker: for(let o=s+1;o<t.length;o++)t.slice(s,o)in e
SEGMENT_LOOP = re.compile(
    r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")


class SearchPatchError(RuntimeError):
    pass


def strip_zero_width(text: str) -> str:
    return ZERO_WIDTH.sub("", text)


def clean_index(data: dict) -> int:
    """Strip zero-width characters from every title; return how many titles changed."""
    changed = 0
    for doc in data.get("docs", []):
        title = doc.get("title", "")
        clean = strip_zero_width(title)
        if clean != title:
            doc["title"] = clean
            changed += 1
    return changed


def clean_index_file(path: Path) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    changed = clean_index(data)
    if changed:
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return changed


def patch_segmenter(source: str, name: str) -> str:
    """Let the query segmenter consider substrings that end at the query's end."""
    if SEGMENT_LOOP.search(source) is None:
        if re.search(r"for\(let (\w+)=(\w+)\+1;\1<=(\w+)\.length;", source):
            return source  # patched already
        raise SearchPatchError(
            f"{name}: Material's query segmentation loop was not found; "
            "check owsite/search/index.py against this Material version")
    patched, count = SEGMENT_LOOP.subn(
        lambda m: f"for(let {m[1]}={m[2]}+1;{m[1]}<={m[3]}.length;{m[1]}++){m[3]}.slice({m[2]},{m[1]})in ",
        source)
    if count != 1:
        raise SearchPatchError(f"{name}: expected one query segmentation loop, found {count}")
    return patched
