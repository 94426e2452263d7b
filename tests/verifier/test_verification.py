"""Titles, statements, slates and verdict history in a real database (every backend)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from verifier.claims import extract_claims
from verifier.store import Store
from verifier.store.models import CurrentVerdict, Statement, Verdict
from verifier.store.repository import SlateSpec, StatementSpec, TitleRegistry, TitleSpec
from verifier.store.verification import record_and_reverify, reverify
from verifier.windows import Window

AS_OF = dt.date(2026, 11, 24)
SLATE_2026 = SlateSpec(2026, "Korean series", complete=True,
                       source_url="https://streamer.example/2026-korean-series",
                       announced=dt.date(2026, 1, 20))  # fmt: skip


def official(
    title: str, season: int | None, value: str, announced: str, **kw: object
) -> StatementSpec:
    return StatementSpec(
        title, season, Window.from_value(value), "official",
        source_url=f"https://streamer.example/{value}", announced=dt.date.fromisoformat(announced),
        **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def claim(title: str, season: int | None, value: str, stance: str = "rumour") -> StatementSpec:
    return StatementSpec(
        title, season, Window.from_value(value), stance,
        quotes=({"text": f"{title} in {value}", "start": 0, "end": 9, "field": "text"},),
        source_url="https://news.example/a", announced=dt.date(2026, 3, 1),
    )  # fmt: skip


# --- titles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The Devil's Plan", "devil’s plan"),
        ("All of Us Are Dead", "ALL OF US ARE DEAD"),
        ("Mission: Cross", "Mission Cross"),
        ("All of Us Are Dead", "지금 우리 학교는"),
        ("Physical: 100", "Physical 100"),
    ],
)
def test_the_same_title_written_differently_is_one_title(
    store: Store, first: str, second: str
) -> None:
    with store.transaction() as session:
        registry = TitleRegistry(session)
        registry.sync([TitleSpec("All of Us Are Dead", aliases=("지금 우리 학교는",))])
        assert registry.resolve(first)[0] == registry.resolve(second)[0]


@pytest.mark.parametrize(
    ("name", "expected_season"),
    [("Sweet Home Season 2", 2), ("Sweet Home: Season Three", 3), ("Sweet Home 2", 2),
     ("Sweet Home S4", 4)],
)  # fmt: skip
def test_a_season_written_into_the_name_is_split_off(
    store: Store, name: str, expected_season: int
) -> None:
    with store.transaction() as session:
        registry = TitleRegistry(session)
        home, _ = registry.resolve("Sweet Home")
        assert registry.resolve(name) == (home, expected_season)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Squid Game", "Squid Game: The Challenge"),
        ("Kingdom", "Kingdom: Ashin of the North"),
        ("The Glory", "Glory Days"),
        ("Black Knight", "The Dark Knight"),
        ("Sweet Home", "Sweet Homes"),
    ],
)
def test_different_titles_with_similar_names_stay_apart(
    store: Store, first: str, second: str
) -> None:
    with store.transaction() as session:
        registry = TitleRegistry(session)
        assert registry.resolve(first)[0] != registry.resolve(second)[0]


def test_a_season_marker_after_an_unknown_name_names_a_season_of_it(store: Store) -> None:
    with store.transaction() as session:
        registry = TitleRegistry(session)
        title_id, season = registry.resolve("Night Harbor: Season 2")
        assert (registry.name(title_id), season) == ("Night Harbor", 2)
        assert registry.resolve("Night Harbor")[0] == title_id


def test_a_number_after_an_unknown_name_is_part_of_the_name(store: Store) -> None:
    with store.transaction() as session:
        registry = TitleRegistry(session)
        title_id, season = registry.resolve("Physical: 100")
        assert season is None
        assert registry.name(title_id) == "Physical: 100"


# --- verdicts and history -------------------------------------------------------------------


def _current(store: Store, title: str) -> list[tuple[int | None, str, str | None, str | None]]:
    with store.transaction() as session:
        title_id, _ = TitleRegistry(session).resolve(title)
        rows = session.execute(
            select(
                Statement.season,
                Statement.window_value,
                CurrentVerdict.label,
                CurrentVerdict.reason,
            )
            .outerjoin(CurrentVerdict, CurrentVerdict.statement_id == Statement.id)
            .where(Statement.role == "claim", Statement.title_id == title_id)
            .order_by(Statement.window_value)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _history_rows(store: Store) -> int:
    with store.transaction() as session:
        return session.scalar(select(func.count()).select_from(Verdict)) or 0


def test_seed_scenario_december_rumour_is_absent_from_the_complete_2026_slate(
    store: Store,
) -> None:
    text = (
        "Rumours online say All of Us Are Dead season 2 will be released on Netflix in "
        "December 2026, though the show will more likely be released sometime in 2027. "
        "First released in January 2022, the zombie drama was a global hit."
    )
    found = extract_claims(text, published=dt.date(2026, 3, 1))
    specs = [
        StatementSpec(c.title, c.season, c.window, c.stance, c.part,
                      tuple(q.as_json() for q in c.quotes), "https://news.example/aouad",
                      dt.date(2026, 3, 1), released=False)
        for c in found
    ]  # fmt: skip
    with store.transaction() as session:
        registry = TitleRegistry(session)
        registry.sync([TitleSpec("All of Us Are Dead", scopes=("Korean series",))])
        record_and_reverify(
            session, registry,
            [official("Gentle Rain", 1, "2026-05", "2026-01-20"),
             official("Night Harbor", 2, "2026-Q4", "2026-01-20")],
            role="official", slate=SLATE_2026, as_of=AS_OF,
        )  # fmt: skip
        record_and_reverify(session, registry, specs, role="claim", as_of=AS_OF)
    assert _current(store, "All of Us Are Dead") == [
        (1, "2022-01", "unsupported", "no_official_date"),
        (2, "2026-12", "unsupported", "absent_from_slate"),
        (2, "2027", "unsupported", "no_official_date"),
    ]


def test_a_slate_does_not_speak_for_titles_outside_its_scope(store: Store) -> None:
    with store.transaction() as session:
        registry = TitleRegistry(session)
        record_and_reverify(session, registry, [official("Gentle Rain", 1, "2026-05", "2026-01-20")],
                            role="official", slate=SLATE_2026, as_of=AS_OF)  # fmt: skip
        record_and_reverify(session, registry, [claim("Harbor Lights", 3, "2026-12")],
                            role="claim", as_of=AS_OF)  # fmt: skip
    assert _current(store, "Harbor Lights") == [(3, "2026-12", "unsupported", "no_official_date")]


def test_a_title_listed_in_an_earlier_slate_of_the_scope_is_in_scope(store: Store) -> None:
    earlier = SlateSpec(2025, "Korean series", complete=True, source_url="https://s.example/2025")
    with store.transaction() as session:
        registry = TitleRegistry(session)
        record_and_reverify(session, registry, [official("Gentle Rain", 1, "2025-05", "2025-01-20")],
                            role="official", slate=earlier, as_of=AS_OF)  # fmt: skip
        record_and_reverify(session, registry, [official("Night Harbor", 1, "2026-Q2", "2026-01-20")],
                            role="official", slate=SLATE_2026, as_of=AS_OF)  # fmt: skip
        record_and_reverify(session, registry, [claim("Gentle Rain", 2, "2026-10")],
                            role="claim", as_of=AS_OF)  # fmt: skip
    assert _current(store, "Gentle Rain") == [(2, "2026-10", "unsupported", "absent_from_slate")]


def test_history_grows_only_when_the_verdict_changes(store: Store) -> None:
    with store.transaction() as session:
        registry = TitleRegistry(session)
        record_and_reverify(session, registry, [claim("Moon Court", 2, "2026-12")],
                            role="claim", as_of=AS_OF)  # fmt: skip
    assert _history_rows(store) == 1
    with store.transaction() as session:
        assert reverify(session, None, as_of=AS_OF) == []
    assert _history_rows(store) == 1

    with store.transaction() as session:
        registry = TitleRegistry(session)
        confirmed = record_and_reverify(
            session, registry, [official("Moon Court", 2, "2026-12-18", "2026-06-01")],
            role="official", as_of=AS_OF,
        )  # fmt: skip
    assert [(c.old_label, c.decision.label) for c in confirmed.changes] == [
        ("unsupported", "confirmed")
    ]
    with store.transaction() as session:
        registry = TitleRegistry(session)
        delayed = record_and_reverify(
            session, registry, [official("Moon Court", 2, "2027-02-05", "2026-10-30")],
            role="official", as_of=AS_OF,
        )  # fmt: skip
    (change,) = delayed.changes
    assert (change.old_label, change.decision.label) == ("confirmed", "contradicted")
    assert [e["window"]["value"] for e in change.decision.evidence] == ["2027-02-05", "2026-12-18"]
    assert _history_rows(store) == 3


@pytest.mark.parametrize("old_sqlite", [False, True], ids=["returning", "sqlite-before-3.35"])
def test_a_full_pass_bigger_than_one_insert_links_each_claim_to_its_own_new_verdict(
    store: Store, old_sqlite: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1,500 claims: past one multi-row INSERT (COPY on PostgreSQL); each change names the
    history row written for its claim, and each claim row carries that row's label."""
    import verifier.store.bulk as bulk

    if old_sqlite:
        if store.engine.dialect.name != "sqlite":
            pytest.skip("the fallback is SQLite's")
        monkeypatch.setattr(bulk, "_SQLITE_RETURNING", False)
    specs = [claim("Moon Court", 2, f"2026-{1 + i % 12:02d}") for i in range(12)]
    specs += [
        StatementSpec(f"Glass Orchard {i}", None, Window.from_value(f"2027-{1 + i % 12:02d}"),
                      "rumour", source_url=f"https://news.example/{i}",
                      announced=dt.date(2026, 3, 1))
        for i in range(1500)
    ]  # fmt: skip
    with store.transaction() as session:
        registry = TitleRegistry(session)
        record_and_reverify(session, registry, [official("Moon Court", 2, "2026-12-18", "2026-06-01")],
                            role="official", as_of=AS_OF)  # fmt: skip
        changes = record_and_reverify(session, registry, specs, role="claim", as_of=AS_OF).changes
    assert len(changes) == len(specs)
    with store.transaction() as session:
        rows = session.execute(
            select(Verdict.id, Verdict.statement_id, Verdict.label, CurrentVerdict.label,
                   CurrentVerdict.verdict_id)
            .join(CurrentVerdict, CurrentVerdict.statement_id == Verdict.statement_id)
        ).all()  # fmt: skip
    by_id = {row[0]: row for row in rows}
    assert len(by_id) == len(specs)
    for change in changes:
        _, statement_id, label, current, current_id = by_id[change.verdict_id]
        assert statement_id == change.statement_id
        assert label == current == change.decision.label
        assert current_id == change.verdict_id
    assert sorted(c.decision.label for c in changes if c.decision.evidence) == (
        ["confirmed"] + ["contradicted"] * 11
    )


