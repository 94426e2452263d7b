"""``rumour sources list|add|remove|enable|disable``.

Sources live in the config file (``[[sources]]``), which these commands edit in
place, comments kept; ``sources add --database-only`` keeps a source in the
database alone, for a config file that is managed elsewhere.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from schedules import config_edit
from schedules.app import App, echo_json, echo_table, pass_app, season_text, shorten
from schedules.config import ENV_CONFIG, RumourConfig, SourceConfig, default_config_path
from schedules.fetching import fetch_policy, fetch_source, private_sources
from schedules.ingest import Fetching, process
from schedules.sources import due_sources, sync_sources
from scraper.fetch import Fetcher
from verifier.errors import InputError
from verifier.store.models import Document, Source, Statement, utcnow
from verifier.store.repository import TitleRegistry


@click.group("sources")
def sources_group() -> None:
    """The sources that are fetched: in the config file, or in the database alone."""


def _synced(app: App) -> list[Source]:
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
    sources = _synced(app)
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
        click.echo("no sources; add them with `rumour sources add` or in the config file")
        return
    echo_table(
        ["name", "kind", "role", "state", "last success", "next due", "last error"],
        [
            [s.name, s.kind, s.role, _state(s), _when(s.last_success_at), _when(s.next_due_at),
             shorten(s.last_error or "-", 70)]
            for s in sources
        ],
    )  # fmt: skip


def _config_file(app: App) -> Path:
    """The config file in use, or where a new one goes (``--config``, $RUMOUR_CONFIG, default)."""
    _, loaded = app.loaded_config()
    return loaded or app.config_path or Path(os.environ.get(ENV_CONFIG) or default_config_path())


def _edited(app: App, path: Path, config: RumourConfig) -> None:
    """Use the edited config from now on and bring the database in line with it."""
    app.use_config(config, path)
    _synced(app)


@sources_group.command("add")
@click.argument("name")
@click.argument("url")
@click.option("--kind", type=click.Choice(["page", "feed", "sitemap"]), default="page",
              show_default=True)  # fmt: skip
@click.option("--role", type=click.Choice(["news", "official"]), default="news", show_default=True)
@click.option("--every", help='Interval, e.g. "30m" or "6h" (default 1h).')
@click.option("--cron", help='A crontab line instead, e.g. "0 */6 * * *".')
@click.option("--database-only", is_flag=True,
              help="Keep the source in the database alone, not in the config file.")  # fmt: skip
@pass_app
def add_source(app: App, name: str, url: str, kind: str, role: str, every: str | None,
               cron: str | None, database_only: bool) -> None:  # fmt: skip
    """Add a source to the config file (or, with --database-only, to the database)."""
    fields = {"name": name, "url": url, "kind": kind, "role": role, "every": every, "cron": cron}
    try:
        spec = SourceConfig.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"]) or "source"
        message = str(problem["msg"]).removeprefix("Value error, ")
        raise InputError(f"source {name!r}: {where}: {message}") from exc
    schedule = f"cron {cron}" if cron else f"every {every or '1h'}"
    with app.store().transaction() as session:
        sync_sources(session, app.config.sources, utcnow())
        if session.scalar(select(Source.id).where(Source.name == name)):
            raise InputError(f"a source named {name!r} exists; pick another name")
        if database_only:
            session.add(Source(name=name, url=spec.url, kind=kind, role=role, origin="cli",
                               every_seconds=spec.every_seconds, cron=cron,
                               next_due_at=utcnow()))  # fmt: skip
    if database_only:
        click.echo(f"added source {name} to the database: {kind} {url}, {schedule}")
        return
    path = _config_file(app)
    _edited(app, path, config_edit.add_source(path, fields))
    click.echo(f"added source {name} to {path}: {kind} {url}, {schedule}")


def _change(app: App, name: str, action: str) -> None:
    """Remove, enable or disable a source where it lives: the config file or the database."""
    with app.store().transaction() as session:
        sync_sources(session, app.config.sources, utcnow())
        source = session.scalars(select(Source).where(Source.name == name)).one_or_none()
        if source is None:
            raise InputError(f"no source named {name!r}; `rumour sources list` shows them")
        if source.origin != "config":
            if action == "remove":
                session.delete(source)
            else:
                source.enabled = action == "enable"
                if source.enabled:
                    source.next_due_at = utcnow()
            click.echo(f"{action}d source {name} in the database")
            return
    path = _config_file(app)
    if action == "remove":
        config = config_edit.remove_source(path, name)
    else:
        config = config_edit.enable_source(path, name, action == "enable")
    _edited(app, path, config)
    click.echo(f"{action}d source {name} in {path}")


@sources_group.command("remove")
@click.argument("name")
@pass_app
def remove_source(app: App, name: str) -> None:
    """Remove a source (the documents and claims it gave stay)."""
    _change(app, name, "remove")


@sources_group.command("enable")
@click.argument("name")
@pass_app
def enable_source(app: App, name: str) -> None:
    """Fetch a disabled source again, from the next cycle."""
    _change(app, name, "enable")


@sources_group.command("disable")
@click.argument("name")
@pass_app
def disable_source(app: App, name: str) -> None:
    """Stop fetching a source, keeping everything it gave."""
    _change(app, name, "disable")


@sources_group.command("test")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print what was found as JSON.")
@pass_app
def test_source(app: App, name: str, as_json: bool) -> None:
    """Fetch one source now and show what a cycle would store, storing nothing.

    Documents, claims with the verdicts they would get, and official rows; the
    source's validators are left out, so the page is fetched whole.
    """
    store = app.store()
    now = utcnow()
    session = store.sessions()
    try:
        sync_sources(session, app.config.sources, now)
        (due,) = due_sources(session, now, names=[name])
        due = replace(due, etag=None, last_modified=None)
        private = name in private_sources(app.config)

        async def fetch() -> Fetching:
            async with Fetcher(fetch_policy(app.config)) as fetcher:
                return await fetch_source(fetcher, due, app.config.http.max_articles, private)

        fetching = asyncio.run(fetch())
        last_document = session.scalar(select(func.max(Document.id))) or 0
        last_statement = session.scalar(select(func.max(Statement.id))) or 0
        registry = app.registry(session)
        outcome, _ = process(session, registry, registry.catalogue(), fetching, now, None)
        documents: list[dict[str, Any]] = [
            {"url": d.url, "headline": d.headline, "published": d.published}
            for d in session.scalars(select(Document).where(Document.id > last_document))
        ]
        statements = session.scalars(
            select(Statement)
            .options(joinedload(Statement.current))
            .where(Statement.id > last_statement)
            .order_by(Statement.id)
        ).all()
        claims = [_statement_row(registry, s) for s in statements if s.role == "claim"]
        officials = [_statement_row(registry, s) for s in statements if s.role == "official"]
    finally:
        session.rollback()  # a test stores nothing
        session.close()
    if as_json:
        echo_json({"source": name, "state": outcome.state, "error": outcome.error,
                   "documents": documents, "claims": claims, "officials": officials})  # fmt: skip
        return
    click.echo(f"{name}: {outcome.state}" + (f": {outcome.error}" if outcome.error else ""))
    click.echo(f"{len(documents)} new document(s), {len(claims)} claim(s), "
               f"{len(officials)} official row(s); nothing was stored")  # fmt: skip
    for document in documents:
        click.echo(f"  document {document['url']}: {document['headline'] or '(no headline)'}")
    for rows in (claims, officials):
        if rows:
            echo_table(
                ["title", "season", "window", "stance", "label", "quote"],
                [[r["title"], season_text(r["season"], r["part"]), r["window"], r["stance"],
                  r["label"] or "-", shorten(r["quote"], 70)] for r in rows],
            )  # fmt: skip


def _statement_row(registry: TitleRegistry, statement: Statement) -> dict[str, Any]:
    quotes = statement.quotes or []
    return {
        "title": registry.name(statement.title_id),
        "season": statement.season,
        "part": statement.part,
        "window": statement.window_value,
        "stance": statement.stance,
        "label": statement.label,
        "reason": statement.reason,
        "quote": " ".join(str(quotes[0].get("text", "")).split()) if quotes else "",
    }
