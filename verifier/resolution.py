"""Resolution: the window a date phrase means, given where and when it was written.

A ``Spec`` is a phrase as written ("March 14", "the fourth quarter", "next
summer") with its year still open. ``resolve`` settles the year: an explicit
year wins, then a relative one ("next year"), then the slate's year for
quarters, halves and parts of the year, then the publication date (the next
such date, or the last one when the text speaks of the past).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from verifier.windows import Window


@dataclass(frozen=True)
class Spec:
    """A date phrase as written, before the year is settled."""

    unit: str  # day, month, quarter, half, season, part, year, holiday, weekday, reldays, relweek
    year: int | None = None
    rel: int | None = None  # years relative to publication ("next year": 1)
    month: int | None = None
    day: int | None = None
    last_day: int | None = None
    number: int | None = None  # quarter or half number, weekday (Monday 0)
    name: str | None = None  # season name, part-of-year name, holiday name
    part: str | None = None  # early, mid, late within a month or season
    later: bool = False  # "later this year": from publication to the year's end
    weekday: int | None = None  # a day's weekday as written ("Friday 12 May": 4)

    @property
    def has_year(self) -> bool:
        return self.year is not None or self.rel is not None


_HOLIDAYS = {"christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24),
             "new year s eve": (12, 31), "new years eve": (12, 31), "new year s day": (1, 1),
             "new years day": (1, 1), "halloween": (10, 31), "valentine s day": (2, 14),
             "valentines day": (2, 14)}  # fmt: skip


def _thanksgiving(year: int) -> dt.date:
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def _build(spec: Spec, year: int) -> Window | None:
    """The window for ``spec`` in ``year``; None when the date does not exist."""
    try:
        if spec.unit == "day":
            assert spec.month is not None and spec.day is not None
            first = dt.date(year, spec.month, spec.day)
            if spec.last_day and spec.last_day > spec.day:
                return Window.days(first, dt.date(year, spec.month, spec.last_day))
            return Window.day(first)
        if spec.unit == "month":
            assert spec.month is not None
            return Window.month(year, spec.month, spec.part)
        if spec.unit == "quarter":
            assert spec.number is not None
            return Window.quarter(year, spec.number)
        if spec.unit == "half":
            assert spec.number is not None
            return Window.half(year, spec.number)
        if spec.unit == "season":
            assert spec.name is not None
            return Window.season(year, spec.name, spec.part)
        if spec.unit == "part":
            assert spec.name is not None
            return Window.part_of_year(year, spec.name)
        if spec.unit == "holiday":
            assert spec.name is not None
            if spec.name == "thanksgiving":
                return Window.day(_thanksgiving(year))
            month, day = _HOLIDAYS[spec.name]
            return Window.day(dt.date(year, month, day))
        return Window.year(year)
    except (ValueError, KeyError):
        return None


def resolve(
    spec: Spec, published: dt.date | None, *, past: bool = False, slate_year: int | None = None
) -> Window | None:
    """The window a Spec means, given where and when it was written."""
    if spec.year is not None:
        return _build(spec, spec.year)
    if spec.unit in ("reldays", "relweek") or (spec.unit == "month" and spec.name == "rel"):
        return None if published is None else _counted(spec, published)
    if spec.unit == "quarter" and spec.name in ("this", "next", "last"):
        if published is None:
            return None
        index = published.year * 4 + (published.month - 1) // 3
        index += {"this": 0, "next": 1, "last": -1}[spec.name]
        return Window.quarter(index // 4, index % 4 + 1)
    if spec.unit == "year" and spec.name == "new":  # "the new year": the nearest to begin
        return None if published is None else _build(spec, published.year + (published.month > 6))
    if spec.rel is not None:
        if published is None:
            return None
        year = published.year + spec.rel
        window = _build(spec, year)
        if window and spec.unit == "year" and spec.later and published.year == year:
            return Window(published, window.end, "year", f"{published.isoformat()}/{year}")
        return window
    if spec.unit in ("quarter", "half", "part") and slate_year is not None:
        return _build(spec, slate_year)
    if spec.unit == "weekday":
        return None if published is None else _weekday(spec, published, past=past)
    if spec.unit == "holiday" and spec.number is not None and published is not None:
        coming = _nearest(replace(spec, number=None), published, past=spec.number < 0)
        if coming is None or coming.start is None or spec.number <= 0:
            return coming
        return _build(spec, coming.start.year + spec.number)
    if published is None:
        return _build(spec, slate_year) if slate_year is not None else None
    if spec.unit == "month" and spec.name in ("this", "next", "last"):
        return _relative_month(spec, published)
    if spec.unit in ("quarter", "half"):
        return _build(spec, published.year)
    if spec.unit == "day" and spec.weekday is not None:
        # "release date: Friday 12 May" on a page of June 2023: the 12 May that is a Friday
        fitting = [
            window
            for year in (published.year - 1, published.year, published.year + 1)
            if (window := _build(spec, year)) is not None
            and window.start is not None
            and window.start.weekday() == spec.weekday
        ]
        if len(fitting) == 1:
            return fitting[0]
    return _nearest(spec, published, past=past)


def _counted(spec: Spec, published: dt.date) -> Window | None:
    """Dates counted from the page's: "tomorrow", "in two weeks", "next week", "this weekend",
    "early next month"."""
    assert spec.number is not None
    if spec.unit == "reldays":
        return Window.day(published + dt.timedelta(days=spec.number))
    if spec.unit == "relweek":
        monday = (
            published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=spec.number)
        )
        if spec.name == "weekend":
            return Window.days(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
        return Window.days(monday, monday + dt.timedelta(days=6))
    index = published.year * 12 + published.month - 1 + spec.number
    return Window.month(index // 12, index % 12 + 1, spec.part)


def _weekday(spec: Spec, published: dt.date, *, past: bool) -> Window:
    """ "on Friday": the next one from publication on, or the last one before it (past); "next
    Friday" is a week on from "this Friday"."""
    assert spec.number is not None
    ahead = (spec.number - published.weekday()) % 7
    if past:
        return Window.day(published - dt.timedelta(days=(7 - ahead) % 7))
    if spec.name == "next" and ahead == 0:
        ahead = 7
    return Window.day(published + dt.timedelta(days=ahead))


def _relative_month(spec: Spec, published: dt.date) -> Window | None:
    assert spec.month is not None
    if spec.name == "last":
        year = published.year if spec.month < published.month else published.year - 1
    elif spec.name == "next":
        year = published.year if spec.month > published.month else published.year + 1
    else:
        year = published.year
    return _build(replace(spec, name=None), year)


def _nearest(spec: Spec, published: dt.date, *, past: bool) -> Window | None:
    """The next occurrence on or after publication, or the last on or before it (past)."""
    for year in (
        (published.year, published.year - 1) if past else (published.year, published.year + 1)
    ):
        window = _build(spec, year)
        if window is None or window.start is None or window.end is None:
            continue
        if past and window.start <= published:
            return window
        grace = _GRACE if window.granularity == "day" else dt.timedelta(0)
        if not past and window.end >= published - grace:
            return window
    return None


# A day a few days before the page's date is that day, not next year's: the date a page gives
# is often its last update or the day it was read, a little after it was written.
_GRACE = dt.timedelta(days=10)
