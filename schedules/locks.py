"""One run at a time: ``exclusive(store, "cycle")`` or raise ``Busy``.

SQLite gets a file lock beside the database file; PostgreSQL a session-level
advisory lock, so runs on several machines sharing one database exclude each
other too. Both locks vanish with the process that holds them: a killed run
never leaves a stale lock behind.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import text
from sqlalchemy.orm import Session

from schedules.errors import ScheduleError
from verifier.store import Store, advisory_key, sqlite_file

logger = logging.getLogger(__name__)


class Busy(ScheduleError):
    """Another process holds the lock."""


def lock_path(store: Store, name: str) -> Path:
    """Where the file lock for ``name`` lives: beside the SQLite file, else in the temp dir."""
    path = sqlite_file(store.engine)
    if path is not None:
        return path.with_name(f"{path.name}.{name}.lock")
    digest = hashlib.sha256(str(store.engine.url).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"rumour-{digest}.{name}.lock"


@contextmanager
def exclusive(store: Store, name: str) -> Iterator[None]:
    """Hold the ``name`` lock for the block; raise ``Busy`` at once if another run holds it."""
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect() as connection:
            key = advisory_key(name)
            if not connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}):
                raise Busy(f"another {name} is in progress")
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()
        return
    path = lock_path(store, name)
    lock = FileLock(path, timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise Busy(f"another {name} is in progress") from exc
    except OSError as exc:  # a read-only directory, or something else in the lock's place
        raise ScheduleError(
            f"cannot create the lock file {path}: {exc.strerror or exc}; the directory "
            f"{path.parent} must be writable by this user (SQLite writes its lock, -wal and "
            "-shm files beside the database), or set database.url to a writable place"
        ) from exc
    try:
        yield
    finally:
        lock.release()


def one_writer(session: Session, name: str = "write") -> None:
    """Wait, inside ``session``'s transaction, until no other worker's transaction holds
    ``name`` (PostgreSQL: a transaction-level advisory lock, let go at commit or rollback).
    SQLite has one writer at a time anyway."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": advisory_key(name)})
