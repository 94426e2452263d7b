"""Fetching against a real server on 127.0.0.1 with injected faults."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Iterator

import pytest

from scraper.errors import FetchError
from scraper.fetch import Fetched, Fetcher, FetchPolicy
from tests.site import Reply, Site

PAGE = "<html><body><p>Ember Road season 2 arrives in October 2026.</p></body></html>"


class Clock:
    """Time that moves only when the fetcher sleeps: no test waits for a back-off."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def fetch(url: str, clock: Clock | None = None, **policy: object) -> Fetched:
    clock = clock or Clock()
    settings = {"host_delay": 0.0, "backoff": 1.0, "retries": 2, "timeout": 2.0, **policy}

    async def run() -> Fetched:
        async with Fetcher(
            FetchPolicy("rumour-test/1.0", **settings),  # type: ignore[arg-type]
            sleep=clock.sleep,
            clock=clock,
            jitter=lambda: 0.5,
        ) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(run())


def fails(url: str, kind: str, **policy: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, **policy)
    assert caught.value.kind == kind, str(caught.value)
    assert url in str(caught.value)
    return caught.value


def test_a_page_is_fetched_with_its_validators(site: Site) -> None:
    url = site.route(
        "/p", body=PAGE, headers={"ETag": '"v1"', "Last-Modified": "Tue, 03 Nov 2026 10:00:00 GMT"}
    )
    page = fetch(url)
    assert (page.status, page.body.decode(), page.etag) == (200, PAGE, '"v1"')
    assert page.content_type == "text/html" and page.charset == "utf-8"
    assert page.last_modified == "Tue, 03 Nov 2026 10:00:00 GMT"


def test_conditional_get_sends_the_validators_back_and_a_304_has_no_body(site: Site) -> None:
    url = site.route("/p", Reply(304, content_type=""))

    async def run() -> Fetched:
        async with Fetcher(FetchPolicy("ua", host_delay=0)) as fetcher:
            return await fetcher.fetch(
                url, etag='"v1"', last_modified="Tue, 03 Nov 2026 10:00:00 GMT"
            )

    page = asyncio.run(run())
    assert page.not_modified and page.body == b""
    headers = dict(site.requests[-1][1])
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Tue, 03 Nov 2026 10:00:00 GMT"


def test_404_fails_at_once(site: Site) -> None:
    error = fails(site.url("/missing"), "http")
    assert error.status == 404
    assert site.hits["/missing"] == 1


def test_500_then_success_is_retried_with_backoff(site: Site) -> None:
    url = site.route("/p", Reply(500), Reply(502), Reply(body=PAGE))
    clock = Clock()
    page = fetch(url, clock)
    assert page.body.decode() == PAGE and page.attempts == 3
    assert clock.sleeps == [1.0, 2.0]  # backoff 1s, doubled; jitter fixed at the middle


def test_persistent_500_gives_up_after_the_retries(site: Site) -> None:
    url = site.route("/p", status=500)
    assert fails(url, "http").status == 500
    assert site.hits["/p"] == 3


def test_429_waits_for_retry_after(site: Site) -> None:
    url = site.route("/p", Reply(429, headers={"Retry-After": "7"}), Reply(body=PAGE))
    clock = Clock()
    assert fetch(url, clock).status == 200
    assert clock.sleeps == [7.0]


def test_a_retry_after_past_the_cap_fails_and_says_when(site: Site) -> None:
    url = site.route("/p", Reply(503, headers={"Retry-After": "3600"}))
    error = fails(url, "http", max_retry_after=120)
    assert error.retry_after == 3600 and site.hits["/p"] == 1


def test_a_slow_response_times_out(site: Site) -> None:
    url = site.route("/p", body=PAGE, delay=1.0)
    assert "timed out after 0.3s" in str(fails(url, "timeout", timeout=0.3, retries=0))


def test_connection_refused_is_a_network_error() -> None:
    fails("http://127.0.0.1:9/", "network", retries=1, robots=False)


def test_a_truncated_body_is_an_error(site: Site) -> None:
    url = site.route("/p", body=PAGE[:20], length=5000)
    assert "body cut short" in str(fails(url, "network", retries=0))


def test_a_non_html_content_type_is_skipped(site: Site) -> None:
    url = site.route("/p", body=b"\x89PNG....", content_type="image/png")
    assert "image/png" in str(fails(url, "content_type"))


def test_a_declared_50_mb_page_is_refused_before_reading(site: Site) -> None:
    url = site.route("/p", body=b"x" * 100, length=50 * 1024 * 1024)
    fails(url, "too_large", retries=0)


