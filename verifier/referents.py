"""Who a date speaks of: the titles and seasons a document names, and which of them
each release date in it is about.

``DocumentContext`` reads a document once: the titles it names (from the catalogue,
and names it introduces itself), the seasons it names and which title each belongs
to, and its topic. ``choose_titles`` and ``choose_season`` then pick, for one date
in one sentence, the title named beside it, the two just named ("both series"),
the one just named ("the show"), or the topic, and that title's season.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from verifier.cues import speaks_of_the_past
from verifier.dates import DateMention
from verifier.discovery import FORMAT_WORD, discover_titles, subtitle_end
from verifier.scan import Words
from verifier.sentences import segment_span
from verifier.sequels import film_parts, sequel_seasons
from verifier.titles import (
    Catalogue,
    SeasonMention,
    TitleMention,
    elliptic_seasons,
    find_seasons,
    fold,
)
from verifier.windows import Window

_REFERENCE = Words(
    r"\b(?:it|its|it's|this\s+(?:series|show|film|movie|sequel|drama|k-?drama|project|title|season)|"
    r"the\s+(?:[\w-]+\s+){1,2}?(?:series|show|film|movie|sequel|drama|k-?drama|"
    r"project|romance|thriller|comedy|rom-com|melodrama|anime|documentary|miniseries|sitcom)|the\s+(?:series|show|film|movie|season|sequel|drama|k-?drama|project|new\s+season|"
    r"next\s+season|final\s+season|new\s+episodes|episodes|thriller|title)|season\s+\d+|"
    r"(?:both|the\s+two)\s+(?:series|shows|titles|films|dramas))\b"
)
# Many titles at once, none named: "34 new titles debuting in 2023" is not about the topic.
MANY_TITLES = Words(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|several|many|"
    r"multiple|various|other|these|those|dozens\s+of|a\s+(?:slew|host|number|raft|range|list)\s+of|"
    r"all(?:\s+of)?\s+the|some\s+of\s+the|upcoming|the\s+(?:best|top))"
    r"\s+(?:[\w-]+\s+){0,2}?(?:titles|shows|films|movies|k-?dramas|dramas|originals|projects|"
    r"series|seasons|programs|programmes|releases)\b"
)
_BOTH = Words(r"\b(?:both|the\s+two)\s+(?:series|shows|titles|films|dramas)\b")
# All of the works the sentence before named: "Each series pushed to 2026 faces ...".
_EACH = Words(
    r"\b(?:each|every|all)\s+(?:of\s+(?:the|these|those)\s+)?(?:series|shows|titles|films|dramas|"
    r"seasons|movies)\b|\b(?:these|those|the\s+(?:three|four|five|six))\s+(?:series|shows|titles|"
    r"films|dramas|seasons|movies)\b"
)
# "season 5 of X", "season 5 of the streamer's beloved supernatural series “X”", "the
# second season of the hit prequel, X": a few words that describe the title before its name.
_OF_TITLE = re.compile(
    r"\s+of\s+(?:(?:[^\s.,;:!?()]+\s+){0,5}?|(?:[^\s.,;:!?()]+\s+){0,6}?[^\s.,;:!?()]+,\s+)[\"“‘']?"
)
_OF_TITLE_REACH = 160  # "season 2 of" is at most this far before the title it attaches to
_FIRST = Words(r"\b(?:first|originally|debut\s+season|original|initial(?:ly)?)\b")
# "lineup|line-up", not "line-?up": every match then holds a rare word ("lineup", "slate", ...),
# so ``Words`` skips the scan of a page that has none ("line" is in "online" and "deadline").
# Each alternative begins with one character ("2" of "2026", the "l" of "lineup"), and the
# start of the year's word is tested after it, ``(?<!\w.)``: ``re`` then tries the pattern
# only where the text holds one of those characters, not at every word.
_SLATE = r"(?:lineup|line-up|slate|release\s+schedule|schedule|roster)"
# "its 2026 TV slate", "the 2025 K-drama lineup": a word or two for what the slate holds
_SLATE_WORDS = (
    r"(?:(?:tv|film|movie|series|k-?drama|drama|content|original|programming|streaming)\s+){0,2}"
)
SLATE_YEAR = Words(
    rf"1(?<!\w.)9\d{{2}}\s+{_SLATE_WORDS}{_SLATE}|2(?<!\w.)0\d{{2}}\s+{_SLATE_WORDS}{_SLATE}|"
    + "|".join(
        rf"{word}\s+(?:for|of)\s+(?:19|20)\d{{2}}\b"
        for word in ("lineup", "line-up", "slate", r"release\s+schedule", "roster")
    )
)
YEAR_DIGITS = re.compile(r"\d{4}")
_COORDINATION = re.compile(
    r"^[\s,'\"“”‘’()]*(?:(?:season|series|part)\s*\w+|[2-9](?!\d))?"
    r"(?:[\s,'\"“”‘’]*\(\s*(?:19|20)\d{2}\s*[-–]?\s*(?:(?:19|20)\d{2})?\s*\))?[\s,'\"“”‘’()]*"
    r"(?:and|&|or|as\s+well\s+as|plus)?[\s,'\"“”‘’()]*(?:the\s+)?$",
    re.I,
)

# "A season 3, along with B" and "A, along with the prequel to the novel, titled B": a title
# added to the group, described first or not.
_ALONG_WITH = re.compile(
    r"[\s,]*(?:(?:season|series|part)\s*\w+)?[\s,]*(?:along|together)\s+with\s+"
    r"(?:[^.;:!?]{0,80}?\b(?:(?:en)?titled|called|named|dubbed)\s+)?(?:the\s+)?[\"“‘']?",
    re.I,
)

# A comma stretch that begins with its verb: the subject came before an aside.
_AUX_START = Words(r"\s*(?:will|would|is|are|was|were|has|have|had|could|may|might|should)\s")
_RELATIVE = Words(r"[,;]\s*(?:which|that|who)\b")
_STUCK = re.compile(rf"(?:'s)?[\s:,'\"-]*(?:{FORMAT_WORD}(?:'s)?\s+)?", re.I)


def attaches(text: str, title: TitleMention, season: SeasonMention) -> bool:
    """ "X season 2", "X: Season Two", "season 2 of X", "the second season of the hit, X"."""
    if season.start >= title.end:
        gap = text[title.end : season.start]
        return len(gap) <= 18 and _STUCK.fullmatch(gap) is not None
    return (
        season.end <= title.start
        and _OF_TITLE.fullmatch(text[season.end : title.start]) is not None
    )


@dataclass
class Memory:
    """What the sentences read so far named: the titles of this paragraph after those of
    the one before (``earlier`` of them), and the season each title was last named with
    in a sentence of this paragraph about it alone ("X comes back for a second season. The
    show ...")."""

    titles: list[str] = field(default_factory=list)
    earlier: int = 0
    seasons: dict[str, int] = field(default_factory=dict)
    # The window last given to many works at once, for a list that follows in the document.
    slate: Window | None = None
    # The paragraph just read was a heading naming one title: the next one is its section's.
    heading: bool = False
    # The title the heading over this section named, if one did.
    section: str | None = None
    # The titles (and their seasons) of the last sentence that named several.
    group: dict[str, int | None] = field(default_factory=dict)
    # The sentence before asked when a release comes ("When will it drop?"): a bare date
    # after it ("Not until 2027.") answers.
    asked: bool = False

    def new_paragraph(self) -> None:
        if self.heading:  # "Bridgerton Season 4" over a section: what follows is about it
            self.heading = False
            return
        if not self.here and self.earlier:
            return  # a paragraph that named nothing ("Cast: ...") leaves the one before it last
        self.titles = self.titles[self.earlier :]
        self.earlier = len(self.titles)
        self.seasons = {}

    @property
    def here(self) -> list[str]:
        """The titles named so far in this paragraph."""
        return self.titles[self.earlier :]

    def forget(self) -> None:
        self.titles, self.earlier, self.seasons, self.slate = [], 0, {}, None
        self.heading, self.group, self.section = False, {}, None

    def read(self, body: str, titles: list[str], seasons: list[SeasonMention]) -> None:
        """Remember a sentence's titles; one title and one season number belong together,
        unless the season's stretch of the sentence looks back ("season 1, which premiered
        in 2021, ..." says nothing of what comes next). Seasons are relative to ``body``."""
        self.titles.extend(titles)
        self.heading = len(set(titles)) == 1 and _HEADING.fullmatch(body) is not None
        if _HEADING.fullmatch(body) and not (_FIELD.match(body) and not titles):
            # a heading opens a section: one named by a title is that title's ("Date: ...",
            # a listing's field, opens none)
            self.section = titles[0] if len(set(titles)) == 1 else None
        numbers = {s.number for s in seasons if s.kind == "season"}
        if len(set(titles)) != 1 or len(numbers) != 1:
            return
        for s in seasons:
            left, right = segment_span(body, s.start, s.end)
            if _RELATIVE.match(body, right):  # "season 1, which premiered in 2024, ..."
                right = segment_span(body, right + 1, right + 1)[1]
            if s.kind == "season" and speaks_of_the_past(body[left:right]):
                return
        self.seasons[titles[0]] = numbers.pop()


# A heading: one short line that does not end as a sentence does.
_FIELD = re.compile(r"\s*[A-Z][\w ]{0,25}:\s")  # "Date: September 10th", "Cast: ..."
_HEADING = re.compile(r"\s*[^\n]{1,80}?(?<![.!?,;:\"'])\s*")


def _first_line_end(text: str) -> int:
    """Where the first line with words in it ends."""
    end = text.find("\n", len(text) - len(text.lstrip()))
    return len(text) if end < 0 else end


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
        for name in discover_titles(whole):
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
        self.first_line_end = {"text": _first_line_end(self.text),
                               "headline": _first_line_end(self.headline)}  # fmt: skip
        self._title_starts = {f: [m.start for m in found] for f, found in self.mentions.items()}
        self._season_starts = {f: [s.start for s in found] for f, found in self.seasons.items()}
        self.topic, self.topic_season, self.title_seasons = self._topic()
        self.numbers_seasons = any(
            s.kind == "season" for field_seasons in self.seasons.values() for s in field_seasons
        )
        slate = SLATE_YEAR.search(whole)
        self.slate_year = int(YEAR_DIGITS.findall(slate.group())[0]) if slate else None

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
        return next(
            (
                s
                for s in near
                if attaches(text, mention, s)
                # "season 2 of A and B": the season is A's, the title nearer it
                and not any(s.end <= t.start and t.end <= mention.start for t in between)
            ),
            None,
        )

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
            return None, None, {}
        topic = counts.most_common(1)[0][0]
        by_title = {
            title: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for title, c in seasons.items()
        }
        return topic, by_title.get(topic), by_title


def _distance(mention_start: int, mention_end: int, date: DateMention) -> float:
    if mention_end <= date.start:
        return date.start - mention_end
    return (mention_start - date.end) * 3 + 40


def _groups(text: str, mentions: list[TitleMention]) -> list[list[TitleMention]]:
    """Titles joined by "and", commas and quotes form one group ("A and B are slated for Q4")."""
    groups: list[list[TitleMention]] = []
    for mention in mentions:
        if groups:
            previous = groups[-1][-1]
            between = text[previous.end : mention.start]
            if _COORDINATION.fullmatch(between) or _ALONG_WITH.fullmatch(between):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


# The name of the work another one follows: "Matt Reeves' follow-up to The Batman was put
# back until 2027" dates the follow-up, which has no name here.
_FOLLOWED_WORK = Words(
    r"\b(?:follow-?ups?|sequels?|prequels?|successors?|spin-?offs?|remakes?|reboots?)\s+(?:to|of)"
    r"\s+['\"]?\Z"
)
# "set to air on September 10 to replace X": the slot's last show.
_REPLACED_WORK = Words(
    r"\b(?:replac(?:e|es|ed|ing)|succeed(?:s|ed|ing)?|in\s+place\s+of|taking\s+over\s+from)"
    r"\s+['\"]?\Z"
)


def names_another_work(body: str, start: int) -> bool:
    """Whether the title at ``start`` is named only as what another work follows or replaces."""
    return (
        _follows(body, start) or _REPLACED_WORK.search(body, max(0, start - 30), start) is not None
    )


def _follows(body: str, start: int) -> bool:
    return _FOLLOWED_WORK.search(body, max(0, start - 30), start) is not None


def _named_reference(body: str) -> bool:
    """A reference by a noun ("the series", "season 4"), not by "it" alone."""
    return any(m.group().lower() not in ("it", "its", "it's") for m in _REFERENCE.finditer(body))


def parenthesised(text: str, start: int, position: int) -> bool:
    """Whether ``position`` lies inside parentheses opened after ``start``."""
    return text.count("(", start, position) > text.count(")", start, position)


def choose_titles(
    doc: DocumentContext,
    body: str,
    titles: list[TitleMention],
    date: DateMention,
    left: int,
    right: int,
    memory: Memory,
) -> list[tuple[str, TitleMention | None]]:
    """The titles a date speaks of: named in its clause, else in its sentence, else the
    two just named ("both series", reaching back a paragraph), the one just named in this
    paragraph ("the show"), or the topic."""
    others = [t for t in titles if names_another_work(body, t.start)]
    titles = [t for t in titles if t not in others]
    followed = [t for t in others if _follows(body, t.start)]
    if any(left <= t.start and t.end <= right for t in followed) and not any(
        left <= t.start and t.end <= right for t in titles
    ):
        return []  # "the follow-up to X was put back": a work with no name here
    opening = body.rfind("(", max(0, date.start - 3), date.start)
    if opening >= 0:  # "Bel-Air (February 13)": the date is the name's before it, alone
        named = [t for t in titles if t.end <= opening and not body[t.end : opening].strip()]
        if named:
            return [(named[-1].title, named[-1])]
    in_clause = [t for t in titles if left <= t.start and t.end <= right]
    candidates = in_clause or titles
    plain = [t for t in candidates if not parenthesised(body, 0, t.start)]
    candidates = plain or candidates
    if candidates and not _BOTH.search(body[left:right]):
        segment = segment_span(body, date.start, date.end)
        if in_clause and _AUX_START.match(body, segment[0]):
            # "'Sinners', reuniting Coogler with his 'Black Panther' actor, will be pushed
            # back to April 18": the subject is the clause's first name, not the aside's
            first = min(in_clause, key=lambda t: t.start)
            if not parenthesised(body, 0, first.start) and first.end <= segment[0]:
                group = next(g for g in _groups(body, in_clause) if first in g)  # "A and B, ..."
                chosen: dict[str, TitleMention | None] = {}
                for mention in group:
                    chosen.setdefault(mention.title, mention)
                return list(chosen.items())
        # A title in the date's own comma stretch comes first ("X season 3 ended in July,
        # and we wait until winter for season 4 of X"), then the nearest.
        best = min(
            _groups(body, candidates),
            key=lambda g: (
                not any(segment[0] <= t.start and t.end <= segment[1] for t in g),
                min(_distance(t.start, t.end, date) for t in g),
            ),
        )
        seen: dict[str, TitleMention] = {}
        for mention in best:
            seen.setdefault(mention.title, mention)
        return [(title, mention) for title, mention in seen.items()]
    if memory.group and not in_clause and _EACH.search(body, left, right):
        return [(title, None) for title in memory.group]  # "Each series pushed to 2026 ..."
    if _BOTH.search(body):
        distinct = list(dict.fromkeys(reversed(memory.titles)))[:2]
        if len(distinct) == 2:
            return [(t, None) for t in reversed(distinct)]
    if memory.here and _REFERENCE.search(body):  # "the show": the one just named
        return [(memory.here[-1], None)]
    before = set(memory.titles[: memory.earlier])
    if not memory.here and len(before) == 1 and _named_reference(body):
        return [(before.pop(), None)]  # "The series ...": the one title of the paragraph before
    if memory.section is not None and not MANY_TITLES.search(body, left, right):
        return [(memory.section, None)]  # a list article's section is its heading's title's
    if doc.topic is not None and not MANY_TITLES.search(body, left, right):
        return [(doc.topic, None)]
    return []


def choose_season(
    doc: DocumentContext,
    body: str,
    titles: list[TitleMention],
    seasons: list[SeasonMention],
    title: str,
    mention: TitleMention | None,
    date: DateMention,
    clause: tuple[int, int],
    past: bool,
    memory: Memory,
) -> tuple[int | None, int | None]:
    attached: dict[int, TitleMention] = {}
    for t in titles:
        for s in seasons:
            if attaches(body, t, s):
                attached[s.start] = t
    own = [s for s in seasons if s.start in attached and attached[s.start] is mention]
    segment = segment_span(body, date.start, date.end)
    free = [
        s
        for s in seasons
        if s.start not in attached
        and clause[0] <= s.start < clause[1]
        and (segment[0] <= s.start < segment[1] or (not past and s.end <= date.start))
        # "... until Season 2, Netflix will release X in November": the season is behind X
        and not (mention is not None and s.end <= mention.start and mention.end <= date.start)
    ]
    season: int | None = None
    part: int | None = None
    # A season in the date's own stretch ("..., and Part 2 arrives in May") comes first.
    # "Season 2 in 2023 and Season 3 in 2025": a season before the date is nearer than one
    # the same distance after it.
    free.sort(key=lambda s: date.start - s.end if s.end <= date.start else (s.start - date.end) * 3)
    near = [s for s in free if segment[0] <= s.start < segment[1]]
    for s in near + own + [s for s in free if s not in near]:
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
        elif title in memory.seasons:
            season = memory.seasons[title]
        elif mention is None and memory.group.get(title) is not None:
            season = memory.group[title]
        elif title == doc.topic:
            season = doc.topic_season
        else:
            season = doc.title_seasons.get(title)
    return season, part
