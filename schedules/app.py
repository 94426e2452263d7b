"""What every CLI command shares: the loaded config and a lazily opened store."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from sqlalchemy.orm import Session

from schedules.config import RumourConfig, load_config, resolve_database_url
from schedules.secrets import MaskingFormatter, mask, remember
from verifier.store import Store, open_store
from verifier.store.repository import TitleRegistry, TitleSpec
from verifier.store.verification import reverify


@dataclass
class App:
    """Per-invocation state built from the global options."""

    config_path: Path | None = None
    database_override: str | None = None
    verbose: bool = False
    quiet: bool = False
    _config: tuple[RumourConfig, Path | None] | None = field(default=None, repr=False)
    _store: Store | None = field(default=None, repr=False)

    def loaded_config(self) -> tuple[RumourConfig, Path | None]:
        if self._config is None:
            self._config = load_config(self.config_path)
            remember(self._config[0].alerts.smtp.resolved_password())
            for secret in self._config[0].service_secrets():
                remember(secret)  # a token in a recipient's URL
        return self._config

    def use_config(self, config: RumourConfig, path: Path) -> None:
        """Carry on with a config just written to ``path`` (``rumour sources add`` ...)."""
        self._config = (config, path)

    @property
    def config(self) -> RumourConfig:
        return self.loaded_config()[0]

    @property
    def database_url(self) -> str:
        return resolve_database_url(self.config, self.database_override)

    def store(self, *, upgrade: bool = True) -> Store:
        if self._store is None:
            self._store = open_store(self.database_url, upgrade=upgrade)
        return self._store

    def registry(self, session: Session) -> TitleRegistry:
        """The session's titles, brought in line with the config's titles first."""
        return config_registry(session, self.config)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def config_registry(session: Session, config: RumourConfig) -> TitleRegistry:
    """The session's titles, brought in line with ``config``'s titles first."""
    registry = TitleRegistry(session)
    merged = registry.sync(
        TitleSpec(t.name, tuple(t.aliases), tuple(t.scopes)) for t in config.titles
    )
    if merged:
        reverify(session, merged)
    return registry


pass_app = click.make_pass_decorator(App)


def configure_logging(verbose: bool, quiet: bool) -> None:
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if not verbose:
        # Apprise says "Notifying 1 service(s)" at INFO for every message (it raises its own
        # level while we read what it says): the sender's summary line says enough.
        handler.addFilter(lambda record: record.levelno >= logging.WARNING
                          or not record.name.startswith("apprise"))  # fmt: skip
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Libraries talk at INFO about every request and migration; keep them for --verbose.
    for noisy in ("httpx", "httpcore", "alembic", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)
    # A tick that finds the last cycle still running is skipped by design (one instance at a
    # time): APScheduler warns of it every tick; the cycle's own heartbeat says enough.
    logging.getLogger("apscheduler.scheduler").setLevel(logging.DEBUG if verbose else logging.ERROR)
    # The page parsers warn about a page's markup (which of their fallbacks failed): nothing a
    # user can act on, and a parse that fails is reported by us, naming the page.
    for parser in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
        logging.getLogger(parser).setLevel(logging.DEBUG if verbose else logging.ERROR)


class TerminalProgress:
    """A progress line on stderr ("sources fetched [#####-----] 12/40"), redrawn in place;
    each stage ends on its own line."""

    WIDTH = 24

    def __init__(self) -> None:
        self.stage: str | None = None
        self.drawn = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.finish()
            self.stage = stage
        now = time.monotonic()
        if done < total and now - self.drawn < 0.1:
            return  # at most ten redraws a second
        self.drawn = now
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        click.echo(f"\r{stage} [{bar}] {done}/{total}", nl=False, err=True)

    def finish(self) -> None:
        if self.stage is not None:
            click.echo(err=True)
            self.stage = None


@contextlib.contextmanager
def progress_for(app: App, as_json: bool) -> Iterator[TerminalProgress | None]:
    """A progress line when a person watches: stderr is a terminal, and neither --quiet nor
    --json was asked for (cron, scripts and pipes get none)."""
    if as_json or app.quiet or not sys.stderr.isatty():
        yield None
        return
    progress = TerminalProgress()
    try:
        yield progress
    finally:
        progress.finish()


def write_output(path: Path, body: bytes) -> None:
    """Write a command's output file whole or not at all (a temporary file, then a rename)."""
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(body)
        tmp.replace(path)
    except OSError as exc:
        raise click.FileError(str(path), exc.strerror) from exc


def _json_value(value: Any) -> Any:
    """Dates and moments as ISO 8601, a moment always with its zone (UTC when stored)."""
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def echo_json(value: Any) -> None:
    click.echo(mask(json.dumps(value, indent=2, ensure_ascii=False, default=_json_value)))


def echo_table(headers: list[str], rows: list[list[str]]) -> None:
    """A plain aligned table; the last column may run long."""
    if not rows:
        return
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row[:-1]):
            widths[i] = min(max(widths[i], len(cell)), 48)

    def line(cells: list[str]) -> str:
        head = [c[: widths[i]].ljust(widths[i]) for i, c in enumerate(cells[:-1])]
        return "  ".join([*head, cells[-1]]).rstrip()

    click.echo(line(headers))
    click.echo(line(["-" * w for w in widths[:-1]] + ["-" * len(headers[-1])]))
    for row in rows:
        click.echo(mask(line(row)))


def season_text(season: int | None, part: int | None = None) -> str:
    if season is None:
        return f"part {part}" if part else "-"
    return str(season) + (f" part {part}" if part else "")


def shorten(text: str, limit: int = 90) -> str:
    """One line of at most ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
