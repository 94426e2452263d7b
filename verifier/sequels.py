"""Seasons written without "season N" beside a name: sequel numbers ("Sweet Home 2" is
the second season of the series Sweet Home), parts that name films ("The Batman Part
II"), and ordinals that stand for a season ("..., and the third from December 2023").

News about series writes a later season as the name and its number ("Signal 2 and
Squid Game 2 roll out next year"); news about films writes a sequel the same way
("Deadpool 3"), and there the number is part of the film's name. A name ending in
a number from 2 to 9 is read as its series and a season when the document speaks of
series more than of films and the words just before the name do not call it a film,
or when the catalogue knows the series by the name without its number (and not the
name with it). A name quoted with its number ('Iron Valley 2') is the name as released.
"""

from __future__ import annotations

import re

from verifier.discovery import subtitle_end
from verifier.scan import Words
from verifier.titles import ORDINAL, ORDINAL_WORDS, Catalogue, SeasonMention, TitleMention

_NUMBERED = re.compile(r"^(.*\S)\s+([2-9])$")
_NUMBER_SIGN = re.compile(r"(?i)(?:\bno\.?|#|\bvol\.?|\bnumber)$")
# A known name and then its number: "The Glory 2 arrives", not "The Glory 2 episodes" or "2 p.m.".
_NUMBER_AFTER = re.compile(
    r"[ \t]+([2-9])(?![\w.,:/-]*\d)(?!\s*(?:%|episodes?|seasons?|parts?|[ap]\.?m\b|million|billion|"
    r"hours?|weeks?|days?|months?|years?|times|of\b))\b",
    re.I,
)
_SERIES_WORDS = Words(r"\b(?:series|k-?dramas?|dramas?|shows?|seasons?|episodes?|sitcoms?)\b")
_FILM_WORDS = Words(
    r"\b(?:films?|movies?|box\s+office|theaters|theatres|cinemas?|feature|blockbusters?)\b"
)
# ... but not named as a season: 'the second season "Taxi Driver 2"'
_SEASON_BEFORE = Words(r"\bseason\W{0,3}$")
_FILM_BEFORE = Words(r"\b(?:films?|movies?|feature|blockbuster)\W+(?:\w+\W+)?$")


def _quoted(text: str, mention: TitleMention) -> bool:
    """Whether the text quotes the name with its number anywhere ('"Missing 9" traces ...')."""
    before = text[mention.start - 1 : mention.start] if mention.start else ""
    if before in _QUOTES and text[mention.end : mention.end + 1] in _QUOTES:
        return True
    written = re.escape(text[mention.start : mention.end])
    return re.search(f"[{_QUOTE_CLASS}]{written}[,.]?[{_QUOTE_CLASS}]", text) is not None


_QUOTES = frozenset("'\"‘’“”")
_QUOTE_CLASS = "'\"‘’“”"


def serial(text: str) -> bool:
    """Whether the text speaks of series more than of films."""
    series = sum(1 for _ in _SERIES_WORDS.finditer(text))
    return series > sum(1 for _ in _FILM_WORDS.finditer(text))


def filmic(text: str) -> bool:
    """Whether the text speaks of films more than of series."""
    films = sum(1 for _ in _FILM_WORDS.finditer(text))
    return films > sum(1 for _ in _SERIES_WORDS.finditer(text))


