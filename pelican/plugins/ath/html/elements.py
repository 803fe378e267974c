"""HTML element vocabulary shared by every step, defined once.

No lxml here: the scan of the blog's own HTML (:mod:`pelican.plugins.ath.html.source`)
uses these sets without loading a tree library.
"""

from __future__ import annotations

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: Elements whose text reads as one paragraph.
BLOCKS = frozenset(
    {
        "p", "div", "li", "dd", "dt", "td", "th", "blockquote", "figcaption",
        "section", "article", "aside", "header", "footer", "h1", "h2", "h3",
        "h4", "h5", "h6", "caption", "figure", "main", "center",
    }
)  # fmt: skip
#: Elements that continue the surrounding run of text.
INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "font",
        "i", "ins", "label", "mark", "q", "rb", "rp", "rt", "ruby", "s", "small",
        "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "wbr", "img",
    }
)  # fmt: skip
#: Elements with meaning even when they hold no text (a ``<br>`` alone
#: has none).
CONTENTFUL = frozenset(
    {
        "img", "picture", "video", "audio", "iframe", "object", "embed", "svg",
        "math", "canvas", "hr", "input", "table", "source", "track",
    }
)  # fmt: skip
#: Machine text: code, keyboard input, program output, variables, and
#: ``tt`` (docutils writes an inline literal ````x```` as ``<tt class="docutils
#: literal">``; HTML 4's teletype text).
CODE = frozenset({"pre", "code", "kbd", "samp", "var", "tt"})
#: Class names that say an element holds code, whatever its tag: docutils'
#: ``literal`` and ``pre`` (``<span class="pre">``), ``literal-block`` and
#: ``doctest-block``; Pygments' and Markdown's ``highlight`` and
#: ``codehilite``; pandoc's ``sourceCode``; highlight.js' ``hljs``;
#: prettify's ``prettyprint``; and ``code``.
CODE_CLASSES = frozenset(
    {
        "code", "literal", "pre", "literal-block", "doctest-block", "highlight",
        "codehilite", "sourceCode", "hljs", "prettyprint",
    }
)  # fmt: skip
#: Prefixes of class names that name a code's language (HTML's own advice,
#: ``language-python``; Sphinx's ``highlight-python``).
CODE_CLASS_PREFIXES = ("language-", "highlight-")
#: Elements whose text is never prose: it is never converted, re-punctuated
#: or cleaned (``![]()`` inside is an example, not a lost image).
NOT_PROSE = CODE | {"script", "style", "textarea", "template", "svg", "math"}
#: Attributes holding reader-visible text (converted with the prose).
TEXT_ATTRIBUTES = ("alt", "title")
#: Class names of elements holding TeX for MathJax (render_math writes
#: ``<span class="math">``); they are not prose either.
MATH_CLASSES = frozenset({"math", "arithmatex", "katex", "MathJax"})
#: Classes of the permalink anchors that Markdown's ``toc`` extension and
#: others put inside headings (their ¶ is not part of the title).
PERMALINK_CLASSES = frozenset({"headerlink", "toclink", "anchor"})
#: Elements that bound an element's scope: an end tag does not close an
#: element open outside them (HTML's "has an element in scope").
SCOPE = frozenset(
    {"applet", "caption", "html", "marquee", "object", "table", "td", "th", "template"}
)
#: HTML's special elements: an end tag of another element does not close
#: one of them (``<span><h2></span>`` leaves the ``h2`` open).
SPECIAL = SCOPE | frozenset(
    {
        "address", "area", "article", "aside", "base", "basefont", "bgsound",
        "blockquote", "body", "br", "button", "center", "col", "colgroup", "dd",
        "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption",
        "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4",
        "h5", "h6", "head", "header", "hgroup", "hr", "iframe", "img", "input",
        "keygen", "li", "link", "listing", "main", "menu", "meta", "nav",
        "noembed", "noframes", "noscript", "ol", "p", "param", "plaintext", "pre",
        "script", "search", "section", "select", "source", "style", "summary",
        "tbody", "textarea", "tfoot", "thead", "title", "tr", "track", "ul",
        "wbr", "xmp",
    }
)  # fmt: skip
#: Elements without an end tag.
VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr",
    }
)  # fmt: skip
#: Elements whose content is raw text up to their end tag (no tags inside).
RAW_TEXT = frozenset(
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed",
        "noframes", "noscript", "plaintext",
    }
)  # fmt: skip


def is_math(classes: str | None) -> bool:
    """Whether a ``class`` attribute marks TeX for MathJax.

    >>> is_math("math"), is_math("inline math"), is_math("mathematics")
    (True, True, False)
    """
    if not classes:
        return False
    return not MATH_CLASSES.isdisjoint(classes.split())


def says_code(classes: str | None) -> bool:
    """Whether a ``class`` attribute says the element holds code.

    >>> says_code("docutils literal"), says_code("pre"), says_code("language-py")
    (True, True, True)
    >>> says_code("literally"), says_code("precis"), says_code(None)
    (False, False, False)
    """
    if not classes:
        return False
    names = classes.split()
    return not CODE_CLASSES.isdisjoint(names) or any(
        name.startswith(CODE_CLASS_PREFIXES) for name in names
    )


def is_prose(tag: str, classes: str | None) -> bool:
    """Whether the text of an element named ``tag`` with the ``class``
    attribute ``classes`` is prose: not code (by its tag or its class), not
    math, not raw text (:data:`NOT_PROSE`). THE rule every route applies
    (the source scan, the tree walk, serialised text, the cleaner): what is
    not prose is never converted, re-punctuated or cleaned, nor is
    anything inside it.

    >>> is_prose("p", None), is_prose("span", "pre"), is_prose("tt", None)
    (True, False, False)
    >>> is_prose("div", "highlight"), is_prose("span", "math"), is_prose("kbd", "")
    (False, False, False)
    """
    if tag in NOT_PROSE:
        return False
    return not (classes and (is_math(classes) or says_code(classes)))
