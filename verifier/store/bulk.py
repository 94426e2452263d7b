"""Claims, official statements and verdicts read and written in bulk on the driver's cursor.

A full pass over a big catalogue reads 100,000 claims and writes as many verdicts: done
through SQLAlchemy's ORM and its per-row processing, that was most of the pass. Here the
reads come back as plain tuples (SQLite's text dates parsed once per distinct window) and
the writes go as multi-row INSERTs with RETURNING (SQLite 3.35+), or COPY with ids drawn
from the sequence (PostgreSQL), in claim order. ``verifier.store.verification`` decides.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any, cast

from sqlalchemy import Connection, Table
from sqlalchemy.orm import Session

from verifier.store.models import Verdict
from verifier.verdicts import Decision
from verifier.windows import Window

_CHUNK = 500
# Rows in one multi-row INSERT: 5 parameters each, within SQLite's 32,766.
_ROWS_PER_INSERT = 1000
_VERDICTS = cast(Table, Verdict.__table__)


# A claim to decide as read from the database, past SQLAlchemy's per-row work (SQLite
# hands dates back as text): id, title, season, part, window and its current verdict.
Claim = tuple[int, int, int | None, int | None, Window, str | None, str | None, str | None]
# A claim whose verdict changed: the claim, the decision, its digest and evidence JSON.
Pending = tuple[Claim, Decision, str, str]


def to_date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


class Windows:
    """Window values read from the database, each made once (claims share a few thousand)."""

    def __init__(self) -> None:
        self._made: dict[tuple[Any, ...], Window] = {}

    def __call__(self, start: Any, end: Any, granularity: str, value: str) -> Window:
        key = (start, end, granularity, value)
        window = self._made.get(key)
        if window is None:
            window = self._made[key] = Window(to_date(start), to_date(end), granularity, value)
        return window


def _marks(connection: Connection) -> str:
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


def _cursor(connection: Connection) -> Any:
    """The driver's own cursor: 100,000 rows read or written without a Row object each."""
    return connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]


def read_claims(connection: Connection, chunk: list[int], windows: Windows) -> list[Claim]:
    mark = _marks(connection)
    cursor = _cursor(connection)
    cursor.execute(
        "SELECT s.id, s.title_id, s.season, s.part, s.window_start, s.window_end, "
        "s.granularity, s.window_value, c.label, c.reason, c.digest FROM statements s "
        "LEFT JOIN current_verdicts c ON c.statement_id = s.id "
        f"WHERE s.role = 'claim' AND s.title_id IN ({', '.join([mark] * len(chunk))})",
        tuple(chunk),
    )
    return [
        (row[0], row[1], row[2], row[3], windows(row[4], row[5], row[6], row[7]),
         row[8], row[9], row[10])
        for row in cursor.fetchall()
    ]  # fmt: skip


# SQLite learnt RETURNING in 3.35 (Debian 12 has 3.40).
_SQLITE_RETURNING = sqlite3.sqlite_version_info >= (3, 35)


def _append_verdicts(connection: Connection, rows: list[Pending],
                     decided: Any) -> dict[int, int]:  # fmt: skip
    """Append one history row per changed claim; the new verdict id of each claim."""
    cursor = _cursor(connection)
    if connection.dialect.name == "postgresql" and len(rows) > _ROWS_PER_INSERT:
        # Ids drawn from the table's sequence, then COPY: many times an INSERT's speed.
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('verdicts', 'id')) FROM generate_series(1, %s)",
            (len(rows),),
        )
        ids = [row[0] for row in cursor.fetchall()]
        columns = "id, statement_id, label, reason, evidence, decided_at"
        with cursor.copy(f"COPY verdicts ({columns}) FROM STDIN") as copy:
            for verdict_id, (claim, d, _, text) in zip(ids, rows, strict=True):
                copy.write_row((verdict_id, claim[0], d.label, d.reason, text, decided))
        return {claim[0]: verdict_id for verdict_id, (claim, *_) in zip(ids, rows, strict=True)}
    mark = _marks(connection)
    insert = "INSERT INTO verdicts (statement_id, label, reason, evidence, decided_at) VALUES "
    evidence = mark if connection.dialect.name == "sqlite" else f"CAST({mark} AS JSON)"
    one = f"({mark}, {mark}, {mark}, {evidence}, {mark})"
    name = connection.dialect.name
    if not (name == "postgresql" or (name == "sqlite" and _SQLITE_RETURNING)):
        cursor.executemany(
            insert + one,
            [(claim[0], d.label, d.reason, text, decided) for claim, d, _, text in rows],
        )
        return _newest_verdicts(cursor, mark, [claim[0] for claim, *_ in rows])
    # A multi-row INSERT that says which id each claim got.
    new: dict[int, int] = {}
    for i in range(0, len(rows), _ROWS_PER_INSERT):
        batch = rows[i : i + _ROWS_PER_INSERT]
        params: list[Any] = []
        for claim, d, _, text in batch:
            params += (claim[0], d.label, d.reason, text, decided)
        cursor.execute(insert + ", ".join([one] * len(batch)) + " RETURNING statement_id, id",
                       params)  # fmt: skip
        new.update(cursor.fetchall())
    return new


