"""The ``rumour`` command: global options, error handling and the subcommands.

Exit codes: 0 success, 1 failure, 2 usage or config error. A user error is
one line on stderr; ``--verbose`` adds the traceback.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from schedules.app import App, configure_logging
from schedules.commands.alerts import alerts_group
from schedules.commands.check import check
from schedules.commands.config import config_group
from schedules.commands.daemon import daemon, status
from schedules.commands.db import db_group
from schedules.commands.demo import demo
from schedules.commands.export import export
from schedules.commands.feed import feed
from schedules.commands.official import official_group
from schedules.commands.report import report
from schedules.commands.run import run
from schedules.commands.sources import sources_group
from schedules.commands.verdicts import claims, verdicts, verify
from schedules.errors import ConfigError, ScheduleError
from schedules.secrets import mask
from verifier import extractor_build
from verifier.errors import VerifierError

logger = logging.getLogger(__name__)

EXIT_FAILURE = 1
EXIT_USAGE = 2


class RumourGroup(click.Group):
    """Turns the project's errors into one line on stderr and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ScheduleError, VerifierError) as exc:
            app = ctx.find_object(App)
            if app is not None and app.verbose:
                click.echo(mask(traceback.format_exc()), err=True, nl=False)
            for line in mask(str(exc)).splitlines() or [
                ""
            ]:  # a config with many mistakes: one each
                click.echo(f"rumour: error: {line}", err=True)
            ctx.exit(EXIT_USAGE if isinstance(exc, ConfigError) else EXIT_FAILURE)
        finally:
            app = ctx.find_object(App)
            if app is not None:
                app.close()


@click.group(cls=RumourGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Config file (default: $RUMOUR_CONFIG, else the user config dir).",
)
@click.option(
    "--database",
    "database",
    metavar="URL",
    help="SQLAlchemy database URL (default: $RUMOUR_DATABASE_URL, the config, else SQLite).",
)
@click.option("-v", "--verbose", is_flag=True, help="Debug logs and tracebacks on errors.")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors on stderr.")
@click.version_option(
    package_name="rumour-verifier",
    prog_name="rumour",
    message=f"%(prog)s, version %(version)s (extractor: {extractor_build()})",
)
@click.pass_context
def cli(
    ctx: click.Context, config_path: Path | None, database: str | None, verbose: bool, quiet: bool
) -> None:
    """Release-date rumour verifier: find release-date claims in news and check
    them against official schedules."""
    configure_logging(verbose, quiet)
    ctx.obj = App(config_path=config_path, database_override=database, verbose=verbose, quiet=quiet)


cli.add_command(check)
cli.add_command(config_group)
cli.add_command(db_group)
cli.add_command(official_group)
cli.add_command(verdicts)
cli.add_command(claims)
cli.add_command(verify)
cli.add_command(export)
cli.add_command(feed)
cli.add_command(report)
cli.add_command(run)
cli.add_command(demo)
cli.add_command(sources_group)
cli.add_command(daemon)
cli.add_command(status)
cli.add_command(alerts_group)


def main() -> None:
    try:
        cli.main(prog_name="rumour")
    except KeyboardInterrupt:
        click.echo("rumour: interrupted", err=True)
        sys.exit(130)
