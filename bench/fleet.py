"""Workers sharing a cycle on one PostgreSQL database: pages per second with 1, 2 and 4
workers, sources fetched twice, alerts lost or doubled, and the same with a worker
killed with SIGKILL halfway.

    python bench/fleet.py                      # 2,000 sources on 200 hosts, 100 ms latency
    python bench/fleet.py --sources 400 --hosts 40 --workers 1,2

The sites are one asyncio server on 127.0.0.1 listening on one port per host (the
fetcher counts scheme, host and port as a host), each page answered after the
latency, each a short article with one release-date claim about a title of its
own. A webhook receiver on another port (no latency) takes the alerts (a new claim on every
title: ``alerts.on = ["new_claim"]``, ``alerts.titles = "all"``, a ``json://``
recipient). Each run gets a fresh database and runs ``rumour daemon --workers N
--tick 1`` with the default http settings (concurrency, per-host limit, host
delay, robots.txt) until every source is written and every alert delivered.

Figures: pages per second (sources written / seconds from the daemon's start to
the last write), sources the sites served twice, sources written twice (fetch
log rows; must be 0), alerts lost and doubled (must be 0). After a kill, the
sources served twice are those the killed worker had fetched and not written:
they were fetched again when its claims expired (``fleet.lease_seconds``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from verifier.store import open_store
from verifier.store.models import FetchLog, Source

RUN = "from schedules.cli import main; main()"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def page(number: int) -> bytes:
    month = MONTHS[number % 12]
    return (
        f"<html><head><title>Ridge {number} news</title>"
        "<meta property='article:published_time' content='2026-11-20'></head><body><article>"
        f"<h1>Ridge {number} gets a date</h1><p>StreamHub said the drama Ridge {number} will "
        f"premiere on {month} {number % 27 + 1}, 2027.</p><p>The cast is led by Ana Cole.</p>"
        "</article></body></html>"
    ).encode()


@dataclass
class Sites:
    """One asyncio server: ``hosts`` ports serving pages after ``latency``, one webhook port."""

    hosts: int
    latency: float
    hits: Counter[int] = field(default_factory=Counter)
    robots: int = 0
    posted: list[bytes] = field(default_factory=list)
    ports: list[int] = field(default_factory=list)
    hook: int = 0
    _loop: asyncio.AbstractEventLoop | None = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                line, *headers = head.decode("latin-1").split("\r\n")
                method, path, _ = line.split(" ", 2)
                length = next((int(h.split(":", 1)[1]) for h in headers
                               if h.lower().startswith("content-length:")), 0)  # fmt: skip
                body = await reader.readexactly(length) if length else b""
                if method != "POST":  # (the webhook receiver answers at once)
                    await asyncio.sleep(self.latency)
                status, reply = "404 Not Found", b"not found"
                if method == "POST" and path == "/hook":
                    self.posted.append(body)
                    status, reply = "200 OK", b"{}"
                elif path == "/robots.txt":
                    self.robots += 1
                elif match := re.fullmatch(r"/s/(\d+)", path):
                    self.hits[int(match[1])] += 1
                    status, reply = "200 OK", page(int(match[1]))
                writer.write(
                    f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n"
                    f"Content-Length: {len(reply)}\r\n\r\n".encode()
                    + reply
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass
        finally:
            writer.close()

    def start(self) -> None:
        ready = threading.Event()

        async def main() -> None:
            servers = [await asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=512)
                       for _ in range(self.hosts + 1)]  # fmt: skip
            ports = [s.sockets[0].getsockname()[1] for s in servers]
            self.ports, self.hook = ports[:-1], ports[-1]
            ready.set()
            await asyncio.Event().wait()

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            self._loop.run_until_complete(main())

        threading.Thread(target=run, daemon=True).start()
        ready.wait(10)

    def reset(self) -> None:
        self.hits.clear()
        self.robots = 0
        self.posted.clear()


def config(sites: Sites, sources: int, lease: float) -> str:
    lines = [
        "[fleet]", f"lease_seconds = {lease:g}",
        "[alerts]", 'on = ["new_claim"]', 'titles = "all"',
        f'recipients = ["json://127.0.0.1:{sites.hook}/hook"]',
    ]  # fmt: skip
    for number in range(sources):
        port = sites.ports[number % len(sites.ports)]
        lines += ["[[sources]]", f'name = "s{number}"', f'url = "http://127.0.0.1:{port}/s/{number}"',
                  'every = "6h"']  # fmt: skip
    return "\n".join(lines) + "\n"


def fresh_database(base: str) -> tuple[str, str]:
    name = f"rumour_fleet_{uuid.uuid4().hex[:10]}"
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False), name


def drop_database(base: str, name: str) -> None:
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def alerted(posted: list[bytes]) -> Counter[int]:
    """How many messages named each title ("Ridge 17")."""
    seen: Counter[int] = Counter()
    for body in posted:
        try:
            message = json.loads(body).get("message", "")
        except ValueError:
            continue
        seen.update(set(int(n) for n in re.findall(r"Ridge (\d+)", message)))
    return seen


def run(
    sites: Sites, base: str, sources: int, workers: int, lease: float, kill: bool
) -> dict[str, float]:
    sites.reset()
    url, name = fresh_database(base)
    folder = Path(tempfile.mkdtemp(prefix="rumour-fleet-"))
    (folder / "rumour.toml").write_text(config(sites, sources, lease))
    store = open_store(url)  # the schema, before the clock starts
    env = {**os.environ, "RUMOUR_DATABASE_URL": url, "RUMOUR_CONFIG": str(folder / "rumour.toml")}
    log = (folder / "daemon.log").open("w")
    started = time.monotonic()
    daemon = subprocess.Popen([sys.executable, "-c", RUN, "daemon", "--workers", str(workers),
                               "--tick", "1"], env=env, stdout=log, stderr=log)  # fmt: skip
    killed = False
    written = 0
    last_write = started
    try:
        deadline = started + 1800
        while time.monotonic() < deadline:
            with store.transaction() as session:
                now_written = (
                    session.scalar(
                        select(func.count())
                        .select_from(Source)
                        .where(Source.last_fetched_at.is_not(None))
                    )
                    or 0
                )
            if now_written > written:
                written, last_write = now_written, time.monotonic()
            if kill and not killed and written >= sources // 2:
                children = subprocess.run(["pgrep", "-P", str(daemon.pid)], capture_output=True,
                                          text=True).stdout.split()  # fmt: skip
                if children:
                    os.kill(int(children[0]), signal.SIGKILL)
                    killed = True
            alerts = alerted(sites.posted)
            if written >= sources and len(alerts) >= sources:
                break
            time.sleep(0.2)
        delivered = time.monotonic()
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(120)
        except subprocess.TimeoutExpired:
            daemon.kill()
        log.close()
    with store.transaction() as session:
        logged = Counter(dict(session.execute(
            select(FetchLog.source_id, func.count()).group_by(FetchLog.source_id)).all()))  # fmt: skip
    store.close()
    drop_database(base, name)
    alerts = alerted(sites.posted)
    return {
        "workers": workers,
        "seconds": last_write - started,
        "pages_per_second": written / max(last_write - started, 1e-9),
        "written": written,
        "served_twice": sum(1 for n in range(sources) if sites.hits[n] > 1),
        "written_twice": sum(1 for count in logged.values() if count > 1),
        "alerts_lost": sum(1 for n in range(sources) if alerts[n] == 0),
        "alerts_doubled": sum(1 for n in range(sources) if alerts[n] > 1),
        "alerts_after_write_s": delivered - last_write,
        "killed": killed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=os.environ.get(
        "RUMOUR_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"))  # fmt: skip
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--lease", type=float, default=10.0, help="fleet.lease_seconds")
    parser.add_argument("--no-kill", action="store_true", help="skip the run with a worker killed")
    args = parser.parse_args()
    sites = Sites(args.hosts, args.latency)
    sites.start()
    counts = [int(n) for n in args.workers.split(",")]
    results = [run(sites, args.database, args.sources, n, args.lease, kill=False) for n in counts]
    if not args.no_kill:
        results.append(run(sites, args.database, args.sources, max(counts), args.lease, kill=True))
    one = results[0]["pages_per_second"]
    print(f"{args.sources} sources on {args.hosts} hosts, {args.latency * 1000:g} ms latency, "
          f"default http settings, fleet.lease_seconds = {args.lease:g}")  # fmt: skip
    print("workers  seconds  pages/s  vs 1  served twice  written twice  alerts lost  doubled")
    for r in results:
        label = f"{r['workers']}{' (one killed)' if r['killed'] else ''}"
        print(f"{label:<18} {r['seconds']:7.1f}  {r['pages_per_second']:7.1f}  "
              f"{r['pages_per_second'] / one:4.2f}  {r['served_twice']:12d}  "
              f"{r['written_twice']:13d}  {r['alerts_lost']:11d}  {r['alerts_doubled']:7d}")  # fmt: skip


if __name__ == "__main__":
    main()