def _newest_verdicts(cursor: Any, mark: str, statement_ids: list[int]) -> dict[int, int]:
    """The id of each claim's newest verdict row (the one just written)."""
    newest: dict[int, int] = {}
    for i in range(0, len(statement_ids), _CHUNK):
        chunk = statement_ids[i : i + _CHUNK]
        cursor.execute(
            "SELECT statement_id, max(id) FROM verdicts "
            f"WHERE statement_id IN ({', '.join([mark] * len(chunk))}) GROUP BY statement_id",
            chunk,
        )
        newest.update(cursor.fetchall())
    return newest


def _set_current(connection: Connection, rows: list[Pending], new_ids: dict[int, int],
                 decided: Any) -> None:  # fmt: skip
    """Record each changed claim's current verdict: a row for a claim's first verdict, the
    row changed for the others (a claim with a digest has its row)."""
    cursor = _cursor(connection)
    mark = _marks(connection)
    first = [(claim[0], new_ids[claim[0]], d.label, d.reason, new, decided)
             for claim, d, new, _ in rows if claim[7] is None]  # fmt: skip
    again = [(new_ids[claim[0]], d.label, d.reason, new, decided, claim[0])
             for claim, d, new, _ in rows if claim[7] is not None]  # fmt: skip
    columns = "statement_id, verdict_id, label, reason, digest, decided_at"
    if connection.dialect.name == "postgresql" and len(first) > _ROWS_PER_INSERT:
        with cursor.copy(f"COPY current_verdicts ({columns}) FROM STDIN") as copy:
            for values in first:
                copy.write_row(values)
    elif first:
        cursor.executemany(
            f"INSERT INTO current_verdicts ({columns}) VALUES ({', '.join([mark] * 6)})", first
        )
    if again:
        cursor.executemany(
            f"UPDATE current_verdicts SET verdict_id = {mark}, label = {mark}, reason = {mark}, "
            f"digest = {mark}, decided_at = {mark} WHERE statement_id = {mark}",
            again,
        )


def write_verdicts(session: Session, rows: list[Pending], now: dt.datetime) -> dict[int, int]:
    """Append the verdict rows and set each claim's current verdict, on the driver past
    SQLAlchemy's per-row work (100,000 claims are most of a full pass); the new ids."""
    connection = session.connection()
    dialect = connection.dialect
    processor = _VERDICTS.c.decided_at.type.dialect_impl(dialect).bind_processor(dialect)
    decided = processor(now) if processor is not None else now
    # in claim order: the indexes on the claim id grow at their end instead of splitting pages
    rows = sorted(rows, key=lambda row: row[0][0])
    new = _append_verdicts(connection, rows, decided)
    _set_current(connection, rows, new, decided)
    return new


def read_officials(connection: Connection, chunk: list[int] | None) -> list[Any]:
    """The official statements of the titles (all titles for None), on the driver's cursor,
    each with the text of its first quote."""
    if chunk is not None and not chunk:
        return []
    mark = _marks(connection)
    quote = (
        "quotes->0->>'text'" if connection.dialect.name == "postgresql"
        else "json_extract(quotes, '$[0].text')"
    )  # fmt: skip
    where = "" if chunk is None else f" AND title_id IN ({', '.join([mark] * len(chunk))})"
    cursor = _cursor(connection)
    cursor.execute(
        "SELECT id, title_id, season, part, window_start, window_end, granularity, window_value, "
        f"source_url, {quote}, announced, released FROM statements WHERE role = 'official'" + where,
        tuple(chunk or ()),
    )
    return list(cursor.fetchall())
