"""Secrets stay out of everything the tool writes, and a config file that exposes them
is pointed out (issue: what scraped input can reach)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from schedules.app import App
from schedules.cli import cli
from schedules.secrets import mask
from tests.site import Site

SMTP_PASSWORD = "Hunter2-Secret-Pw"
FEED_PASSWORD = "Feed-Secret-77"


def _config(tmp_path: Path, site: Site) -> Path:
    port = site.base.rsplit(":", 1)[1]
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "r.db"}"\n'
        "[http]\nhost_delay = 0.0\nretries = 0\ntimeout = 2.0\n"
        f'[[sources]]\nname = "members"\nurl = "http://reader:{FEED_PASSWORD}@127.0.0.1:{port}/feed.xml"\n'
        'kind = "feed"\n'
        '[alerts]\nrecipients = ["desk@example.com"]\n'
        f'[alerts.smtp]\nhost = "127.0.0.1"\nport = 9\nuser = "desk"\npassword = "{SMTP_PASSWORD}"\n'
        "timeout = 2.0\n",
        encoding="utf-8",
    )
    return path


def test_a_config_file_with_a_password_that_others_can_read_is_pointed_out(
    tmp_path: Path, site: Site
) -> None:
    path = _config(tmp_path, site)
    path.chmod(0o644)
    result = CliRunner().invoke(cli, ["--config", str(path), "config", "check"])
    assert f"{path} holds alerts.smtp.password and other users may read it" in result.stderr
    assert f"chmod 600 {path}" in result.stderr
    path.chmod(0o600)
    result = CliRunner().invoke(cli, ["--config", str(path), "config", "check"])
    assert "other users may read it" not in result.stderr


def test_no_secret_appears_in_output_logs_json_status_or_errors(tmp_path: Path, site: Site) -> None:
    site.route("/feed.xml", status=404)
    path = _config(tmp_path, site)
    path.chmod(0o600)
    written = []
    for args in (
        ["config", "check"], ["config", "check", "--json"], ["--verbose", "run", "--once"],
        ["run", "--once", "--json"], ["sources", "list"], ["sources", "list", "--json"],
        ["status"], ["status", "--json"], ["alerts", "list", "--json"],
        ["--verbose", "alerts", "test"], ["--verbose", "alerts", "send"],
    ):  # fmt: skip
        result = CliRunner().invoke(cli, ["--config", str(path), *args])
        written.append(" ".join(args) + "\n" + result.stdout + result.stderr)
    everything = "\n".join(written)
    assert "HTTP 404" in everything and "reader:********@127.0.0.1" in everything
    assert "cannot connect to SMTP server 127.0.0.1:9" in everything
    for secret in (SMTP_PASSWORD, FEED_PASSWORD):
        assert secret not in everything, next(w for w in written if secret in w)


def test_urls_lose_their_passwords_and_plain_text_stays_as_it_is() -> None:
    assert mask("postgresql://rumour:pw123456@db.example/rumour") == (
        "postgresql://rumour:********@db.example/rumour"
    )
    assert mask("see https://news.example/a:b@c and user@example.com") == (
        "see https://news.example/a:b@c and user@example.com"
    )


def test_a_password_from_the_environment_is_masked_once_the_config_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUMOUR_SMTP_PASSWORD", "Env-Secret-31")
    path = tmp_path / "config.toml"
    path.write_text('[alerts.smtp]\nuser = "desk"\npassword_env = "RUMOUR_SMTP_PASSWORD"\n')
    App(config_path=path).loaded_config()
    assert mask("the server said: bad password Env-Secret-31") == (
        "the server said: bad password ********"
    )
