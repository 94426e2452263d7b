"""``rumour official``, ``verdicts``, ``claims``, ``verify``, ``export`` and ``check``'s verdicts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from schedules.cli import cli
from verifier.store import open_store
from verifier.store.repository import StatementSpec, TitleRegistry
from verifier.store.verification import record_and_reverify
from verifier.windows import Window

OFFICIAL_CSV = """title,season,window,source_url,announced
Gentle Rain,1,2026-05,https://streamer.example/2026,2026-01-20
Night Harbor,2,2026-Q4,https://streamer.example/2026,2026-01-20
"""


@pytest.fixture
def workdir(tmp_path: Path, database_url: str) -> Path:
    (tmp_path / "config.toml").write_text(
        f'[database]\nurl = "{database_url}"\n\n'
        '[[titles]]\nname = "All of Us Are Dead"\naliases = ["지금 우리 학교는"]\n'
        'scopes = ["Korean series"]\n'
    )
    return tmp_path


def rumour(workdir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--config", str(workdir / "config.toml"), *args])


def _write(workdir: Path, name: str, text: str) -> str:
    path = workdir / name
    path.write_text(text, "utf-8")
    return str(path)


def _officials(workdir: Path) -> list[dict[str, object]]:
    result = rumour(workdir, "official", "list", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _add_claims(database_url: str, *specs: tuple[str, int | None, str]) -> None:
    store = open_store(database_url)
    try:
        with store.transaction() as session:
            registry = TitleRegistry(session)
            record_and_reverify(
                session, registry,
                [StatementSpec(title, season, Window.from_value(value), "rumour",
                               quotes=({"text": f"{title} is coming in {value}", "start": 0,
                                        "end": 10, "field": "text"},),
                               source_url="https://news.example/story", announced=dt.date(2026, 3, 1))
                 for title, season, value in specs],
                role="claim",
            )  # fmt: skip
    finally:
        store.close()


def test_import_reports_every_bad_row_and_writes_nothing(workdir: Path) -> None:
    path = _write(
        workdir,
        "bad.csv",
        OFFICIAL_CSV + "Moon Court,two,2026-12,,\nPaper Crane,1,2026-13,,2026-02-30\n",
    )
    result = rumour(workdir, "official", "import", path)
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert message.count("\n") == 0
    assert "line 4, column season: 'two' is not a whole number" in message
    assert "line 5, column announced: '2026-02-30' is not a date" in message
    assert "nothing imported" in message
    assert _officials(workdir) == []


def test_import_names_an_unknown_column(workdir: Path) -> None:
    path = _write(workdir, "typo.csv", "title,windw\nGentle Rain,2026-05\n")
    result = rumour(workdir, "official", "import", path)
    assert result.exit_code == 1
    assert "unknown column 'windw'" in result.stderr
    assert "missing column 'window'" in result.stderr


def test_a_bad_window_is_named_with_what_was_expected(workdir: Path) -> None:
    path = _write(workdir, "w.json", json.dumps([{"title": "Gentle Rain", "window": "soon"}]))
    result = rumour(workdir, "official", "import", path)
    assert result.exit_code == 1
    assert "item 1, column window: 'soon' is not a window value (expected e.g." in result.stderr


def test_import_twice_records_once_and_unknown_titles_join_the_catalogue(workdir: Path) -> None:
    path = _write(workdir, "ok.csv", OFFICIAL_CSV)
    first = rumour(workdir, "official", "import", path, "--json")
    second = rumour(workdir, "official", "import", path, "--json")
    assert json.loads(first.stdout)["new"] == 2
    assert json.loads(second.stdout)["new"] == 0
    officials = _officials(workdir)
    assert [(o["title"], o["season"], o["window"]["value"]) for o in officials] == [  # type: ignore[index]
        ("Gentle Rain", 1, "2026-05"),
        ("Night Harbor", 2, "2026-Q4"),
    ]


def test_json_import_declares_a_complete_slate(workdir: Path, database_url: str) -> None:
    _add_claims(database_url, ("All of Us Are Dead", 2, "2026-12"))
    document = {
        "slate": {"year": 2026, "scope": "Korean series", "complete": True,
                  "announced": "2026-01-20"},
        "statements": [
            {"title": "Gentle Rain", "season": 1, "window": "2026-05",
             "source_url": "https://streamer.example/2026"},
        ],
    }  # fmt: skip
    result = rumour(
        workdir, "official", "import", _write(workdir, "slate.json", json.dumps(document))
    )
    assert result.exit_code == 0, result.output
    assert "complete 2026 Korean series slate; 0 verdict(s) changed, 1 with the same label" in (
        result.stdout
    )
    assert "still unsupported, now absent_from_slate (was no_official_date)" in result.stdout
    assert _officials(workdir)[0]["slate"] == "2026 Korean series (complete)"


def test_check_fills_the_verdict_from_official_statements(workdir: Path) -> None:
    rumour(workdir, "official", "import", _write(workdir, "ok.csv", OFFICIAL_CSV))
    article = _write(
        workdir,
        "a.txt",
        "Insiders say Night Harbor season 2 will premiere in November 2026. "
        "Gentle Rain is set to debut in May 2026.",
    )
    result = rumour(workdir, "check", article, "--published", "2026-03-01", "--json")
    assert result.exit_code == 0, result.output
    verdicts = {c["title"]: c["verdict"] for c in json.loads(result.stdout)["claims"]}
    assert verdicts["Gentle Rain"]["label"] == "confirmed"
    assert verdicts["Gentle Rain"]["evidence"][0] == {
        "kind": "announcement",
        "url": "https://streamer.example/2026",
        "quote": None,
        "window": {"start": "2026-05-01", "end": "2026-05-31", "granularity": "month",
                   "value": "2026-05"},
        "announced": "2026-01-20",
        "superseded": False,
    }  # fmt: skip
    assert (verdicts["Night Harbor"]["label"], verdicts["Night Harbor"]["reason"]) == (
        "unsupported",
        "official_wider",
    )


def test_a_delay_shows_in_verdicts_with_history(workdir: Path, database_url: str) -> None:
    _add_claims(database_url, ("지금 우리 학교는", 2, "2026-12"), ("Paper Crane", 1, "2027"))
    rumour(workdir, "official", "import", _write(workdir, "1.csv",
           "title,season,window,announced\nAll of Us Are Dead,2,2026-12-18,2026-06-01\n"))  # fmt: skip
    rumour(workdir, "official", "import", _write(workdir, "2.csv",
           "title,season,window,announced\nAll of Us Are Dead,2,2027-02-05,2026-10-30\n"))  # fmt: skip

    result = rumour(workdir, "verdicts", "--label", "contradicted", "--json", "--history")
    assert result.exit_code == 0, result.output
    (view,) = json.loads(result.stdout)
    assert (view["title"], view["season"]) == ("All of Us Are Dead", 2)
    assert [e["window"]["value"] for e in view["verdict"]["evidence"]] == [
        "2027-02-05",
        "2026-12-18",
    ]
    assert [h["label"] for h in view["history"]] == ["unsupported", "confirmed", "contradicted"]

    table = rumour(workdir, "verdicts", "--title", "paper crane")
    assert "Paper Crane" in table.stdout
    assert "no official date has been announced" in table.stdout
    future = rumour(workdir, "verdicts", "--changed-since", "2999-01-01")
    assert future.stdout.strip() == "no verdicts match"

    claims = rumour(workdir, "claims", "--json")
    assert {c["document"]["url"] for c in json.loads(claims.stdout)} == {
        "https://news.example/story"
    }


def test_export_claimreview_csv_and_json(workdir: Path, database_url: str) -> None:
    _add_claims(database_url, ("All of Us Are Dead", 2, "2026-12"))
    rumour(workdir, "official", "import", _write(workdir, "1.csv",
           "title,season,window,announced,source_url\n"
           "All of Us Are Dead,2,2026-12-18,2026-06-01,https://streamer.example/aouad\n"))  # fmt: skip

    missing = rumour(workdir, "export", "--format", "claimreview")
    assert missing.exit_code == 2
    assert "set [publisher] in the config" in missing.stderr
    with (workdir / "config.toml").open("a") as config:
        config.write('\n[publisher]\nname = "Screen Desk"\nurl = "https://desk.example/checks"\n'
                     'review_url = "https://desk.example/checks/{claim}-{slug}"\n')  # fmt: skip
    (review,) = json.loads(rumour(workdir, "export", "--format", "claimreview").stdout)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert (
        review["claimReviewed"] == "All of Us Are Dead season 2 will be released in December 2026"
    )
    assert review["itemReviewed"]["appearance"][0]["url"] == "https://news.example/story"
    assert review["itemReviewed"]["datePublished"] == "2026-03-01"
    assert review["reviewRating"]["alternateName"] == "Confirmed"
    assert review["url"] == "https://desk.example/checks/1-all-of-us-are-dead"
    assert review["isBasedOn"] == "https://streamer.example/aouad"
    assert dt.date.fromisoformat(review["datePublished"])
    _holds_the_fact_check_fields(review)

    rows = list(csv.DictReader(io.StringIO(rumour(workdir, "export", "--format", "csv").stdout)))
    assert [(r["title"], r["window"], r["label"], r["evidence_window"]) for r in rows] == [
        ("All of Us Are Dead", "2026-12", "confirmed", "2026-12-18")
    ]
    out = workdir / "claims.json"
    result = rumour(workdir, "export", "--format", "json", "--output", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text())[0]["verdict"]["reason"] == "official_within_claim"


def _holds_the_fact_check_fields(review: dict[str, Any]) -> None:
    """The fields fact-check markup requires and recommends (schema.org ClaimReview as search
    engines read it), each of the type it must be."""
    assert review["@type"] == "ClaimReview" and review["@context"] == "https://schema.org"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    assert re.fullmatch(r"https?://[^\s]+", review["url"])  # the review's own page
    assert dt.date.fromisoformat(review["datePublished"])
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert isinstance(rating["alternateName"], str) and isinstance(rating["name"], str)
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    author = review["author"]
    assert author["@type"] in ("Organization", "Person") and author["name"]
    assert re.fullmatch(r"https?://[^\s]+", author["url"])
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"]["@type"] in ("Organization", "Person") and claim["author"]["name"]
    assert re.fullmatch(r"https?://[^\s]+/", claim["author"]["url"])
    assert dt.date.fromisoformat(claim["datePublished"])
    for appearance in [*claim["appearance"], claim["firstAppearance"]]:
        assert appearance["@type"] == "CreativeWork" and appearance["url"].startswith("http")


def test_a_claimreview_without_a_review_page_template_points_into_the_publishers_page(
    workdir: Path, database_url: str
) -> None:
    _add_claims(database_url, ("Paper Crane", 1, "2027"))
    with (workdir / "config.toml").open("a") as config:
        config.write('\n[publisher]\nname = "Screen Desk"\nurl = "https://desk.example/checks"\n')
    result = rumour(workdir, "export", "--author", "Night Desk")
    (review,) = json.loads(result.stdout)
    assert review["url"] == "https://desk.example/checks#claim-1"
    assert review["author"] == {"@type": "Organization", "name": "Night Desk",
                                "url": "https://desk.example/checks"}  # fmt: skip
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "news.example",
                                                "url": "https://news.example/"}  # fmt: skip
    assert "isBasedOn" not in review  # no official evidence yet
    _holds_the_fact_check_fields(review)


def test_a_review_url_template_must_hold_the_claim(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[publisher]\nname = "D"\nurl = "https://d.example/"\nreview_url = "https://d.example/x"\n'
    )
    result = CliRunner().invoke(cli, ["--config", str(path), "config", "check"])
    assert result.exit_code == 2
    assert "publisher.review_url: expected a URL template with {claim} in it" in result.stderr


def test_verify_changes_nothing_when_nothing_changed(workdir: Path, database_url: str) -> None:
    _add_claims(database_url, ("Paper Crane", 1, "2027"))
    result = rumour(workdir, "verify", "--json")
    assert json.loads(result.stdout) == {"changed_verdicts": [], "alerts_queued": 0}


def test_an_unknown_title_filter_suggests_close_names(workdir: Path) -> None:
    rumour(workdir, "official", "import", _write(workdir, "ok.csv", OFFICIAL_CSV))
    result = rumour(workdir, "verdicts", "--title", "Night Harbour")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "rumour: error: no title 'Night Harbour' in the database; did you mean 'Night Harbor'?"
    )
    nothing_close = rumour(workdir, "claims", "--title", "Zzyzx")
    assert nothing_close.stderr.strip() == "rumour: error: no title 'Zzyzx' in the database"


def test_a_bom_csv_import_and_new_evidence_that_keeps_the_label_is_no_change(
    workdir: Path, database_url: str
) -> None:
    _add_claims(database_url, ("Moon Court", 2, "2026-12"))
    header = "\ufefftitle,season,window,source_url\n"
    first = rumour(workdir, "official", "import",
                   _write(workdir, "a.csv", header + "Moon Court,2,2027-03,https://streamer.example/a\n"))  # fmt: skip
    assert first.exit_code == 0, first.output
    assert "1 verdict(s) changed" in first.stdout
    assert "unsupported → contradicted (official_disjoint)" in first.stdout
    second = rumour(workdir, "official", "import", "--json",
                    _write(workdir, "b.csv", header + "Moon Court,2,2027-04,https://streamer.example/b\n"))  # fmt: skip
    (row,) = json.loads(second.stdout)["changed_verdicts"]
    assert (row["from"], row["to"], row["label_changed"]) == ("contradicted", "contradicted", False)
    third = rumour(workdir, "official", "import",
                   _write(workdir, "c.csv", header + "Moon Court,2,2027-05,https://streamer.example/c\n"))  # fmt: skip
    assert "0 verdict(s) changed, 1 with the same label" in third.stdout
    assert (
        "claim 1 Moon Court: still contradicted (official_disjoint), new evidence" in third.stdout
    )
    assert "contradicted → contradicted" not in third.stdout


ISO_MOMENT = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})"


def _moments(value: object, key: str = "") -> list[tuple[str, str]]:
    """Every (key, value) in a JSON document whose key names a moment (…_at)."""
    if isinstance(value, dict):
        return [m for k, v in value.items() for m in _moments(v, k)]
    if isinstance(value, list):
        return [m for v in value for m in _moments(v, key)]
    return [(key, value)] if key.endswith("_at") and isinstance(value, str) else []


def test_every_json_timestamp_is_iso_8601_with_its_zone(workdir: Path, database_url: str) -> None:
    _add_claims(database_url, ("Moon Court", 2, "2026-12"))
    added = rumour(workdir, "sources", "add", "desk", "https://news.example/feed.xml",
                   "--kind", "feed", "--database-only")  # fmt: skip
    assert added.exit_code == 0, added.output
    found: list[tuple[str, str]] = []
    for command in (["sources", "list"], ["claims"], ["verdicts", "--history"], ["status"]):
        result = rumour(workdir, *command, "--json")
        found += _moments(json.loads(result.stdout))
    keys = {key for key, _ in found}
    assert {"next_due_at", "decided_at"} <= keys, keys
    for key, value in found:
        assert re.fullmatch(ISO_MOMENT, value), (key, value)


def test_verdicts_history_is_shown_in_the_table_too(workdir: Path, database_url: str) -> None:
    _add_claims(database_url, ("Moon Court", 2, "2026-12"))
    rumour(workdir, "official", "import",
           _write(workdir, "a.csv", "title,season,window\nMoon Court,2,2027-03\n"))  # fmt: skip
    result = rumour(workdir, "verdicts", "--history")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index("claim 1: Moon Court 2 2026-12")
    assert re.match(r"  \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC  unsupported ", lines[at + 1])
    assert re.match(r"  \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC  contradicted ", lines[at + 2])
