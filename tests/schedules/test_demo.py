"""`rumour demo`, the README's first command: offline, end to end, in a fresh database."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from schedules.cli import cli


def test_demo_shows_the_seed_scenario_and_the_verdict_change(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--keep", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "0 failed" in out
    first, second = out.split("2. The newsroom announces", 1)
    assert (
        "All of Us Are Dead  2       December 2026  rumour       unsupported  absent from the official 2026 Korean series slate"
        in first
    )
    assert "2027-02" not in first
    assert '"December 2026" rumour: unsupported → CONTRADICTED' in second
    assert '"2027" speculation: unsupported → CONFIRMED' in second
    assert "March 2031" not in out  # the sidebar's date is no claim
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
