"""SQLAlchemy models for the vocabulary of DESIGN.md.

Sources are fetched into documents; statements are extracted from documents
(or imported) and name a title; verdicts are the history of a claim's label;
alerts are the outbox; the fetch log records every attempt on a source.

Every schema change goes through an Alembic migration in ``migrations/``;
``tests/verifier/test_store.py`` checks that the two agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment in UTC, aware on every backend: SQLite keeps no zone, so what it gives
    back is read as the UTC it was written in; what is written is turned to UTC first."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads it as a class attribute)
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Source(Base):
    """A configured URL with a kind (page, feed, sitemap) and a role (news, official)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    url: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16))
    every_seconds: Mapped[int | None] = mapped_column(Integer)
    cron: Mapped[str | None] = mapped_column(String(100))
    slate_year: Mapped[int | None] = mapped_column(Integer)
    slate_scope: Mapped[str | None] = mapped_column(String(200))
    slate_complete: Mapped[bool] = mapped_column(Boolean, default=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # "config" sources follow the config file; "cli" ones were added with `rumour sources add`.
    origin: Mapped[str] = mapped_column(String(16), default="config")
    next_due_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    failure_count: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_fetched_at: Mapped[dt.datetime | None]
    last_success_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    documents: Mapped[list[Document]] = relationship(back_populates="source")


class Document(Base):
    """One fetched article or page. Unchanged content creates nothing new."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    url: Mapped[str] = mapped_column(Text, index=True)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    headline: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    fetched_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    source: Mapped[Source | None] = relationship(back_populates="documents")
    statements: Mapped[list[Statement]] = relationship(back_populates="document")


class Title(Base):
    """A film or series, known under one canonical name and any aliases."""

    __tablename__ = "titles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    watched: Mapped[bool] = mapped_column(Boolean, default=False)
    # Slate scopes the title belongs to by config ("Korean series"); slates add their own.
    scopes: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    aliases: Mapped[list[TitleAlias]] = relationship(
        back_populates="title", cascade="all, delete-orphan"
    )


class TitleAlias(Base):
    __tablename__ = "title_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_id: Mapped[int] = mapped_column(ForeignKey("titles.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(300), unique=True)

    title: Mapped[Title] = relationship(back_populates="aliases")


class Slate(Base):
    """An official line-up for a year and scope; ``complete`` if it lists every title.

    Its entries are the official statements that point to it.
    """

    __tablename__ = "slates"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    scope: Mapped[str] = mapped_column(String(200))
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    source_url: Mapped[str | None] = mapped_column(Text)
    announced: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Statement(Base):
    """(title, season, window, stance, quotes) from a document or an import.

    ``role`` is ``official`` for official evidence and ``claim`` for news claims.
    ``fingerprint`` makes recording the same statement twice a no-op. A claim
    has its current verdict in ``current_verdicts`` (``label``, ``reason``); the
    ``verdicts`` table holds the history.
    """

    __tablename__ = "statements"
    __table_args__ = (
        Index("ix_statements_title_season", "title_id", "season"),
        Index("ix_statements_role_title", "role", "title_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    title_id: Mapped[int] = mapped_column(ForeignKey("titles.id"))
    season: Mapped[int | None] = mapped_column(Integer)
    part: Mapped[int | None] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    stance: Mapped[str] = mapped_column(String(16))
    window_start: Mapped[dt.date | None] = mapped_column(Date)
    window_end: Mapped[dt.date | None] = mapped_column(Date)
    granularity: Mapped[str] = mapped_column(String(16))
    window_value: Mapped[str] = mapped_column(String(40))
    quotes: Mapped[list[Any]] = mapped_column(default=list)
    source_url: Mapped[str | None] = mapped_column(Text)
    announced: Mapped[dt.date | None] = mapped_column(Date)
    released: Mapped[bool] = mapped_column(Boolean, default=False)
    slate_id: Mapped[int | None] = mapped_column(
        ForeignKey("slates.id", ondelete="SET NULL"), index=True
    )
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    document: Mapped[Document | None] = relationship(back_populates="statements")
    title: Mapped[Title] = relationship()
    slate: Mapped[Slate | None] = relationship()
    current: Mapped[CurrentVerdict | None] = relationship(passive_deletes=True)

    @property
    def label(self) -> str | None:
        """The claim's current label (None before its first verdict)."""
        return self.current.label if self.current is not None else None

    @property
    def reason(self) -> str | None:
        return self.current.reason if self.current is not None else None


class CurrentVerdict(Base):
    """A claim's current verdict: its label, reason, the digest of the decision with its
    evidence, and its newest ``verdicts`` row.

    Kept apart from the claim's own row: a full pass over 100,000 claims writes these narrow
    rows, not new versions of the wide claim rows with an entry in each of their indexes
    (on PostgreSQL most of the pass). ``verdict_id`` has no foreign key: both rows go with
    their claim (``ON DELETE CASCADE``), and one check per row is a third of the writing.
    """

    __tablename__ = "current_verdicts"

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    verdict_id: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(40))
    digest: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime]


class Verdict(Base):
    """One row of a claim's label history; the newest row is the current label."""

    __tablename__ = "verdicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(40))
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    decided_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class Alert(Base):
    """An outbox row per (recipient, change); sending is a separate step.

    ``dedupe_key`` names the change and the recipient, so writing the same alert
    twice fails instead of doubling it. ``batch`` names the email the row goes
    out in (its own key when immediate, a digest's key once the digest is due);
    the Message-ID is derived from it, so a resent email is recognisably the same.
    """

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(400), unique=True)
    recipient: Mapped[str] = mapped_column(String(320))
    kind: Mapped[str] = mapped_column(String(32))
    delivery: Mapped[str] = mapped_column(String(16), default="immediate")
    batch: Mapped[str | None] = mapped_column(String(400), index=True)
    verdict_id: Mapped[int | None] = mapped_column(ForeignKey("verdicts.id", ondelete="SET NULL"))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None]


class Heartbeat(Base):
    """The last run of a recurring job (``cycle``, ``send``): when, and what it did."""

    __tablename__ = "heartbeats"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    at: Mapped[dt.datetime]
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class HostLease(Base):
    """A worker's claim on one host's due sources (``schedules.leases``): while it holds it,
    no other worker fetches from that host, so per-host politeness holds fleet-wide. A
    worker that dies loses its claims when they expire."""

    __tablename__ = "host_leases"

    host: Mapped[str] = mapped_column(String(400), primary_key=True)  # scheme://host:port
    holder: Mapped[str] = mapped_column(String(120))
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)


class FeedEntry(Base):
    """An article URL a feed or sitemap listed; each is fetched once."""

    __tablename__ = "feed_entries"
    __table_args__ = (UniqueConstraint("source_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # stored, unchanged, failed
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    first_seen: Mapped[dt.datetime] = mapped_column(default=utcnow)


class FetchLog(Base):
    """Every fetch attempt on a source: what happened and how long it took."""

    __tablename__ = "fetch_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(Text)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(32))
    bytes_read: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)


__all__ = [
    "Alert",
    "Base",
    "CurrentVerdict",
    "Document",
    "FeedEntry",
    "FetchLog",
    "Heartbeat",
    "Slate",
    "Source",
    "Statement",
    "Title",
    "TitleAlias",
    "Verdict",
]
