from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from schedules.cli import cli
from schedules.config import load_config, parse_interval

GOOD = """
[database]
url = "sqlite:///{db}"

[[sources]]
name = "slate"
url = "https://example.com/slate"
kind = "page"
role = "official"
every = "6h"
slate = {{ year = 2026, scope = "Korean series", complete = true }}

[[sources]]
name = "news"
url = "https://example.com/feed.xml"
kind = "feed"
cron = "*/30 * * * *"

[[titles]]
name = "All of Us Are Dead"
aliases = ["지금 우리 학교는"]

[alerts]
recipients = ["desk@example.com"]
from = "rumour@example.com"
[alerts.smtp]
host = "smtp.example.com"
port = 587
security = "starttls"
user = "rumour"
password_env = "TEST_SMTP_PASSWORD"
"""

# (TOML snippet, text the one-line error must contain)
BAD_CONFIGS = [
    ("colour = 1", "colour: unknown key"),
    (
        "[[sources]]\nname='a'\nurl='https://x.y/'\nevery='soon'",
        "sources[0].every: expected an interval",
    ),
    ("[[sources]]\nname='a'\nurl='https://x.y/'\nevery='10s'", "at least one minute"),
    ("[[sources]]\nname='a'\nurl='ftp://x.y/'", "sources[0].url: expected an http(s) URL"),
    (
        "[[sources]]\nname='a'\nurl='https://x.y/'\nkind='blog'",
        "sources[0].kind: Input should be 'page'",
    ),
    ("[[sources]]\nname='a'\nurl='https://x.y/'\ncron='every day'", "expected a crontab line"),
    (
        "[[sources]]\nname='a'\nurl='https://x.y/'\nevery='1h'\ncron='0 * * * *'",
        "either 'every' or 'cron'",
    ),
    (
        "[[sources]]\nname='a'\nurl='https://x.y/'\nslate={year=2026, scope='K'}",
        'role = "official"',
    ),
    ("[[sources]]\nurl='https://x.y/'", "sources[0].name: required key is missing"),
    (
        "[[sources]]\nname='a'\nurl='https://x.y/'\n[[sources]]\nname='a'\nurl='https://x.z/'",
        "used twice",
    ),
    ("[alerts]\nrecipients=['nobody']", "alerts.recipients[0].address: expected an email address"),
    ("[alerts.smtp]\nport='25'", "alerts.smtp.port: Input should be a valid integer"),
    ("[alerts.smtp]\nport=70000", "alerts.smtp.port"),
    ("[alerts]\ntimezone='Mars/Base'", "expected an IANA time zone"),
    ("[alerts]\ndigest_at='25:00'", "expected a time of day"),
    ("[[titles]]\naliases=['x']", "titles[0].name: required key is missing"),
    ("sources = 'none'", "sources: Input should be a valid list"),
    ("[database\nurl='x'", "not valid TOML"),
]


