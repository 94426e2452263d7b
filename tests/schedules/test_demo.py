"""`rumour demo`, the README's first command: offline, end to end, in a fresh database."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from schedules.cli import cli


def test_demo_shows_the_seed_scenario_and_the_verdict_change(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--keep", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "0 failed" in out
    first, second = out.split("2. The newsroom announces", 1)
    row = r"All of Us Are Dead\s+2\s+December 2026\s+rumour\s+unsupported\s+absent from the official 2026 Korean series slate"
    assert re.search(row, first), first  # the table's columns are as wide as their longest cell
    assert "2027-02" not in first
    assert '"December 2026" rumour: unsupported → CONTRADICTED' in second
    assert '"2027" speculation: unsupported → CONFIRMED' in second
    assert "March 2031" not in out  # the sidebar's date is no claim
    # the Korean article's claim, under the title's Korean name, verified by the English date
    assert re.search(r"All of Us Are Dead\s+2\s+February 2027\s+rumour\s+unsupported", first), first
    assert '"February 2027" rumour: unsupported → CONFIRMED' in second
    assert "'지금 우리 학교는' 시즌2" in second
    _, emails = second.split("3. The alerts it queued, sent (4 emails sent (4 alerts))", 1)
    assert (
        'To: desk@newsroom.example  Subject: All of Us Are Dead S2: "December 2026" rumour is now CONTRADICTED'
        in emails
    )
    assert "Subject: All of Us Are Dead S2: official date 12 February 2027" in emails
    assert "| Was:        UNSUPPORTED: absent from the official 2026 Korean series slate" in emails
    assert (
        "|   2026-11-20 08:00  UNSUPPORTED" in emails
    )  # the claim's history, at the cycles' times
    assert (tmp_path / "rumour.db").exists()

    again = CliRunner().invoke(
        cli,
        [
            "--database",
            f"sqlite:///{tmp_path / 'rumour.db'}",
            "verdicts",
            "--label",
            "contradicted",
        ],
    )
    assert "All of Us Are Dead" in again.stdout
