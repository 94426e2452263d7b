"""Running unattended: locks, status, the crontab line and the daemon as real processes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

import pytest
import time_machine
from click.testing import CliRunner, Result

from schedules.app import config_registry
from schedules.cli import cli
from schedules.commands.daemon import daemon as daemon_command
from schedules.config import load_config
from schedules.cycle import run_cycle
from schedules.daemon import Daemon
from schedules.locks import Busy, exclusive
from schedules.sender import send_due
from schedules.status import gather_status
from tests.mail import MailServer
from tests.site import Site
from verifier.store import Store, open_store

README = Path(__file__).parents[2] / "README.md"
RUMOUR = shutil.which("rumour") or str(Path(sys.executable).with_name("rumour"))
INSTALLED = "/opt/rumour/.venv/bin/rumour"  # where the README's examples say rumour lives
ARTICLE = (
    "<html><head><title>Moon Court season 2 release date</title>"
    "<meta property='article:published_time' content='2026-11-20'></head><body><article>"
    "<h1>Moon Court season 2 release date</h1><p>Insiders claim Moon Court season 2 will be "
    "released in December 2026.</p></article></body></html>"
)


def write_config(path: Path, database_url: str, site: Site | None = None, extra: str = "") -> Path:
    text = f'[database]\nurl = "{database_url}"\n[http]\nhost_delay = 0.0\nretries = 0\ntimeout = 5.0\n'
    if site is not None:
        text += f'[[sources]]\nname = "moon"\nurl = "{site.url("/moon")}"\nevery = "30m"\n'
    path.write_text(text + extra)
    return path


def rumour(config: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--config", str(config), *args])


# --- locks ------------------------------------------------------------------------------------


def test_a_second_holder_of_a_lock_is_turned_away_until_the_first_lets_go(store: Store) -> None:
    with exclusive(store, "cycle"):
        with pytest.raises(Busy, match="another cycle is in progress"), exclusive(store, "cycle"):
            pass
        with exclusive(store, "send"):  # another lock is another matter
            pass
    with exclusive(store, "cycle"):
        pass


def test_an_overlapping_run_does_nothing_on_sqlite_and_shares_the_cycle_on_postgresql(
    tmp_path: Path, database_url: str, site: Site, store: Store
) -> None:
    site.route("/moon", body=ARTICLE)
    config = write_config(tmp_path / "config.toml", database_url, site)
    if store.engine.dialect.name == "postgresql":
        # runs on PostgreSQL share a cycle (schedules.leases): the cycle lock is SQLite's
        with exclusive(store, "cycle"):
            result = rumour(config, "run", "--once")
        assert result.exit_code == 0 and "1 new claims" in result.output, result.output
        return
    with exclusive(store, "cycle"):
        result = rumour(config, "run", "--once")
    assert (result.exit_code, result.output) == (0, "another run is in progress; nothing done\n")
    assert site.hits["/moon"] == 0
    result = rumour(config, "run", "--once", "--json")
    assert result.exit_code == 0, result.output
    outcome = json.loads(result.output)
    assert outcome["new_claims"] == 1
    assert outcome["delivery"] == {
        "sent": 0,
        "posted": 0,
        "alerts": 0,
        "deferred": 0,
        "failed": 0,
        "error": None,
        "waiting": 0,
        "waiting_until": None,
    }
    with exclusive(store, "send"):  # a daemon's sender at work: the cycle runs, sending waits
        outcome = json.loads(rumour(config, "run", "--once", "--json").output)
    assert outcome["delivery"] is None


# --- status -----------------------------------------------------------------------------------


def test_status_shows_the_last_cycle_and_failing_sources(
    tmp_path: Path, database_url: str, site: Site
) -> None:
    extra = (
        '[alerts]\nrecipients = ["desk@example.com"]\nfailing_after = 1\n[alerts.smtp]\nport = 9\n'
    )
    config = write_config(tmp_path / "config.toml", database_url, site, extra)
    result = rumour(config, "status")
    assert result.exit_code == 0 and "last cycle:  never" in result.output
    site.route("/moon", status=500)
    assert rumour(config, "run", "--once").exit_code == 0  # SMTP is down too: still 0
    result = rumour(config, "status", "--json")
    assert result.exit_code == 1  # a failing source needs attention
    state = json.loads(result.output)
    assert state["last_cycle"]["sources"] == {"fetched": 0, "unchanged": 0, "failed": 1}
    assert [(s["source"], s["failures"]) for s in state["failing_sources"]] == [("moon", 1)]
    # The source's failure queued one alert, which waits for the SMTP server to come back.
    assert state["outbox"]["pending"] == 1
    assert "cannot connect to SMTP server localhost:9" in state["outbox"]["last_error"]
    assert "cannot connect" in state["last_send"]["error"]
    listed = json.loads(rumour(config, "alerts", "list", "--json").output)
    assert [(a["kind"], a["subject"]) for a in listed] == [
        ("source_failing", "Source moon is failing (1 failure in a row)")
    ]


# --- the crontab line, as the README writes it ------------------------------------------------


def _readme_block(language: str) -> str:
    match = re.search(rf"```{language}\n(.*?)```", README.read_text(), re.S)
    assert match, f"README has no {language} block"
    return match[1]


def _environment(home: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "RUMOUR_"))}
    return {**keep, "HOME": str(home), "PATH": f"{Path(RUMOUR).parent}:/usr/bin:/bin"}


def test_the_readme_crontab_line_runs_a_cycle(tmp_path: Path, site: Site) -> None:
    (line,) = [ln for ln in _readme_block("crontab").splitlines() if ln.strip()]
    fields = line.split(None, 5)
    assert len(fields) == 6, "five schedule fields and a command"
    command = fields[5].replace(INSTALLED, RUMOUR)
    site.route("/moon", body=ARTICLE)
    home = tmp_path / "home"
    config_dir = home / ".config" / "rumour"
    config_dir.mkdir(parents=True)
    write_config(config_dir / "config.toml", f"sqlite:///{tmp_path / 'rumour.db'}", site)
    done = subprocess.run(["/bin/sh", "-c", command], env=_environment(home), timeout=120)
    assert done.returncode == 0
    log = (home / "rumour-cron.log").read_text()
    assert "1 sources: 1 fetched" in log and "1 new claims" in log


# --- the daemon -------------------------------------------------------------------------------


def _start_daemon(argv: list[str], home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(argv, env=_environment(home), stderr=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip


def _read_until(process: subprocess.Popen[str], pattern: str, count: int = 1,
                timeout: float = 60.0) -> list[str]:  # fmt: skip
    """Stderr lines up to the ``count``-th matching ``pattern``."""
    assert process.stderr is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while sum(bool(re.search(pattern, ln)) for ln in lines) < count:
        assert time.monotonic() < deadline, f"no {pattern!r} in time: {lines}"
        line = process.stderr.readline()
        assert line or process.poll() is None, f"daemon exited: {lines}"
        lines.append(line)
    return lines


def _stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    try:
        _, rest = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return process.returncode, rest


def test_the_daemon_runs_cycles_on_schedule_and_stops_cleanly_on_sigterm(
    tmp_path: Path, site: Site
) -> None:
    site.route("/moon", body=ARTICLE)
    config = write_config(tmp_path / "config.toml", f"sqlite:///{tmp_path / 'rumour.db'}", site)
    process = _start_daemon([RUMOUR, "--config", str(config), "daemon", "--tick", "1"], tmp_path)
    try:
        lines = _read_until(process, r"INFO schedules\.jobs: cycle: ", count=3)
    finally:
        code, rest = _stop(process)
    beats = [ln for ln in lines if "cycle: " in ln]
    assert "1 sources: 1 fetched" in beats[0] and "1 new claims" in beats[0]
    assert "0 sources" in beats[1] and "outbox: 0 pending" in beats[1]  # not due again for 30m
    assert site.hits["/moon"] == 1
    assert code == 0, rest
    assert "received SIGTERM: stopping" in rest and "daemon stopped" in rest


def test_the_readme_systemd_unit_starts_the_daemon_and_stops_it_in_time(
    tmp_path: Path, site: Site
) -> None:
    unit = _readme_block("ini")
    service = dict(
        ln.split("=", 1) for ln in unit.splitlines() if "=" in ln and not ln.startswith("#")
    )
    assert service["KillSignal"] == "SIGTERM"
    default_timeout = next(p.default for p in daemon_command.params if p.name == "shutdown_timeout")
    assert float(service["TimeoutStopSec"]) > default_timeout
    site.route("/moon", body=ARTICLE)
    config = write_config(tmp_path / "config.toml", f"sqlite:///{tmp_path / 'rumour.db'}", site)
    argv = (
        service["ExecStart"]
        .replace(INSTALLED, RUMOUR)
        .replace("/etc/rumour/config.toml", str(config))
        .split()
    )
    process = _start_daemon(argv, tmp_path)
    try:
        _read_until(process, r"cycle: 1 sources: 1 fetched")
    finally:
        code, rest = _stop(process)
    assert code == 0, rest


def test_daemon_jobs_never_overlap_and_coalesce_missed_runs(tmp_path: Path, store: Store) -> None:
    config, _ = load_config(write_config(tmp_path / "config.toml", "sqlite://"))
    daemon = Daemon(store, config, lambda s: config_registry(s, config), tick=60)
    daemon.schedule()
    jobs = {job.id: job for job in daemon.scheduler.get_jobs()}
    assert set(jobs) == {"cycle", "send", "digest"}
    for job in jobs.values():
        assert (job.max_instances, job.coalesce, job.misfire_grace_time) == (1, True, None)
    assert str(jobs["digest"].trigger) == "cron[hour='8', minute='0']"


def test_a_stopped_cycle_writes_nothing_and_leaves_its_sources_due(
    tmp_path: Path, site: Site, store: Store
) -> None:
    site.route("/moon", body=ARTICLE)
    config, _ = load_config(write_config(tmp_path / "config.toml", "sqlite://", site))
    stop = threading.Event()
    stop.set()
    registry = partial(config_registry, config=config)
    now = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
    report = run_cycle(store, config, registry, now=now, stop=stop)
    assert report.stopped and report.sources == []
    report = run_cycle(store, config, registry, now=now)
    assert report.count("fetched") == 1 and report.total("new_claims") == 1


# --- killed between the change and the email ----------------------------------------------------

KILLED_RUN = """
import os, signal, sys
from functools import partial
from schedules.app import config_registry
from schedules.demo import DemoSite, demo_config, FIRST_CYCLE, SECOND_CYCLE
from schedules.jobs import cycle_job
from verifier.store import open_store
from pathlib import Path
directory = Path(sys.argv[1])
site = DemoSite()
with site.running():
    config = demo_config(site.base, directory)
    store = open_store(config.database.url)
    registry = partial(config_registry, config=config)
    cycle_job(store, config, registry, now=FIRST_CYCLE)
    site.announce()
    report = cycle_job(store, config, registry, now=SECOND_CYCLE)
    print(report.alerts, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # before anything is sent
"""


def test_alerts_of_a_run_killed_before_sending_go_out_after_restart_once(
    tmp_path: Path, mail: MailServer
) -> None:
    done = subprocess.run([sys.executable, "-c", KILLED_RUN, str(tmp_path)], capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == -signal.SIGKILL, done.stderr
    queued = int(done.stdout.strip())
    assert queued >= 2
    from schedules.demo import demo_config

    config = demo_config("http://127.0.0.1:9", tmp_path)
    config = config.model_copy(update={"alerts": config.alerts.model_copy(update={
        "smtp": config.alerts.smtp.model_copy(update=mail.smtp_config())})})  # fmt: skip
    store = open_store(config.database.url or "")
    try:
        report = send_due(store, config)
        assert (report.sent, report.alerts) == (queued, queued)
        assert send_due(store, config).sent == 0
    finally:
        store.close()
    subjects = [m["Subject"] for m in mail.messages]
    assert len(subjects) == queued == len(set(subjects))
    assert 'All of Us Are Dead S2: "December 2026" rumour is now CONTRADICTED' in subjects


def test_status_flags_a_source_overdue_when_no_cycle_has_run_for_a_while(
    tmp_path: Path, database_url: str, site: Site
) -> None:
    site.route("/moon", body=ARTICLE)
    config = write_config(tmp_path / "config.toml", database_url, site)
    start = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        assert rumour(config, "run", "--once").exit_code == 0
    with time_machine.travel(start + dt.timedelta(minutes=40), tick=False):
        result = rumour(config, "status")
    assert result.exit_code == 0, result.output  # due at 08:30 (plus jitter): not yet overdue
    with time_machine.travel(start + dt.timedelta(hours=2), tick=False):
        result = rumour(config, "status")
    assert result.exit_code == 1
    assert "last cycle:  2026-11-24 08:00 UTC (2 h 0 min ago)" in result.output
    assert re.search(
        r"overdue:     1 source\(s\)\n  moon: due since 2026-11-24 08:3\d UTC", result.output
    )


def test_sigterm_during_a_slow_fetch_stops_at_once_and_leaves_the_source_due(
    tmp_path: Path, site: Site
) -> None:
    site.route("/moon", body=ARTICLE, delay=20.0)
    database = tmp_path / "rumour.db"
    config = write_config(tmp_path / "config.toml", f"sqlite:///{database}", site)
    config.write_text(config.read_text().replace("timeout = 5.0", "timeout = 60.0"))
    process = _start_daemon([RUMOUR, "--config", str(config), "daemon", "--tick", "1"], tmp_path)
    try:
        _read_until(process, "daemon started")
        deadline = time.monotonic() + 30
        while not site.hits["/moon"]:
            assert time.monotonic() < deadline, "the daemon never fetched"
            time.sleep(0.05)
        began = time.monotonic()
    finally:
        code, rest = _stop(process)
    assert code == 0, rest
    assert time.monotonic() - began < 10, "stopping waited for the slow fetch"
    assert "stopped early" in rest and "daemon stopped" in rest
    store = open_store(f"sqlite:///{database}")
    try:
        with store.transaction() as session:
            due = gather_status(session, dt.datetime.now(dt.UTC))
            assert due.failing == [] and due.cycle["sources"]["fetched"] == 0
    finally:
        store.close()