def test_the_evidence_carries_the_official_statements_quote_url_and_kind(store: Store) -> None:
    """Read back on the driver's cursor: the first quote's text, the URL, a release."""
    spec = StatementSpec(
        "Moon Court", 2, Window.from_value("2026-12-18"), "official",
        quotes=({"text": "Season 2 arrives December 18.", "start": 0, "end": 29, "field": "text"},),
        source_url="https://streamer.example/moon-court", announced=dt.date(2026, 6, 1),
        released=True,
    )  # fmt: skip
    with store.transaction() as session:
        registry = TitleRegistry(session)
        record_and_reverify(session, registry, [spec], role="official", as_of=AS_OF)
        (change,) = record_and_reverify(
            session, registry, [claim("Moon Court", 2, "2026-12")], role="claim", as_of=AS_OF
        ).changes
    (item,) = change.decision.evidence
    assert (item["quote"], item["url"], item["kind"], item["announced"]) == (
        "Season 2 arrives December 18.", "https://streamer.example/moon-court", "release",
        "2026-06-01",
    )  # fmt: skip
    assert change.decision.label == "confirmed"


def test_new_official_information_reverifies_only_its_title(store: Store) -> None:
    with store.transaction() as session:
        registry = TitleRegistry(session)
        record_and_reverify(
            session, registry,
            [claim("Moon Court", 2, "2026-12"), claim("Paper Crane", 1, "2026-12")],
            role="claim", as_of=AS_OF, now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
        )  # fmt: skip
        record_and_reverify(
            session, registry, [official("Moon Court", 2, "2026-12-18", "2026-06-01")],
            role="official", as_of=AS_OF, now=dt.datetime(2026, 11, 2, tzinfo=dt.UTC),
        )  # fmt: skip
        stamps = {
            row.title_id: row.decided_at
            for row in session.execute(
                select(Statement.title_id, CurrentVerdict.decided_at)
                .join(CurrentVerdict, CurrentVerdict.statement_id == Statement.id)
                .where(Statement.role == "claim")
            )
        }
        paper_crane, _ = registry.resolve("Paper Crane")
    # Paper Crane's claim was not decided again: its verdict keeps the first timestamp.
    assert stamps[paper_crane] is not None
    assert stamps[paper_crane].replace(tzinfo=dt.UTC).day == 1
    assert _current(store, "Moon Court") == [(2, "2026-12", "confirmed", "official_within_claim")]
    assert _current(store, "Paper Crane") == [(1, "2026-12", "unsupported", "no_official_date")]
    assert _history_rows(store) == 3


