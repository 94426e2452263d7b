"""Dates beside a release word that are still not release claims.

``not_a_release``: the date itself is something else, a year naming a list ("Netflix's
2026 slate"), a year dating a name ("Squid Game (2021-)"), the page's own dateline, a
year no release is in, a hope that was not met, or a lead-in to a finer date.
``not_about``: the date is a release, but not one this title and season can claim (a
return with no season named, a year-less past date of an earlier season, a release
denied or judged unlikely, a finale's date).
"""

from __future__ import annotations

import datetime as dt
import re

from verifier.cues import LATEST, Cue
from verifier.dates import DateMention
from verifier.document import DocumentContext
from verifier.left_dates import left_behind
from verifier.scan import Words
from verifier.sentences import Sentence, segment_span
from verifier.windows import Window

# "Netflix's 2026 release schedule": a year naming a list, not a release window; "a winter
# 2026 reveal", "a March date announcement": when the news comes, not the release.
_ATTRIBUTIVE = Words(
    r"'?s?\s+(?:(?:release|premiere|k-?drama|korean|content|tv|film|series)\s+)*"
    r"(?:schedule|slate|line-?up|roster|calendar|list|event|strikes?|season\s+of|"
    r"(?:date\s+)?(?:reveal|announcement|update))\b"
)
# Hopes that were not met, plans given up and releases that did not happen: "fans who were
# hoping to see it in 2023", "a late 2023 release if filming had started", "it would have
# arrived in May", "originally scheduled for March".
_COUNTERFACTUAL = Words(
    r"\b(?:(?:was|were|had\s+been)\s+hoping|had\s+(?:hoped|expected|anticipated|planned|wanted)|"
    # a plan given up: "had been scheduled for a September release", "originally set for May"
    r"had\s+been\s+(?:(?:originally|initially|first|previously)\s+)?(?:scheduled|set|slated|"
    r"planned|dated|due|expected|penciled|pencilled)|(?:was|were|had\s+been)\s+previously\s+(?:scheduled|"
    r"set|slated|planned|dated|due|expected)|(?:originally|initially|first)\s+"
    r"(?:scheduled|set|slated|planned|dated|due|speculated|supposed|expected|intended|meant)|"
    r"would\s+have\s+(?:been|\w+ed|come)|if\s+[^.;]{0,80}?\bhad\s+(?:\w+ed|been|begun|gone)|"
    # a wish: "many would like to see it this year"
    r"(?:would\s+(?:like|love)|wish(?:es)?|want(?:s|ed)?|hop(?:e|es|ed|ing))\s+to\s+see|"
    # a plan told in the past: "the film was set to be released in December", "the two titles
    # were set to hit screens Aug. 19", "was to arrive Dec. 18" (but "was set for August" may
    # be the setting itself)
    r"(?:was|were)\s+(?:(?:set|scheduled|slated|due|planned|supposed|expected)\s+)?to\s+"
    r"(?:be\s+)?(?:releas|premier|debut|hit|arriv|open|air|launch|drop|land|stream|bow)\w*)\b"
)
_RETURN = re.compile(
    r"(?i)\b(?:return|comeback|(?:come|comes|coming|came|brought)\s+back|back\s+(?:on|in)\b)"
)
# A release denied: "will not be released next year", "will no longer premiere in August".
# "won't return until 2026" is a claim (of an open window), and so is what follows "not
# before" or comes "at the earliest".
_NEGATED = Words(
    r"\b(?:not|no\s+longer|never|n't|cannot)\s+(?:(?:be|been|being|have|yet|even|likely|expected|"
    r"going|to|set|scheduled|slated|able|ready|make|its|their|a)\s+)*\Z"
)
_OPEN_AFTER_NEGATION = Words(r"\b(?:until|till|before|earlier\s+than|sooner\s+than)\b")
_UNLIKELY_AFTER = Words(
    r"[\s,]+(?:(?:release|premiere|debut|launch|return|date)(?:\s+(?:for|of)\s+[^.;,]{1,50}?)?\s+)?"
    r"(?:is|seems|looks|appears|remains)\s+"
    r"(?:\w+\s+)?(?:unlikely|impossible|off\s+the\s+table|out\s+of\s+the\s+question)"
)  # "a 2023 release for X is unlikely"
# A finale is an episode: "the season finale will premiere on October 11".
_FINALE_BEFORE = Words(r"\bfinale\b(?:(?!\b(?:part|volume)\b)[^.;])*\Z")
# The date is the finale's own: "released weekly until the season finale on March 6" (not
# where the season comes in volumes, the finale the last: "Volume 2 on May 1 and the finale
# on May 8").
_FINALE_AT = Words(r"\bfinales?\s+(?:(?:will\s+)?(?:airs?|streams?|drops?)\s+)?(?:on|in)\s+\Z")
_IN_PARTS = Words(r"\b(?:volumes?|vol\.|parts?|chunks?|batch(?:es)?|instal?lments?)\b")
# A post quoted from social media is dated after its handle: "Studio (@studio) May 2, 2026".
_EMBED_DATE = re.compile(r"\(@[\w.]+\)\s*[-–—]?\s*\Z")
_TO_SCREENS = Words(r"\s+to\s+(?:theaters|theatres|cinemas|screens|imax|the\s+big\s+screen)\b")
_PARENTHESISED_YEAR = re.compile(r"\(\s*(?:19|20)\d{2}\s*[-–]?\s*(?:(?:19|20)\d{2})?\s*\)")


