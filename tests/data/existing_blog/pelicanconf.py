"""An existing blog, as its author set it up before adding pelican-ath.

Its own Markdown, reStructuredText and HTML articles; Markdown's toc and
footnotes extensions; robots.txt and humans.txt published through
EXTRA_PATH_METADATA (Pelican's documented set-up); a keybase.txt in a static
folder; two text notes in content/ (hello.txt; notes/pandas-rename.txt with
an indented code line) that Pelican ignores; template overrides that read a ``toc:`` metadata of the blog's own
and excerpt ``content`` on the archives page. Tests build it with and
without pelican-ath and with other plugins (see tests/test_existing_blog.py).
"""

AUTHOR = "某人"
SITENAME = "既有的部落格"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Asia/Taipei"
DEFAULT_LANG = "zh-TW"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

PATH = "content"
STATIC_PATHS = ["images", "static", "extra/robots.txt", "extra/humans.txt"]
EXTRA_PATH_METADATA = {
    "extra/robots.txt": {"path": "robots.txt"},
    "extra/humans.txt": {"path": "humans.txt"},
}
THEME_TEMPLATES_OVERRIDES = ["templates"]

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {},
        "markdown.extensions.footnotes": {},
    },
    "output_format": "html5",
}

FEED_DOMAIN = "https://blog.example.org"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False
DEFAULT_PAGINATION = False

PLUGINS = ["render_math", "simple_footnotes", "series"]
