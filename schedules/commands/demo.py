"""``rumour demo``: two cycles over a simulated site, offline, in a fresh SQLite database."""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import click

from schedules.app import config_registry, echo_table, season_text, shorten
from schedules.config import RumourConfig
from schedules.cycle import CycleReport, run_cycle
from schedules.demo import FIRST_CYCLE, SECOND_CYCLE, DemoSite, Mailbox, demo_config
from schedules.report import build_report
from schedules.sender import send_due
from verifier.store import Store, open_store
from verifier.store.reports import list_claims


def _verdicts(store: Store) -> None:
    with store.transaction() as session:
        views = list_claims(session)
    echo_table(
        ["title", "season", "claim", "stance", "verdict", "why"],
        [
            [v.title, season_text(v.season, v.part), v.window.describe(), v.stance,
             v.verdict.label if v.verdict else "-", v.explain()]
            for v in sorted(views, key=lambda v: (v.title, v.season or 0, v.window.value))
        ],
    )  # fmt: skip


def _emails(store: Store, config: RumourConfig, report: CycleReport) -> None:
    mailbox = Mailbox()
    sent = send_due(store, config, now=SECOND_CYCLE, transport=mailbox)
    click.echo(f"\n3. The alerts it queued, sent ({sent.summary()}):\n")
    for message in mailbox.messages:
        click.echo(f"   To: {message['To']}  Subject: {message['Subject']}")
    # the seed scenario's rumour, contradicted, is the change the demo shows in full
    changes = [m for m in mailbox.messages if "is now" in str(m["Subject"])]
    change = next((m for m in changes if "CONTRADICTED" in str(m["Subject"])), None)
    change = change or (changes[0] if changes else None)
    if change is None:
        return
    click.echo("\n   The verdict change email (its plain-text part; an HTML part goes with it):\n")
    for header in ("From", "To", "Subject", "Message-ID"):
        click.echo(f"   {header}: {change[header]}")
    body = change.get_body(("plain",))
    text = body.get_content() if body is not None else ""
    click.echo("")
    for line in text.rstrip().splitlines():
        click.echo(f"   | {line}".rstrip())


def _report(report: CycleReport) -> None:
    click.echo(f"   {report.summary()}")
    for outcome in report.sources:
        if outcome.error:
            click.echo(f"   failed: {outcome.name}: {outcome.error}")


def _site(store: Store, keep: Path | None) -> None:
    """The static report of what the demo stored, kept after the demo ends."""
    directory = keep / "report" if keep else Path(tempfile.mkdtemp(prefix="rumour-demo-report-"))
    with store.transaction() as session:
        written = build_report(session, directory, now=SECOND_CYCLE)
    click.echo(f"\n4. The report (`rumour report --output DIR`), a static site to open in a "
               f"browser: {written.titles} titles, {written.claims} claims, a timeline each:\n"
               f"   {written.index.resolve().as_uri()}")  # fmt: skip


@click.command("demo")
@click.option("--keep", type=click.Path(path_type=Path, file_okay=False),
              help="Keep the demo database in this directory to explore it afterwards.")  # fmt: skip
def demo(keep: Path | None) -> None:
    """Run the whole job offline on a small simulated site (about ten seconds)."""
    with tempfile.TemporaryDirectory(prefix="rumour-demo-") as scratch:
        directory = keep or Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "rumour.db").unlink(missing_ok=True)
        site = DemoSite()
        with site.running():
            config = demo_config(site.base, directory)
            store = open_store(config.database.url or "")
            registry = partial(config_registry, config=config)
            try:
                click.echo(f"1. A simulated site at {site.base}: a news feed with four articles "
                           "(one in Korean, under the title's Korean name), a streamer's complete "
                           "2026 Korean series line-up, and its newsroom.")  # fmt: skip
                click.echo(
                    f"   First cycle ({FIRST_CYCLE:%Y-%m-%d}) into {directory / 'rumour.db'}:"
                )
                _report(run_cycle(store, config, registry, now=FIRST_CYCLE))
                click.echo("\n   Claims found in the news, and their verdicts:\n")
                _verdicts(store)

                site.announce()
                click.echo("\n2. The newsroom announces: All of Us Are Dead season 2 will premiere "
                           "on February 12, 2027.")  # fmt: skip
                click.echo(f"   Second cycle ({SECOND_CYCLE:%Y-%m-%d}):")
                report = run_cycle(store, config, registry, now=SECOND_CYCLE)
                _report(report)
                click.echo("\n   Verdicts that changed:\n")
                with store.transaction() as session:
                    views = {v.id: v for v in list_claims(session)}
                for title, change in report.changes:
                    view = views[change.statement_id]
                    evidence = change.decision.evidence[0] if change.decision.evidence else {}
                    click.echo(f"   {title} {season_text(view.season)}: \"{view.window.describe()}\" "
                               f"{view.stance}: {change.old_label} → {change.decision.label.upper()}")  # fmt: skip
                    click.echo(f"     why: {change.decision.explain()}")
                    click.echo(f"     quote: {shorten(view.quote, 100)}")
                    if evidence:
                        click.echo(f"     evidence: {evidence['window']['value']} at {evidence['url']}, "
                                   f"announced {evidence['announced'] or 'undated'}")  # fmt: skip
                _emails(store, config, report)
                _site(store, keep)
            finally:
                store.close()
        if keep:
            click.echo(f"\nExplore: rumour --database sqlite:///{directory / 'rumour.db'} verdicts")
