"""Processes started together on a fresh database all work: the schema upgrade takes a
lock (an advisory lock on PostgreSQL, a file lock beside the SQLite file).

Real processes, started at once, each running ``rumour run --once``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from verifier.store import code_head, create_store_engine, database_revision

RUN = "from schedules.cli import main; main()"


def test_processes_started_together_on_a_fresh_database_all_succeed(
    database_url: str, tmp_path: Path
) -> None:
    config = tmp_path / "rumour.toml"
    config.write_text("")  # no sources: each run opens (and upgrades) the store and stops
    env = {**os.environ, "RUMOUR_DATABASE_URL": database_url, "RUMOUR_CONFIG": str(config)}
    runs = [
        subprocess.Popen([sys.executable, "-c", RUN, "run", "--once", "--json"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]  # fmt: skip
    outcomes = [(run.wait(timeout=120), run.stderr.read() if run.stderr else "") for run in runs]
    for run in runs:
        for stream in (run.stdout, run.stderr):
            if stream is not None:
                stream.close()
    failed = [err for code, err in outcomes if code != 0]
    assert failed == []
    engine = create_store_engine(database_url)
    try:
        assert database_revision(engine) == code_head()
    finally:
        engine.dispose()


def test_a_lock_that_cannot_be_created_is_one_line_naming_it(tmp_path: Path) -> None:
    database = tmp_path / "r.db"
    (tmp_path / "r.db.cycle.lock").mkdir()  # (as root, a read-only directory is still written)
    config = tmp_path / "rumour.toml"
    config.write_text("")
    env = {**os.environ, "RUMOUR_DATABASE_URL": f"sqlite:///{database}",
           "RUMOUR_CONFIG": str(config)}  # fmt: skip
    result = subprocess.run([sys.executable, "-c", RUN, "run", "--once"], env=env,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"rumour: error: cannot create the lock file {tmp_path / 'r.db.cycle.lock'}: "
    )
    assert f"the directory {tmp_path} must be writable by this user" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_config_file_this_user_cannot_reach_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (tests run as root, who can read anything: the refusal is made up here)
    from click.testing import CliRunner

    from schedules.cli import cli

    def refused(self: Path, *args: object, **kwargs: object) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "exists", refused)
    result = CliRunner().invoke(cli, ["status"])
    assert result.exit_code == 2
    assert "cannot read the config file: Permission denied; make it readable" in result.stderr
    assert "Traceback" not in result.output


def test_workers_need_postgresql(tmp_path: Path) -> None:
    config = tmp_path / "rumour.toml"
    config.write_text("")
    env = {**os.environ, "RUMOUR_DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}",
           "RUMOUR_CONFIG": str(config)}  # fmt: skip
    result = subprocess.run([sys.executable, "-c", RUN, "daemon", "--workers", "2"], env=env,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr  # one line, no traceback
    assert "--workers 2 needs PostgreSQL" in result.stderr
