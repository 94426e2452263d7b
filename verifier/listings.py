"""Dates that a listing's layout gives: what a line, a heading or a list says by where it
stands, not by a release word beside the date.

- Schedules: a heading line that is a date ("September 15:", "Tuesday, Sept. 1") dates
  the item lines under it ("Atlanta (FX, Season 4)", "8 p.m. — "Transplant" (NBC, ...)",
  "The League (FXX), 10 p.m. (Season 7)") until prose resumes (``schedule_items``).
- A title's line and its date's line under it, in one paragraph: "Moon Court (Netflix)"
  over "March 5", "Premiere date: March 5" or "(Netflix, March 5)", perhaps a line of
  notes between ("(Netflix)") (``dated_below``); a date line with no undated title over
  it is a schedule's heading instead.
- Listing lines: "Love At First Sight — September 15" (``dash_dated``), "BMF (Starz,
  September 26 at 9 PM)" (``network_dated``), "A on Sept. 17; B on Feb. 11" after a
  release word (``dated_in_series``), a date in parentheses after a name in a list
  (``dated_item``).
- Sections of a piece about a year's line-up ("StreamHub Reveals 2027 Drama Lineup"),
  each headed by the title it is about: the title carries the line-up's year
  (``lineup_section``); a finer date in its section wins, as for any listed title.
- Lists of works dated as a whole: "Looking ahead to 2026, ... sequels including A"
  (``ahead``), "18 Korean series for 2027, including A" (``works_for``).
"""

from __future__ import annotations

import re

from verifier.claim import Claim, quote_between
from verifier.cues import Cue
from verifier.dates import DateMention, resolve_phrases
from verifier.document import DocumentContext
from verifier.lines import DAY, date_only
from verifier.lists import WORKS_NOUN, list_start
from verifier.memory import Memory
from verifier.phrases import date_phrases, may_hold_date
from verifier.referents import name_before_parenthesis
from verifier.scan import Words
from verifier.sentences import Sentence
from verifier.titles import TitleMention, find_seasons
from verifier.windows import Window

# A schedule's heading: a line that is a date ("September 15:", "Monday, Sept. 24"); the
# items under it, "Atlanta (FX, Season 4)", premiere that day.
_DATE_HEADING = re.compile(r"[\w ,.'()-]{3,40}:?\s*")  # "Mar. 5 (Fri)"
_TIME = r"\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?\*?"
_ZONE = r"(?:\s*(?:ET|PT|CT|EST|PST|EDT|PDT|KST|GMT|BST))?"
_ITEM_LINE = re.compile(
    rf"\s*(?:[-*•·]\s+)?(?:{_TIME}{_ZONE}\s*[:—–-]\s*)?[\"']?(?P<name>[^\n()\"]{{1,80}}?)[\"']?,?"
    rf"\s+\((?P<notes>[^()\n]{{1,80}})\)(?:,?\s*{_TIME})?(?:\s*\((?P<more>[^()\n]{{1,40}})\))?\s*"
    # "Becoming (Disney+ Original Series) – From executive producers ...": its blurb after;
    # "- 8 p.m. ET — Moon Court (FOX) | Season 5": its notes after a bar
    r"(?:[—–-]\s+[^\n]*|\|\s*(?P<barred>[^\n]{1,80}))?"
)
# An item line under a day's heading with no notes, only its blurb: "Ever After – A young woman".
_BLURB_ITEM = re.compile(r"\s*[\"']?(?P<name>[^\n()\"–—]{1,60}?)[\"']?\s+[—–]\s+[A-Z][^\n]*")
_LINE = re.compile(r"[^\n]+")
_DAY_LEAD = re.compile(r"\s*([^\n:]{3,30}):\s+")
# What a heading holds besides its date: a weekday, commas, a colon.
_HEADING_REST = re.compile(
    r"(?i)[\s,.:(]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)\.?)?[\s,.:)]*"
)


def read_dated_heading(doc: DocumentContext, body: str, memory: Memory) -> None:
    """A paragraph of prose ends a schedule (its headings are read line by line, with its
    items, by ``schedule_items``)."""
    if len(body) > 120 and "\n" not in body.strip():
        memory.day = None


def _heading_day(doc: DocumentContext, line: str) -> Window | None:
    """The day a schedule's heading line names: "September 15:", "Tuesday, Sept. 1"."""
    if len(line) > 45 or not _DATE_HEADING.fullmatch(line) or not may_hold_date(line):
        return None
    dates = resolve_phrases(line, date_phrases(line), doc.published, slate_year=doc.slate_year)
    if len(dates) != 1:
        return None
    rest = line[: dates[0].start] + line[dates[0].end :]
    return dates[0].window if _HEADING_REST.fullmatch(rest) else None


