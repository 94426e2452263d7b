"""What the sentences read so far named, for a sentence that names nothing itself: the
titles of this paragraph and the one before, the season each was named with, a
section's heading, the titles of a sentence that named several, a slate's window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from verifier.cues import speaks_of_the_past
from verifier.scan import Words
from verifier.sentences import segment_span
from verifier.titles import SeasonMention
from verifier.windows import Window

_RELATIVE = Words(r"[,;]\s*(?:which|that|who)\b")
_SHOW = Words(r"\b(?:the|this)\s+(?:[\w-]+\s+){0,2}?(?:show|series|drama|k-?drama|anime|sitcom)\b")

# A heading: one short line that does not end as a sentence does.
_DIGIT = re.compile(r"\d")
_FIELD = re.compile(r"\s*[A-Z][\w ]{0,25}:\s")  # "Date: September 10th", "Cast: ..."
# (a quoted name may end it: 'Yoo Ah-in in "Six Flying Dragons"')
_ASKED = re.compile(r"\s*(?:When|Where|Is|Will|Has|What)\b[^\n]{1,80}\?\s*")
_HEADING = re.compile(r"\s*[^\n]{1,80}?(?<![.!?,;:\"'])(?:(?<=[\w)])[\"”'’])?\s*")


@dataclass(frozen=True)
class Slate:
    """A window given to many works at once: "five titles have been pushed back to 2024"."""

    window: Window
    stance: str  # how sure the sentence was of it
    returning: bool  # of shows that return ("several series won't return until 2026")


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
    slate: Slate | None = None
    # The last such window still to come when the page was written, for a list that looks
    # ahead after a sentence about what was released before ("From 2016 to 2021 we launched
    # 130 titles. Shows to look forward to include A").
    ahead: Slate | None = None
    # The paragraph just read was a heading naming one title: the next one is its section's.
    heading: bool = False
    # The title the heading over this section named, if one did.
    section: str | None = None
    # The titles (and their seasons) of the last sentence that named several.
    group: dict[str, int | None] = field(default_factory=dict)
    # The sentence before asked when a release comes ("When will it drop?"): a bare date
    # after it ("Not until 2027.") answers.
    asked: bool = False
    # The day a schedule's heading named ("September 15:"), for the items under it.
    day: Window | None = None
    # Where the sentence being read starts in the text (-1 in the headline).
    at: int = -1
    # A line that names one title and no date (title, season, where the line ends): a date
    # line right under it dates it ("Moon Court (Netflix)" over "March 5").
    undated: tuple[str, int | None, int] | None = None

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
        self.titles, self.earlier, self.seasons, self.slate, self.ahead = [], 0, {}, None, None
        self.heading, self.group, self.section = False, {}, None

    def read(self, body: str, titles: list[str], seasons: list[SeasonMention]) -> None:
        """Remember a sentence's titles; one title and one season number belong together,
        unless the season's stretch of the sentence looks back ("season 1, which premiered
        in 2021, ..." says nothing of what comes next). Seasons are relative to ``body``."""
        self.titles.extend(titles)
        # a question asked of one work heads its answer: "When Does X Come Out in Theaters?"
        asked = len(set(titles)) == 1 and _ASKED.fullmatch(body) is not None
        self.heading = asked or (len(set(titles)) == 1 and _HEADING.fullmatch(body) is not None)
        if asked or (len(titles) == 1 and body.strip(" \t-*•·.").lower() == titles[0].lower()):
            # (a bulleted item's name as a sentence of its own: "• Moon Court. The drama ...")
            self.section = titles[0]
        elif _HEADING.fullmatch(body) and not (
            (_FIELD.match(body) or _DIGIT.search(body)) and not titles
        ):  # a listing's field line ("Monday-Tuesday 10 p.m. on SBS") opens no section
            # a heading opens a section: one named by a title is that title's ("Date: ...",
            # a listing's field, opens none)
            self.section = titles[0] if len(set(titles)) == 1 else None
        numbers = {s.number for s in seasons if s.kind == "season"}
        if not titles and len(numbers) == 1 and _SHOW.search(body):
            # "But the show is writing a new chapter with a second season": the one just
            # named, or the section's
            titles = self.here[-1:] or ([self.section] if self.section else [])
        if len(set(titles)) != 1 or len(numbers) != 1:
            return
        for s in seasons:
            left, right = segment_span(body, s.start, s.end)
            if _RELATIVE.match(body, right):  # "season 1, which premiered in 2024, ..."
                right = segment_span(body, right + 1, right + 1)[1]
            if s.kind == "season" and speaks_of_the_past(body[left:right]):
                return
        self.seasons[titles[0]] = numbers.pop()
