"""Alerts end to end: the outbox written with the change, sent over real SMTP on 127.0.0.1.

Time is passed in (``now``), never slept: backoff and digests are checked by
moving ``now`` forward.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from schedules.app import config_registry
from schedules.cli import cli
from schedules.config import RumourConfig, load_config
from schedules.outbox import Outbox, Rules
from schedules.sender import send_due
from schedules.status import gather_status
from tests.mail import MailServer
from verifier.store import Store
from verifier.store.models import Alert, Source
from verifier.store.repository import StatementSpec
from verifier.store.verification import record_and_reverify
from verifier.windows import Window

T0 = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
TITLE = "All of Us Are Dead"
SUBJECT = 'All of Us Are Dead S2: "December 2026" rumour is now CONTRADICTED'


def make_config(smtp: dict[str, Any], title: str = TITLE, **alerts: Any) -> RumourConfig:
    return RumourConfig.model_validate(
        {
            "titles": [{"name": title, "recipients": alerts.pop("title_recipients", [])}],
            "alerts": {
                "recipients": ["desk@example.com"],
                "from": "rumour@verifier.example",
                "smtp": smtp,
                **alerts,
            },
        },
        strict=False,
    )


def rumour(title: str = TITLE, value: str = "2026-12") -> StatementSpec:
    quote = f"Fans insist that {title} season 2 will be released in December 2026."
    return StatementSpec(
        title, 2, Window.from_value(value), "rumour",
        quotes=({"text": quote, "start": 0, "end": len(quote), "field": "text"},),
        source_url="https://news.example/aouad", announced=dt.date(2026, 3, 10),
    )  # fmt: skip


def official(
    title: str = TITLE, value: str = "2027-02-12", announced: str = "2026-11-23"
) -> StatementSpec:
    return StatementSpec(
        title, 2, Window.from_value(value), "official",
        quotes=({"text": f"{title} season 2 premieres on {value}.", "start": 0, "end": 9,
                 "field": "text"},),
        source_url="https://streamer.example/newsroom", announced=dt.date.fromisoformat(announced),
    )  # fmt: skip


def record(store: Store, config: RumourConfig, specs: list[StatementSpec], role: str,
           now: dt.datetime) -> int:  # fmt: skip
    """Record statements the way the cycle does: change and alerts in one transaction."""
    with store.transaction() as session:
        registry = config_registry(session, config)
        recorded = record_and_reverify(session, registry, specs, role=role, now=now)
        outbox = Outbox(session, Rules.from_config(config), now)
        outbox.officials(recorded.new if role == "official" else [])
        outbox.claims(recorded.changes)
        return outbox.queued


def contradict(store: Store, config: RumourConfig) -> None:
    record(store, config, [rumour()], "claim", T0)
    record(store, config, [official()], "official", T1)


def alerts(store: Store) -> list[Alert]:
    with store.transaction() as session:
        return list(session.scalars(select(Alert).order_by(Alert.id)))


def parts(message: EmailMessage) -> dict[str, str]:
    return {part.get_content_type(): part.get_content() for part in message.walk()
            if not part.is_multipart()}  # fmt: skip


# --- the outbox -------------------------------------------------------------------------------


def test_a_verdict_change_queues_one_alert_per_recipient_with_a_unique_key(store: Store) -> None:
    config = make_config({}, on=["verdict_change"], title_recipients=["kdrama@example.com"])
    assert record(store, config, [rumour()], "claim", T0) == 0  # new claims are not on
    assert record(store, config, [official()], "official", T1) == 2
    rows = alerts(store)
    assert [(a.recipient, a.kind, a.status, a.delivery) for a in rows] == [
        ("desk@example.com", "verdict_change", "pending", "immediate"),
        ("kdrama@example.com", "verdict_change", "pending", "immediate"),
    ]
    assert len({a.dedupe_key for a in rows}) == 2
    payload = rows[0].payload
    assert (payload["old"]["label"], payload["new"]["label"]) == ("unsupported", "contradicted")
    assert [h["label"] for h in payload["history"]] == ["unsupported", "contradicted"]
    assert payload["evidence"][0]["window"]["described"] == "12 February 2027"
    # Recording the same official statement again changes nothing and alerts nothing.
    assert record(store, config, [official()], "official", T1) == 0


def test_every_event_kind_can_be_switched_on(store: Store) -> None:
    config = make_config({}, on=["new_claim", "verdict_change", "official_date"])
    assert record(store, config, [rumour()], "claim", T0) == 1
    assert record(store, config, [official()], "official", T1) == 2
    # The same date from another page is not news; a moved date is.
    assert record(store, config, [official(announced="2026-11-25")], "official", T1) == 0
    moved = official(value="2027-03", announced="2026-12-01")
    assert record(store, config, [moved], "official", T1) == 1
    kinds = [a.kind for a in alerts(store)]
    assert kinds == ["new_claim", "official_date", "verdict_change", "official_date"]
    assert alerts(store)[-1].payload["previous"]["window"]["value"] == "2027-02-12"


def test_a_first_slate_with_a_year_and_a_finer_date_for_a_title_alerts_once(
    store: Store,
) -> None:
    config = make_config({}, on=["official_date"])
    year, quarter = official(value="2027"), official(value="2027-Q4")
    assert record(store, config, [year, quarter], "official", T1) == 1
    (row,) = alerts(store)
    assert (row.payload["window"]["value"], row.payload["previous"]) == ("2027-Q4", None)
    # A later page that moves it is news, against the date that held.
    moved = official(value="2028-02-10", announced="2026-12-20")
    assert record(store, config, [moved], "official", T1) == 1
    assert alerts(store)[-1].payload["previous"]["window"]["value"] == "2027-Q4"


def test_unwatched_titles_alert_only_when_all_titles_are_asked_for(store: Store) -> None:
    config = make_config({}, on=["verdict_change"])
    record(store, config, [rumour("Night Harbor")], "claim", T0)
    assert record(store, config, [official("Night Harbor")], "official", T1) == 0
    everything = make_config({}, on=["verdict_change"], titles="all")
    record(store, everything, [rumour("Paper Crane")], "claim", T0)
    assert record(store, everything, [official("Paper Crane")], "official", T1) == 1


def test_a_change_rolled_back_leaves_no_alert_and_a_rerun_queues_it_once(store: Store) -> None:
    config = make_config({}, on=["verdict_change"])
    record(store, config, [rumour()], "claim", T0)
    with pytest.raises(RuntimeError), store.transaction() as session:
        registry = config_registry(session, config)
        recorded = record_and_reverify(session, registry, [official()], role="official", now=T1)
        Outbox(session, Rules.from_config(config), T1).claims(recorded.changes)
        raise RuntimeError("crash before commit")
    assert alerts(store) == []
    assert record(store, config, [official()], "official", T1) == 1
    assert record(store, config, [official()], "official", T1) == 0


def test_digest_time_is_the_next_one_in_the_configured_zone() -> None:
    rules = Rules.from_config(make_config({}, digest_at="08:00", timezone="Europe/London"))
    assert rules.next_digest(dt.datetime(2026, 11, 24, 7, 59, tzinfo=dt.UTC)) == dt.datetime(
        2026, 11, 24, 8, 0, tzinfo=dt.UTC
    )
    # Summer time: 08:00 in London is 07:00 UTC.
    assert rules.next_digest(dt.datetime(2026, 7, 1, 7, 0, tzinfo=dt.UTC)) == dt.datetime(
        2026, 7, 2, 7, 0, tzinfo=dt.UTC
    )


def test_a_title_recipient_can_take_a_digest_while_the_desk_gets_it_at_once() -> None:
    rules = Rules.from_config(make_config(
        {}, title_recipients=[{"address": "desk@example.com", "delivery": "digest"},
                              "kdrama@example.com"],
    ))  # fmt: skip
    assert rules.recipients_for("all of us are dead") == [
        ("desk@example.com", "digest"),
        ("kdrama@example.com", "immediate"),
    ]
    assert rules.recipients_for(None) == [("desk@example.com", "immediate")]


def test_a_failing_source_alerts_once_on_failing_and_once_on_recovering(store: Store) -> None:
    config = make_config({}, failing_after=2)
    queued = []
    with store.transaction() as session:
        source = Source(
            name="screen-desk", url="https://news.example/feed", kind="feed", role="news"
        )
        session.add(source)
        session.flush()
        outbox = Outbox(session, Rules.from_config(config), T0)
        for failures in (1, 2, 3, 4, 0, 0):
            before, source.failure_count = source.failure_count, failures
            source.last_error = "HTTP 503" if failures else None
            outbox.source(source, before)
            queued.append(outbox.queued)
    assert queued == [0, 1, 1, 1, 2, 2]
    assert [a.kind for a in alerts(store)] == ["source_failing", "source_recovered"]


# --- sending ----------------------------------------------------------------------------------


def test_an_alert_arrives_once_with_the_subject_and_both_parts(
    store: Store, mail: MailServer
) -> None:
    config = make_config(mail.smtp_config(), on=["verdict_change"])
    contradict(store, config)
    report = send_due(store, config, now=T1)
    assert (report.sent, report.alerts, report.error) == (1, 1, None)
    (message,) = mail.messages
    assert message["Subject"] == SUBJECT
    assert message["To"] == "desk@example.com"
    assert message["From"] == "rumour@verifier.example"
    assert message["Message-ID"].endswith("@verifier.example>")
    body = parts(message)
    assert set(body) == {"text/plain", "text/html"}
    text = body["text/plain"]
    for expected in ("Fans insist that All of Us Are Dead season 2", "https://news.example/aouad",
                     "Was:        UNSUPPORTED", "Now:        CONTRADICTED",
                     "the official date lies outside the claimed window", "12 February 2027",
                     "https://streamer.example/newsroom", "History of this claim"):  # fmt: skip
        assert expected in text
    assert '<a href="https://streamer.example/newsroom">' in body["text/html"]
    assert send_due(store, config, now=T1 + dt.timedelta(minutes=5)).sent == 0
    assert len(mail.messages) == 1
    assert [a.status for a in alerts(store)] == ["sent"]


def test_smtp_down_for_several_runs_then_up_delivers_exactly_once(
    store: Store, mail: MailServer, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_config(mail.smtp_config(), on=["verdict_change"])
    contradict(store, config)
    mail.stop()
    now = T1
    with caplog.at_level(logging.WARNING, logger="schedules.sender"):
        for attempt in range(1, 4):
            report = send_due(store, config, now=now)
            assert (report.sent, report.deferred) == (0, 1)
            (row,) = alerts(store)
            assert (row.status, row.attempts) == ("pending", attempt)
            waited = row.next_attempt_at.replace(tzinfo=dt.UTC) - now
            assert waited == dt.timedelta(minutes=2 ** (attempt - 1))
            # Not due again before its backoff ends.
            assert send_due(store, config, now=now + waited / 2).deferred == 0
            now += waited
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 3
    assert all(f"cannot connect to SMTP server 127.0.0.1:{mail.port}" in w for w in warnings)
    with store.transaction() as session:
        assert "cannot connect" in (gather_status(session, now).outbox_error or "")
    mail.start()
    assert send_due(store, config, now=now).sent == 1
    assert send_due(store, config, now=now + dt.timedelta(hours=2)).sent == 0
    assert [m["Subject"] for m in mail.messages] == [SUBJECT]


def test_a_digest_collects_several_changes_into_one_email(store: Store, mail: MailServer) -> None:
    config = make_config(mail.smtp_config(), on=["verdict_change", "official_date"],
                         delivery="digest", digest_at="08:00")  # fmt: skip
    contradict(store, config)
    record(store, config, [rumour("Night Harbor")], "claim", T0)
    assert [a.delivery for a in alerts(store)] == ["digest", "digest"]
    assert send_due(store, config, now=T1 + dt.timedelta(hours=12)).sent == 0
    report = send_due(store, config, now=T1 + dt.timedelta(days=1))
    assert (report.sent, report.alerts) == (1, 2)
    (message,) = mail.messages
    assert message["Subject"] == "Rumour verifier digest: 2 alerts (2026-11-25)"
    text = parts(message)["text/plain"]
    assert "1. All of Us Are Dead S2: official date 12 February 2027" in text
    assert f"2. {SUBJECT}" in text


def test_a_title_with_line_breaks_and_markup_arrives_harmless(
    store: Store, mail: MailServer
) -> None:
    evil = 'Evil\r\nBcc: victim@example.com <script>alert("x")</script>'
    config = make_config(mail.smtp_config(), title=evil, on=["verdict_change"])
    record(store, config, [rumour(evil)], "claim", T0)
    record(store, config, [official(evil)], "official", T1)
    assert send_due(store, config, now=T1).sent == 1
    (message,) = mail.messages
    (envelope,) = mail.envelopes
    assert envelope.rcpt_tos == ["desk@example.com"]
    assert message["Bcc"] is None
    assert "\n" not in message["Subject"] and "\r" not in message["Subject"]
    html = parts(message)["text/html"]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_recipient_refused_for_good_is_marked_failed_and_others_still_go(
    store: Store, mail: MailServer
) -> None:
    config = make_config(mail.smtp_config(), on=["verdict_change"],
                         title_recipients=["gone@example.com"])  # fmt: skip
    mail.refuse.add("gone@example.com")
    contradict(store, config)
    report = send_due(store, config, now=T1)
    assert (report.sent, report.failed) == (1, 1)
    assert {a.recipient: a.status for a in alerts(store)} == {
        "desk@example.com": "sent",
        "gone@example.com": "failed",
    }
    assert "550" in (report.error or "")


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_tls_and_login_deliver(store: Store, tmp_path: Path, security: str,
                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    server = MailServer(tmp_path, security=security, password="s3cret").start()
    monkeypatch.setenv("RUMOUR_TEST_SMTP_PASSWORD", "s3cret")
    try:
        config = make_config(server.smtp_config(), on=["verdict_change"])
        contradict(store, config)
        assert send_due(store, config, now=T1).sent == 1
        assert [m["Subject"] for m in server.messages] == [SUBJECT]
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("server_side", "client_side", "expected"),
    [
        ({"security": "none"}, {"port": "wrong"}, "cannot connect to SMTP server"),
        ({"password": "s3cret"}, {"password_env": "WRONG_PASSWORD"}, "refused the login (535"),
        ({"password": "s3cret"}, {"password_env": "UNSET_PASSWORD"}, "no password was found; set $UNSET_PASSWORD"),
        ({"security": "none"}, {"security": "tls"}, "TLS failed"),
        ({"security": "none"}, {"security": "starttls"}, "does not offer STARTTLS"),
        ({"security": "tls"}, {"security": "none", "ca_file": None}, "closed the connection"),
    ],
)  # fmt: skip
def test_misconfigured_smtp_is_one_clear_line_and_keeps_alerts_pending(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    server_side: dict[str, Any], client_side: dict[str, Any], expected: str,
) -> None:  # fmt: skip
    server = MailServer(tmp_path, **server_side).start()
    monkeypatch.setenv("WRONG_PASSWORD", "guess")
    monkeypatch.delenv("UNSET_PASSWORD", raising=False)
    try:
        smtp = server.smtp_config(**client_side)
        if smtp["port"] == "wrong":
            smtp["port"] = server.port + 1 if server.port < 65535 else server.port - 1
        smtp["timeout"] = 2.0
        config = make_config(smtp, on=["verdict_change"])
        contradict(store, config)
        report = send_due(store, config, now=T1)
        assert report.sent == 0 and report.deferred == 1
        assert expected in (report.error or ""), report.error
        assert "\n" not in (report.error or "")
        assert [(a.status, a.attempts) for a in alerts(store)] == [("pending", 1)]
        assert server.messages == []
    finally:
        server.stop()


def test_a_digest_that_failed_is_retried_by_the_every_tick_sender(
    store: Store, mail: MailServer
) -> None:
    config = make_config(mail.smtp_config(), on=["verdict_change"], delivery="digest")
    contradict(store, config)
    digest_time = T1 + dt.timedelta(days=1)
    assert send_due(store, config, now=digest_time, digests=False).sent == 0  # not gathered yet
    mail.stop()
    assert send_due(store, config, now=digest_time).deferred == 1
    mail.start()
    report = send_due(store, config, now=digest_time + dt.timedelta(minutes=1), digests=False)
    assert report.sent == 1
    assert [m["Subject"] for m in mail.messages] == [SUBJECT]


# --- the commands -----------------------------------------------------------------------------


def _cli_config(tmp_path: Path, database_url: str, smtp: dict[str, Any]) -> Path:
    path = tmp_path / "config.toml"
    smtp_lines = "".join(f"{k} = {json.dumps(v)}\n" for k, v in smtp.items())
    path.write_text(
        f'[database]\nurl = "{database_url}"\n[[titles]]\nname = "{TITLE}"\n'
        f'[alerts]\nrecipients = ["desk@example.com"]\nfrom = "rumour@verifier.example"\n'
        f"[alerts.smtp]\n{smtp_lines}"
    )
    return path


def test_alerts_test_sends_a_test_email_or_says_why_not(
    tmp_path: Path, database_url: str, mail: MailServer
) -> None:
    config = _cli_config(tmp_path, database_url, mail.smtp_config())
    result = CliRunner().invoke(cli, ["--config", str(config), "alerts", "test"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"sent a test email to desk@example.com via 127.0.0.1:{mail.port}\n"
    (message,) = mail.messages
    assert message["Subject"] == "Rumour verifier test email"
    mail.stop()
    result = CliRunner().invoke(
        cli, ["--config", str(config), "alerts", "test", "--to", "x@example.com"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"rumour: error: cannot connect to SMTP server 127.0.0.1:{mail.port}"
    )
    assert result.stderr.count("\n") == 1


def _contradicted_outbox(
    tmp_path: Path, database_url: str, store: Store, mail: MailServer
) -> Callable[..., Result]:
    """A config file for the CLI, two alerts waiting, and ``rumour alerts ...`` to run."""
    config_path = _cli_config(tmp_path, database_url, mail.smtp_config())
    config, _ = load_config(config_path)
    contradict(store, config)

    def run(*args: str) -> Result:
        result = CliRunner().invoke(cli, ["--config", str(config_path), "alerts", *args])
        assert result.exit_code == 0, result.output
        return result

    return run


def test_alerts_list_and_send_show_the_outbox(
    tmp_path: Path, database_url: str, store: Store, mail: MailServer
) -> None:
    run = _contradicted_outbox(tmp_path, database_url, store, mail)
    rows = json.loads(run("list", "--json").stdout)
    assert [(r["kind"], r["status"], r["subject"]) for r in rows] == [
        ("verdict_change", "pending", SUBJECT),
        ("official_date", "pending", "All of Us Are Dead S2: official date 12 February 2027"),
    ]
    assert run("send").stdout == "2 emails sent (2 alerts)\n"
    assert "sent" in run("list", "--status", "sent").stdout
    assert run("list", "--status", "pending").stdout == "the outbox is empty\n"


def test_alerts_send_says_what_waits_after_a_failure_and_now_sends_it(
    tmp_path: Path, database_url: str, store: Store, mail: MailServer
) -> None:
    run = _contradicted_outbox(tmp_path, database_url, store, mail)

    def send(*args: str) -> str:
        return run("send", *args).stdout

    mail.stop()
    assert send().startswith("0 emails sent (0 alerts), 2 alerts deferred: cannot connect")
    mail.start()  # the SMTP server is back (or its settings were fixed)
    waiting = send()
    assert waiting.startswith(
        "0 emails sent (0 alerts); 2 alerts wait after a failed try, the next at "
    )
    assert waiting.rstrip().endswith("UTC (`rumour alerts send --now` tries them now)")
    assert send("--now") == "2 emails sent (2 alerts)\n"
    assert len(mail.messages) == 2
