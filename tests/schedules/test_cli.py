from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from schedules.cli import cli


def all_command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            paths += all_command_paths(command, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return paths


@pytest.mark.parametrize("path", all_command_paths(cli), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_unknown_command_is_a_usage_error() -> None:
    assert CliRunner().invoke(cli, ["frobnicate"]).exit_code == 2


def test_db_upgrade_creates_then_reports_current(database_url: str) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["--database", database_url, "db", "upgrade"])
    assert first.exit_code == 0, first.output
    assert "upgraded schema from empty to" in first.stdout
    second = runner.invoke(cli, ["--database", database_url, "db", "upgrade"])
    assert "schema is current" in second.stdout
    status = runner.invoke(cli, ["--database", database_url, "db", "status", "--json"])
    assert '"state": "current"' in status.stdout


def test_default_database_lives_in_the_user_data_dir(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "xdg-data" / "rumour" / "rumour.db").exists()


def test_unreachable_database_exits_1_with_one_line() -> None:
    result = CliRunner().invoke(
        cli, ["--database", "postgresql://x@127.0.0.1:1/db", "db", "upgrade"]
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("rumour: error: cannot reach database")


def test_shell_completion_as_the_readme_gives_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_RUMOUR_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "rumour sou")
    monkeypatch.setenv("COMP_CWORD", "1")
    result = CliRunner().invoke(cli, [], prog_name="rumour")
    assert "plain,sources" in result.output
    monkeypatch.setenv("_RUMOUR_COMPLETE", "bash_source")
    assert "_rumour_completion()" in CliRunner().invoke(cli, [], prog_name="rumour").output


def test_a_postgresql_url_without_the_driver_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    for name in [m for m in sys.modules if m == "psycopg" or m.startswith("psycopg.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg raises ImportError
    result = CliRunner().invoke(cli, ["--database", "postgresql://rumour@127.0.0.1/none", "status"])
    assert result.exit_code == 1
    assert result.stderr == (
        "rumour: error: cannot use database postgresql+psycopg://rumour@127.0.0.1/none: the "
        "PostgreSQL driver is not installed; install it with: pip install "
        "'rumour-verifier[postgresql]'\n"
    )


def _run_with_stderr(args: list[str], *, terminal: bool, env: dict[str, str]) -> tuple[str, str]:
    """Run the CLI in a real process, its stderr a pseudo-terminal or a pipe."""
    import os
    import pty
    import subprocess
    import sys

    command = [sys.executable, "-c", "from schedules.cli import main; main()", *args]
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        return done.stdout, done.stderr
    controller, follower = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower, env=env) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        stdout = process.stdout.read().decode() if process.stdout else ""
    os.close(controller)
    return stdout, b"".join(chunks).decode()


def test_a_progress_line_when_a_person_watches_and_none_for_scripts(tmp_path: Path) -> None:
    import datetime as dt
    import os

    from verifier.store import open_store
    from verifier.store.repository import StatementSpec, TitleRegistry
    from verifier.store.verification import record_and_reverify
    from verifier.windows import Window

    url = f"sqlite:///{tmp_path / 'r.db'}"
    store = open_store(url)
    with store.transaction() as session:
        specs = [StatementSpec(f"Title {i}", 1, Window.from_value("2027-03"), "rumour",
                               announced=dt.date(2026, 11, 1)) for i in range(3)]  # fmt: skip
        record_and_reverify(session, TitleRegistry(session), specs, role="claim")
    store.close()
    env = {**os.environ, "RUMOUR_DATABASE_URL": url, "XDG_CONFIG_HOME": str(tmp_path)}
    stdout, stderr = _run_with_stderr(["verify"], terminal=True, env=env)
    assert "0 verdict(s) changed" in stdout
    assert "titles verified [########################] 3/3" in stderr, stderr
    for terminal, extra in ((True, ["--json"]), (True, ["--quiet"]), (False, [])):
        args = ["--quiet", "verify"] if extra == ["--quiet"] else ["verify", *extra]
        _, stderr = _run_with_stderr(args, terminal=terminal, env=env)
        assert "titles verified" not in stderr, (terminal, extra, stderr)
