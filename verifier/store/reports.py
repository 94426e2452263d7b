"""Reading claims, verdicts and official statements back for people and scripts.

``ClaimView`` is one claim with where it appeared and its current verdict;
``list_claims`` filters them; ``verdict_history`` gives a claim's past labels;
``list_officials`` the official statements. The JSON forms here are what
``rumour claims --json``, ``rumour verdicts --json`` and ``rumour export
--format json`` print (documented in the README).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager, joinedload

from verifier.store.models import CurrentVerdict, Document, Slate, Statement, Title, Verdict
from verifier.store.repository import TitleRegistry
from verifier.store.verification import row_window
from verifier.verdicts import Decision
from verifier.windows import Window


@dataclass(frozen=True)
class ClaimView:
    id: int
    title: str
    season: int | None
    part: int | None
    window: Window
    stance: str
    quotes: list[dict[str, Any]]
    url: str | None
    headline: str | None
    published: dt.date | None
    verdict: Decision | None
    decided_at: dt.datetime | None

    @property
    def quote(self) -> str:
        return str(self.quotes[0].get("text", "")) if self.quotes else ""

    def explain(self) -> str:
        return self.verdict.explain() if self.verdict else "not yet verified"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "season": self.season,
            "part": self.part,
            "window": self.window.as_json(),
            "stance": self.stance,
            "quotes": self.quotes,
            "document": {
                "url": self.url,
                "headline": self.headline,
                "published": _iso(self.published),
            },
            "verdict": None
            if self.verdict is None
            else {
                **self.verdict.as_json(),
                "explanation": self.verdict.explain(),
                "decided_at": _iso(self.decided_at),
            },
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _title_filter(session: Session, title: str) -> Any:
    """Statements of the title named (or aliased) ``title``."""
    return Statement.title_id == TitleRegistry(session).require(title)


def list_claims(
    session: Session,
    *,
    title: str | None = None,
    label: str | None = None,
    changed_since: dt.datetime | None = None,
    limit: int | None = None,
) -> list[ClaimView]:
    """Claims newest first, each with its current verdict and latest evidence."""
    query = (
        select(Statement)
        .outerjoin(Statement.current)
        .options(
            joinedload(Statement.title),
            joinedload(Statement.document),
            contains_eager(Statement.current),
        )
        .where(Statement.role == "claim")
        # newest verdicts first, claims not yet decided last, on every backend
        .order_by(CurrentVerdict.decided_at.is_(None), CurrentVerdict.decided_at.desc(),
                  Statement.id.desc())
    )  # fmt: skip
    if title is not None:
        query = query.where(_title_filter(session, title))
    if label is not None:
        query = query.where(CurrentVerdict.label == label)
    if changed_since is not None:
        query = query.where(CurrentVerdict.decided_at >= changed_since)
    if limit is not None:
        query = query.limit(limit)
    statements = session.scalars(query).unique().all()
    evidence = _current_evidence(session, [s.current for s in statements if s.current])
    return [_view(s, evidence.get(s.id, [])) for s in statements]


def claim_views(session: Session, ids: Sequence[int]) -> dict[int, ClaimView]:
    """The claims with these ids, by id."""
    views: dict[int, ClaimView] = {}
    for i in range(0, len(ids), 500):
        statements = session.scalars(
            select(Statement)
            .options(
                joinedload(Statement.title),
                joinedload(Statement.document),
                joinedload(Statement.current),
            )
            .where(Statement.id.in_(ids[i : i + 500]))
        ).unique()
        chunk = list(statements)
        evidence = _current_evidence(session, [s.current for s in chunk if s.current])
        views.update((s.id, _view(s, evidence.get(s.id, []))) for s in chunk)
    return views


def _current_evidence(session: Session, current: Sequence[CurrentVerdict]) -> dict[int, list[Any]]:
    """The evidence of each claim's current verdict, by claim id."""
    evidence: dict[int, list[Any]] = {}
    verdict_ids = [c.verdict_id for c in current]
    for i in range(0, len(verdict_ids), 500):
        rows = session.execute(
            select(Verdict.statement_id, Verdict.evidence).where(
                Verdict.id.in_(verdict_ids[i : i + 500])
            )
        )
        evidence.update((row.statement_id, row.evidence) for row in rows)
    return evidence


def _view(statement: Statement, evidence: list[Any]) -> ClaimView:
    document: Document | None = statement.document
    current = statement.current
    verdict = Decision(current.label, current.reason, tuple(evidence)) if current else None
    return ClaimView(
        id=statement.id,
        title=statement.title.name,
        season=statement.season,
        part=statement.part,
        window=row_window(statement),
        stance=statement.stance,
        quotes=list(statement.quotes),
        url=(document.canonical_url or document.url) if document else statement.source_url,
        headline=document.headline if document else None,
        published=(document.published if document else None) or statement.announced,
        verdict=verdict,
        decided_at=current.decided_at if current else None,
    )


@dataclass(frozen=True)
class HistoryEntry:
    label: str
    reason: str
    decided_at: dt.datetime
    explanation: str

    def as_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "reason": self.reason,
            "explanation": self.explanation,
            "decided_at": self.decided_at.isoformat(),
        }


def verdict_history(session: Session, statement_id: int) -> list[HistoryEntry]:
    """A claim's labels, oldest first, each explained with the evidence it had."""
    rows = session.execute(
        select(Verdict.label, Verdict.reason, Verdict.decided_at, Verdict.evidence)
        .where(Verdict.statement_id == statement_id)
        .order_by(Verdict.id)
    )
    return [
        HistoryEntry(
            r.label,
            r.reason,
            r.decided_at,
            Decision(r.label, r.reason, tuple(r.evidence or ())).explain(),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class OfficialView:
    title: str
    season: int | None
    part: int | None
    window: Window
    released: bool
    url: str | None
    announced: dt.date | None
    slate: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "season": self.season,
            "part": self.part,
            "window": self.window.as_json(),
            "released": self.released,
            "source_url": self.url,
            "announced": _iso(self.announced),
            "slate": self.slate,
        }


def list_officials(session: Session, *, title: str | None = None) -> list[OfficialView]:
    query = (
        select(Statement, Title.name, Slate)
        .join(Statement.title)
        .outerjoin(Statement.slate)
        .where(Statement.role == "official")
        .order_by(Title.key, Statement.season, Statement.part, Statement.announced)
    )
    if title is not None:
        query = query.where(_title_filter(session, title))
    views = []
    for row in session.execute(query).all():
        statement, name, slate = row[0], row[1], row[2]
        views.append(
            OfficialView(
                name,
                statement.season,
                statement.part,
                row_window(statement),
                statement.released,
                statement.source_url,
                statement.announced,
                f"{slate.year} {slate.scope}{' (complete)' if slate.complete else ''}"
                if slate
                else None,
            )
        )
    return views
