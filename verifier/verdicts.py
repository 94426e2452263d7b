"""Verdicts: hold one claim against what official sources say.

``decide`` is a pure function from a claim window, the official statements for
the claim's title and season, the complete slates that could list the title,
and an as-of date, to a ``Decision``: label, reason code and evidence. The
rules are DESIGN.md's "Verdict rules":

=================================================  ============  ========================
situation                                          label         reason
=================================================  ============  ========================
official window inside the claim window            confirmed     official_within_claim
official and claim windows disjoint                contradicted  official_disjoint
official window contains the claim but is wider    unsupported   official_wider
windows overlap, neither contains the other        unsupported   official_overlaps
no official date; a complete slate covering the    unsupported   absent_from_slate
claim omits the title and season
no official information                            unsupported   no_official_date
=================================================  ============  ========================

The deciding official statement is the strongest one known on the as-of date:
an actual release beats any announcement, and a later announcement supersedes
an earlier one. Every other official statement is kept as evidence, marked
superseded, so a delay shows both dates. Stance never enters here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from verifier.windows import Window

CONFIRMED, UNSUPPORTED, CONTRADICTED = "confirmed", "unsupported", "contradicted"
LABELS = (CONFIRMED, UNSUPPORTED, CONTRADICTED)

REASONS = {
    "official_within_claim": "the official date falls within the claimed window",
    "official_disjoint": "the official date lies outside the claimed window",
    "official_wider": "the official window is wider than the claim, so it neither confirms "
    "nor contradicts it",
    "official_overlaps": "the official window overlaps the claim only in part",
    "absent_from_slate": "absent from the official {year} {scope} slate",
    "no_official_date": "no official date has been announced",
}

_EARLIEST, _LATEST = dt.date.min, dt.date.max


@dataclass(frozen=True)
class Official:
    """One official statement about a title and season, as evidence."""

    window: Window
    url: str | None = None
    quote: str | None = None
    announced: dt.date | None = None
    released: bool = False  # an actual release, not an announcement
    order: int = 0  # ties on the announced date: higher is newer (e.g. the statement id)

    @property
    def strength(self) -> tuple[bool, dt.date, int, int]:
        """Release first, then the newest announcement, then the finer window."""
        width = (self.window.end or _LATEST) - (self.window.start or _EARLIEST)
        return (self.released, self.announced or _EARLIEST, -width.days, self.order)

    def as_json(self, *, superseded: bool = False) -> dict[str, Any]:
        return {
            "kind": "release" if self.released else "announcement",
            "url": self.url,
            "quote": self.quote,
            "window": self.window.as_json(),
            "announced": self.announced.isoformat() if self.announced else None,
            "superseded": superseded,
        }


@dataclass(frozen=True)
class Slate:
    """An official line-up for one year and scope; ``complete`` if it lists everything."""

    year: int
    scope: str
    url: str | None = None
    announced: dt.date | None = None
    complete: bool = True

    def covers(self, window: Window) -> bool:
        """Whether the whole claim window lies in the slate's year."""
        return (
            window.start is not None
            and window.end is not None
            and window.start.year == self.year
            and window.end.year == self.year
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": "slate",
            "url": self.url,
            "quote": f"complete official {self.year} {self.scope} slate",
            "window": Window.year(self.year).as_json(),
            "announced": self.announced.isoformat() if self.announced else None,
            "superseded": False,
        }


@dataclass(frozen=True)
class Decision:
    label: str
    reason: str
    evidence: tuple[dict[str, Any], ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"label": self.label, "reason": self.reason, "evidence": list(self.evidence)}

    def explain(self) -> str:
        """The reason in words, for tables and emails."""
        text = REASONS.get(self.reason, self.reason)
        if self.reason == "absent_from_slate" and self.evidence:
            year = self.evidence[0]["window"]["value"]
            scope = self.evidence[0]["quote"].removeprefix(f"complete official {year} ")
            return text.format(year=year, scope=scope.removesuffix(" slate"))
        return text


