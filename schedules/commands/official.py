"""``rumour official import|list``: official release dates and slates by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import click

from schedules.app import App, echo_json, echo_table, pass_app, progress_for, season_text
from schedules.commands.verdicts import change_rows, changes_text, echo_changes
from schedules.outbox import Outbox, Rules
from verifier.errors import InputError
from verifier.imports import read_official_file
from verifier.store.models import utcnow
from verifier.store.reports import list_officials
from verifier.store.repository import SlateSpec
from verifier.store.verification import record_and_reverify


@click.group("official")
def official_group() -> None:
    """Official release dates and slates."""


@official_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "file_format", type=click.Choice(["csv", "json"]),
              help="File format (default: from the file name; .json is JSON, else CSV).")  # fmt: skip
@click.option("--slate-year", type=click.IntRange(1900, 2200), metavar="YEAR",
              help="The rows are a line-up for this year.")  # fmt: skip
@click.option(
    "--slate-scope", metavar="SCOPE", help='What the line-up covers, e.g. "Korean series".'
)
@click.option("--complete", is_flag=True,
              help="The line-up lists every title of its year and scope.")  # fmt: skip
@click.option("--source-url", metavar="URL", help="Source URL for rows that give none.")
@click.option("--announced", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Announcement date YYYY-MM-DD for rows that give none.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@pass_app
def import_command(
    app: App,
    file: Path,
    file_format: str | None,
    slate_year: int | None,
    slate_scope: str | None,
    complete: bool,
    source_url: str | None,
    announced: dt.datetime | None,
    as_json: bool,
) -> None:
    """Import official statements from a CSV or JSON FILE, all or nothing.

    Columns: title, window (2026-12-26, 2026-12, 2026-Q4, 2026-H1, 2027 ...),
    and optionally season, part, source_url, announced, quote, released.
    Unknown titles become new catalogue entries. Claims of the imported titles
    are verified again at once.
    """
    if (slate_year is None) != (slate_scope is None):
        raise click.UsageError("--slate-year and --slate-scope go together")
    if complete and slate_year is None:
        raise click.UsageError("--complete needs --slate-year and --slate-scope")
    imported = read_official_file(file, format=file_format)
    if not imported.statements:
        raise InputError(f"{file}: no statements to import")
    statements = [
        replace(
            s,
            source_url=s.source_url or source_url,
            announced=s.announced or (announced.date() if announced else None),
        )
        for s in imported.statements
    ]
    slate = imported.slate
    if slate_year is not None and slate_scope is not None:
        slate = SlateSpec(slate_year, slate_scope, complete)
    if slate is not None:
        first = statements[0]
        slate = replace(
            slate,
            source_url=slate.source_url or source_url or first.source_url,
            announced=slate.announced or (announced.date() if announced else first.announced),
        )
    with app.store().transaction() as session, progress_for(app, as_json) as progress:
        registry = app.registry(session)
        recorded = record_and_reverify(session, registry, statements, role="official",
                                       slate=slate, progress=progress)  # fmt: skip
        changes = change_rows(registry, recorded.changes)
        outbox = Outbox(session, Rules.from_config(app.config), utcnow())
        outbox.officials(recorded.new)
        outbox.claims(recorded.changes)
    outcome = {
        "file": str(file),
        "statements": len(statements),
        "new": len(recorded.new),
        "slate": None
        if slate is None
        else {"year": slate.year, "scope": slate.scope, "complete": slate.complete},
        "changed_verdicts": changes,
        "alerts_queued": outbox.queued,
    }
    if as_json:
        echo_json(outcome)
        return
    slate_text = ""
    if slate is not None:
        slate_text = f"; {'complete ' if slate.complete else ''}{slate.year} {slate.scope} slate"
    click.echo(
        f"imported {file}: {len(statements)} statements, {len(recorded.new)} new{slate_text}; "
        f"{changes_text(changes)}, {outbox.queued} alert(s) queued"
    )
    echo_changes(changes)


@official_group.command("list")
@click.option("--title", help="Only this title (any of its names).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def list_command(app: App, title: str | None, as_json: bool) -> None:
    """Official statements: title, season, window, announcement and source."""
    with app.store().transaction() as session:
        app.registry(session)
        officials = list_officials(session, title=title)
    if as_json:
        echo_json([o.as_json() for o in officials])
        return
    if not officials:
        click.echo("no official statements" + (f" for {title!r}" if title else ""))
        return
    echo_table(
        ["title", "season", "window", "kind", "announced", "slate", "source"],
        [
            [
                o.title,
                season_text(o.season, o.part),
                o.window.value,
                "release" if o.released else "announcement",
                o.announced.isoformat() if o.announced else "-",
                o.slate or "-",
                o.url or "-",
            ]
            for o in officials
        ],
    )
