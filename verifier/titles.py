"""Titles and seasons in text.

``title_key`` is the one normalisation of a name (case, punctuation, curly
quotes, a leading "The", "&"), so "The White Lotus" and "White Lotus" are one
title. ``Catalogue`` finds known titles and aliases with a token index: the
cost per word of text does not grow with the catalogue. ``find_seasons`` finds
"season 2", "second season", "S2", "Season Two", "Part 2", "Volume 1". Names
the catalogue does not know are found by ``verifier.discovery``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, islice

from verifier.scan import Words

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "i": 1, "ii": 2, "iii": 3, "iv": 4}  # fmt: skip
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2,
                 "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9,
                 "10th": 10, "freshman": 1, "sophomore": 2}  # fmt: skip
# Single words that are titles too rarely to count without a season or quotes beside them.
AMBIGUOUS_WORDS = {
    "it", "us", "you", "she", "they", "them", "we", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
    "netflix", "season", "series", "part", "the", "dark", "lost", "other", "others", "more",
    "all", "some", "another", "every", "each", "most", "many", "several", "both", "few", "none",
    "these", "those", "either", "neither",
    # the trade's abbreviations: "OTT releases", "a TV slate", "10 p.m. KST"
    "ott", "tv", "vod", "svod", "avod", "imax", "kst", "est", "pst", "pt", "et", "gmt", "ist",
    "ct", "edt", "pdt", "bst", "jst", "cet", "utc",
    # how a film comes out: "Theatrical, January 9", "Streaming: March 3"
    "theatrical", "theatrically", "streaming", "digital", "on-demand", "worldwide", "nationwide",
    # a clock time's two zones: "8 p.m. ET/PT"
    "et/pt", "pt/et", "est/pst", "pst/est", "edt/pdt", "pdt/edt", "et/ct", "ct/et",
}  # fmt: skip


def fold(text: str) -> str:
    """Length-preserving cleanup of scraped text: curly quotes, odd spaces, "…" as "."."""
    if text.isascii():
        return text
    for odd, plain in _FOLD:  # a few C-speed replaces beat str.translate with a dict
        if odd in text:
            text = text.replace(odd, plain)
    return text


_FOLD = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a0", " "),
         ("\u2032", "'"), ("\u00b4", "'"), ("\u2009", " "), ("\u202f", " "), ("\u2026", "."))  # fmt: skip


# Splitting on the words (kept) gives the gaps and words in turn: their running lengths
# are the words' offsets, summed in C rather than read from one match object each.
_SPLIT_WORDS = re.compile(f"({_TOKEN.pattern}|&)", _TOKEN.flags)


def _words(folded: str) -> tuple[list[str], list[int]]:
    """The normalised words of folded text, and the running lengths of gaps and words: word
    ``i`` spans ``[ends[2 * i], ends[2 * i + 1])``. Offsets come from the text itself (NFKC
    can change lengths: "ﬁ" is "fi")."""
    if folded.isascii():  # lower() keeps ASCII lengths
        parts = _SPLIT_WORDS.split(folded.lower())
        words = parts[1::2]
    else:
        parts = _SPLIT_WORDS.split(folded)
        words = [unicodedata.normalize("NFKC", w).casefold() for w in parts[1::2]]
    if "&" in folded:
        words = ["and" if w == "&" else w for w in words]
    return words, list(accumulate(map(len, parts)))


def tokens(text: str) -> list[str]:
    normal = unicodedata.normalize("NFKC", fold(text)).casefold().replace("&", " and ")
    return _TOKEN.findall(normal)


@lru_cache(maxsize=4096)  # claims and catalogues ask for the same few names again and again
def title_key(name: str) -> str:
    """The normalised key of a title: "The Devil’s Plan" → "devil s plan"."""
    words = tokens(name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class TitleMention:
    start: int
    end: int
    title: str  # canonical name


class Catalogue:
    """Known titles and aliases, found in text by a token index."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]] = ()) -> None:
        self._canonical: dict[str, str] = {}
        self._names: set[str] = set()
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        self._unsorted: set[str] = set()  # first words whose names are not longest-first yet
        for name, aliases in entries:
            self.add(name, aliases)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: str) -> bool:
        return title_key(name) in self._canonical

    def add(self, name: str, aliases: Iterable[str] = ()) -> str:
        """Add a title (or more aliases of a known one); returns its canonical name."""
        canonical = self._canonical.get(title_key(name), name)
        self._names.add(canonical)
        for variant in (name, *aliases):
            key = title_key(variant)
            if not key or key in self._canonical:
                continue
            self._canonical[key] = canonical
            words = tuple(key.split())
            self._by_first.setdefault(words[0], []).append(words)
            # sorted when next read: sorting at each name made a catalogue of many names
            # sharing a first word quadratic to build (10,000 titles: 0.9 s)
            self._unsorted.add(words[0])
        return canonical

    def _sort(self) -> None:
        for first in self._unsorted:
            self._by_first[first].sort(key=len, reverse=True)
        self._unsorted.clear()

    def canonical(self, name: str) -> str | None:
        return self._canonical.get(title_key(name))

    def names(self) -> list[str]:
        return sorted(self._names)

    def find(self, text: str) -> list[TitleMention]:
        """Every known title in ``text``, longest match first, without overlaps."""
        if not self._by_first:
            return []
        folded = fold(text)
        few = len(self._by_first) <= _FEW and min(map(len, self._by_first)) >= 3
        if few and not _WORD_BEYOND_ASCII.search(folded):
            return self._find_few(text, folded.lower())
        return self._find_indexed(text, folded)

    def _find_indexed(self, text: str, folded: str) -> list[TitleMention]:
        if self._unsorted:
            self._sort()
        words, ends = _words(folded)
        starts = [i for i, word in enumerate(words) if word in self._by_first]
        if not starts:
            return []
        found: list[TitleMention] = []
        free = 0  # words before this one are inside a title already found
        for i in starts:
            if i < free:
                continue
            match_len = next(
                (len(c) for c in self._by_first[words[i]] if tuple(words[i : i + len(c)]) == c), 0
            )
            if not match_len:
                continue
            start, end = ends[2 * i], ends[2 * (i + match_len) - 1]
            if not self._acceptable(text, start, end, match_len):
                continue
            if i > 0 and words[i - 1] == "the" and start - ends[2 * i - 1] <= 1:
                start = ends[2 * i - 2]
            key = " ".join(words[i : i + match_len])
            found.append(TitleMention(start, end, self._canonical[key]))
            free = i + match_len
        return found

    def _find_few(self, text: str, low: str) -> list[TitleMention]:
        """``find`` for a catalogue of few first words, on text whose words are all ASCII:
        the first words are found with ``str.find``, and only the words after each are read.
        (The token index reads every word of the text, which costs more when the catalogue
        is small.)"""
        if self._unsorted:
            self._sort()
        found: list[TitleMention] = []
        free = 0  # text before this offset is inside a title already found
        for start, first in self._first_words(low):
            if start < free:
                continue
            choices = self._by_first[first]
            after = list(islice(_ASCII_WORDS.finditer(low, start), len(choices[0])))
            words = tuple("and" if w.group() == "&" else w.group() for w in after)
            match_len = next((len(c) for c in choices if words[: len(c)] == c), 0)
            if not match_len:
                continue
            end = after[match_len - 1].end()
            if not self._acceptable(text, start, end, match_len):
                continue
            the = _THE_BEFORE.search(low, max(0, start - 4), start)
            if the:
                start = the.start()
            key = " ".join(words[:match_len])
            found.append(TitleMention(start, end, self._canonical[key]))
            free = end
        return found

    def _first_words(self, low: str) -> list[tuple[int, str]]:
        """The words of ``low`` that begin a known title, with where they start, in order."""
        found = []
        for word in self._by_first:
            for form in ("and", "&") if word == "and" else (word,):
                at = low.find(form)
                while at >= 0:
                    after = at + len(form)
                    whole = (at == 0 or low[at - 1] not in _ALNUM) and (
                        after == len(low) or low[after] not in _ALNUM
                    )
                    if whole or form == "&":  # "&" is a word of its own, even in "A&B"
                        found.append((at, word))
                    at = low.find(form, at + 1)
        return sorted(found)

    @staticmethod
    def _acceptable(text: str, start: int, end: int, length: int) -> bool:
        first = text[start]
        if first.isalpha() and first.islower():
            return False
        if length == 1 and text[start:end].casefold() in AMBIGUOUS_WORDS:
            quoted = start > 0 and text[start - 1] in "'\"\u2018\u201c"
            return quoted or bool(_SEASON_AFTER.match(text, end))
        return True


