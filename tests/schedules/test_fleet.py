"""Workers sharing a cycle on PostgreSQL (``schedules.leases``): real processes, real HTTP
servers on 127.0.0.1 (one per host), one database.

A source is fetched once however many workers run; the per-host limit holds for the
fleet; a worker that dies loses its hosts when its claims expire, and one that lost a
claim writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from schedules.config import SourceConfig
from schedules.leases import Leases, origin
from schedules.sources import sync_sources
from tests.site import Reply, Site
from verifier.store import Store
from verifier.store.models import HostLease, Source, utcnow

pytestmark = pytest.mark.postgres
RUN = "from schedules.cli import main; main()"
NOW = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)


def _article(n: int) -> str:
    return (
        f"<html><head><title>Ridge {n}</title>"
        "<meta property='article:published_time' content='2026-11-20'></head><body><article>"
        f"<h1>Ridge {n} news</h1><p>StreamHub said the drama Ridge {n} will premiere on "
        f"March {n % 27 + 1}, 2027.</p></article></body></html>"
    )


@pytest.fixture
def hosts() -> Iterator[list[Site]]:
    sites = [Site() for _ in range(4)]
    for site in sites:
        site.start()
    yield sites
    for site in sites:
        site.stop()


@pytest.fixture
def pg_url(database_url: str) -> str:
    if not database_url.startswith("postgresql"):
        pytest.skip("workers share a cycle on PostgreSQL only (SQLite has one writer)")
    return database_url


def test_workers_started_together_fetch_each_source_once_and_keep_the_host_limit_fleet_wide(
    pg_url: str, hosts: list[Site], tmp_path: Path
) -> None:
    config = tmp_path / "rumour.toml"
    text = (
        "[http]\nhost_delay = 0.0\nretries = 0\nper_host = 1\nrobots = false\n"
        "[fleet]\nhosts_per_batch = 1\n"
    )
    number = 0
    for site in hosts:
        for _ in range(6):
            number += 1
            site.route(f"/r{number}", Reply(body=_article(number), delay=0.3))
            text += f'[[sources]]\nname = "r{number}"\nurl = "{site.url(f"/r{number}")}"\nevery = "1h"\n'
    config.write_text(text)
    env = {**os.environ, "RUMOUR_DATABASE_URL": pg_url, "RUMOUR_CONFIG": str(config)}
    runs = [
        subprocess.Popen([sys.executable, "-c", RUN, "run", "--once", "--json"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]  # fmt: skip
    outputs = [run.communicate(timeout=180) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err for _, err in outputs]
    fetched = [json.loads(out)["sources"]["fetched"] for out, _ in outputs]
    assert sum(fetched) == number  # every source written once, by one worker
    assert sum(1 for n in fetched if n) >= 2  # and the work was shared
    for site in hosts:
        assert set(site.hits.values()) == {1}  # no source fetched twice
        assert site.max_delaying == 1  # per_host = 1 held for the fleet, not per worker


def _two_hosts(store: Store, sites: list[Site]) -> None:
    specs = [
        SourceConfig(name=f"s{i}", url=site.url(f"/s{i}"), every="1h")
        for i, site in enumerate(sites[:2])
    ]
    with store.transaction() as session:
        sync_sources(session, specs, NOW)


def test_a_dead_workers_hosts_are_taken_over_when_its_claims_expire(
    pg_url: str, store: Store, hosts: list[Site]
) -> None:
    _two_hosts(store, hosts)
    dead, alive = Leases("dead", 60), Leases("alive", 60)
    with store.transaction() as session:
        claimed = dead.claim_batch(session, NOW, 1)
    assert [d.name for d in claimed] == ["s0"]
    with store.transaction() as session:  # the other host is free; the dead one's is not
        assert [d.name for d in alive.claim_batch(session, NOW, 5)] == ["s1"]
        alive.release(session)
    with store.transaction() as session:
        assert [d.name for d in alive.claim_batch(session, NOW, 5, done={claimed[0].id + 1})] == []
    with store.transaction() as session:  # the dead worker's claim runs out
        session.execute(update(HostLease).values(expires_at=utcnow() - dt.timedelta(seconds=1))
                        .where(HostLease.holder == "dead"))  # fmt: skip
    with store.transaction() as session:
        assert [d.name for d in alive.claim_batch(session, NOW, 5)] == ["s0", "s1"]
    with store.transaction() as session:  # a worker that lost its claim writes nothing
        assert not dead.holds(session, hosts[0].url("/s0"))
        assert alive.holds(session, hosts[0].url("/s0"))
        holders = dict(session.execute(select(HostLease.host, HostLease.holder)).all())
    assert holders == {origin(hosts[0].base): "alive", origin(hosts[1].base): "alive"}


def test_a_host_whose_sources_were_written_meanwhile_yields_nothing_to_its_next_holder(
    pg_url: str, store: Store, hosts: list[Site]
) -> None:
    _two_hosts(store, hosts)
    first, second = Leases("first", 60), Leases("second", 60)
    with store.transaction() as session:
        assert len(first.claim_batch(session, NOW, 5)) == 2
    with store.transaction() as session:  # the first worker writes its sources, lets go
        session.execute(update(Source).values(next_due_at=NOW + dt.timedelta(hours=1)))
        first.release(session)
    with store.transaction() as session:
        assert second.claim_batch(session, NOW, 5) == []


def _config(path: Path, hosts: list[Site], per_host: int, delay: float) -> int:
    text = (
        "[http]\nhost_delay = 0.0\nretries = 0\nper_host = 1\nrobots = false\n"
        "[fleet]\nhosts_per_batch = 1\nlease_seconds = 5\n"
    )
    number = 0
    for site in hosts:
        for _ in range(per_host):
            number += 1
            site.route(f"/r{number}", Reply(body=_article(number), delay=delay))
            text += f'[[sources]]\nname = "r{number}"\nurl = "{site.url(f"/r{number}")}"\nevery = "1h"\n'
    path.write_text(text)
    return number


def _written(store: Store) -> int:
    with store.transaction() as session:
        return len(
            session.scalars(select(Source.id).where(Source.last_fetched_at.is_not(None))).all()
        )


def test_daemon_workers_share_the_cycle_and_stop_with_the_daemon(
    pg_url: str, store: Store, hosts: list[Site], tmp_path: Path
) -> None:
    config = tmp_path / "rumour.toml"
    total = _config(config, hosts, 5, 0.2)
    env = {**os.environ, "RUMOUR_DATABASE_URL": pg_url, "RUMOUR_CONFIG": str(config)}
    daemon = subprocess.Popen([sys.executable, "-c", RUN, "daemon", "--workers", "3", "--tick", "1"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    holders: set[str] = set()
    try:
        deadline = time.monotonic() + 120
        while _written(store) < total and time.monotonic() < deadline:
            with store.transaction() as session:
                holders |= set(session.scalars(select(HostLease.holder)))
            time.sleep(0.1)
        assert _written(store) == total
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, err = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, err
    assert len({h.split(":")[1] for h in holders}) >= 2  # more than one process claimed hosts
    assert "worker 2 started" in err and "daemon stopped" in err
    for site in hosts:
        assert set(site.hits.values()) == {1}
        assert site.max_delaying == 1
    leftover = subprocess.run(
        ["pgrep", "-f", "daemon --cycle-only"], capture_output=True, text=True
    )
    assert leftover.stdout.strip() == ""  # no worker outlives the daemon
