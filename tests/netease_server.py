"""A stand-in for NetEase on 127.0.0.1: pages and images served by a stdlib
HTTP server in a thread, with the misbehaviours an importer meets (404, a
500 then a 200, a slow answer, a host that refuses a foreign ``Referer``, an
oversize image, HTML where an image should be, a redirect loop).

The pages are this project's own markup, reproducing the structure of a
网易号 (dy) page, a 网易新闻 (news) page and a mobile page; their image URLs
point at the server. :func:`real_page` serves the saved real pages in
``../shared/netease/`` with their image host rewritten to the server.
"""

from __future__ import annotations

import http.server
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DY_ID = "GTESTDY0000000AB"
NEWS_ID = "KTESTNEWS00189FH"
MOBILE_ID = "MTESTMOB0514R9P4"


def png(
    width: int = 4,
    height: int = 3,
    rgb: tuple[int, int, int] = (200, 30, 30),
    *,
    compress: bool = True,
) -> bytes:
    """A valid PNG of one colour (uncompressed: about ``3 * width * height``
    bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height, 9 if compress else 0))
        + chunk(b"IEND", b"")
    )


#: A 1×1 GIF.
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01"
    b"\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds to wait before answering.
    delay: float = 0.0
    #: Answer 403 unless the request's Referer is exactly this.
    referer: str | None = None
    #: Seconds between two bytes of the answer (status line and headers too).
    trickle: float = 0.0


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client that closed its connection (timeouts, size limits)


class FakeNetEase:
    """Routes (a path, with or without its query) to answers; a list of
    answers is served one per request, the last one from then on.

    ``latency``: seconds every request waits before its answer. The server
    counts the connections open at once and the requests being answered at
    once (from the request read to just before its answer is sent, so that a
    client that waits for each answer is never seen over its own count):
    :attr:`most_connections`, :attr:`most_requests`."""

    def __init__(self, latency: float = 0.0) -> None:
        self.routes: dict[str, list[Answer]] = {}
        self.requests: list[Request] = []
        self.latency = latency
        self.connections = self.most_connections = 0
        self.in_flight = self.most_requests = 0
        #: When each request was read (:func:`time.monotonic`), by path.
        self.times: dict[str, list[float]] = {}
        self._count = threading.Lock()
        self._server: http.server.ThreadingHTTPServer | None = None

    def _counted(self, name: str, step: int) -> None:
        with self._count:
            now = getattr(self, name) + step
            setattr(self, name, now)
            most = "most_connections" if name == "connections" else "most_requests"
            setattr(self, most, max(getattr(self, most), now))

    @property
    def base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, *answers: Answer) -> str:
        self.routes[path] = list(answers)
        return self.url(path)

    def page(self, path: str, markup: str, **options) -> str:
        return self.add(path, Answer(body=markup.encode("utf-8"), **options))

    def image(self, path: str, data: bytes, kind: str = "image/png", **options) -> str:
        return self.add(path, Answer(body=data, type=kind, **options))

    def requested(self, path: str) -> int:
        """How many requests asked for ``path`` (with or without a query)."""
        return sum(
            1 for r in self.requests if r.path == path or r.path.split("?")[0] == path
        )

    def _answer(self, path: str) -> Answer:
        answers = self.routes.get(path) or self.routes.get(urlsplit(path).path)
        if not answers:
            return Answer(status=404, body=b"<h1>404</h1>")
        return answers.pop(0) if len(answers) > 1 else answers[0]

    def start(self) -> FakeNetEase:
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            #: headers and body in two writes: without this, each answer on
            #: a kept-alive connection waits for the client's delayed ACK (40 ms)
            disable_nagle_algorithm = True

            def setup(self) -> None:
                site._counted("connections", 1)
                super().setup()

            def finish(self) -> None:
                super().finish()
                site._counted("connections", -1)

            def do_GET(self) -> None:
                site._counted("in_flight", 1)
                site.times.setdefault(self.path, []).append(time.monotonic())
                site.requests.append(Request(self.path, dict(self.headers.items())))
                answer = site._answer(self.path)
                if answer.delay or site.latency:
                    time.sleep(answer.delay + site.latency)
                site._counted("in_flight", -1)
                if (
                    answer.referer is not None
                    and self.headers.get("Referer") != answer.referer
                ):
                    answer = Answer(status=403, body=b"hot-linking refused")
                try:
                    self.send_response(answer.status)
                    if answer.type:
                        self.send_header("Content-Type", answer.type)
                    self.send_header("Content-Length", str(len(answer.body)))
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    if not answer.trickle:
                        self.end_headers()
                        self.wfile.write(answer.body)
                        return
                    self._headers_buffer.append(b"\r\n")
                    whole = b"".join(self._headers_buffer) + answer.body
                    self._headers_buffer = []
                    for at in range(len(whole)):
                        self.wfile.write(whole[at : at + 1])
                        self.wfile.flush()
                        time.sleep(answer.trickle)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout, a size limit)

            def log_message(self, *args) -> None:
                pass

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


# -- the pages ---------------------------------------------------------------------


def dy_page(base: str) -> str:
    """A 网易号 article: h1.post_title, div.post_info with the 来源 link,
    div.post_body with p.f_center images (one with its caption), bold
    sub-headings, then the platform disclaimer and the page's chrome."""
    return f"""<!DOCTYPE html>
<html id="ne_wrap">
<head>
<meta charset="utf-8">
<title>测试标题：A&lt;B 一篇网易号文章_网易订阅</title>
<link rel="canonical" href="https://www.163.com/dy/article/{DY_ID}.html">
<meta property="article:published_time" content="2024-03-01T09:30:00+08:00">
</head>
<body>
<div class="N-nav-channel">首页 新闻 体育</div>
<div class="post_main">
<h1 class="post_title">测试标题：A&lt;B 一篇网易号文章</h1>
<div class="post_info">2024-03-01 09:30:00　来源: <a href="https://www.163.com/dy/media/T1400000000001.html">测试账号</a></div>
<div class="post_content" id="content">
<div class="post_body">
<p>第一段正文，讲一件事。</p>
<p class="f_center"><img src="{base}/dy/a.png"><br>图一：现场照片</p>
<p><strong>第一个小标题</strong></p>
<p>第二段正文 &amp; 符号 &lt;script&gt;不是标签&lt;/script&gt;。</p>
<p class="f_center"><img src="{base}/dy/b.gif"></p>
<p><strong>第二个小标题</strong></p>
<p>第三段，同一张图再出现一次：</p>
<p class="f_center"><img src="{base}/dy/a.png"></p>
<p>最后一段。</p>
</div>
<div class="post_statement"><p>特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。</p><p>Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of NetEase Hao, which is a social media platform and only provides information storage services.</p></div>
<div class="post_comment">跟贴 0</div>
<div class="post_next">返回网易首页</div>
</div>
<div class="post_wemedia"><div class="post_wemedia_name">测试账号</div></div>
</div>
</body>
</html>
"""


