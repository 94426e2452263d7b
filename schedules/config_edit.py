"""Editing the config file's ``[[sources]]`` from the command line, keeping the rest.

tomlkit keeps comments, order and formatting of everything not touched. Every
edit is validated as a whole config before it is written, and written
atomically (a temporary file renamed over the old one), so a failed edit
leaves the file as it was.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from schedules.config import RumourConfig, parse_config
from schedules.errors import ConfigError


def _sources(document: tomlkit.TOMLDocument) -> Any:
    sources = document.get("sources")
    if sources is None:
        sources = tomlkit.aot()
        document["sources"] = sources
    return sources


def _index(sources: Any, name: str, path: Path) -> int:
    for i, source in enumerate(sources):
        if source.get("name") == name:
            return i
    raise ConfigError(f"{path}: no source named {name!r} in [[sources]]")


def edit_config(path: Path, change: Callable[[tomlkit.TOMLDocument], None]) -> RumourConfig:
    """Apply ``change`` to the file at ``path`` (created if missing); returns the new config."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        document = tomlkit.parse(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc}") from exc
    except TOMLKitError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    change(document)
    new_text = tomlkit.dumps(document)
    config = parse_config(tomllib.loads(new_text), str(path), new_text)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(new_text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the config file: {exc.strerror or exc}") from exc
    return config


def add_source(path: Path, fields: dict[str, Any]) -> RumourConfig:
    """Append a ``[[sources]]`` table with ``fields`` (None values left out)."""

    def change(document: tomlkit.TOMLDocument) -> None:
        sources = _sources(document)
        if any(s.get("name") == fields["name"] for s in sources):
            raise ConfigError(
                f"{path}: a source named {fields['name']!r} exists; pick another name"
            )
        table = tomlkit.table()
        for key, value in fields.items():
            if value is not None:
                table[key] = value
        table.add(tomlkit.nl())
        sources.append(table)

    return edit_config(path, change)


def remove_source(path: Path, name: str) -> RumourConfig:
    def change(document: tomlkit.TOMLDocument) -> None:
        sources = _sources(document)
        del sources[_index(sources, name, path)]

    return edit_config(path, change)


def enable_source(path: Path, name: str, enabled: bool) -> RumourConfig:
    def change(document: tomlkit.TOMLDocument) -> None:
        sources = _sources(document)
        source = sources[_index(sources, name, path)]
        if enabled:
            source.pop("enabled", None)  # enabled is the default
        else:
            source["enabled"] = False

    return edit_config(path, change)
