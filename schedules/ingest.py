"""Writing what one source yielded: documents, claims or official statements, state.

``process`` runs in the caller's transaction, one per source: the page or
the feed's new articles become documents (the same headline and main text
create nothing), news documents give claims and official ones give official
statements (their text, and slate tables, lists and JSON-LD), the source's
state and fetch log are updated, the claims that can have changed are
verified once, and the alerts all this causes are written to the outbox.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from schedules.outbox import Outbox
from schedules.sources import Due, next_due
from scraper.document import ParsedDocument, parse_document
from scraper.errors import FetchError, ParseError, ScraperError
from scraper.feeds import Entry, Listing
from scraper.fetch import Fetched
from scraper.slates import SlateRow, parse_slate
from verifier.claim import Claim
from verifier.claims import extract_claims
from verifier.dates import parse_window
from verifier.store.models import Document, FeedEntry, FetchLog, Source, Statement
from verifier.store.repository import (
    StatementSpec,
    TitleRegistry,
    record_slate,
    record_statements,
)
from verifier.store.verification import VerdictChange, reverify
from verifier.titles import Catalogue
from verifier.windows import Window

logger = logging.getLogger(__name__)


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
class Fetching:
    due: Due
    page: Fetched | None = None
    error: FetchError | ScraperError | None = None
    listing: Listing | None = None
    articles: list[tuple[Entry, Fetched | FetchError]] = field(default_factory=list)


def content_hash(document: ParsedDocument) -> str:
    """The identity of a page's content: headline and main text, not the markup around them."""
    text = f"{document.headline or ''}\n{document.text}"
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


@dataclass(frozen=True)
class Prepared:
    """A fetched page read before its source's write transaction: parsed, and (unless its
    content was stored before) its claims extracted and its slate table read."""

    parsed: ParsedDocument
    digest: str
    claims: list[Claim] | None  # None: content already stored, nothing extracted
    slate: list[SlateRow]


def prepare(session: Session, fetching: Fetching, catalogue: Catalogue) -> dict[int, Prepared]:
    """The CPU-bound part of writing a source — parsing pages, extracting claims, reading
    slate tables — done ahead, outside the write (workers sharing a cycle write one at a
    time); ``session`` is only read. Keyed by ``id()`` of each fetched page; a page that
    does not parse is left for the write to report."""
    pages: list[tuple[Fetched, dt.date | None]] = []
    if fetching.error is None and fetching.page is not None and not fetching.page.not_modified:
        if fetching.due.kind == "page":
            pages.append((fetching.page, None))
        else:
            pages += [
                (r, e.published) for e, r in fetching.articles if not isinstance(r, FetchError)
            ]
    prepared: dict[int, Prepared] = {}
    for fetched, hint in pages:
        try:
            parsed = parse_document(fetched.body, url=fetched.final_url, charset=fetched.charset)
        except ParseError:
            continue
        digest = content_hash(parsed)
        if session.scalar(select(Document.id).where(Document.content_hash == digest)):
            prepared[id(fetched)] = Prepared(parsed, digest, None, [])
            continue
        published = parsed.published or hint
        claims = extract_claims(parsed.text, headline=parsed.headline, published=published,
                                catalogue=catalogue)  # fmt: skip
        prepared[id(fetched)] = Prepared(parsed, digest, claims, _slate_rows(fetching.due, fetched))
    return prepared


def _slate_rows(due: Due, fetched: Fetched) -> list[SlateRow]:
    if due.role != "official" or "html" not in fetched.content_type:
        return []
    return parse_slate(fetched.body.decode(fetched.charset or "utf-8", "replace"))


class _Writer:
    """Everything one source yields, written in the caller's transaction."""

    def __init__(self, session: Session, registry: TitleRegistry, catalogue: Catalogue,
                 due: Due, outcome: SourceOutcome, now: dt.datetime,
                 prepared: dict[int, Prepared] | None = None) -> None:  # fmt: skip
        self.session, self.registry, self.catalogue = session, registry, catalogue
        self.due, self.outcome, self.now = due, outcome, now
        self.prepared = prepared or {}
        self.titles: set[int] = set()  # titles whose claims or evidence changed
        self.officials: list[Statement] = []  # new official statements
        self.everything = False  # a slate changed: every claim may be absent from it

    def document(self, url: str, fetched: Fetched, hint: dt.date | None = None) -> int | None:
        """Store a fetched page; returns its id when its content is new, else None."""
        prepared = self.prepared.get(id(fetched))
        if prepared is None:
            parsed = parse_document(fetched.body, url=fetched.final_url, charset=fetched.charset)
            prepared = Prepared(parsed, content_hash(parsed), None, [])
        parsed, digest = prepared.parsed, prepared.digest
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
        self._statements(document, parsed, fetched, prepared)
        return document.id

    def _statements(self, document: Document, parsed: ParsedDocument, fetched: Fetched,
                    prepared: Prepared) -> None:  # fmt: skip
        official = self.due.role == "official"
        published = document.published
        announced = published or self.now.date()
        url = document.canonical_url or document.url
        claims = prepared.claims
        if claims is None:  # not read ahead
            claims = extract_claims(parsed.text, headline=parsed.headline, published=published,
                                    catalogue=self.catalogue)  # fmt: skip
            rows = _slate_rows(self.due, fetched)
        else:
            rows = prepared.slate
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
            for c in claims
        ]
        if rows:
            slate_year = self.due.slate.year if self.due.slate else None
            for row in rows:
                window = _row_window(row.when, published or self.now.date(), slate_year)
                if window is not None:
                    named = f"{row.title} (season {row.season})" if row.season else row.title
                    quote: dict[str, object] = {"text": f"{named}: {row.when}", "start": None, "end": None,
                             "field": "slate"}  # fmt: skip
                    specs.append(StatementSpec(row.title, row.season, window, "official",
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
            self.officials += new
            self.outcome.new_officials += len(new)
        else:
            self.outcome.new_claims += len(new)

    def verify(self) -> list[VerdictChange]:
        """Decide again, once per source, the claims that what was stored can change."""
        if self.everything:
            return reverify(self.session, None, now=self.now)
        return reverify(self.session, self.titles, now=self.now) if self.titles else []


def _row_window(when: str, published: dt.date, slate_year: int | None) -> Window | None:
    try:
        return Window.from_value(when[:10] if when[:4].isdigit() and "-" in when else when)
    except ValueError:
        return parse_window(when, published, slate_year=slate_year)


def process(session: Session, registry: TitleRegistry, catalogue: Catalogue, fetching: Fetching,
            now: dt.datetime, outbox: Outbox | None = None,
            prepared: dict[int, Prepared] | None = None) -> tuple[SourceOutcome, list[VerdictChange]]:  # fmt: skip
    """Write one source's yield (read ahead by ``prepare``, if it was); its alerts go to
    ``outbox`` in the same transaction."""
    due = fetching.due
    source = session.get_one(Source, due.id)
    failures_before = source.failure_count
    outcome = SourceOutcome(due.name)
    writer = _Writer(session, registry, catalogue, due, outcome, now, prepared)
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
    changes = writer.verify()
    if outbox is not None:
        outbox.source(source, failures_before)
        outbox.officials(writer.officials)
        outbox.claims(changes)
    return outcome, changes


def _transient(error: FetchError) -> bool:
    """Worth trying again later: timeouts, network errors, 5xx and 429."""
    if error.kind in ("timeout", "network"):
        return True
    return error.kind == "http" and (error.status or 0) in (*range(500, 600), 429)


def _store_articles(session: Session, writer: _Writer, fetching: Fetching) -> None:
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
