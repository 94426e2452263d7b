"""A claim, its quotes, and a document's claims with repeats merged.

``Claim`` is what ``extract_claims`` returns and ``--json`` prints (``as_json`` is that
contract). ``ClaimSet`` gathers a document's claims as they are found: a repeat becomes
one more quote of the claim it repeats, "debuting in 2023" and "its first season came out
in 2023" are one claim, the studio's word on a claim told elsewhere makes it official, a line-up's year gives way to a finer date for the same title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from verifier.titles import fold, title_key
from verifier.windows import Window


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    field: str = "text"  # "text" or "headline"

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "field": self.field}


@dataclass
class Claim:
    title: str
    season: int | None
    window: Window
    stance: str
    quotes: list[Quote] = field(default_factory=list)
    part: int | None = None
    # The date named no year ("the June release"): a mention of a finer claim made before.
    yearless: bool = field(default=False, repr=False, compare=False)
    # Named in a line-up: the slate's window gives way to a finer one for the same season.
    listed: bool = field(default=False, repr=False, compare=False)

    @property
    def key(self) -> tuple[str, int | None, int | None, str]:
        return (title_key(self.title), self.season, self.part, self.window.value)

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "season": self.season,
            "part": self.part,
            "window": self.window.as_json(),
            "stance": self.stance,
            "quotes": [q.as_json() for q in self.quotes],
        }


class ClaimSet:
    """A document's claims so far; a repeat becomes one more quote of the claim it repeats."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, int | None, int | None, str], Claim] = {}
        self._by_season: dict[tuple[str, int | None], list[Claim]] = {}  # in order made
        # each claim's quotes as a set, by the claim's id: a claim told a thousand times
        # is not compared with each of its quotes again
        self._quoted: dict[int, set[Quote]] = {}

    def add(self, claim: Claim) -> None:
        existing = self._by_key.get(claim.key) or self._first_season(claim)
        existing = existing or self._same_but_part(claim)
        existing = existing or self._finer_before(claim)
        if existing is None:
            self._by_key[claim.key] = claim
            self._by_season.setdefault(claim.key[:2], []).append(claim)
        else:
            existing.part = existing.part or claim.part
            if claim.stance == "official":  # told as fact, then as the studio's word: official
                existing.stance = "official"
            seen = self._quoted.get(id(existing))
            if seen is None:
                seen = self._quoted[id(existing)] = set(existing.quotes)
            for quote in claim.quotes:
                if quote not in seen:
                    seen.add(quote)
                    existing.quotes.append(quote)

    def ordered(self) -> list[Claim]:
        """The claims in order, less a line-up's window for a season the text dates finer,
        and less a window that holds a finer one the same sentence gives the same season
        ("this October, in the Fall 2020 anime season": October)."""
        return [
            c
            for c in self._by_key.values()
            if not (c.listed and self._finer(c)) and not self._finer_beside(c)
        ]

    def _finer_beside(self, claim: Claim) -> bool:
        if len(claim.quotes) != 1:
            return False  # told elsewhere too: a claim of its own
        (quote,) = claim.quotes
        outer = claim.window
        return any(
            other is not claim
            and other.part == claim.part
            and other.window != outer
            and outer.contains(other.window)
            and any(q.start == quote.start and q.field == quote.field for q in other.quotes)
            for other in self._by_season.get(claim.key[:2], ())
        )

    def _finer(self, claim: Claim) -> bool:
        outer = claim.window
        return any(
            other is not claim
            and other.part == claim.part
            and outer.contains(other.window)
            and other.window != outer
            for other in self._by_season.get(claim.key[:2], ())
        )

    def _first_season(self, claim: Claim) -> Claim | None:
        """The same release told with no season and as the first: "debuting in 2023" and
        "its first season came out in 2023" are one claim, of season 1."""
        if claim.season not in (None, 1):
            return None
        title, season, part, value = claim.key
        existing = self._by_key.get((title, 1 if season is None else None, part, value))
        if existing is not None and claim.season == 1 and existing.season is None:
            self._rekey(existing, 1)
        return existing

    def _rekey(self, claim: Claim, season: int) -> None:
        """Give a claim made with no season its season, under its new key."""
        del self._by_key[claim.key]
        self._by_season[claim.key[:2]].remove(claim)
        claim.season = season
        self._by_key[claim.key] = claim
        self._by_season.setdefault(claim.key[:2], []).append(claim)

    def _same_but_part(self, claim: Claim) -> Claim | None:
        """A claim that differs only in naming no part: "Part 2 follows on ..." told twice.
        A first part begins with its season, so "Part 1 arrives on D" and "the season
        arrives on D" are two claims, one of each."""
        part, value = claim.key[2:]
        for existing in self._by_season.get(claim.key[:2], ()):
            one_unnamed = existing.part is None or part is None
            if existing.key[3] == value and one_unnamed and (existing.part or part or 1) > 1:
                return existing
        return None

    def _finer_before(self, claim: Claim) -> Claim | None:
        """ "the anticipated June release" after "premieres on June 27, 2025": the same."""
        if not claim.yearless:
            return None
        outer = claim.window
        for existing in self._by_season.get(claim.key[:2], ()):
            inner = existing.window
            if (
                existing.part == claim.part
                and None not in (inner.start, inner.end, outer.start, outer.end)
                and outer.start <= inner.start  # type: ignore[operator]
                and inner.end <= outer.end  # type: ignore[operator]
            ):
                return existing
        return None


def quote_between(source: str, left: int, right: int, field_name: str) -> Quote:
    """The clause that carries the claim, as written, trimmed of spaces and joining punctuation."""
    clause = fold(source[left:right])  # the same length, odd spaces made plain
    start = left + len(clause) - len(clause.lstrip(" ,;:-—–"))
    end = left + len(clause.rstrip(" ,;:-—–"))
    return Quote(source[start:end], start, max(start, end), field_name)
