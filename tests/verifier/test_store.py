from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from verifier.errors import SchemaTooNew, StoreError
from verifier.store import code_head, create_store_engine, database_revision, open_store
from verifier.store.models import Base, Document, Source


def test_upgrade_creates_every_table_on_an_empty_database(database_url: str) -> None:
    store = open_store(database_url)
    try:
        tables = set(inspect(store.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert database_revision(store.engine) == code_head()
    finally:
        store.close()


def test_migrations_and_models_agree(database_url: str) -> None:
    store = open_store(database_url)
    try:
        with store.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        store.close()


def test_second_open_leaves_a_current_schema_alone(database_url: str) -> None:
    open_store(database_url).close()
    store = open_store(database_url)
    try:
        assert database_revision(store.engine) == code_head()
    finally:
        store.close()


def test_schema_newer_than_the_code_is_refused(database_url: str) -> None:
    open_store(database_url).close()
    engine = create_store_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(SchemaTooNew, match="newer than this version of rumour knows"):
        open_store(database_url)


def test_duplicate_content_hash_is_rejected(database_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    store = open_store(database_url)
    try:
        with store.transaction() as session:
            session.add(Document(url="http://a/1", text="x", content_hash="h1"))
        with pytest.raises(IntegrityError), store.transaction() as session:
            session.add(Document(url="http://a/2", text="x", content_hash="h1"))
        with store.sessions() as session:
            assert session.query(Document).count() == 1
    finally:
        store.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        store.close()


def test_source_round_trips(database_url: str) -> None:
    store = open_store(database_url)
    try:
        with store.transaction() as session:
            session.add(Source(name="s", url="http://x/", kind="page", role="news"))
        with store.sessions() as session:
            source = session.query(Source).one()
            assert (source.failure_count, source.enabled, source.slate_complete) == (0, True, False)
    finally:
        store.close()


def test_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match=r"cannot reach database postgresql\+psycopg://u:\*\*\*@"):
        open_store("postgresql://u:secret@127.0.0.1:1/nowhere")


def test_unwritable_data_directory_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="cannot create the data directory"):
        open_store(f"sqlite:///{blocker / 'sub' / 'r.db'}")


def test_malformed_url_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match="not a valid SQLAlchemy URL"):
        open_store("not a url at all")


def _written_at(database_url: str, revision: str, *statements: str) -> None:
    """An empty database brought to an old schema ``revision``, with rows written then."""
    from alembic import command

    from verifier.store import _alembic_config

    engine = create_store_engine(database_url)
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


def test_statements_written_before_verdicts_existed_migrate(database_url: str) -> None:
    _written_at(
        database_url,
        "0001",
        "INSERT INTO titles (id, name, key, watched, created_at) "
        "VALUES (1, 'Moon Court', 'moon court', false, CURRENT_TIMESTAMP)",
        "INSERT INTO statements (id, title_id, role, stance, granularity, window_value, "
        "quotes, created_at) VALUES (7, 1, 'claim', 'rumour', 'year', '2027', '[]', "
        "CURRENT_TIMESTAMP)",
    )
    store = open_store(database_url)
    try:
        with store.engine.connect() as connection:
            row = connection.execute(
                text("SELECT fingerprint, released FROM statements WHERE id = 7")
            ).one()
            scopes = connection.execute(text("SELECT scopes FROM titles")).scalar_one()
            current = connection.execute(text("SELECT count(*) FROM current_verdicts")).scalar()
        assert (row.fingerprint, bool(row.released), current) == ("id-7", False, 0)
        assert scopes in ("[]", [])
    finally:
        store.close()


def test_current_verdicts_kept_on_claim_rows_move_to_their_own_table(database_url: str) -> None:
    """Before 0006 a claim's row carried its current verdict; upgrading moves it, with the
    id of the claim's newest history row, and a claim never decided gets none."""
    claims = [
        "INSERT INTO statements (id, title_id, role, stance, granularity, window_value, quotes, "
        "created_at, released, fingerprint, label, reason, verdict_digest, verdict_at) VALUES "
        f"({id_}, 1, 'claim', 'rumour', 'year', '2027', '[]', CURRENT_TIMESTAMP, false, "
        f"'f{id_}', {label}, 'official_within_claim', 'd{id_}', CURRENT_TIMESTAMP)"
        for id_, label in ((7, "'confirmed'"), (8, "NULL"))
    ]
    history = [
        "INSERT INTO verdicts (id, statement_id, label, reason, evidence, decided_at) "
        f"VALUES ({verdict_id}, 7, '{label}', 'r', '[]', CURRENT_TIMESTAMP)"
        for verdict_id, label in ((3, "unsupported"), (5, "confirmed"))
    ]
    _written_at(
        database_url,
        "0005",
        "INSERT INTO titles (id, name, key, watched, scopes, created_at) "
        "VALUES (1, 'Moon Court', 'moon court', false, '[]', CURRENT_TIMESTAMP)",
        *claims,
        *history,
    )
    store = open_store(database_url)
    try:
        with store.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT statement_id, verdict_id, label, digest FROM current_verdicts")
            ).all()
        assert [tuple(r) for r in rows] == [(7, 5, "confirmed", "d7")]
    finally:
        store.close()
