"""Alerts into the outbox, in the transaction of the change that causes them.

``Rules`` reads the ``[alerts]`` config: which events alert (a verdict change,
a new claim, a new or moved official date, a source starting or ceasing to
fail), about which titles (watched, or all), and to whom (everyone in
``[alerts] recipients`` plus a title's own recipients, each immediately or in
a digest). ``Outbox`` writes one row per (event, recipient) with a unique
key in the caller's session: the change and its alerts commit together or
not at all, so a crash cannot lose an alert and a re-run finds the change
already made and writes no second one. Each row carries a snapshot of what
the email will say (its payload), so sending needs nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from schedules.config import RumourConfig
from verifier.store.models import Alert, Source, Statement, Title
from verifier.store.reports import ClaimView, claim_views, verdict_history
from verifier.store.verification import VerdictChange, row_window
from verifier.titles import title_key
from verifier.windows import Window


@dataclass(frozen=True)
class Rules:
    """What alerts, about which titles, to whom; built from the ``[alerts]`` config."""

    events: frozenset[str]
    all_titles: bool
    recipients: tuple[tuple[str, str], ...]  # (address, delivery)
    per_title: dict[str, tuple[tuple[str, str], ...]]  # title key -> (address, delivery)
    failing_after: int
    digest_at: dt.time
    zone: ZoneInfo

    @classmethod
    def from_config(cls, config: RumourConfig) -> Rules:
        alerts = config.alerts
        hour, minute = (int(part) for part in alerts.digest_at.split(":"))

        def chosen(recipients: Iterable[Any]) -> tuple[tuple[str, str], ...]:
            return tuple((r.address, r.delivery or alerts.delivery) for r in recipients)

        return cls(
            events=frozenset(alerts.on),
            all_titles=alerts.titles == "all",
            recipients=chosen(alerts.recipients),
            per_title={title_key(t.name): chosen(t.recipients) for t in config.titles},
            failing_after=alerts.failing_after,
            digest_at=dt.time(hour, minute),
            zone=ZoneInfo(alerts.timezone),
        )

    def recipients_for(self, key: str | None) -> list[tuple[str, str]]:
        """Everyone alerted about a title (None: about the service itself).

        A title's own entry for an address overrides the global delivery.
        """
        chosen = dict(self.recipients)
        if key is not None:
            chosen.update(self.per_title.get(key, ()))
        return sorted(chosen.items())

    def next_digest(self, now: dt.datetime) -> dt.datetime:
        """The first digest time after ``now``, in the configured zone, as UTC."""
        local = now.astimezone(self.zone)
        day = local.date()
        while True:
            moment = dt.datetime.combine(day, self.digest_at, tzinfo=self.zone)
            if moment > local:
                return moment.astimezone(dt.UTC)
            day += dt.timedelta(days=1)


def _strength(statement: Statement) -> tuple[bool, dt.date, int, int]:
    """As the verdict rules rank official statements: an actual release first, then the
    newest announcement, then the finer window (then the later row)."""
    window = row_window(statement)
    width = (window.end or dt.date.max) - (window.start or dt.date.min)
    return (statement.released, statement.announced or dt.date.min, -width.days, statement.id)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _window_json(window: Window) -> dict[str, Any]:
    return {**window.as_json(), "described": window.describe()}


def _described(evidence: dict[str, Any]) -> dict[str, Any]:
    try:
        described = Window.from_value(evidence["window"]["value"]).describe()
    except (KeyError, TypeError, ValueError):
        described = None
    return {**evidence, "window": {**evidence.get("window", {}), "described": described}}


class Outbox:
    """Writes alerts for changes made in ``session``; ``queued`` counts the rows."""

    def __init__(self, session: Session, rules: Rules, now: dt.datetime) -> None:
        self.session, self.rules, self.now = session, rules, now
        self.queued = 0

    def claims(self, changes: Sequence[VerdictChange]) -> None:
        """A claim's first verdict is a new claim; a later one that changes its label
        is a verdict change (new evidence that leaves the label alone alerts nothing)."""
        wanted = [
            change
            for change in changes
            if (change.old_label is None and "new_claim" in self.rules.events)
            or (
                change.old_label not in (None, change.decision.label)
                and "verdict_change" in self.rules.events
            )
        ]
        titles = self._titles({change.title_id for change in wanted})
        wanted = [change for change in wanted if change.title_id in titles]
        if not wanted:
            return
        views = claim_views(self.session, [change.statement_id for change in wanted])
        for change in wanted:
            view = views[change.statement_id]
            kind = "new_claim" if change.old_label is None else "verdict_change"
            subject = (
                f"claim:{change.statement_id}"
                if kind == "new_claim"
                else f"verdict:{change.verdict_id}"
            )
            self._queue(kind, subject, titles[change.title_id], self._claim_payload(view, change))

    def _claim_payload(self, view: ClaimView, change: VerdictChange) -> dict[str, Any]:
        decision = change.decision
        history = verdict_history(self.session, change.statement_id)
        return {
            "title": view.title,
            "season": view.season,
            "part": view.part,
            "claim": {
                "id": view.id,
                "window": _window_json(view.window),
                "stance": view.stance,
                "quote": view.quote,
                "url": view.url,
                "headline": view.headline,
                "published": _iso(view.published),
            },
            "old": None
            if change.old_label is None or len(history) < 2
            else {
                "label": change.old_label,
                "reason": change.old_reason,
                "explanation": history[-2].explanation,
            },
            "new": {
                "label": decision.label,
                "reason": decision.reason,
                "explanation": decision.explain(),
            },
            "evidence": [_described(dict(item)) for item in decision.evidence],
            "history": [entry.as_json() for entry in history],
            "at": self.now.isoformat(),
        }

    def officials(self, statements: Sequence[Statement]) -> None:
        """A new official date for a title, or one that moves the previous one."""
        if "official_date" not in self.rules.events or not statements:
            return
        titles = self._titles({s.title_id for s in statements})
        # One fact per title, season and part: a page that gives a slate's year and a finer
        # date for one title ("2027", "Q4 2027") alerts its date once, not "moved" too.
        groups: dict[tuple[int, int | None, int | None], list[Statement]] = {}
        for statement in statements:
            if statement.title_id in titles:
                key = (statement.title_id, statement.season, statement.part)
                groups.setdefault(key, []).append(statement)
        for group in groups.values():
            statement = max(group, key=_strength)
            first_new = min(s.id for s in group)
            before = self.session.scalars(
                select(Statement).where(
                    Statement.role == "official",
                    Statement.title_id == statement.title_id,
                    Statement.season.is_not_distinct_from(statement.season),
                    Statement.part.is_not_distinct_from(statement.part),
                    Statement.id < first_new,
                )
            ).all()
            previous = max(before, key=_strength) if before else None  # the date that held
            if previous is not None and previous.window_value == statement.window_value:
                continue  # the same date again: nothing moved
            title = self.session.get_one(Title, statement.title_id)
            payload = {
                "title": title.name,
                "season": statement.season,
                "part": statement.part,
                "window": _window_json(row_window(statement)),
                "released": statement.released,
                "url": statement.source_url,
                "announced": _iso(statement.announced),
                "quote": str(statement.quotes[0].get("text", "")) if statement.quotes else "",
                "previous": None
                if previous is None
                else {
                    "window": _window_json(row_window(previous)),
                    "url": previous.source_url,
                    "announced": _iso(previous.announced),
                },
                "at": self.now.isoformat(),
            }
            self._queue(
                "official_date", f"official:{statement.id}", titles[statement.title_id], payload
            )

    def source(self, source: Source, failures_before: int) -> None:
        """Once when a source reaches ``failing_after`` failures in a row, once when it recovers."""
        if "source_failing" not in self.rules.events:
            return
        limit = self.rules.failing_after
        if failures_before < limit <= source.failure_count:
            state = "failing"
        elif failures_before >= limit and source.failure_count == 0:
            state = "recovered"
        else:
            return
        payload = {
            "source": source.name,
            "url": source.url,
            "state": state,
            "failures": failures_before if state == "recovered" else source.failure_count,
            "error": source.last_error,
            "last_success_at": _iso(source.last_success_at),
            "at": self.now.isoformat(),
        }
        self._queue(f"source_{state}", f"source:{source.id}:{state}:{self.now.isoformat()}",
                    None, payload)  # fmt: skip

    def _titles(self, ids: set[int]) -> dict[int, str]:
        """The titles among ``ids`` that alerts are about, with their keys."""
        if not ids:
            return {}
        query = select(Title.id, Title.key).where(Title.id.in_(sorted(ids)))
        if not self.rules.all_titles:
            query = query.where(Title.watched)
        return {row.id: row.key for row in self.session.execute(query)}

    def _queue(self, kind: str, subject: str, title: str | None, payload: dict[str, Any]) -> None:
        for address, delivery in self.rules.recipients_for(title):
            key = f"{subject}:{address}"
            if self.session.scalar(select(Alert.id).where(Alert.dedupe_key == key)):
                continue
            immediate = delivery == "immediate"
            self.session.add(
                Alert(
                    dedupe_key=key,
                    recipient=address,
                    kind=kind,
                    delivery=delivery,
                    batch=key if immediate else None,
                    payload=payload,
                    next_attempt_at=self.now if immediate else self.rules.next_digest(self.now),
                    created_at=self.now,
                )
            )
            self.queued += 1
