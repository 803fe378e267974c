"""The demo site: the seed article published with pelican-ath.

Build it with ``pip install -e . && pelican content``.
"""

AUTHOR = "pelican-ath"
SITENAME = "pelican-ath 示範站"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "Asia/Shanghai"
# Taiwan Traditional: the seed's script. Docutils (the rST reader) has a
# localisation for zh-TW, so the build stays free of warnings.
DEFAULT_LANG = "zh-TW"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

PLUGINS = ["pelican_ath"]
# Repair the stray Simplified characters of the scrape (阿里云 -> 阿里雲).
ATH_SCRIPT = "s2tw"

# Feeds as a real blog has them; FEED_DOMAIN makes their links absolute.
FEED_DOMAIN = "https://ath.example.org"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = 10
