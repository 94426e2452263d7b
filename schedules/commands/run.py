"""``rumour run --once``: the cron entry."""

from __future__ import annotations

import click

from schedules.app import App, echo_json, pass_app, progress_for
from schedules.commands.verdicts import echo_changes
from schedules.jobs import cycle_job, send_job
from schedules.locks import Busy
from schedules.sender import SendReport


@click.command("run")
@click.option("--once", is_flag=True, required=True, help="Run one cycle and exit (for cron).")
@click.option(
    "--all", "everything", is_flag=True, help="Fetch every enabled source now, due or not."
)
@click.option("--source", "names", multiple=True, metavar="NAME",
              help="Only this source, now (repeatable; disabled ones too).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the cycle's outcome as JSON.")
@pass_app
def run(app: App, once: bool, everything: bool, names: tuple[str, ...], as_json: bool) -> None:
    """Fetch the due sources, extract claims, verify them, alert, and report.

    Exits 0 when the cycle ran, even if some sources failed (they are listed,
    and `rumour sources list` shows their state), and when another run holds
    the lock ("another run is in progress": it does nothing).
    """
    store = app.store()
    try:
        with progress_for(app, as_json) as progress:
            report = cycle_job(store, app.config, app.registry, progress=progress,
                               names=names or None, everything=everything)  # fmt: skip
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