def news_page(base: str) -> str:
    """A 网易新闻 own-channel article: （原标题：…）, images with a caption in
    the next paragraph, a hidden logo, and the 本文来源 / 责任编辑 line."""
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>测试新闻：停摆的影响_网易新闻</title>
<link rel="canonical" href="https://www.163.com/news/article/{NEWS_ID}.html">
<meta property="og:url" content="https://www.163.com/news/article/{NEWS_ID}.html">
<meta property="article:published_time" content="2025-10-16T20:02:18+08:00">
</head>
<body>
<div class="post_main">
<h1 class="post_title">测试新闻：停摆的影响</h1>
<div class="post_info">2025-10-16 20:02:18　来源: <a id="ne_article_source" href="https://news.example.cn/a?id=1&amp;from=163">测试电台</a></div>
<div class="post_content">
<div class="post_body">
<p class="otitle">（原标题：测试新闻原来的标题）</p>
<p>导语：多家媒体关注此事。</p>
<p class="f_center"><img onerror="javascript:this.style.opacity = 0;" src="{base}/cms/c.png" style="margin: 0px auto; display: block;"></p>
<p>图注：一张图。</p>
<p><b>各方反应</b></p>
<p>正文第二段。</p>
<p class="f_center"><img src="{base}/cms/d.png"></p>
<p>正文第三段。</p>
<div style="height: 0px; overflow: hidden;"><img src="{base}/cms/logo.png"></div>
<div class="post_author">本文来源：测试电台 责任编辑：张三_NF1234</div>
</div>
</div>
</div>
</body>
</html>
"""


def mobile_page(base: str) -> str:
    """A mobile (m.163.com) article: section.article-body, lazy images
    (``data-src``) with a placeholder ``src``."""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>移动版测试文章_手机网易网</title>
<meta property="og:url" content="https://m.163.com/dy/article/{MOBILE_ID}.html">
</head>
<body>
<article class="article-box">
<header class="article-header">
<h1 class="title">移动版测试文章</h1>
<div class="info"><a class="author-homePage" href="https://m.163.com/dy/media/T9.html">移动账号</a>
<time datetime="2024-08-02 09:15:00">08-02 09:15</time></div>
</header>
<section class="article-body js-article-body">
<p>移动版第一段。</p>
<div class="photo"><img data-src="{base}/m/e.png" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><span class="photo-desc">移动版图说</span></div>
<div class="s-tip js-open-app">打开网易新闻 查看精彩图片</div>
<p>移动版第二段。</p>
</section>
</article>
</body>
</html>
"""


