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

# The seed is in content/ byte for byte as the scraper wrote it (no header):
# what the demo sets by hand goes here, in Pelican's own per-file metadata.
# Without it, pelican-ath works out a title and a date from the text (see
# docs/readers.md).
EXTRA_PATH_METADATA = {
    "000_8bdecda8eb2986dd.txt": {
        "title": "阿里ATH事業群成立：林俊旸的告別與中國大模型的「成人禮」",
        "date": "2026-03-16 12:00",
        "category": "科技",
        "tags": "阿里巴巴, 大模型, 千問, 組織架構",
        "slug": "alibaba-ath-coming-of-age",
        "summary": (
            "阿里巴巴成立Alibaba Token Hub（ATH）事業群，千問負責人林俊旸在此前離職。"
            "本文梳理時間線、兩種組織模式的衝突，以及中國大模型行業從「技術浪漫期」"
            "進入「商業兌現期」的轉變。"
        ),
    }
}

PLUGINS = ["pelican_ath"]
# The whole site in two scripts: Taiwan Traditional at the root (which also
# repairs the scrape's stray Simplified characters, 阿里云 -> 阿里雲) and
# Simplified under zh-hans/ (site name, tags, feeds too; docs/scripts.md).
ATH_SCRIPT_VARIANTS = {"zh-Hant": "s2tw", "zh-Hans": "tw2s"}
# One kind of quotation marks in each script, in title, summary, TOC and body
# alike: the scrape's “” and the title's 「」 meet on every page otherwise.
ATH_QUOTES = {"s2tw": "corner", "tw2s": "curly"}

# Feeds as a real blog has them; FEED_DOMAIN makes their links absolute.
FEED_DOMAIN = "https://ath.example.org"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = 10
