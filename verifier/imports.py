"""Reading official statements from a CSV or JSON file, all or nothing.

Rows have the columns ``title`` and ``window`` (a TIMEX3-like value such as
``2026-12-26``, ``2026-12``, ``2026-Q4``, ``2026-H1`` or ``2027``), and
optionally ``season``, ``part``, ``source_url``, ``announced`` (YYYY-MM-DD),
``quote`` and ``released`` (true/false). JSON is either a list of such
objects or ``{"slate": {"year", "scope", "complete"}, "statements": [...]}``,
the form that declares a complete line-up. Every bad row is named with its
column and reason; one bad row means nothing from the file is used.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier.errors import InputError
from verifier.store.repository import SlateSpec, StatementSpec
from verifier.windows import Window

COLUMNS = ("title", "season", "part", "window", "source_url", "announced", "quote", "released")
REQUIRED = ("title", "window")
_MAX_ERRORS = 20
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


@dataclass(frozen=True)
class OfficialImport:
    statements: list[StatementSpec]
    slate: SlateSpec | None


class _RowError(ValueError):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(f"column {column}: {reason}")


def read_official_file(path: Path, *, format: str | None = None) -> OfficialImport:
    """Parse ``path`` (CSV or JSON, by ``format`` or the file's suffix)."""
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    kind = format or ("json" if path.suffix.lower() == ".json" else "csv")
    if kind == "json":
        return parse_official_json(text, name=str(path))
    return OfficialImport(parse_official_csv(text, name=str(path)), None)


def parse_official_csv(text: str, *, name: str = "<csv>") -> list[StatementSpec]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    if not header:
        raise InputError(f"{name}: empty file; expected a header row with {', '.join(REQUIRED)}")
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    if unknown or missing:
        problems = [f"unknown column {h!r}" for h in unknown] + [
            f"missing column {c!r}" for c in missing
        ]
        raise InputError(
            f"{name}: header: {'; '.join(problems)} (columns are {', '.join(COLUMNS)})"
        )
    reader.fieldnames = header
    rows = ((reader.line_num, row) for row in reader)
    return _parse_rows(((f"line {n}", row) for n, row in rows), name)


def parse_official_json(text: str, *, name: str = "<json>") -> OfficialImport:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    slate = None
    if isinstance(data, dict):
        unknown = set(data) - {"slate", "statements"}
        if unknown or "statements" not in data:
            raise InputError(
                f"{name}: expected a list of statements or an object with 'statements' "
                "and optionally 'slate'"
            )
        slate = _slate(data.get("slate"), name)
        data = data["statements"]
    if not isinstance(data, list):
        raise InputError(f"{name}: 'statements' must be a list of objects")
    items = []
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise InputError(f"{name}: item {i}: expected an object with title and window")
        items.append((f"item {i}", item))
    return OfficialImport(_parse_rows(items, name), slate)


def _slate(value: Any, name: str) -> SlateSpec | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"year", "scope", "complete", "announced"}:
        raise InputError(
            f"{name}: slate: expected {{'year': 2026, 'scope': '...', 'complete': true}}"
        )
    year, scope, complete = value.get("year"), value.get("scope"), value.get("complete", False)
    if not isinstance(year, int) or not 1900 <= year <= 2200:
        raise InputError(f"{name}: slate: 'year' must be a year such as 2026")
    if not isinstance(scope, str) or not scope.strip():
        raise InputError(f"{name}: slate: 'scope' must name the line-up, e.g. 'Korean series'")
    if not isinstance(complete, bool):
        raise InputError(f"{name}: slate: 'complete' must be true or false")
    try:
        announced = _date(value.get("announced"), "announced")
    except _RowError as exc:
        raise InputError(f"{name}: slate: {exc}") from exc
    return SlateSpec(year, scope.strip(), complete, announced=announced)


def _parse_rows(rows: Iterable[tuple[str, Mapping[str, Any]]], name: str) -> list[StatementSpec]:
    specs: list[StatementSpec] = []
    errors: list[str] = []
    for where, row in rows:
        try:
            specs.append(_statement(row))
        except _RowError as exc:
            errors.append(f"{where}, {exc}")
    if errors:
        shown = errors[:_MAX_ERRORS]
        more = f" (and {len(errors) - len(shown)} more)" if len(errors) > len(shown) else ""
        raise InputError(
            f"{name}: {len(errors)} bad row(s){more}, nothing imported: " + "; ".join(shown)
        )
    return specs


def _statement(row: Mapping[str, Any]) -> StatementSpec:
    unknown = [k for k in row if k not in COLUMNS]
    if unknown:
        raise _RowError(str(unknown[0]), f"unknown (columns are {', '.join(COLUMNS)})")
    title = _text(row.get("title"))
    if not title:
        raise _RowError("title", "empty")
    announced = _date(row.get("announced"), "announced")
    raw_window = _text(row.get("window"))
    try:
        window = Window.from_value(raw_window, since=announced)
    except ValueError as exc:
        raise _RowError("window", str(exc)) from exc
    quote = _text(row.get("quote"))
    return StatementSpec(
        title=title,
        season=_count(row.get("season"), "season"),
        part=_count(row.get("part"), "part"),
        window=window,
        stance="official",
        quotes=({"text": quote, "start": None, "end": None, "field": "import"},) if quote else (),
        source_url=_text(row.get("source_url")) or None,
        announced=announced,
        released=_flag(row.get("released")),
    )


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _count(value: Any, column: str) -> int | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, bool):
        raise _RowError(column, f"{value!r} is not a number")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise _RowError(column, f"{value!r} is not a whole number") from None
    if not 0 < number < 1000:
        raise _RowError(column, f"{number} is out of range (1-999)")
    return number


def _date(value: Any, column: str) -> dt.date | None:
    if value is None or _text(value) == "":
        return None
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        raise _RowError(column, f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def _flag(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text == "":
        return None
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise _RowError("released", f"{value!r} is not true or false")
