"""One cycle: due sources → fetch → parse → store new documents → extract → re-verify.

``run_cycle`` is shared by ``rumour run --once`` (cron) and the daemon. Fetching
is concurrent (``scraper.fetch.Fetcher`` keeps it polite); everything each
source yields is then written in one transaction per source, so a source that
fails, or whose page breaks the parser, changes nothing but its own state and
never stops the others. Unchanged pages (HTTP 304, or the same main text)
create nothing; a second cycle over unchanged sites writes only source state.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from schedules.config import RumourConfig
from schedules.fetching import fetch_policy, fetch_source, private_sources
from schedules.ingest import Fetching, SourceOutcome, prepare, process
from schedules.leases import Leases, worker_name
from schedules.locks import one_writer
from schedules.outbox import Outbox, Rules
from schedules.sources import Due, due_query, is_due, sync_sources
from scraper.fetch import Fetcher
from scraper.guard import Resolver, system_resolver
from verifier.store import Store
from verifier.store.models import utcnow
from verifier.store.repository import TitleRegistry
from verifier.store.verification import Progress, VerdictChange

logger = logging.getLogger(__name__)


@dataclass
class CycleReport:
    sources: list[SourceOutcome] = field(default_factory=list)
    changes: list[tuple[str, VerdictChange]] = field(default_factory=list)
    alerts: int = 0  # alerts written to the outbox
    stopped: bool = False  # asked to stop: the sources not yet written stay due

    def count(self, state: str) -> int:
        return sum(1 for s in self.sources if s.state == state)

    def total(self, name: str) -> int:
        return sum(int(getattr(s, name)) for s in self.sources)

    def summary(self) -> str:
        relabelled = sum(1 for _, change in self.changes if change.label_changed)
        same = len(self.changes) - relabelled  # a new reason or evidence, the label left alone
        return (
            f"{len(self.sources)} sources: {self.count('fetched')} fetched, "
            f"{self.count('unchanged')} unchanged, {self.count('failed')} failed; "
            f"{self.total('new_documents')} new documents, {self.total('new_claims')} new claims, "
            f"{self.total('new_officials')} new official statements, {relabelled} changed verdicts"
            + (f" ({same} more with the same label)" if same else "")
            + f", {self.alerts} alerts queued"
            + ("; stopped early" if self.stopped else "")
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "sources": {s: self.count(s) for s in ("fetched", "unchanged", "failed")},
            "new_documents": self.total("new_documents"),
            "new_claims": self.total("new_claims"),
            "new_officials": self.total("new_officials"),
            "changed_verdicts": [change.as_json(title) for title, change in self.changes],
            "alerts_queued": self.alerts,
            "failures": [{"source": s.name, "error": s.error} for s in self.sources if s.error],
        }


def run_cycle(
    store: Store,
    config: RumourConfig,
    registry_for: Callable[[Session], TitleRegistry],
    *,
    now: dt.datetime | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
    resolver: Resolver = system_resolver,
    names: Collection[str] | None = None,
    everything: bool = False,
) -> CycleReport:
    """Run one cycle over the due sources; a failing source is reported, never raised.

    The work goes in batches: claim a few hosts with due sources (``schedules.leases``:
    other workers on the database take other hosts), fetch their due sources, write each
    in its own transaction, let the hosts go, and claim the next few, until no host with
    due sources is left unclaimed. Setting ``stop`` (the daemon's shutdown) abandons
    fetches in flight and writes no further source; what was not written stays due.
    """
    now = now or utcnow()
    leases = Leases(worker_name(), config.fleet.lease_seconds)
    with store.transaction() as session:
        one_writer(session, "sync")  # workers starting together bring the config in once
        sync_sources(session, config.sources, now)
        registry_for(session)  # the config's titles, in line before anything is written
        sources = session.scalars(due_query(session, names))
        total = len([s for s in sources if names is not None or everything or is_due(s, now)])
    report = CycleReport()
    counts = _Counts(total, progress)
    # enough hosts to keep the request slots busy while each host waits out its delay
    hosts = config.fleet.hosts_per_batch or config.http.concurrency * 4
    done: set[int] = set()
    try:
        while not (stop is not None and stop.is_set()):
            with store.transaction() as session:
                batch = leases.claim_batch(session, now, hosts, names=names,
                                           everything=everything, done=done)  # fmt: skip
            if not batch:
                break
            done |= {d.id for d in batch}
            fetched = _fetch_batch(store, config, batch, leases, counts, transport=transport,
                                   stop=stop, resolver=resolver)  # fmt: skip
            if stop is not None and stop.is_set():
                report.stopped = True
                break
            _write_batch(store, config, registry_for, fetched, leases, now, report, counts, stop)
            with store.transaction() as session:
                leases.release(session)
    finally:
        _let_go(store, leases)
    if stop is not None and stop.is_set() and total:
        report.stopped = True  # (asked before the first batch, or during the last)
    return report


@dataclass
class _Counts:
    """Progress over the whole cycle, batch after batch."""

    total: int
    progress: Progress | None
    fetched: int = 0
    written: int = 0

    def tell(self, stage: str) -> None:
        if self.progress is not None:
            done = self.fetched if stage == "sources fetched" else self.written
            self.progress(stage, done, max(self.total, done))


def _fetch_batch(
    store: Store,
    config: RumourConfig,
    batch: list[Due],
    leases: Leases,
    counts: _Counts,
    *,
    transport: httpx.AsyncBaseTransport | None,
    stop: threading.Event | None,
    resolver: Resolver,
) -> list[Fetching]:
    """Fetch a batch's sources concurrently, renewing the claims on their hosts meanwhile;
    official sources first in the result, so that the claims written after them meet them."""
    allow_private = private_sources(config)
    renew_every = leases.length.total_seconds() / 3

    async def fetch_one(fetcher: Fetcher, source: Due) -> Fetching:
        private = source.name in allow_private
        result = await fetch_source(fetcher, source, config.http.max_articles, private)
        counts.fetched += 1
        counts.tell("sources fetched")
        return result

    async def fetch_all() -> list[Fetching]:
        async with Fetcher(fetch_policy(config), transport=transport, resolver=resolver) as fetcher:
            work = asyncio.gather(*(fetch_one(fetcher, d) for d in batch))
            renewed = time.monotonic()
            while not work.done():
                if stop is not None and stop.is_set():
                    work.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await work
                    return []
                await asyncio.wait({work}, timeout=0.2)
                if time.monotonic() - renewed >= renew_every:
                    await asyncio.to_thread(_renew, store, leases)
                    renewed = time.monotonic()
            return list(work.result())

    return sorted(asyncio.run(fetch_all()), key=lambda f: f.due.role != "official")


def _write_batch(
    store: Store,
    config: RumourConfig,
    registry_for: Callable[[Session], TitleRegistry],
    fetched: list[Fetching],
    leases: Leases,
    now: dt.datetime,
    report: CycleReport,
    counts: _Counts,
    stop: threading.Event | None,
) -> None:
    """Write each fetched source in its own transaction: read ahead outside it (parsing
    and extraction), then written one worker at a time, if this worker still holds the
    source's host."""
    rules = Rules.from_config(config)
    renewed = time.monotonic()
    # The known titles, read once per batch: building the catalogue costs ~20 ms per 1,000
    # titles, too much for each source (titles the batch adds are found in text anyway).
    with store.transaction() as session:
        catalogue = TitleRegistry(session).catalogue()
    for fetching in fetched:
        if stop is not None and stop.is_set():
            report.stopped = True
            return
        if time.monotonic() - renewed >= leases.length.total_seconds() / 3:
            _renew(store, leases)
            renewed = time.monotonic()
        with store.transaction() as session:
            prepared = prepare(session, fetching, catalogue)
        with store.transaction() as session:
            one_writer(session)
            if not leases.holds(session, fetching.due.url):
                logger.warning("source %s: this worker's claim on its host expired and another "
                               "worker took it; its fetch is left to that worker",
                               fetching.due.name)  # fmt: skip
                continue
            registry = registry_for(session)
            outbox = Outbox(session, rules, now)
            outcome, changes = process(session, registry, catalogue, fetching, now, outbox,
                                       prepared)  # fmt: skip
            title_names = {c.title_id: registry.name(c.title_id) for c in changes}
        report.alerts += outbox.queued
        report.sources.append(outcome)
        report.changes += [(title_names[c.title_id], c) for c in changes]
        if outcome.error:
            logger.warning("source %s failed: %s", outcome.name, outcome.error)
        counts.written += 1
        counts.tell("sources written")


def _renew(store: Store, leases: Leases) -> None:
    try:
        with store.transaction() as session:
            leases.renew(session)
    except SQLAlchemyError as exc:  # the next renewal, or the write's check, tells more
        logger.warning("could not renew this worker's claims on hosts: %s", exc)


def _let_go(store: Store, leases: Leases) -> None:
    """Give up the claims still held (a stopped or failed batch): its sources stay due."""
    if not leases.held:
        return
    try:
        with store.transaction() as session:
            leases.release(session)
    except SQLAlchemyError as exc:  # they expire on their own
        logger.warning("could not give up this worker's claims on hosts: %s", exc)