#: The image paths each fixture page uses, and what they serve.
DY_IMAGES = {
    "/dy/a.png": (png(320, 180), "image/png"),
    "/dy/b.gif": (GIF, "image/gif"),
}
NEWS_IMAGES = {
    "/cms/c.png": (png(320, 200, (30, 120, 30)), "image/png"),
    "/cms/d.png": (png(200, 300, (30, 30, 160)), "image/png"),
    "/cms/logo.png": (png(1, 1), "image/png"),
}
MOBILE_IMAGES = {"/m/e.png": (png(300, 200, (200, 160, 0)), "image/png")}


def serve_article(
    server: FakeNetEase,
    path: str,
    markup: str,
    images: dict[str, tuple[bytes, str]],
    *,
    check_referer: bool = True,
) -> str:
    """Serve a page and its images (which, like NetEase's image hosts,
    refuse a request whose Referer is not the page); the page's URL."""
    url = server.page(path, markup)
    for image_path, (data, kind) in images.items():
        server.image(image_path, data, kind, referer=url if check_referer else None)
    return url


def serve_dy(server: FakeNetEase, **options) -> str:
    return serve_article(
        server, f"/dy/article/{DY_ID}.html", dy_page(server.base), DY_IMAGES, **options
    )


def serve_news(server: FakeNetEase, **options) -> str:
    return serve_article(
        server,
        f"/news/article/{NEWS_ID}.html",
        news_page(server.base),
        NEWS_IMAGES,
        **options,
    )


def serve_mobile(server: FakeNetEase, **options) -> str:
    return serve_article(
        server,
        f"/dy/article/{MOBILE_ID}.html",
        mobile_page(server.base),
        MOBILE_IMAGES,
        **options,
    )


#: NetEase's image host in the real pages.
REAL_IMAGE_HOST = "https://nimg.ws.126.net/"


def real_page(server: FakeNetEase, sample: Path) -> str:
    """Serve a saved real page with its image host on the server (any image
    URL of the host gives the same PNG, and refuses a foreign Referer); the
    page's URL."""
    images = f"/nimg-{sample.name[:2]}/"
    data = sample.read_bytes().replace(
        REAL_IMAGE_HOST.encode(), server.url(images).encode()
    )
    url = server.add("/real/" + sample.name, Answer(body=data))
    server.image(images, png(8, 8, (90, 90, 90)), referer=url)
    return url
