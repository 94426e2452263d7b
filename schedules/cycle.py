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
import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import select
from sqlalchemy.orm import Session

from schedules.config import RumourConfig, SourceConfig
from scraper.document import ParsedDocument, parse_document
from scraper.errors import FetchError, ParseError, ScraperError
from scraper.feeds import Entry, Listing, parse_feed, parse_sitemap
from scraper.fetch import Fetched, Fetcher, FetchPolicy
from scraper.slates import parse_slate
from verifier.claims import extract_claims
from verifier.dates import parse_window
from verifier.store import Store
from verifier.store.models import Document, FeedEntry, FetchLog, Source, utcnow
from verifier.store.repository import (
    SlateSpec,
    StatementSpec,
    TitleRegistry,
    record_slate,
    record_statements,
)
from verifier.store.verification import VerdictChange, reverify
from verifier.titles import Catalogue
from verifier.windows import Window

logger = logging.getLogger(__name__)

MAX_BACKOFF = dt.timedelta(hours=24)
MAX_URL = 2000


@dataclass
class SourceOutcome:
    name: str
    state: str = "fetched"  # fetched, unchanged, failed
    error: str | None = None
    new_documents: int = 0
    new_claims: int = 0
    new_officials: int = 0

    def as_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class CycleReport:
    sources: list[SourceOutcome] = field(default_factory=list)
    changes: list[tuple[str, VerdictChange]] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for s in self.sources if s.state == state)

    def total(self, name: str) -> int:
        return sum(int(getattr(s, name)) for s in self.sources)

    def summary(self) -> str:
        return (
            f"{len(self.sources)} sources: {self.count('fetched')} fetched, "
            f"{self.count('unchanged')} unchanged, {self.count('failed')} failed; "
            f"{self.total('new_documents')} new documents, {self.total('new_claims')} new claims, "
            f"{self.total('new_officials')} new official statements, "
            f"{len(self.changes)} changed verdicts"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "sources": {s: self.count(s) for s in ("fetched", "unchanged", "failed")},
            "new_documents": self.total("new_documents"),
            "new_claims": self.total("new_claims"),
            "new_officials": self.total("new_officials"),
            "changed_verdicts": [
                {
                    "claim": c.statement_id,
                    "title": title,
                    "from": c.old_label,
                    "to": c.decision.label,
                    "reason": c.decision.reason,
                }
                for title, c in self.changes
            ],
            "failures": [{"source": s.name, "error": s.error} for s in self.sources if s.error],
        }


# --- sources ------------------------------------------------------------------------------


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
class _Due:
    id: int
    name: str
    url: str
    kind: str
    role: str
    etag: str | None
    last_modified: str | None
    slate: SlateSpec | None
    seen: frozenset[str]


def due_sources(session: Session, now: dt.datetime) -> list[_Due]:
    due = []
    for source in session.scalars(
        select(Source).where(Source.enabled).order_by(Source.next_due_at, Source.id)
    ):
        if source.next_due_at is not None and _aware(source.next_due_at) > now:
            continue
        seen: frozenset[str] = frozenset()
        if source.kind != "page":
            seen = frozenset(
                session.scalars(select(FeedEntry.url).where(FeedEntry.source_id == source.id))
            )
        slate = None
        if source.slate_year is not None and source.slate_scope:
            slate = SlateSpec(source.slate_year, source.slate_scope, source.slate_complete,
                              source_url=source.url)  # fmt: skip
        due.append(_Due(source.id, source.name, source.url, source.kind, source.role,
                        source.etag, source.last_modified, slate, seen))  # fmt: skip
    return due


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def next_due(source: Source, now: dt.datetime, retry_after: float | None = None) -> dt.datetime:
    """When to fetch again: the schedule, stretched by repeated failures (at most a day)."""
    if source.cron:
        trigger = CronTrigger.from_crontab(source.cron, timezone=dt.UTC)
        fire = trigger.get_next_fire_time(None, now) or now + MAX_BACKOFF
        base = max(fire - now, dt.timedelta(minutes=1))
    else:
        base = dt.timedelta(seconds=source.every_seconds or 3600)
    if source.failure_count:
        base = min(base * 2 ** min(source.failure_count - 1, 10), MAX_BACKOFF)
    if retry_after is not None:
        base = max(base, dt.timedelta(seconds=min(retry_after, MAX_BACKOFF.total_seconds())))
    return now + base


# --- fetching -----------------------------------------------------------------------------


@dataclass
class _Fetching:
    due: _Due
    page: Fetched | None = None
    error: FetchError | ScraperError | None = None
    listing: Listing | None = None
    articles: list[tuple[Entry, Fetched | FetchError]] = field(default_factory=list)


