"""Titles as headings: a list article names each work on a line of its own.

"Films delayed by the strike" and "K-dramas coming in 2026" pieces give each
item a heading that is the work's bare name, and the paragraph under it speaks
of "the latest film from ...", "the new series", "the project" or "it". Such a
line is read as a title when it is short, written in Title Case, holds no word
that headings about other things hold ("What We Know", "Release Date", "Cast"),
and the next paragraph begins by referring to a work.
"""

from __future__ import annotations

import re

from verifier.lines import FIELD_LABEL
from verifier.titles import AMBIGUOUS_WORDS

_LINE = re.compile(r"^[ \t]*(\S[^\n]{0,58}?)[ \t]*$", re.M)
_SMALL = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "&", "no", "vs", "or",
          "with", "from", "by", "de", "la", "my", "our", "is", "are"}  # fmt: skip
_WORD = re.compile(r"[\w'’&.:!?+-]+")
# Headings about something other than one work.
_NOT_A_NAME = {
    "what", "how", "why", "when", "where", "who", "which", "everything", "cast", "plot",
    "trailer", "trailers", "release", "date", "dates", "news", "related", "more", "read",
    "latest", "update", "updates", "share", "comments", "advertisement", "subscribe", "know",
    "season", "seasons", "episode", "episodes", "review", "reviews", "summary", "conclusion",
    "faq", "contents", "story", "stories", "top", "best", "list", "watch", "streaming",
    "netflix", "disney+", "hbo", "prime", "hulu", "series", "shows", "films", "movies", "dramas",
    "k-dramas", "anime", "upcoming", "returning", "new", "coming", "soon", "recommended",
    "popular", "trending", "sign", "log", "menu", "home", "search", "follow", "us",
    # a card's field labels: "Premiere: March 5", "Network: KBS2"
    "premiere", "premieres", "network", "networks", "platform", "genre", "director", "writer",
    "writers", "starring", "stars", "runtime",
    # an article's own sections: "Key Takeaways", "Highlights", "Final Thoughts"
    "key", "takeaways", "takeaway", "highlights", "overview", "background", "details", "thoughts",
    "verdict", "timeline", "analysis", "recap", "explained", "bottom", "faqs",
}  # fmt: skip
# The paragraph under it refers to a work: "The latest film from ...", "The new A24 film",
# "The series ...", "It ...", "The project ...".
_REFERS = re.compile(
    r"(?:(?:The|This|Its|A|An)\s+(?:[\w'’+-]+\s+){0,6}?(?:film|movie|series|show|drama|k-drama|"
    r"sequel|prequel|spin-?off|project|anime|documentary|thriller|comedy|adaptation|"
    r"miniseries|feature|title|installment|instalment|remake|reboot|entry|chapter)\b|"
    r"(?:It|It's|It’s)\s)"
)


# A name leading its paragraph or list item before a colon: "Godzilla 2: The movie is being
# moved from", "- Moon Court: Part Two: The sequel to ..." (a name may have its own subtitle).
_LEADING = re.compile(
    r"^[ \t]*(?:[-*•·][ \t]+)?([A-Z0-9][^\n:]{0,58}?(?::[ \t]+[A-Z][^\n:]{0,40}?)?):[ \t]+(?=[A-Z])",
    re.M,
)


# A list of works laid out as bullets, each opening on its name as a sentence of its own:
# "• Moon Court. The legal drama was to arrive in May, but ..."
_BULLET_NAME = re.compile(r"^[ \t]*[-*•·][ \t]+([A-Z0-9][^\n.!?]{0,58}?)\.[ \t]+(?=[A-Z])", re.M)


_NUMBERED = re.compile(
    r"^[ \t]*\d{1,2}[.)][ \t]+(\S[^\n]{0,58}?)(?:[ \t]+(?:Season|Part|Series)[ \t]+\w+)?[ \t]*$",
    re.M,
)


