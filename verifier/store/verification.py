"""Re-verification: decide every affected claim and append what changed to history.

``reverify`` loads the claims of the given titles (or all), the official
statements and slates that bear on them, runs the pure ``verifier.verdicts``
rules, and writes a ``verdicts`` row only where the label, the reason or the
evidence changed. Each claim's current verdict is a narrow row of its own
(``current_verdicts``), so listing current labels needs no history scan and a
full pass writes no claim rows. New official information for one title
costs the claims of that title, not of the whole database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from verifier.store.bulk import (
    Pending,
    Windows,
    read_claims,
    read_officials,
    to_date,
    write_verdicts,
)
from verifier.store.models import Slate, Statement, Title, utcnow
from verifier.store.repository import (
    SlateSpec,
    StatementSpec,
    TitleRegistry,
    record_slate,
    record_statements,
)
from verifier.titles import title_key
from verifier.verdicts import Decision, Numbered, Official, Ruling, decide, relevant
from verifier.verdicts import Slate as SlateFact
from verifier.windows import Window

_CHUNK = 500


class VerdictChange(NamedTuple):
    """A claim whose current verdict changed; ``old_label`` None for its first verdict.

    A named tuple, not a dataclass: a full pass makes one per claim."""

    statement_id: int
    title_id: int
    verdict_id: int
    old_label: str | None
    old_reason: str | None
    decision: Decision

    def as_json(self, title: str) -> dict[str, Any]:
        """One row of the ``changed_verdicts`` JSON (``run --once``, ``official import``, ``verify``)."""
        return {
            "claim": self.statement_id,
            "title": title,
            "from": self.old_label,
            "to": self.decision.label,
            "reason": self.decision.reason,
            "from_reason": self.old_reason,
            "label_changed": self.label_changed,
        }

    @property
    def label_changed(self) -> bool:
        """A first verdict, or a new label; False when only the reason or evidence moved."""
        return self.old_label != self.decision.label


def digest(decision: Decision) -> str:
    text = json.dumps(decision.as_json(), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


# The keys of an evidence item (``Official.as_json``, ``Slate.as_json``): an item with these
# is told by them, so its JSON is written once however many claims it decides.
_EVIDENCE_KEYS = ("announced", "kind", "quote", "superseded", "url", "window")


class _Encoder:
    """A decision's digest and its evidence as JSON text, the same text ``digest`` hashes,
    with each evidence item encoded once (a title's official date decides all its claims)."""

    def __init__(self) -> None:
        self._items: dict[tuple[Any, ...], str] = {}
        self._decisions: dict[int, tuple[Decision, str, str]] = {}
        self._evidence: dict[int, tuple[tuple[dict[str, Any], ...], str]] = {}

    def item(self, item: dict[str, Any]) -> str:
        if tuple(sorted(item)) != _EVIDENCE_KEYS:
            return json.dumps(item, sort_keys=True, default=str)
        window = item["window"]
        key = (item["kind"], item["url"], item["quote"], item["announced"], item["superseded"],
               window.get("value"), window.get("start"), window.get("end"))  # fmt: skip
        text = self._items.get(key)
        if text is None:
            text = self._items[key] = json.dumps(item, sort_keys=True, default=str)
        return text

    def encode(self, decision: Decision) -> tuple[str, str]:
        """(digest, evidence JSON): ``digest(decision)`` and ``json.dumps(evidence)``."""
        known = self._decisions.get(id(decision))
        if known is not None and known[0] is decision:
            return known[1], known[2]
        # A ``Ruling`` hands out one Decision per outcome, all with one evidence tuple:
        # each is encoded once (and kept, so no id is reused while the encoder lives).
        items = self._evidence.get(id(decision.evidence))
        if items is None or items[0] is not decision.evidence:
            text = "[" + ", ".join(self.item(e) for e in decision.evidence) + "]"
            items = self._evidence[id(decision.evidence)] = (decision.evidence, text)
        evidence = items[1]
        text = (f'{{"evidence": {evidence}, "label": {json.dumps(decision.label)}, '
                f'"reason": {json.dumps(decision.reason)}}}')  # fmt: skip
        encoded = hashlib.sha256(text.encode()).hexdigest()
        self._decisions[id(decision)] = (decision, encoded, evidence)
        return encoded, evidence


def row_window(row: Any) -> Window:
    return Window(row.window_start, row.window_end, row.granularity, row.window_value)


# Told how far work has got: (what is being done, how many done, of how many).
Progress = Callable[[str, int, int], None]


def _chunks(
    session: Session, ids: Collection[int] | None, progress: Progress | None = None
) -> Iterator[list[int]]:
    """Title ids in chunks, so memory stays bounded however many claims there are."""
    if ids is None:
        ids = session.scalars(
            select(Statement.title_id).where(Statement.role == "claim").distinct()
        ).all()
    ordered = sorted(ids)
    for i in range(0, len(ordered), _CHUNK):
        yield ordered[i : i + _CHUNK]
        if progress is not None:
            progress("titles verified", min(i + _CHUNK, len(ordered)), len(ordered))


def _in_titles(chunk: list[int] | None) -> list[ColumnElement[bool]]:
    return [] if chunk is None else [Statement.title_id.in_(chunk)]


class _Evidence:
    """Official statements, slates and title scopes for a set of titles."""

    def __init__(self, session: Session, chunk: list[int] | None,
                 windows: Windows | None = None) -> None:  # fmt: skip
        self.officials: dict[int, list[Numbered]] = defaultdict(list)
        windows = windows or Windows()
        for row in read_officials(session.connection(), chunk):
            id_, title_id, season, part, start, end, granularity, value = row[:8]
            url, quote, announced, released = row[8:]
            official = Official(windows(start, end, granularity, value), url, quote,
                                to_date(announced), bool(released), id_)  # fmt: skip
            self.officials[title_id].append(Numbered(season, part, official))

        self.slates: dict[int, tuple[SlateFact, str]] = {
            slate.id: (
                SlateFact(
                    slate.year, slate.scope, slate.source_url, slate.announced, slate.complete
                ),
                title_key(slate.scope),
            )
            for slate in session.scalars(select(Slate))
        }
        # Which slates list which (title, season); a title is in the scope of any slate listing it.
        self.listed: dict[int, dict[int, set[int | None]]] = defaultdict(lambda: defaultdict(set))
        self.scopes: dict[int, set[str]] = defaultdict(set)
        entries = session.execute(
            select(Statement.title_id, Statement.season, Statement.slate_id)
            .where(Statement.slate_id.is_not(None), *_in_titles(chunk))
            .distinct()
        )
        for entry in entries:
            self.listed[entry.title_id][entry.slate_id].add(entry.season)
            self.scopes[entry.title_id].add(self.slates[entry.slate_id][1])
        title_query = select(Title.id, Title.scopes)
        if chunk is not None:
            title_query = title_query.where(Title.id.in_(chunk))
        for title_id, scopes in session.execute(title_query):
            self.scopes[title_id].update(title_key(s) for s in scopes or ())
        self._rulings: dict[tuple[int, int | None, int | None], Ruling] = {}

    def absent_from(self, title_id: int, season: int | None) -> list[SlateFact]:
        """Complete slates in the title's scopes that do not list this season of it."""
        scopes = self.scopes.get(title_id, set())
        absent = []
        for slate_id, (slate, scope_key) in self.slates.items():
            if not slate.complete or scope_key not in scopes:
                continue
            seasons = self.listed.get(title_id, {}).get(slate_id, set())
            if season is None and seasons:
                continue
            if any((s or 1) == (season or 1) for s in seasons):
                continue
            absent.append(slate)
        return absent

    def ruling(self, title_id: int, season: int | None, part: int | None,
               as_of: dt.date | None) -> Ruling:  # fmt: skip
        """The rules for the claims of one title, season and part (made once per pass)."""
        key = (title_id, season, part)
        ruling = self._rulings.get(key)
        if ruling is None:
            officials = relevant(season, part, self.officials.get(title_id, ()))
            slates = () if officials else self.absent_from(title_id, season)
            ruling = self._rulings[key] = Ruling(officials, slates, as_of=as_of)
        return ruling

    def decide(self, title_id: int, season: int | None, part: int | None, claim: Window,
               as_of: dt.date | None) -> Decision:  # fmt: skip
        return self.ruling(title_id, season, part, as_of)(claim)


def reverify(
    session: Session,
    title_ids: Collection[int] | None = None,
    *,
    as_of: dt.date | None = None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> list[VerdictChange]:
    """Decide the claims of ``title_ids`` (None: every claim); record and return changes."""
    now = now or utcnow()
    changes: list[VerdictChange] = []
    windows = Windows()
    for chunk in _chunks(session, title_ids, progress):
        evidence = _Evidence(session, chunk, windows)
        encoder = _Encoder()  # per chunk, as the rulings: memory bounded by the chunk
        pending: list[Pending] = []
        for claim in read_claims(session.connection(), chunk, windows):
            _, title_id, season, part, window, _, _, old_digest = claim
            decision = evidence.ruling(title_id, season, part, as_of)(window)
            new_digest, text = encoder.encode(decision)
            if new_digest != old_digest:
                pending.append((claim, decision, new_digest, text))
        if not pending:
            continue
        verdict_ids = write_verdicts(session, pending, now)
        changes.extend(
            VerdictChange(claim[0], claim[1], verdict_ids[claim[0]], claim[5], claim[6], decision)
            for claim, decision, _, _ in pending
        )
    session.flush()
    return changes


@dataclass(frozen=True)
class Recorded:
    """What recording statements did: the new rows and the verdicts that changed."""

    new: list[Statement]
    changes: list[VerdictChange]


def record_and_reverify(
    session: Session,
    registry: TitleRegistry,
    specs: Sequence[StatementSpec],
    *,
    role: str,
    document_id: int | None = None,
    slate: SlateSpec | None = None,
    as_of: dt.date | None = None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Recorded:
    """Record claims or official statements, then re-verify what they can change.

    New claims are decided; new official statements re-decide the claims of
    their titles; a new or changed slate re-decides every claim, since any
    title in its scope may be absent from it.
    """
    slate_row, slate_changed = record_slate(session, slate) if slate else (None, False)
    new, changed = record_statements(
        session, registry, specs, role=role, document_id=document_id, slate=slate_row
    )
    if slate_changed:
        changes = reverify(session, None, as_of=as_of, now=now, progress=progress)
    elif changed:
        changes = reverify(session, changed, as_of=as_of, now=now, progress=progress)
    else:
        changes = []
    return Recorded(new, changes)


def judge(
    session: Session,
    registry: TitleRegistry,
    claims: Sequence[tuple[str, int | None, int | None, Window]],
    *,
    as_of: dt.date | None = None,
) -> list[Decision]:
    """Verdicts on claims that are not stored (``rumour check``): (title, season, part, window)."""
    found = [registry.find(title) for title, *_ in claims]
    title_ids = sorted({f[0] for f in found if f is not None})
    evidence = _Evidence(session, title_ids)
    decisions = []
    for (_, season, part, window), hit in zip(claims, found, strict=True):
        if hit is None:
            decisions.append(decide(window, (), as_of=as_of))
        else:
            title_id, named_season = hit
            season = season if season is not None else named_season
            decisions.append(evidence.decide(title_id, season, part, window, as_of))
    return decisions
