"""Claims: every "title (season) is/was/will be released in WINDOW" in a document.

``extract_claims`` is a pure function of the text, its headline, its
publication date and a catalogue of known titles. For each sentence it finds
date phrases, keeps those whose nearest event word is a release, and gives
each the title and season the sentence (or, for "it" and "the series", the
paragraph or the document's topic) is about. The same claim repeated in one
document is one claim with several quotes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from verifier.cues import classify_stance, find_cues, is_release_date, speaks_of_the_past
from verifier.dates import DateMention, find_dates
from verifier.sentences import Sentence, clause_span, segment_span, split_sentences
from verifier.titles import (
    Catalogue,
    SeasonMention,
    TitleMention,
    discover_titles,
    find_seasons,
    fold,
    title_key,
)
from verifier.windows import Window

MAX_TEXT = 2_000_000  # characters looked at; longer input is cut (and said so by the caller)


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


_REFERENCE = re.compile(
    r"\b(?:it|its|it's|the\s+(?:series|show|film|movie|season|sequel|drama|k-?drama|new\s+season|"
    r"next\s+season|final\s+season|new\s+episodes|episodes|thriller|title)|season\s+\d+|"
    r"(?:both|the\s+two)\s+(?:series|shows|titles|films|dramas))\b",
    re.I,
)
_BOTH = re.compile(r"\b(?:both|the\s+two)\s+(?:series|shows|titles|films|dramas)\b", re.I)
# "season 5 of X", "season 5 of the streamer's beloved supernatural series “X”", "the
# second season of the hit prequel, X": a few words that describe the title before its name.
_OF_TITLE = re.compile(
    r"\s+of\s+(?:(?:[^\s.,;:!?()]+\s+){0,5}?|(?:[^\s.,;:!?()]+\s+){0,6}?[^\s.,;:!?()]+,\s+)[\"“‘']?"
)
_FIRST = re.compile(r"\b(?:first|originally|debut\s+season|original)\b", re.I)
_SLATE_YEAR = re.compile(
    r"\b((?:19|20)\d{2})\s+(?:line-?up|slate|release\s+schedule|schedule|roster)|"
    r"(?:line-?up|slate|release\s+schedule|roster)\s+(?:for|of)\s+((?:19|20)\d{2})\b",
    re.I,
)
# "Netflix's 2026 release schedule": a year naming a list, not a release window.
_ATTRIBUTIVE = re.compile(
    r"'?s?\s+(?:(?:release|premiere|k-?drama|korean|content|tv|film|series)\s+)*"
    r"(?:schedule|slate|line-?up|roster|calendar|list|event|strikes?|season\s+of)\b",
    re.I,
)
# A cheap test that a sentence may hold a date phrase at all; most sentences do not.
_MAY_HOLD_DATE = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|"
    r"winter|year|quarter|half|christmas|new\s+year|halloween|valentine|thanksgiving)",
    re.I,
)
_PARENTHESISED_YEAR = re.compile(r"\(\s*(?:19|20)\d{2}\s*[-–]?\s*(?:(?:19|20)\d{2})?\s*\)")
_COORDINATION = re.compile(
    r"^[\s,'\"“”‘’()]*(?:(?:season|series|part)\s*\w+)?"
    r"(?:[\s,'\"“”‘’]*\(\s*(?:19|20)\d{2}\s*[-–]?\s*(?:(?:19|20)\d{2})?\s*\))?[\s,'\"“”‘’()]*"
    r"(?:and|&|or|as\s+well\s+as|plus)?[\s,'\"“”‘’()]*(?:the\s+)?$",
    re.I,
)


class _Document:
    """One document prepared for extraction: text, titles, seasons, topic."""

    def __init__(
        self,
        text: str,
        headline: str | None,
        published: dt.date | None,
        catalogue: Catalogue,
        official: bool,
    ) -> None:
        self.text = fold(text[:MAX_TEXT])
        self.headline = fold(headline or "")
        self.published = published
        self.official = official
        self._base = catalogue
        self.discovered = Catalogue()  # names this document introduces
        for name in discover_titles(self.headline + "\n" + self.text):
            if catalogue.canonical(name) is None:
                self.discovered.add(name)
        self.mentions = {
            "text": self._find_titles(self.text),
            "headline": self._find_titles(self.headline),
        }
        self.seasons = {"text": find_seasons(self.text), "headline": find_seasons(self.headline)}
        self.topic, self.topic_season, self.title_seasons = self._topic()
        self.numbers_seasons = any(
            s.kind == "season" for field_seasons in self.seasons.values() for s in field_seasons
        )
        slate = _SLATE_YEAR.search(self.headline + "\n" + self.text)
        self.slate_year = int(slate.group(1) or slate.group(2)) if slate else None

    def _find_titles(self, text: str) -> list[TitleMention]:
        found = self._base.find(text) if len(self._base) else []
        taken = [(m.start, m.end) for m in found]
        for mention in self.discovered.find(text):
            if not any(s < mention.end and mention.start < e for s, e in taken):
                found.append(mention)
        return sorted(found, key=lambda m: m.start)

    def attached_season(self, mention: TitleMention, field: str) -> SeasonMention | None:
        """ "X season 2", "X: Season Two", "season 2 of X", "the second season of X"."""
        text = self.source(field)
        for season in self.seasons[field]:
            gap = text[mention.end : season.start]
            if season.start >= mention.end and len(gap) <= 4 and re.fullmatch(r"[\s:,'\"-]*", gap):
                return season
            gap = text[season.end : mention.start]
            if season.end <= mention.start and _OF_TITLE.fullmatch(gap):
                return season
        return None

    def source(self, field: str) -> str:
        return self.headline if field == "headline" else self.text

    def _topic(self) -> tuple[str | None, int | None, dict[str, int]]:
        counts: Counter[str] = Counter()
        seasons: dict[str, Counter[int]] = {}
        for field_name, weight in (("headline", 3), ("text", 1)):
            for mention in self.mentions[field_name]:
                counts[mention.title] += weight
                season = self.attached_season(mention, field_name)
                if season is not None and season.kind == "season":
                    seasons.setdefault(mention.title, Counter())[season.number] += weight
        if not counts:
            return None, None, {}
        topic = counts.most_common(1)[0][0]
        by_title = {
            title: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for title, c in seasons.items()
        }
        return topic, by_title.get(topic), by_title


def _distance(mention_start: int, mention_end: int, date: DateMention) -> float:
    if mention_end <= date.start:
        return date.start - mention_end
    return (mention_start - date.end) * 1.3 + 2


def _groups(text: str, mentions: list[TitleMention]) -> list[list[TitleMention]]:
    """Titles joined by "and", commas and quotes form one group ("A and B are slated for Q4")."""
    groups: list[list[TitleMention]] = []
    for mention in mentions:
        if groups:
            previous = groups[-1][-1]
            between = text[previous.end : mention.start]
            if _COORDINATION.fullmatch(between):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def extract_claims(
    text: str,
    *,
    headline: str | None = None,
    published: dt.date | None = None,
    catalogue: Catalogue | None = None,
    official: bool = False,
) -> list[Claim]:
    """Every release-date claim in a document, repeats merged, in order of first quote."""
    doc = _Document(text, headline, published, catalogue or Catalogue(), official)
    claims: dict[tuple[str, int | None, int | None, str], Claim] = {}
    # Titles mentioned so far in the current paragraph, after those of the previous one
    # (``earlier`` of them); a name in parentheses is an aside, never a referent.
    recent: list[str] = []
    earlier = 0
    paragraph = -1
    for field_name in ("headline", "text"):
        source = doc.source(field_name)
        for sentence in split_sentences(source, field_name):
            if sentence.paragraph != paragraph or field_name == "headline":
                paragraph = sentence.paragraph
                recent = recent[earlier:] if field_name == "text" else []
                earlier = len(recent)
            for claim in _sentence_claims(doc, sentence, recent, earlier):
                existing = claims.get(claim.key) or _same_but_part(claims, claim)
                if existing is None:
                    claims[claim.key] = claim
                else:
                    existing.part = existing.part or claim.part
                    existing.quotes.extend(q for q in claim.quotes if q not in existing.quotes)
            recent.extend(
                m.title
                for m in doc.mentions[field_name]
                if sentence.start <= m.start < sentence.end
                and not _parenthesised(source, sentence.start, m.start)
            )
    return list(claims.values())


def _same_but_part(
    claims: dict[tuple[str, int | None, int | None, str], Claim], claim: Claim
) -> Claim | None:
    """A claim that differs only in naming no part: "Part 2 follows on ..." told twice."""
    title, season, part, value = claim.key
    for (t, s, p, v), existing in claims.items():
        if (t, s, v) == (title, season, value) and (p is None or part is None):
            return existing
    return None


def _parenthesised(text: str, start: int, position: int) -> bool:
    """Whether ``position`` lies inside parentheses opened after ``start``."""
    return text.count("(", start, position) > text.count(")", start, position)


def _sentence_claims(doc: _Document, sentence: Sentence, recent: list[str],
                     earlier: int) -> list[Claim]:  # fmt: skip
    source = doc.source(sentence.field)
    body = source[sentence.start : sentence.end]
    offset = sentence.start
    if not _MAY_HOLD_DATE.search(body):
        return []
    dates = find_dates(
        body, doc.published, past=speaks_of_the_past(body), slate_year=doc.slate_year
    )
    if not dates:
        return []
    cues = find_cues(body)
    if not any(c.kind != "other" for c in cues):
        return []
    titles = [
        TitleMention(m.start - offset, m.end - offset, m.title)
        for m in doc.mentions[sentence.field]
        if sentence.start <= m.start and m.end <= sentence.end
    ]
    seasons = [
        SeasonMention(s.start - offset, s.end - offset, s.number, s.kind)
        for s in doc.seasons[sentence.field]
        if sentence.start <= s.start and s.end <= sentence.end
    ]
    found: list[Claim] = []
    for i, date in enumerate(dates):
        if (
            not is_release_date(cues, date.start, date.end)
            or _ATTRIBUTIVE.match(body, date.end)
            or _implausible(date.window, doc.published)
            or _annotation_year(body, date)
            or (i + 1 < len(dates) and _refined_by(date, dates[i + 1], body))
        ):
            continue
        left, right = clause_span(body, date.start, date.end)
        clause = body[left:right]
        past = speaks_of_the_past(clause)
        window = date.window
        if past != speaks_of_the_past(body):
            window = _re_resolve(body, date, doc, past) or window
        chosen = _choose_titles(doc, body, titles, date, left, right, recent, earlier)
        for title, mention in chosen:
            season, part = _choose_season(doc, body, titles, seasons, title, mention, date,
                                          (left, right), past)  # fmt: skip
            quote = _quote(body, left, right, offset, sentence.field)
            stance = classify_stance(
                clause, official_source=doc.official or doc.slate_year is not None, past=past
            )
            found.append(Claim(title, season, window, stance, [quote], part))
    return found


def _annotation_year(body: str, date: DateMention) -> bool:
    """A year in parentheses after a name, "Squid Game (2021-)", dates the name, not a release."""
    found = _PARENTHESISED_YEAR.search(body, max(0, date.start - 3), date.end + 8)
    return found is not None and found.start() <= date.start < found.end()


def _quote(body: str, left: int, right: int, offset: int, field_name: str) -> Quote:
    """The clause that carries the claim, trimmed of spaces and joining punctuation."""
    clause = body[left:right]
    lead = len(clause) - len(clause.lstrip(" ,;:-—–"))
    text = clause.strip(" ,;:-—–")
    return Quote(text, offset + left + lead, offset + left + lead + len(text), field_name)


def _implausible(window: Window, published: dt.date | None) -> bool:
    """Years no streaming release is in ("set in 1945", "transported to 2071")."""
    year = (window.start or window.end or dt.date(2000, 1, 1)).year
    latest = published.year + 8 if published else 2100
    return year < 1990 or year > latest


def _refined_by(date: DateMention, following: DateMention, body: str) -> bool:
    """ "this year on August 27th": the coarse window is only a lead-in to the finer one."""
    gap = body[date.end : following.start]
    inner, outer = following.window, date.window
    return (
        bool(re.fullmatch(r"\s*,?\s*(?:on|in|,)?\s*", gap))
        and inner.start is not None
        and outer.start is not None
        and outer.end is not None
        and inner.end is not None
        and outer.start <= inner.start
        and inner.end <= outer.end
        and inner != outer
    )


def _re_resolve(body: str, date: DateMention, doc: _Document, past: bool) -> Window | None:
    for mention in find_dates(body, doc.published, past=past, slate_year=doc.slate_year):
        if mention.start == date.start:
            return mention.window
    return None


def _choose_titles(
    doc: _Document,
    body: str,
    titles: list[TitleMention],
    date: DateMention,
    left: int,
    right: int,
    recent: list[str],
    earlier: int,
) -> list[tuple[str, TitleMention | None]]:
    """The titles a date speaks of: named in its clause, else in its sentence, else the
    two just named ("both series", reaching back a paragraph), the one just named in this
    paragraph ("the show"), or the topic."""
    in_clause = [t for t in titles if left <= t.start and t.end <= right]
    candidates = in_clause or titles
    plain = [t for t in candidates if not _parenthesised(body, 0, t.start)]
    candidates = plain or candidates
    if candidates and not _BOTH.search(body[left:right]):
        best = min(
            _groups(body, candidates),
            key=lambda g: min(_distance(t.start, t.end, date) for t in g),
        )
        seen: dict[str, TitleMention] = {}
        for mention in best:
            seen.setdefault(mention.title, mention)
        return [(title, mention) for title, mention in seen.items()]
    if _BOTH.search(body):
        distinct = list(dict.fromkeys(reversed(recent)))[:2]
        if len(distinct) == 2:
            return [(t, None) for t in reversed(distinct)]
    here = recent[earlier:]  # "the show": one named in this paragraph, else the topic
    if here and _REFERENCE.search(body):
        return [(here[-1], None)]
    if doc.topic is not None:
        return [(doc.topic, None)]
    return []


def _choose_season(
    doc: _Document,
    body: str,
    titles: list[TitleMention],
    seasons: list[SeasonMention],
    title: str,
    mention: TitleMention | None,
    date: DateMention,
    clause: tuple[int, int],
    past: bool,
) -> tuple[int | None, int | None]:
    attached: dict[int, TitleMention] = {}
    for t in titles:
        for s in seasons:
            gap_after = body[t.end : s.start]
            gap_before = body[s.end : t.start]
            if (
                s.start >= t.end and len(gap_after) <= 4 and re.fullmatch(r"[\s:,'\"-]*", gap_after)
            ) or (s.end <= t.start and _OF_TITLE.fullmatch(gap_before)):
                attached[s.start] = t
    own = [s for s in seasons if s.start in attached and attached[s.start] is mention]
    segment = segment_span(body, date.start, date.end)
    free = [
        s
        for s in seasons
        if s.start not in attached
        and clause[0] <= s.start < clause[1]
        and (segment[0] <= s.start < segment[1] or (not past and s.end <= date.start))
    ]
    season: int | None = None
    part: int | None = None
    for s in own + sorted(free, key=lambda s: abs(s.start - date.start)):
        if s.kind == "season" and season is None:
            season = s.number
        elif s.kind == "part" and part is None:
            part = s.number
    if season is None and part is not None and not doc.numbers_seasons:
        season, part = part, None  # a split season the streamer numbers by parts
    if season is None:
        if past:
            first = _FIRST.search(body[clause[0] : clause[1]])
            season = 1 if first else None
        elif title == doc.topic:
            season = doc.topic_season
        else:
            season = doc.title_seasons.get(title)
    return season, part
