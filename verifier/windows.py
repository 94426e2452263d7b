"""Windows: closed date intervals with a granularity, and their TIMEX3-like text.

``Window`` is the value; ``Window.from_value`` reads the canonical text form
(``2026-12-26``, ``2026-12``, ``2026-Q4``, ``2026-H1``, ``2026-SU``,
``2027-EARLY``, ``2027``, ``..2026-03`` for a deadline, ``2027..`` for an open
window). Finding date phrases in text lives in ``verifier.dates``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

GRANULARITIES = ("day", "month", "quarter", "half", "season", "part-of-year", "year")
_FINER = {g: i for i, g in enumerate(GRANULARITIES)}

SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "winter": "WI"}
PART_CODES = {"early": "EARLY", "mid": "MID", "late": "LATE", "end": "END", "start": "START"}
# Months (first, last) of each part of a year, by DESIGN.md's conventions.
PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (10, 12), "start": (1, 3)}
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "winter": (12, 14)}


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """Months ``first..last`` of ``year``; months past 12 run into the next year."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), month_end(end_year, end_month)


@dataclass(frozen=True, order=True)
class Window:
    """A date interval. ``end`` None is open-ended; ``start`` None is an unknown start."""

    start: dt.date | None
    end: dt.date | None
    granularity: str
    value: str

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"window {self.value} starts after it ends")

    @property
    def open_ended(self) -> bool:
        return self.end is None

    def contains(self, other: Window) -> bool:
        """Whether ``other`` lies within this window (both bounded)."""
        if None in (self.start, self.end, other.start, other.end):
            return False
        return self.start <= other.start and other.end <= self.end  # type: ignore[operator]

    def coarser(self, other: Window) -> str:
        return max(self.granularity, other.granularity, key=_FINER.__getitem__)

    def describe(self) -> str:
        """The window in words: "December 2026", "Q4 2026", "26 December 2026", "by summer 2026"."""
        value = self.value
        if value.startswith(".."):
            return "by " + Window.from_value(value[2:]).describe()
        if value.endswith(".."):
            return Window.from_value(value[:-2]).describe() + " or later"
        if "/" in value:
            first, last = value.split("/", 1)
            return f"{Window.from_value(first).describe()} to {Window.from_value(last).describe()}"
        return _describe_value(value)

    def as_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "granularity": self.granularity,
            "value": self.value,
        }

    # Constructors for each granularity -------------------------------------------------

    @classmethod
    def day(cls, date: dt.date) -> Window:
        return cls(date, date, "day", date.isoformat())

    @classmethod
    def days(cls, first: dt.date, last: dt.date) -> Window:
        return cls(first, last, "day", f"{first.isoformat()}/{last.isoformat()}")

    @classmethod
    def month(cls, year: int, month: int, part: str | None = None) -> Window:
        if part is None:
            return cls(
                dt.date(year, month, 1), month_end(year, month), "month", f"{year}-{month:02d}"
            )
        last = month_end(year, month).day
        first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part]
        return cls(
            dt.date(year, month, first_day),
            dt.date(year, month, last_day),
            "month",
            f"{year}-{month:02d}-{PART_CODES[part]}",
        )

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Window:
        start, end = _month_span(year, 3 * quarter - 2, 3 * quarter)
        return cls(start, end, "quarter", f"{year}-Q{quarter}")

    @classmethod
    def half(cls, year: int, half: int) -> Window:
        start, end = _month_span(year, 6 * half - 5, 6 * half)
        return cls(start, end, "half", f"{year}-H{half}")

    @classmethod
    def season(cls, year: int, season: str, part: str | None = None) -> Window:
        first, last = SEASON_MONTHS[season]
        start, end = _month_span(year, first, last)
        value = f"{year}-{SEASON_CODES[season]}"
        if part in ("early", "late", "mid"):
            length = (end - start).days + 1
            if part == "early":
                end = start + dt.timedelta(days=length // 2 - 1)
            elif part == "late":
                start = start + dt.timedelta(days=length // 2)
            else:
                start, end = _month_span(year, first + 1, first + 1)
            value += f"-{PART_CODES[part]}"
        return cls(start, end, "season", value)

    @classmethod
    def part_of_year(cls, year: int, part: str) -> Window:
        start, end = _month_span(year, *PART_MONTHS[part])
        return cls(start, end, "part-of-year", f"{year}-{PART_CODES[part]}")

    @classmethod
    def year(cls, year: int) -> Window:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", str(year))

    # Derived forms ------------------------------------------------------------------------

    def until(self, other: Window) -> Window:
        """The span from this window's start to ``other``'s end ("October or November")."""
        return Window(self.start, other.end, self.coarser(other), f"{self.value}/{other.value}")

    def deadline(self, since: dt.date | None) -> Window:
        """ "by <this>": from ``since`` (the publication date, if known) to this window's end."""
        start = since if since is not None and self.end is not None and since <= self.end else None
        return Window(start, self.end, self.granularity, f"..{self.value}")

    def open_from(self) -> Window:
        """ "not before <this>", "<this> at the earliest": from this window's start, open."""
        return Window(self.start, None, self.granularity, f"{self.value}..")

    @classmethod
    def from_value(cls, value: str, since: dt.date | None = None) -> Window:
        """Read the canonical text form; ValueError names what was expected."""
        text = value.strip()
        if text.endswith(".."):
            return cls.from_value(text[:-2]).open_from()
        if text.startswith(".."):
            return cls.from_value(text[2:]).deadline(since)
        if "/" in text:
            first, last = text.split("/", 1)
            a, b = cls.from_value(first), cls.from_value(last)
            if a.granularity == b.granularity == "day":
                assert a.start and b.end
                return cls.days(a.start, b.end)
            return a.until(b)
        for pattern, build in _VALUE_FORMS:
            match = re.fullmatch(pattern, text, re.IGNORECASE)
            if match:
                try:
                    return build(match)
                except ValueError:
                    break
        raise ValueError(
            f"{value!r} is not a window value (expected e.g. 2026-12-26, 2026-12, "
            "2026-Q4, 2026-H1, 2026-SU, 2027-EARLY, 2027, ..2026-03 or 2027..)"
        )


def _describe_value(value: str) -> str:
    year, _, rest = value.partition("-")
    if not rest:
        return year
    head, _, tail = rest.partition("-")
    if head.isdigit() and tail.isdigit():
        return f"{int(tail)} {calendar.month_name[int(head)]} {year}"
    if head.isdigit():
        month = f"{calendar.month_name[int(head)]} {year}"
        return f"{_PART_BY_CODE[tail]} {month}" if tail else month
    if head[0] == "Q" or head[0] == "H":
        return f"{head} {year}"
    if head in _SEASON_BY_CODE:
        season = f"{_SEASON_BY_CODE[head]} {year}"
        return f"{_PART_BY_CODE[tail]} {season}" if tail else season
    if head in ("END", "START"):
        return f"{_PART_BY_CODE[head]} of {year}"
    return f"{_PART_BY_CODE[head]} {year}" if head in _PART_BY_CODE else value


_SEASON_BY_CODE = {code: name for name, code in SEASON_CODES.items()}
_PART_BY_CODE = {code: name for name, code in PART_CODES.items()}
_VALUE_FORMS: list[tuple[str, Any]] = [
    (r"(\d{4})-(\d{2})-(\d{2})", lambda m: Window.day(dt.date(int(m[1]), int(m[2]), int(m[3])))),
    (
        r"(\d{4})-(\d{2})-(EARLY|MID|LATE)",
        lambda m: Window.month(int(m[1]), int(m[2]), _PART_BY_CODE[m[3].upper()]),
    ),
    (r"(\d{4})-(\d{2})", lambda m: Window.month(int(m[1]), int(m[2]))),
    (r"(\d{4})-Q([1-4])", lambda m: Window.quarter(int(m[1]), int(m[2]))),
    (r"(\d{4})-H([12])", lambda m: Window.half(int(m[1]), int(m[2]))),
    (
        r"(\d{4})-(SP|SU|FA|WI)(?:-(EARLY|MID|LATE))?",
        lambda m: Window.season(
            int(m[1]),
            _SEASON_BY_CODE[m[2].upper()],
            _PART_BY_CODE[m[3].upper()] if m[3] else None,
        ),
    ),
    (
        r"(\d{4})-(EARLY|MID|LATE|END|START)",
        lambda m: Window.part_of_year(int(m[1]), _PART_BY_CODE[m[2].upper()]),
    ),
    (r"(\d{4})", lambda m: Window.year(int(m[1]))),
]