def test_recording_the_same_statements_twice_adds_nothing(store: Store) -> None:
    rows = [
        official("Moon Court", 2, "2026-12-18", "2026-06-01"),
        claim("Moon Court", 2, "2026-12"),
    ]
    for _ in range(2):
        with store.transaction() as session:
            registry = TitleRegistry(session)
            record_and_reverify(session, registry, rows[:1], role="official", as_of=AS_OF)
            record_and_reverify(session, registry, rows[1:], role="claim", as_of=AS_OF)
    with store.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Statement)) == 2
    assert _history_rows(store) == 1


def test_a_title_named_only_by_its_alias_gets_the_verdict(store: Store) -> None:
    with store.transaction() as session:
        registry = TitleRegistry(session)
        registry.sync([TitleSpec("All of Us Are Dead", aliases=("지금 우리 학교는",))])
        record_and_reverify(session, registry, [official("지금 우리 학교는", 2, "2027-01-29", "2026-11-01")],
                            role="official", as_of=AS_OF)  # fmt: skip
        record_and_reverify(session, registry, [claim("All of Us Are Dead", 2, "2027-Q1")],
                            role="claim", as_of=AS_OF)  # fmt: skip
    assert _current(store, "All of Us Are Dead") == [
        (2, "2027-Q1", "confirmed", "official_within_claim")
    ]


