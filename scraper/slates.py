"""Official schedule pages: one (title, when) row per listed title.

Streamers publish line-ups as tables (a title column and a date column), as
lists under date headings ("Coming in December" → titles), as list items that
carry both ("Night Harbor: Season 2 — December 12"), or as JSON-LD. The rows
keep the date as written; turning it into a window is the verifier's job.
A season column ("Season", "S", "Season no.") or a JSON-LD season's
``seasonNumber`` gives the row's season; a "Season 2" inside the title cell is
read by the title registry. Other columns (genre, platform, episodes) are
ignored; the date column is the one whose cells read as dates.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

_TITLE_HEADER = re.compile(
    r"\b(?:title|series|show|film|movie|name|programme|program|drama)s?\b", re.I
)
_DATE_HEADER = re.compile(
    r"\b(?:release|date|premieres?|when|window|launch|airs?|coming|streaming|available)\b", re.I
)
_SEASON_HEADER = re.compile(
    r"^\s*(?:(?:season|s)\s*(?:no\.?|number|#)?|series\s*(?:no\.?|number|#))\s*$", re.I
)
_SEASON_CELL = re.compile(r"^\s*(?:season|series|s)?\s*(\d{1,2})\s*$", re.I)
_DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\bQ[1-4]\b|"
    r"\b(?:spring|summer|fall|autumn|winter|quarter|half|(?:19|20)\d{2})\b|\d{1,2}/\d{1,2}",
    re.I,
)
_SPLIT = re.compile(r"^(?P<title>.+?)\s*(?:[:—–|]|\s-\s|\()\s*(?P<when>[^()]+?)\)?\s*$")
_JSON_LD_TYPES = {
    "Movie",
    "TVSeries",
    "TVSeason",
    "CreativeWorkSeason",
    "TVEpisode",
    "CreativeWork",
}


@dataclass(frozen=True)
class SlateRow:
    title: str
    when: str
    season: int | None = None


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _season(cell: str) -> int | None:
    match = _SEASON_CELL.match(cell)
    return int(match[1]) if match else None


def _columns(header: list[str], body: list[list[str]]) -> tuple[int, int, int | None] | None:
    """The title, date and season columns of a table with a header row, if it has one.

    A season header is a season column only when the whole header says so
    ("Season", not "Season premiere"). Of the headers that could be the date's,
    the one whose cells most often read as dates wins ("Streaming on" holds names).
    """
    season_col = next((i for i, h in enumerate(header) if _SEASON_HEADER.match(h)), None)
    title_col = next(
        (i for i, h in enumerate(header) if _TITLE_HEADER.search(h) and i != season_col), None
    )
    dated = [
        i
        for i, h in enumerate(header)
        if _DATE_HEADER.search(h) and i not in (title_col, season_col)
    ]
    if title_col is None or not dated:
        return None

    def dates_in(column: int) -> int:
        return sum(1 for cells in body if len(cells) > column and _DATE_WORDS.search(cells[column]))

    return title_col, max(dated, key=dates_in), season_col


def _tables(soup: BeautifulSoup) -> list[SlateRow]:
    rows: list[SlateRow] = []
    for table in soup.find_all("table"):
        lines = [
            [_text(c) for c in r.find_all(["td", "th"])]
            for r in table.find_all("tr")
            if isinstance(r, Tag)
        ]
        if not lines:
            continue
        columns = _columns(lines[0], lines[1:])
        if columns is None:
            title_col, date_col, season_col, body = (
                0,
                1,
                None,
                lines,
            )  # a headerless two-column table
        else:
            (title_col, date_col, season_col), body = columns, lines[1:]
        for cells in body:
            if len(cells) > max(title_col, date_col):
                title, when = cells[title_col], cells[date_col]
                season = (
                    _season(cells[season_col])
                    if season_col is not None and len(cells) > season_col
                    else None
                )
                if title and _DATE_WORDS.search(when):
                    rows.append(SlateRow(title, when, season))
    return rows


def _lists(soup: BeautifulSoup) -> list[SlateRow]:
    rows: list[SlateRow] = []
    heading = ""
    for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "li"]):
        text = _text(tag)
        if tag.name != "li":
            heading = text if _DATE_WORDS.search(text) else ""
            continue
        match = _SPLIT.match(text)
        if match and _DATE_WORDS.search(match["when"]):
            rows.append(SlateRow(match["title"].strip(" '\""), match["when"].strip()))
        elif heading and text and not _DATE_WORDS.search(text):
            rows.append(SlateRow(text.strip(" '\""), heading))
    return rows


def _json_ld(soup: BeautifulSoup) -> list[SlateRow]:
    rows: list[SlateRow] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.get_text())
        except (json.JSONDecodeError, TypeError, RecursionError):
            continue
        stack: list[tuple[object, str | None]] = [(data, None)]  # (item, the series it is in)
        while stack:
            item, series = stack.pop()
            if isinstance(item, list):
                stack.extend((child, series) for child in item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = set(kind) if isinstance(kind, list) else {kind}
                name = item.get("name")
                when = item.get("datePublished") or item.get("startDate") or item.get("releaseDate")
                season = None
                if kinds & {"TVSeason", "CreativeWorkSeason"}:
                    # A season's own name is often just "Season 2": the series names it.
                    season = _season(str(item.get("seasonNumber", "")))
                    part_of = item.get("partOfSeries")
                    if isinstance(part_of, dict) and isinstance(part_of.get("name"), str):
                        name = part_of["name"]
                    elif series is not None:
                        name = series
                if kinds & _JSON_LD_TYPES and isinstance(name, str) and isinstance(when, str):
                    rows.append(SlateRow(name.strip(), when.strip(), season))
                if "containsSeason" in item and isinstance(name, str):
                    stack.append((item["containsSeason"], name))
                for key in ("itemListElement", "item", "@graph", "hasPart"):
                    if key in item:
                        stack.append((item[key], series))
    return rows


def parse_slate(html: str) -> list[SlateRow]:
    """Every (title, when) row the page lists, each once, in page order."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(["nav", "footer", "aside", "script", "style"]):
        if tag.name != "script" or tag.get("type") != "application/ld+json":
            tag.decompose()
    seen: set[tuple[str, str, int | None]] = set()
    rows = []
    for row in _json_ld(soup) + _tables(soup) + _lists(soup):
        key = (row.title.casefold(), row.when.casefold(), row.season)
        if key not in seen:
            seen.add(key)
            rows.append(row)
    return rows
