"""pelican-ath: scraped NetEase (网易号) articles published clean in a Pelican
blog, with heading anchors, a table of contents and OpenCC script
conversion; the blog's own content as it was.

``PLUGINS = ["ath"]`` (or ``["pelican_ath"]``), or Pelican's automatic
loading of namespace plugins. The data flow, top down::

    readers/   scraped files -> HTML + metadata (text exports, saved pages,
               clipper Markdown), and the pre-cleaning of every reader
    pipeline   scraped or the blog's own? -> scraped_article | own_article
    netease/   what NetEase's pages, exports and boilerplate look like
    html/      the steps on HTML: scan, tree, clean, headings, TOC, text runs
    chinese/   the steps on text: OpenCC, the repair, punctuation, quotes
    plugin     Pelican's signals -> the steps (thin glue), with settings,
               variants, cache, i18n and theme beside it
    cli, importer/   ``pelican-ath inspect`` and ``pelican-ath import``
"""

from .plugin import register

__all__ = ["register"]
