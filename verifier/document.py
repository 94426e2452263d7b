"""One document prepared for extraction: its text, the titles and seasons it names,
which title each season belongs to, its topic and the year of a slate it names.

``DocumentContext`` reads a document once: the titles it names (from the catalogue,
and names it introduces itself, ``verifier.discovery``), the seasons it names
(``verifier.titles``, with sequel numbers and film parts read by ``verifier.sequels``),
and its topic, the title it names most.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter

from verifier.discovery import FORMAT_WORD, discover_titles, subtitle_end
from verifier.headings import caption_lines
from verifier.names import NETWORKS, read_back
from verifier.scan import Words, lowered
from verifier.sequels import elliptic_seasons, film_parts, sequel_seasons
from verifier.titles import (
    Catalogue,
    SeasonMention,
    TitleMention,
    find_seasons,
    fold,
)

_OF_TITLE = re.compile(
    r"\s+(?:of|for)\s+(?:(?:[^\s.,;:!?()]+\s+){0,5}?|(?:[^\s.,;:!?()]+\s+){0,6}?[^\s.,;:!?()]+,\s+)"
    # "the second season for the television anime of Kei Sazane's light novel series X"
    r"(?:of\s+(?:[^\s.,;:!?()]+\s+){0,5}?)?[\"“‘']?"
)
_AND = re.compile(r"[\s,'\"“”‘’]*(?:and|&|as\s+well\s+as)?[\s,'\"“”‘’]*", re.I)
# An audience named by what it watches: "for Moon Court fans", "Moon Court fans have".
_FANS = re.compile(r"(?<=[\w!?])\s+fans\b")
# ... and not by a kind, a nation or what a sentence may open on: "K-drama fans", "Korean
# fans", "Many fans" (the whole name, so "The Boys fans" names The Boys)
_NOT_A_WORK = re.compile(
    r"(?i)k-?dramas?|dramas?|anime|manga|horror|comedy|romance|tv|films?|movies?|series|shows?|"
    r"streaming|korean|japanese|american|british|chinese|thai|indian|international|global|local|"
    r"longtime|loyal|die-hard|diehard|many|some|most|all|the|hardcore|casual"
)
_OF_TITLE_REACH = 160  # "season 2 of" is at most this far before the title it attaches to
# "lineup|line-up", not "line-?up": every match then holds a rare word ("lineup", "slate", ...),
# so ``Words`` skips the scan of a page that has none ("line" is in "online" and "deadline").
# Each alternative begins with one character ("2" of "2026", the "l" of "lineup"), and the
# start of the year's word is tested after it, ``(?<!\w.)``: ``re`` then tries the pattern
# only where the text holds one of those characters, not at every word.
_SLATE = r"(?:lineup|line-up|slate|release\s+schedule|schedule|roster|offerings)"
# "its 2026 TV slate", "the 2025 K-drama lineup": a word or two for what the slate holds
# or the network's name: "a 2026 HBO slate"
_SLATE_WORDS = (
    r"(?:(?:tv|film|movie|series|k-?drama|drama|content|original|programming|streaming|anime|"
    + "|".join(sorted((re.escape(n) for n in NETWORKS), key=len, reverse=True))
    + r")\s+){0,2}"
)
SLATE_YEAR = Words(
    rf"1(?<!\w.)9\d{{2}}\s+{_SLATE_WORDS}{_SLATE}|2(?<!\w.)0\d{{2}}\s+{_SLATE_WORDS}{_SLATE}|"
    + "|".join(
        rf"{word}\s+(?:for|of)\s+(?:19|20)\d{{2}}\b"
        for word in ("lineup", "line-up", "slate", r"release\s+schedule", "roster", "offerings")
    )
)
YEAR_DIGITS = re.compile(r"\d{4}")
_LEFT_OUT = Words(r"\b(?:absen\w*|missing|left\s+off|omitted|excluded|not\s+(?:on|in|part\s+of))\b")


def left_out(text: str, slate_start: int) -> bool:
    """ "absent from the 2025 lineup": the slate named is one the works are not on."""
    return _LEFT_OUT.search(text, max(0, slate_start - 30), slate_start) is not None


_STUCK = re.compile(rf"(?:'s)?[\s:,'\"(-]*(?:{FORMAT_WORD}(?:'s)?\s+)?", re.I)  # and "X (Season 2)"


def attaches(text: str, title: TitleMention, season: SeasonMention) -> bool:
    """ "X season 2", "X: Season Two", "season 2 of X", "the second season of the hit, X"."""
    if season.start >= title.end:
        gap = text[title.end : season.start]
        return len(gap) <= 18 and _STUCK.fullmatch(gap) is not None
    return (
        season.end <= title.start
        and _OF_TITLE.fullmatch(text[season.end : title.start]) is not None
    )


# The page tells of an announcement: "Netflix confirmed", "the studio has set", "revealed".
_ANNOUNCED = Words(
    r"\b(?:announc(?:ed|es|ement)|confirm(?:ed|s)|reveal(?:ed|s)|unveil(?:ed|s)|has\s+set|have\s+set|"
    r"press\s+release|officially|dated|scheduled)\b"
)


# A season ordered: "renewed the show for a second season", "picked up for a third".
RENEWED_FOR = Words(
    r"\b(?:renew\w*|picked\s+up|pick\s+up|order\w*|greenlit|green-lit)\b[^.;]{0,60}?\bfor\s+(?:a|an|its|the)\s+\Z"
)
# "StreamHub hasn't announced a date", "has yet to confirm": no announcement.
_NOT_YET = Words(
    r"(?:n't|\bnot|\bnever|\byet\s+to\s+be|\byet\s+to|\bno)\s+(?:been\s+|officially\s+)?\Z"
)


def _first_line_end(text: str) -> int:
    """Where the first line with words in it ends."""
    end = text.find("\n", len(text) - len(text.lstrip()))
    return len(text) if end < 0 else end


def english_lines(text: str) -> str:
    """``text`` less its lines that are mostly Korean (the English rules' share of a page)."""
    if text.isascii() or _HANGUL.search(text) is None:
        return text
    return "\n".join(
        "" if _HANGUL.search(line) and _mostly_hangul(line) else line for line in text.split("\n")
    )


def _mostly_hangul(line: str) -> bool:
    return len(_HANGUL.findall(line)) * 2 > len(_LETTER.findall(line))


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")


class DocumentContext:
    """One document prepared for extraction: text, titles, seasons, topic."""

    def __init__(
        self,
        text: str,
        headline: str | None,
        published: dt.date | None,
        catalogue: Catalogue,
        official: bool,
    ) -> None:
        # Extraction reads the folded text; quotes are cut from the text as written.
        self.original = {"text": text, "headline": headline or ""}
        self.text = fold(text)
        self.headline = fold(headline or "")
        self.published = published
        self.official = official
        self._base = catalogue
        self.discovered = Catalogue()  # names this document introduces
        whole = self.headline + "\n" + self.text  # read once for names and the slate's year
        for name in discover_titles(english_lines(whole)):  # (Korean lines: verifier/korean)
            if catalogue.canonical(name) is None:
                self.discovered.add(name)
        self.mentions = {
            "text": self._spin_offs(self.text, self._find_titles(self.text)),
            "headline": self._find_titles(self.headline),
        }
        self.seasons = {
            "text": elliptic_seasons(self.text, find_seasons(self.text)),
            "headline": find_seasons(self.headline),
        }
        for name, source in (("text", self.text), ("headline", self.headline)):
            self.mentions[name], self.seasons[name] = sequel_seasons(
                source, self.mentions[name], self.seasons[name], catalogue, whole=whole
            )
            self.mentions[name], self.seasons[name] = film_parts(
                source, self.mentions[name], self.seasons[name], whole=whole
            )
        captions = caption_lines(self.text)
        if captions:  # a picture's caption names what is pictured, not what the text is about
            self.mentions["text"] = [
                m for m in self.mentions["text"] if not any(a <= m.start < b for a, b in captions)
            ]
        self.first_line_end = {"text": _first_line_end(self.text),
                               "headline": _first_line_end(self.headline)}  # fmt: skip
        self._title_starts = {f: [m.start for m in found] for f, found in self.mentions.items()}
        self._season_starts = {f: [s.start for s in found] for f, found in self.seasons.items()}
        self.topic, self.topic_season, self.title_seasons = self._topic()
        self.topic_named_at = self._topic_named_at()
        # a return is of a season the document names, if only in passing
        self.returning_seasons = {**self._sole_titles_seasons(), **self.title_seasons}
        self.numbers_seasons = any(
            s.kind == "season" for field_seasons in self.seasons.values() for s in field_seasons
        )
        self.announced = any(
            not _NOT_YET.search(whole, max(0, m.start() - 16), m.start())
            for m in _ANNOUNCED.finditer(whole)
        )
        slate = next(
            (m for m in SLATE_YEAR.finditer(whole) if not left_out(whole, m.start())), None
        )
        self.slate_year = int(YEAR_DIGITS.findall(slate.group())[0]) if slate else None
        # a piece about a year's line-up names it in its headline or its first lines
        self.lineup_year = (
            self.slate_year
            if slate is not None and slate.start() <= len(self.headline) + 300
            else None
        )

    def _find_titles(self, text: str) -> list[TitleMention]:
        found = self._base.find(text) if len(self._base) else []
        taken = [(m.start, m.end) for m in found]
        for mention in self.discovered.find(text):
            if not any(s < mention.end and mention.start < e for s, e in taken):
                found.append(mention)
        return sorted(found, key=lambda m: m.start)

    def titles_in(self, field: str, start: int, end: int) -> list[TitleMention]:
        """The title mentions of ``field`` that start in [start, end), by bisection: a
        sentence's share costs no scan of the whole document."""
        mentions, starts = self.mentions[field], self._title_starts[field]
        return mentions[bisect_left(starts, start) : bisect_left(starts, end)]

    def seasons_in(self, field: str, start: int, end: int) -> list[SeasonMention]:
        seasons, starts = self.seasons[field], self._season_starts[field]
        return seasons[bisect_left(starts, start) : bisect_left(starts, end)]

    @staticmethod
    def _spin_offs(text: str, mentions: list[TitleMention]) -> list[TitleMention]:
        """ "X: The Challenge" in running text is a title of its own (a headline's "X: Cast,
        Plot" is not, so headlines are left alone)."""
        found = []
        for mention in mentions:
            end = subtitle_end(text, mention.end)
            if end is not None:
                name = mention.title + ": " + text[mention.end + 1 : end].strip()
                mention = TitleMention(mention.start, end, name)
            found.append(mention)
        return found

    def attached_season(self, mention: TitleMention, field: str) -> SeasonMention | None:
        """The season named with the title at ``mention`` ("X season 2"), if any."""
        text = self.source(field)
        near = self.seasons_in(field, mention.start - _OF_TITLE_REACH, mention.end + 20)
        between = self.titles_in(field, mention.start - _OF_TITLE_REACH, mention.start)
        for s in near:
            before = [t for t in between if s.end <= t.start and t.end <= mention.start]
            if not before:
                if attaches(text, mention, s):
                    return s
            # "season 2 of A and B": the season is A's, the title nearer it; "the second
            # seasons of A and B" are each's
            elif (
                text[s.end - 1] == "s"
                and attaches(text, before[0], s)
                and all(
                    _AND.fullmatch(text, a.end, b.start)
                    for a, b in zip(before, [*before[1:], mention], strict=True)
                )
            ):
                return s
        return None

    def source(self, field: str) -> str:
        return self.headline if field == "headline" else self.text

    def _topic(self) -> tuple[str | None, int | None, dict[str, int]]:
        counts: Counter[str] = Counter()
        seasons: dict[str, Counter[int]] = {}
        for field_name, weight in (("headline", 3), ("text", 1)):
            source = self.source(field_name)
            depth, at = 0, 0  # parentheses open on the line so far, counted once, not per name
            for mention in self.mentions[field_name]:
                stretch = source[at : mention.start]
                newline = stretch.rfind("\n")
                if newline >= 0:
                    depth, stretch = 0, stretch[newline + 1 :]
                depth += stretch.count("(") - stretch.count(")")
                at = mention.start
                if depth > 0:
                    continue  # a filmography aside: ("Itaewon Class," "My Name")
                counts[mention.title] += weight
                season = self.attached_season(mention, field_name)
                if season is not None and season.kind == "season":
                    seasons.setdefault(mention.title, Counter())[season.number] += weight
        if not counts:
            return self._fans_topic(), None, {}
        topic = counts.most_common(1)[0][0]
        by_title = {
            title: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for title, c in seasons.items()
        }
        return topic, by_title.get(topic), by_title

    def _fans_topic(self) -> str | None:
        """A page that names no work as news names works, but opens on its audience ("a hard
        week for Moon Court fans") and then speaks of "the third season": that series."""
        if not self.seasons["text"]:
            return None  # (no season of anything: the audience may be an actor's, a genre's)
        for field_name in ("headline", "text"):
            source = self.source(field_name)
            found = _FANS.search(source, 0, 600)
            if found is None:
                continue
            name = read_back(source, found.start())
            if name is None:
                continue
            networks = any(w.lower().strip("'’") in NETWORKS for w in name[1].split())
            if not networks and not _NOT_A_WORK.fullmatch(name[1]):
                return name[1]
        return None

    def _topic_named_at(self) -> int:
        """Where the text first writes the topic's name, in any case and recognised or not
        ("Wednesday is one of ..."); 0 when the headline names it, -1 when nothing does."""
        if self.topic is None:
            return -1
        if self.mentions["headline"] and any(
            m.title == self.topic for m in self.mentions["headline"]
        ):
            return 0
        firsts = [m.start for m in self.mentions["text"] if m.title == self.topic][:1]
        written = lowered(self.text).find(self.topic.lower())
        return min(firsts + ([written] if written >= 0 else []), default=-1)

    def _sole_titles_seasons(self) -> dict[str, int]:
        """For titles no season is named with: the highest season a sentence naming that title
        alone names ("Avatar continues filming its second season", "The Gentlemen's creator
        ... with filming for Season 2 not begun")."""
        found: dict[str, int] = {}
        text = self.text
        for season in self.seasons["text"]:
            if season.kind != "season":
                continue
            # the sentence around it, looked for within 400 characters (a page of one endless
            # line must not make this quadratic)
            reach = max(0, season.start - 400)
            start = max(
                text.rfind(". ", reach, season.start), text.rfind("\n", reach, season.start)
            )
            start = max(start + 1, reach)
            stop = min(len(text), season.end + 400)
            ends = [
                i
                for i in (text.find(". ", season.end, stop), text.find("\n", season.end, stop))
                if i >= 0
            ]
            named = {m.title for m in self.titles_in("text", start, min(ends, default=stop))}
            if (
                not named
                and self.topic is not None
                and RENEWED_FOR.search(text, start, season.start)
            ):
                named = {self.topic}  # "Netflix renewed the breakout teen show for a second season"
            if len(named) == 1:
                title = named.pop()
                found[title] = max(found.get(title, 0), season.number)
        return found
