"""``rumour daemon`` and ``rumour status``."""

from __future__ import annotations

import datetime as dt

import click

from schedules.app import App, echo_json, pass_app, shorten
from schedules.daemon import Daemon
from schedules.errors import ScheduleError
from schedules.status import gather_status
from schedules.workers import Workers
from verifier.store.models import utcnow


@click.command("daemon")
@click.option("--tick", type=click.FloatRange(min=0.5), default=60.0, show_default=True,
              help="Seconds between checks for due sources and alerts.")  # fmt: skip
@click.option("--shutdown-timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Seconds that work in flight may take to finish after SIGTERM.")  # fmt: skip
@click.option("--workers", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Processes sharing the cycle (PostgreSQL only): this one, which also sends "
                   "alerts, and N-1 more.")  # fmt: skip
@click.option("--cycle-only", is_flag=True, hidden=True)  # a worker started by --workers
@pass_app
def daemon(app: App, tick: float, shutdown_timeout: float, workers: int, cycle_only: bool) -> None:
    """Run cycles, send alerts and digests on a schedule until SIGTERM or Ctrl-C."""
    store = app.store()
    extra = None
    if workers > 1:
        if store.engine.dialect.name != "postgresql":
            raise ScheduleError(
                f"--workers {workers} needs PostgreSQL: SQLite lets one process write at a "
                "time, so its cycle has one worker; set database.url to a postgresql:// URL, "
                "or run without --workers"
            )
        flags = ("-v",) if app.verbose else ("-q",) if app.quiet else ()
        extra = Workers(workers - 1, app.database_url, app.loaded_config()[1], tick,
                        shutdown_timeout, flags)  # fmt: skip
    runner = Daemon(store, app.config, app.registry, tick=tick,
                    shutdown_timeout=shutdown_timeout, cycle_only=cycle_only,
                    workers=extra)  # fmt: skip
    raise SystemExit(runner.run())


def _ago(now: dt.datetime, moment: dt.datetime | None) -> str:
    if moment is None:
        return "never"
    delta = now - moment
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{moment:%Y-%m-%d %H:%M} UTC ({minutes} min ago)"
    return f"{moment:%Y-%m-%d %H:%M} UTC ({minutes // 60} h {minutes % 60} min ago)"


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def status(app: App, as_json: bool) -> None:
    """Last cycle, overdue and failing sources, and the outbox backlog.

    Exits 0 when all is well, 1 when something needs attention.
    """
    with app.store().transaction() as session:
        state = gather_status(session, utcnow())
    if as_json:
        echo_json(state.as_json())
    else:
        click.echo(f"last cycle:  {_ago(state.now, state.last_cycle)}")
        if state.cycle:
            click.echo(f"             {state.cycle.get('summary', '')}")
        click.echo(f"last send:   {_ago(state.now, state.last_send)}")
        if state.send.get("error"):
            click.echo(f"             {shorten(state.send['error'], 110)}")
        click.echo(f"overdue:     {len(state.overdue)} source(s)")
        for name, due in state.overdue:
            click.echo(f"  {name}: due since {due:%Y-%m-%d %H:%M} UTC")
        click.echo(f"failing:     {len(state.failing)} source(s)")
        for name, failures, error in state.failing:
            click.echo(f"  {name}: {failures} failure(s) in a row: {shorten(error or '-', 90)}")
        oldest = (
            f", oldest {state.oldest_pending:%Y-%m-%d %H:%M} UTC" if state.oldest_pending else ""
        )
        click.echo(f"outbox:      {state.pending} pending{oldest}, {state.failed_alerts} failed")
        if state.outbox_error:
            click.echo(f"  last error: {shorten(state.outbox_error, 110)}")
    if not state.healthy:
        raise SystemExit(1)
