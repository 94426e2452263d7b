"""``rumour config``: validate and show the effective config."""

from __future__ import annotations

from typing import Any

import click

from schedules.app import App, echo_json, echo_table, pass_app
from schedules.config import RumourConfig
from schedules.services import masked
from verifier.store import display_url

MASK = "********"


def effective_config(config: RumourConfig, database_url: str) -> dict[str, Any]:
    """The config as data, with defaults filled in and secrets masked."""
    data = config.model_dump(by_alias=True, mode="json")
    data["database"]["url"] = display_url(database_url)
    smtp = data["alerts"]["smtp"]
    if config.alerts.smtp.resolved_password():
        smtp["password"] = MASK
    for recipient in data["alerts"]["recipients"]:
        recipient["address"] = masked(recipient["address"])  # a service URL's token
    for title in data["titles"]:
        for recipient in title["recipients"]:
            recipient["address"] = masked(recipient["address"])
    return data


@click.group("config")
def config_group() -> None:
    """Inspect the config file."""


@config_group.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print the effective config as JSON.")
@pass_app
def check_config(app: App, as_json: bool) -> None:
    """Validate the config and print the effective settings (secrets masked)."""
    config, origin = app.loaded_config()
    data = effective_config(config, app.database_url)
    warnings = config.warnings()
    if as_json:
        echo_json({"file": str(origin) if origin else None, "config": data, "warnings": warnings})
        return
    for warning in warnings:
        click.echo(f"rumour: warning: {warning}", err=True)
    click.echo(f"config:   {origin if origin else '(none found; using defaults)'}")
    click.echo(f"database: {data['database']['url']}")
    click.echo(f"sources:  {len(config.sources)}")
    echo_table(
        ["name", "kind", "role", "schedule", "url"],
        [
            [
                s.name,
                s.kind,
                s.role,
                f"cron {s.cron}" if s.cron else f"every {s.every or '1h'}",
                s.url,
            ]
            for s in config.sources
        ],
    )
    click.echo(f"titles:   {len(config.titles)} watched")
    for title in config.titles:
        aliases = f" (aliases: {', '.join(title.aliases)})" if title.aliases else ""
        click.echo(f"  - {title.name}{aliases}")
    alerts = data["alerts"]
    smtp = alerts["smtp"]
    recipients = ", ".join(
        r["address"] + (f" ({r['delivery']})" if r["delivery"] else "")
        for r in alerts["recipients"]
    )
    click.echo(
        f"alerts:   {', '.join(alerts['on']) or 'nothing'} about {alerts['titles']} titles, "
        f"{alerts['delivery']} to {recipients or '(no recipients)'}"
        f" via {smtp['host']}:{smtp['port']} ({smtp['security']})"
        + (f", user {smtp['user']}" if smtp["user"] else "")
        + (f", password {smtp['password']}" if smtp["password"] else "")
    )
    click.echo(f"config OK, {len(warnings)} warning(s)" if warnings else "config OK")
