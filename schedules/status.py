"""``rumour status``: is the job alive and well?

The cycle and the sender leave a heartbeat row each time they run; the
status reads those, the sources that are overdue or failing, and the
outbox's backlog, without fetching anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verifier.store.models import Alert, Heartbeat, Source

OVERDUE_AFTER = dt.timedelta(minutes=15)


def beat(session: Session, name: str, now: dt.datetime, detail: dict[str, Any]) -> None:
    """Record that job ``name`` ran at ``now`` and what it did."""
    row = session.get(Heartbeat, name) or Heartbeat(name=name)
    row.at, row.detail = now, detail
    session.add(row)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


@dataclass
class Status:
    now: dt.datetime
    last_cycle: dt.datetime | None = None
    cycle: dict[str, Any] = field(default_factory=dict)
    last_send: dt.datetime | None = None
    send: dict[str, Any] = field(default_factory=dict)
    overdue: list[tuple[str, dt.datetime]] = field(default_factory=list)
    failing: list[tuple[str, int, str | None]] = field(default_factory=list)
    pending: int = 0
    oldest_pending: dt.datetime | None = None
    failed_alerts: int = 0
    outbox_error: str | None = None

    @property
    def healthy(self) -> bool:
        return not (self.overdue or self.failing or self.failed_alerts or self.outbox_error)

    def as_json(self) -> dict[str, Any]:
        return {
            "healthy": self.healthy,
            "last_cycle": {"at": _iso(self.last_cycle), **self.cycle} if self.last_cycle else None,
            "last_send": {"at": _iso(self.last_send), **self.send} if self.last_send else None,
            "overdue_sources": [{"source": n, "due_at": _iso(d)} for n, d in self.overdue],
            "failing_sources": [
                {"source": n, "failures": f, "last_error": e} for n, f, e in self.failing
            ],
            "outbox": {
                "pending": self.pending,
                "oldest_pending": _iso(self.oldest_pending),
                "failed": self.failed_alerts,
                "last_error": self.outbox_error,
            },
        }


def pending_alerts(session: Session) -> int:
    return session.scalar(select(func.count()).where(Alert.status == "pending")) or 0


def gather_status(session: Session, now: dt.datetime) -> Status:
    status = Status(now)
    for row in session.scalars(select(Heartbeat)):
        if row.name == "cycle":
            status.last_cycle, status.cycle = _aware(row.at), dict(row.detail)
        elif row.name == "send":
            status.last_send, status.send = _aware(row.at), dict(row.detail)
    for source in session.scalars(select(Source).where(Source.enabled).order_by(Source.name)):
        due = _aware(source.next_due_at)
        if due is not None and due < now - OVERDUE_AFTER:
            status.overdue.append((source.name, due))
        if source.failure_count:
            status.failing.append((source.name, source.failure_count, source.last_error))
    pending = session.execute(
        select(func.count(), func.min(Alert.created_at)).where(Alert.status == "pending")
    ).one()
    status.pending, status.oldest_pending = pending[0], _aware(pending[1])
    status.failed_alerts = session.scalar(select(func.count()).where(Alert.status == "failed")) or 0
    status.outbox_error = session.scalars(
        select(Alert.last_error)
        .where(Alert.status == "pending", Alert.last_error.is_not(None))
        .order_by(Alert.next_attempt_at.desc())
    ).first()
    return status
