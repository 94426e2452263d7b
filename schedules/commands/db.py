"""``rumour db``: schema migrations."""

from __future__ import annotations

import click

from schedules.app import App, echo_json, pass_app
from verifier.store import (
    code_head,
    create_store_engine,
    database_revision,
    display_url,
    upgrade_schema,
)


@click.group("db")
def db_group() -> None:
    """Manage the database schema."""


@db_group.command("upgrade")
@pass_app
def upgrade(app: App) -> None:
    """Create or upgrade the schema to this version's newest revision."""
    engine = create_store_engine(app.database_url)
    try:
        before, after = upgrade_schema(engine)
    finally:
        engine.dispose()
    where = display_url(app.database_url)
    if before == after:
        click.echo(f"{where}: schema is current (revision {after})")
    else:
        click.echo(f"{where}: upgraded schema from {before or 'empty'} to {after}")


@db_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@pass_app
def status(app: App, as_json: bool) -> None:
    """Show the database's schema revision and the code's."""
    engine = create_store_engine(app.database_url)
    try:
        current = database_revision(engine)
    finally:
        engine.dispose()
    head = code_head()
    state = "current" if current == head else "empty" if current is None else "behind or ahead"
    if as_json:
        echo_json(
            {
                "database": display_url(app.database_url),
                "revision": current,
                "head": head,
                "state": state,
            }
        )
    else:
        click.echo(
            f"{display_url(app.database_url)}: revision {current or '(none)'}, "
            f"code head {head} ({state})"
        )
