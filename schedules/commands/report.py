"""``rumour report --output DIR``: the static site of titles, timelines and claims."""

from __future__ import annotations

from pathlib import Path

import click

from schedules.app import App, pass_app
from schedules.report import build_report
from verifier.store.models import utcnow


@click.command("report")
@click.option("--output", "-o", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Write the site into this directory (made if need be).")  # fmt: skip
@pass_app
def report(app: App, output: Path) -> None:
    """A static site to open from disk: titles with their labels, a timeline per title."""
    try:
        with app.store().transaction() as session:
            written = build_report(session, output, now=utcnow())
    except OSError as exc:
        raise click.FileError(str(output), exc.strerror or str(exc)) from exc
    click.echo(f"wrote {written.titles} title pages ({written.claims} claims): "
               f"{written.index.resolve().as_uri()}")  # fmt: skip