def schedule_items(
    doc: DocumentContext, sentence: Sentence, body: str, titles: list[TitleMention], memory: Memory
) -> list[Claim] | None:
    """ "Fate: The Winx Saga (Netflix, Season 2)" under a heading "September 16:", line by
    line; None where the text is no schedule's."""
    found: list[Claim] = []
    schedule = False
    for line in _LINE.finditer(body):
        day = _heading_day(doc, line.group())
        if day is not None:
            memory.day, schedule = day, True
            continue
        item_start = line.start()
        lead = _DAY_LEAD.match(body, line.start(), line.end())
        if lead is not None:  # "March 5: Moon Court (Netflix)": the day and its item on a line
            led = _heading_day(doc, lead.group(1))
            if led is not None:
                memory.day, schedule, item_start = led, True, lead.end()
        item = _ITEM_LINE.fullmatch(body, item_start, line.end()) if memory.day else None
        if item is None and memory.day is not None:
            item = _BLURB_ITEM.fullmatch(body, item_start, line.end())
        if item is None:
            if line.group().strip():
                if not schedule and not found and memory.day is None:
                    continue  # prose before the schedule's first heading: "Below you'll find:"
                return found if schedule or found else None
            continue
        named = [
            t for t in titles if item.start("name") - 1 <= t.start and t.end <= item.end("name") + 1
        ]
        if memory.day is None:
            return found if schedule or found else None
        if not named:
            continue  # an item whose name was not read as a work's: the schedule goes on
        noted = "notes" in item.re.groupindex and item.group("notes") is not None
        notes = (
            body[item.start("notes") : item.end("notes")]
            + " "
            + (item.group("more") or "")
            + " "
            + (item.group("barred") or "")
            if noted
            else ""
        )
        season = next((m.number for m in find_seasons(notes) if m.kind == "season"), None)
        if season is None:  # "Glass Orchard season 2 (Hulu)": the season named with the title
            own = [m for m in find_seasons(item.group("name")) if m.kind == "season"]
            season = own[0].number if own else None
        start, end = sentence.start + line.start(), sentence.start + line.end()
        quote = quote_between(doc.original[sentence.field], start, end, sentence.field)
        stance = "official" if doc.official else "report"
        found.append(Claim(named[0].title, season, memory.day, stance, [quote]))
    return found if schedule or found else None


# A list of works to come, dated with no release word: "Looking further ahead to 2026,
# Netflix has confirmed additional sequels including A, B and C".
AHEAD = Words(r"\b(?:looking\s+(?:further\s+)?ahead\s+to|ahead\s+in|in\s+store\s+for)\s")


def ahead(doc: DocumentContext, body: str) -> list[DateMention]:
    """The year a list of works to come is dated with, if the sentence lists works after it."""
    intro = list_start(body)
    if intro is None:
        return []
    phrases = date_phrases(body)
    dates = resolve_phrases(body, phrases, doc.published, slate_year=doc.slate_year)
    return [
        d for d in dates if d.end <= intro[0] and AHEAD.search(body, max(0, d.start - 40), d.start)
    ]


# Many works dated as a whole: "18 Korean series for 2027", "titles coming in 2026".
_WORKS_FOR = Words(
    r"\s+(?:(?:coming|arriving|debuting|launching|premiering|due|set|slated)\s+)?(?:for|in)\s+\Z"
)


def works_for(doc: DocumentContext, body: str) -> list[DateMention]:
    """The date right after a noun for many works ("18 series for 2027", "a slate of
    originals for the second half of 2023"), if the sentence lists works after it."""
    intro = list_start(body)
    if intro is None:
        return []
    nouns = [m.end() for m in WORKS_NOUN.finditer(body, 0, intro[0])]
    if not nouns:
        return []
    dates = resolve_phrases(body, date_phrases(body), doc.published, slate_year=doc.slate_year)
    return [
        d
        for d in dates
        if d.end <= intro[0]
        and any(
            end <= d.start <= end + 30 and _WORKS_FOR.fullmatch(body, end, d.start) for end in nouns
        )
    ]


def dated_item(body: str, date: DateMention, titles: list[TitleMention]) -> bool:
    """ "Featured are A, B (February 13) and C (March 3)": in a list of works, a date in
    parentheses after a name is that work's release."""
    return name_before_parenthesis(body, date, titles) is not None and list_start(body) is not None


# ("The Snoopy Show (season three) - June 9": a spaced hyphen, the season in parentheses)
_DASH = re.compile(
    r"\s*(?:\(\s*(?:(?i:season|series|part|volume)\s+\w+|[A-Z][\w+&.' ]{0,25})\s*\)\s*)?"
    r"(?:(?<=\s)[—–-]\s+|(?P<comma>,\s+))"  # and "Moon Court, March 5" alone on its line
)
# A listing's line giving the network and the date in parentheses: "BMF (Starz, September 26
# at 9 PM)".
NETWORK_DATED = re.compile(r"\(\s*[A-Z][\w+&.' -]{0,25},\s*(?=[A-Z0-9])")


def network_dated(body: str, date: DateMention, titles: list[TitleMention]) -> bool:
    opening = NETWORK_DATED.search(body, max(0, date.start - 30), date.start + 1)
    if opening is None or opening.end() != date.start:
        return False
    return any(
        t.end <= opening.start() and not body[t.end : opening.start()].strip(" \"'”")
        for t in titles
    )


