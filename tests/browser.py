"""What a browser reads of HTML, with html5lib (the WHATWG parser) as the
oracle: shared by the source-scan tests (``unit/test_source_scan.py``,
``site/test_source_scan_site.py``)."""

from __future__ import annotations


def _fragment(source: str):
    import html5lib

    return html5lib.parseFragment(source, "div", namespaceHTMLElements=False)


def _inner_text(element) -> str:
    """The text inside ``element`` as a browser shows it: not that of
    comments or of a ``<template>`` (its content is not in the document)."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag != "template":
            pieces.append(_inner_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def browser_headings(source: str) -> list[tuple[int, str]]:
    """The headings a browser makes of ``source`` (html5lib, the WHATWG
    parser, is the oracle): level and text, in document order, but those in
    a ``<template>``."""
    found: list[tuple[int, str]] = []

    def walk(element) -> None:
        for child in element:
            if not isinstance(child.tag, str) or child.tag == "template":
                continue
            if child.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                found.append((int(child.tag[1]), " ".join(_inner_text(child).split())))
            walk(child)

    walk(_fragment(source))
    return found


def browser_text(source: str) -> str:
    """The text a browser shows of ``source``."""
    return _inner_text(_fragment(source))
