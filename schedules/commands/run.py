"""``rumour run --once`` (the cron entry) and ``rumour sources ...``."""

from __future__ import annotations

import datetime as dt

import click
from pydantic import ValidationError
from sqlalchemy import select

from schedules.app import App, echo_json, echo_table, pass_app, shorten
from schedules.commands.verdicts import echo_changes
from schedules.config import SourceConfig, parse_interval
from schedules.jobs import cycle_job, send_job
from schedules.locks import Busy
from schedules.sender import SendReport
from schedules.sources import sync_sources
from verifier.errors import InputError
from verifier.store.models import Source, utcnow


@click.command("run")
@click.option("--once", is_flag=True, required=True, help="Run one cycle and exit (for cron).")
@click.option("--json", "as_json", is_flag=True, help="Print the cycle's outcome as JSON.")
@pass_app
def run(app: App, once: bool, as_json: bool) -> None:
    """Fetch the due sources, extract claims, verify them, alert, and report.

    Exits 0 when the cycle ran, even if some sources failed (they are listed,
    and `rumour sources list` shows their state), and when another run holds
    the lock ("another run is in progress": it does nothing).
    """
    store = app.store()
    try:
        report = cycle_job(store, app.config, app.registry)
    except Busy:
        click.echo("another run is in progress; nothing done")
        return
    try:
        delivery: SendReport | None = send_job(store, app.config)
    except Busy:
        delivery = None  # the daemon's sender is at it
    if as_json:
        echo_json({**report.as_json(), "delivery": delivery.as_json() if delivery else None})
        return
    click.echo(report.summary())
    for outcome in report.sources:
        if outcome.error:
            click.echo(f"  failed: {outcome.name}: {outcome.error}")
    echo_changes(report.as_json()["changed_verdicts"])
    if delivery is not None and (delivery.sent or delivery.deferred or delivery.failed):
        click.echo(f"alerts: {delivery.summary()}")


@click.group("sources")
def sources_group() -> None:
    """The sources that are fetched: from the config, or added here."""


def _all_sources(app: App) -> list[Source]:
    with app.store().transaction() as session:
        sync_sources(session, app.config.sources, utcnow())
        return list(session.scalars(select(Source).order_by(Source.name)))


def _state(source: Source) -> str:
    if not source.enabled:
        return "disabled"
    if source.failure_count:
        return f"failing ×{source.failure_count}"
    return "ok" if source.last_success_at else "new"


def _when(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"


@sources_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def list_sources(app: App, as_json: bool) -> None:
    """Every source with its state, last error and next due time."""
    sources = _all_sources(app)
    if as_json:
        echo_json([
            {"name": s.name, "url": s.url, "kind": s.kind, "role": s.role, "origin": s.origin,
             "enabled": s.enabled, "state": _state(s), "failures": s.failure_count,
             "last_error": s.last_error, "last_success_at": s.last_success_at,
             "next_due_at": s.next_due_at}
            for s in sources
        ])  # fmt: skip
        return
    if not sources:
        click.echo("no sources; add them to the config or with `rumour sources add`")
        return
    echo_table(
        ["name", "kind", "role", "state", "last success", "next due", "last error"],
        [
            [s.name, s.kind, s.role, _state(s), _when(s.last_success_at), _when(s.next_due_at),
             shorten(s.last_error or "-", 70)]
            for s in sources
        ],
    )  # fmt: skip


@sources_group.command("add")
@click.argument("name")
@click.argument("url")
@click.option("--kind", type=click.Choice(["page", "feed", "sitemap"]), default="page",
              show_default=True)  # fmt: skip
@click.option("--role", type=click.Choice(["news", "official"]), default="news", show_default=True)
@click.option("--every", default="1h", show_default=True, help='Interval, e.g. "30m" or "6h".')
@pass_app
def add_source(app: App, name: str, url: str, kind: str, role: str, every: str) -> None:
    """Add a source to the database (config sources are edited in the config file)."""
    try:
        spec = SourceConfig(name=name, url=url, kind=kind, role=role, every=every)  # type: ignore[arg-type]
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        message = str(problem["msg"]).removeprefix("Value error, ")
        raise InputError(f"source {name!r}: {where}: {message}") from exc
    with app.store().transaction() as session:
        sync_sources(session, app.config.sources, utcnow())
        if session.scalar(select(Source.id).where(Source.name == name)):
            raise InputError(f"a source named {name!r} exists; pick another name")
        session.add(Source(name=name, url=spec.url, kind=kind, role=role, origin="cli",
                           every_seconds=parse_interval(every), next_due_at=utcnow()))  # fmt: skip
    click.echo(f"added source {name}: {kind} {url}, every {every}")


def _cli_source(app: App, name: str, action: str) -> None:
    with app.store().transaction() as session:
        sync_sources(session, app.config.sources, utcnow())
        source = session.scalars(select(Source).where(Source.name == name)).one_or_none()
        if source is None:
            raise InputError(f"no source named {name!r}; `rumour sources list` shows them")
        if source.origin == "config":
            raise InputError(f"source {name!r} comes from the config file; {action} it there")
        if action == "remove":
            session.delete(source)
        else:
            source.enabled = action == "enable"
            if source.enabled:
                source.next_due_at = utcnow()


@sources_group.command("remove")
@click.argument("name")
@pass_app
def remove_source(app: App, name: str) -> None:
    """Remove a source added with `rumour sources add` (its documents stay)."""
    _cli_source(app, name, "remove")
    click.echo(f"removed source {name}")


@sources_group.command("enable")
@click.argument("name")
@pass_app
def enable_source(app: App, name: str) -> None:
    """Fetch a disabled source again, from the next cycle."""
    _cli_source(app, name, "enable")
    click.echo(f"enabled source {name}")


@sources_group.command("disable")
@click.argument("name")
@pass_app
def disable_source(app: App, name: str) -> None:
    """Stop fetching a source, keeping everything it gave."""
    _cli_source(app, name, "disable")
    click.echo(f"disabled source {name}")
