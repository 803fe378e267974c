"""A flat document: paragraphs and headings one after the other, plain
text inside, images at the end of a paragraph, read as blocks with one
``findall``.

What scrapers and the plugin's own readers give is mostly this, already
written the way lxml would serialise it: the flat route of the treatment
(:mod:`pelican.plugins.ath.treatment.flat`) edits its blocks instead of a
tree, and pre-cleaning (:mod:`pelican.plugins.ath.readers.precleaned`) reads
it once, lost images and all, and hands it on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chinese.patterns import LazyPattern
from .preclean import Removal
from .serialised import REFUSED, as_written

#: Text up to the next tag: one character tested per step, where a class of
#: ranges costs ten times as much; :func:`~.serialised.as_written` checks the rest.
_TEXT = r"[^<]*+"
_VALUE = rf'[^"<>&\x00-\x1f{REFUSED}]*+'
#: A heading's own id (a script variant's, made from the finished article):
#: kept as it is.
_ID = _VALUE.replace("*+", "++")
#: A source lxml does not %-escape: printable ASCII but space ``" & < >``.
_URL = r"[\x21\x23-\x25\x27-\x3b\x3d\x3f-\x7e]++"
_SPACE = r"[ \t\n]*+"
_IMAGE = rf'<img src="(?P<src>{_URL})"(?: alt="(?P<alt>{_VALUE})")?>(?P<tail>{_SPACE})'
_IMAGES = re.compile(_IMAGE)
_BLOCK = (
    rf"<(?:p>(?P<text>{_TEXT})(?P<images>(?:{_IMAGE})*+)</p>"
    rf'|h(?P<level>[1-6])(?: id="(?P<id>{_ID})")?>(?P<title>{_TEXT})</h(?P=level)>)'
)
#: A lost image in a paragraph of its own, as Pelican's HTML reader and
#: Markdown write ``![]()``: what pre-cleaning removes whole
#: (:func:`~pelican.plugins.ath.html.preclean.drop_empty_image_tags`).
_LOST_IMAGE = r'<img (?:src="" alt=""|alt="" src="")(?: /)?>'
#: The whole source, read in one call of ``findall``: each block (or lost
#: image) with the blank text before it, one after the other; where none
#: starts, the rest of the source (``rest``: blank, or not a flat document).
#: So the matches tile the source and nothing is read twice.
_BLOCKS = LazyPattern(
    rf"(?P<before>{_SPACE})(?P<block>{_BLOCK}|<p>(?P<lost>{_LOST_IMAGE})</p>)"
    r"|(?P<rest>(?s:.)+)"
)
#: The groups of :data:`_BLOCKS`, in order: the tuples ``findall`` gives
#: are unpacked into these names.
GROUPS = (
    *("before", "block", "text", "images", "src", "alt", "tail"),
    *("level", "id", "title", "lost", "rest"),
)


@dataclass(eq=False, slots=True)
class Image:
    """An image at the end of a paragraph, and the blank text after it."""

    src: str
    alt: str | None
    tail: str

    def html(self) -> str:
        """The image as written."""
        alt = "" if self.alt is None else f' alt="{self.alt}"'
        return f'<img src="{self.src}"{alt}>{self.tail}'

    def alt_at(self) -> int:
        """Where the ``alt`` text starts in :meth:`html`."""
        return len(f'<img src="{self.src}" alt="')


@dataclass(eq=False, slots=True)
class Block:
    """A paragraph (``level`` 0) or a heading: where it is in the source, the
    blank text before it, and what the treatment makes of it."""

    start: int
    end: int
    before: str
    level: int
    text: str | None
    images: list[Image]
    id: str | None = None
    #: The heading had its id in the source (kept as it is).
    own_id: bool = False
    removed: bool = False
    changed: bool = False

    def block_text(self) -> str:
        """The block's text, its images' tails included."""
        if not self.images:
            return self.text or ""
        return (self.text or "") + "".join(image.tail for image in self.images)

    def html(self) -> str:
        """The block written with its text and images."""
        text = self.text or ""
        if self.level:
            anchor = f' id="{self.id}"' if self.id is not None else ""
            return f"<h{self.level}{anchor}>{text}</h{self.level}>"
        if not self.images:
            return f"<p>{text}</p>"
        return f"<p>{text}{''.join(image.html() for image in self.images)}</p>"


@dataclass(eq=False, slots=True)
class FlatDocument:
    """A flat document's blocks, in order, and the blank text after them."""

    source: str
    blocks: list[Block]
    end: str

    def alive(self) -> list[Block]:
        """The blocks not removed."""
        return [block for block in self.blocks if not block.removed]

    def text(self) -> str:
        """What ``tostring(method="text")`` gives for the tree."""
        pieces = [
            block.before if block.removed else block.before + block.block_text()
            for block in self.blocks
        ]
        return "".join(pieces) + self.end


def read_blocks(source: str) -> FlatDocument | None:
    """The blocks of ``source``, or None if it is not a flat document."""
    read = _read(source, lost_images=False)
    return None if read is None else read[0]


def read_precleaning(source: str) -> tuple[FlatDocument, list[Removal]] | None:
    """A reader's output that is a flat document once its lost images (each
    a paragraph of its own) are out: that document, and the images removed
    (what :func:`~pelican.plugins.ath.html.preclean.drop_empty_image_tags`
    gives for it); None for any other output."""
    return _read(source, lost_images=True)


def _read(source: str, lost_images: bool) -> tuple[FlatDocument, list[Removal]] | None:
    """``source``'s blocks; with ``lost_images``, the paragraphs of a lost
    image left out (their blank text before the next block), and the
    offsets those of the source without them."""
    blocks, position, end = [], 0, ""
    lost, pieces, copied, shift, carried = [], [], 0, 0, ""
    for found in _BLOCKS.findall(source):
        before, whole, text, images, _, _, _, level, anchor, title, image, rest = found
        if rest:
            end = rest
            break
        start = position + len(before)
        position = start + len(whole)
        if image:  # a lost image, in a paragraph of its own
            if not lost_images:
                return None
            lost.append(Removal("empty image", image))
            pieces.append(source[copied:start])
            copied, shift, carried = (
                position,
                shift + position - start,
                carried + before,
            )
            continue
        if carried:
            before, carried = carried + before, ""
        start -= shift
        stop = position - shift
        if level:
            own = anchor or None
            block = Block(
                start, stop, before, int(level), title or None, [], own, bool(own)
            )
        elif images:
            found_images = [
                Image(*match.group("src", "alt", "tail"))
                for match in _IMAGES.finditer(images)
            ]
            block = Block(start, stop, before, 0, text or None, found_images)
        else:
            block = Block(start, stop, before, 0, text or None, [])
        blocks.append(block)
    if end.strip(" \t\n"):
        return None
    if not as_written("".join([block.text for block in blocks if block.text])):
        return None
    if lost:
        source = "".join(pieces) + source[copied:]
    return FlatDocument(source, blocks, carried + end), lost


@dataclass(eq=False)
class ReadOnce:
    """A flat document read by pre-cleaning, handed on to the treatment with
    the content's metadata: taken once, so that what keeps the metadata
    (Pelican's reader cache) never keeps a document the treatment changed."""

    document: FlatDocument | None

    def take(self) -> FlatDocument | None:
        """The document, the first time."""
        document, self.document = self.document, None
        return document