def compare(claim: Window, official: Window) -> tuple[str, str]:
    """(label, reason) for one claim window against one official window."""
    c_start, c_end = claim.start or _EARLIEST, claim.end or _LATEST
    o_start, o_end = official.start or _EARLIEST, official.end or _LATEST
    if o_end < c_start or c_end < o_start:
        return CONTRADICTED, "official_disjoint"
    if c_start <= o_start and o_end <= c_end:
        return CONFIRMED, "official_within_claim"
    if o_start <= c_start and c_end <= o_end:
        return UNSUPPORTED, "official_wider"
    return UNSUPPORTED, "official_overlaps"


def decide(
    claim: Window,
    officials: Iterable[Official],
    slates: Sequence[Slate] = (),
    *,
    as_of: dt.date | None = None,
) -> Decision:
    """The verdict on a claim window.

    ``officials`` are the statements for the claim's title and season (and
    part); ``slates`` the complete slates whose scope takes in the title and
    which do not list it. Anything announced after ``as_of`` is not yet known.
    """
    return Ruling(officials, slates, as_of=as_of)(claim)


class Ruling:
    """``decide`` for one title, season and part, prepared once for all its claims.

    What is known, which statement decides and the evidence do not depend on the
    claim; the claim window only picks one of a few outcomes (the comparison with
    the deciding window, or the first slate covering it), and each outcome's
    ``Decision`` is made once and shared, so a title with thousands of claims
    costs one comparison per claim.
    """

    def __init__(
        self,
        officials: Iterable[Official],
        slates: Sequence[Slate] = (),
        *,
        as_of: dt.date | None = None,
    ) -> None:
        known = [o for o in officials if _known(o.announced, as_of)]
        if len(known) > 1:
            known.sort(key=_strength, reverse=True)
        self._deciding = known[0].window if known else None
        self._evidence = tuple(o.as_json(superseded=i > 0) for i, o in enumerate(known))
        self._slates = (
            [s for s in sorted(slates, key=_announced, reverse=True)
             if s.complete and _known(s.announced, as_of)]
            if slates and not known
            else []
        )  # fmt: skip
        self._decisions: dict[Any, Decision] = {}

    def __call__(self, claim: Window) -> Decision:
        outcome: Any
        if self._deciding is not None:
            outcome = compare(claim, self._deciding)
        else:
            outcome = next((i for i, s in enumerate(self._slates) if s.covers(claim)), None)
        decision = self._decisions.get(outcome)
        if decision is None:
            decision = self._decisions[outcome] = self._decision(outcome)
        return decision

    def _decision(self, outcome: Any) -> Decision:
        if self._deciding is not None:
            label, reason = outcome
            return Decision(label, reason, self._evidence)
        if outcome is not None:
            return Decision(UNSUPPORTED, "absent_from_slate", (self._slates[outcome].as_json(),))
        return Decision(UNSUPPORTED, "no_official_date")


def _strength(official: Official) -> tuple[bool, dt.date, int, int]:
    return official.strength


def _announced(slate: Slate) -> dt.date:
    return slate.announced or _EARLIEST


def _known(announced: dt.date | None, as_of: dt.date | None) -> bool:
    return as_of is None or announced is None or announced <= as_of


@dataclass(frozen=True)
class Numbered:
    """An official statement with the season and part it speaks of."""

    season: int | None
    part: int | None
    official: Official


def relevant(
    season: int | None, part: int | None, candidates: Iterable[Numbered]
) -> list[Official]:
    """The official statements that speak of the claim's season and part.

    A season without a part is its premiere, which is part 1's date. A claim
    without a season (a film, or a series named without one) and season 1 are
    one first release, unless the title has later seasons: then a claim
    without a season cannot be told apart and nothing is relevant.
    """
    pool = list(candidates)
    if season is None and any((c.season or 1) > 1 for c in pool):
        return []
    return [
        c.official
        for c in pool
        if (c.season or 1) == (season or 1) and (c.part or 1) == (part or 1)
    ]
