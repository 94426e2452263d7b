"""Claims: every "title (season) is/was/will be released in WINDOW" in a document.

``extract_claims`` is a pure function of the text, its headline, its
publication date and a catalogue of known titles. For each sentence it finds
date phrases, keeps those whose nearest event word is a release (and that
``verifier.exclusions`` does not set aside), and gives each the title and season
the sentence (or, for "it" and "the series", the paragraph or the document's
topic) is about; ``verifier.referents`` decides which. The same claim repeated in
one document is one claim with several quotes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from verifier.claim import Claim, ClaimSet, quote_between
from verifier.cues import (
    FUTURE,
    Cue,
    classify_stance,
    cue_tense,
    find_cues,
    release_cue,
    speaks_of_the_past,
)
from verifier.dates import DateMention, resolve_phrases
from verifier.document import SLATE_YEAR, DocumentContext, left_out
from verifier.exclusions import brings_back, not_a_release, not_about, untitled_slot
from verifier.korean import korean_claims, mostly_korean
from verifier.lines import listing_line
from verifier.lineups import listed_titles
from verifier.listings import (
    AHEAD,
    NETWORK_DATED,
    ahead,
    dash_dated,
    dated_below,
    dated_in_series,
    dated_item,
    dated_lead,
    lineup_section,
    network_dated,
    read_dated_heading,
    schedule_items,
    works_for,
)
from verifier.lists import list_start
from verifier.memory import Memory, Slate
from verifier.phrases import date_phrases, may_hold_date
from verifier.referents import (
    MANY_TITLES,
    choose_season,
    choose_titles,
    exemplars,
    names_another_work,
    parenthesised,
    past_successes,
)
from verifier.scan import Words
from verifier.sentences import (
    Sentence,
    clause_span,
    segment_span,
    speech_around,
    split_sentences,
)
from verifier.titles import (
    Catalogue,
    SeasonMention,
    TitleMention,
)
from verifier.windows import Window

MAX_TEXT = 2_000_000  # characters looked at; longer input is cut (and said so by the caller)


# A date the clause after it says what was released then: "back in 2022 – when Season 4
# aired", "in May, when the first season premiered".
_WHEN_RELEASED = Words(
    r"\s*[,–—-]?\s*when\s+(?:[\w'’:.-]+\s+){1,6}?(?:aired|premiered|released|debuted|dropped|"
    r"arrived|launched|came\s+out|hit\s+(?:netflix|screens|the\s+streamer))\b"
)


# A line-up of returning shows: each is the season the document names it with ("Mirzapur 3").
_RETURNING = Words(r"\b(?:return\w*|new\s+seasons?|next\s+seasons?|coming\s+back|comebacks?)\b")
_ELIDED_SUBJECT = re.compile(
    r"\s*(?:but|and|yet|though|although|while)?\s*(?:was|were|is|are|has|have|had)\b"
)


def extract_claims(
    text: str,
    *,
    headline: str | None = None,
    published: dt.date | None = None,
    catalogue: Catalogue | None = None,
    official: bool = False,
) -> list[Claim]:
    """Every release-date claim in a document, repeats merged, in order of first quote."""
    doc = DocumentContext(text[:MAX_TEXT], headline, published, catalogue or Catalogue(), official)
    claims = ClaimSet()
    memory = Memory()  # a name in parentheses is an aside, never a referent
    paragraph = -1
    for field_name in ("headline", "text"):
        source = doc.source(field_name)
        for sentence in split_sentences(source, field_name):
            if field_name == "headline":
                memory.forget()
            elif sentence.paragraph != paragraph:
                memory.new_paragraph()
            paragraph = sentence.paragraph
            memory.at = sentence.start if field_name == "text" else -1
            body = source[sentence.start : sentence.end]
            if not body.isascii() and mostly_korean(body):
                continue  # a Korean sentence: read by verifier/korean, below
            for claim in _sentence_claims(doc, sentence, memory):
                claims.add(claim)
            memory.asked = _asks_when(source, sentence)
            read_dated_heading(doc, source[sentence.start : sentence.end], memory)
            start, end = sentence.start, sentence.end
            # a name in parentheses is an aside, and one named as what another work follows
            # ('the sequel to "X"', 'the "X" franchise') is not what "it" speaks of next
            body = source[start:end]  # (read as the sentence: a page-long text is lower-cased once)
            named = [
                m
                for m in doc.titles_in(field_name, start, end)
                if not parenthesised(source, start, m.start)
                and not names_another_work(body, m.start - start, m.end - start)
            ]
            # works named as examples ("along with series like A and B") are not its subject
            local = [replace(m, start=m.start - start, end=m.end - start) for m in named]
            examples = {m.start + start for m in exemplars(body, local)}
            named = [m for m in named if m.start not in examples]
            memory.read(
                source[start:end],
                [m.title for m in named],
                [
                    SeasonMention(s.start - start, s.end - start, s.number, s.kind)
                    for s in doc.seasons_in(field_name, start, end)
                ],
            )
            if len({m.title for m in named}) > 1:  # "... include A, B season 2 and C"
                memory.group = _group(doc, named, field_name)
            elif named:
                memory.group = {}  # a sentence about one work: "these series" are not before it
            if memory.heading and named and doc.lineup_year is not None:
                section = lineup_section(doc, sentence, source[start:end], named[0])
                if section is not None:  # "Moon Court" over its section of a 2027 line-up
                    claims.add(section)
        # the Korean sentences of the field, by the Korean rules (verifier/korean)
        for claim in korean_claims(source, doc.original[field_name], published, field_name,
                                   official=official):  # fmt: skip
            claims.add(claim)
    return claims.ordered()


_ANSWER_LENGTH = 60


def _asks_when(source: str, sentence: Sentence) -> bool:
    """ "So, when will new episodes drop?": a question about a release."""
    body = source[sentence.start : sentence.end].rstrip()
    return body.endswith("?") and any(c.release for c in find_cues(body))


def _group(
    doc: DocumentContext, named: list[TitleMention], field_name: str
) -> dict[str, int | None]:
    """The titles a sentence names, each with the season named with it, for a sentence after it
    that speaks of them all ("Each series pushed to 2026 ...")."""
    group: dict[str, int | None] = {}
    for mention in named:
        season = doc.attached_season(mention, field_name)
        number = season.number if season is not None and season.kind == "season" else None
        group[mention.title] = group.get(mention.title) or number
    return group


def _sentence_claims(doc: DocumentContext, sentence: Sentence, memory: Memory) -> list[Claim]:
    """The claims of one sentence: its release dates, each given the titles it speaks of, and
    the titles of a line-up it lists."""
    source = doc.source(sentence.field)
    body = source[sentence.start : sentence.end]
    offset = sentence.start
    titles = [
        TitleMention(m.start - offset, m.end - offset, m.title)
        for m in doc.titles_in(sentence.field, sentence.start, sentence.end)
        if m.end <= sentence.end
    ]
    seasons = [
        SeasonMention(s.start - offset, s.end - offset, s.number, s.kind)
        for s in doc.seasons_in(sentence.field, sentence.start, sentence.end)
        if s.end <= sentence.end
    ]
    if titles:
        praised = past_successes(body, titles)
        titles = [t for t in titles if t not in praised]
    if len(body) <= 90 and (memory.undated is not None or titles):
        below = dated_below(doc, sentence, body, titles, memory)
        if below is not None:  # "Moon Court (Netflix)" over "March 5"
            return below
    else:
        memory.undated = None
    if memory.day is not None or len(body) <= 45 or "\n" in body.strip():
        under_heading = schedule_items(doc, sentence, body, titles, memory)
        if under_heading is not None:
            return under_heading
    found, released = _dated_claims(doc, sentence, body, titles, seasons, memory)
    if not released and titles and AHEAD.search(body) and may_hold_date(body):
        released = ahead(doc, body)  # "Looking ahead to 2026, it confirmed sequels including"
    if not released and titles and may_hold_date(body):
        released = works_for(doc, body)  # "unveiled 18 Korean series for 2027, including A"
    official_source = doc.official or doc.slate_year is not None
    if released and MANY_TITLES.search(body):
        # "five titles have been pushed back to 2024", and how sure the sentence is of it
        stance = classify_stance(body, official_source=official_source,
                                 past=speaks_of_the_past(body))  # fmt: skip
        memory.slate = Slate(released[-1].window, stance, _RETURNING.search(body) is not None)
        if not _over(memory.slate.window, doc.published):
            memory.ahead = memory.slate
    slate = memory.slate
    if slate is not None and _over(slate.window, doc.published) and _looks_ahead(body):
        slate = memory.ahead  # "From 2016 to 2021 we launched ... Shows to come include A"
    if titles and (released or slate is not None or SLATE_YEAR.search(body)):
        stance = classify_stance(body, official_source=official_source,
                                 past=speaks_of_the_past(body))  # fmt: skip
        named = SLATE_YEAR.search(body)  # "the 2026 slate includes", not "absent from" it
        carried = not released and (named is None or left_out(body, named.start()))
        if carried and slate is not None and stance not in ("rumour", "speculation"):
            stance = slate.stance  # "... has announced 25 shows for 2022. Among them are A, B"
        returning = _RETURNING.search(body) or (carried and slate is not None and slate.returning)
        known = doc.returning_seasons if returning else {}
        window = slate.window if slate is not None else None
        for item in listed_titles(body, titles, seasons, released, window, known):
            quote = quote_between(doc.original[sentence.field], offset + item.start, offset + item.end,
                           sentence.field)  # fmt: skip
            claim = Claim(
                item.title, item.season, item.window, stance, [quote], item.part, listed=True
            )
            found.append(claim)
    return found


def _dated_claims(
    doc: DocumentContext,
    sentence: Sentence,
    body: str,
    titles: list[TitleMention],
    seasons: list[SeasonMention],
    memory: Memory,
) -> tuple[list[Claim], list[DateMention]]:
    """The claims the sentence's release dates make, and those dates."""
    offset = sentence.start
    if not may_hold_date(body) or _asks(body, titles):
        return [], []  # "Is Moon Court coming in 2027?" asks; it claims nothing
    phrases = date_phrases(body)
    if not phrases:
        return [], []
    # Release words before the dates are resolved: a fifth of dated sentences have none.
    cues = find_cues(body)
    answer = memory.asked and len(body) <= _ANSWER_LENGTH  # "When will it drop? Not until 2027."
    released_here = (
        any(c.release for c in cues)
        or ("(" in body and list_start(body) is not None)
        or ("—" in body or "–" in body or " - " in body)  # a listing's line: "Silver Tide — May 5"
        or (len(body) <= 60 and ", " in body)  # "Silver Tide, May 5" alone on its line
        or (len(body) <= 90 and bool(titles) and listing_line(body, titles[0].end))
        or ("(" in body and NETWORK_DATED.search(body) is not None)  # "BMF (Starz, September 26)"
    )
    if not (released_here or answer):
        return [], []  # no release word, no list of works dated in parentheses, no answer
    body_past = speaks_of_the_past(body)
    dates = resolve_phrases(body, phrases, doc.published, past=body_past, slate_year=doc.slate_year)
    if not dates:
        return [], []
    released: list[DateMention] = []
    found: list[Claim] = []
    slate = len({t.title for t in titles}) > 1 or MANY_TITLES.search(body) is not None
    for i, date in enumerate(dates):
        if any(t.start <= date.start and date.end <= t.end for t in titles):
            continue  # a year in a name ("its place on 'The Best of 2025' lists") is no date
        left, right = clause_span(body, date.start, date.end)
        quoted = speech_around(body, date.start, date.end)
        if quoted is not None:  # 'StreamHub posted a photo, saying: "X returns in May."'
            left, right = max(left, quoted[0]), min(right, quoted[1])
        when = _WHEN_RELEASED.match(body, date.end)  # "in 2022 – when season 4 aired"
        if when:
            right = max(right, when.end())
        # "filming was to begin in May but was pushed back to January": the clause's subject
        # is the sentence's, and so is the event it names
        veto_from = 0 if _ELIDED_SUBJECT.match(body, left) else left
        # "X was renewed for a third season, which is expected in 2027": the clause's own
        relative = body.rfind(", which", veto_from, date.start)
        fronted = _FRONTED.match(body)  # "After X wraps in June, Y takes over the slot on July 4"
        if fronted is not None and fronted.end() <= date.start:
            relative = max(relative, fronted.end())
        cue = None if when else release_cue(cues, date.start, date.end, (veto_from, right),
                                            veto_from=max(relative, 0), text=body)  # fmt: skip
        following = dates[i + 1] if i + 1 < len(dates) else None
        if cue is not None and following is not None and date.end <= cue.start:
            gap = following.start - cue.end
            if 0 <= gap <= 15 and gap < cue.start - date.end:
                cue = None  # "On Friday season 2 was set for August": the cue is August's
        moved = None if following is None else _MOVED_TO.search(body, date.end, following.start)
        if moved is not None and moved.start() < right:
            # "Then in mid-June the release date was pushed back, from July 17 to July 31":
            # a date before its clause's move to a later one is when it moved, or whence
            continue
        listed_date = (
            cue is None
            and not when
            and (
                answer
                or dated_item(body, date, titles)
                or dated_in_series(body, date, titles, cues)
                or dash_dated(body, date, titles)
                or bool(dated_lead(body, date, titles))
                or any(listing_line(body, t.end) for t in titles[:1])
                or network_dated(body, date, titles)
            )
        )
        if cue is not None and not _close_enough(body, date, cue):
            cue = None  # "They released a statement today": a day counted from the page's
        if not (when or cue or listed_date) or not_a_release(doc, sentence, body, date, following):
            continue
        released.append(date)
        clause = body[left:right]
        tense = None if cue is None else cue_tense(body, cue)
        past = speaks_of_the_past(clause) if tense is None else tense
        if (
            tense is None
            and not past
            and cue is not None
            and _RELEASE_NOUN_CUE.fullmatch(body, cue.start, cue.end)
            and (
                _told_as_past(body, date)
                or _FOLLOWS.search(body, max(0, date.start - 40), date.start)
            )
        ):
            past = True  # "a renewal that came in July, ahead of the Season 2 release in August"
        # A year-dated window over before the page was written is a release that happened.
        past = past or _over_before(date, doc.published)
        if (
            past
            and not date.spec.has_year
            and _MOVED_TO.search(body, max(0, date.start - 60), date.start)
        ):
            past = False  # "was delayed from April to November": where it went is still to come
        window = date.window
        if past != body_past:  # the clause's tense is not the sentence's: read the date again
            again = resolve_phrases(body, phrases, doc.published, past=past,
                                    slate_year=doc.slate_year)  # fmt: skip
            window = next((m.window for m in again if m.start == date.start), window)
        segment = segment_span(body, date.start, date.end)
        named_here = any(segment[0] <= t.start and t.end <= segment[1] for t in titles)
        if untitled_slot(body, date, named_here):
            continue
        lead = dated_lead(body, date, titles)
        chosen = (
            [(lead[0].title, lead[0])]
            if lead  # "March 19 – "Moon Court" stars ...": the line's own title
            else choose_titles(doc, body, titles, date, left, right, memory)
        )
        if len(chosen) == len(dates) > 1 and _RESPECTIVELY.search(body):
            chosen = [chosen[i]]  # "A and B arrive on May 2 and June 9, respectively"
        first_few = _FIRST_FEW.search(body)
        ordinal_season = None
        if first_few is not None and _FEW[first_few.group(1)] == len(dates):
            ordinal_season = i + 1  # "the first two seasons were released in 2018 and 2020"
        elif _ONE_SEASON.search(body, left, right):
            ordinal_season = 1  # "X only aired one season, in the spring of 2015"
        # "X first premiered in 2019 and its second season followed in 2022": a season between
        # this date and the next is the next one's
        own_seasons = [
            s
            for s in seasons
            if following is None or not (date.end <= s.start and s.end <= following.start)
        ]
        # "unveiled a trailer and a July 2026 window", written in April 2026: told in the past,
        # the window is still to come, and so no earlier season's release
        happened = past and not _ahead_of(window, doc.published)
        for title, mention in chosen:
            season, part = choose_season(doc, body, titles, own_seasons, title, mention, date,
                                          (left, right), happened, memory)  # fmt: skip
            season = ordinal_season or season
            if season is None and cue is not None and brings_back(body, cue):
                season = doc.returning_seasons.get(title)  # "X returns in May": its next season
            if not_about(doc, body, date, cue, title, season, happened):
                continue
            quote = quote_between(doc.original[sentence.field], offset + left, offset + right,
                           sentence.field)  # fmt: skip
            scheduled = _scheduled(doc, window, past)  # a date to come, told as settled
            # "set for late 2027, perhaps as soon as September": the hedge is September's
            hedged = _HEDGED_ALTERNATIVE.search(body, date.end, right)
            stance = classify_stance(
                clause if hedged is None else body[left : hedged.start()],
                official_source=doc.official or doc.slate_year is not None or scheduled,
                past=past,
            )
            claim = Claim(title, season, window, stance, [quote], part, not date.spec.has_year)
            # a line-up's year gives way to a finer window for the title
            claim.listed = slate and window.granularity == "year"
            found.append(claim)
    return found, released


