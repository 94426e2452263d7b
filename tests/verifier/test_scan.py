"""The fast forms of keyword patterns match exactly what the plain patterns match."""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import verifier
from verifier import discovery, document, phrases, sentences, titles
from verifier.scan import Words, gated, plain_letters

# Every module of the extractor, so that a pattern is tested wherever it moves.
MODULES = [
    importlib.import_module(f"verifier.{info.name}")
    for info in pkgutil.iter_modules(verifier.__path__)
    if not info.ispkg
]
WORDS = {
    f"{m.__name__}.{k}": v for m in MODULES for k, v in vars(m).items() if isinstance(v, Words)
}
GATED = {"phrases._SCAN": (phrases._PHRASES, phrases._SCAN)}


def test_plain_letters_are_exactly_what_ignoring_case_matches_to_ascii_letters() -> None:
    any_case = re.compile("[a-z]", re.I)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        plain = plain_letters(char)
        assert len(plain) == 1
        lower = plain.lower()
        if any_case.fullmatch(char):
            assert lower.isascii() and re.fullmatch(lower, char, re.I), hex(code)
        else:
            assert not ("a" <= lower <= "z"), hex(code)


def _vocabulary() -> list[str]:
    """The patterns' own words, and the phrases of the window table."""
    sources = [w.source for w in WORDS.values()] + [p.pattern for p, _ in GATED.values()]
    found = {w for source in sources for w in re.findall(r"[A-Za-z]{2,}", source)}
    table = (Path(__file__).parent / "data" / "windows.tsv").read_text("utf-8").splitlines()
    phrases = {line.split("\t")[0] for line in table if line and not line.startswith("#")}
    return sorted(found | phrases)


def _in_any_case(word: str, style: int) -> str:
    forms = [word.lower(), word.upper(), word.capitalize(), word.swapcase(),
             word.replace("s", "ſ").replace("i", "ı"), word.upper().replace("I", "İ")]  # fmt: skip
    return forms[style % len(forms)]


texts = st.lists(
    st.tuples(
        st.sampled_from(_vocabulary()) | st.sampled_from(["2026", "14", "Q4", "S2", "H1", "of"]),
        st.integers(0, 5),
        st.sampled_from([" ", " ", ", ", ". ", "-", "'", "’", "\n", "", "'s "]),
    ),
    max_size=40,
).map(lambda parts: "".join(_in_any_case(w, style) + sep for w, style, sep in parts))


EDGES = [
    "It's coming back, they're coming; 's coming and ’s Coming.",
    "SEASON 2 of ſhow, ſeaſon Two, PART ıı, Vol. 3, vol.3, S02E01, s2.",
    "Not until 2027, no earlier than May, at the earliest in 2026, by the end of it.",
    "_release date_ and release-date; pre-release dated; re-released, unreleased.",
]


@pytest.mark.parametrize("name", sorted(WORDS))
@settings(max_examples=80, deadline=None)
@given(text=texts)
@example(text=EDGES[0])
@example(text=EDGES[1])
@example(text=EDGES[2])
@example(text=EDGES[3])
def test_words_match_as_the_case_insensitive_pattern(name: str, text: str) -> None:
    fast = WORDS[name]
    plain = re.compile(fast.source, re.I)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for method in ("search", "match", "fullmatch"):
        found = getattr(fast, method)(text, 3, len(text) - 1)
        expected = getattr(plain, method)(text, 3, len(text) - 1)
        assert (found and found.span()) == (expected and expected.span()), method


@pytest.mark.parametrize("name", sorted(GATED))
@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_gated_patterns_match_as_the_plain_pattern(name: str, text: str) -> None:
    plain, fast = GATED[name]
    assert fast is not plain
    assert [(m.span(), m.lastgroup) for m in fast.finditer(text)] == [
        (m.span(), m.lastgroup) for m in plain.finditer(text)
    ]


