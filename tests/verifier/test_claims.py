from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from verifier.claims import extract_claims, may_hold_date
from verifier.phrases import date_phrases
from verifier.titles import Catalogue, find_seasons

CASES = tomllib.loads((Path(__file__).parent / "data" / "claims.toml").read_text("utf-8"))["case"]


def _summary(claim: Any) -> str:
    season = "-" if claim.season is None else str(claim.season)
    part = "" if claim.part is None else f" | part {claim.part}"
    return f"{claim.title} | {season} | {claim.window.value} | {claim.stance}{part}"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_sentence_to_claims(case: dict[str, Any]) -> None:
    entries = case.get("catalogue", [])
    assert all(isinstance(e, list) for e in entries), "catalogue entries are [name, *aliases]"
    catalogue = Catalogue((name, aliases) for name, *aliases in entries)
    claims = extract_claims(
        case["text"],
        headline=case.get("headline"),
        published=dt.date.fromisoformat(case["published"]) if "published" in case else None,
        catalogue=catalogue,
    )
    assert sorted(_summary(c) for c in claims) == sorted(case["claims"])
    if "quotes" in case:
        assert [len(c.quotes) for c in claims] == [case["quotes"]]


def test_quotes_point_at_their_text() -> None:
    text = "Intro line.\n\nSilver Tide season 5 is coming in October 2026."
    (claim,) = extract_claims(text, published=dt.date(2026, 5, 1))
    quote = claim.quotes[0]
    assert text[quote.start : quote.end] == quote.text
    assert "October 2026" in quote.text


def test_curly_quotes_and_odd_spaces_are_tolerated() -> None:
    text = "The studio says \u2018Ember\u00a0Road Season 2\u2019 will premiere in May 2027."
    (claim,) = extract_claims(text, published=dt.date(2026, 5, 1))
    assert (claim.title, claim.season, claim.window.value) == ("Ember Road", 2, "2027-05")


def test_characters_that_normalise_longer_keep_offsets() -> None:
    # NFKC turns "ﬁ" into "fi" and "…" into "...": names after them must still be found
    # where they are, and "Wait…" is not part of a name.
    catalogue = Catalogue([("Glass Orchard", [])])
    text = "Wait\u2026 the \ufb01nal word: Glass Orchard season 2 will premiere in May 2027."
    (mention,) = catalogue.find(text)
    assert text[mention.start : mention.end] == "Glass Orchard"
    for found in (catalogue, Catalogue()):
        (claim,) = extract_claims(text, published=dt.date(2026, 5, 1), catalogue=found)
        assert (claim.title, claim.season, claim.window.value) == ("Glass Orchard", 2, "2027-05")
        quote = claim.quotes[0]
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("this ſummer", "2026-SU"), ("the fırst quarter of 2026", "2026-Q1"),
     ("the FİRST half of 2027", "2027-H1"), ("late thıs year", "2026-LATE")],
)  # fmt: skip
def test_letters_that_match_ascii_letters_ignoring_case_are_read_as_them(
    phrase: str, value: str
) -> None:
    # "ſ" (long s), "ı" (dotless i) and "İ" match "s" and "i" in a case-insensitive pattern
    # but lower-case to something else; reading the phrase used to raise KeyError.
    text = f"Ember Road season 2 is set for {phrase}."
    (claim,) = extract_claims(text, published=dt.date(2026, 1, 10))
    assert claim.window.value == value


def test_seasons_written_with_such_letters_are_read_as_matched() -> None:
    text = "Ember Road is back for its ſecond ſeaſon in May 2027, with Part ıı in June 2027."
    seasons = [(s.number, s.kind) for s in find_seasons(text)]
    assert seasons == [(2, "season"), (2, "part")]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2050, 1, 1)))
def test_any_text_never_crashes_the_extractor(text: str, published: dt.date | None) -> None:
    for claim in extract_claims(text, published=published):
        window = claim.window
        assert window.start is None or window.end is None or window.start <= window.end


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Ember Road", "season 2", "will", "premiere", "in", "March", "2027",
                         "filming", "by", "late", "it", ".", ",", "'", "Part 1", "Q3", "not until",
                         "released", "the series", "\n\n", "and", "Glass Orchard", "ſummer",
                         "fırst quarter", "thıs year", "FİRST half", "next ſpring"]),
        max_size=60,
    ),
)  # fmt: skip
def test_release_like_word_salad_never_crashes(words: list[str]) -> None:
    for claim in extract_claims(" ".join(words), published=dt.date(2026, 1, 1)):
        assert (
            claim.window.start is None
            or claim.window.end is None
            or (claim.window.start <= claim.window.end)
        )


PHRASES = [
    line.split("\t")[0]
    for line in (Path(__file__).parent / "data" / "windows.tsv").read_text().splitlines()
    if line and not line.startswith("#")
]


@settings(max_examples=300)
@given(st.sampled_from(PHRASES), st.text(max_size=30), st.text(max_size=30))
@example("Q3", "due in", "")  # one digit, no date word
def test_a_sentence_with_a_date_phrase_passes_the_quick_test(
    phrase: str, before: str, after: str
) -> None:
    for text in (phrase, f"{before} {phrase} {after}", f"{before}{phrase}{after}".upper()):
        assert may_hold_date(text) or not date_phrases(text), text
