"""Date phrases in text turned into windows.

A pure function of (text, publication date, tense, slate year): no clock.
Phrases are found and read by ``verifier.phrases``, joined into ranges ("October
or November", "late 2022 or early 2023"), then resolved by ``verifier.resolution``
(in undated text, against the last date with a year before it). Modifiers around a
phrase make deadlines ("by summer 2021") and open windows ("2024 at the earliest",
"not until 2027").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from verifier.phrases import date_phrases
from verifier.resolution import Spec, resolve
from verifier.scan import Words, plain_letters
from verifier.windows import Window, month_end

# ("late 2026, or perhaps early 2027": one window, from the first to the second)
# (a joining word, not the end of one: "a January 27 slot for this year" is no range)
_RANGE_JOIN = Words(
    r"\s*(?:,\s*)?(?<![a-z])(?:or(?:\s+(?:perhaps|possibly|maybe|even|potentially))?,?|to|through|thru|until|till|"
    r"-|–|—|into)\s*(?:early\s+)?$"
)
_BETWEEN_JOIN = Words(r"\s*and\s*$")
# "11/7/26 moves to 5/1/27", "first to April and now to October": two dates, one after the other
_MOVE_IN_GAP = Words(
    r"\b(?:mov|push|shift|delay|postpon|bump|now\s+to|then\s+to|later\s+to|again\s+to)"
)
_OPEN_BEFORE = Words(
    r"(?:not\s+until|no\s+earlier\s+than|not\s+before|not\s+any\s+earlier\s+than|"
    r"(?:n't|not|never)\b[^.;]{0,60}?\b(?:before|until)|at\s+the\s+earliest\s+in|"
    # "we'll have to wait until at least next winter"
    r"wait\s+(?:until|till)\s+at\s+least|(?:until|till)\s+at\s+least|as\s+(?:early|soon)\s+as|"
    # "an earliest release date of 2025", "the earliest it could arrive is 2025"
    r"earliest\s+(?:possible\s+)?(?:release\s+|premiere\s+|return\s+)?(?:date|window)\s+(?:is|of|on|would\s+be|could\s+be|in)|"
    r"\bthe\s+earliest\b[^.;]{0,60}?\b(?:is|would\s+be|will\s+be))\s+(?:the\s+)?$"
)
_SOMETIME_BEFORE = Words(r"(?:some\s*time|at\s+some\s+point)\s+(?:in|during)\s+(?:the\s+)?$")
_DEADLINE_BEFORE = Words(
    r"(?:\bby|no\s+later\s+than|not\s+later\s+than|\bbefore|prior\s+to|ahead\s+of)\s+(?:the\s+)?$"
)
# The word each of those three ends with, just before the phrase: where the text before a
# phrase ends otherwise (most often "on" or "for"), none is looked for.
_LAST_WORDS = {
    "sometime": ("in", "during", "the"),
    "open": ("until", "than", "before", "in", "the", "least", "as", "of", "on", "is", "be"),
    "deadline": ("by", "than", "before", "to", "of", "the"),
}
_OPEN_AFTER = Words(
    r"\s*(?:,\s*)?(?:at\s+the\s+(?:very\s+)?earliest|or\s+later|or\s+beyond|and\s+beyond)"
)
# The window's own end after it: "before 2025 wraps up", "before the year is over".
_ENDS_AFTER = re.compile(
    r"\s+(?:wraps\s+up|ends|is\s+over|is\s+out|comes\s+to\s+(?:an\s+)?end|draws\s+to\s+a\s+close|closes)\b"
)
_DEADLINE_AFTER = Words(
    r"\s*(?:,\s*)?(?:at\s+the\s+(?:very\s+)?latest|or\s+(?:sooner|earlier)|if\s+not\s+(?:sooner|earlier))"
)


# A run, from its premiere to its end: the premiere alone is the release.
_RUN_FROM = Words(
    r"\b(?:ran|runs?|running|aired|airs|airing|broadcast|broadcasts|streamed|streams|"
    # "..., and the third from December 2023 to January 2024": the verb left out
    r"the\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest))\s+from\s+"
    r"(?:the\s+)?\Z"
)


# A year that leads its sentence: "In 2023, ...", "Back in 2019, ...".
_YEAR_LEAD = re.compile(
    r"^\W*(?:(?:back|earlier|later|also)\s+)?in\s+(?:early\s+|late\s+)?\Z", re.I
)
# A release moved: "pushes the release date from A to B", "shifted it from A to B".
_FROM_BEFORE = re.compile(r"\bfrom\s+\Z")
_MOVE_VERB = re.compile(
    r"\b(?:push|mov|shift|delay|postpon|bump|reschedul)\w*\s+(?:back\s+)?from\b"
)
# Where a move goes when it has no date: "to undated", "to TBD", "to an undetermined date".
_NO_NEW_DATE = Words(
    r"\s*,?\s*(?:to\s+)?(?:undated|tbd|tba|(?:an?\s+)?(?:undetermined|unspecified|unknown|"
    r"later|future|new)\s+date(?!\s+(?:of|in|on)\b)|indefinitely|off\s+the\s+calendar)\b"
)
_MOVED_FROM = Words(
    r"\b(?:push(?:es|ed|ing)?|mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|delay(?:s|ed|ing)?|"
    r"postpon(?:e|es|ed|ing)|bump(?:s|ed|ing)?|reschedul(?:e|es|ed|ing)|brought|bring(?:s|ing)?)"
    r"\b[^.;]{0,80}?\bfrom\s+(?:(?:its|the|their|an?|his|her|original|originally|planned|"
    r"previous|earlier)\s+)*\Z"
)


@dataclass(frozen=True)
class DateMention:
    """A date phrase found in text: its span and the window it means."""

    start: int
    end: int
    window: Window
    spec: Spec


def _merge_ranges(
    text: str, found: list[tuple[int, int, Spec]]
) -> list[tuple[int, int, Spec, Spec | None]]:
    """Join "X or Y", "X to Y", "between X and Y" into one (start, end, first, last)."""
    merged: list[tuple[int, int, Spec, Spec | None]] = []
    i = 0
    while i < len(found):
        start, end, spec = found[i]
        if i + 1 < len(found):
            nstart, nend, nspec = found[i + 1]
            gap = text[end:nstart]
            between = re.search(r"(?i)\bbetween\s+(?:the\s+)?$", text[max(0, start - 20) : start])
            if not _MOVE_IN_GAP.search(gap) and (
                _RANGE_JOIN.fullmatch(gap + " ")
                or (_BETWEEN_JOIN.fullmatch(gap) and _coarse_pair(spec, nspec))
                or (_RANGE_JOIN.search(gap) and len(gap) < 14)
                or (between and _BETWEEN_JOIN.fullmatch(gap))
            ):
                # "the Fall or Christmas of 2024": "the fall" takes the year named after it
                loose = spec.rel == 0 and text[start : start + 4].lower() == "the "
                if (not spec.has_year or (loose and nspec.year is not None)) and nspec.has_year:
                    spec = replace(spec, year=nspec.year, rel=nspec.rel)
                merged.append((start, nend, spec, nspec))
                i += 2
                continue
        merged.append((start, end, spec, None))
        i += 1
    return merged


def _coarse_pair(first: Spec, last: Spec) -> bool:
    """ "Scheduled for February and March are A, B and C": two months (or seasons, quarters)
    named together are one window from the first to the last."""
    return (
        first.unit == last.unit
        and first.unit in ("month", "season", "quarter")
        and (first.year == last.year or first.year is None)
    )


def find_dates(
    text: str,
    published: dt.date | None = None,
    *,
    past: bool = False,
    slate_year: int | None = None,
) -> list[DateMention]:
    """Every date phrase in ``text`` with the window it means, in order."""
    return resolve_phrases(text, date_phrases(text), published, past=past, slate_year=slate_year)


def resolve_phrases(
    text: str,
    found: list[tuple[int, int, Spec]],
    published: dt.date | None,
    *,
    past: bool = False,
    slate_year: int | None = None,
) -> list[DateMention]:
    """The windows of the phrases ``date_phrases`` found in ``text``, ranges joined."""
    mentions: list[DateMention] = []
    anchor = published  # undated text: a year-less date follows the last date with a year
    year_lead: int | None = None  # "In 2023, the anime ran from July to September": 2023's July
    # A later year the sentence has named: "mid-2027, possibly as early as June" is 2027's June.
    ahead: int | None = None
    for start, end, first, last in _merge_ranges(text, found):
        if first.unit == "year" and last is None and text.startswith(("'s ", "’s "), end):
            continue  # "(2025's Superman)", "2020's biggest hit": a year that tells of a work
        if published is None and mentions and mentions[-1].spec.has_year:
            anchor = mentions[-1].window.start or anchor
        if year_lead is not None and not first.has_year and first.rel is None:
            first = replace(first, year=year_lead)
            last = replace(last, year=year_lead) if last is not None and not last.has_year else last
        if first.unit == "year" and first.year is not None and _YEAR_LEAD.search(text, 0, start):
            year_lead = first.year
        if (
            last is None
            and _NO_NEW_DATE.match(text, end)
            and _MOVED_FROM.search(text, max(0, start - 120), start)
        ):
            continue  # "moves from 6/12/2020 to undated": the date it had, and none now
        window = resolve(first, anchor, past=past, slate_year=slate_year)
        if window is None:
            continue
        if (
            ahead is not None
            and not first.has_year
            and first.rel is None
            and window.start is not None
            and window.start.year < ahead
        ):
            window = resolve(replace(first, year=ahead), anchor, slate_year=slate_year) or window
        elif first.has_year and first.year and published and first.year > published.year:
            ahead = first.year
        if last is not None:
            other = resolve(last, anchor, past=past, slate_year=slate_year)
            if other is None:
                continue
            if window.start and other.start and window.start > other.start and not first.has_year:
                window = resolve(replace(first, year=(other.start.year - 1)), published) or window
            run = _RUN_FROM.search(text, max(0, start - 30), start)  # "aired from A to B": A
            if _MOVED_FROM.search(text, max(0, start - 120), start) or (
                _FROM_BEFORE.search(text, max(0, start - 8), start)
                and _MOVE_VERB.search(text, 0, start)
            ):  # (and a list after the first move: "; Avatar 3 from A to B")
                window, first = other, last  # "pushed from A to B": the date is B now
            elif window.start and other.end and window.start <= other.end and run is None:
                window = window.until(other)
        window = _apply_modifiers(text, start, end, window, first, published)
        if window is not None:
            mentions.append(DateMention(start, end, window, first))
    return mentions


def _apply_modifiers(
    text: str, start: int, end: int, window: Window, spec: Spec, published: dt.date | None
) -> Window:
    # The 80 characters before the phrase and the 30 after, read in place, not copied. (Each
    # "before" pattern ends at the phrase and none reaches back to the edge of its stretch.)
    before, after = max(0, start - 80), min(len(text), end + 30)
    word = last_word(text, start)
    if word in _LAST_WORDS["sometime"] and _SOMETIME_BEFORE.search(text, before, start):
        return window
    if _OPEN_AFTER.match(text, end, after) or (
        word in _LAST_WORDS["open"] and _OPEN_BEFORE.search(text, before, start)
    ):
        return window.open_from()
    if _DEADLINE_AFTER.match(text, end, after):
        return window.deadline(published)
    deadline = (
        _DEADLINE_BEFORE.search(text, before, start) if word in _LAST_WORDS["deadline"] else None
    )
    if deadline:
        ending = spec.unit == "part" and spec.name == "end"
        if _ENDS_AFTER.match(text, end):  # "before 2025 wraps up": by the end of 2025
            return window.deadline(published)
        if ending:  # "by the end of 2024", "before the end of 2024": the whole year
            assert window.end is not None
            window = Window.year(window.end.year)
        if not ending and deadline.group().lstrip().startswith(("before", "prior", "ahead")):
            assert window.start is not None
            last = window.start - dt.timedelta(days=1)
            inner = Window(last, last, window.granularity, window.value)
            result = inner.deadline(published)
            return Window(result.start, result.end, window.granularity, f"..<{window.value}")
        return window.deadline(published)
    return window


def last_word(text: str, start: int) -> str:
    """The word that ends, after spaces, just before ``start``, in lower case ("" if none):
    "by" in "by  summer"."""
    stop = start
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    if stop == start:
        return ""  # no space before: "(2024" or "mid-2024"
    begin = stop
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    return plain_letters(text[begin:stop]).lower()


def parse_window(
    phrase: str, published: dt.date | None = None, *, past: bool = False,
    slate_year: int | None = None,
) -> Window | None:  # fmt: skip
    """The window of a whole date phrase ("by summer 2021", "Q4 2026"), or None."""
    mentions = find_dates(phrase, published, past=past, slate_year=slate_year)
    return mentions[-1].window if mentions else None


__all__ = [
    "DateMention",
    "Spec",
    "find_dates",
    "month_end",
    "parse_window",
    "resolve",
    "resolve_phrases",
]