def _told_as_past(body: str, date: DateMention) -> bool:
    """Whether the verb last before the date is past and nothing after it looks ahead ("X
    will be able to shave time off after a renewal that came in July, ahead of the season 2
    release in August": the release in August came too)."""
    verbs = list(_TOLD_AS_PAST.finditer(body, 0, date.start))
    return bool(verbs) and not FUTURE.search(body, verbs[-1].end(), date.end)


def _asks(body: str, titles: list[TitleMention]) -> bool:
    """Whether the sentence is a question (not a name ending in "?": "Did We Love?")."""
    end = len(body.rstrip().rstrip("\"'”’)"))
    return body[end - 1 : end] == "?" and not any(t.end >= end - 1 for t in titles)


# A release named by a noun has no tense of its own; a sentence told in the past lends it
# one ("... came in July, ahead of the Season 2 release in August": last August).
_RELEASE_NOUN_CUE = re.compile(r"(?i)(?:re)?releases?|premieres?|debuts?|launch|arrival|return")
_TOLD_AS_PAST = Words(r"\b(?:was|were|came|had|did|went|got|took|made|arrived|ended|began)\b")
# ... and so does what comes after it: "This uptick follows the March 13 release of X".
_FOLLOWS = Words(r"\b(?:follow(?:s|ed|ing)?|since|heels\s+of)\s+(?:(?:the|its|their)\s+)?\Z")
_RESPECTIVELY = Words(r"\brespectively\b")
_HEDGED_ALTERNATIVE = Words(r",\s*(?:or\s+)?(?:perhaps|possibly|maybe|potentially)\s")
# The date a release is moved to, its old date or the move's size maybe between ("from April
# to November" is read as one move, dated where it starts).
_MOVED_TO = Words(
    r"\b(?:delay|postpon|push|mov|shift|bump|reschedul)\w*\s+(?:back\s+|up\s+)?"
    r"(?:[^.;]{0,40}?\s)?(?:to|until|till|from)\s+(?:an?\s+|the\s+|its\s+)?\Z"
)
# A subordinate clause before the sentence's own, up to its comma.
_FRONTED = Words(r"\s*(?:after|when|once|before|while|until|as\s+soon\s+as)\s[^,;.]{1,80},")
# "the first two seasons were released in 2018 and 2020", "which aired two seasons in 2017
# and 2020 respectively"
_FIRST_FEW = Words(
    r"\b(?:(?:the|its|their)\s+first|aired|released|had|ran\s+for)\s+(two|three|four|five)\s+seasons\b"
)
_FEW = {"two": 2, "three": 3, "four": 4, "five": 5}
_ONE_SEASON = Words(
    r"\b(?:aired|ran\s+for|had|lasted|released)\s+(?:only\s+|just\s+)?(?:one|a\s+single)\s+"
    r"season\b|\b(?:its|their)\s+(?:only|sole|single)\s+season\b"
)


