"""What is wrong with a config file, said so a person can fix it: every mistake, each on
its own line with the file's line number and the key ("did you mean `sources`?" for a
mistyped one, what a key takes when it was given something else)."""

from __future__ import annotations

import difflib
import re
from typing import Any, get_args

from pydantic import BaseModel, ValidationError


def describe(
    error: ValidationError, root: type[BaseModel], origin: str, text: str | None = None
) -> str:
    """One line per mistake, in the order of the lines of ``text`` (the file as written)."""
    lines = key_lines(text) if text is not None else {}
    found: list[tuple[int, str]] = []
    for item in error.errors():
        location = _plain(tuple(item["loc"]))
        line = _line_of(lines, location)
        where = f"{origin}:{line}" if line is not None else origin
        found.append((line or 0, f"{where}: {_key_path(location)}: {_explain(root, dict(item))}"))
    return "\n".join(dict.fromkeys(message for _, message in sorted(found, key=lambda f: f[0])))


def _key_path(location: tuple[Any, ...]) -> str:
    path = ""
    for part in _plain(location):
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def _plain(location: tuple[Any, ...]) -> tuple[str | int, ...]:
    """A pydantic error location without its validator steps ("function-after[...]")."""
    return tuple(
        part
        for part in location
        if isinstance(part, int)
        or not (part in ("function-after", "function-before") or "[" in str(part))
    )


# What a key takes, where pydantic's own words ("Input should be a valid string") would not say.
_TAKES = {
    "every": 'a duration like "30m" or "6h"',
    "cron": 'a crontab line like "0 */6 * * *"',
    "digest_at": 'a time of day like "08:00"',
    "timezone": 'an IANA time zone like "Europe/London"',
    "url": 'a URL in quotes, like "https://example.com/feed.xml"',
    "name": "a name in quotes",
}


def _model_at(root: type[BaseModel], location: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The config model that holds the keys at ``location`` (its list items included)."""
    model: type[BaseModel] = root
    for part in location:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            field = next((f for f in model.model_fields.values() if f.alias == part), None)
        if field is None:
            return None
        found = _models_in(field.annotation)
        if not found:
            return None
        model = found[0]
    return model


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def _suggestion(root: type[BaseModel], location: tuple[str | int, ...]) -> str:
    """ "; did you mean `sources`?" for a mistyped key, if a known key is close."""
    model = _model_at(root, location[:-1])
    if model is None or not isinstance(location[-1], str):
        return ""
    keys = [f.alias or name for name, f in model.model_fields.items()]
    close = difflib.get_close_matches(location[-1], keys, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else f" (known keys: {', '.join(keys)})"


def _explain(root: type[BaseModel], error: dict[str, Any]) -> str:
    kind = error["type"]
    location = _plain(tuple(error["loc"]))
    if kind == "extra_forbidden":
        return "unknown key" + _suggestion(root, location)
    if kind == "missing":
        return "required key is missing"
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    key = next((part for part in reversed(location) if isinstance(part, str)), "")
    if (
        kind.endswith("_type")
        and key in _TAKES
        and isinstance(error.get("input"), (int, float, bool))
    ):
        return f"`{key}` takes {_TAKES[key]} (got {error.get('input')!r})"
    if kind.endswith("_type") or kind == "literal_error":
        message = f"{message} (got {error.get('input')!r})"
    return message


_TABLE = re.compile(r"^\s*\[(\[)?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")
_INLINE_KEY = re.compile(r"[{,]\s*([A-Za-z0-9_-]+)\s*=")


def _key_parts(text: str) -> list[str]:
    return [part.strip().strip("\"'") for part in text.split(".")]


def key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """The line (1-based) where each table, array-of-tables item and key of a TOML text is
    written, for error messages. A light reading: keys inside multi-line strings may be
    mistaken for keys, which at worst points an error at a nearby line."""
    lines: dict[tuple[str | int, ...], int] = {}
    counts: dict[tuple[str, ...], int] = {}
    table: tuple[str | int, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            parts = tuple(_key_parts(header[2]))
            if header[1]:  # [[sources]]: the next item of an array of tables
                lines.setdefault(parts, number)
                counts[parts] = counts.get(parts, -1) + 1
                table = (*parts, counts[parts])
            else:
                table = parts
            lines.setdefault(table, number)
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            key = (*table, *_key_parts(assignment[1]))
            lines.setdefault(key, number)
            for inline in _INLINE_KEY.finditer(line, assignment.end()):
                lines.setdefault((*key, inline[1]), number)
    return lines


def _line_of(
    lines: dict[tuple[str | int, ...], int], location: tuple[str | int, ...]
) -> int | None:
    """The line of the longest part of ``location`` the text writes down."""
    for end in range(len(location), 0, -1):
        if location[:end] in lines:
            return lines[location[:end]]
    return None