async def _fetch_source(fetcher: Fetcher, due: _Due, max_articles: int) -> _Fetching:
    result = _Fetching(due)
    try:
        result.page = await fetcher.fetch(due.url, etag=due.etag, last_modified=due.last_modified)
        if due.kind == "page" or result.page.not_modified:
            return result
        parse = parse_feed if due.kind == "feed" else parse_sitemap
        listing = parse(result.page.body, result.page.final_url)
        if due.kind == "sitemap":
            listing = await _expand_index(fetcher, listing)
        result.listing = listing
    except ScraperError as exc:
        result.error = exc
        return result
    fresh = [e for e in listing.entries if e.url not in due.seen and len(e.url) <= MAX_URL]
    fresh = fresh[:max_articles]

    async def article(entry: Entry) -> tuple[Entry, Fetched | FetchError]:
        try:
            return entry, await fetcher.fetch(entry.url)
        except FetchError as exc:
            return entry, exc

    result.articles = list(await asyncio.gather(*(article(e) for e in fresh)))
    return result


async def _expand_index(fetcher: Fetcher, listing: Listing, limit: int = 10) -> Listing:
    """A sitemap index's sitemaps (the first ``limit``), read one level deep."""
    children = [e for e in listing.entries if e.sitemap][:limit]
    entries = [e for e in listing.entries if not e.sitemap]
    skipped = listing.skipped
    for child in children:
        try:
            page = await fetcher.fetch(child.url)
            part = parse_sitemap(page.body, page.final_url)
        except ScraperError as exc:
            logger.warning("%s", exc)
            skipped += 1
            continue
        entries += [e for e in part.entries if not e.sitemap]
        skipped += part.skipped
    return Listing(entries, skipped)


# --- storing ------------------------------------------------------------------------------


def content_hash(document: ParsedDocument) -> str:
    """The identity of a page's content: headline and main text, not the markup around them."""
    text = f"{document.headline or ''}\n{document.text}"
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


class _Writer:
    """Everything one source yields, written in the caller's transaction."""

    def __init__(self, session: Session, registry: TitleRegistry, catalogue: Catalogue,
                 due: _Due, outcome: SourceOutcome, now: dt.datetime) -> None:  # fmt: skip
        self.session, self.registry, self.catalogue = session, registry, catalogue
        self.due, self.outcome, self.now = due, outcome, now
        self.titles: set[int] = set()  # titles whose claims or evidence changed
        self.everything = False  # a slate changed: every claim may be absent from it

    def document(self, url: str, fetched: Fetched, hint: dt.date | None = None) -> int | None:
        """Store a fetched page; returns its id when its content is new, else None."""
        parsed = parse_document(fetched.body, url=fetched.final_url, charset=fetched.charset)
        digest = content_hash(parsed)
        if self.session.scalar(select(Document.id).where(Document.content_hash == digest)):
            return None
        document = self.session.scalars(
            select(Document).where(Document.url == url).order_by(Document.id.desc())
        ).first()
        if document is None:
            document = Document(url=url, source_id=self.due.id)
            self.session.add(document)
        document.canonical_url = parsed.canonical_url
        document.headline = parsed.headline
        document.published = parsed.published or hint
        document.text = parsed.text
        document.content_hash = digest
        document.fetched_at = self.now
        self.session.flush()
        self.outcome.new_documents += 1
        self._statements(document, parsed, fetched)
        return document.id

    def _statements(self, document: Document, parsed: ParsedDocument, fetched: Fetched) -> None:
        official = self.due.role == "official"
        published = document.published
        announced = published or self.now.date()
        url = document.canonical_url or document.url
        specs = [
            StatementSpec(
                c.title,
                c.season,
                c.window,
                "official" if official else c.stance,
                c.part,
                tuple(q.as_json() for q in c.quotes),
                url,
                announced,
            )
            for c in extract_claims(
                parsed.text, headline=parsed.headline, published=published, catalogue=self.catalogue
            )
        ]
        if official and "html" in fetched.content_type:
            slate_year = self.due.slate.year if self.due.slate else None
            html = fetched.body.decode(fetched.charset or "utf-8", "replace")
            for row in parse_slate(html):
                window = _row_window(row.when, published or self.now.date(), slate_year)
                if window is not None:
                    quote: dict[str, object] = {"text": f"{row.title}: {row.when}", "start": None, "end": None,
                             "field": "slate"}  # fmt: skip
                    specs.append(StatementSpec(row.title, None, window, "official",
                                               quotes=(quote,), source_url=url, announced=announced))  # fmt: skip
        if not specs and not (official and self.due.slate):
            return
        slate = None
        if official and self.due.slate is not None:
            slate, changed = record_slate(self.session, self.due.slate)
            self.everything |= changed
        new, titles = record_statements(
            self.session, self.registry, specs,
            role="official" if official else "claim", document_id=document.id, slate=slate,
        )  # fmt: skip
        self.titles |= titles
        if official:
            self.outcome.new_officials += len(new)
        else:
            self.outcome.new_claims += len(new)

    def verify(self) -> list[VerdictChange]:
        """Decide again, once per source, the claims that what was stored can change."""
        if self.everything:
            return reverify(self.session, None)
        return reverify(self.session, self.titles) if self.titles else []


def _row_window(when: str, published: dt.date, slate_year: int | None) -> Window | None:
    try:
        return Window.from_value(when[:10] if when[:4].isdigit() and "-" in when else when)
    except ValueError:
        return parse_window(when, published, slate_year=slate_year)