def test_words_refuse_a_pattern_that_names_capitals() -> None:
    for pattern in ("Season", "[A-Z]x", "[^B]", "(?-i:may)"):
        with pytest.raises(ValueError, match="Words"):
            Words(pattern)


def test_gated_reads_the_first_letters_a_match_can_begin_with() -> None:
    pattern = gated(re.compile(r"\b(?:(?:early|late)\s+)?(?:spring|summer)|\bq[1-4]", re.I))
    assert pattern.pattern.startswith(r"\b(?=")
    spans = [m.span() for m in pattern.finditer("Early Summer, then SPRING or q3 and Q5")]
    assert spans == [(0, 12), (19, 25), (29, 31)]
    wide = re.compile(r"\b\w+")  # any word at all: nothing to gate on
    assert gated(wide) is wide


def test_words_gate_on_the_first_letters_of_a_match() -> None:
    # Up to four letters, in one form each: the text is in lower case.
    pattern = Words(r"\b(?=\w)(?:the\s+end|then|series\s+\d)").pattern.pattern
    assert pattern.startswith(r"\b(?=[st])(?=(?:seri|the(?:\s|n)))")
    assert Words(r"\b(?:q[1-4]|h[12])").search("H2 or Q3").span() == (0, 2)


def _by_first_character(pattern: re.Pattern[str]) -> bool:
    """Whether ``re`` looks for ``pattern`` by a literal prefix or a set of first characters
    (a tight loop over the text), rather than by trying the pattern at every position."""
    from re import _compiler  # type: ignore[attr-defined]

    tree = re._parser.parse(pattern.pattern, pattern.flags)  # type: ignore[attr-defined]
    if tree.getwidth()[0] == 0:
        return False
    return bool(
        _compiler._get_literal_prefix(tree, pattern.flags)[0]
        or _compiler._get_charset_prefix(tree, pattern.flags)
    )


# Scans over whole pages written so that ``re`` finds them by their first characters, and
# the plain forms they were written from.
FIRST_CHARACTER = {
    "sentences._BOUNDARY": (
        sentences._BOUNDARY,
        re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9\u0080-\uffff])|\n+"),
    ),
    "document.SLATE_YEAR": (
        document.SLATE_YEAR.pattern,
        re.compile(
            r"\b((?:19|20)\d{2})\s+(?:(?:tv|film|movie|series|k-?drama|drama|content|original|"
            r"programming|streaming)\s+){0,2}(?:lineup|line-up|slate|release\s+schedule|schedule|roster)|"
            r"(?:lineup|line-up|slate|release\s+schedule|roster)\s+(?:for|of)\s+((?:19|20)\d{2})\b"
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(FIRST_CHARACTER))
def test_page_scans_are_found_by_their_first_characters(name: str) -> None:
    fast, plain = FIRST_CHARACTER[name]
    assert _by_first_character(fast)
    assert not _by_first_character(plain)  # the check can fail


_PAGE_PIECES = ["2026", "1999", "20261", "a2026", "x", " ", "\n", ". ", "! ", "?", "..", "'", ")",
                "Dec.", "A", "b", "lineup", "line-up", "slate", "release", "schedule", "roster",
                "for", "of", "\t", "\u00e9", "_", "tv", "drama"]  # fmt: skip


@pytest.mark.parametrize("name", sorted(FIRST_CHARACTER))
@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_PAGE_PIECES), max_size=14).map("".join))
@example(text="The 2026 lineup. 2025 slate; slate for 2027 and a2026 roster, x1999 slate")
@example(text="its 2026 tv slate, the 2025 k-drama lineup, 2024 tv drama series schedule")
def test_page_scans_match_as_the_plain_forms(name: str, text: str) -> None:
    fast, plain = FIRST_CHARACTER[name]
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


