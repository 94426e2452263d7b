"""Sources in the database: synced from the config, due when their schedule says.

Due-ness lives in the database (``next_due_at``) so that cron runs and the
daemon share it. A failing source waits longer each time: its interval
doubles with every consecutive failure, up to a day, or as long as the
server's Retry-After asks. A little jitter keeps sources on one schedule from
all coming due in the same second.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from schedules.config import SourceConfig
from verifier.errors import InputError
from verifier.store.models import FeedEntry, Source
from verifier.store.repository import SlateSpec

MAX_BACKOFF = dt.timedelta(hours=24)
MAX_JITTER = dt.timedelta(minutes=5)


def sync_sources(session: Session, sources: list[SourceConfig], now: dt.datetime) -> None:
    """Bring config sources into the database; ones the config dropped are removed."""
    known = {s.name: s for s in session.scalars(select(Source))}
    for spec in sources:
        source = known.get(spec.name)
        if source is None:
            source = Source(name=spec.name, origin="config", next_due_at=now)
            session.add(source)
        source.url = spec.url
        source.kind = spec.kind
        source.role = spec.role
        source.every_seconds = spec.every_seconds
        source.cron = spec.cron
        source.enabled = spec.enabled
        source.slate_year = spec.slate.year if spec.slate else None
        source.slate_scope = spec.slate.scope if spec.slate else None
        source.slate_complete = spec.slate.complete if spec.slate else False
    names = {s.name for s in sources}
    for name, source in known.items():
        if source.origin == "config" and name not in names:
            session.delete(source)
    session.flush()


@dataclass(frozen=True)
class Due:
    id: int
    name: str
    url: str
    kind: str
    role: str
    etag: str | None
    last_modified: str | None
    slate: SlateSpec | None
    seen: frozenset[str]


def due_sources(
    session: Session,
    now: dt.datetime,
    *,
    names: Collection[str] | None = None,
    everything: bool = False,
) -> list[Due]:
    """The enabled sources whose time has come; ``everything``: all enabled ones now;
    ``names``: those sources now, enabled or not (an unknown name is an ``InputError``)."""
    return [
        due_of(session, source)
        for source in session.scalars(due_query(session, names))
        if names is not None or everything or is_due(source, now)
    ]


def due_query(session: Session, names: Collection[str] | None = None) -> Select[Any]:
    """The sources a cycle may fetch, earliest due first: the enabled ones, or those named
    (an unknown name is an ``InputError``)."""
    query = select(Source).order_by(Source.next_due_at, Source.id)
    if names is None:
        return query.where(Source.enabled)
    known = set(session.scalars(select(Source.name)))
    unknown = [n for n in names if n not in known]
    if unknown:
        close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise InputError(f"no source named {unknown[0]!r}{hint}")
    return query.where(Source.name.in_(list(names)))


def is_due(source: Source, now: dt.datetime) -> bool:
    return source.next_due_at is None or _aware(source.next_due_at) <= now


def due_of(session: Session, source: Source) -> Due:
    """What fetching ``source`` needs: its URL, validators, slate and the entries seen."""
    seen: frozenset[str] = frozenset()
    if source.kind != "page":
        seen = frozenset(
            session.scalars(select(FeedEntry.url).where(FeedEntry.source_id == source.id))
        )
    slate = None
    if source.slate_year is not None and source.slate_scope:
        slate = SlateSpec(source.slate_year, source.slate_scope, source.slate_complete,
                          source_url=source.url)  # fmt: skip
    return Due(source.id, source.name, source.url, source.kind, source.role,
               source.etag, source.last_modified, slate, seen)  # fmt: skip


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def jitter(source: Source, now: dt.datetime, base: dt.timedelta) -> dt.timedelta:
    """Up to a tenth of the interval (at most five minutes), so sources sharing a schedule
    spread out; derived from the source and the time, so it is reproducible."""
    spread = min(base / 10, MAX_JITTER)
    digest = hashlib.sha256(f"{source.name}:{now.isoformat()}".encode()).digest()
    return spread * (int.from_bytes(digest[:8], "big") / 2**64)


def next_due(source: Source, now: dt.datetime, retry_after: float | None = None) -> dt.datetime:
    """When to fetch again: the schedule plus jitter, stretched by repeated failures
    (at most a day), never sooner than the server's Retry-After."""
    if source.cron:
        trigger = CronTrigger.from_crontab(source.cron, timezone=dt.UTC)
        fire = trigger.get_next_fire_time(None, now) or now + MAX_BACKOFF
        base = max(fire - now, dt.timedelta(minutes=1))
    else:
        base = dt.timedelta(seconds=source.every_seconds or 3600)
    if source.failure_count:
        base = min(base * 2 ** min(source.failure_count - 1, 10), MAX_BACKOFF)
    base += jitter(source, now, base)
    if retry_after is not None:
        base = max(base, dt.timedelta(seconds=min(retry_after, MAX_BACKOFF.total_seconds())))
    return now + base
