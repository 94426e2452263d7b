"""``rumour feed``: the Atom feed of verdict changes and the iCalendar file of official dates,
read back with feedparser and icalendar as a feed reader and a calendar would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result
from icalendar import Calendar

from schedules.cli import cli
from verifier.store import open_store
from verifier.store.repository import StatementSpec, TitleRegistry
from verifier.store.verification import record_and_reverify
from verifier.windows import Window


@pytest.fixture
def workdir(tmp_path: Path, database_url: str) -> Path:
    (tmp_path / "config.toml").write_text(f'[database]\nurl = "{database_url}"\n')
    return tmp_path


def rumour(workdir: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--config", str(workdir / "config.toml"), *args])
    assert result.exit_code == 0, result.output
    return result


def _claim(database_url: str, title: str, season: int, value: str) -> None:
    store = open_store(database_url)
    try:
        with store.transaction() as session:
            quote = f"Insiders say {title} season {season} arrives in {value}."
            record_and_reverify(session, TitleRegistry(session), [
                StatementSpec(title, season, Window.from_value(value), "rumour",
                              quotes=({"text": quote, "start": 0, "end": len(quote), "field": "text"},),
                              source_url="https://news.example/story", announced=dt.date(2026, 3, 1))
            ], role="claim")  # fmt: skip
    finally:
        store.close()


def _official(workdir: Path, name: str, rows: str) -> None:
    path = workdir / name
    path.write_text("title,season,window,announced,source_url\n" + rows)
    rumour(workdir, "official", "import", str(path))


def test_the_atom_feed_has_each_label_change_once_newest_first(
    workdir: Path, database_url: str
) -> None:
    _claim(database_url, "Moon Court", 2, "2026-12")
    _official(workdir, "a.csv", "Moon Court,2,2027-03,2026-06-01,https://streamer.example/a\n")
    _official(
        workdir, "b.csv", "Moon Court,2,2027-04,2026-07-01,https://streamer.example/b\n"
    )  # same label
    first = feedparser.parse(rumour(workdir, "feed", "--format", "atom").stdout)
    assert not first.bozo, first.bozo_exception
    titles = [e.title for e in first.entries]
    assert titles == [
        "Moon Court season 2 will be released in December 2026: CONTRADICTED (was unsupported)",
        "Moon Court season 2 will be released in December 2026: UNSUPPORTED (first verdict)",
    ]
    assert first.entries[0].link == "https://news.example/story"
    assert "official" in first.entries[0].summary
    out = workdir / "verdicts.atom"
    rumour(workdir, "feed", "--format", "atom", "--output", str(out))
    again = feedparser.parse(out.read_bytes())
    assert [e.id for e in again.entries] == [e.id for e in first.entries]  # stable ids
    assert len(set(e.id for e in again.entries)) == 2


def test_the_calendar_moves_an_event_in_place_when_the_date_moves(workdir: Path) -> None:
    _official(workdir, "a.csv", "Moon Court,2,2027-03-05,2026-06-01,https://streamer.example/a\n"
                                "Glass Orchard,1,2027-Q2,2026-06-01,https://streamer.example/a\n")  # fmt: skip
    before = Calendar.from_ical(rumour(workdir, "feed", "--format", "ics").stdout)
    events = {str(e["summary"]): e for e in before.walk("VEVENT")}
    moon = events["Moon Court season 2: 5 March 2027 (official)"]
    assert moon.decoded("dtstart") == dt.date(2027, 3, 5)
    assert moon.decoded("dtend") == dt.date(2027, 3, 6)  # all-day, the day after
    orchard = events["Glass Orchard season 1: Q2 2027 (official)"]
    assert (orchard.decoded("dtstart"), orchard.decoded("dtend")) == (
        dt.date(2027, 4, 1), dt.date(2027, 7, 1))  # fmt: skip
    _official(workdir, "b.csv", "Moon Court,2,2027-04-09,2026-08-01,https://streamer.example/b\n")
    after = Calendar.from_ical(rumour(workdir, "feed", "--format", "ics").stdout)
    moved = [e for e in after.walk("VEVENT") if e["uid"] == moon["uid"]]
    assert len(moved) == 1
    assert moved[0].decoded("dtstart") == dt.date(2027, 4, 9)
    assert int(moved[0]["sequence"]) == int(moon["sequence"]) + 1
    assert "earlier 2027-03-05" in str(moved[0]["description"])
    assert len(list(after.walk("VEVENT"))) == 2