def _endless(size: int) -> Iterator[bytes]:
    chunk = b"<p>" + b"a" * 65_530 + b"</p>"
    for _ in range(size // len(chunk)):
        yield chunk


def test_a_streamed_50_mb_page_stops_at_the_cap(site: Site) -> None:
    url = site.route("/p", chunks=_endless(50 * 1024 * 1024))
    fails(url, "too_large", max_bytes=1024 * 1024, retries=0)


def test_a_gzip_bomb_stops_at_the_decompression_cap(site: Site) -> None:
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024))
    url = site.route("/p", body=bomb, headers={"Content-Encoding": "gzip"})
    assert len(bomb) < 1024 * 1024
    assert "decompresses past" in str(fails(url, "too_large", max_bytes=1024 * 1024))


def test_gzip_bodies_are_decoded(site: Site) -> None:
    url = site.route("/p", body=gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
    assert fetch(url).body.decode() == PAGE


def test_a_redirect_loop_ends(site: Site) -> None:
    site.route("/a", Reply(302, headers={"Location": "/b"}))
    url = site.route("/b", Reply(302, headers={"Location": "/a"}))
    fails(url, "redirects")


def test_a_redirect_to_another_scheme_is_refused(site: Site) -> None:
    url = site.route("/p", Reply(301, headers={"Location": "ftp://example.com/file"}))
    assert "non-http(s)" in str(fails(url, "scheme"))


def test_redirects_are_followed(site: Site) -> None:
    site.route("/new", body=PAGE)
    url = site.route("/old", Reply(301, headers={"Location": "/new"}))
    page = fetch(url)
    assert page.final_url == site.url("/new") and page.url == url


def test_robots_txt_disallow_is_obeyed(site: Site) -> None:
    site.route(
        "/robots.txt", body="User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    url = site.route("/private/p", body=PAGE)
    fails(url, "robots", robots=True)
    assert site.hits["/private/p"] == 0
    assert fetch(site.route("/public", body=PAGE), robots=True).status == 200
    assert site.hits["/robots.txt"] == 2  # once per Fetcher, i.e. once per cycle


def test_a_failing_robots_txt_allows_nothing_and_says_so(site: Site) -> None:
    site.route("/robots.txt", status=500)
    url = site.route("/p", body=PAGE)
    error = fails(url, "http", robots=True, retries=0)
    assert "robots.txt answered HTTP 500; not fetched" in str(error)
    assert site.hits["/p"] == 0


def test_a_host_that_refuses_connections_is_unreachable_not_a_robots_txt_problem() -> None:
    error = fails("http://127.0.0.1:9/news", "network", retries=1, robots=True)
    assert "host unreachable" in str(error) and "robots.txt unreachable" not in str(error)


def test_a_page_that_never_answers_costs_one_timeout_not_one_per_retry(site: Site) -> None:
    site.route("/robots.txt", body="User-agent: *\nAllow: /\n", content_type="text/plain")
    url = site.route("/slow", body=PAGE, delay=1.0)
    clock = Clock()
    with pytest.raises(FetchError) as caught:
        fetch(url, clock, timeout=0.3, retries=3, robots=True)
    assert caught.value.kind == "timeout"
    assert site.hits["/slow"] == 1 and clock.sleeps == []


def test_requests_to_one_host_keep_their_distance_and_limit(site: Site) -> None:
    for i in range(6):
        site.route(f"/p{i}", body=PAGE, delay=0.05)
    clock = Clock()

    async def run() -> list[Fetched]:
        policy = FetchPolicy("ua", host_delay=5.0, per_host=2, robots=False)
        async with Fetcher(policy, sleep=clock.sleep, clock=clock) as fetcher:
            return await asyncio.gather(*(fetcher.fetch(site.url(f"/p{i}")) for i in range(6)))

    assert len(asyncio.run(run())) == 6
    assert site.max_in_flight <= 2
    assert clock.sleeps == [5.0] * 5  # every request after the first waits its turn


def test_a_request_waiting_for_its_hosts_turn_holds_no_global_slot(site: Site) -> None:
    """With one slot for all hosts, the request that waits out the host delay leaves the
    slot free meanwhile: other hosts' requests are not held up behind it."""
    for i in range(2):
        site.route(f"/q{i}", body=PAGE)
    clock = Clock()
    free_while_waiting: list[bool] = []

    async def run() -> None:
        policy = FetchPolicy("ua", host_delay=5.0, concurrency=1, robots=False)
        fetcher = Fetcher(policy, sleep=clock.sleep, clock=clock)

        async def sleep(seconds: float) -> None:
            free_while_waiting.append(not fetcher._slots.locked())
            await clock.sleep(seconds)

        fetcher._sleep = sleep
        async with fetcher:
            await fetcher.fetch(site.url("/q0"))
            await fetcher.fetch(site.url("/q1"))  # its host's turn comes 5 s after the first

    asyncio.run(run())
    assert clock.sleeps == [5.0] and free_while_waiting == [True]
