"""Cycle cost: 1,000 articles through a feed served from 127.0.0.1.

    python bench/cycle.py [--articles 1000] [--latency 0.05]

Prints, for a fresh SQLite database:
- the first cycle: pages per second and traced peak memory (a second, traced
  run on a fresh database, so tracing does not slow the timed one);
- the second cycle with nothing changed, as a ratio of the first (the feed
  answers 304 and every entry was fetched already, so nothing is parsed);
- the first cycle again with ``--latency`` seconds added to every response,
  at per-host limits of 1, 2 and 8, to show concurrency working within them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schedules.app import config_registry  # noqa: E402
from schedules.config import RumourConfig  # noqa: E402
from schedules.cycle import CycleReport, run_cycle  # noqa: E402
from verifier.store import open_store  # noqa: E402

TITLES = ["Moon Court", "Paper Crane", "Night Harbor", "Glass Orchard", "Silver Tide"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def article(i: int) -> str:
    title, month = TITLES[i % len(TITLES)], MONTHS[i % len(MONTHS)]
    return (
        f"<html><head><title>{title} season {i % 4 + 2} news {i}</title>"
        "<meta property='article:published_time' content='2026-10-01'></head><body>"
        "<nav><a href='/'>Home</a></nav><article>"
        f"<p>Insiders say {title} season {i % 4 + 2} will premiere in {month} 2027, story {i}.</p>"
        "<p>Filming wrapped in August 2026 after a long shoot in Seoul and Busan.</p>"
        + "<p>Background paragraph about the cast and the story so far. </p>" * 8
        + "</article><aside class='related'>Related stories</aside></body></html>"
    )


class Site:
    def __init__(self, articles: int) -> None:
        self.latency = 0.0
        pages = {f"/a/{i}": article(i).encode() for i in range(articles)}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                if site.latency:
                    time.sleep(site.latency)
                if self.path == "/feed.xml":
                    if self.headers.get("If-None-Match") == '"feed-1"':
                        self.send_response(304)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    body, kind = site.feed, "application/rss+xml"
                elif self.path in pages:
                    body, kind = pages[self.path], "text/html; charset=utf-8"
                else:
                    body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", '"feed-1"')
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        items = "".join(
            f"<item><title>story {i}</title><link>{self.base}/a/{i}</link></item>"
            for i in range(articles)
        )
        self.feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}</channel></rss>'.encode()
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()


def config(site: Site, directory: Path, articles: int, per_host: int) -> RumourConfig:
    return RumourConfig.model_validate(
        {
            "database": {"url": f"sqlite:///{directory / 'bench.db'}"},
            "http": {
                "host_delay": 0.0,
                "per_host": per_host,
                "concurrency": 8,
                "max_articles": articles,
                "retries": 0,
                "timeout": 30.0,
            },
            "sources": [{"name": "feed", "url": f"{site.base}/feed.xml", "kind": "feed"}],
        },
        strict=False,
    )


def cycle(settings: RumourConfig, now: dt.datetime) -> tuple[float, CycleReport]:
    store = open_store(settings.database.url or "")
    try:
        start = time.perf_counter()
        report = run_cycle(store, settings, lambda s: config_registry(s, settings), now=now)
        return time.perf_counter() - start, report
    finally:
        store.close()


def fresh(site: Site, articles: int, per_host: int, now: dt.datetime) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        settings = config(site, Path(tmp), articles, per_host)
        first, report = cycle(settings, now)
        second, again = cycle(settings, now + dt.timedelta(days=1))
        return first, report, second, again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    site = Site(args.articles)
    now = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    pages = args.articles + 2  # the articles, the feed and robots.txt

    first, report, second, again = fresh(site, args.articles, 8, now)
    print(f"first cycle: {pages} pages in {first:.2f}s = {pages / first:.0f} pages/s; "
          f"{report.total('new_documents')} documents, {report.total('new_claims')} claims")  # fmt: skip
    print(f"second cycle, nothing changed: {second * 1000:.0f} ms = {second / first:.1%} of the "
          f"first ({again.summary()})")  # fmt: skip

    tracemalloc.start()
    fresh(site, args.articles, 8, now)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"traced peak memory over both cycles: {peak / 2**20:.1f} MiB")

    site.latency = args.latency
    for per_host in (1, 2, 8):
        seconds, *_ = fresh(site, args.articles, per_host, now)
        print(f"with {args.latency * 1000:.0f} ms latency per request, per_host={per_host}: "
              f"{seconds:.2f}s = {pages / seconds:.0f} pages/s")  # fmt: skip


if __name__ == "__main__":
    main()
