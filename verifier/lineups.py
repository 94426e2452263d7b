"""Line-ups: the titles a list of works names carry the list's window.

News writes a slate as a list after a noun for works: "Netflix's 2026 slate
includes A, B season 2 and C", "other titles that have been pushed to 2024
include A and B". Each listed title is released in the window the sentence
gives the slate, or, where the list sentence names none, the window of the
sentence before it in the paragraph that spoke of many works at once ("five
titles have been pushed back to 2024. Among them is A"). A season named for
the whole list ("series returning for a second season include A and B") is each
title's season; a season named with a title is its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from verifier.dates import DateMention
from verifier.document import SLATE_YEAR, YEAR_DIGITS, attaches, left_out
from verifier.lists import list_start
from verifier.referents import parenthesised
from verifier.titles import SeasonMention, TitleMention
from verifier.windows import Window


@dataclass(frozen=True)
class Listed:
    """One title of a line-up, with the span of the sentence that lists it."""

    title: str
    season: int | None
    window: Window
    start: int  # relative to the sentence
    end: int
    part: int | None = None


def listed_titles(
    body: str,
    titles: list[TitleMention],
    seasons: list[SeasonMention],
    release_dates: list[DateMention],
    slate: Window | None,
    known: dict[str, int] | None = None,
) -> list[Listed]:
    """The titles a list in ``body`` (one sentence) names, each with the slate's window:
    a release date of the sentence before the list, else the year of a slate it names
    ("the 2026 lineup includes"), else ``slate`` (the last window of many works before).
    ``known``: the season the document names each title with, for a list of returning shows."""
    intro = list_start(body)
    if intro is None:
        return []
    before = [d for d in release_dates if d.end <= intro[1]]  # "Among those due in May are"
    named = SLATE_YEAR.search(body, 0, intro[1])  # "the 2026 slate includes"
    if named is not None and left_out(body, named.start()):
        named = None  # "absent from the 2025 lineup": not released then
    if before:
        window: Window | None = before[-1].window
    elif named is not None:
        window = Window.year(int(YEAR_DIGITS.findall(named.group())[0]))
    else:
        window = slate
    if window is None or any(intro[1] <= d.start for d in release_dates):
        return []  # dates inside the list belong to its items
    listed = [t for t in titles if t.start >= intro[1] and not parenthesised(body, 0, t.start)]
    # Each season to the title it is named with: "season 4 of X" before "X, season 4".
    attached: dict[int, SeasonMention] = {}
    for mentioned in seasons:
        named_with = [t for t in listed if attaches(body, t, mentioned)]
        named_with.sort(key=lambda t: (t.start < mentioned.start, abs(t.start - mentioned.start)))
        if named_with and named_with[0].start not in attached:
            attached[named_with[0].start] = mentioned
    taken = {s.start for s in attached.values()}
    common = [
        s for s in seasons if s.end <= intro[1] and s.start not in taken and s.kind == "season"
    ]
    # "series returning for a second season include A and B": the list's own season
    shared = common[-1].number if common else None
    found: list[Listed] = []
    seen: set[str] = set()
    # "the second seasons of A and B": a plural season is each following title's, up to
    # the next season named
    inside = [s for s in seasons if s.kind == "season" and s.start >= intro[1]]
    for mention in listed:
        if mention.title in seen:
            continue
        seen.add(mention.title)
        own = attached.get(mention.start)
        recent = [s for s in inside if s.end <= mention.start]
        plural = bool(recent) and body[recent[-1].end - 1] == "s"
        default = recent[-1].number if plural else shared
        season = own.number if own is not None and own.kind == "season" else default
        if season is None and known:
            season = known.get(mention.title)  # "five returning shows namely A, B": A 3
        part = own.number if own is not None and own.kind == "part" else None  # "A Part 2"
        found.append(Listed(mention.title, season, window, 0, mention.end, part))
    return found