def not_a_release(
    doc: DocumentContext,
    sentence: Sentence,
    body: str,
    date: DateMention,
    following: DateMention | None,
) -> bool:
    """Whether the date in ``body`` (the sentence's text) is not a release window at all;
    ``following`` is the sentence's next date, if any."""
    return bool(
        _ATTRIBUTIVE.match(body, date.end)
        or _EMBED_DATE.search(body, max(0, date.start - 40), date.start)
        or (
            _FINALE_AT.search(body, max(0, date.start - 40), date.start) is not None
            and _IN_PARTS.search(body) is None
        )
        or _implausible(date.window, doc.published)
        or _annotation_year(body, date)
        or _dateline(doc, sentence, date)
        or _COUNTERFACTUAL.search(body, *segment_span(body, date.start, date.end))
        or (following is not None and _refined_by(date, following, body))
        or left_behind(
            body, date, following, doc.source(sentence.field)[sentence.end : sentence.end + 120]
        )
        or _RUN_END_BEFORE.search(body, max(0, date.start - 60), date.start) is not None
        or (
            _NOT_AS_BEFORE.search(body, max(0, date.start - 40), date.start) is not None
            and _AS_RELEASE_AFTER.match(body, date.end) is not None
        )
        or _WIRE_DATELINE.search(body, max(0, date.start - 40), date.start) is not None
        or _DENIED_REPORT.search(body, 0, date.start) is not None
        or _MISSED_AFTER.match(body, date.end) is not None
        or _FORMER_FIELD.search(body, max(0, date.start - 40), date.start) is not None
    )


# A card's field for the date left: "Previous date: November 9.", "Original release date:".
_FORMER_FIELD = re.compile(
    r"(?i)\b(?:previous|prior|original|old|former|earlier)\s+(?:release\s+|premiere\s+|opening\s+)?"
    r"date\s*:\s*\Z"
)


# A target that has passed: "would arrive in 2026, a target that has clearly slipped".
_MISSED_AFTER = Words(
    r"[\s,]+(?:a|an|the)\s+(?:target|date|window|plan|goal|timeline|timeframe)\s+(?:that|which)\s+"
    r"(?:has|have|had|was|were)\s+(?:since\s+|clearly\s+|now\s+|long\s+|already\s+)?(?:slipped|passed|"
    r"been\s+missed|been\s+abandoned|come\s+and\s+gone|gone\s+by)"
)
# A report denied: "StreamHub denied reports that X would premiere in June", "there is no
# truth to rumours that ...".
_DENIED_REPORT = Words(
    r"\b(?:den(?:y|ies|ied)|dismiss(?:ed|es)?|refut(?:e|es|ed)|shot\s+down|shoots\s+down|"
    r"debunk(?:s|ed)?|no\s+truth\s+to|rejected)\s+(?:the\s+|recent\s+|earlier\s+|online\s+)*"
    r"(?:reports?|rumou?rs?|claims?|speculation)\b"
)


# The end of a run is no release: "followed by a weekly episode until May 29", "new episodes
# weekly through June".
_RUN_END_BEFORE = Words(
    r"\b(?:weekly|episodes?|installments?|run(?:s|ning)?|continu\w+|every\s+\w+day)\b[^.;]{0,30}?\b"
    r"(?:until|through|till|thru)\s+\Z"
)


# A window denied as a kind: "X does not count as a summer release", "it is not a 2026 title".
_NOT_AS_BEFORE = Words(
    r"\b(?:not|n't|never|no\s+longer)\s+(?:(?:count|counts|qualify|qualifies|rank|ranks)\s+as\s+"
    r"(?:an?\s+|the\s+)?|(?:be|been)\s+(?:an?|the|one\s+of\s+the)\s+|(?:an?|the)\s+)\Z"
)
_AS_RELEASE_AFTER = Words(
    r"\s+(?:release|premiere|debut|launch|title|show|series|film|movie|anime)s?\b"
)


# A wire story's dateline: "SEOUL, Aug. 28 (Yonhap) --" dates the story.
_WIRE_DATELINE = re.compile(r"(?:^|\n)\s*[A-Z][A-Z .'-]{1,30},\s+\Z")


# A dated slot with no title: "Tom Cruise's next movie will bow on October 2", "an untitled
# Marvel film on May 22".
_UNTITLED = Words(
    r"\b(?:untitled|unnamed|(?:next|new|upcoming|another)\s+(?:movie|film|project|feature))\b"
)


