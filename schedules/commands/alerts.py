"""``rumour alerts list|send|test``: the outbox and the way out of it."""

from __future__ import annotations

import click
from sqlalchemy import select

from schedules.app import App, echo_json, echo_table, pass_app, shorten
from schedules.jobs import send_job
from schedules.locks import Busy
from schedules.messages import Item, subject, test_message
from schedules.sender import retry_now
from schedules.services import DeliveryError, is_service, masked, post, service_name
from schedules.smtp import SmtpError, SmtpTransport
from verifier.errors import InputError
from verifier.store.models import Alert, utcnow

STATUSES = ("pending", "sent", "failed")


@click.group("alerts")
def alerts_group() -> None:
    """Alerts: the outbox, sending it (email and notification services), and a test message."""


@alerts_group.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only alerts in this state.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def list_alerts(app: App, status: str | None, limit: int, as_json: bool) -> None:
    """The outbox, newest first: what was sent, what waits, and why."""
    with app.store().transaction() as session:
        query = select(Alert).order_by(Alert.id.desc()).limit(limit)
        if status is not None:
            query = query.where(Alert.status == status)
        alerts = list(session.scalars(query))
    if as_json:
        echo_json([
            {"id": a.id, "kind": a.kind, "recipient": masked(a.recipient), "delivery": a.delivery,
             "status": a.status, "subject": subject(Item(a.kind, a.payload)),
             "attempts": a.attempts, "created_at": a.created_at, "next_attempt_at": a.next_attempt_at,
             "sent_at": a.sent_at, "last_error": a.last_error}
            for a in alerts
        ])  # fmt: skip
        return
    if not alerts:
        click.echo("the outbox is empty")
        return
    echo_table(
        ["id", "status", "to", "created", "subject / last error"],
        [
            [str(a.id), a.status + (f" ×{a.attempts}" if a.status != "sent" and a.attempts else ""),
             masked(a.recipient), a.created_at.strftime("%Y-%m-%d %H:%M"),
             shorten(a.last_error if a.last_error and a.status != "sent"
                     else subject(Item(a.kind, a.payload)), 90)]
            for a in alerts
        ],
    )  # fmt: skip


@alerts_group.command("send")
@click.option("--now", "retry", is_flag=True,
              help="Also try now the alerts that wait after a failed try (after fixing SMTP).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@pass_app
def send_alerts(app: App, retry: bool, as_json: bool) -> None:
    """Send the alerts that are due now (`rumour run --once` does this too)."""
    try:
        if retry:
            retry_now(app.store(), utcnow())
        report = send_job(app.store(), app.config)
    except Busy:
        click.echo("another sender is running; nothing done")
        return
    if as_json:
        echo_json(report.as_json())
        return
    click.echo(report.summary())


@alerts_group.command("test")
@click.option("--to", "recipient",
              help="Send here (an email address or a service URL) instead of to every "
                   "configured recipient.")  # fmt: skip
@pass_app
def test_alerts(app: App, recipient: str | None) -> None:
    """Send a test message to every recipient now, bypassing the outbox: email through the
    configured SMTP server, service URLs through Apprise."""
    alerts = app.config.alerts
    recipients = [recipient] if recipient else app.config.addresses()
    if not recipients:
        raise InputError(
            "no recipients: give --to ADDRESS or set [alerts] recipients in the config"
        )
    now = utcnow()
    services = [address for address in recipients if is_service(address)]
    emails = [address for address in recipients if not is_service(address)]
    failed = []
    for address in services:
        try:
            post(address, [Item("test", {"at": now.isoformat()})], now)
        except DeliveryError as exc:
            failed.append(str(exc))
            continue
        click.echo(f"posted a test message to {service_name(address)} ({masked(address)})")
    if emails:
        try:
            with SmtpTransport(alerts.smtp) as smtp:
                for address in emails:
                    smtp.send(test_message(sender=alerts.sender, recipient=address, now=now))
                    click.echo(
                        f"sent a test email to {address} via {alerts.smtp.host}:{alerts.smtp.port}"
                    )
        except SmtpError as exc:
            failed.append(str(exc))
    if failed:
        raise InputError("; ".join(failed))
