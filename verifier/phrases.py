"""Date phrases: finding them in text and reading each into an unresolved ``Spec``.

One scanning regex finds every phrase ("Q4 2026", "late summer", "Dec. 26");
``parse_spec`` reads the kind and the words of a match into a ``Spec`` (month 12,
no year), which ``verifier.dates`` joins into ranges and resolves into windows.
Months are matched capitalised: lower-case "may" and "march" are verbs.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace

from verifier.resolution import Spec
from verifier.scan import Words, gated, lowered, plain_letters

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "final": 4, "last": 4, "latter": 2, "back": 2, "front": 1}  # fmt: skip
SEASON_NAMES = {"spring": "spring", "summer": "summer", "fall": "fall", "autumn": "fall",
                "winter": "winter"}  # fmt: skip
REL_YEARS = {"this": 0, "next": 1, "last": -1, "the": 0}


def _month_alternation() -> str:
    # Months are matched capitalised (or in capitals): lower-case "may" and "march" are verbs.
    names = sorted(MONTHS, key=len, reverse=True)
    forms = [f"(?:{n.capitalize()}|{n.upper()})" + (r"\.?" if len(n) <= 4 else "") for n in names]
    return "(?:" + "|".join(f"(?:{f})" for f in forms) + r")(?![A-Za-z])"


M = _month_alternation()
Y = r"(?:19|20)\d{2}(?!\d)"
D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"  # not a time, but "September 15:"
WD = r"(?:(?i:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?i:day)?\.?,?\s+)"
RELY = r"(?i:(?:this|next|last)\s+year)"
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
PART = r"(?i:early|mid|late|the\s+end\s+of|end\s+of|the\s+start\s+of|start\s+of|the\s+beginning\s+of|beginning\s+of|the\s+middle\s+of|middle\s+of)"
ORD = r"(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w-])"
# ... or right after a release verb: "will premiere Friday", "arrives Sunday"
_AFTER_RELEASE_VERB = "(?:" + "|".join(
    f"(?<={verb} )"
    for verb in ("premiere", "premieres", "arrive", "arrives", "debut", "debuts", "air", "airs",
                 "drop", "drops", "return", "returns", "stream", "streams", "launch", "launches",
                 "land", "lands", "open", "opens", "release", "released", "premiered", "aired")
) + ")"  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

ALTERNATIVES: dict[str, str] = {
    # ("Mar.15, 2021": an abbreviation's dot may stand for the space)
    # "the last week of March 2024": that week's days
    "weekof": rf"(?i:the\s+)?(?i:first|second|third|fourth|last|final)\s+(?i:week)\s+of\s+{M}"
    rf"(?:,?\s+{Y}|\s+{RELY})?",
    "mdy": rf"{WD}?(?:the\s+)?{M}(?:\s+|\.(?=\d)){D}(?:\s*(?:-|–|and|&)\s*{D})?(?:,?\s+{Y}|\s+{RELY})?",
    "dmy": rf"{WD}?(?:the\s+)?{D}\s+(?:of\s+)?{M}(?:,?\s+{Y}|\s+{RELY})?",
    "my": rf"(?:(?i:early|mid|late)[-\s]+)?{M},?\s+(?:of\s+)?{Y}",
    "quarter": rf"(?:Q[1-4]\s*(?:of\s+)?{Y}|{Y}\s*Q[1-4]|Q[1-4]\s+(?:of\s+)?{RELY}|Q[1-4](?![\w-])|"
    # ("the first quarter 2021", "first quarter of 2021")
    rf"(?i:the\s+)?{ORD}\s+(?i:quarter)(?:\s+(?:of\s+)?{Y}|\s+of\s+(?:{RELY}|(?i:the\s+year)))?(?!\s+(?i:of)\b))",
    # "next quarter", "this quarter": the publication date's quarter, or the one after it
    "relquarter": r"(?i:(?:this|next|last|the\s+next|the\s+coming)\s+quarter)(?![\w-])",
    # "a winter launch looks likelier": a season named for a release, no year given
    "seasonfor": rf"(?:(?i:a|an)\s+{SEASON}(?=[-\s](?i:launch|release|premiere|debut|return|bow)\b)|"
    rf"{SEASON}(?=\s+(?i:at\s+the\s+(?:very\s+)?(?:earliest|latest)|or\s+later))|"
    # "premieres in spring.", "back in fall with ...": a bare season after "in", the clause
    # going on with punctuation or a small word (not "in Spring Fever", "in summer camp")
    rf"(?:(?<=\b(?i:in|by)\s)|(?<=\b(?i:until)\s)|(?<=\b(?i:till)\s)){SEASON}(?=\s*(?:[.,;:!?)]|$)|\s+(?i:and|or|with|on|as|"
    rf"after|before|when|while|for|to|at|alongside)\b))",
    "half": rf"(?:H[12]\s+{Y}|{Y}\s+H[12]|(?i:the\s+)?(?i:first|second|latter|back|front)\s+"
    rf"(?i:half)(?:\s+(?:of\s+)?{Y}|\s+of\s+(?:{RELY}|(?i:the\s+year)))?(?!\s+(?i:of)\b))",  # not "of the season"
    "season": rf"(?:(?i:(?:this|next|last|early|mid|late|the)[-\s]+)?{SEASON}(?:[\"'”’]?\s+(?:of\s+)?{Y}|\s+(?:of\s+)?{RELY})"
    rf"|(?i:(?:this|next|last|the|early|late|mid)[-\s]+)(?i:(?:upcoming|coming)\s+)?{SEASON}(?![\w-])"
    rf"|{SEASON}(?=\s+(?:or|to|and|through|into)\s+(?:(?i:early|late)\s+)?{SEASON}))",
    "part": rf"{PART}[-\s]*(?:{Y}|{RELY}|(?i:the\s+year))",
    # "The year will conclude with X": the year's end (of the slate's year, if any).
    "yearend": r"(?i:the\s+year\s+(?:will\s+)?(?:conclude|close|end|finish|wrap\s+up)s?\s+with"
    r"|(?:round|close|wrap|cap)(?:s|ping|ing)?\s+(?:out|off|up)\s+the\s+year)",
    # "by year's end", "a year-end release": this year's end
    "yearsend": r"(?i:(?:this\s+)?year'?s\s+end|year[-\s]end)(?![\w-])",
    "relyear": rf"(?i:(?:later|earlier|early|late)\s+)?{RELY}",
    # "the lineup for the new year": the year whose New Year's Day is nearest the writing
    "newyear": r"(?i:the\s+new\s+year)(?!\s*'?s\b|\s+(?:eve|day|holiday|break))",
    "holiday": r"(?i:(?:this|next|last)\s+)?(?i:christmas\s+day|christmas\s+eve|christmas|new\s+year'?s\s+eve|new\s+year'?s\s+day"
    r"|halloween|valentine'?s\s+day|thanksgiving)" + rf"(?:\s+(?:of\s+)?{Y})?",
    "month": rf"(?:(?i:this|next|last|early|mid|late)[-\s]+)?{M}(?:\s+{RELY})?",
    # not "the 1990s"; "aired in 1997-1998" is a run, read from its first year
    "year": rf"(?<![\d/.$£€-]){Y}(?:(?!\s*(?:-|–|/)\s*\d)|(?=\s*[-–]\s*(?:19|20)\d\d(?![\d/-])))"
    r"(?![%.]\d)(?![sS]\b)",
    # "premieres on Friday", "arrives this Thursday": a weekday after a word that makes it a
    # time (a bare "Wednesday" may be the show), with no date after it
    # (or a field's value: "Coming to Netflix: Friday")
    "weekday": rf"(?:(?i:on|this|next|until|till|by)\s+|{_AFTER_RELEASE_VERB}|(?<=:\s)){WEEKDAY}"
    # not "Saturday and Sunday", nor a slot: "on Friday nights"
    rf"(?!'|\s*,?\s+(?:the\s+)?(?:{M}|\d)|\s+(?:and|&|through|to)\s+{WEEKDAY}|\s+(?i:nights)\b)",
}
# Phrases start at the start of a word: the lookahead lets the scanner skip the middles of
# words at once, which is most of the text; ``gated`` adds the letters a phrase can begin
# with ("the", "mar", "q1"), so most words are passed over at their first letters.
_PHRASES = re.compile(
    r"\b(?=[0-9A-Za-z])(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in ALTERNATIVES.items())
    + ")"
)
_SCAN = gated(_PHRASES)
# Dates counted from the page's: "next month", "early next month", "tomorrow", "this
# weekend", "next week", "in two weeks". Scanned apart, only in text holding one of their
# words: "to", "in", "this" and "next" begin far more words than these phrases.
_COUNTED = {
    "relmonth": r"(?:(?:early|mid|late|later|earlier)[-\s]+)?(?:this|next|last)\s+month(?![\w-])",
    "relday": r"(?:today|tonight|tomorrow|yesterday)(?![\w-])",
    "relweek": r"(?:this|next|last)\s+(?:week|weekend)(?![\w-])",
    "inweeks": r"in\s+(?:a|one|two|three|four|five|six|\d{1,2})\s+(?:days?|weeks?)(?![\w-])",
}
_COUNTED_SCAN = re.compile(
    r"(?i)\b(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _COUNTED.items()) + ")"
)
_COUNTED_WORDS = ("today", "tonight", "tomorrow", "yesterday", "week", "month", "days")


# Read once per phrase found: compiled here, not looked up in ``re``'s cache each time.
_YEAR = re.compile(Y)
_MONTH = re.compile(M)
_REL_YEAR = re.compile(r"(?i)\b(this|next|last)\s+year\b")
_PART_WORDS = tuple(
    (re.compile(rf"\b{word}"), part)
    for word, part in (("early", "early"), ("beginning", "start"), ("start", "start"),
                       ("mid", "mid"), ("middle", "mid"), ("late", "late"), ("end", "end"))
)  # fmt: skip


def _year_of(text: str) -> tuple[int | None, int | None]:
    found = _YEAR.search(text)
    if found:
        return int(found.group()), None
    rel = _REL_YEAR.search(text)
    if rel:
        return None, REL_YEARS[rel.group(1).lower()]
    return None, None


def _part_word(text: str) -> str | None:
    lowered = text.lower()
    return next((part for word, part in _PART_WORDS if word.search(lowered)), None)


def _month_number(text: str) -> int:
    found = _MONTH.search(text)
    assert found is not None
    return MONTHS[found.group().rstrip(".").lower()]


_WEEKDAY_FIRST = re.compile(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


def parse_spec(kind: str, text: str) -> Spec | None:
    """Parse one matched alternative into a Spec (None: not a date after all)."""
    year, rel = _year_of(text)
    lowered = text.lower()
    if kind in ("mdy", "dmy"):
        without_year = _YEAR.sub("", text)
        days = [
            int(d) for d in re.findall(r"(?<![\d])(\d{1,2})(?:st|nd|rd|th)?(?!\d)", without_year)
        ]
        if not days:
            return None
        # "Friday 12 May": the weekday settles a year that is not written
        named_day = _WEEKDAY_FIRST.match(lowered)
        return Spec(
            "day",
            year,
            rel,
            _month_number(text),
            days[0],
            days[-1] if len(days) > 1 else None,
            weekday=_WEEKDAYS.index(named_day.group(1)) if named_day else None,
        )
    if kind == "weekof":
        month = _month_number(text)
        which = lowered.split()[1] if lowered.startswith("the ") else lowered.split()[0]
        last = calendar.monthrange(year or 2023, month)[1]
        first = {"first": 1, "second": 8, "third": 15, "fourth": 22}.get(which, last - 6)
        return Spec("day", year, rel, month, first, min(first + 6, last))
    if kind == "numeric":
        numbers = [int(n) for n in text.split("/")]
        first, second = numbers[0], numbers[1]
        month, day = (first, second) if first <= 12 else (second, first)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if len(numbers) == 2:
            return Spec("day", None, None, month, day)
        last = numbers[2]
        return Spec("day", last if last > 99 else 2000 + last, None, month, day)
    if kind in ("my", "month"):
        named = _MONTH.search(text)
        part = _part_word(text.split(named.group())[0]) if named else None
        rel_word = re.match(r"(?i)(this|next|last)\b", text)
        if rel_word and rel is None and year is None:
            return Spec(
                "month", None, None, _month_number(text), part=part, name=rel_word[1].lower()
            )
        return Spec("month", year, rel, _month_number(text), part=part)
    if kind == "relquarter":
        word = lowered.split()[-2]
        return Spec("quarter", name={"this": "this", "last": "last"}.get(word, "next"))
    if kind == "seasonfor":
        found = re.search(SEASON, text)
        assert found is not None
        return Spec("season", name=SEASON_NAMES[found.group().lower()])
    if kind == "quarter":
        number = re.search(r"Q([1-4])", text)
        if number:
            return Spec("quarter", year, rel, number=int(number.group(1)))
        ordinal = re.search(ORD, text)
        assert ordinal is not None
        return Spec("quarter", year, rel, number=ORDINALS[ordinal.group().lower()])
    if kind == "half":
        number = re.search(r"H([12])", text)
        if number:
            return Spec("half", year, rel, number=int(number.group(1)))
        ordinal = re.search(r"(?i)first|second|latter|back|front", text)
        assert ordinal is not None
        return Spec("half", year, rel, number=ORDINALS[ordinal.group().lower()])
    if kind == "season":
        found = re.search(SEASON, text)
        assert found is not None
        lead = lowered[: found.start()]
        rel_word = re.search(r"\b(this|next|last)\b", lead)
        if rel_word and year is None and rel is None:
            rel = REL_YEARS[rel_word[1]]
        return Spec(
            "season", year, rel, name=SEASON_NAMES[found.group().lower()], part=_part_word(lead)
        )
    if kind == "part":
        lead = re.split(r"\d|this|next|last|the\s+year", lowered)[0]
        return Spec("part", year, rel if rel is not None else (0 if year is None else None),
                    name=_part_word(lead) or "mid")  # fmt: skip
    if kind == "yearend":
        return Spec("part", name="end")
    if kind == "yearsend":
        return Spec("part", rel=0, name="end")
    if kind == "relyear":
        return Spec("year", None, rel, later=lowered.startswith(("later", "late")),
                    name="early" if lowered.startswith(("earlier", "early")) else None)  # fmt: skip
    if kind == "newyear":
        return Spec("year", name="new")
    if kind == "holiday":
        name = re.sub(r"[\s']+", " ", _YEAR.sub("", lowered)).strip().removesuffix(" of")
        # "next Christmas": the one after the coming one; "this Christmas": the coming one
        lead, _, rest = name.partition(" ")
        if lead in ("this", "next", "last") and rest:
            return Spec("holiday", year, rel, name=rest, number=REL_YEARS[lead])
        return Spec("holiday", year, rel, name=name)
    if kind == "year":
        return Spec("year", year)
    if kind == "relmonth":
        words = lowered.replace("-", " ").split()
        part = {"early": "early", "mid": "mid", "late": "late", "later": "late"}.get(words[0])
        rel = REL_YEARS[words[-2]]
        return Spec("month", name="rel", number=rel, part=part)
    if kind == "relday":
        return Spec(
            "reldays", number={"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[lowered]
        )
    if kind == "relweek":
        words = lowered.split()
        return Spec("relweek", number=REL_YEARS[words[0]], name=words[1])
    if kind == "inweeks":
        words = lowered.split()
        count = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}.get(
            words[1]
        )
        ahead = (count if count is not None else int(words[1])) * (
            7 if words[2].startswith("week") else 1
        )
        return Spec("reldays", number=ahead)
    if kind == "weekday":
        words = lowered.split()
        return Spec("weekday", number=_WEEKDAYS.index(words[-1]), name=words[0])
    return None


# "moves to 5/1/26", "on 12/24/2026": month first (day first where the first is over 12).
# Scanned apart, only in text with a slash: a pattern that may begin with any digit would
# keep ``gated`` from skipping the words that cannot begin a phrase.
_NUMERIC = re.compile(
    r"(?<![\d/.$£€-])\d{1,2}/\d{1,2}/(?:20)?\d{2}(?![\d/])|(?<=\bon\s)\d{1,2}/\d{1,2}(?![\d/])"
)  # and "drops on 12/25", with no year


# "will be released in the first quarter, while X comes out in the third": the noun left out.
_ELLIPTIC = re.compile(
    r"(?i)\b(?:in|by|for|during|until)\s+(the\s+(?:second|third|fourth|final|last|latter))"
    r"(?=\s*(?:[.,;:!?)]|$|and\b|or\b))"
)
_ORDINAL_NUMBER = {"second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4, "latter": 2}


def _elliptic(text: str, found: list[tuple[int, int, Spec]]) -> list[tuple[int, int, Spec]]:
    """The quarters and halves written after one named with its noun, the noun left out."""
    added: list[tuple[int, int, Spec]] = []
    for match in _ELLIPTIC.finditer(text):
        before = [f for f in found if f[1] <= match.start() and f[2].unit in ("quarter", "half")]
        if not before or match.start() - before[-1][1] > 200:
            continue
        model = before[-1][2]
        number = _ORDINAL_NUMBER[match.group(1).split()[-1].lower()]
        if model.unit == "half":
            number = min(number, 2)
        added.append((match.start(1), match.end(1), replace(model, number=number)))
    return sorted(found + added, key=lambda f: f[0]) if added else found


# The words a bare month "May" follows ("in May", "by early May"); after others it is a verb.
_MAY_BEFORE = re.compile(
    r"(?i)(?:^|\b(?:in|on|by|until|till|since|from|of|early|mid|late|this|next|last|before|after|"
    r"through|and|or|to|between|during|around|for|come|since|the|as\s+of)[\s-]+|[(\n]\s*)\Z"
)


# Anime broadcast seasons are calendar quarters: "the Spring 2026 anime season", "Fall 2025 cour".
# "the Winter 2026 and Spring 2026 anime seasons": each season named before the marker too.
_BROADCAST = re.compile(
    r"(?i)(?:\s*(?:,|and|or|&)\s+(?:spring|summer|fall|winter)\s+\d{4})*"
    r"\s+(?:anime\s+(?:seasons?|lineups?|line-ups?|schedules?|slates?)|cours?|anime\s+cours?)\b"
)
_BROADCAST_QUARTER = {"winter": 1, "spring": 2, "summer": 3, "fall": 4}


def _broadcast_quarter(spec: Spec) -> Spec:
    assert spec.name is not None
    return Spec("quarter", spec.year, spec.rel, number=_BROADCAST_QUARTER[spec.name])


_OF = re.compile(r"\s+of\s+")


def _of_year(text: str, found: list[tuple[int, int, Spec]]) -> list[tuple[int, int, Spec]]:
    """ "July 4th of this year", "March 3rd of 2027": a day or a month and then its year,
    one phrase."""
    merged: list[tuple[int, int, Spec]] = []
    for start, end, spec in found:
        if merged:
            first, last, before = merged[-1]
            if (
                before.unit in ("day", "month")
                and not before.has_year
                and spec.unit == "year"
                and spec.name is None
                and not spec.later
                and _OF.fullmatch(text, last, start)
            ):
                merged[-1] = (first, end, replace(before, year=spec.year, rel=spec.rel))
                continue
        merged.append((start, end, spec))
    return merged


def date_phrases(text: str) -> list[tuple[int, int, Spec]]:
    """The date phrases of ``text``, read but not resolved: (start, end, spec) in order.
    Most texts have none, and then nothing else about them (their tense) need be known."""
    found: list[tuple[int, int, Spec]] = []
    for match in _SCAN.finditer(text):
        kind = match.lastgroup
        assert kind is not None
        if (
            kind == "month"
            and match.group() == "May"
            and not _MAY_BEFORE.search(text, max(0, match.start() - 16), match.start())
        ):
            continue  # "Devil May Cry": the verb in a name, not the month
        spec = parse_spec(kind, plain_letters(match.group()))  # "ſummer" matched as "summer"
        if spec is not None and spec.unit == "season" and _BROADCAST.match(text, match.end()):
            spec = _broadcast_quarter(spec)
        if spec is not None:
            found.append((match.start(), match.end(), spec))
    if any(spec.unit in ("quarter", "half") for _, _, spec in found):
        found = _elliptic(text, found)
    if len(found) > 1 and " of " in text:
        found = _of_year(text, found)
    low = lowered(text)
    if any(word in low for word in _COUNTED_WORDS):
        counted = []
        for match in _COUNTED_SCAN.finditer(text):
            kind = match.lastgroup
            assert kind is not None
            spec = parse_spec(kind, match.group())
            if spec is not None and not any(
                s < match.end() and match.start() < e for s, e, _ in found
            ):
                counted.append((match.start(), match.end(), spec))
        if counted:
            found = sorted(found + counted, key=lambda f: f[0])
    if "/" in text:
        for match in _NUMERIC.finditer(text):
            spec = parse_spec("numeric", match.group())
            if spec is not None and not any(
                s < match.end() and match.start() < e for s, e, _ in found
            ):
                found.append((match.start(), match.end(), spec))
        found.sort(key=lambda f: f[0])
    return found


# A cheap test that a sentence may hold a date phrase at all; most sentences do not. Digits
# are looked for apart: ``re`` finds a digit by a tight loop over the text, and the words
# are then tried only at words that begin as they do.
_DIGIT = re.compile(r"\d")
_DATE_WORD = Words(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|"
    r"winter|year|quarter|half|christmas|new\s+year|halloween|valentine|thanksgiving|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|month|week|today|tonight|"
    r"tomorrow|yesterday|days)"
)


def may_hold_date(text: str) -> bool:
    """False only if ``text`` holds no date phrase: a digit or a date word comes in each."""
    return bool(_DIGIT.search(text) or _DATE_WORD.search(text))
