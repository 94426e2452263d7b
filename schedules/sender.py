"""Sending the outbox: due alerts by email (SMTP) or to notification services (Apprise),
each batch once, retried with backoff.

``send_due`` first gives the digest rows that have come due a batch per
recipient (a digest's contents are fixed from then on), then sends each due
batch as one email and marks its rows sent. A server that is down, refuses
the login or fails TLS defers every due row with a growing delay (one minute,
doubling, at most an hour) and one log line per attempt; nothing is dropped. A
recipient the server refuses for good (5xx) marks that batch failed, visible in
``rumour alerts list`` and ``rumour status``. A recipient that is a service URL
(``schedules.services``) is posted to through Apprise, one message per batch, in
the same way: a service that cannot be reached defers its own batches (others go
on), and one that refuses the message (HTTP 4xx) marks its batch failed.

Delivery is at least once: a crash after the server accepted an email and
before its rows are marked sent would send it again, with the same Message-ID,
which mail systems use to discard the copy.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from schedules.config import RumourConfig
from schedules.messages import Item, compose
from schedules.services import DeliveryError, is_service, post
from schedules.smtp import SmtpError, SmtpTransport, Transport
from schedules.status import beat
from verifier.store import Store
from verifier.store.models import Alert, utcnow

logger = logging.getLogger(__name__)

MAX_BACKOFF = dt.timedelta(hours=1)
MAX_BATCHES = 500  # per run; the rest wait for the next one


@dataclass
class SendReport:
    sent: int = 0  # emails
    posted: int = 0  # messages to notification services
    alerts: int = 0  # outbox rows in them
    deferred: int = 0  # rows tried again later
    failed: int = 0  # rows refused for good
    error: str | None = None
    waiting: int = 0  # rows that failed before and wait for their next try
    waiting_until: str | None = None  # the first of those tries, ISO 8601

    def summary(self) -> str:
        text = f"{self.sent} emails sent"
        text += f", {self.posted} service messages posted" if self.posted else ""
        text += f" ({self.alerts} alerts)"
        if self.deferred:
            text += f", {self.deferred} alerts deferred"
        if self.failed:
            text += f", {self.failed} alerts failed"
        text += f": {self.error}" if self.error else ""
        if self.waiting and self.waiting_until:
            first = dt.datetime.fromisoformat(self.waiting_until)
            text += (f"; {self.waiting} alerts wait after a failed try, the next at "
                     f"{first:%Y-%m-%d %H:%M} UTC (`rumour alerts send --now` tries them now)")  # fmt: skip
        return text

    def problem(self, error: str) -> None:
        """One more thing that went wrong this run (each service's own, once)."""
        known = self.error.split("; ") if self.error else []
        if error not in known:
            self.error = "; ".join([*known, error])

    def as_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def backoff(attempts: int) -> dt.timedelta:
    """One minute after the first failure, doubling, at most an hour."""
    return min(dt.timedelta(minutes=2 ** min(attempts - 1, 10)), MAX_BACKOFF)


def _form_digests(session: Session, now: dt.datetime) -> None:
    """Give the due digest rows of each recipient one batch; its contents are fixed from now."""
    rows = session.execute(
        select(Alert.id, Alert.recipient).where(
            Alert.status == "pending", Alert.batch.is_(None), Alert.next_attempt_at <= now
        )
    ).all()
    by_recipient: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_recipient[row.recipient].append(row.id)
    for recipient, ids in by_recipient.items():
        batch = f"digest:{recipient}:{now.isoformat()}"
        session.execute(update(Alert).where(Alert.id.in_(ids)).values(batch=batch))


def _due_batches(session: Session, now: dt.datetime) -> list[tuple[str, str]]:
    """The due batches, each with its recipient (one batch has one)."""
    query = (
        select(Alert.batch, func.min(Alert.recipient))
        .where(Alert.status == "pending", Alert.batch.is_not(None), Alert.next_attempt_at <= now)
        .group_by(Alert.batch)
        .order_by(Alert.batch)
        .limit(MAX_BATCHES)
    )
    return [(batch, recipient) for batch, recipient in session.execute(query) if batch is not None]


def _settle(store: Store, batch: str, now: dt.datetime, error: DeliveryError | None) -> int:
    """Mark a batch's rows sent, failed, or deferred; returns how many rows."""
    with store.transaction() as session:
        rows = session.scalars(
            select(Alert).where(Alert.batch == batch, Alert.status == "pending")
        ).all()
        for row in rows:
            row.attempts += 1
            if error is None:
                row.status, row.sent_at, row.last_error = "sent", now, None
            elif error.permanent:
                row.status, row.last_error = "failed", str(error)
            else:
                row.last_error = str(error)
                row.next_attempt_at = now + backoff(row.attempts)
        return len(rows)


def send_due(
    store: Store,
    config: RumourConfig,
    *,
    now: dt.datetime | None = None,
    transport: Transport | None = None,
    digests: bool = True,
) -> SendReport:
    """Send every due batch; with ``digests``, first gather the due digest rows into batches.

    The daemon gathers digests only at digest time; its every-tick sender still
    retries digests already gathered whose earlier attempt failed.
    """
    now = now or utcnow()
    report = SendReport()
    with store.transaction() as session:
        if digests:
            _form_digests(session, now)
        batches = _due_batches(session, now)
    if batches:
        _send_batches(store, config, batches, now, transport, report)
        if report.error:
            logger.warning("alerts: %s", report.summary())
        else:
            logger.debug("alerts: %s", report.summary())
        with store.transaction() as session:
            beat(session, "send", now, report.as_json())
    with store.transaction() as session:
        waiting, first = session.execute(
            select(func.count(), func.min(Alert.next_attempt_at)).where(
                *_BACKING_OFF, Alert.next_attempt_at > now
            )
        ).one()
    report.waiting = waiting
    report.waiting_until = first.isoformat() if first is not None else None
    return report


# Alerts that failed before and wait for their next try.
_BACKING_OFF = (Alert.status == "pending", Alert.attempts > 0)


def retry_now(store: Store, now: dt.datetime) -> int:
    """Make the alerts that wait after a failed try due now (``alerts send --now``, after
    fixing the SMTP settings); returns how many."""
    with store.transaction() as session:
        rows = session.scalars(
            select(Alert).where(*_BACKING_OFF, Alert.next_attempt_at > now)
        ).all()
        for row in rows:
            row.next_attempt_at = now
        return len(rows)


def _batch_items(store: Store, batch: str) -> tuple[list[Item], str]:
    """The pending alerts of a batch, in order, and their recipient."""
    with store.transaction() as session:
        rows = session.scalars(
            select(Alert).where(Alert.batch == batch, Alert.status == "pending").order_by(Alert.id)
        ).all()
        return [Item(row.kind, row.payload) for row in rows], rows[0].recipient if rows else ""


def _send_batches(store: Store, config: RumourConfig, batches: list[tuple[str, str]],
                  now: dt.datetime, transport: Transport | None,
                  report: SendReport) -> None:  # fmt: skip
    emails = [batch for batch, recipient in batches if not is_service(recipient)]
    by_service: dict[str, list[str]] = defaultdict(list)
    for batch, recipient in batches:
        if is_service(recipient):
            by_service[recipient].append(batch)
    if emails:
        _send_emails(store, config, emails, now, transport, report)
    for batches_of_one in by_service.values():
        _post_batches(store, batches_of_one, now, report)


def _post_batches(store: Store, batches: list[str], now: dt.datetime, report: SendReport) -> None:
    """One service's batches, in order; one it cannot take now waits with the rest."""
    for index, batch in enumerate(batches):
        items, recipient = _batch_items(store, batch)
        if not items:
            continue
        try:
            post(recipient, items, now)
        except DeliveryError as exc:
            report.problem(str(exc))
            if exc.permanent:
                report.failed += _settle(store, batch, now, exc)
                continue
            for waiting in batches[index:]:
                report.deferred += _settle(store, waiting, now, exc)
            return
        report.alerts += _settle(store, batch, now, None)
        report.posted += 1


def _send_emails(store: Store, config: RumourConfig, batches: list[str], now: dt.datetime,
                 transport: Transport | None, report: SendReport) -> None:  # fmt: skip
    alerts = config.alerts
    remaining = list(batches)
    try:
        with transport or SmtpTransport(alerts.smtp) as connection:
            while remaining:
                batch = remaining[0]
                items, recipient = _batch_items(store, batch)
                if items:
                    message = compose(
                        items, sender=alerts.sender, recipient=recipient, batch=batch, now=now
                    )
                    try:
                        connection.send(message)
                    except SmtpError as exc:
                        if not exc.permanent:
                            raise
                        report.failed += _settle(store, batch, now, exc)
                        report.problem(str(exc))
                        remaining.pop(0)
                        continue
                    report.alerts += _settle(store, batch, now, None)
                    report.sent += 1
                remaining.pop(0)
    except SmtpError as exc:
        report.problem(str(exc))
        for batch in remaining:
            report.deferred += _settle(store, batch, now, exc)