# A catalogue of at most this many first words, none shorter than three letters (as "a"
# and "my" are found everywhere), is looked up by ``_find_few``.
_FEW = 32
_WORD_BEYOND_ASCII = re.compile(r"[^\W_\x00-\x7f]")  # a word character outside ASCII
_ASCII_WORDS = re.compile(r"[a-z0-9]+|&")  # the words of lower-cased ASCII-word text
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
# "the" just before a name, one character or (before "&") none apart.
_THE_BEFORE = re.compile(r"(?<![a-z0-9])the[^a-z0-9&]?\Z")

_SEASON_AFTER = re.compile(r"[:\s,]*(?:season|series|s\d)", re.I)

# --- seasons and parts -------------------------------------------------------------------

NUMBER = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
# ("sophomore" and "freshman" seasons are the second and the first, as US news writes them)
ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th|sophomore|freshman)"
# Seasons and parts are found in one scan (``find_seasons`` keeps each kind's matches apart,
# as two scans would). One word-start test, ``\b(?=\w)``, comes before all the alternatives:
# a quarter faster than a ``\b`` in each, which is also tried where words end. ``Words``:
# written in lower case, matched on lower-cased text.
_SEASON = (
    rf"(?:season|series)(?:\s*|-(?=\w))(?P<num>{NUMBER})(?!\d|:\d)|s(?P<s>\d{{1,2}})(?:e\d+)?\b|"
    # ("their fifth (!) seasons": an aside between)
    rf"(?P<ord>{ORDINAL})\s+(?:\([!?]{{1,3}}\)\s+)?(?:and\s+(?:final|last)\s+)?(?:seasons?|series|instal+ments?)\b"
)
_PART = (
    rf"(?:part|volume|vol\.|act|chapter)\s*(?P<part_num>{NUMBER}|i{{1,3}}|iv)\b|"
    # an anime's "second cour" ("cours", the quarter of a year it airs in) is its season's part
    rf"(?P<part_ord>{ORDINAL})\s+(?:part|volume|act|chapter|cours?\b|half(?!\s+of\s+(?:(?:the|this|next|last)\s+"
    rf"year|(?:19|20)\d\d)))\b"
)
_NUMBER_GROUPS = ("num", "s", "ord", "part_num", "part_ord")  # one holds the number
# "arrives in the second half": a time, not the season's second half
_IN_TIME = re.compile(
    r"(?i)\b(?:in|during|by|for|within|over|until|through|before|after)\s+the\s+\Z"
)
SEASON_OR_PART = Words(rf"\b(?=\w)(?:(?P<season>{_SEASON})|(?P<part>{_PART}))")