@pytest.mark.parametrize(("snippet", "expected"), BAD_CONFIGS)
def test_bad_config_is_one_line_naming_file_and_key(
    tmp_path: Path, snippet: str, expected: str
) -> None:
    path = tmp_path / "rumour.toml"
    path.write_text(snippet, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(path), "config", "check"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert re.match(rf"rumour: error: {re.escape(str(path))}(?::\d+)?: ", lines[0]), lines[0]
    assert expected in lines[0]
    assert "Traceback" not in result.output


def test_every_mistake_is_reported_at_once_with_its_line_and_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "rumour.toml"
    path.write_text(
        '[[source]]\nname = "news"\nurl = "https://news.example/feed"\n\n'
        '[[sources]]\nname = "slate"\nurl = "https://streamer.example/"\nevery = 30\n'
        'slate = { year = 2026, scope = "K", compleet = true }\n'
        '[alerts]\nrecipients = ["nobody"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["--config", str(path), "config", "check"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"rumour: error: {path}:1: source: unknown key; did you mean `sources`?",
        f'rumour: error: {path}:8: sources[0].every: `every` takes a duration like "30m" or "6h" '
        "(got 30)",
        f"rumour: error: {path}:9: sources[0].slate.compleet: unknown key; did you mean "
        "`complete`?",
        f"rumour: error: {path}:11: alerts.recipients[0].address: expected an email address "
        "or a notification URL (slack://…, json://host/path), got 'nobody'",
    ]


def test_a_key_with_no_close_match_lists_the_keys_there_are(tmp_path: Path) -> None:
    path = tmp_path / "rumour.toml"
    path.write_text("[http]\nzzz = 1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(path), "config", "check"])
    assert f"{path}:2: http.zzz: unknown key (known keys: user_agent, timeout," in result.stderr


def test_missing_explicit_config_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nope.toml"), "config", "check"])
    assert result.exit_code == 2
    assert "config file not found" in result.stderr


def test_verbose_adds_the_traceback(tmp_path: Path) -> None:
    path = tmp_path / "rumour.toml"
    path.write_text("colour = 1")
    result = CliRunner().invoke(cli, ["--verbose", "--config", str(path), "config", "check"])
    assert result.exit_code == 2
    assert "Traceback" in result.stderr


def test_good_config_loads_with_every_section(tmp_path: Path) -> None:
    path = tmp_path / "rumour.toml"
    path.write_text(GOOD.format(db=tmp_path / "r.db"), encoding="utf-8")
    config, origin = load_config(path)
    assert origin == path
    assert [s.name for s in config.sources] == ["slate", "news"]
    assert config.sources[0].slate is not None and config.sources[0].slate.complete
    assert config.sources[0].every_seconds == 6 * 3600
    assert config.sources[1].every_seconds is None
    assert config.titles[0].aliases == ["지금 우리 학교는"]
    assert config.alerts.sender == "rumour@example.com"


def test_config_check_masks_the_password_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "hunter2")
    path = tmp_path / "rumour.toml"
    path.write_text(GOOD.format(db=tmp_path / "r.db"), encoding="utf-8")
    for extra in ([], ["--json"]):
        result = CliRunner().invoke(cli, ["--config", str(path), "config", "check", *extra])
        assert result.exit_code == 0, result.output
        assert "hunter2" not in result.output
        assert "********" in result.output
    data = json.loads(result.stdout)
    assert data["config"]["alerts"]["smtp"]["password"] == "********"
    assert data["config"]["sources"][0]["slate"] == {
        "year": 2026,
        "scope": "Korean series",
        "complete": True,
    }


def test_config_found_through_the_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text('[database]\nurl = "sqlite:///x.db"\n')
    monkeypatch.setenv("RUMOUR_CONFIG", str(path))
    assert load_config(None)[1] == path


def test_database_password_is_masked_in_config_check(tmp_path: Path) -> None:
    path = tmp_path / "rumour.toml"
    path.write_text('[database]\nurl = "postgresql://u:sekrit@db.example/r"\n')
    result = CliRunner().invoke(cli, ["--config", str(path), "config", "check"])
    assert result.exit_code == 0
    assert "sekrit" not in result.output


@pytest.mark.parametrize(
    ("text", "seconds"), [("30m", 1800), ("6h", 21600), ("1h30m", 5400), ("2d", 172800)]
)
def test_intervals(text: str, seconds: int) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "30", "3x", "-5m", "30m soon"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(ValueError, match="expected an interval"):
        parse_interval(text)


def test_config_check_warns_of_a_password_variable_that_is_not_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RUMOUR_SMTP_PASSWORD", raising=False)
    path = tmp_path / "rumour.toml"
    path.write_text(
        '[alerts.smtp]\nhost = "smtp.example.com"\nuser = "desk"\n'
        'password_env = "RUMOUR_SMTP_PASSWORD"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["--config", str(path), "config", "check"])
    assert result.exit_code == 0
    assert "$RUMOUR_SMTP_PASSWORD, which is not set" in result.stderr
    assert result.stdout.rstrip().endswith("config OK, 1 warning(s)")
    as_json = CliRunner().invoke(cli, ["--config", str(path), "config", "check", "--json"])
    assert "RUMOUR_SMTP_PASSWORD" in json.loads(as_json.stdout)["warnings"][0]
    monkeypatch.setenv("RUMOUR_SMTP_PASSWORD", "s3cret")
    result = CliRunner().invoke(cli, ["--config", str(path), "config", "check"])
    assert result.stderr == "" and result.stdout.rstrip().endswith("config OK")


def test_config_check_warns_of_a_user_without_any_password(tmp_path: Path) -> None:
    path = tmp_path / "rumour.toml"
    path.write_text('[alerts.smtp]\nuser = "desk"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(path), "config", "check"])
    assert "alerts.smtp.user is set without a password" in result.stderr