# How discovery's anchors were written before they became ``Words``: the reference.
# (A season's word starts a word: "KBS2" holds no "S2", "preseason 2" no "season 2".)
_ANCHOR_REFERENCE = re.compile(
    r"(?:(?<![a-z0-9])(?:season|series)|(?-i:Part|Volume|Vol\.))\s*"
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)"
    r"|(?<![a-z0-9])(?P<short>S\d{1,2}\b)|(?<=\s)(?P<date>release\s+date)",
    re.I,
)


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_discovery_anchors_keep_part_and_volume_case_sensitive(text: str) -> None:
    text = text.replace("of", "Part 2 PART 3 Vol. 1 VOL. 2 volume 4 ")
    expected = [m.span() for m in _ANCHOR_REFERENCE.finditer(text)]
    assert [m.span() for m in discovery._anchors(text)] == expected


_NAME_WORDS = ["the", "glass", "orchard", "and", "moon", "tide", "of", "road", "ember", "Moon's"]
_GAPS = [" ", "  ", "\n", ", ", "-", "&", " & ", "—", "'", "_", ": ", "é ", ""]
catalogues = st.lists(
    st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=4).map(" ".join),
    min_size=1,
    max_size=6,
)
texts_of_names = st.lists(
    st.tuples(st.sampled_from(_NAME_WORDS), st.integers(0, 5), st.sampled_from(_GAPS)),
    max_size=40,
).map(lambda parts: "".join(_in_any_case(w, style % 4) + gap for w, style, gap in parts))


@settings(max_examples=300, deadline=None)
@given(names=catalogues, text=texts_of_names)
@example(names=["and"], text="the&")  # "the" just before "&": no character apart
@example(names=["glass orchard", "moon"], text="The Glass  Orchard, the\nmoon-Glass orchard&moon")
def test_a_small_catalogue_finds_what_the_token_index_finds(names: list[str], text: str) -> None:
    catalogue = titles.Catalogue((name, []) for name in names)
    folded = titles.fold(text)
    expected = catalogue._find_indexed(text, folded)
    assert catalogue.find(text) == expected
    if min(map(len, catalogue._by_first)) >= 3 and not titles._WORD_BEYOND_ASCII.search(folded):
        assert catalogue._find_few(text, folded.lower()) == expected


# How seasons and parts were found before they shared one scan: two scans, the reference.
_SEASON_REFERENCE = re.compile(
    rf"\b(?:(?:season|series)(?:\s*|-(?=\w))(?P<num>{titles.NUMBER})(?!\d|:\d)|s(?P<s>\d{{1,2}})(?:e\d+)?\b|"
    rf"(?P<ord>{titles.ORDINAL})\s+(?:and\s+(?:final|last)\s+)?(?:seasons?|series|instal+ments?)\b)",
    re.I,
)
_PART_REFERENCE = re.compile(
    rf"\b(?:(?:part|volume|vol\.|act|chapter)\s*(?P<num>{titles.NUMBER}|i{{1,3}}|iv)\b|"
    rf"(?P<ord>{titles.ORDINAL})\s+(?:part|volume|act|chapter|half(?!\s+of\s+(?:(?:the|this|next|last)\s+"
    r"year|(?:19|20)\d\d)))\b)",
    re.I,
)


def _seasons_by_two_scans(text: str) -> list[tuple[int, int, int, str]]:
    found = []
    for kind, pattern in (("season", _SEASON_REFERENCE), ("part", _PART_REFERENCE)):
        for m in pattern.finditer(text):
            number = titles.number_word(plain_letters(next(g for g in m.groups() if g)))
            casual = (
                kind == "part"
                and m.group().lower().startswith(("act", "vol", "chapter"))
                and not text[m.start()].isupper()
                and m.group("ord") is None
            )
            if number and 0 < number < 40 and not casual:
                found.append((m.start(), m.end(), number, kind))
    return sorted(found)


_SEASON_WORDS = ["season", "season 2", "fans", "viewers", "the return", "the", "series 3", "s2", "S02E05", "second", "1st", "and final", "part",
                 "volume", "vol.", "Vol.", "act", "Act", "chapter", "iv", "ii", "half", "two", "seasons",
                 "of", "year", "2025",
                 "instalment", "installment", "12", "3:10", "Seven", "seventh"]  # fmt: skip


