"""Pelican's link syntax made inert in scraped markup.

Pelican resolves ``{attach}``, ``{static}``, ``{filename}`` (and the ``|…|``
forms) in the ``href``, ``src`` and like attributes of every article, and
copies the file it names into ``output/``. Scraped markup is written by
strangers: a ``{attach}../pelicanconf.py`` in it would publish a file of the
builder's. Pelican's pattern (``INTRASITE_LINK_REGEX``, ``[{|]…[|}]``) looks
for its markers right after an attribute's opening quote, anywhere inside a
tag (inside another attribute's value too), so :func:`inert_links` writes
every ``{`` and ``|`` inside a tag as a character reference: a browser reads
the same value, Pelican's pattern matches nothing. Text between tags is never
matched, and is left as it is.

The one link scraped content keeps is the one ``pelican-ath import`` writes
for an image it downloaded (:func:`imported_image_link`): ``{static}``, the
``images/`` folder, one folder name, a digest and an image extension. It can
name nothing but an image the importer saved in the content folder.
"""

from __future__ import annotations

import re

#: The folder, in the content folder, that holds imported articles' images.
IMAGES = "images"
#: The extensions of the images ``pelican-ath import`` saves.
IMAGE_EXTENSIONS = ("jpg", "png", "gif", "webp", "avif", "bmp")
#: The name ``pelican-ath import`` gives a downloaded image.
IMAGE_NAME = re.compile(rf"[0-9a-f]{{16}}\.(?:{'|'.join(IMAGE_EXTENSIONS)})")
#: One folder name in an imported image's link (no ``..``, nothing to escape).
_FOLDER = r"(?!\.\.?/)[^/\\\"'<>\s{}|&%]+"

#: What Pelican's link pattern could see: the inside of a tag.
_TAG = re.compile(r"<[^>]*")
#: A link marker, or (kept where asked) an imported image's ``src``.
_MARKER = re.compile(
    rf'(?P<image>\ssrc="\{{static\}}{IMAGES}/{_FOLDER}/{IMAGE_NAME.pattern}")|[{{|]'
)
_REFERENCES = {"{": "&#123;", "|": "&#124;"}


def imported_image_link(folder: str, name: str) -> str:
    """The ``src`` ``pelican-ath import`` writes for an image it saved as
    ``images/<folder>/<name>`` in the content folder.

    >>> imported_image_link("GA1LTCMN051480KF", "0123456789abcdef.png")
    '{static}images/GA1LTCMN051480KF/0123456789abcdef.png'
    """
    return f"{{static}}{IMAGES}/{folder}/{name}"


def has_link_markers(markup: str) -> bool:
    """Whether ``markup`` holds anything :func:`inert_links` would change
    (a quick test: most articles hold neither character).

    >>> has_link_markers("<p>你好</p>"), has_link_markers('<a href="{static}x">')
    (False, True)
    """
    return "{" in markup or "|" in markup


def inert_links(markup: str) -> str:
    """``markup`` with every ``{`` and ``|`` inside a tag written as a
    character reference, so that Pelican resolves no link in it but the
    ``src`` of an image ``pelican-ath import`` saved
    (:func:`imported_image_link`).

    >>> inert_links('<img src="{attach}../pelicanconf.py">')
    '<img src="&#123;attach}../pelicanconf.py">'
    >>> inert_links('<img alt="x src=\\'|filename|a.md\\'" src="a.png">')
    '<img alt="x src=\\'&#124;filename&#124;a.md\\'" src="a.png">'
    >>> inert_links("<p>{不是链接} a|b</p>")
    '<p>{不是链接} a|b</p>'
    >>> link = '<img src="{static}images/GA1LTCMN051480KF/0123456789abcdef.png">'
    >>> inert_links(link) == link
    True
    >>> inert_links('<img src="{static}images/../pelicanconf.py">')
    '<img src="&#123;static}images/../pelicanconf.py">'
    """
    if not has_link_markers(markup):
        return markup

    def marker(found: re.Match[str]) -> str:
        return found[0] if found["image"] else _REFERENCES[found[0]]

    def tag(found: re.Match[str]) -> str:
        inside = found[0]
        return _MARKER.sub(marker, inside) if has_link_markers(inside) else inside

    return _TAG.sub(tag, markup)
