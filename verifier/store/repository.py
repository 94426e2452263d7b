"""Titles, statements and slates in the database.

``TitleRegistry`` is the one place a name becomes a title: the same title
written differently (case, punctuation, a leading "The", an alias from config,
"Mission: Cross 2" for a known "Mission: Cross") is one row; different names
are different titles, however similar. ``record_statements`` writes claims
or official statements idempotently (a fingerprint per statement), and
``record_slate`` declares a line-up for a year and scope.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from verifier.errors import InputError
from verifier.store.models import Slate, Statement, Title, TitleAlias
from verifier.titles import Catalogue, number_word, title_key
from verifier.windows import Window

logger = logging.getLogger(__name__)

_SEASON_SUFFIX = re.compile(
    r"^(?P<base>.*?\S)[\s:,(-]*\b(?:season|series|s)\s*(?P<num>\d{1,2}|[a-z]+)\)?$", re.I
)
_NUMBER_SUFFIX = re.compile(r"^(?P<base>.*?\S)\s+(?P<num>\d{1,2})$")


@dataclass(frozen=True)
class TitleSpec:
    """A title as config declares it: name, aliases, slate scopes, watched."""

    name: str
    aliases: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    watched: bool = True


class TitleRegistry:
    """Titles by normalised key and alias key, loaded once per session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._ids: dict[str, int] = {}
        self._names: dict[int, str] = {}
        for title_id, name, key in session.execute(select(Title.id, Title.name, Title.key)):
            self._ids[key] = title_id
            self._names[title_id] = name
        for title_id, key in session.execute(select(TitleAlias.title_id, TitleAlias.key)):
            self._ids.setdefault(key, title_id)

    def name(self, title_id: int) -> str:
        return self._names[title_id]

    def find(self, name: str) -> tuple[int, int | None] | None:
        """(title id, season) for a known name, "Season 2" and "X 2" forms included."""
        key = title_key(name)
        if key in self._ids:
            return self._ids[key], None
        for pattern in (_SEASON_SUFFIX, _NUMBER_SUFFIX):
            match = pattern.match(name.strip())
            number = number_word(match["num"]) if match else None
            if match and number and title_key(match["base"]) in self._ids:
                return self._ids[title_key(match["base"])], number
        return None

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Known titles whose names are close to ``name`` (for "did you mean")."""
        names = list(self._names.values())
        found = process.extract(
            title_key(name), names, processor=title_key, scorer=fuzz.WRatio,
            score_cutoff=75, limit=limit,
        )  # fmt: skip
        return [match[0] for match in found]

    def require(self, name: str) -> int:
        """The id of a title a user named; an unknown name is an error with suggestions."""
        found = self.find(name)
        if found is not None:
            return found[0]
        close = self.suggest(name)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise InputError(f"no title {name!r} in the database{hint}")

    def resolve(self, name: str, season: int | None = None) -> tuple[int, int | None]:
        """(title id, season) for ``name``; an unknown title becomes a new catalogue entry."""
        found = self.find(name)
        if found is not None:
            title_id, named_season = found
            return title_id, season if season is not None else named_season
        match = _SEASON_SUFFIX.match(name.strip())
        number = number_word(match["num"]) if match else None
        if match and number and title_key(match["base"]):
            # "Night Harbor: Season 2" names season 2 of Night Harbor, known or not.
            title_id, _ = self.resolve(match["base"])
            return title_id, season if season is not None else number
        key = title_key(name)
        if not key:
            raise ValueError(f"{name!r} is not a title (no letters or digits)")
        title = Title(name=" ".join(name.split()), key=key[:300])
        self.session.add(title)
        self.session.flush()
        self._ids[title.key] = title.id
        self._names[title.id] = title.name
        return title.id, season

    def sync(self, specs: Iterable[TitleSpec]) -> set[int]:
        """Bring titles, aliases, scopes and watched flags in line with config.

        A title first recorded under a name that config now gives as an alias
        of another title is merged into that title. Titles the config no
        longer lists stop being watched. Returns the ids of titles whose
        statements changed (merged into), whose claims need deciding again.
        """
        listed: set[int] = set()
        merged: set[int] = set()
        for spec in specs:
            title_id, _ = self.resolve(spec.name)
            listed.add(title_id)
            title = self.session.get_one(Title, title_id)
            title.watched = spec.watched
            if sorted(title.scopes) != sorted(spec.scopes):
                title.scopes = sorted(set(spec.scopes))
            for alias in spec.aliases:
                key = title_key(alias)
                owner = self._ids.get(key)
                if owner is None:
                    self.session.add(TitleAlias(title_id=title_id, alias=alias, key=key[:300]))
                    self._ids[key] = title_id
                elif owner != title_id and title_key(self._names.get(owner, "")) == key:
                    self._merge(owner, into=title_id)
                    self.session.add(TitleAlias(title_id=title_id, alias=alias, key=key[:300]))
                    merged.add(title_id)
                elif owner != title_id:
                    logger.warning(
                        "alias %r of %r already names %r; fix the titles in the config",
                        alias,
                        spec.name,
                        self._names.get(owner, "another title"),
                    )
        self.session.execute(
            update(Title).where(Title.watched, Title.id.not_in(listed)).values(watched=False)
        )
        self.session.flush()
        return merged

    def _merge(self, duplicate: int, *, into: int) -> None:
        """Move every statement and alias of ``duplicate`` to ``into`` and drop it."""
        logger.info("merging title %r into %r", self._names[duplicate], self._names[into])
        for statement in self.session.scalars(
            select(Statement).where(Statement.title_id == duplicate)
        ):
            statement.title_id = into
            statement.fingerprint = fingerprint(
                statement.role, statement.document_id, into, statement.season, statement.part,
                statement.window_value, statement.source_url, statement.announced,
            )  # fmt: skip
        for alias in self.session.scalars(
            select(TitleAlias).where(TitleAlias.title_id == duplicate)
        ):
            alias.title_id = into
        self.session.flush()
        self.session.delete(self.session.get_one(Title, duplicate))
        self.session.flush()
        for key, owner in list(self._ids.items()):
            if owner == duplicate:
                self._ids[key] = into
        del self._names[duplicate]

    def catalogue(self) -> Catalogue:
        """Every title and alias, for finding them in text."""
        aliases: dict[int, list[str]] = {}
        for title_id, alias in self.session.execute(select(TitleAlias.title_id, TitleAlias.alias)):
            aliases.setdefault(title_id, []).append(alias)
        return Catalogue((name, aliases.get(i, ())) for i, name in self._names.items())


@dataclass(frozen=True)
class StatementSpec:
    """One statement to record: a claim from news or official evidence."""

    title: str
    season: int | None
    window: Window
    stance: str
    part: int | None = None
    quotes: tuple[dict[str, object], ...] = ()
    source_url: str | None = None
    announced: dt.date | None = None
    released: bool | None = None  # None: decided from the window and the announced date


def describes_release(window: Window, announced: dt.date | None) -> bool:
    """A window wholly past when it was stated speaks of a release that happened."""
    return announced is not None and window.end is not None and window.end <= announced


@dataclass(frozen=True)
class SlateSpec:
    year: int
    scope: str
    complete: bool = False
    source_url: str | None = None
    announced: dt.date | None = None


def record_slate(session: Session, spec: SlateSpec) -> tuple[Slate, bool]:
    """The slate row for (year, scope, source URL), created or brought up to date.

    Returns the row and whether anything about it is new.
    """
    key = f"{spec.year}|{title_key(spec.scope)}|{spec.source_url or ''}"[:300]
    slate = session.scalars(select(Slate).where(Slate.key == key)).one_or_none()
    if slate is None:
        slate = Slate(key=key, year=spec.year, scope=spec.scope)
        session.add(slate)
    elif (slate.complete, slate.announced) == (spec.complete, spec.announced):
        return slate, False
    slate.complete = spec.complete
    slate.source_url = spec.source_url
    slate.announced = spec.announced
    session.flush()
    return slate, True


def record_statements(
    session: Session,
    registry: TitleRegistry,
    specs: Sequence[StatementSpec],
    *,
    role: str,
    document_id: int | None = None,
    slate: Slate | None = None,
) -> tuple[list[Statement], set[int]]:
    """Write the statements not yet recorded.

    Returns the new rows and the ids of the titles whose evidence changed: new
    statements, and known ones that now join ``slate``.
    """
    rows: dict[str, Statement] = {}
    changed: set[int] = set()
    for spec in specs:
        title_id, season = registry.resolve(spec.title, spec.season)
        key = fingerprint(
            role, document_id, title_id, season, spec.part, spec.window.value,
            spec.source_url, spec.announced,
        )  # fmt: skip
        released = spec.released
        if released is None:
            released = describes_release(spec.window, spec.announced)
        rows[key] = Statement(
            document_id=document_id,
            title_id=title_id,
            season=season,
            part=spec.part,
            role=role,
            stance=spec.stance,
            window_start=spec.window.start,
            window_end=spec.window.end,
            granularity=spec.window.granularity,
            window_value=spec.window.value,
            quotes=list(spec.quotes),
            source_url=spec.source_url,
            announced=spec.announced,
            released=released,
            slate_id=slate.id if slate is not None else None,
            fingerprint=key,
        )
    known: set[str] = set()
    keys = list(rows)
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        known.update(
            session.scalars(select(Statement.fingerprint).where(Statement.fingerprint.in_(chunk)))
        )
        if slate is not None:  # statements already recorded join the slate they are now in
            for statement in session.scalars(
                select(Statement).where(
                    Statement.fingerprint.in_(chunk), Statement.slate_id.is_(None)
                )
            ):
                statement.slate_id = slate.id
                changed.add(statement.title_id)
    new = [row for key, row in rows.items() if key not in known]
    session.add_all(new)
    session.flush()
    changed.update(row.title_id for row in new)
    return new, changed


def fingerprint(*parts: object) -> str:
    """The identity of a statement: role, document, title, season, part, window, source, date."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
