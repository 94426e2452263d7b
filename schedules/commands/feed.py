"""``rumour feed``: verdict changes as an Atom feed, official dates as an iCalendar file.

Atom (feedgen): one entry per change of a claim's label, a first label included,
newest first; an entry's id is its verdict row's, so a feed reader shows each
change once however often the file is written. iCalendar (icalendar): one all-day
event per title, season and part with an official date or window, its UID fixed
by those three, so a calendar moves the event in place when the date moves
(``SEQUENCE`` counts the moves).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click
from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session

from schedules.app import App, pass_app, write_output
from schedules.commands.export import claim_in_words
from schedules.config import slug
from verifier.store.models import Statement, Verdict, utcnow
from verifier.store.reports import OfficialView, claim_views, list_officials
from verifier.verdicts import Decision

_CHUNK = 500


@dataclass(frozen=True)
class Change:
    verdict_id: int
    statement_id: int
    label: str
    previous: str | None
    decision: Decision
    decided_at: dt.datetime


def label_changes(
    session: Session, *, title_id: int | None = None, limit: int = 200
) -> list[Change]:
    """The newest ``limit`` verdict rows that gave a claim a new label (its first included),
    newest first."""
    changes: list[Change] = []
    newest = select(Verdict).order_by(Verdict.decided_at.desc(), Verdict.id.desc())
    if title_id is not None:
        newest = newest.join(Statement, Statement.id == Verdict.statement_id).where(
            Statement.title_id == title_id
        )
    offset = 0
    while len(changes) < limit:  # rows that only renewed evidence are passed over
        rows = session.scalars(newest.offset(offset).limit(_CHUNK)).all()
        if not rows:
            break
        offset += len(rows)
        before = _labels_before(session, rows)
        for row in rows:
            previous = before.get(row.id)
            if previous != row.label:
                decision = Decision(row.label, row.reason, tuple(row.evidence or ()))
                changes.append(Change(row.id, row.statement_id, row.label, previous, decision,
                                      row.decided_at))  # fmt: skip
    return changes[:limit]


def _labels_before(session: Session, rows: Sequence[Verdict]) -> dict[int, str | None]:
    """For each verdict row, the label of the same claim's row just before it."""
    ids = sorted({row.statement_id for row in rows})
    history = session.execute(
        select(Verdict.id, Verdict.statement_id, Verdict.label)
        .where(Verdict.statement_id.in_(ids))
        .order_by(Verdict.statement_id, Verdict.id)
    ).all()
    before: dict[int, str | None] = {}
    last: dict[int, str] = {}
    for verdict_id, statement_id, label in history:
        before[verdict_id] = last.get(statement_id)
        last[statement_id] = label
    return before


def atom(session: Session, app: App, *, title_id: int | None, limit: int) -> bytes:
    publisher = app.config.publisher
    home = publisher.url if publisher else "https://example.invalid/rumour"
    feed = FeedGenerator()
    feed.id(f"{home}#verdict-changes" if publisher else "urn:rumour-verifier:verdict-changes")
    feed.title(f"{publisher.name if publisher else 'rumour verifier'}: release-date verdicts")
    feed.link(href=home, rel="alternate")
    feed.language("en")
    changes = label_changes(session, title_id=title_id, limit=limit)
    views = claim_views(session, sorted({c.statement_id for c in changes}))
    feed.updated(changes[0].decided_at if changes else utcnow())
    for change in reversed(changes):  # feedgen lists the entry added last first
        view = views[change.statement_id]
        claim = claim_in_words(view)
        was = f"was {change.previous}" if change.previous else "first verdict"
        entry = feed.add_entry()
        entry.id(f"{home}#verdict-{change.verdict_id}" if publisher
                 else f"urn:rumour-verifier:verdict:{change.verdict_id}")  # fmt: skip
        entry.title(f"{claim}: {change.label.upper()} ({was})")
        entry.updated(change.decided_at)
        entry.published(change.decided_at)
        if view.url:
            entry.link(href=view.url, rel="alternate")
        entry.content(
            f"{claim} ({view.stance}{', ' + view.url if view.url else ''}). "
            f"Now {change.label}: {change.decision.explain()} Quote: “{' '.join(view.quote.split())}”",
            type="text",
        )
    return bytes(feed.atom_str(pretty=True))


def calendar(officials: list[OfficialView], now: dt.datetime) -> bytes:
    grouped: dict[tuple[str, int | None, int | None], list[OfficialView]] = {}
    for official in officials:  # oldest announcement first, as listed
        grouped.setdefault((official.title, official.season, official.part), []).append(official)
    ics = Calendar()
    ics.add("prodid", "-//rumour verifier//official release dates//EN")
    ics.add("version", "2.0")
    ics.add("x-wr-calname", "Official release dates")
    for (title, season, part), statements in grouped.items():
        current = statements[-1]
        window = current.window
        if window.start is None or window.end is None:
            continue  # "by 2027", "not before 2027": no day to put it on
        moves = len(dict.fromkeys(s.window.value for s in statements)) - 1
        name = (
            title
            + (f" season {season}" if season is not None else "")
            + (f" part {part}" if part is not None else "")
        )
        event = Event()
        event.add("uid", f"{slug(title) or 'title'}-s{season or 0}-p{part or 0}@rumour-verifier")
        event.add(
            "summary",
            f"{name}: {window.describe()} ({'released' if current.released else 'official'})",
        )
        event.add("dtstart", window.start)
        event.add("dtend", window.end + dt.timedelta(days=1))  # all-day: the day after the last
        event.add("dtstamp", now)
        event.add("sequence", moves)
        event.add("transp", "TRANSPARENT")
        if current.announced:
            event.add("last-modified", dt.datetime.combine(current.announced, dt.time(), dt.UTC))
        if current.url:
            event.add("url", current.url)
        details = [f"Official {window.granularity} window {window.value}"]
        if current.announced:
            details.append(f"announced {current.announced.isoformat()}")
        if current.url:
            details.append(f"source {current.url}")
        if moves:
            earlier = ", ".join(dict.fromkeys(s.window.value for s in statements[:-1]))
            details.append(f"earlier {earlier}")
        event.add("description", "; ".join(details) + ".")
        ics.add_component(event)
    return bytes(ics.to_ical())


@click.command("feed")
@click.option("--format", "feed_format", type=click.Choice(["atom", "ics"]), required=True,
              help="atom: verdict changes; ics: official release dates as calendar events.")  # fmt: skip
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file (default: standard output).")  # fmt: skip
@click.option("--title", help="Only this title (any of its names).")
@click.option("--limit", type=click.IntRange(1), default=200, show_default=True,
              help="Atom: at most this many changes, newest first.")  # fmt: skip
@pass_app
def feed(app: App, feed_format: str, output: Path | None, title: str | None, limit: int) -> None:
    """Verdict changes as an Atom feed, or official release dates as an iCalendar file."""
    with app.store().transaction() as session:
        registry = app.registry(session)
        if feed_format == "atom":
            title_id = registry.require(title) if title else None
            body = atom(session, app, title_id=title_id, limit=limit)
        else:
            body = calendar(list_officials(session, title=title), utcnow())
    if output is None:
        click.echo(body.decode("utf-8"), nl=False)
        return
    write_output(output, body)
    click.echo(f"wrote {output}", err=True)
