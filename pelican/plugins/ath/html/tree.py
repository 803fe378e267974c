"""The lxml tree of a scraped article: one parse, one serialisation.

The document is parsed inside ``<html><body>`` with one parser for every
document (plain lxml elements, comments kept, no depth limit of lxml's own
but libxml2's); what the parser had to repair is kept for the warning.
"""

from __future__ import annotations

from lxml import etree

from .limits import DocumentTooDeep

#: One parser for every document: plain lxml elements (no ``lxml.html``
#: element classes to look up), comments kept, no depth limit.
_PARSER = etree.HTMLParser(huge_tree=True, remove_comments=False, remove_pis=False)


def parse_problems() -> list[str]:
    """What the last parse had to repair (stray or mismatched end tags…)."""
    return [
        f"{error.message.strip()} (line {error.line})" for error in _PARSER.error_log
    ]


def parse(source: str) -> etree._Element:
    """Parse an HTML fragment; the ``<body>`` that holds it is returned.

    Raises :class:`DocumentTooDeep` rather than return a tree that lost the
    text below libxml2's depth limit (:data:`~.limits.PARSER_DEPTH`).
    """
    document = etree.fromstring(f"<html><body>{source}</body></html>", _PARSER)
    for error in _PARSER.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            raise DocumentTooDeep(error.message.strip())
    body = document.find("body")
    if body is None:  # only head-like content, e.g. a lone <title>
        body = etree.SubElement(document, "body")
    return body


def serialise(root: etree._Element) -> str:
    """The HTML inside the holding ``<body>``."""
    markup = etree.tostring(root, encoding="unicode", method="html")
    return markup[len("<body>") : -len("</body>")]
