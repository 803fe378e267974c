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
# Traditional Chinese, the seed's script, is the site's language.
DEFAULT_LANG = "zh-Hant"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
# This site has no reStructuredText; without the rST reader docutils does not
# warn that it has no localisation for "zh-hant".
READERS = {"rst": None}

PLUGINS = ["pelican_ath"]
# The whole site in two scripts: Taiwan Traditional at the root (which also
# repairs the scrape's stray Simplified characters, 阿里云 -> 阿里雲) and
# Simplified under zh-hans/ (site name, tags, feeds too; docs/scripts.md).
ATH_SCRIPT_VARIANTS = {"zh-Hant": "s2tw", "zh-Hans": "tw2s"}

# Feeds as a real blog has them; FEED_DOMAIN makes their links absolute.
FEED_DOMAIN = "https://ath.example.org"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = 10