def sequel_seasons(
    text: str,
    mentions: list[TitleMention],
    seasons: list[SeasonMention],
    catalogue: Catalogue,
    *,
    whole: str,
) -> tuple[list[TitleMention], list[SeasonMention]]:
    """The mentions with "X N" read as X and a season N where it is a series' season (see
    the module's note), and the seasons with those numbers added, in order. ``whole`` is
    the document, read only if a name ends in a number."""
    series_text: bool | None = None
    film_text: bool | None = None
    found: list[TitleMention] = []
    added: list[SeasonMention] = []
    for mention in mentions:
        after = _NUMBER_AFTER.match(text, mention.end)
        if after is not None and _NUMBERED.match(mention.title) is None:
            subtitled = subtitle_end(text, after.end(1))
            if subtitled is not None:  # "X 2: The Long Night": a sequel's name, whole
                name = f"{mention.title} {after.group(1)}: {text[after.end(1) + 1 : subtitled].strip()}"
                found.append(TitleMention(mention.start, subtitled, name))
                continue
            if catalogue.canonical(mention.title) is None:
                if film_text is None:
                    film_text = filmic(whole)
                if film_text:  # "Ridgeline 2 has been pushed back" among films: a sequel's name
                    name = f"{mention.title} {after.group(1)}"
                    found.append(TitleMention(mention.start, after.end(1), name))
                    continue
            found.append(mention)  # a known series, its number written after it
            number = int(after.group(1))
            added.append(SeasonMention(after.start(1), after.end(1), number, "season"))
            continue
        numbered = _NUMBERED.match(mention.title)
        if numbered is not None and _NUMBER_SIGN.search(numbered.group(1)):
            numbered = None  # "Kaiju No. 8": the number is the name's own
        if numbered is None or catalogue.canonical(mention.title) is not None:
            found.append(mention)
            continue
        known = catalogue.canonical(numbered.group(1))
        near = text[max(0, mention.start - 30) : mention.start]
        digit = text.rfind(numbered.group(2), mention.start, mention.end)
        if not known and _quoted(text, mention) and not _SEASON_BEFORE.search(near):
            found.append(mention)  # 'Iron Valley 2' in quotes is the name as released
            continue
        if not known and series_text is None:
            series_text = serial(whole)
        if digit < 0 or not (known or (series_text and not _FILM_BEFORE.search(near))):
            found.append(mention)
            continue
        end = len(text[:digit].rstrip())
        found.append(TitleMention(mention.start, end, known or numbered.group(1)))
        added.append(SeasonMention(digit, digit + 1, int(numbered.group(2)), "season"))
    if not added:
        return found, seasons
    return found, sorted(seasons + added, key=lambda s: s.start)


_PART_GAP = re.compile(r"[ \t]*[:–—-]?[ \t]*")


def film_parts(
    text: str,
    mentions: list[TitleMention],
    seasons: list[SeasonMention],
    *,
    whole: str,
) -> tuple[list[TitleMention], list[SeasonMention]]:
    """ "The Batman Part II", "Dune: Part Two": in a document about films, a part named
    right after a title is part of the film's name, not a split season. ``whole`` is the
    document, read only if a part follows a name."""
    parts = {s.start: s for s in seasons if s.kind == "part"}
    if not parts:
        return mentions, seasons
    found: list[TitleMention] = []
    merged: set[int] = set()
    films: bool | None = None
    for mention in mentions:
        gap = _PART_GAP.match(text, mention.end)
        part = parts.get(gap.end()) if gap is not None else None
        if part is not None and films is None:
            films = filmic(whole)
        if part is None or not films:
            found.append(mention)
            continue
        name = mention.title + text[mention.end : part.end]
        found.append(TitleMention(mention.start, part.end, name))
        merged.add(part.start)
    if not merged:
        return mentions, seasons
    return found, [s for s in seasons if s.start not in merged]


# "The second season ran from December 2022, and the third from December 2023": an ordinal
# standing alone after a season is named is the next season, the noun left out.
_ELLIPTIC = re.compile(
    rf"(?i)(?:,|\band)\s+(?:then\s+)?the\s+(?P<ord>{ORDINAL}|latest|newest)\b"
    # what follows stands for the season's verb or date, not a noun ("the first order of")
    r"(?=\s*[,.;:—–)]|\s+(?:from|in|on|at|by|during|will|would|is|was|arrives?|arrived|premiere[sd]?|"
    r"debut(?:s|ed)?|follow(?:s|ed)|came|comes|drops?|dropped|land(?:s|ed)|air(?:s|ed)|released|"
    r"streams?|streamed|began|begins|starts|started|launch(?:es|ed))\b)"
)
_ELLIPTIC_REACH = 200


def elliptic_seasons(text: str, seasons: list[SeasonMention]) -> list[SeasonMention]:
    """``seasons`` with the ordinals that stand for a season named just before, in order."""
    named = [s for s in seasons if s.kind == "season"]
    if not named:
        return seasons
    added = []
    for m in _ELLIPTIC.finditer(text, named[0].end):
        before = [s for s in named if s.end <= m.start() and m.start() - s.end <= _ELLIPTIC_REACH]
        between = text[before[-1].end : m.start()].replace("..", "") if before else "."
        if any(mark in between for mark in ".?!\n"):
            continue  # the season named is another sentence's
        word = m.group("ord").lower()
        number = ORDINAL_WORDS.get(word)
        if number is None:
            continue
        added.append(SeasonMention(m.start("ord"), m.end("ord"), number, "season"))
    return sorted(seasons + added, key=lambda s: s.start) if added else seasons