# How near its release word a date counted from the page's must be: "premieres tomorrow",
# "arrives this weekend", "drops next month"; "today", "this week" elsewhere in a sentence
# date the news more often than a release.
_NEAR = {"reldays": 16, "relweek": 16}
_SMALL_BETWEEN = {
    "on",
    "in",
    "at",
    "the",
    "to",
    "and",
    "from",
    "starting",
    "as",
    "of",
    "via",
    "this",
    "next",
}


def _close_enough(body: str, date: DateMention, cue: Cue) -> bool:
    unit = "relmonth" if date.spec.unit == "month" and date.spec.name == "rel" else date.spec.unit
    reach = _NEAR.get(unit, 40 if unit == "relmonth" else None)
    if reach is None:
        return True
    if "date" in body[cue.start : cue.end].lower():
        return False  # "release dates out today": the news is today's
    gap = date.start - cue.end if cue.end <= date.start else cue.start - date.end
    if gap > reach:
        return False
    between = body[cue.end : date.start] if cue.end <= date.start else body[date.end : cue.start]
    # only a platform's name and small words between: "arrives on Netflix tomorrow"
    return all(w in _SMALL_BETWEEN for w in re.findall(r"\b[a-z][\w'-]*", between))


def _scheduled(doc: DocumentContext, window: Window, past: bool) -> bool:
    """A release to come, told as settled (no hedge, no rumour: ``classify_stance`` looks
    first), in a page that speaks of an announcement: the schedule's word."""
    if past or not doc.announced:
        return False
    end = window.end or window.start
    return doc.published is None or end is None or end >= doc.published


def _over_before(date: DateMention, published: dt.date | None) -> bool:
    return date.spec.has_year and _over(date.window, published)


def _ahead_of(window: Window, published: dt.date | None) -> bool:
    """Whether the window begins after the page was written: no release that was. (A
    year-less date read in the past lies after the page only where its weekday put it there:
    "hit Netflix on Thursday, July 4".)"""
    return published is not None and window.start is not None and window.start > published


def _over(window: Window, published: dt.date | None) -> bool:
    """Whether ``window`` ended before the page was written."""
    return published is not None and window.end is not None and window.end < published


def _looks_ahead(body: str) -> bool:
    return FUTURE.search(body) is not None and not speaks_of_the_past(body)