def test_a_title_recorded_under_a_name_config_later_aliases_is_merged(store: Store) -> None:
    with store.transaction() as session:
        registry = TitleRegistry(session)
        record_and_reverify(session, registry, [claim("지금 우리 학교는", 2, "2027-Q1")],
                            role="claim", as_of=AS_OF)  # fmt: skip
        record_and_reverify(session, registry, [official("All of Us Are Dead", 2, "2027-01-29", "2026-11-01")],
                            role="official", as_of=AS_OF)  # fmt: skip
    with store.transaction() as session:
        registry = TitleRegistry(session)
        merged = registry.sync([TitleSpec("All of Us Are Dead", aliases=("지금 우리 학교는",))])
        changes = reverify(session, merged, as_of=AS_OF)
        assert registry.find("지금 우리 학교는") == registry.find("All of Us Are Dead")
    assert [(c.old_label, c.decision.label) for c in changes] == [("unsupported", "confirmed")]
    assert _current(store, "All of Us Are Dead") == [
        (2, "2027-Q1", "confirmed", "official_within_claim")
    ]


def test_a_korean_claim_is_verified_against_the_english_official_date(store: Store) -> None:
    """A claim read from Korean text ('지금 우리 학교는' 시즌2) and an English official statement
    (All of Us Are Dead season 2) are one title through the config's alias."""
    text = "넷플릭스 관계자에 따르면 '지금 우리 학교는' 시즌2는 내년 1분기 공개될 예정이다."
    found = extract_claims(text, published=dt.date(2026, 11, 1))
    assert [(c.title, c.season, c.window.value, c.stance) for c in found] == [
        ("지금 우리 학교는", 2, "2027-Q1", "rumour")
    ]
    specs = [
        StatementSpec(c.title, c.season, c.window, c.stance, c.part,
                      tuple(q.as_json() for q in c.quotes), "https://news.example/ko",
                      dt.date(2026, 11, 1), released=False)
        for c in found
    ]  # fmt: skip
    with store.transaction() as session:
        registry = TitleRegistry(session)
        registry.sync([TitleSpec("All of Us Are Dead", aliases=("지금 우리 학교는",))])
        record_and_reverify(session, registry, [official("All of Us Are Dead", 2, "2027-01-29", "2026-11-10")],
                            role="official", as_of=AS_OF)  # fmt: skip
        record_and_reverify(session, registry, specs, role="claim", as_of=AS_OF)
    assert _current(store, "All of Us Are Dead") == [
        (2, "2027-Q1", "confirmed", "official_within_claim")
    ]


def test_the_fast_encoding_is_the_digest_and_the_json_of_the_evidence() -> None:
    import json

    from verifier.store.verification import _Encoder, digest
    from verifier.verdicts import Decision, Official, Slate, decide

    official = Official(Window.from_value("2027-02-12"), "https://s.example/a", 'said "x"',
                        dt.date(2026, 11, 23), False, 4)  # fmt: skip
    later = Official(Window.from_value("2027-03"), None, None, None, False, 5)
    slate = Slate(2026, "Korean series", "https://s.example/slate", dt.date(2026, 1, 5), True)
    decisions = [
        decide(Window.from_value("2027-02"), [official, later], ()),
        decide(Window.from_value("2026-12"), [], [slate]),
        decide(Window.from_value("2027.."), [], ()),
        Decision("confirmed", "odd", ({"kind": "other", "n": 1},)),
    ]
    encoder = _Encoder()
    for decision in decisions * 2:  # the second time, from the encoder's memory
        assert encoder.encode(decision) == (
            digest(decision),
            json.dumps(list(decision.evidence), sort_keys=True, default=str),
        )
