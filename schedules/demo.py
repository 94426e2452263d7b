"""``rumour demo``: the whole job, offline, on a small site served from 127.0.0.1.

The site is a simulation written for this demo: a news feed with four
articles (an All of Us Are Dead season 2 release-date rumour, and one in Korean under
the title's Korean name), a
streamer's complete 2026 Korean series line-up, and a newsroom page. A first
cycle stores and verifies everything in a fresh SQLite database; then the
newsroom announces a date, a second cycle runs, and the verdict changes show.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from schedules.config import RumourConfig

AOUAD = """<html><head><title>All of Us Are Dead season 2: what we know about the release date</title>
<meta property="article:published_time" content="2026-03-10"></head><body>
<nav><a href="/">Home</a> <a href="/tv">TV</a></nav>
<article><h1>All of Us Are Dead season 2: what we know about the release date</h1>
<p>Fans have waited a long time for more of the zombie high-school drama. First released in
January 2022, the show became one of the streamer's biggest non-English hits, and it was renewed
in June 2022.</p>
<p>Posts on fan forums insist that All of Us Are Dead season 2 will be released on Netflix in
December 2026. We could not find anything to back that up.</p>
<p>Cameras started rolling in July 2025 and the shoot wrapped in mid-February 2026. Post-production
on a show of this size takes many months, so the new season is more likely to arrive sometime in
2027.</p></article>
<aside class="related"><p>Also read: Paper Crane season 4 is set for March 2031.</p></aside>
</body></html>"""

# A Korean article on the same title, under its Korean name (the config's alias): its claim
# is verified against the English newsroom's date.
AOUAD_KO = """<html><head><title>'지금 우리 학교는' 시즌2, 내년 2월 공개설</title>
<meta property="article:published_time" content="2026-11-18"></head><body><article>
<h1>'지금 우리 학교는' 시즌2, 내년 2월 공개설</h1>
<p>넷플릭스 관계자에 따르면 '지금 우리 학교는' 시즌2는 내년 2월 공개될 예정이다. 넷플릭스는
아직 공식 일정을 발표하지 않았다.</p></article></body></html>"""

NIGHT_HARBOR = """<html><head><title>Night Harbor season 2 date leaks</title>
<meta property="article:published_time" content="2026-03-12"></head><body><article>
<h1>Night Harbor season 2 date leaks</h1>
<p>According to insiders, Night Harbor season 2 will premiere in November 2026. The streamer
has only said that the thriller returns later this year.</p></article></body></html>"""

GENTLE_RAIN = """<html><head><title>Gentle Rain is the quiet hit of the spring</title>
<meta property="article:published_time" content="2026-06-02"></head><body><article>
<h1>Gentle Rain is the quiet hit of the spring</h1>
<p>Gentle Rain premiered on May 15, 2026, and has stayed in the top ten ever since.</p>
</article></body></html>"""

SLATE = """<html><head><title>Our 2026 Korean series line-up</title></head><body>
<h1>Our 2026 Korean series line-up</h1>
<p>Every Korean series coming to the service this year.</p>
<table><tr><th>Title</th><th>Genre</th><th>Release</th></tr>
<tr><td>Gentle Rain</td><td>Romance</td><td>May 15, 2026</td></tr>
<tr><td>Night Harbor: Season 2</td><td>Thriller</td><td>Q4 2026</td></tr>
<tr><td>Paper Crane</td><td>Comedy</td><td>December 2026</td></tr>
</table></body></html>"""

NEWSROOM_BEFORE = """<html><head><title>Newsroom</title></head><body><article>
<h1>Newsroom</h1><p>No new announcements this week.</p></article></body></html>"""

NEWSROOM_AFTER = """<html><head><title>Newsroom: All of Us Are Dead returns</title>
<meta property="article:published_time" content="2026-11-23"></head><body><article>
<h1>All of Us Are Dead returns</h1>
<p>The streamer announced today that All of Us Are Dead season 2 will premiere on
February 12, 2027.</p></article></body></html>"""


def _feed(base: str) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link></item>"
        for path, title in (
            ("/news/aouad-season-2", "All of Us Are Dead season 2 release date"),
            ("/news/night-harbor", "Night Harbor season 2 date leaks"),
            ("/news/gentle-rain", "Gentle Rain is the quiet hit of the spring"),
            ("/news/aouad-season-2-ko", "'지금 우리 학교는' 시즌2, 내년 2월 공개설"),
        )
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Screen Desk (demo)</title>'
        f"{items}</channel></rss>"
    )


class DemoSite:
    """The demo's pages, served from 127.0.0.1; ``announce()`` publishes the news."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, str]] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                page = site.pages.get(self.path)
                body = (page[1] if page else "not found").encode()
                self.send_response(200 if page else 404)
                self.send_header("Content-Type", page[0] if page else "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        html, xml = "text/html; charset=utf-8", "application/rss+xml"
        self.pages.update({
            "/robots.txt": ("text/plain", "User-agent: *\nAllow: /\n"),
            "/news/feed.xml": (xml, _feed(self.base)),
            "/news/aouad-season-2": (html, AOUAD),
            "/news/night-harbor": (html, NIGHT_HARBOR),
            "/news/gentle-rain": (html, GENTLE_RAIN),
            "/news/aouad-season-2-ko": (html, AOUAD_KO),
            "/streamer/2026-korean-series": (html, SLATE),
            "/streamer/newsroom": (html, NEWSROOM_BEFORE),
        })  # fmt: skip

    def announce(self) -> None:
        self.pages["/streamer/newsroom"] = ("text/html; charset=utf-8", NEWSROOM_AFTER)

    @contextmanager
    def running(self) -> Iterator[DemoSite]:
        thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()


def demo_config(base: str, directory: Path) -> RumourConfig:
    """The demo's config: its own SQLite database, the site's three sources, one watched
    title, and a desk that gets alerts (delivered to a ``Mailbox``)."""
    return RumourConfig.model_validate(
        {
            "database": {"url": f"sqlite:///{directory / 'rumour.db'}"},
            "http": {"host_delay": 0.0, "retries": 1, "timeout": 10.0},
            "sources": [
                {
                    "name": "screen-desk",
                    "url": f"{base}/news/feed.xml",
                    "kind": "feed",
                    "every": "30m",
                },
                {
                    "name": "streamer-2026-korean-series",
                    "url": f"{base}/streamer/2026-korean-series",
                    "role": "official",
                    "every": "6h",
                    "slate": {"year": 2026, "scope": "Korean series", "complete": True},
                },
                {
                    "name": "streamer-newsroom",
                    "url": f"{base}/streamer/newsroom",
                    "role": "official",
                    "every": "1h",
                },
            ],
            "titles": [
                {
                    "name": "All of Us Are Dead",
                    "aliases": ["지금 우리 학교는"],
                    "scopes": ["Korean series"],
                }
            ],
            "alerts": {"recipients": ["desk@newsroom.example"], "from": "rumour@newsroom.example"},
        },
        strict=False,
    )


class Mailbox:
    """Where the demo's alert emails go instead of an SMTP server: kept, to be shown."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def send(self, message: EmailMessage) -> None:
        self.messages.append(message)


FIRST_CYCLE = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)
SECOND_CYCLE = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
