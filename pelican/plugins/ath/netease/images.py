"""NetEase's images, loadable where the article is published.

NetEase's image hosts refuse hot-linked requests that carry a foreign
``Referer``: :func:`mark_images` gives their images
``referrerpolicy="no-referrer"``.
"""

from __future__ import annotations

import html

from ..html.sanitize import is_remote
from ..html.source import rewrite_start_tags, start_tag
from .signs import is_netease_image


def mark_images(markup: str, *, every_remote: bool = False) -> str:
    """Give NetEase-hosted images (with ``every_remote``, every image on
    another site) ``referrerpolicy="no-referrer"``, and drop an empty ``alt``
    (scraped images have no text to give; NetEase's own pages have none
    either). ``markup`` is
    :func:`~pelican.plugins.ath.html.sanitize.sanitize` output.

    >>> mark_images('<img src="https://nimg.ws.126.net/?a=1&amp;b=2" alt="">')
    '<img src="https://nimg.ws.126.net/?a=1&amp;b=2" referrerpolicy="no-referrer">'
    >>> mark_images('<img src="https://example.org/a.png" alt="A">')
    '<img src="https://example.org/a.png" alt="A">'
    """

    def mark(found: dict[str, str]) -> str:
        kept = [
            (name, value)
            for name, value in found.items()
            if not (name == "alt" and not value.strip()) and name != "referrerpolicy"
        ]
        src = found.get("src", "")
        url = html.unescape(src)
        if src and (is_netease_image(url) or (every_remote and is_remote(url))):
            kept.append(("referrerpolicy", "no-referrer"))
        return start_tag("img", kept)

    return rewrite_start_tags(markup, "img", mark)