def _process(session: Session, registry: TitleRegistry, catalogue: Catalogue,
             fetching: _Fetching, now: dt.datetime) -> tuple[SourceOutcome, list[VerdictChange]]:  # fmt: skip
    due = fetching.due
    source = session.get_one(Source, due.id)
    outcome = SourceOutcome(due.name)
    writer = _Writer(session, registry, catalogue, due, outcome, now)
    page, error = fetching.page, fetching.error
    if page is not None:
        session.add(FetchLog(source_id=due.id, url=due.url, started_at=now, status_code=page.status,
                             outcome="not_modified" if page.not_modified else "ok",
                             bytes_read=len(page.body)))  # fmt: skip
    if error is None and page is not None and not page.not_modified:
        try:
            if due.kind == "page":
                if writer.document(due.url, page) is None:
                    outcome.state = "unchanged"
            else:
                _store_articles(session, writer, fetching)
        except ParseError as exc:
            error = exc
    elif page is not None and page.not_modified:
        outcome.state = "unchanged"
    if error is not None:
        outcome.state, outcome.error = "failed", str(error)
        source.failure_count += 1
        source.last_error = str(error)
        if not isinstance(error, FetchError) or page is None:
            session.add(FetchLog(source_id=due.id, url=due.url, started_at=now, outcome="failed",
                                 status_code=getattr(error, "status", None), error=str(error)))  # fmt: skip
        retry_after = error.retry_after if isinstance(error, FetchError) else None
        source.next_due_at = next_due(source, now, retry_after)
    else:
        source.failure_count = 0
        source.last_error = None
        source.last_success_at = now
        assert page is not None
        source.etag = page.etag or source.etag
        source.last_modified = page.last_modified or source.last_modified
        source.next_due_at = next_due(source, now)
    source.last_fetched_at = now
    return outcome, writer.verify()


def _transient(error: FetchError) -> bool:
    """Worth trying again later: timeouts, network errors, 5xx and 429."""
    if error.kind in ("timeout", "network"):
        return True
    return error.kind == "http" and (error.status or 0) in (*range(500, 600), 429)


def _store_articles(session: Session, writer: _Writer, fetching: _Fetching) -> None:
    due = fetching.due
    if fetching.listing is not None and fetching.listing.skipped:
        logger.warning("%s: %d entries without a usable link skipped", due.name,
                       fetching.listing.skipped)  # fmt: skip
    stored = 0
    for entry, result in fetching.articles:
        if isinstance(result, FetchError):
            session.add(FetchLog(source_id=due.id, url=entry.url, started_at=writer.now,
                                 outcome="failed", status_code=result.status, error=str(result)))  # fmt: skip
            if _transient(result):
                continue  # the entry is tried again next cycle
            session.add(FeedEntry(source_id=due.id, url=entry.url, status="failed"))
            continue
        try:
            with session.begin_nested():
                document_id = writer.document(entry.url, result, entry.published)
        except ParseError as exc:
            logger.warning("%s: %s", due.name, exc)
            session.add(FeedEntry(source_id=due.id, url=entry.url, status="failed"))
            continue
        stored += document_id is not None
        session.add(FeedEntry(source_id=due.id, url=entry.url, document_id=document_id,
                              status="stored" if document_id else "unchanged"))  # fmt: skip
    if not stored:
        writer.outcome.state = "unchanged"


# --- the cycle ----------------------------------------------------------------------------


def fetch_policy(config: RumourConfig) -> FetchPolicy:
    http = config.http
    return FetchPolicy(
        http.user_agent, timeout=http.timeout, max_bytes=http.max_bytes,
        concurrency=http.concurrency, per_host=http.per_host, host_delay=http.host_delay,
        retries=http.retries, robots=http.robots,
    )  # fmt: skip


def run_cycle(
    store: Store,
    config: RumourConfig,
    registry_for: Callable[[Session], TitleRegistry],
    *,
    now: dt.datetime | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> CycleReport:
    """Run one cycle over the due sources; a failing source is reported, never raised."""
    now = now or utcnow()
    with store.transaction() as session:
        sync_sources(session, config.sources, now)
        due = due_sources(session, now)
    report = CycleReport()
    if not due:
        return report

    async def fetch_all() -> list[_Fetching]:
        async with Fetcher(fetch_policy(config), transport=transport) as fetcher:
            return list(
                await asyncio.gather(
                    *(_fetch_source(fetcher, d, config.http.max_articles) for d in due)
                )
            )

    # Official sources first, so that news claims of this cycle meet this cycle's evidence.
    fetched = sorted(asyncio.run(fetch_all()), key=lambda f: f.due.role != "official")
    for fetching in fetched:
        with store.transaction() as session:
            registry = registry_for(session)
            outcome, changes = _process(session, registry, registry.catalogue(), fetching, now)
            names = {c.title_id: registry.name(c.title_id) for c in changes}
        report.sources.append(outcome)
        report.changes += [(names[c.title_id], c) for c in changes]
        if outcome.error:
            logger.warning("source %s failed: %s", outcome.name, outcome.error)
    return report
