"""The one database layer: engines, sessions and Alembic migrations.

``open_store(url)`` gives a ``Store`` whose schema is current: a fresh database
is upgraded on first use, a database written by a newer version is refused.
Nothing else in the project creates engines or sessions.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from verifier.errors import SchemaTooNew, StoreError

logger = logging.getLogger(__name__)

SCRIPT_LOCATION = "verifier.store:migrations"


def parse_database_url(url: str) -> URL:
    """Parse a SQLAlchemy URL; plain ``postgresql://`` means the psycopg 3 driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"database URL {url!r} is not a valid SQLAlchemy URL "
            "(expected e.g. sqlite:///path/rumour.db or postgresql://user@host/db)"
        ) from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def display_url(url: str | URL) -> str:
    """The URL as it may be shown to a user: the password masked."""
    parsed = url if isinstance(url, URL) else make_url(url)
    return parsed.render_as_string(hide_password=True)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``: SQLite in WAL mode with foreign keys on, or any other backend."""
    parsed = parse_database_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            directory = Path(database).expanduser().resolve().parent
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the data directory {directory}: {exc.strerror}; "
                    "set database.url in the config or RUMOUR_DATABASE_URL to a writable place"
                ) from exc
        engine = create_engine(parsed)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except ImportError as exc:
        if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() == "psycopg":
            raise StoreError(
                f"cannot use database {display_url(parsed)}: the PostgreSQL driver is not "
                "installed; install it with: pip install 'rumour-verifier[postgresql]'"
            ) from exc
        raise StoreError(f"cannot use database {display_url(parsed)}: {exc}") from exc
    except ArgumentError as exc:
        raise StoreError(f"cannot use database {display_url(parsed)}: {exc}") from exc


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def code_head() -> str:
    """The newest schema revision this version of the code knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _describe(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def database_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for an empty one."""
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot reach database {display_url(engine.url)}: {_describe(exc)}; "
            "check the URL and that the server is running"
        ) from exc


def upgrade_schema(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to the code's head; returns (revision before, revision after)."""
    before = database_revision(engine)
    script = ScriptDirectory.from_config(_alembic_config())
    if before is not None:
        try:
            script.get_revision(before)
        except CommandError as exc:
            raise SchemaTooNew(
                f"database {display_url(engine.url)} has schema revision {before!r}, "
                f"newer than this version of rumour knows (head {code_head()!r}); "
                "upgrade rumour before using this database"
            ) from exc
    head = code_head()
    if before == head:
        return before, head
    with _migration_lock(engine):
        before = database_revision(engine)  # another process may have upgraded it meanwhile
        if before != head:
            _upgrade(engine)
    logger.debug("database %s upgraded from %s to %s", display_url(engine.url), before, head)
    return before, head


def advisory_key(name: str) -> int:
    """A stable signed 64-bit PostgreSQL advisory-lock key for the lock called ``name``."""
    digest = hashlib.sha256(f"rumour-verifier:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def sqlite_file(engine: Engine) -> Path | None:
    """The SQLite database file of ``engine`` (None: another backend, or in memory)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return None if database.startswith("file:") else Path(database).expanduser().resolve()


_MIGRATION_KEY = advisory_key("schema-upgrade")  # one schema upgrade at a time


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """One schema upgrade at a time, across processes (and, on PostgreSQL, machines): an
    advisory lock, or a file lock beside the SQLite file. Both vanish with their holder."""
    if engine.dialect.name == "postgresql":
        try:
            connection = engine.connect()
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({_MIGRATION_KEY})")
            connection.commit()
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot reach database {display_url(engine.url)}: {_describe(exc)}; "
                "check the URL and that the server is running"
            ) from exc
        try:
            yield
        finally:
            connection.exec_driver_sql(f"SELECT pg_advisory_unlock({_MIGRATION_KEY})")
            connection.commit()
            connection.close()
        return
    path = sqlite_file(engine)
    if path is None:
        yield
        return
    lock = FileLock(path.with_name(f"{path.name}.upgrade.lock"), timeout=300)
    try:
        lock.acquire()
    except OSError as exc:
        raise StoreError(
            f"cannot create the lock file {lock.lock_file}: {exc.strerror or exc}; the "
            f"directory {path.parent} must be writable by this user (SQLite writes beside "
            "the database file too)"
        ) from exc
    except Timeout as exc:
        raise StoreError(
            f"another process has been upgrading the schema of {path} for 5 minutes "
            f"(it holds {lock.lock_file}); try again when it is done"
        ) from exc
    try:
        yield
    finally:
        lock.release()


def _upgrade(engine: Engine) -> None:
    config = _alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as connection:
            if sqlite:
                # Batch migrations rebuild tables that others refer to; SQLite checks
                # the keys once at the end instead (the pragma only works outside a
                # transaction, and is back on before the connection is pooled).
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.commit()
            try:
                with connection.begin():
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
                    if sqlite:
                        _check_foreign_keys(connection, engine)
            finally:
                if sqlite:
                    connection.rollback()
                    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                    connection.commit()
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot migrate database {display_url(engine.url)}: {_describe(exc)}"
        ) from exc


def _check_foreign_keys(connection: Connection, engine: Engine) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise StoreError(
            f"cannot migrate database {display_url(engine.url)}: "
            f"{len(broken)} row(s) refer to missing rows (first in table {broken[0][0]})"
        )


@dataclass
class Store:
    """An open database: the engine and its session factory."""

    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits on success and rolls back on any error."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str, *, upgrade: bool = True) -> Store:
    """Open the database at ``url``, upgrading its schema first unless told not to."""
    engine = create_store_engine(url)
    if upgrade:
        upgrade_schema(engine)
    return Store(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
