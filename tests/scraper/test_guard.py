"""Links found on pages may not lead into this network (scraper/guard.py), against a real
server on 127.0.0.1. No test here sends a packet anywhere but 127.0.0.1: the connections go
through a backend that fails the test if asked to connect elsewhere."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpcore
import pytest
from sqlalchemy import select

from schedules.config import load_config
from schedules.cycle import run_cycle
from scraper.errors import FetchError
from scraper.fetch import Fetcher, FetchPolicy
from scraper.guard import Scope, guarded_transport, is_internal
from tests.site import Reply, Site
from verifier.store import open_store
from verifier.store.models import FeedEntry, FetchLog
from verifier.store.repository import TitleRegistry

NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
ARTICLE = (
    "<html><body><article><p>Moon Court season 2 arrives in May 2027.</p></article></body></html>"
)


class LoopbackOnly(httpcore.AsyncNetworkBackend):
    """The real network, for 127.0.0.1 alone: any other address fails the test."""

    def __init__(self) -> None:
        self.inner = httpcore.AnyIOBackend()
        self.connected: list[str] = []

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:  # fmt: skip
        if host != "127.0.0.1":
            pytest.fail(f"asked to connect to {host}:{port}")
        self.connected.append(host)
        return await self.inner.connect_tcp(host, port, timeout=timeout)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


async def resolver(host: str, port: int) -> list[str]:
    """DNS as the tests want it: one name inside the network, one outside, nothing else."""
    names = {"intranet.example": ["10.1.2.3"], "rebind.example": ["93.184.216.34", "192.168.0.7"]}
    if host not in names:
        raise OSError(f"no such name {host}")
    return names[host]


@pytest.mark.parametrize(
    ("address", "internal"),
    [("10.0.0.1", True), ("169.254.169.254", True), ("127.0.0.2", True), ("192.168.1.1", True),
     ("172.16.0.1", True), ("fd00::1", True), ("fe80::1", True), ("::1", True), ("224.0.0.1", True),
     ("0.0.0.0", True), ("::ffff:10.0.0.1", True), ("93.184.216.34", False),
     ("2606:4700::1111", False)],
)  # fmt: skip
def test_internal_addresses(address: str, internal: bool) -> None:
    assert is_internal(address) is internal


def fetch(url: str, scope: Scope | None, backend: LoopbackOnly) -> Any:
    async def run() -> Any:
        policy = FetchPolicy("rumour-test/1.0", host_delay=0, retries=0, robots=False)
        transport = guarded_transport(resolver, inner=backend)
        async with Fetcher(policy, transport=transport, resolver=resolver) as fetcher:
            return await fetcher.fetch(url, scope=scope)

    return asyncio.run(run())


@pytest.mark.parametrize(
    "url",
    ["http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data/", "http://127.0.0.2:8080/",
     "http://intranet.example/wiki", "http://rebind.example/", "http://[fd00::1]/"],
)  # fmt: skip
def test_a_discovered_url_into_the_network_is_refused_before_any_connection(url: str) -> None:
    backend = LoopbackOnly()
    with pytest.raises(FetchError) as caught:
        fetch(url, Scope("news.example"), backend)
    assert caught.value.kind == "refused"
    assert "is an internal address" in str(caught.value) and url in str(caught.value)
    assert backend.connected == []


def test_the_configured_host_and_allow_private_may_be_internal(site: Site) -> None:
    url = site.route("/a", body=ARTICLE)
    backend = LoopbackOnly()
    assert fetch(url, Scope("127.0.0.1"), backend).status == 200
    assert fetch(url, Scope("news.example", allow_private=True), backend).status == 200
    assert fetch(url, None, backend).status == 200  # no scope: a fetch by hand
    assert backend.connected == ["127.0.0.1"] * 3


def test_a_redirect_into_the_network_is_refused(site: Site) -> None:
    port = site.base.rsplit(":", 1)[1]
    url = site.route("/moved", Reply(302, headers={"Location": f"http://127.0.0.2:{port}/x"}))
    backend = LoopbackOnly()
    with pytest.raises(FetchError) as caught:
        fetch(url, Scope("127.0.0.1"), backend)
    assert caught.value.kind == "refused" and "127.0.0.2" in str(caught.value)
    assert site.hits["/moved"] == 1


def test_a_feed_whose_entries_point_into_the_network_has_each_refused_once(
    tmp_path: Path, site: Site
) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.route("/robots.txt", body="User-agent: *\nAllow: /\n", content_type="text/plain")
    site.route("/own", body=ARTICLE)
    site.route("/moved", Reply(302, headers={"Location": f"http://127.0.0.2:{port}/x"}))
    links = ["http://10.0.0.1/a", "http://169.254.169.254/latest/meta-data/",
             f"http://127.0.0.2:{port}/b", "http://intranet.example/c", site.url("/own"),
             site.url("/moved")]  # fmt: skip
    items = "".join(
        f"<item><title>{i}</title><link>{link}</link></item>" for i, link in enumerate(links)
    )
    site.route("/feed.xml", body=f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>',
               content_type="application/rss+xml")  # fmt: skip
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "r.db"}"\n[http]\nhost_delay = 0.0\nretries = 0\n'
        f'[[sources]]\nname = "news"\nurl = "{site.url("/feed.xml")}"\nkind = "feed"\n'
    )
    settings = load_config(config)[0]
    store = open_store(settings.database.url or "")
    backend = LoopbackOnly()
    try:
        for day in (0, 1):  # refused for good: not fetched again the next day
            run_cycle(store, settings, TitleRegistry, now=NOW + dt.timedelta(days=day),
                      transport=guarded_transport(resolver, inner=backend), resolver=resolver)  # fmt: skip
        with store.transaction() as session:
            entries = {e.url: e.status for e in session.scalars(select(FeedEntry))}
            errors = [
                log.error or ""
                for log in session.scalars(select(FetchLog).where(FetchLog.outcome == "failed"))
            ]
    finally:
        store.close()
    assert entries[site.url("/own")] != "failed"
    refused = [link for link in links if link != site.url("/own")]
    assert all(entries[link] == "failed" for link in refused), entries
    assert len(errors) == len(refused)  # one line each, and once
    assert all("is an internal address" in error for error in errors), errors
    assert set(backend.connected) == {"127.0.0.1"}
