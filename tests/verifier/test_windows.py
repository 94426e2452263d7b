from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifier import dates
from verifier.dates import find_dates, last_word, parse_window
from verifier.windows import Window

DATA = Path(__file__).parent / "data" / "windows.tsv"


def _rows() -> list[list[str]]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def _date(text: str) -> dt.date | None:
    return None if text == "-" else dt.date.fromisoformat(text)


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row[0])
def test_phrase_to_window(row: list[str]) -> None:
    phrase, published, tense, start, end, granularity, value = row
    window = parse_window(phrase, _date(published), past=tense == "past")
    assert window == Window(_date(start), _date(end), granularity, value)


def test_a_quarter_under_a_slate_year_takes_the_slate_year() -> None:
    window = parse_window("the fourth quarter", dt.date(2025, 12, 1), slate_year=2026)
    assert window == Window.quarter(2026, 4)


@pytest.mark.parametrize(
    "text",
    ["She may be right", "They march on", "10 months of filming", "a 2-1 win", "1,200 fans",
     "version 2.0", "Season 2024-25", "call 555-2026", "THE MARA QUILL SERIES",
     "A NEW MARKET", "Decent DECKS", "a 1990s classic", "THE 2010S",
     "the second half of the season", "THE FIRST QUARTER OF THE STORY"],
)  # fmt: skip
def test_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, dt.date(2026, 1, 1)) == []


@pytest.mark.parametrize(
    "value",
    ["2026-12-26", "2026-12", "2026-Q4", "2026-H1", "2026-SU", "2027-EARLY", "2027", "2027..",
     "2026-SU-EARLY", "2026-02-MID", "2026-09/2026-10"],
)  # fmt: skip
def test_window_values_read_back_to_the_same_window(value: str) -> None:
    assert Window.from_value(value).value == value


def test_a_deadline_value_starts_at_the_given_date() -> None:
    window = Window.from_value("..2026-03", since=dt.date(2025, 12, 1))
    assert (window.start, window.end) == (dt.date(2025, 12, 1), dt.date(2026, 3, 31))


@pytest.mark.parametrize("value", ["", "2026-13", "2026-Q5", "soon", "26-12"])
def test_bad_window_values_are_refused_with_the_expected_forms(value: str) -> None:
    with pytest.raises(ValueError, match=r"expected e\.g\."):
        Window.from_value(value)


@given(st.text(max_size=300), st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1)), st.booleans())
def test_any_text_gives_windows_that_start_before_they_end(
    text: str, published: dt.date, past: bool
) -> None:
    for mention in find_dates(text, published, past=past):
        window = mention.window
        assert window.start is None or window.end is None or window.start <= window.end


@given(
    st.lists(
        st.sampled_from(["in", "by", "late", "early", "March", "Q3", "summer", "2027", "or",
                         "next year", "the fourth quarter", "14", ",", "not until", "mid-"]),
        max_size=30,
    ),
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1)),
)  # fmt: skip
def test_date_words_in_any_order_never_crash(words: list[str], published: dt.date) -> None:
    for mention in find_dates(" ".join(words), published):
        window = mention.window
        assert window.start is None or window.end is None or window.start <= window.end


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2026-12", "December 2026"),
        ("2026-12-26", "26 December 2026"),
        ("2026-Q4", "Q4 2026"),
        ("2026-SU", "summer 2026"),
        ("2027-EARLY", "early 2027"),
        ("2026-END", "end of 2026"),
        ("2026-12-LATE", "late December 2026"),
        ("..2026-03", "by March 2026"),
        ("2027..", "2027 or later"),
        ("2026-10/2026-11", "October 2026 to November 2026"),
    ],
)
def test_every_window_value_reads_as_words(value: str, words: str) -> None:
    assert Window.from_value(value).describe() == words


_MODIFIERS = ["not until", "no earlier than", "not before", "won't be out before", "never until",
              "at the earliest in", "sometime in", "some time during", "at some point in", "by",
              "no later than", "before", "prior to", "ahead of", "BY", "at the earliest İN", "ſometime in"]  # fmt: skip


@given(st.lists(st.sampled_from(["x", " ", "the", ",", "(", "-", "\n", "not", "in"]), max_size=5))
def test_a_modifier_before_a_phrase_ends_with_one_of_its_last_words(lead: list[str]) -> None:
    for modifier in _MODIFIERS:
        for gap in (" ", "  ", " the ", "\n", "", "-", " ("):
            text = "".join(lead) + " " + modifier + gap + "2027"
            start = len(text) - 4
            for name, pattern in (("sometime", dates._SOMETIME_BEFORE),
                                  ("open", dates._OPEN_BEFORE),
                                  ("deadline", dates._DEADLINE_BEFORE)):  # fmt: skip
                if pattern.search(text, max(0, start - 80), start):
                    assert last_word(text, start) in dates._LAST_WORDS[name], (name, text)