_LINEUP_LEAD = re.compile(
    r"(?i)\b(?:19|20)\d\d\s+(?:[\w-]+\s+){0,2}(?:line-?up|slate|offerings|roster)\b|"
    r"\b(?:line-?up|slate|offerings|roster)\s+(?:for|of)\s+(?:19|20)\d\d\b"
)
_YEAR_OR_LINEUP = re.compile(r"(?i)\b(?:19|20)\d\d\b|line-?up|slate|offerings|roster")
_NOTES_AFTER = re.compile(r"\s*\([^()\n]{1,40}\)\s*$")
# A release word and a date near each other in a paragraph.
_RELEASE_WORD = (
    r"(?:premier\w*|releas\w*|arriv\w*|debut\w*|drops?|dropping|lands?|landing|streams?|"
    r"streaming|airs?|airing|launch\w*|out|returns?|returning|hits?|opens?|opening|coming|catch|"
    r"theaters|theatres|cinemas)"
)
_WHEN = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|(?:spring|summer|fall|autumn|"
    r"winter|early|late|mid)[-\s]+(?:20\d\d|this|next)|\b20\d\d\b|(?:this|next)\s+(?:year|month|week|"
    r"spring|summer|fall|autumn|winter)"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
_DATED_RELEASE = re.compile(
    rf"(?i)\b{_RELEASE_WORD}\b[^.\n]{{0,50}}?(?:{_WHEN})|(?:{_WHEN})[^.\n]{{0,30}}?\b{_RELEASE_WORD}\b|"
    rf"\b(?:release|premiere|air)\s+date\s*:|"
    # a card's field: "Date: January 29"
    rf"(?:^|\n)\s*(?:airing\s+|broadcast\s+)?date\s*:\s*(?:{_WHEN})"
)
# a card's date field: "Premiere date: May 5", "Coming to Netflix: Friday", "When can I
# watch it? July 20"
_DATE_FIELD = re.compile(
    rf"(?i)(?:(?:release|premiere|air|airing|broadcast)\s+date\s*:|coming\s+to\s+[\w+]+\s*:|"
    rf"when\s+can\s+(?:i|you)\s+(?:watch|stream|see)\s+it\s*\?\s*:?)\s*(?:{_WHEN}|{_WEEKDAY})"
)
# A card's field asked as a question: "What is it? A drama about ...".
_ASKED_FIELD = re.compile(r"(?i)(?:what\s+is\s+it|what'?s\s+it\s+about|who'?s\s+in\s+it)\s*\?")
_LIST_NUMBER = re.compile(r"^\d{1,2}[.)]\s+(?=\S)")


# The paragraph's first sentence refers to a work further in: "In June, the studio said the
# long-awaited sequel ...".
_REFERS_WITHIN = re.compile(
    r"(?:,|\b(?:said|says|announced|confirmed|revealed|that))\s+(?:the|this|its)\s+(?:[\w'’+-]+\s+){0,3}?"
    r"(?:film|movie|series|show|drama|sequel|prequel|spin-?off|project|anime|adaptation|"
    r"miniseries|remake|reboot)\b"
)
# A sentence of the paragraph that speaks of the work and of its release.
_REFERS_LATER = re.compile(
    r"(?:^|[.!?]\s+)(?:The|This|It|It's|It’s)\s+(?:(?:movie|film|series|show|drama|anime|sequel)\s+)?"
    r"[^.!?\n]{0,80}?\b(?:debuts?|premieres?|arrives?|releases?|streams?|drops?|lands?|airs?|hits?)\b"
)


def heading_titles(text: str) -> list[str]:
    """The names on lines of their own that the paragraph after them speaks of as a work,
    and those that lead a paragraph before a colon and a sentence about a work."""
    if "\n" not in text:
        return []
    leading = [m for m in _LEADING.finditer(text) if _is_name(m.group(1))]
    referring = [m for m in leading if _REFERS.match(text, m.end())]
    if len(referring) >= 2:  # a list of works so laid out: each item's name leads it
        referring = [m for m in leading if text[m.end() : m.end() + 1].isupper()]
    names = [m.group(1).strip("\"'“”‘’") for m in referring]
    bulleted = [m.group(1) for m in _BULLET_NAME.finditer(text) if _is_name(m.group(1))]
    if len(bulleted) >= 2:
        names.extend(n.strip("\"'“”‘’") for n in bulleted)
    # a numbered list of works: "1. Moon Court Season 2", "2. Ridgeline"
    numbered = [m.group(1) for m in _NUMBERED.finditer(text) if _is_name(m.group(1), numbered=True)]
    if len(numbered) >= 2:
        names.extend(n.strip("\"'“”‘’") for n in numbered)
    blocks: list[tuple[str, str]] = []  # each title-like line and the prose under it
    for line in _LINE.finditer(text):
        name = _LIST_NUMBER.sub("", line.group(1))  # "1. 18 Again": the item's number is no name's
        name = _NOTES_AFTER.sub("", name)  # "Moon Court (Netflix)": the notes are no name's
        if not name or name[-1] in ".!?:,;" or not _is_name(name):
            continue
        after = text[line.end() : line.end() + 400].lstrip()
        paragraph = after.split("\n\n", 1)[0]
        first = paragraph.split("\n", 1)[0]
        if (
            (len(paragraph) >= 20 or FIELD_LABEL.match(first))  # ("Date: January 29" alone)
            and (not _is_name(first) or FIELD_LABEL.search(first))  # prose, or a card's fields
            and not FIELD_LABEL.search(name)
        ):
            blocks.append((name.strip("\"'“”‘’"), paragraph))
            fields = [f.strip() for f in paragraph.split("\n")[:4]]
            dated = next((i for i, f in enumerate(fields) if _DATE_FIELD.match(f)), -1)
            if dated >= 0 and all(FIELD_LABEL.search(f) for f in fields[:dated]):
                # a card of its own: "Moon Court" / "Where to watch: Netflix" / "Premiere date:
                # May 5", its fields first
                names.append(name.strip("\"'“”‘’"))
            elif _ASKED_FIELD.match(first) and any(
                _DATE_FIELD.match(p.strip()) for p in after.split("\n\n")[1:3]
            ):  # its fields a paragraph each: "What is it? ..." / "When can I watch it? July 20"
                names.append(name.strip("\"'“”‘’"))
        if _REFERS.match(after) or (
            _REFERS_WITHIN.search(paragraph, 0, 160) and _DATED_RELEASE.search(paragraph)
        ):  # "In June, the studio said the sequel to the 2014 hit ... now opens May 5"
            names.append(name.strip("\"'“”‘’"))
        elif "\n" in after and _REFERS_LATER.search(paragraph):
            # "The movie also stars X and debuts on March 10th." later in its paragraph
            names.append(name.strip("\"'“”‘’"))
    if len(blocks) >= 2:
        # a list article: short title lines, each over its prose; those whose prose dates
        # a release are works ("Moon Court" over "Ana Cole stars ... Premieres March 5."),
        # and all of them in a piece that opens on a year's line-up ("StreamHub 2027
        # offerings: ten series for 2027")
        lineup = _LINEUP_LEAD.search(text, 0, 400) is not None
        names.extend(
            name
            for name, paragraph in blocks
            if (lineup and not _YEAR_OR_LINEUP.search(name)) or _DATED_RELEASE.search(paragraph)
        )  # (the line-up's own headline, "StreamHub Reveals 2027 Lineup", is no work)
    return names


def _is_name(line: str, *, numbered: bool = False) -> bool:
    """``numbered``: an item of a numbered list of works, whose name may hold any word after
    its first ("13 Reasons Why")."""
    words = _WORD.findall(line)
    if not 1 <= len(words) <= 6 or len(" ".join(words)) + 4 < len(line):
        return False  # mostly other marks than words: a caption, a table row
    if " — " in line or " – " in line:
        return False  # "Moon Court — September 15": a name and its date
    if not words[0][0].isupper() and not words[0][0].isdigit():
        return False
    for i, word in enumerate(words):
        low = word.lower().strip(":")
        if low in _NOT_A_NAME and not (numbered and i > 0):
            return False
        if not (word[0].isupper() or word[0].isdigit() or low in _SMALL):
            return False
    return not (len(words) == 1 and words[0].lower() in AMBIGUOUS_WORDS)


# A picture's caption or credit line: "Moon Court | Source: StreamHub", "Photo: StreamHub",
# "(Photo by A. Lee)", "© StreamHub". The line before it that repeats its words is the
# picture's alternative text. Names on such lines are not what the article is about.
_CREDIT = re.compile(
    r"(?im)^[^\n]{0,150}?(?:[|•·(]\s*|^\s*)(?:source|photo(?:graph)?s?|images?|pictures?|credits?|"
    r"courtesy|via|screenshot|still|poster|file\s+photo)(?:\s*:|\s+by\b|\s+courtesy\b)[^\n]{0,80}$"
    r"|^[^\n]{0,150}?©[^\n]{0,80}$"
)


def caption_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines that caption a picture or credit it, and of the lines just
    before them that repeat the caption's words."""
    if "\n" not in text:
        return []
    spans: list[tuple[int, int]] = []
    for m in _CREDIT.finditer(text):
        spans.append((m.start(), m.end()))
        caption = re.split(r"\s*[|•·(]\s*", m.group().strip(), maxsplit=1)[0]
        before = text.rfind("\n", 0, max(0, m.start() - 1))
        while before > 0 and text[before - 1] == "\n":
            before -= 1
        line_start = text.rfind("\n", 0, before) + 1 if before > 0 else 0
        if caption and text[line_start : max(line_start, before)].strip() == caption:
            spans.append((line_start, before))
    return sorted(spans)
