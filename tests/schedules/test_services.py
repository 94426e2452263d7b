"""Alerts to notification services through Apprise, received by a real HTTP server on
127.0.0.1 (Apprise's ``json://`` and ``form://`` webhooks): the same outbox as email.

Time is passed in (``now``), never slept.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from schedules.cli import cli
from schedules.config import RumourConfig
from schedules.messages import Item
from schedules.sender import send_due
from schedules.services import compose_markdown, masked
from tests.schedules.test_alerts import (
    SUBJECT,
    T1,
    TITLE,
    alerts,
    contradict,
    make_config,
    official,
    record,
    rumour,
)
from tests.site import Reply, Site
from verifier.store import Store
from verifier.store.models import Alert


def services_config(*recipients: object, **alerts: object) -> RumourConfig:
    config = make_config({}, **{"on": ["verdict_change"], **alerts})
    data = config.model_dump(by_alias=True)
    data["alerts"]["recipients"] = list(recipients)
    return RumourConfig.model_validate(data)


def hook(site: Site, scheme: str = "json", path: str = "/hook") -> str:
    return f"{scheme}://127.0.0.1:{site.server.server_address[1]}{path}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_verdict_change_reaches_a_json_webhook_once_with_the_email_s_facts(
    store: Store, site: Site
) -> None:
    site.route("/hook", body="ok")
    config = services_config(hook(site))
    contradict(store, config)
    report = send_due(store, config, now=T1)
    assert (report.sent, report.posted, report.alerts, report.error) == (0, 1, 1, None)
    ((path, kind, body),) = site.posted
    assert (path, kind) == ("/hook", "application/json")
    message = json.loads(body)
    assert message["title"] == SUBJECT
    text = message["message"]
    for expected in ("Fans insist that All of Us Are Dead season 2", "**UNSUPPORTED**",
                     "**CONTRADICTED**", "the official date lies outside the claimed window",
                     "(https://news.example/aouad)", "(https://streamer.example/newsroom)",
                     "12 February 2027"):  # fmt: skip
        assert expected in text
    assert send_due(store, config, now=T1 + dt.timedelta(minutes=5)).posted == 0
    assert len(site.posted) == 1
    assert [a.status for a in alerts(store)] == ["sent"]


def test_a_title_s_own_service_and_the_desk_s_each_get_it_and_a_form_post_works(
    store: Store, site: Site
) -> None:
    site.route("/desk", body="ok")
    site.route("/kdrama", body="ok")
    config = services_config(hook(site, path="/desk"),
                             title_recipients=[hook(site, "form", "/kdrama")])  # fmt: skip
    contradict(store, config)
    assert send_due(store, config, now=T1).posted == 2
    posted = {path: (kind, body) for path, kind, body in site.posted}
    assert json.loads(posted["/desk"][1])["title"] == SUBJECT
    kind, body = posted["/kdrama"]
    assert kind.startswith("application/x-www-form-urlencoded")
    assert parse_qs(body.decode())["title"] == [SUBJECT]


def test_a_receiver_that_is_down_then_up_gets_the_message_exactly_once(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    address = f"json://127.0.0.1:{port}/hook"
    config = services_config(address)
    contradict(store, config)
    now = T1
    for attempt in (1, 2):
        report = send_due(store, config, now=now)
        assert (report.posted, report.deferred) == (0, 1)
        assert report.error is not None
        assert report.error.startswith(f"JSON (json://127.0.0.1:{port}/hook) did not take")
        assert "check that the service is reachable" in report.error
        (row,) = alerts(store)
        assert (row.status, row.attempts) == ("pending", attempt)
        now = row.next_attempt_at.replace(tzinfo=dt.UTC)
    site = Site(port).start()
    try:
        site.route("/hook", body="ok")
        assert send_due(store, config, now=now).posted == 1
        assert send_due(store, config, now=now + dt.timedelta(hours=2)).posted == 0
        assert len(site.posted) == 1
    finally:
        site.stop()
    assert [a.status for a in alerts(store)] == ["sent"]


def test_a_4xx_refusal_marks_the_alert_failed_and_a_5xx_waits(store: Store, site: Site) -> None:
    site.route("/refuses", status=400, body="bad request")
    site.route("/busy", Reply(503, "busy"), Reply(200, "ok"))
    config = services_config(hook(site, path="/refuses"), hook(site, path="/busy"))
    contradict(store, config)
    report = send_due(store, config, now=T1)
    assert (report.posted, report.failed, report.deferred) == (0, 1, 1)
    assert report.error is not None and "refused the message" in report.error
    by_recipient = {a.recipient.rsplit("/", 1)[1]: a for a in alerts(store)}
    assert by_recipient["refuses"].status == "failed"
    assert "check the URL and its token" in (by_recipient["refuses"].last_error or "")
    assert by_recipient["busy"].status == "pending"
    later = by_recipient["busy"].next_attempt_at.replace(tzinfo=dt.UTC)
    assert send_due(store, config, now=later).posted == 1
    assert site.hits["/refuses"] == 1  # a refusal is not tried again
    assert sorted(a.status for a in alerts(store)) == ["failed", "sent"]


def test_a_digest_goes_to_a_service_as_one_message(store: Store, site: Site) -> None:
    site.route("/hook", body="ok")
    config = services_config({"address": hook(site), "delivery": "digest"},
                             on=["verdict_change", "official_date"])  # fmt: skip
    record(store, config, [rumour()], "claim", T1)
    record(store, config, [official()], "official", T1)
    digest_time = T1.replace(hour=8) + dt.timedelta(days=1)
    assert send_due(store, config, now=T1).posted == 0
    report = send_due(store, config, now=digest_time)
    assert (report.posted, report.alerts) == (1, 2)
    message = json.loads(site.posted[0][2])
    assert message["title"].startswith("Rumour verifier digest: 2 alerts")
    assert "**1. " in message["message"] and "**2. " in message["message"]


def test_scraped_text_cannot_add_links_or_markup_to_a_message() -> None:
    quote = "Season 2 arrives [in May](https://evil.example) **now** <b>x</b>"
    item = Item("verdict_change", {
        "title": "Moon Court", "season": 2, "part": None,
        "claim": {"window": {"described": "May 2027"}, "stance": "rumour", "quote": quote,
                  "url": "https://news.example/a) [x](https://evil.example", "headline": "A",
                  "published": None},
        "old": None, "new": {"label": "unsupported", "explanation": "nothing official yet"},
        "evidence": [],
    })  # fmt: skip
    _, body = compose_markdown([item], T1)
    assert "](https://evil.example)" not in body
    assert "\\[in May\\]" in body and "\\*\\*now\\*\\*" in body and "\\<b\\>" in body
    assert "(https://news.example/a%29%20%5Bx%5D%28https://evil.example)" in body


def test_a_token_in_a_service_url_is_masked_and_a_variable_is_expanded_when_sent(
    store: Store, site: Site, tmp_path: Path, database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    assert masked("tgram://123456789:abcdefghijklmnop/4242") == "tgram://1...p/4242/"
    assert "s3cretpass" not in masked("json://desk:s3cretpass@127.0.0.1:9/hook")
    site.route("/hook", body="ok")
    port = site.server.server_address[1]
    config_path = tmp_path / "rumour.toml"
    config_path.write_text(
        f'[database]\nurl = "{database_url}"\n[[titles]]\nname = "{TITLE}"\n'
        f'[alerts]\nrecipients = ["json://127.0.0.1:{port}/${{HOOK_PATH}}", '
        f'"json://desk:s3cretpass@127.0.0.1:{port}/hook"]\non = ["verdict_change"]\n'
    )
    config_path.chmod(0o600)
    monkeypatch.delenv("HOOK_PATH", raising=False)
    checked = CliRunner().invoke(cli, ["--config", str(config_path), "config", "check"])
    assert checked.exit_code == 0, checked.output
    assert "s3cretpass" not in checked.output
    assert "$HOOK_PATH, which is not set" in checked.stderr
    from schedules.config import load_config

    config, _ = load_config(config_path)
    contradict(store, config)
    report = send_due(store, config, now=T1)
    assert (report.posted, report.deferred) == (1, 1)  # the variable is not set yet
    assert report.error is not None and "$HOOK_PATH is not set" in report.error
    listed = CliRunner().invoke(cli, ["--config", str(config_path), "alerts", "list"])
    assert "s3cretpass" not in listed.output
    monkeypatch.setenv("HOOK_PATH", "hook")
    with store.transaction() as session:
        waiting = session.scalars(select(Alert).where(Alert.status == "pending")).one()
        later = waiting.next_attempt_at.replace(tzinfo=dt.UTC)
    assert send_due(store, config, now=later).posted == 1
    assert [path for path, _, _ in site.posted] == ["/hook", "/hook"]
    # The database keeps the URL as written: the variable's value stays in the environment.
    assert all("${HOOK_PATH}" in a.recipient for a in alerts(store) if "desk:" not in a.recipient)


def test_an_unknown_service_is_a_config_error_that_says_so(tmp_path: Path) -> None:
    config_path = tmp_path / "rumour.toml"
    config_path.write_text('[alerts]\nrecipients = ["slak://T1/B2/C3"]\n')
    result = CliRunner().invoke(cli, ["--config", str(config_path), "config", "check"])
    assert result.exit_code == 2, result.output
    assert "slak:// is not a notification service Apprise knows" in result.stderr
    assert result.stderr.count("\n") == 1


def test_alerts_test_posts_a_test_message_to_a_service(tmp_path: Path, site: Site,
                                                       database_url: str) -> None:  # fmt: skip
    site.route("/hook", body="ok")
    config_path = tmp_path / "rumour.toml"
    config_path.write_text(f'[database]\nurl = "{database_url}"\n')
    result = CliRunner().invoke(
        cli, ["--config", str(config_path), "alerts", "test", "--to", hook(site)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"posted a test message to JSON ({hook(site)})\n"
    assert "alerts will reach this channel" in json.loads(site.posted[0][2])["message"]
