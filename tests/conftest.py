"""Shared fixtures: a database URL per backend (SQLite always, PostgreSQL when
``RUMOUR_TEST_DATABASE_URL`` is set), each test in a fresh database or schema."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.mail import MailServer
from tests.site import Site
from verifier.store import Store, open_store, parse_database_url

POSTGRES_URL = os.environ.get("RUMOUR_TEST_DATABASE_URL")


def _postgres_schema_url() -> Iterator[str]:
    if not POSTGRES_URL:
        pytest.skip("RUMOUR_TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    schema = f"rumour_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(parse_database_url(POSTGRES_URL))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    base = parse_database_url(POSTGRES_URL)
    url = base.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.hookimpl(trylast=True)  # after -k and -m have chosen
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without PostgreSQL its tests are left out, and said so once (not once per test)."""
    if POSTGRES_URL:
        return
    left_out = [item for item in items if item.get_closest_marker("postgres")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
        config.stash[_LEFT_OUT] = len(left_out)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    left_out = config.stash.get(_LEFT_OUT, 0)
    if left_out:
        terminalreporter.write_line(
            f"PostgreSQL: {left_out} tests not run; set RUMOUR_TEST_DATABASE_URL="
            "postgresql://user@host/db to run them",
            yellow=True,
        )


_LEFT_OUT = pytest.StashKey[int]()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database: the same tests run on every backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rumour.db'}"
    else:
        yield from _postgres_schema_url()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the real user config and data dirs."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("RUMOUR_CONFIG", raising=False)
    monkeypatch.delenv("RUMOUR_DATABASE_URL", raising=False)


@pytest.fixture
def site() -> Iterator[Site]:
    """A real HTTP server on 127.0.0.1 with routes set by the test (tests/site.py)."""
    running = Site().start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def mail(tmp_path: Path) -> Iterator[MailServer]:
    """A real SMTP server on 127.0.0.1 that keeps what it receives (tests/mail.py)."""
    server = MailServer(tmp_path).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """An open, migrated store on every backend."""
    opened = open_store(database_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(autouse=True)
def _logging_left_as_found() -> Iterator[None]:
    """A CLI test configures logging (the root's level and handler, libraries' levels): put
    it back, so what one test set up does not reach the log records another test reads."""
    import logging

    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    loggers = {name: item.level for name, item in logging.Logger.manager.loggerDict.items()
               if isinstance(item, logging.Logger)}  # fmt: skip
    yield
    root.setLevel(level)
    root.handlers[:] = handlers
    for name, item in logging.Logger.manager.loggerDict.items():
        if isinstance(item, logging.Logger):
            item.setLevel(loggers.get(name, logging.NOTSET))