@dataclass(frozen=True)
class SeasonMention:
    start: int
    end: int
    number: int
    kind: str  # season or part


def number_word(text: str) -> int | None:
    text = text.lower().rstrip(".")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text) or ORDINAL_WORDS.get(text)


def find_seasons(text: str) -> list[SeasonMention]:
    """ "season 2", "Part Two", ... in order. The one scan finds what a scan for seasons and
    another for parts would: no place begins both kinds, and it steps one character on from
    each match, so a match of one kind may start inside one of the other ("season 1st part"
    holds "season 1" and "1st part"), but not inside one of its own kind."""
    found: list[SeasonMention] = []
    own_end = {"season": 0, "part": 0}
    pos = 0
    while (m := SEASON_OR_PART.search(text, pos)) is not None:
        pos = m.start() + 1
        kind = m.lastgroup
        assert kind is not None
        if m.start() < own_end[kind]:
            continue
        own_end[kind] = m.end()
        number = number_word(next(g for g in m.group(*_NUMBER_GROUPS) if g))  # lower case
        # "act", "vol." and "chapter" count only written as names ("Act Two").
        casual = (
            kind == "part"
            and m.group().startswith(("act", "vol", "chapter"))
            and not text[m.start()].isupper()
        ) or (kind == "part" and m.group().endswith("half") and _IN_TIME.search(text, 0, m.start()))
        if "instal" in m.group() and _OF_A_FRANCHISE.match(text, m.end()):
            continue  # "the ninth installment in the Fast franchise" is a film, not a season
        if number and 0 < number < 40 and not casual:
            found.append(SeasonMention(m.start(), m.end(), number, kind))
    return found


_OF_A_FRANCHISE = re.compile(
    r"(?i)\s+(?:film\b|movie\b|(?:in|of)\s+(?:the\s+)?[^.;]{0,40}?\b(?:franchise|saga|film\s+series|"
    r"movie\s+series|universe|trilogy)\b)"
)
