"""The lines of a listing, told by what they hold besides a name and a date.

A listing gives each work a line of its own, or two: "Moon Court (Netflix) – March 5",
"Moon Court | Netflix | March 5", "Moon Court: March 5 on Netflix", or "Moon Court" over
"March 5 (Netflix)". What such a line holds besides the name and the day is only a
network, a weekday, a time, a label ("Premiere date:", "Streaming") and marks; a sentence
holds more. ``date_only`` tells a date's line; ``listing_names`` reads the names that lead
listing lines, for discovery.
"""

from __future__ import annotations

import re

from verifier.titles import AMBIGUOUS_WORDS

# A day: "March 5", "Mar. 5", "Friday, March 5", "March 5, 2027".
DAY = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"(?:,?\s+(?:19|20)\d\d\b)?"
)
# What a date's line may hold besides its day.
_BESIDES = re.compile(
    r"(?i:\b(?:premiere|release|air|streaming|launch|debut|broadcast|opening)\s+date\b|"
    r"\b(?:premieres?|premiering|releases?|streams?|streaming|airs?|airing|arrives?|out|date|when|"
    r"on|at|in|from|starting|weekly|new|episodes?|season|kst|est|pst|pt|et|gmt|ist|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|(?:mon|tue|wed|thu|fri|sat|sun)\.?)\b|"
    r"\d+\s*(?::\d\d)?\s*[ap]\.?m\.?)|"
    # a network or a weekday as written: "Netflix", "KBS2", "Disney+", "Apple TV+", "tvN"
    r"\b(?!(?:It|Its|This|The|They|She|He|We|You)\b)[A-Z][\w&.]*\+?|\b(?:tvN|iQIYI|jTBC|iQiyi)\b|\b\d{1,2}\b|[()\[\]|\t:,.;—–/+-]|\s"
)
_NAME_LEAD = re.compile(
    r"[ \t]*(?:[-*•·][ \t]+)?[\"'“‘]?([A-Z0-9][\w'’&!?.:-]*(?:[ \t]+(?:[A-Z0-9][\w'’&!?.:-]*|of|the|"
    r"and|a|an|in|on|to|for|at|no|is|my|our))*?)[\"'”’]?(?=[ \t]*(?:\(|\||\t|:[ \t]|[ \t](?:[—–-]|--)[ \t]|,[ \t]))"
)


_NOTES = re.compile(r"\([^()\n]{1,50}\)")


def date_only(line: str) -> bool:
    """Whether ``line`` holds one day and nothing else a sentence would (nor a clock time
    with a year, as a byline's stamp has: "Dec. 13, 2019, 4:08 p.m.")."""
    if len(line) > 70 or _STAMP.search(line):
        return False
    days = DAY.findall(line)
    if len(days) != 1:
        return False
    rest = DAY.sub(" ", line)
    return not _BESIDES.sub("", rest).strip()


_STAMP = re.compile(
    r"(?i)\b(?:19|20)\d\d\b.{0,12}?\d{1,2}:\d\d|\d{1,2}:\d\d.{0,12}?\b(?:19|20)\d\d\b"
)
# What leads a byline or a page's stamp, not a listing's line.
_STAMP_WORDS = re.compile(
    r"(?i)^(?:by\b|published|updated|posted|last\s+updated|modified|created|written|date|"
    r"photo|image|source|credit)|(?:published|updated|posted)$|"
    # a card's field label: "Premiere: March 5", "Airs: Fridays"
    r"^(?:premieres?|release|airs?|air\s+date|network|platform|when|where|time|streaming|"
    r"schedule|episodes?|genre|runtime|broadcast)$"
)


def listing_names(text: str) -> list[str]:
    """The names that lead a listing line ("Moon Court (Netflix) – March 5", "Moon Court |
    Netflix | March 5", "Moon Court: March 5 on Netflix"), and those on a line of their own
    over a date's line ("Moon Court" over "March 5 (Netflix)")."""
    names: list[str] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if len(line) > 90 or not line.strip():
            continue
        below = lines[i + 1] if i + 1 < len(lines) else ""
        if _NOTES.fullmatch(below.strip()) and not DAY.search(below) and i + 2 < len(lines):
            below = lines[i + 2]  # "Moon Court" / "(Netflix)" / "March 5"
        if not DAY.search(line):
            if below.strip() and date_only(below.strip()):
                name = re.sub(r"\s*\([^()]{1,40}\)\s*$", "", line.strip()).strip("\"'“”‘’ -•*")
                if _plausible(name):
                    names.append(name)
            continue
        lead = _NAME_LEAD.match(line)
        if lead is None:
            continue
        rest = line[lead.end() :]
        if date_only(rest) and _plausible(lead.group(1)):
            name = lead.group(1).strip()
            if line.lstrip()[:1] in "'‘\"“":  # "‘Fear the Walking Dead’ (AMC, June 4)"
                name = name.rstrip("'’\"”")
            names.append(name)
    return names


# A card's field, not a title: "Broadcasting Company: JTBC", "Run Time: 70 Min".
FIELD_LABEL = re.compile(
    r"(?i)\b(?:company|network|broadcaster|channel|cast|genre|director|writer|date|time|platform|"
    r"episodes|runtime|starring|where|when|studio|producer|rating|source|"
    r"where\s+to\s+(?:watch|stream)|streaming\s+on|available\s+on|coming\s+to\s+[\w+]+)\s*:"
)
_SMALL = {
    "of",
    "the",
    "and",
    "a",
    "an",
    "in",
    "on",
    "to",
    "for",
    "at",
    "no",
    "is",
    "my",
    "our",
    "&",
}
# A broadcast slot, not a name: "Monday-Tuesday 10 p.m. on KTV".
_SLOT = re.compile(
    r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\d{1,2}(?::\d\d)?\s*[ap]\.?m\b"
)


def _plausible(name: str) -> bool:
    words = name.split()
    return (
        0 < len(words) <= 7
        and all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL for w in words)
        and _SLOT.search(name) is None
        and FIELD_LABEL.search(name) is None
        and _STAMP_WORDS.search(name) is None
        and (words[0][0].isupper() or words[0][0].isdigit())
        and name.lower() not in AMBIGUOUS_WORDS
        and not name.endswith((".", ":", ","))
        and DAY.search(name) is None
    )


def listing_line(line: str, name_end: int) -> bool:
    """Whether ``line`` is a listing line whose name ends at ``name_end`` and whose rest is a
    date's: "Moon Court (Netflix) – March 5", "Moon Court | Netflix | March 5"."""
    lead = _NAME_LEAD.match(line)
    return (
        lead is not None
        and abs(lead.end() - name_end) <= 1
        and "\n" not in line.strip()
        and date_only(line[lead.end() :])
    )