# "March 19 – "Moon Court" stars ...": a day leading a listing's line, the name after a dash.
_DAY_DASH = re.compile(r"\s+[—–-]\s+[\"'“‘]?")


def dated_lead(body: str, date: DateMention, titles: list[TitleMention]) -> list[TitleMention]:
    """The title a day leading the line dates ("March 19 – "Moon Court" stars ...")."""
    if body[: date.start].strip():
        return []
    dash = _DAY_DASH.match(body, date.end)
    if dash is None:
        return []
    return [t for t in titles if t.start == dash.end()][:1]


def dash_dated(body: str, date: DateMention, titles: list[TitleMention]) -> bool:
    """A listing's line, "Love At First Sight — September 15": a name, a dash and its date."""
    if body[date.end :].strip(" ."):
        return False
    for t in titles:
        dash = _DASH.fullmatch(body, t.end, date.start)
        if dash is not None and (dash.group("comma") is None or not body[: t.start].strip(" \"'")):
            return True
    return False


_ON_DATE = re.compile(r"[\"']?,?\s+(?:on|in|for)\s+\Z")
_ITEM_END = re.compile(r"\s*;")


def dated_in_series(
    body: str, date: DateMention, titles: list[TitleMention], cues: list[Cue]
) -> bool:
    """ "Release dates are for A on Sept. 17; B on Feb. 11; and C on Jan. 14": in a series of
    items after a release word, set apart by semicolons, a date right after a name is its."""
    if ";" not in body or not any(c.release and c.end <= date.start for c in cues):
        return False
    return any(
        t.end <= date.start and _ON_DATE.fullmatch(body, t.end, date.start) for t in titles
    ) and (
        body.rfind(";", 0, date.start) > min((c.end for c in cues if c.release), default=len(body))
        or _ITEM_END.match(body, date.end) is not None  # the first item: "A on Sept. 17; B"
    )


def lineup_section(
    doc: DocumentContext, sentence: Sentence, body: str, mention: TitleMention
) -> Claim | None:
    """The claim of a heading that names one title (``mention``) in a piece about a year's
    line-up: the title, its season if the heading names one, in the line-up's year."""
    if doc.lineup_year is None or sentence.field != "text":
        return None
    season = doc.attached_season(mention, "text")
    number = season.number if season is not None and season.kind == "season" else None
    quote = quote_between(doc.original["text"], sentence.start, sentence.start + len(body.rstrip()),
                          "text")  # fmt: skip
    claim = Claim(mention.title, number, Window.year(doc.lineup_year), "official", [quote])
    claim.listed = True
    return claim


# A title's own line: the name, perhaps its notes in parentheses ("Moon Court (Netflix)",
# "Glass Orchard (Season 2)").
_NOTES_ONLY = re.compile(r"[\"'”’]?\s*(?:\((?P<notes>[^()\n]{1,60})\))?\s*[.:]?\s*")


_NOTES_LINE = re.compile(r"\([^()\n]{1,50}\)")


def dated_below(
    doc: DocumentContext, sentence: Sentence, body: str, titles: list[TitleMention], memory: Memory
) -> list[Claim] | None:
    """The claim of a date line right under an undated title line (no blank line between);
    and whether this line is such a title line (kept in ``memory.undated`` for the next)."""
    undated, memory.undated = memory.undated, None
    line = body.strip()
    if len(line) > 90 or sentence.field != "text":
        return None
    under = undated is not None and doc.text[undated[2] : sentence.start].count("\n") == 1
    if undated is not None and under and memory.day is None and not titles:
        dates = resolve_phrases(line, date_phrases(line), doc.published) if date_only(line) else []
        day = dates[0].window if len(dates) == 1 else None
        if day is not None:
            start = sentence.start + body.find(line)
            quote = quote_between(doc.original["text"], start, start + len(line), "text")
            stance = "official" if doc.official else "report"
            return [Claim(undated[0], undated[1], day, stance, [quote])]
        notes = _NOTES_LINE.fullmatch(line)
        if notes is not None and DAY.search(line) is None:
            # "Moon Court" / "(Netflix)" / "March 5": a line of notes between name and date
            noted = next((m.number for m in find_seasons(line) if m.kind == "season"), None)
            memory.undated = (undated[0], undated[1] if noted is None else noted,
                              sentence.start + len(body.rstrip()))  # fmt: skip
            return None
    if len(titles) == 1 and memory.day is None and DAY.search(line) is None:
        mention = titles[0]
        lead = body[: mention.start].strip(" \"'“‘-•*")
        notes = _NOTES_ONLY.fullmatch(body, mention.end) if not lead else None
        if notes is not None:
            season = doc.attached_season(
                TitleMention(
                    sentence.start + mention.start, sentence.start + mention.end, mention.title
                ),
                "text",
            )
            number = season.number if season is not None and season.kind == "season" else None
            if number is None and notes.group("notes"):
                number = next(
                    (m.number for m in find_seasons(notes.group("notes")) if m.kind == "season"),
                    None,
                )
            memory.undated = (mention.title, number, sentence.start + len(body.rstrip()))
    return None