def untitled_slot(body: str, date: DateMention, titles_in_segment: bool) -> bool:
    """Whether the date's comma stretch speaks of a work it gives no name."""
    if titles_in_segment:
        return False
    left, right = segment_span(body, date.start, date.end)
    if _RELATIVE_START.match(body, left):
        # "an untitled film from A (who made X) and B, which will arrive on Aug. 13": the
        # relative clause speaks of the work named before it
        left = 0
    return _UNTITLED.search(body, left, right) is not None


_RELATIVE_START = re.compile(
    r"[\s,]*(?:which|that)\s+(?:will|is|was|would|has|had|opens|arrives)\b"
)


def not_about(
    doc: DocumentContext,
    body: str,
    date: DateMention,
    cue: Cue | None,
    title: str,
    season: int | None,
    past: bool,
) -> bool:
    """Whether the release date, given to ``title`` and ``season``, makes no claim."""
    if past and not date.spec.has_year and _earlier_season(doc, title, season):
        # but the latest season, out just before the page, is dated by it: said so, or dated
        # within weeks of the page ("was finally released on Dec. 1", written Dec. 4)
        return LATEST.search(body, max(0, date.start - 80), date.start) is None and not _recent(
            date.window, doc.published
        )
    if cue is not None and (
        _denied(body, cue, date) or _FINALE_BEFORE.search(body, max(0, cue.start - 50), cue.start)
    ):
        return True
    return season is None and cue is not None and brings_back(body, cue)


def _denied(body: str, cue: Cue, date: DateMention) -> bool:
    """ "X will not be released in 2025", "a release in the first half is unlikely"."""
    if _UNLIKELY_AFTER.match(body, date.end):
        return True
    if cue.end > date.start or not _NEGATED.search(body, max(0, cue.start - 40), cue.start):
        return False
    return not _OPEN_AFTER_NEGATION.search(body, cue.end, date.start) and not re.match(
        r"\s*(?:at\s+the\s+earliest|or\s+later)", body[date.end : date.end + 25]
    )


def _recent(window: Window, published: dt.date | None) -> bool:
    return (
        published is not None
        and window.start is not None
        and dt.timedelta(0) <= published - window.start <= dt.timedelta(days=45)
    )


def brings_back(body: str, cue: Cue) -> bool:
    """A return is of a season that is not the first, so with no season to name ("X will
    return in March") it is no claim: read as the first (``None``), it would be a false one.
    A film back in cinemas is released again, and that is a claim."""
    return _RETURN.search(body, cue.start, cue.end) is not None and not _TO_SCREENS.match(
        body, cue.end
    )


def _earlier_season(doc: DocumentContext, title: str, season: int | None) -> bool:
    """A season before the one the document is about: "the first season aired around
    Thanksgiving" in a piece on season 2 does not say which year's Thanksgiving."""
    about = doc.title_seasons.get(title)
    return season is not None and about is not None and season < about


def _dateline(doc: DocumentContext, sentence: Sentence, date: DateMention) -> bool:
    """The page's own date ending its first line ("... Entertainment Jan 16, 2026")."""
    window, end = date.window, sentence.start + date.end
    line_end = doc.first_line_end[sentence.field]
    return (
        doc.published is not None
        and window.start == window.end == doc.published
        and end <= line_end
        and not doc.source(sentence.field)[end:line_end].strip(" .|-")
    )


def _annotation_year(body: str, date: DateMention) -> bool:
    """A year in parentheses after a name, "Squid Game (2021-)", dates the name, not a release."""
    found = _PARENTHESISED_YEAR.search(body, max(0, date.start - 3), date.end + 8)
    return found is not None and found.start() <= date.start < found.end()


def _implausible(window: Window, published: dt.date | None) -> bool:
    """Years no streaming release is in ("set in 1945", "transported to 2071")."""
    year = (window.start or window.end or dt.date(2000, 1, 1)).year
    latest = published.year + 8 if published else 2100
    return year < 1990 or year > latest


# A late-night slot told as the day before ("25:30", "1:30 a.m. (effectively, ...)").
_EFFECTIVELY = re.compile(r"(?i)\((?:i\.e\.,?\s*|that\s+is,?\s*)?effectively,?\s*\Z")


def _refined_by(date: DateMention, following: DateMention, body: str) -> bool:
    """ "this year on August 27th": the coarse window is only a lead-in to the finer one."""
    gap = body[date.end : following.start]
    if _EFFECTIVELY.search(gap) and len(gap) <= 60:
        return True  # "July 11 at 1:30 a.m. (effectively, July 12)": the day it really is
    inner, outer = following.window, date.window
    leads = re.match(r"\W*(?:(?:back|earlier|later|also)\s+)?in\s+\Z", body[: date.start], re.I)
    return (
        (bool(re.fullmatch(r"\s*,?\s*(?:on|in|,)?\s*", gap)) or leads is not None)
        and inner.start is not None
        and outer.start is not None
        and outer.end is not None
        and inner.end is not None
        and outer.start <= inner.start
        and inner.end <= outer.end
        and inner != outer
    )
