"""Dates a release has left: plans given up and dates moved away from.

News of a move names the old date beside the new one, and only the new one is a claim:
"was scheduled for April 3. The date has now been pushed back to Aug. 7", "from its
August release plan", "instead of hitting theaters in May, as originally planned",
"previously dated on 11/7/26 moves to 5/1/27", "to Sept. 17 from Sept. 10", "first to April
and now to October", "After the push to November, the studio once more delayed the film".
``left_behind`` tells whether a date is such an old one.
"""

from __future__ import annotations

from verifier.dates import DateMention
from verifier.scan import Words


def left_behind(body: str, date: DateMention, following: DateMention | None, after: str) -> bool:
    """Whether the date in ``body`` (a sentence) is one the release left; ``following`` is
    the sentence's next date, ``after`` the start of the text after the sentence."""
    return bool(
        (following is not None and _moved_off(date, following, body))
        or _ORIGINAL_DATE.search(body, max(0, date.start - 40), date.start) is not None
        or _FROM_AFTER_TO.search(body, max(0, date.start - 50), date.start) is not None
        or _MOVED_OFF.search(body, max(0, date.start - 60), date.start) is not None
        or _moved_again(body, date)
        or _INSTEAD_OF.search(body, max(0, date.start - 45), date.start) is not None
        or _given_up(body, date, after)
        or _AS_PLANNED_BEFORE.match(body, date.end) is not None
    )


# A plan told in the past and then undone: "X was slated for an Aug. 25 release, but is now
# undated", "X, scheduled for release on March 27, has been delayed", "X was scheduled for
# release on April 3. The date has now been pushed back to Aug. 7."
_PLANNED_BEFORE = Words(
    r"(?:\b(?:was|were)|,[\"'”’]?)\s+(?:(?:originally|initially|first|once)\s+)?(?:set|slated|scheduled|"
    r"due|dated|planned|penciled|pencilled)\s+(?:for|to|in|on)\s+[^;]{0,40}?\Z"
)
_DELAYED = (
    r"(?:(?:has|have|had|was|were)\s+(?:now\s+|since\s+|also\s+|again\s+)?been|(?:was|were|got|gets))"
    r"\s+(?:\w+\s+)?(?:delayed|postponed|pushed|moved|pulled|shifted|bumped|shelved|"
    r"rescheduled|removed)\b"
)
_UNDONE_AFTER = Words(rf"[^.;]{{0,50}}?(?:\bbut\b|{_DELAYED})")
# The next sentence undoes it: "It will now ...", "The release date has been pushed back".
_UNDONE_NEXT = Words(
    rf"[\s\"')\]]*[^.;!?\n]{{0,60}}?(?:{_DELAYED}|\bwill\s+now\b|\bis\s+now\s+"
    r"(?:set|slated|scheduled|due|dated|undated)\b)"
)


def _given_up(body: str, date: DateMention, after: str) -> bool:
    """A plan told in the past that its sentence, or the next one (``after``), undoes."""
    return bool(
        _PLANNED_BEFORE.search(body, max(0, date.start - 60), date.start)
        and (_UNDONE_AFTER.match(body, date.end) or _UNDONE_NEXT.match(after))
    )


# The date given up, after the new one: "It will now open August 15th instead of August 17th",
# "Instead of hitting theaters in May, the film ...".
_INSTEAD_OF = Words(
    r"(?:\b(?:instead\s+of|rather\s+than|in\s+place\s+of)(?:\s+\w+ing(?:\s+[\w-]+){0,3}\s+"
    r"(?:in|on|by))?|(?:,|\bbut)\s+not(?:\s+in|\s+on)?)\s+(?:its\s+|the\s+|an?\s+)?\Z"
)  # and "expected to debut in 2026, not 2025"
# What was planned, said after the date: "in May 2018, as originally expected, ..."
_AS_PLANNED_BEFORE = Words(
    r"[\s,]+as\s+(?:was\s+)?(?:originally|initially|first|previously)\s+(?:planned|expected|"
    r"scheduled|announced|intended|hoped)\b"
)

# The date a release leaves, written after the new one: "delay Mulan to Sept. 17 from Sept. 10".
_FROM_AFTER_TO = Words(
    r"\b(?:to|until|till)\s+[^;,\d]{0,15}?\d[^;,]{0,8}?\s+from\s+(?:its\s+|the\s+)?\Z"
)
# The date a move leaves, whether or not a new one is named: "will move from its August
# release plan to an undetermined date", "pulled X off its May 3 date".
_MOVED_OFF = Words(
    r"\b(?:mov|push|shift|delay|pull|bump|postpon)\w*\s+(?:back\s+|up\s+)?(?:[\w'’\"]+\s+){0,4}?"
    r"(?:from|off)\s+(?:of\s+)?(?:its|the|their|an?|his|her)\s+(?:[\w-]+\s+)?\Z"
)

# A move that a later one undid: "delayed the film, first to April and now to October",
# "After the push to November, the studio once more delayed the film".
_FIRST_TO = Words(r"\bfirst\s+(?:to|until|till|for)\s+\Z")
_THEN_TO = Words(r"[^.;]{0,30}?\b(?:now|then|later|finally|again)\s+(?:to|until|till|for)\b")
_AFTER_MOVE = Words(
    r"^\s*(?:after|following)\s+(?:the|its|a|an)\s+(?:[\w-]+\s+)?(?:push|move|delay|shift|bump)\s+"
    r"(?:back\s+)?(?:to|until|till)\s+\Z"
)
_MOVED_AGAIN = Words(
    r"\b(?:once\s+more|again|further|a\s+second\s+time|another\s+time)\b[^.;]{0,20}?\b(?:delay|push|mov|"
    r"shift|bump|postpon)|\b(?:delay|push|mov|shift|bump|postpon)\w*\s+(?:[\w-]+\s+){0,3}?(?:again|once\s+more)\b"
)


def _moved_again(body: str, date: DateMention) -> bool:
    if _FIRST_TO.search(body, max(0, date.start - 20), date.start):
        return _THEN_TO.match(body, date.end) is not None
    return bool(_AFTER_MOVE.search(body, 0, date.start) and _MOVED_AGAIN.search(body, date.end))


# The date a release leaves: "from its August 2026 release date to October", "previously
# dated on 11/7/26 moves to 5/1/27", "moving off its Feb. 9 date and eyeing a summer release".
# A date the release left: "vacating its original March 10 date".
_ORIGINAL_DATE = Words(
    r"\b(?:its|the|their|an?)\s+(?:original|originally\s+planned|previous|old|former|earlier|"
    r"initial)(?:ly\s+(?:planned|scheduled|announced))?\s+\Z"
)
_OLD_DATE_BEFORE = Words(
    r"\b(?:from|off|previously\s+(?:dated|set|scheduled|slated)(?:\s+(?:on|for))?|"
    r"originally\s+(?:dated|set|scheduled|slated)(?:\s+(?:on|for))?)\s+"
    r"(?:(?:its|the|their|an?|his|her|original|planned|previous|earlier)\s+)*\Z"
)
_NEW_DATE_BETWEEN = Words(r"\b(?:to|until|till|for|now|eye\w*|eying|targets?|targeting)\b")


def _moved_off(date: DateMention, following: DateMention, body: str) -> bool:
    return bool(
        _OLD_DATE_BEFORE.search(body, max(0, date.start - 40), date.start)
        and following.start - date.end < 80
        and _NEW_DATE_BETWEEN.search(body, date.end, following.start)
    )
