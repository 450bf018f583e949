"""Parse and write HTML with inline SVG for the book.

tinyhtml5 (WeasyPrint's own parser) gives an ElementTree; ElementTree's own
writer is wrong for HTML (``<div />`` opens a div, ``</br>`` is a second
break), so the writer here knows HTML's void elements and SVG's namespace.
"""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import tinyhtml5

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
RAW_TEXT = {"style", "script"}


def parse(source: bytes | str) -> ET.Element:
    return tinyhtml5.parse(source, namespace_html_elements=False)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def is_svg(el: ET.Element) -> bool:
    return isinstance(el.tag, str) and el.tag.startswith("{" + SVG_NS + "}")


def classes(el: ET.Element) -> set[str]:
    return set(el.get("class", "").split())


def iter_with_parent(root: ET.Element) -> Iterator[tuple[ET.Element, ET.Element]]:
    for parent in root.iter():
        for child in list(parent):
            yield parent, child


def remove(parent: ET.Element, child: ET.Element) -> None:
    """Remove ``child`` but keep the text that follows it in the document."""
    if child.tail:
        siblings = list(parent)
        i = siblings.index(child)
        if i:
            prev = siblings[i - 1]
            prev.tail = (prev.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def unwrap(parent: ET.Element, child: ET.Element) -> None:
    """Replace ``child`` by its content (text and children)."""
    siblings = list(parent)
    i = siblings.index(child)
    lead = child.text or ""
    if i:
        prev = siblings[i - 1]
        prev.tail = (prev.tail or "") + lead
    else:
        parent.text = (parent.text or "") + lead
    parent.remove(child)
    for offset, grandchild in enumerate(list(child)):
        parent.insert(i + offset, grandchild)
    last_index = i + len(child) - 1
    tail = child.tail or ""
    if len(child):
        last = parent[last_index]
        last.tail = (last.tail or "") + tail
    elif i:
        prev = parent[i - 1]
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def _attr_name(name: str) -> str:
    if name.startswith("{" + XLINK_NS + "}"):
        return "xlink:" + local(name)
    return local(name)


def write(el: ET.Element, in_svg: bool = False) -> str:
    """Serialise ``el`` and its tail-free subtree as HTML (SVG inline)."""
    parts: list[str] = []
    _write(el, parts, in_svg)
    return "".join(parts)


def _write(el: ET.Element, out: list[str], in_svg: bool) -> None:
    if not isinstance(el.tag, str):  # comments, processing instructions
        return
    name = local(el.tag)
    svg = in_svg or is_svg(el)
    attrs = "".join(f' {_attr_name(k)}="{html.escape(v, quote=True)}"' for k, v in el.attrib.items())
    if svg and name == "svg" and not in_svg:
        attrs = f' xmlns="{SVG_NS}"' + attrs
    out.append(f"<{name}{attrs}>")
    if name in VOID and not svg:
        return
    if el.text:
        raw = name in RAW_TEXT and not svg
        out.append(el.text if raw else html.escape(el.text, quote=False))
    for child in el:
        _write(child, out, svg)
        if child.tail:
            out.append(html.escape(child.tail, quote=False))
    out.append(f"</{name}>")
