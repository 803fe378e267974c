"""pelican-ath: scraped NetEase (网易号) articles published clean in a Pelican
blog, with heading anchors, a table of contents and OpenCC script
conversion; the blog's own content as it was.

``PLUGINS = ["ath"]`` (or ``["pelican_ath"]``), or Pelican's automatic
loading of namespace plugins. The layers, top down (each imports only
the ones below it: ``tests/unit/test_architecture.py``)::

    cli, importer/   ``pelican-ath inspect`` and ``pelican-ath import``
    plugin     Pelican's signals -> the steps (thin glue), with content,
               variants, page_toc, cache and state beside it
    readers/   scraped files -> HTML + metadata (text exports, saved pages,
               clipper Markdown), and the pre-cleaning of every reader
    settings   ATH_* settings -> per-article options (with i18n, theme)
    treatment/ one document: scraped or the blog's own? -> flat | tree | own
    netease/   what NetEase's pages, exports and boilerplate look like, and
               its residue cleaned
    html/      the steps on HTML: scan, tree, headings, TOC, text runs
    chinese/   the steps on text: OpenCC, the repair, punctuation, quotes
"""

from .plugin import register

__all__ = ["register"]