season_texts = st.lists(
    st.tuples(
        st.sampled_from(_SEASON_WORDS) | st.sampled_from(_vocabulary()),
        st.integers(0, 5),
        st.sampled_from([" ", " ", "", "\n", ", ", ". ", "-"]),
    ),
    max_size=30,
).map(lambda parts: "".join(_in_any_case(w, style) + sep for w, style, sep in parts))


@settings(max_examples=500, deadline=None)
@given(text=season_texts)
@example(text="Part 2 of the second season, S2 Vol. 3 and act iv, Act IV; Chapter ii.")
@example(text="the second act, a third chapter, season 3:10 and season 123, s2e1 s02")
@example(text="season 1st part ")  # a part that starts inside a season
def test_one_scan_finds_the_seasons_and_parts_two_scans_found(text: str) -> None:
    found = [(s.start, s.end, s.number, s.kind) for s in titles.find_seasons(text)]
    assert found == _seasons_by_two_scans(text)


# How discovery found "season 2 of", "fans of" and "titled" before they shared one scan: the
# reference.
_SEASON_OF_REFERENCE = re.compile(
    rf"\b(?:(?:season|part|volume)\s+{titles.NUMBER}|the\s+{titles.ORDINAL}\s+"
    r"(?:season|part|volume))\s+of\s+",
    re.I,
)
_AUDIENCE_OF_REFERENCE = re.compile(
    r"\b(?:fans|viewers|the\s+return|episodes|anime|anime\s+adaptation)\s+of\s+", re.I
)
_NAMED_REFERENCE = re.compile(r"\b(?:en)?titled\s+", re.I)


@settings(max_examples=300, deadline=None)
@given(text=season_texts)
@example(text="the second season of fans of the return of viewers of Season Two of X")
@example(text="season 2 of titled X, fans of Entitled Y, untitled Z")
def test_one_scan_finds_what_precedes_a_title_as_separate_scans_did(text: str) -> None:
    text = re.sub(r"\. |-", lambda m: " of ", text)
    text = re.sub(r", ", lambda m: " titled ", text)
    found: dict[str, list[tuple[int, int]]] = {"season": [], "audience": [], "named": []}
    for m in discovery._BEFORE_A_TITLE.finditer(text):
        kind = "season" if m.group("season") else "named" if m.group("named") else "audience"
        found[kind].append(m.span())
    assert found["season"] == [m.span() for m in _SEASON_OF_REFERENCE.finditer(text)]
    assert found["audience"] == [m.span() for m in _AUDIENCE_OF_REFERENCE.finditer(text)]
    assert found["named"] == [m.span() for m in _NAMED_REFERENCE.finditer(text)]


def test_words_read_the_words_every_match_needs() -> None:
    assert Words(r"\bwhen\s+\w+\s+(?:aired|premiered)").needed == ("aired", "premiered")
    assert Words(r"\b(?:not\s+until|no\s+earlier\s+than)\b").needed == ("earlier", "until")
    assert Words(r"(?:late|early)?\s*(?:summer)+").needed == ("summer",)
    assert Words(r"\b(?:by|at)\s+\d").needed == ()  # too short to be rare
    assert Words(r"\b(?:when|\d+)").needed == ()  # a number needs no word
    assert Words(r"(?<=when)\s+there").needed == ("there",)  # "when" is looked at, not matched
    assert Words(r"when").search("Then, WHEN it", 3, 10).span() == (6, 10)
    assert Words(r"when").search("Then, WHEN it", 3, 9) is None  # "when" must lie wholly inside


def test_atomic_groups_are_read_as_groups() -> None:
    assert Words(r"\b(?>summer|winter)\s+\d").needed == ("summer", "winter")
    gate = gated(re.compile(r"\b(?>spring|fall)\b"))
    assert gate.pattern.startswith(r"\b(?=") and gate.search("in the fall").span() == (7, 11)
