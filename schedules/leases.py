"""Workers that share a cycle: each claims the hosts whose due sources it fetches.

Several workers (``rumour daemon --workers N``, or daemons on several machines)
on one PostgreSQL database split a cycle between them the way database-backed
job queues do. A worker claims a batch of hosts — a row per host in
``host_leases``, taken with an upsert that succeeds only where no other worker
holds an unexpired claim — and fetches the due sources of those hosts alone.
So a source is fetched once per due period however many workers run, and the
per-host limits (``http.per_host``, ``http.host_delay``) hold for the fleet,
not per worker. A worker renews its claims while it works and deletes them
when its batch is written; one that dies loses them when they expire
(``fleet.lease_seconds``) and another worker takes the hosts over.

Before it writes a source a worker checks, under a row lock, that it still
holds the source's host: one that lost its claim (it stalled past the expiry
and another worker took the host) writes nothing, and the other worker's
fetch stands.

SQLite allows one writer at a time: there the cycle stays one worker's (the
file lock in ``schedules.locks``), and the same claims are simply always won.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Collection, Iterable
from urllib.parse import urlsplit

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from schedules.sources import Due, due_of, due_query, is_due
from verifier.store.models import HostLease, Source, utcnow


def worker_name() -> str:
    """This process's name as a lease holder: host, pid and a random part (a pid is reused)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def origin(url: str) -> str:
    """The politeness key of a URL, as the fetcher counts hosts: scheme, host and port."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Leases:
    """The host claims of one worker."""

    def __init__(self, holder: str, seconds: float) -> None:
        self.holder = holder
        self.length = dt.timedelta(seconds=seconds)
        self.held: set[str] = set()

    def claim_batch(
        self,
        session: Session,
        now: dt.datetime,
        hosts: int,
        *,
        names: Collection[str] | None = None,
        everything: bool = False,
        done: Collection[int] = (),
    ) -> list[Due]:
        """Claim up to ``hosts`` hosts that have due sources and no other holder; return
        their due sources (``done``: ids this run has written already, never again)."""
        # official sources first (then earliest due), so that news claims meet the cycle's
        # evidence however many batches the cycle takes
        sources = sorted(
            (
                s
                for s in session.scalars(due_query(session, names))
                if s.id not in done and (names is not None or everything or is_due(s, now))
            ),
            key=lambda s: s.role != "official",
        )
        clock = utcnow()
        taken = set(
            session.scalars(
                select(HostLease.host).where(
                    HostLease.expires_at >= clock, HostLease.holder != self.holder
                )
            )
        )
        claimed: set[str] = set()
        for host in dict.fromkeys(origin(s.url) for s in sources):
            if len(claimed) >= hosts:
                break
            if host not in taken and self._claim(session, host, clock):
                claimed.add(host)
        self.held |= claimed
        if not claimed:
            return []
        # Read again now that the hosts are ours: a worker that held one until a moment ago
        # has written its sources, and they are no longer due.
        ids = [s.id for s in sources if origin(s.url) in claimed]
        session.expire_all()
        again = session.scalars(select(Source).where(Source.id.in_(ids)).order_by(
            Source.next_due_at, Source.id))  # fmt: skip
        return [
            due_of(session, s) for s in again if names is not None or everything or is_due(s, now)
        ]

    def _claim(self, session: Session, host: str, clock: dt.datetime) -> bool:
        """Take ``host`` unless another worker holds an unexpired claim on it."""
        insert = (
            postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        )
        until = clock + self.length
        statement = (
            insert(HostLease)
            .values(host=host, holder=self.holder, expires_at=until)
            .on_conflict_do_update(
                index_elements=[HostLease.host],
                set_={"holder": self.holder, "expires_at": until},
                where=(HostLease.expires_at < clock) | (HostLease.holder == self.holder),
            )
            .returning(HostLease.host)
        )
        return session.execute(statement).first() is not None

    def renew(self, session: Session) -> None:
        """Push the expiry of every claim held forward by a lease's length."""
        if self.held:
            session.execute(
                update(HostLease)
                .where(HostLease.holder == self.holder, HostLease.host.in_(sorted(self.held)))
                .values(expires_at=utcnow() + self.length)
            )

    def holds(self, session: Session, url: str) -> bool:
        """Whether this worker still holds the host of ``url``, locking the claim until the
        transaction ends (a worker that would take it over waits for the write)."""
        holder = session.scalar(
            select(HostLease.holder).where(HostLease.host == origin(url)).with_for_update()
        )
        return holder == self.holder

    def release(self, session: Session, hosts: Iterable[str] | None = None) -> None:
        """Give claims up (all of them by default)."""
        hosts = set(self.held if hosts is None else hosts)
        if hosts:
            session.execute(
                delete(HostLease).where(
                    HostLease.holder == self.holder, HostLease.host.in_(sorted(hosts))
                )
            )
        self.held -= hosts
