"""How deep HTML may nest before a library loses text or time.

No imports: the blog's own content is told apart without loading lxml, and
the error below is caught where no tree is built.
"""

from __future__ import annotations

#: libxml2 (lxml's parser, with ``huge_tree``) stops at this depth and drops
#: the text below: such a document is published as written.
PARSER_DEPTH = 2048
#: The sanitiser's HTML5 parser (nh3) is quadratic in depth, and libxml2
#: reads 256 levels by default (theme included): elements of a saved page
#: nested deeper than this are taken out, their text kept.
SANITISER_DEPTH = 128


class DocumentTooDeep(ValueError):
    """HTML nested deeper than libxml2 parses: processing it would lose text."""
