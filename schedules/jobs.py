"""The recurring jobs that cron and the daemon share: a cycle, and sending alerts.

The sender holds its lock (``schedules.locks``) while it runs, and so does a
cycle on SQLite, so a cron run that overlaps a daemon's, or another cron run,
does nothing there and says so; on PostgreSQL overlapping cycles share the
work instead (``schedules.leases``). Each leaves a heartbeat row for ``rumour status`` and one log line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Callable, Collection

import httpx
from sqlalchemy.orm import Session

from schedules.config import RumourConfig
from schedules.cycle import CycleReport, run_cycle
from schedules.locks import exclusive, one_writer
from schedules.sender import SendReport, send_due
from schedules.smtp import Transport
from schedules.status import beat, pending_alerts
from verifier.store import Store
from verifier.store.models import utcnow
from verifier.store.repository import TitleRegistry
from verifier.store.verification import Progress

logger = logging.getLogger(__name__)


def cycle_job(
    store: Store,
    config: RumourConfig,
    registry_for: Callable[[Session], TitleRegistry],
    *,
    now: dt.datetime | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    stop: threading.Event | None = None,
    heartbeat: bool = False,
    progress: Progress | None = None,
    names: Collection[str] | None = None,
    everything: bool = False,
) -> CycleReport:
    """One cycle. On SQLite, under the cycle lock (``Busy`` if another is running: SQLite
    has one writer, so one worker); on PostgreSQL, shared with the other workers running
    one (``schedules.leases``).

    ``heartbeat`` logs one line about it (the daemon's; a cron run prints its summary).
    """
    shared = store.engine.dialect.name == "postgresql"
    with contextlib.nullcontext() if shared else exclusive(store, "cycle"):
        report = run_cycle(store, config, registry_for, now=now, transport=transport, stop=stop,
                           progress=progress, names=names, everything=everything)  # fmt: skip
        finished = now or utcnow()
        with store.transaction() as session:
            one_writer(session)
            beat(session, "cycle", finished, {"summary": report.summary(), **report.as_json()})
            if heartbeat:
                logger.info(
                    "cycle: %s; outbox: %d pending", report.summary(), pending_alerts(session)
                )
    return report


def send_job(
    store: Store,
    config: RumourConfig,
    *,
    now: dt.datetime | None = None,
    transport: Transport | None = None,
    digests: bool = True,
) -> SendReport:
    """Send the due alerts under the send lock; raises ``Busy`` if another sender runs."""
    with exclusive(store, "send"):
        return send_due(store, config, now=now, transport=transport, digests=digests)
