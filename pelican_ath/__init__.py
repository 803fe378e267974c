"""pelican-ath: publish scraped NetEase (网易号) articles clean, with a table of
contents and OpenCC script conversion. Add ``"pelican_ath"`` to ``PLUGINS``."""

from .plugin import register

__all__ = ["register"]
