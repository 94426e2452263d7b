"""``rumour verdicts``, ``rumour claims`` and ``rumour verify``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from schedules.app import (
    App,
    echo_json,
    echo_table,
    pass_app,
    progress_for,
    season_text,
    shorten,
)
from schedules.outbox import Outbox, Rules
from verifier.store.models import utcnow
from verifier.store.reports import ClaimView, list_claims, verdict_history
from verifier.store.repository import TitleRegistry
from verifier.store.verification import VerdictChange, reverify
from verifier.verdicts import LABELS

_title = click.option("--title", help="Only this title (any of its names).")
_json = click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
_limit = click.option("--limit", type=click.IntRange(1), help="At most this many, newest first.")


def _evidence_text(view: ClaimView) -> str:
    if view.verdict is None or not view.verdict.evidence:
        return "-"
    first = view.verdict.evidence[0]
    announced = f", {first['announced']}" if first.get("announced") else ""
    return f"{first['window']['value']} ({first.get('url') or 'no url'}{announced})"


@click.command("verdicts")
@_title
@click.option("--label", type=click.Choice(LABELS), help="Only claims with this label.")
@click.option("--changed-since", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="DATE",
              help="Only verdicts decided on or after DATE (YYYY-MM-DD, UTC).")  # fmt: skip
@click.option("--history", is_flag=True, help="Each claim's past labels too, oldest first.")
@_limit
@_json
@pass_app
def verdicts(
    app: App,
    title: str | None,
    label: str | None,
    changed_since: dt.datetime | None,
    history: bool,
    limit: int | None,
    as_json: bool,
) -> None:
    """Current verdicts on claims, with their evidence."""
    since = changed_since.replace(tzinfo=dt.UTC) if changed_since else None
    with app.store().transaction() as session:
        app.registry(session)
        views = [
            v
            for v in list_claims(
                session, title=title, label=label, changed_since=since, limit=limit
            )
            if v.verdict is not None
        ]
        histories = {v.id: verdict_history(session, v.id) for v in views} if history else {}
    if as_json:
        echo_json(
            [
                {**v.as_json(), **({"history": [h.as_json() for h in histories[v.id]]}
                                   if history else {})}
                for v in views
            ]
        )  # fmt: skip
        return
    if not views:
        click.echo("no verdicts match")
        return
    echo_table(
        ["title", "season", "claim", "stance", "label", "why", "evidence"],
        [
            [
                v.title,
                season_text(v.season, v.part),
                v.window.value,
                v.stance,
                v.verdict.label if v.verdict else "-",
                shorten(v.explain(), 48),
                _evidence_text(v),
            ]
            for v in views
        ],
    )
    for v in views if history else []:
        click.echo(f"\nclaim {v.id}: {v.title} {season_text(v.season, v.part)} {v.window.value}")
        for entry in histories[v.id]:
            click.echo(
                f"  {entry.decided_at:%Y-%m-%d %H:%M} UTC  {entry.label:<13} {entry.explanation}"
            )


@click.command("claims")
@_title
@_limit
@_json
@pass_app
def claims(app: App, title: str | None, limit: int | None, as_json: bool) -> None:
    """Claims found in news, with their quotes, sources and current labels."""
    with app.store().transaction() as session:
        app.registry(session)
        views = list_claims(session, title=title, limit=limit)
    if as_json:
        echo_json([v.as_json() for v in views])
        return
    if not views:
        click.echo("no claims" + (f" for {title!r}" if title else ""))
        return
    echo_table(
        ["title", "season", "window", "stance", "label", "source", "quote"],
        [
            [
                v.title,
                season_text(v.season, v.part),
                v.window.value,
                v.stance,
                v.verdict.label if v.verdict else "-",
                v.url or "-",
                shorten(v.quote, 80),
            ]
            for v in views
        ],
    )


@click.command("verify")
@_json
@pass_app
def verify(app: App, as_json: bool) -> None:
    """Verify every stored claim again (after changing titles, aliases or scopes)."""
    with app.store().transaction() as session, progress_for(app, as_json) as progress:
        registry = app.registry(session)
        changes = reverify(session, None, progress=progress)
        rows = change_rows(registry, changes)
        outbox = Outbox(session, Rules.from_config(app.config), utcnow())
        outbox.claims(changes)
    if as_json:
        echo_json({"changed_verdicts": rows, "alerts_queued": outbox.queued})
        return
    click.echo(f"{changes_text(rows)}, {outbox.queued} alert(s) queued")
    echo_changes(rows)


def change_rows(registry: TitleRegistry, changes: list[VerdictChange]) -> list[dict[str, Any]]:
    """Verdict changes as plain rows (the ``changed_verdicts`` JSON)."""
    return [c.as_json(registry.name(c.title_id)) for c in changes]


def changes_text(rows: list[dict[str, Any]]) -> str:
    """ "2 verdict(s) changed" and, apart, those whose label stayed (a new reason or evidence)."""
    relabelled = sum(1 for row in rows if row["label_changed"])
    same = len(rows) - relabelled
    return f"{relabelled} verdict(s) changed" + (f", {same} with the same label" if same else "")


def echo_changes(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        claim = f"  claim {row['claim']} {row['title']}"
        if row["label_changed"]:
            click.echo(f"{claim}: {row['from'] or 'new'} → {row['to']} ({row['reason']})")
        elif row["from_reason"] != row["reason"]:
            click.echo(
                f"{claim}: still {row['to']}, now {row['reason']} (was {row['from_reason']})"
            )
        else:
            click.echo(f"{claim}: still {row['to']} ({row['reason']}), new evidence")
